/* redcover-preview-runtime inputs-sha256=e43738aecbac30671d332cb71d2804377abe970e289e0efcbf05f6fa56f68bc0 packages=esbuild,expr-parser,j-component,miniprogram-exparser */
(() => {
  var __getOwnPropNames = Object.getOwnPropertyNames;
  var __commonJS = (cb, mod) => function __require() {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  };

  // node_modules/j-component/src/tool/utils.js
  var require_utils = __commonJS({
    "node_modules/j-component/src/tool/utils.js"(exports, module) {
      var seed = 1e14 + Math.floor(Math.random() * 9e14);
      var charString = "abcdefghij";
      function getId(notNumber) {
        const id = ++seed;
        return notNumber ? id.toString().split("").map((item) => charString[+item]).join("") : id;
      }
      function copy(src) {
        if (typeof src === "object" && src !== null) {
          let dest;
          if (Array.isArray(src)) {
            dest = src.map((item) => copy(item));
          } else {
            dest = {};
            Object.keys(src).forEach((key) => dest[key] = copy(src[key]));
          }
          return dest;
        }
        if (typeof src === "symbol") return void 0;
        return src;
      }
      var tags = ["a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo", "blockquote", "body", "br", "button", "canvas", "caption", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del", "dfn", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "keygen", "label", "legend", "li", "link", "main", "map", "mark", "meta", "meter", "nav", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "pre", "progress", "q", "rb", "rp", "rt", "rtc", "ruby", "s", "samp", "script", "section", "select", "small", "source", "span", "strong", "style", "sub", "sup", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "u", "ul", "var", "video", "wbr"];
      function isHtmlTag(tagName) {
        return tags.indexOf(tagName) >= 0;
      }
      var officialTags = [
        "view",
        "scroll-view",
        "swiper",
        "movable-view",
        "cover-view",
        "cover-view",
        "icon",
        "text",
        "rich-text",
        "progress",
        "button",
        "checkbox",
        "form",
        "input",
        "label",
        "picker",
        "picker",
        "picker-view",
        "radio",
        "slider",
        "switch",
        "textarea",
        "navigator",
        "function-page-navigator",
        "audio",
        "image",
        "video",
        "camera",
        "live-player",
        "live-pusher",
        "map",
        "canvas",
        "open-data",
        "web-view",
        "ad"
      ];
      function isOfficialTag(tagName) {
        return officialTags.indexOf(tagName) >= 0 || officialTags.indexOf(`wx-${tagName}`) >= 0;
      }
      function transformRpx(style) {
        return style.replace(/(\d+)rpx/ig, "$1px");
      }
      function dashToCamelCase(dash) {
        return dash.replace(/-[a-z]/g, (s) => s[1].toUpperCase());
      }
      function camelToDashCase(camel) {
        return camel.replace(/([A-Z])/g, "-$1").toLowerCase();
      }
      function animationToStyle({ animates, option = {} }) {
        const { transformOrigin, transition } = option;
        if (transition === void 0 || animates === void 0) {
          return {
            transformOrigin: "",
            transform: "",
            transition: ""
          };
        }
        const addPx = (value) => typeof value === "number" ? value + "px" : value;
        const transform = animates.filter(({ type }) => type !== "style").map(({ type, args }) => {
          switch (type) {
            case "matrix":
              return `matrix(${args.join(",")})`;
            case "matrix3d":
              return `matrix3d(${args.join(",")})`;
            case "rotate":
              return `rotate(${args[0]}deg)`;
            case "rotate3d":
              args[3] += "deg";
              return `rotate3d(${args.join(",")})`;
            case "rotateX":
              return `rotateX(${args[0]}deg)`;
            case "rotateY":
              return `rotateY(${args[0]}deg)`;
            case "rotateZ":
              return `rotateZ(${args[0]}deg)`;
            case "scale":
              return `scale(${args.join(",")})`;
            case "scale3d":
              return `scale3d(${args.join(",")})`;
            case "scaleX":
              return `scaleX(${args[0]})`;
            case "scaleY":
              return `scaleY(${args[0]})`;
            case "scaleZ":
              return `scaleZ(${args[0]})`;
            case "translate":
              return `translate(${args.map(addPx).join(",")})`;
            case "translate3d":
              return `translate3d(${args.map(addPx).join(",")})`;
            case "translateX":
              return `translateX(${addPx(args[0])})`;
            case "translateY":
              return `translateY(${addPx(args[0])})`;
            case "translateZ":
              return `translateZ(${addPx(args[0])})`;
            case "skew":
              return `skew(${args.map((value) => value + "deg").join(",")})`;
            case "skewX":
              return `skewX(${args[0]}deg)`;
            case "skewY":
              return `skewY(${args[0]}deg)`;
            default:
              return "";
          }
        }).join(" ");
        const style = animates.filter(({ type }) => type === "style").reduce((previous, current) => {
          previous[current.args[0]] = current.args[1];
          return previous;
        }, {});
        return {
          style,
          transformOrigin,
          transform,
          transitionProperty: ["transform", ...Object.keys(style)].join(","),
          transition: `${transition.duration}ms ${transition.timingFunction} ${transition.delay}ms`
        };
      }
      function adjustExparserDefinition(definition) {
        const properties = definition.properties || {};
        Object.keys(properties).forEach((key) => {
          const value = properties[key];
          if (value === null) {
            properties[key] = { type: null };
          } else if (value === Number || value === String || value === Boolean || value === Object || value === Array) {
            properties[key] = { type: value };
          } else if (value.public === void 0 || value.public) {
            properties[key] = {
              type: value.type === null ? null : value.type,
              value: value.value,
              observer: value.observer
            };
          }
        });
        return definition;
      }
      var idTagNameMap = {};
      function setTagName(id, tagName) {
        idTagNameMap[id] = tagName;
      }
      function getTagName(id) {
        return idTagNameMap[id];
      }
      var CACHE = {};
      function cache(id, instance) {
        if (instance) {
          CACHE[id] = instance;
        } else {
          return CACHE[id];
        }
      }
      function parseEvent(name, value) {
        const res = /^(capture-)?(mut-)?(bind|catch|)(?::)?(.*)$/ig.exec(name);
        if (res[3] && res[4]) {
          const isCapture = !!res[1];
          const isMutated = !!res[2];
          const isCatch = res[3] === "catch";
          const eventName = res[4];
          return {
            name: eventName,
            isMutated,
            isCapture,
            isCatch,
            handler: value
          };
        }
      }
      function normalizeAbsolute(absolutePath) {
        if (!absolutePath) return null;
        absolutePath = absolutePath.replace(/\\/g, "/");
        return absolutePath.split("/").filter((item) => !!item).join("/");
      }
      function relativeToAbsolute(basePath, relativePath) {
        let baseDirPath = normalizeAbsolute(basePath).split("/");
        baseDirPath.pop();
        baseDirPath = baseDirPath.join("/");
        const pathList = [];
        normalizeAbsolute(`${baseDirPath}/${relativePath}`).split("/").forEach((item) => {
          if (item === "..") {
            pathList.pop();
          } else if (item !== ".") {
            pathList.push(item);
          }
        });
        return pathList.join("/");
      }
      function getDom(exparserNode) {
        let dom = exparserNode.$$;
        if (!dom) {
          dom = document.createElement("virtual");
          const fragment = document.createDocumentFragment();
          const shadowRoot = exparserNode.shadowRoot;
          const childNodes = shadowRoot && shadowRoot.childNodes;
          if (childNodes && childNodes.length) {
            childNodes.forEach((child) => fragment.appendChild(getDom(child)));
          }
          dom.appendChild(fragment);
        }
        return dom;
      }
      module.exports = {
        getId,
        copy,
        isHtmlTag,
        isOfficialTag,
        transformRpx,
        dashToCamelCase,
        camelToDashCase,
        animationToStyle,
        adjustExparserDefinition,
        setTagName,
        getTagName,
        cache,
        parseEvent,
        normalizeAbsolute,
        relativeToAbsolute,
        getDom
      };
    }
  });

  // node_modules/expr-parser/index.js
  var require_expr_parser = __commonJS({
    "node_modules/expr-parser/index.js"(exports, module) {
      var ESCAPE = {
        "n": "\n",
        "f": "\f",
        "r": "\r",
        "t": "	",
        "v": "\v"
      };
      var CONSTANTS = {
        "null": (data) => null,
        "true": (data) => true,
        "false": (data) => false,
        "undefined": (data) => void 0
      };
      var OPERATORS = {
        "+": (data, a, b) => a(data) + b(data),
        "-": (data, a, b) => a(data) - b(data),
        "*": (data, a, b) => a(data) * b(data),
        "/": (data, a, b) => a(data) / b(data),
        "%": (data, a, b) => a(data) % b(data),
        "===": (data, a, b) => a(data) === b(data),
        "!==": (data, a, b) => a(data) !== b(data),
        "==": (data, a, b) => a(data) == b(data),
        "!=": (data, a, b) => a(data) != b(data),
        "<": (data, a, b) => a(data) < b(data),
        ">": (data, a, b) => a(data) > b(data),
        "<=": (data, a, b) => a(data) <= b(data),
        ">=": (data, a, b) => a(data) >= b(data),
        "&&": (data, a, b) => a(data) && b(data),
        "||": (data, a, b) => a(data) || b(data),
        "!": (data, a) => !a(data)
      };
      function isNumber(char) {
        return char >= "0" && char <= "9" && typeof char === "string";
      }
      function isExpOperator(char) {
        return char === "-" || char === "+" || isNumber(char);
      }
      function isIdent(char) {
        return char >= "a" && char <= "z" || char >= "A" && char <= "Z" || char === "_" || char === "$";
      }
      var Expression = class {
        constructor(content) {
          if (!content) throw new Error("invalid expression");
          this.content = content;
        }
        lex() {
          let content = this.content;
          let length = content.length;
          let index = 0;
          let tokens = [];
          while (index < length) {
            let char = content.charAt(index);
            if (char === '"' || char === "'") {
              let start = ++index;
              let escape = false;
              let value = "";
              let token;
              while (index < length) {
                let c = content.charAt(index);
                if (escape) {
                  if (c === "u") {
                    let hex = content.substring(index + 1, index + 5);
                    if (!hex.match(/[\da-f]{4}/i)) {
                      throw new Error(`invalid expression: ${content}, invalid unicode escape [\\u${hex}]`);
                    }
                    index += 4;
                    value += String.fromCharCode(parseInt(hex, 16));
                  } else {
                    let rep = ESCAPE[c];
                    value = value + (rep || c);
                  }
                  escape = false;
                } else if (c === "\\") {
                  escape = true;
                } else if (c === char) {
                  index++;
                  token = {
                    index: start,
                    constant: true,
                    text: char + value + char,
                    value
                  };
                  break;
                } else {
                  value += c;
                }
                index++;
              }
              if (!token) {
                throw new Error(`invalid expression: ${content}`);
              } else {
                tokens.push(token);
              }
            } else if (isNumber(char) || char === "." && isNumber(content.charAt(index + 1))) {
              let start = index;
              let value = "";
              while (index < length) {
                let c = content.charAt(index).toLowerCase();
                if (c === "." || isNumber(c)) {
                  value += c;
                } else {
                  let c2 = content.charAt(index + 1);
                  if (c === "e" && isExpOperator(c2)) {
                    value += c;
                  } else if (isExpOperator(c) && c2 && isNumber(c2) && value.charAt(value.length - 1) === "e") {
                    value += c;
                  } else if (isExpOperator(c) && (!c2 || !isNumber(c2)) && value.charAt(value.length - 1) == "e") {
                    throw new Error(`invalid expression: ${content}`);
                  } else {
                    break;
                  }
                }
                index++;
              }
              tokens.push({
                index: start,
                constant: true,
                text: value,
                value: Number(value)
              });
            } else if (isIdent(char)) {
              let start = index;
              while (index < length) {
                let c = content.charAt(index);
                if (!(isIdent(c) || isNumber(c))) {
                  break;
                }
                index++;
              }
              tokens.push({
                index: start,
                text: content.slice(start, index),
                identifier: true
              });
            } else if ("(){}[].,;:?".indexOf(char) >= 0) {
              tokens.push({
                index,
                text: char
              });
              index++;
            } else if (char === " " || char === "\r" || char === "	" || char === "\n" || char === "\v" || char === "\xA0") {
              index++;
            } else {
              let char2 = char + content.charAt(index + 1);
              let char3 = char2 + content.charAt(index + 2);
              let op1 = OPERATORS[char];
              let op2 = OPERATORS[char2];
              let op3 = OPERATORS[char3];
              if (op1 || op2 || op3) {
                let text = op3 ? char3 : op2 ? char2 : char;
                tokens.push({
                  index,
                  text,
                  operator: true
                });
                index += text.length;
              } else {
                throw new Error(`invalid expression: ${content}`);
              }
            }
          }
          this.tokens = tokens;
          return tokens;
        }
        parse() {
          let tokens = this.lex();
          let func;
          let token = tokens[0];
          let text = token.text;
          if (tokens.length > 0 && text !== "}" && text !== ")" && text !== "]") {
            func = this.expression();
          }
          return (data) => func && func(data);
        }
        expect(text) {
          let tokens = this.tokens;
          let token = tokens[0];
          if (!text || text === (token && token.text)) {
            return tokens.shift();
          }
        }
        consume(text) {
          if (!this.tokens.length) throw new Error(`parse expression error: ${this.content}`);
          let token = this.expect(text);
          if (!token) throw new Error(`parse expression error: ${this.content}`);
          return token;
        }
        expression() {
          return this.ternary();
        }
        ternary() {
          let left = this.logicalOR();
          let token;
          if (token = this.expect("?")) {
            let middle = this.expression();
            this.consume(":");
            let right = this.expression();
            return (data) => left(data) ? middle(data) : right(data);
          }
          return left;
        }
        binary(left, op, right) {
          let fn = OPERATORS[op];
          return (data) => fn(data, left, right);
        }
        unary() {
          let token;
          if (this.expect("+")) {
            return this.primary();
          } else if (token = this.expect("-")) {
            return this.binary((data) => 0, token.text, this.unary());
          } else if (token = this.expect("!")) {
            let fn = OPERATORS[token.text];
            let right = this.unary();
            return (data) => fn(data, right);
          } else {
            return this.primary();
          }
        }
        logicalOR() {
          let left = this.logicalAND();
          let token;
          while (token = this.expect("||")) {
            left = this.binary(left, token.text, this.logicalAND());
          }
          return left;
        }
        logicalAND() {
          let left = this.equality();
          let token;
          while (token = this.expect("&&")) {
            left = this.binary(left, token.text, this.equality());
          }
          return left;
        }
        equality() {
          let left = this.relational();
          let token;
          while (token = this.expect("==") || this.expect("!=") || this.expect("===") || this.expect("!==")) {
            left = this.binary(left, token.text, this.relational());
          }
          return left;
        }
        relational() {
          let left = this.additive();
          let token;
          while (token = this.expect("<") || this.expect(">") || this.expect("<=") || this.expect(">=")) {
            left = this.binary(left, token.text, this.additive());
          }
          return left;
        }
        additive() {
          let left = this.multiplicative();
          let token;
          while (token = this.expect("+") || this.expect("-")) {
            left = this.binary(left, token.text, this.multiplicative());
          }
          return left;
        }
        multiplicative() {
          let left = this.unary();
          let token;
          while (token = this.expect("*") || this.expect("/") || this.expect("%")) {
            left = this.binary(left, token.text, this.unary());
          }
          return left;
        }
        primary() {
          let token = this.tokens[0];
          let primary;
          if (this.expect("(")) {
            primary = this.expression();
            this.consume(")");
          } else if (this.expect("[")) {
            primary = this.array();
          } else if (this.expect("{")) {
            primary = this.object();
          } else if (token.identifier && token.text in CONSTANTS) {
            primary = CONSTANTS[this.consume().text];
          } else if (token.identifier) {
            primary = this.identifier();
          } else if (token.constant) {
            primary = this.constant();
          } else {
            throw new Error(`parse expression error: ${this.content}`);
          }
          let next;
          let context;
          while (next = this.expect("(") || this.expect("[") || this.expect(".")) {
            if (next.text === "(") {
              primary = this.functionCall(primary, context);
              context = null;
            } else if (next.text === "[") {
              context = primary;
              primary = this.objectIndex(primary);
            } else {
              context = primary;
              primary = this.fieldAccess(primary);
            }
          }
          return primary;
        }
        fieldAccess(object) {
          let getter = this.identifier();
          return (data) => {
            let o = object(data);
            return o && getter(o);
          };
        }
        objectIndex(object) {
          let indexFn = this.expression();
          this.consume("]");
          return (data) => {
            let o = object(data);
            let key = indexFn(data) + "";
            return o && o[key];
          };
        }
        functionCall(func, context) {
          let args = [];
          if (this.tokens[0].text !== ")") {
            do {
              args.push(this.expression());
            } while (this.expect(","));
          }
          this.consume(")");
          return (data) => {
            let callContext = context && context(data);
            let fn = func(data, callContext);
            return fn && fn.apply(callContext, args.length ? args.map((arg) => arg(data)) : null);
          };
        }
        array() {
          let elements = [];
          let token = this.tokens[0];
          if (token.text !== "]") {
            do {
              if (this.tokens[0].text === "]") break;
              elements.push(this.expression());
            } while (this.expect(","));
          }
          this.consume("]");
          return (data) => elements.map((element) => element(data));
        }
        object() {
          let keys = [];
          let values = [];
          let token = this.tokens[0];
          if (token.text !== "}") {
            do {
              token = this.tokens[0];
              if (token.text === "}") break;
              token = this.consume();
              if (token.constant) {
                keys.push(token.value);
              } else if (token.identifier) {
                keys.push(token.text);
              } else {
                throw new Error(`parse expression error: ${this.content}`);
              }
              this.consume(":");
              values.push(this.expression());
            } while (this.expect(","));
          }
          this.consume("}");
          return (data) => {
            let object = {};
            for (let i = 0, length = values.length; i < length; i++) {
              object[keys[i]] = values[i](data);
            }
            return object;
          };
        }
        identifier() {
          let id = this.consume().text;
          let token = this.tokens[0];
          let token2 = this.tokens[1];
          let token3 = this.tokens[2];
          while (token && token.text === "." && token2 && token2.identifier && token3 && token3.text !== "(") {
            id += this.consume().text + this.consume().text;
            token = this.tokens[0];
            token2 = this.tokens[1];
            token3 = this.tokens[2];
          }
          return (data) => {
            let elements = id.split(".");
            let key;
            for (let i = 0; elements.length > 1; i++) {
              key = elements.shift();
              data = data[key];
              if (!data) break;
            }
            key = elements.shift();
            return data && data[key];
          };
        }
        constant() {
          let value = this.consume().value;
          return (data) => value;
        }
      };
      module.exports = Expression;
    }
  });

  // node_modules/j-component/src/template/expr.js
  var require_expr = __commonJS({
    "node_modules/j-component/src/template/expr.js"(exports, module) {
      var Expression = require_expr_parser();
      module.exports = {
        /**
         * 获取表达式
         */
        getExpression(content) {
          let end = 0;
          let start = content.indexOf("{{", end);
          const res = [];
          while (start >= 0) {
            let expression;
            res.push(content.substring(end, start));
            start += 2;
            end = content.indexOf("}}", start);
            if (end >= 0) {
              expression = new Expression(content.substring(start, end));
              end += 2;
            } else {
              res.push(content.substring(start - 2));
              end = content.length;
            }
            if (expression) res.push(expression.parse());
            start = content.indexOf("{{", end);
          }
          res.push(content.substring(end));
          return res.filter((item) => !!item);
        },
        /**
         * 计算表达式
         */
        calcExpression(arr, data = {}) {
          if (!arr || typeof arr === "string" || typeof arr === "number" || typeof arr === "boolean") {
            return arr;
          }
          if (arr.length === 1 && typeof arr[0] === "function") {
            return arr[0](data);
          }
          return arr.map((item) => {
            if (typeof item === "string") return item;
            if (typeof item === "function") return item(data);
            return "";
          }).join("");
        }
      };
    }
  });

  // node_modules/j-component/src/tool/constant.js
  var require_constant = __commonJS({
    "node_modules/j-component/src/tool/constant.js"(exports, module) {
      module.exports = {
        // 节点类型
        TYPE_ROOT: 10,
        TYPE_SLOT: 11,
        TYPE_TEMPLATE: 12,
        TYPE_BLOCK: 13,
        TYPE_IMPORT: 14,
        TYPE_INCLUDE: 15,
        TYPE_WXS: 16,
        TYPE_COMPONENT: 17,
        TYPE_TEXT: 18,
        TYPE_IF: 19,
        TYPE_FOR: 20,
        TYPE_FORITEM: 21,
        TYPE_NATIVE: 22
      };
    }
  });

  // node_modules/j-component/src/template/virtualnode.js
  var require_virtualnode = __commonJS({
    "node_modules/j-component/src/template/virtualnode.js"(exports, module) {
      var expr2 = require_expr();
      var CONSTANT = require_constant();
      var VirtualNode2 = class {
        constructor(options = {}) {
          this.type = options.type;
          this.tagName = options.tagName || "";
          this.componentId = options.componentId;
          this.root = options.root || this;
          this.parent = options.parent;
          this.index = options.index || 0;
          this.content = options.content && expr2.getExpression(options.content);
          this.attrs = options.attrs || [];
          this.event = options.event || {};
          this.statement = options.statement || {};
          this.children = options.children || [];
          this.generics = options.generics;
          this.componentManager = options.componentManager;
          this.data = options.data || {};
          this.wxsModuleName = "";
          this.slotName = "";
          this.checkAttrs();
        }
        /**
         * 检查属性
         */
        checkAttrs() {
          const type = this.type;
          const attrs = this.attrs;
          const filterAttrs = [];
          for (const attr of attrs) {
            const name = attr.name;
            const value = attr.value;
            if (type === CONSTANT.TYPE_WXS && name === "module") {
              this.wxsModuleName = value || "";
            } else if (type === CONSTANT.TYPE_SLOT && name === "name") {
              this.slotName = value || "";
            } else {
              if (value && typeof value === "string") attr.value = expr2.getExpression(value);
              filterAttrs.push(attr);
            }
          }
          this.attrs = filterAttrs;
        }
        /**
         * 设置父节点
         */
        setParent(parent, index = 0) {
          if (!parent) return;
          this.parent = parent;
          this.index = index;
        }
        /**
         * 添加子节点
         */
        appendChild(node) {
          this.children.push(node);
        }
        /**
         * 设置 wxs 内容并转换成函数
         */
        setWxsContent(content) {
          if (!this.wxsModuleName) return;
          const func = new Function("require", "module", content);
          const req = () => {
          };
          const mod = { exports: {} };
          func.call(null, req, mod);
          this.root.data[this.wxsModuleName] = mod.exports;
        }
        /**
         * 获取下一个兄弟节点
         */
        nextSibling() {
          return this.parent && this.parent.children[this.index + 1];
        }
        /**
         * 获取前一个兄弟节点
         */
        previousSibling() {
          return this.parent && this.parent.children[this.index - 1];
        }
        /**
         * 检查 if 语句
         */
        checkIf(data) {
          const statement = this.statement;
          if (!statement.if) return true;
          return expr2.calcExpression(statement.if, data);
        }
        /**
         * 检查 elif 语句
         */
        checkElif(data) {
          const statement = this.statement;
          if (!statement.elif) return true;
          return this.checkPreviousCondition(data) ? false : expr2.calcExpression(statement.elif, data);
        }
        /**
         * 检查 else 语句
         */
        checkElse(data) {
          const statement = this.statement;
          if (!statement.else) return true;
          return !this.checkPreviousCondition(data);
        }
        /**
         * 检查前一个条件语句
         */
        checkPreviousCondition(data) {
          let previousSibling = this.previousSibling();
          while (previousSibling) {
            const statement = previousSibling.statement;
            if (previousSibling.type !== CONSTANT.TYPE_IF) return false;
            if (!statement.if && !statement.elif) return false;
            if (statement.if) return previousSibling.checkIf(data);
            if (statement.elif) {
              if (!previousSibling.checkElif(data)) {
                previousSibling = previousSibling.previousSibling();
              } else {
                return true;
              }
            }
          }
          return false;
        }
        /**
         * 生成虚拟树
         */
        generate(options = {}) {
          const data = options.data || {};
          const statement = this.statement;
          let key = options.key || "";
          options.data = data;
          delete options.key;
          if (this.type === CONSTANT.TYPE_INCLUDE) {
            return null;
          }
          if (this.type === CONSTANT.TYPE_IMPORT) {
            return null;
          }
          if (this.type === CONSTANT.TYPE_TEMPLATE) {
            return null;
          }
          if (this.type === CONSTANT.TYPE_WXS) {
            return null;
          }
          if (this.type === CONSTANT.TYPE_IF && (!this.checkIf(data) || !this.checkElif(data) || !this.checkElse(data))) {
            return null;
          }
          let children = [];
          if (this.children && this.children.length) {
            if (this.type === CONSTANT.TYPE_FOR) {
              const list = expr2.calcExpression(statement.for, data) || [];
              options.extra = options.extra || {};
              for (let i = 0, len = list.length; i < len; i++) {
                const { forItem: bakItem, forIndex: bakIndex } = options.extra;
                options.extra.forItem = list[i];
                options.extra.forIndex = i;
                this.children.forEach((node) => {
                  const vt = node.generate(options);
                  children.push(vt);
                });
                options.extra.forItem = bakItem;
                options.extra.forIndex = bakIndex;
              }
            } else if (this.type === CONSTANT.TYPE_FORITEM) {
              options.extra = options.extra || {};
              const { forItem, forIndex } = options.extra;
              const { forItem: bakItem, forIndex: bakIndex } = data;
              data[statement.forItem] = forItem;
              data[statement.forIndex] = forIndex;
              if (statement.forKey) key = statement.forKey === "*this" ? forItem : forItem[statement.forKey];
              children = this.children.map((node) => node.generate(options));
              data[statement.forItem] = bakItem;
              data[statement.forIndex] = bakIndex;
            } else {
              children = this.children.map((node) => node.generate(options));
            }
          }
          const filterChildren = [];
          for (const child of children) {
            if (!child) continue;
            if (child.type === CONSTANT.TYPE_BLOCK) {
              const grandChildren = child.children;
              for (const grandChild of grandChildren) {
                filterChildren.push(grandChild);
              }
            } else {
              filterChildren.push(child);
            }
          }
          const attrs = [];
          for (const { name, value } of this.attrs) {
            attrs.push({
              name,
              value: value ? expr2.calcExpression(value, data) : value
            });
          }
          let content = expr2.calcExpression(this.content, data);
          content = content !== void 0 ? String(content) : "";
          return {
            type: this.type,
            tagName: this.tagName,
            componentId: this.componentId,
            content,
            // 文本节点的内容
            key,
            // 节点的 key，diff 用
            children: filterChildren,
            generics: this.generics,
            attrs,
            event: this.event,
            slotName: this.slotName
            // slot 节点的 name 属性
          };
        }
      };
      module.exports = VirtualNode2;
    }
  });

  // node_modules/miniprogram-exparser/exparser.min.js
  var require_exparser_min = __commonJS({
    "node_modules/miniprogram-exparser/exparser.min.js"(exports, module) {
      module.exports = function(e) {
        function t(n) {
          if (r[n]) return r[n].exports;
          var o = r[n] = { exports: {}, id: n, loaded: false };
          return e[n].call(o.exports, o, o.exports, t), o.loaded = true, o.exports;
        }
        var r = {};
        return t.m = e, t.c = r, t.p = "", t(0);
      }([function(e, t, r) {
        var n = r(1), o = r(3), i = r(5), a = r(6), l = r(7), s = r(8), _ = r(9), c = r(15), u = r(12), d = r(17), f = r(18), p = r(19), h = r(16), v = r(10), m = r(20), b = r(14), g = r(4), w = r(13), y = r(21);
        t.FreeTmpl = y, t.precompileTemplate = y.precompiler ? y.precompiler.compile : null, t.precompiler = y.precompiler ? y.precompiler : null, t.HtmlLLParser = y.htmlParser ? y.htmlParser : null, t.LLParser = n, t.dataPath = l, t.dataUtils = i, t.Event = a, t.Element = _, t.TextNode = u, t.NativeNode = d, t.VirtualNode = f, t.ShadowRoot = p, t.Behavior = s, t.Component = c, t.Observer = v, t.DataGroup = h, t.ElementIterator = m, t.FakeDomElement = b, t.registerBehavior = s.create, t.registerElement = c.register, t.createElement = c.create, t.createTextNode = u.create, t.createVirtualNode = f.create, t.appendChild = _.appendChild, t.insertBefore = _.insertBefore, t.removeChild = _.removeChild, t.replaceChild = _.replaceChild, t.addListenerToElement = a.addListenerToElement, t.removeListenerFromElement = a.removeListenerFromElement, t.triggerEvent = a.triggerEvent, t.safeCallback = o.safeCallback, t.addGlobalErrorListener = o.addGlobalErrorListener, t.removeGlobalErrorListener = o.removeGlobalErrorListener, t.addGlobalWarningListener = o.addGlobalWarningListener, t.removeGlobalWarningListener = o.removeGlobalWarningListener, t.globalOptions = g, t.globalState = w, c._setDefaultTemplateEngine(y);
        var x = t.updateDefaultComponent = function() {
          delete c._list[""], c.register({ is: "", options: { writeOnly: true, allowInWriteOnly: true, lazyRegistration: false, classPrefix: "", addGlobalClass: false, templateEngine: null, renderingMode: "full", multipleSlots: false, reflectToAttributes: false } });
        };
        x();
        var C = function(e2) {
          var t2 = "";
          if (e2 instanceof exparser.Element && (e2.id && (t2 += ' id="' + e2.id + '"'), e2.slot && (t2 += ' slot="' + e2.slot + '"'), e2.__slotName && (t2 += ' name="' + e2.__slotName + '"'), e2.classList && (t2 += ' class="' + e2.class + '"'), e2.$$ && e2.$$.getAttribute("style") && (t2 += ' style="' + e2.$$.getAttribute("style") + '"')), e2 instanceof exparser.VirtualNode) return t2;
          if (e2 instanceof exparser.Component) return c.listPublicProperties(e2).forEach(function(r3) {
            t2 += " " + r3 + "=" + JSON.stringify(e2[r3]);
          }), t2;
          for (var r2 = e2.attributes, n2 = 0; n2 < r2.length; n2++) t2 += " " + r2[n2].name + '="' + r2[n2].value + '"';
          return t2;
        }, O = t.dumpElementToString = function(e2, t2, r2) {
          var n2 = null;
          g.hasDOMBackend && (n2 = window);
          var o2 = 0;
          r2 = r2 || 0;
          var i2 = "";
          for (o2 = r2; o2; o2--) i2 += "  ";
          var a2 = "";
          if (e2 instanceof exparser.Element) a2 += i2 + "<" + (e2.$$ ? e2.$$.tagName.toLowerCase() + ":" : "") + e2.is + C(e2) + ">", a2 += e2 instanceof exparser.VirtualNode ? " [Exp-Virtual]" : e2 instanceof exparser.NativeNode ? " [Exp-Native]" : " [Exp-Component]", a2 += "\n" + O(t2 ? e2.__wxSlotChildren : e2.childNodes, t2, r2 + 1);
          else if (e2 instanceof exparser.TextNode) a2 += i2 + e2.textContent + " [Exp-Text]\n";
          else if (n2 && n2.HTMLElement && e2 instanceof n2.HTMLElement) a2 += i2 + "<" + e2.tagName.toLowerCase() + C(e2) + "> [DOM-Element]", a2 += "\n" + O(t2 ? e2.__wxSlotChildren || e2.childNodes : e2.childNodes, t2, r2 + 1);
          else if (n2 && n2.Text && e2 instanceof n2.Text) a2 += i2 + e2.textContent + " [DOM-Text]\n";
          else if (void 0 !== e2.length) for (o2 = 0; o2 < e2.length; o2++) a2 += O(e2[o2], t2, r2);
          else a2 = i2 + "[unknown node]\n";
          return a2;
        };
        t.dumpElement = function(e2, t2) {
          console.log(O(e2, t2));
        };
      }, function(e, t, r) {
        var n = null, o = 16384, i = 128, a = 128, l = 0, s = 1, _ = 65536, c = function() {
        }, u = c.stats = { all: 0, copyIn: 0, parse: 0, constructOut: 0 }, d = function(e2) {
          var t2 = n.llparser_create_descriptor(e2, 1);
          return t2;
        }, f = function(e2, t2) {
          var r2 = n.llparser_create_descriptor(e2, 0), o2 = false;
          "^" === t2[0] && (o2 = true);
          for (var i2 = o2 ? 1 : 0; i2 < t2.length; i2++) {
            var a2 = t2.charCodeAt(i2);
            if ("-" === t2[i2 + 1]) {
              var l2 = t2.charCodeAt(i2 + 2);
              a2 <= l2 ? (n.llparser_descriptor_add_range(r2, a2, l2), i2 += 2) : n.llparser_descriptor_add_char(r2, a2);
            } else n.llparser_descriptor_add_char(r2, a2);
          }
          return o2 && n.llparser_descriptor_revert(r2), r2;
        };
        c.create = function(e2, t2, u2) {
          n || (n = r(2));
          var p2 = new c();
          u2 = u2 || o;
          var h2 = p2._llp = n.llparser_create(u2, i, a), v = {}, m = {}, b = "";
          v.ALL = n.llparser_create_descriptor(h2, 0), n.llparser_descriptor_set_all(v.ALL), v.NULL = n.llparser_create_descriptor(h2, 0), n.llparser_descriptor_set_nil(v.NULL);
          for (b in e2) v[b] = d(h2);
          for (b in e2) for (var g = e2[b], w = v[b], y = 0; y < g.length; y++) {
            for (var x = g[y].id, C = g[y].states, O = [], S = 0; S < C.length; S++) {
              var E = C[S];
              v[E] || (v[E] = f(h2, E)), O.push(v[E]);
            }
            var N = l;
            "_raw" === x ? N = s : "_jump" === x ? N = _ + 0 : "_blank" === x && (N = _ + 1);
            var k = n.llparser_add_rule(h2, N, w, O.length, O[0], O[1], O[2], O[3], O[4], O[5], O[6], O[7]);
            N === l && (m[k] = t2[x]);
          }
          return n.llparser_prepare(h2), p2._inputPtr = n.llparser_get_input_buffer(h2), p2._resultPtr = n.llparser_get_result(h2), p2._stateIdMap = v, p2._ruleCbMap = m, p2._charCountLimit = u2, p2;
        };
        var p = function(e2, t2, r2, n2, o2) {
          for (var i2 = [], a2 = { i: 0, r: 0, n: false, cc: -1, c: [] }, l2 = a2, s2 = o2.pos, _2 = false, c2 = false, u2 = false; ; ) {
            var d2 = t2[s2], f2 = t2[s2 + 1];
            if (f2 < 0 ? (c2 = true, f2 = -f2 - 1) : c2 = false, d2 >= 0) {
              u2 = true;
              var p2 = r2.slice(d2, f2);
              l2.c.push(p2), _2 = c2;
            } else {
              if (d2 === -1 && 0 === f2) break;
              u2 = false;
              var h2 = -d2, v = f2, m = { i: l2.c.length - (_2 ? 1 : 0), r: h2, n: c2, cc: v, c: [] };
              if (_2) {
                var b = l2.c.length - 1, g = l2.c[b];
                m.c.push(g), l2.c[b] = m;
              } else l2.c.push(m);
              i2.push(l2), l2 = m, _2 = false;
            }
            if (!u2 || !_2) for (; l2.c.length === l2.cc; ) {
              _2 = l2.n;
              var w = i2.pop();
              if (w.c[l2.i] = n2[l2.r].call(e2, l2.c), l2 = w, _2) break;
            }
            s2 += 2;
          }
          return a2.c[0];
        }, h = function(e2, t2, r2, n2) {
          for (var o2 = n2 > e2.length ? e2.length : n2, i2 = 0; i2 < o2; i2++) t2[r2 + i2] = e2.charCodeAt(i2);
          t2[r2 + o2] = 0;
        };
        c.prototype.parse = function(e2, t2) {
          var r2 = Date.now();
          h(t2, new Uint16Array(n.memory.buffer), this._inputPtr >> 1, this._charCountLimit), u.copyIn = u.copyIn + Date.now() - r2, r2 = Date.now();
          var o2 = n.llparser_parse(this._llp, this._stateIdMap[e2]);
          if (u.parse = u.parse + Date.now() - r2, r2 = Date.now(), o2) throw new Error("Parsing failed at character position " + (o2 - 1) + ' near "' + t2.slice(o2 - 20, o2) + '"');
          var i2 = p(this, new Int32Array(n.memory.buffer), t2, this._ruleCbMap, { pos: this._resultPtr >> 2 });
          return u.constructOut = u.constructOut + Date.now() - r2, i2;
        }, c.prototype.destroy = function() {
          n.llparser_destroy(this._llp);
        }, e.exports = c;
      }, function(e, t) {
        e.exports = function(e2) {
          function t2(n) {
            if (r[n]) return r[n].exports;
            var o = r[n] = { i: n, l: false, exports: {} };
            return e2[n].call(o.exports, o, o.exports, t2), o.l = true, o.exports;
          }
          var r = {};
          return t2.m = e2, t2.c = r, t2.d = function(e3, r2, n) {
            t2.o(e3, r2) || Object.defineProperty(e3, r2, { enumerable: true, get: n });
          }, t2.r = function(e3) {
            "undefined" != typeof Symbol && Symbol.toStringTag && Object.defineProperty(e3, Symbol.toStringTag, { value: "Module" }), Object.defineProperty(e3, "__esModule", { value: true });
          }, t2.t = function(e3, r2) {
            if (1 & r2 && (e3 = t2(e3)), 8 & r2) return e3;
            if (4 & r2 && "object" == typeof e3 && e3 && e3.__esModule) return e3;
            var n = /* @__PURE__ */ Object.create(null);
            if (t2.r(n), Object.defineProperty(n, "default", { enumerable: true, value: e3 }), 2 & r2 && "string" != typeof e3) for (var o in e3) t2.d(n, o, function(t3) {
              return e3[t3];
            }.bind(null, o));
            return n;
          }, t2.n = function(e3) {
            var r2 = e3 && e3.__esModule ? function() {
              return e3.default;
            } : function() {
              return e3;
            };
            return t2.d(r2, "a", r2), r2;
          }, t2.o = function(e3, t3) {
            return Object.prototype.hasOwnProperty.call(e3, t3);
          }, t2.p = "", t2(t2.s = 0);
        }([function(e2, t2, r) {
          "use strict";
          function n(e3, t3, r2) {
            return m.llparser_create(e3, t3, r2);
          }
          function o(e3) {
            m.llparser_destroy(e3);
          }
          function i(e3, t3) {
            return m.llparser_create_descriptor(e3, t3);
          }
          function a(e3) {
            m.llparser_descriptor_set_all(e3);
          }
          function l(e3) {
            m.llparser_descriptor_set_nil(e3);
          }
          function s(e3, t3) {
            m.llparser_descriptor_add_char(e3, t3);
          }
          function _(e3, t3, r2) {
            m.llparser_descriptor_add_range(e3, t3, r2);
          }
          function c(e3) {
            m.llparser_descriptor_revert(e3);
          }
          function u(e3, t3, r2, n2, o2, i2, a2, l2, s2, _2, c2, u2) {
            return m.llparser_add_rule(e3, t3, r2, n2, o2, i2, a2, l2, s2, _2, c2, u2);
          }
          function d(e3) {
            m.llparser_prepare(e3);
          }
          function f(e3, t3) {
            return m.llparser_parse(e3, t3);
          }
          function p(e3) {
            return m.llparser_get_input_buffer(e3);
          }
          function h(e3) {
            return m.llparser_get_result(e3);
          }
          function v() {
            m.wasm_main();
          }
          r.r(t2), r.d(t2, "llparser_create", function() {
            return n;
          }), r.d(t2, "llparser_destroy", function() {
            return o;
          }), r.d(t2, "llparser_create_descriptor", function() {
            return i;
          }), r.d(t2, "llparser_descriptor_set_all", function() {
            return a;
          }), r.d(t2, "llparser_descriptor_set_nil", function() {
            return l;
          }), r.d(t2, "llparser_descriptor_add_char", function() {
            return s;
          }), r.d(t2, "llparser_descriptor_add_range", function() {
            return _;
          }), r.d(t2, "llparser_descriptor_revert", function() {
            return c;
          }), r.d(t2, "llparser_add_rule", function() {
            return u;
          }), r.d(t2, "llparser_prepare", function() {
            return d;
          }), r.d(t2, "llparser_parse", function() {
            return f;
          }), r.d(t2, "llparser_get_input_buffer", function() {
            return p;
          }), r.d(t2, "llparser_get_result", function() {
            return h;
          }), r.d(t2, "wasm_main", function() {
            return v;
          }), r.d(t2, "memory", function() {
            return b;
          });
          var m = r(1), b = m.memory;
          m.__wbindgen_start();
        }, function(e2, t2, r) {
          "use strict";
          r.r(t2), r.d(t2, "memory", function() {
            return i;
          }), r.d(t2, "rust_calloc", function() {
            return a;
          }), r.d(t2, "rust_free", function() {
            return l;
          }), r.d(t2, "llparser_create", function() {
            return s;
          }), r.d(t2, "llparser_destroy", function() {
            return _;
          }), r.d(t2, "llparser_create_descriptor", function() {
            return c;
          }), r.d(t2, "llparser_descriptor_set_all", function() {
            return u;
          }), r.d(t2, "llparser_descriptor_set_nil", function() {
            return d;
          }), r.d(t2, "llparser_descriptor_add_char", function() {
            return f;
          }), r.d(t2, "llparser_descriptor_add_range", function() {
            return p;
          }), r.d(t2, "llparser_descriptor_revert", function() {
            return h;
          }), r.d(t2, "llparser_add_rule", function() {
            return v;
          }), r.d(t2, "llparser_prepare", function() {
            return m;
          }), r.d(t2, "llparser_parse", function() {
            return b;
          }), r.d(t2, "llparser_get_input_buffer", function() {
            return g;
          }), r.d(t2, "llparser_get_result", function() {
            return w;
          }), r.d(t2, "wasm_main", function() {
            return y;
          }), r.d(t2, "__wbindgen_start", function() {
            return x;
          });
          var n = new ArrayBuffer(1114112), o = function(e3, t3, r2) {
            function n2(e4) {
              var t4 = 0, r3 = 0, n3 = 0, o3 = 0, i3 = 0, a3 = 0, _3 = 0;
              r3 = (t4 = e4 + -8 | 0) + (e4 = -8 & (o3 = m2[e4 + -4 >> 2])) | 0;
              e: {
                t: {
                  r: {
                    n: {
                      o: if (!(1 & o3)) {
                        if (!(3 & o3)) break n;
                        if (e4 = (o3 = m2[t4 >> 2]) + e4 | 0, (0 | (t4 = t4 - o3 | 0)) == m2[262246]) {
                          if (3 != (3 & m2[r3 + 4 >> 2])) break o;
                          return m2[262244] = e4, m2[r3 + 4 >> 2] = -2 & m2[r3 + 4 >> 2], m2[t4 + 4 >> 2] = 1 | e4, void (m2[e4 + t4 >> 2] = e4);
                        }
                        o3 >>> 0 >= 256 ? s2(t4) : (0 | (n3 = m2[t4 + 8 >> 2])) == (0 | (i3 = m2[t4 + 12 >> 2])) ? (a3 = 1048576, _3 = m2[262144] & p2(o3 >>> 3), m2[a3 >> 2] = _3) : (m2[n3 + 12 >> 2] = i3, m2[i3 + 8 >> 2] = n3);
                      }
                      if (2 & (o3 = m2[r3 + 4 >> 2])) m2[r3 + 4 >> 2] = -2 & o3, m2[t4 + 4 >> 2] = 1 | e4, m2[e4 + t4 >> 2] = e4;
                      else {
                        o: {
                          if (m2[262247] != (0 | r3)) {
                            if ((0 | r3) != m2[262246]) break o;
                            return m2[262246] = t4, e4 = m2[262244] + e4 | 0, m2[262244] = e4, m2[t4 + 4 >> 2] = 1 | e4, void (m2[e4 + t4 >> 2] = e4);
                          }
                          if (m2[262247] = t4, e4 = m2[262245] + e4 | 0, m2[262245] = e4, m2[t4 + 4 >> 2] = 1 | e4, (0 | t4) == m2[262246] && (m2[262244] = 0, m2[262246] = 0), (r3 = m2[262254]) >>> 0 >= e4 >>> 0) break n;
                          if (!(e4 = m2[262247])) break n;
                          i: if (!((o3 = m2[262245]) >>> 0 < 41)) for (t4 = 1049e3; ; ) {
                            if ((n3 = m2[t4 >> 2]) + m2[t4 + 4 >> 2] >>> 0 > e4 >>> 0 && n3 >>> 0 <= e4 >>> 0) break i;
                            if (!(t4 = m2[t4 + 8 >> 2])) break;
                          }
                          if (n3 = 4095, e4 = m2[262252]) {
                            for (t4 = 0; t4 = t4 + 1 | 0, e4 = m2[e4 + 8 >> 2]; ) ;
                            n3 = t4 >>> 0 > 4095 ? t4 : 4095;
                          }
                          if (m2[262256] = n3, o3 >>> 0 <= r3 >>> 0) break n;
                          return void (m2[262254] = -1);
                        }
                        if (e4 = (n3 = -8 & o3) + e4 | 0, n3 >>> 0 >= 256 ? s2(r3) : (0 | (n3 = m2[r3 + 12 >> 2])) == (0 | (r3 = m2[r3 + 8 >> 2])) ? (a3 = 1048576, _3 = m2[262144] & p2(o3 >>> 3), m2[a3 >> 2] = _3) : (m2[r3 + 12 >> 2] = n3, m2[n3 + 8 >> 2] = r3), m2[t4 + 4 >> 2] = 1 | e4, m2[e4 + t4 >> 2] = e4, m2[262246] == (0 | t4)) {
                          m2[262244] = e4;
                          break n;
                        }
                      }
                      if (e4 >>> 0 < 256) break r;
                      if (l2(t4, e4), e4 = m2[262256] + -1 | 0, m2[262256] = e4, !e4) {
                        if (e4 = m2[262252]) break t;
                        e4 = 4095;
                        break e;
                      }
                    }
                    return;
                  }
                  return e4 = 1048584 + ((r3 = e4 >>> 3) << 3) | 0, o3 = m2[262144], r3 = 1 << (31 & r3), n3 = m2[e4 + 8 >> 2], o3 & r3 || (m2[262144] = r3 | o3, n3 = e4), r3 = n3, m2[e4 + 8 >> 2] = t4, m2[r3 + 12 >> 2] = t4, m2[t4 + 12 >> 2] = e4, void (m2[t4 + 8 >> 2] = r3);
                }
                for (t4 = 0; t4 = t4 + 1 | 0, e4 = m2[e4 + 8 >> 2]; ) ;
                e4 = t4 >>> 0 > 4095 ? t4 : 4095;
              }
              m2[262256] = e4;
            }
            function o2(e4, t4, r3, n3, o3, i3, a3, l3, s3, _3, c3, u3) {
              var d3;
              return C = d3 = C + -64 | 0, m2[d3 + 60 >> 2] = e4, m2[d3 + 56 >> 2] = t4, m2[d3 + 52 >> 2] = r3, m2[d3 + 48 >> 2] = n3, m2[d3 + 44 >> 2] = o3, m2[d3 + 40 >> 2] = i3, m2[d3 + 36 >> 2] = a3, m2[d3 + 32 >> 2] = l3, m2[d3 + 28 >> 2] = s3, m2[d3 + 24 >> 2] = _3, m2[d3 + 20 >> 2] = c3, m2[d3 + 16 >> 2] = u3, t4 = m2[m2[d3 + 60 >> 2] + 28 >> 2], r3 = m2[d3 + 60 >> 2], e4 = m2[r3 >> 2], m2[r3 >> 2] = e4 + 1, m2[d3 + 12 >> 2] = t4 + y2(e4, 44), m2[m2[d3 + 12 >> 2] >> 2] = m2[d3 + 52 >> 2], m2[m2[d3 + 12 >> 2] + 4 >> 2] = m2[d3 + 48 >> 2], m2[d3 + 48 >> 2] > 0 && (m2[m2[d3 + 12 >> 2] + 8 >> 2] = m2[d3 + 44 >> 2]), m2[d3 + 48 >> 2] > 1 && (m2[m2[d3 + 12 >> 2] + 12 >> 2] = m2[d3 + 40 >> 2]), m2[d3 + 48 >> 2] > 2 && (m2[m2[d3 + 12 >> 2] + 16 >> 2] = m2[d3 + 36 >> 2]), m2[d3 + 48 >> 2] > 3 && (m2[m2[d3 + 12 >> 2] + 20 >> 2] = m2[d3 + 32 >> 2]), m2[d3 + 48 >> 2] > 4 && (m2[m2[d3 + 12 >> 2] + 24 >> 2] = m2[d3 + 28 >> 2]), m2[d3 + 48 >> 2] > 5 && (m2[m2[d3 + 12 >> 2] + 28 >> 2] = m2[d3 + 24 >> 2]), m2[d3 + 48 >> 2] > 6 && (m2[m2[d3 + 12 >> 2] + 32 >> 2] = m2[d3 + 20 >> 2]), m2[d3 + 48 >> 2] > 7 && (m2[m2[d3 + 12 >> 2] + 36 >> 2] = m2[d3 + 16 >> 2]), m2[m2[d3 + 12 >> 2] + 40 >> 2] = m2[d3 + 56 >> 2], m2[d3 + 48 >> 2] > 0 && function(e5, t5, r4) {
                var n4 = 0;
                m2[28 + (n4 = C - 32 | 0) >> 2] = e5, m2[n4 + 24 >> 2] = t5, m2[n4 + 20 >> 2] = r4, m2[n4 + 16 >> 2] = (m2[n4 + 20 >> 2] - m2[m2[n4 + 28 >> 2] + 24 >> 2] | 0) / 140, 1 == m2[m2[n4 + 20 >> 2] + 4 >> 2] && (t5 = m2[m2[n4 + 28 >> 2] + 40 >> 2], r4 = m2[n4 + 28 >> 2], e5 = m2[r4 + 8 >> 2], m2[r4 + 8 >> 2] = e5 + 1, m2[n4 + 12 >> 2] = t5 + (e5 << 3), m2[m2[n4 + 12 >> 2] >> 2] = m2[n4 + 24 >> 2], m2[m2[n4 + 12 >> 2] + 4 >> 2] = m2[m2[n4 + 20 >> 2] + 136 >> 2], m2[m2[n4 + 20 >> 2] + 136 >> 2] = m2[n4 + 12 >> 2]);
              }(m2[d3 + 60 >> 2], m2[d3 + 12 >> 2], m2[d3 + 52 >> 2]), C = d3 - -64 | 0, m2[d3 + 12 >> 2];
            }
            function i2(e4, t4, r3, n3, o3) {
              var a3;
              if (C = a3 = C - 48 | 0, m2[a3 + 44 >> 2] = e4, m2[a3 + 40 >> 2] = t4, m2[a3 + 36 >> 2] = r3, m2[a3 + 32 >> 2] = n3, m2[a3 + 28 >> 2] = o3, m2[m2[a3 + 40 >> 2] >> 2] != m2[a3 + 36 >> 2]) for (m2[m2[a3 + 40 >> 2] >> 2] = m2[a3 + 36 >> 2], m2[a3 + 24 >> 2] = m2[m2[a3 + 40 >> 2] + 136 >> 2], m2[a3 + 20 >> 2] = 1 & (0 != m2[a3 + 28 >> 2] ^ -1 ^ -1); m2[a3 + 24 >> 2]; ) {
                for (m2[a3 + 20 >> 2] || (m2[a3 + 28 >> 2] = m2[a3 + 24 >> 2]), m2[a3 + 16 >> 2] = m2[m2[m2[a3 + 24 >> 2] >> 2] + 8 >> 2], 1 == m2[m2[a3 + 16 >> 2] + 4 >> 2] && i2(m2[a3 + 44 >> 2], m2[a3 + 16 >> 2], m2[a3 + 36 >> 2], m2[a3 + 32 >> 2], m2[a3 + 28 >> 2]), m2[a3 + 12 >> 2] = 0; !(m2[a3 + 12 >> 2] >= 128); ) b2[m2[a3 + 12 >> 2] + (m2[a3 + 16 >> 2] + 8 | 0) | 0] && (w2[m2[a3 + 28 >> 2] >> 2] >= w2[m2[a3 + 32 >> 2] + (m2[a3 + 12 >> 2] << 2) >> 2] && m2[m2[a3 + 32 >> 2] + (m2[a3 + 12 >> 2] << 2) >> 2] || (m2[m2[a3 + 32 >> 2] + (m2[a3 + 12 >> 2] << 2) >> 2] = m2[m2[a3 + 28 >> 2] >> 2])), m2[a3 + 12 >> 2] = m2[a3 + 12 >> 2] + 1;
                m2[a3 + 24 >> 2] = m2[m2[a3 + 24 >> 2] + 4 >> 2];
              }
              C = a3 + 48 | 0;
            }
            function a2(e4, t4, r3, n3) {
              var o3;
              for (m2[44 + (o3 = C - 48 | 0) >> 2] = e4, m2[o3 + 40 >> 2] = t4, m2[o3 + 36 >> 2] = r3, m2[o3 + 32 >> 2] = n3, m2[o3 + 28 >> 2] = m2[m2[o3 + 40 >> 2] + 136 >> 2]; m2[o3 + 28 >> 2]; ) {
                if (m2[o3 + 24 >> 2] = m2[m2[m2[o3 + 28 >> 2] >> 2] + 8 >> 2], m2[o3 + 24 >> 2] == m2[o3 + 40 >> 2]) for (m2[o3 + 20 >> 2] = m2[m2[m2[o3 + 28 >> 2] >> 2] + 12 >> 2], m2[o3 + 16 >> 2] = 0; !(m2[o3 + 16 >> 2] >= 128); ) {
                  e: {
                    if (1 != m2[m2[o3 + 20 >> 2] + 4 >> 2]) {
                      if (!b2[m2[o3 + 16 >> 2] + (m2[o3 + 20 >> 2] + 8 | 0) | 0]) break e;
                    } else if (m2[o3 + 12 >> 2] = m2[m2[o3 + 44 >> 2] + 32 >> 2] + ((m2[o3 + 20 >> 2] - m2[m2[o3 + 44 >> 2] + 24 >> 2] | 0) / 140 << 9), !m2[m2[o3 + 12 >> 2] + (m2[o3 + 16 >> 2] << 2) >> 2]) break e;
                    w2[m2[o3 + 28 >> 2] >> 2] >= w2[m2[o3 + 32 >> 2] + (m2[o3 + 16 >> 2] << 2) >> 2] && m2[m2[o3 + 32 >> 2] + (m2[o3 + 16 >> 2] << 2) >> 2] || (m2[m2[o3 + 32 >> 2] + (m2[o3 + 16 >> 2] << 2) >> 2] = m2[m2[o3 + 28 >> 2] >> 2]);
                  }
                  m2[o3 + 16 >> 2] = m2[o3 + 16 >> 2] + 1;
                }
                m2[o3 + 28 >> 2] = m2[m2[o3 + 28 >> 2] + 4 >> 2];
              }
            }
            function l2(e4, t4) {
              var r3 = 0, n3 = 0, o3 = 0, i3 = 0;
              m2[e4 + 16 >> 2] = 0, m2[e4 + 20 >> 2] = 0, o3 = e4, r3 = 0, (n3 = t4 >>> 8) && (r3 = 31, t4 >>> 0 > 16777215 || (r3 = 62 + ((t4 >>> (6 - (n3 = x2(n3)) & 31) & 1) - (n3 << 1) | 0) | 0)), m2[o3 + 28 >> 2] = r3, o3 = 1048848 + (r3 << 2) | 0;
              e: {
                t: {
                  r: {
                    n: {
                      if ((i3 = m2[262145]) & (n3 = 1 << (31 & r3))) {
                        if (n3 = m2[o3 >> 2], (-8 & m2[n3 + 4 >> 2]) != (0 | t4)) break n;
                        r3 = n3;
                        break r;
                      }
                      m2[262145] = n3 | i3, m2[o3 >> 2] = e4, m2[e4 + 24 >> 2] = o3;
                      break e;
                    }
                    for (o3 = t4 << (31 == (0 | r3) ? 0 : 25 - (r3 >>> 1) & 31); ; ) {
                      if (!(r3 = m2[(i3 = 16 + ((o3 >>> 29 & 4) + n3 | 0) | 0) >> 2])) break t;
                      if (o3 <<= 1, n3 = r3, (-8 & m2[r3 + 4 >> 2]) == (0 | t4)) break;
                    }
                  }
                  return t4 = m2[r3 + 8 >> 2], m2[t4 + 12 >> 2] = e4, m2[r3 + 8 >> 2] = e4, m2[e4 + 24 >> 2] = 0, m2[e4 + 12 >> 2] = r3, void (m2[e4 + 8 >> 2] = t4);
                }
                m2[i3 >> 2] = e4, m2[e4 + 24 >> 2] = n3;
              }
              m2[e4 + 12 >> 2] = e4, m2[e4 + 8 >> 2] = e4;
            }
            function s2(e4) {
              var t4, r3 = 0, n3 = 0, o3 = 0, i3 = 0, a3 = 0, l3 = 0;
              t4 = m2[e4 + 24 >> 2];
              e: {
                t: {
                  if ((0 | e4) == (0 | (r3 = m2[e4 + 12 >> 2]))) {
                    if (o3 = m2[(r3 = e4 + 20 | 0) >> 2], n3 = m2[(o3 ? 20 : 16) + e4 >> 2]) break t;
                    r3 = 0;
                    break e;
                  }
                  n3 = m2[e4 + 8 >> 2], m2[n3 + 12 >> 2] = r3, m2[r3 + 8 >> 2] = n3;
                  break e;
                }
                for (o3 = o3 ? r3 : e4 + 16 | 0; i3 = o3, (n3 = m2[(o3 = (r3 = n3) + 20 | 0) >> 2]) || (o3 = r3 + 16 | 0, n3 = m2[r3 + 16 >> 2]), n3; ) ;
                m2[i3 >> 2] = 0;
              }
              e: if (t4) {
                n3 = 1048848 + (m2[e4 + 28 >> 2] << 2) | 0;
                t: {
                  if ((0 | e4) == m2[n3 >> 2]) {
                    if (m2[n3 >> 2] = r3, r3) break t;
                    return a3 = 1048580, l3 = m2[262145] & p2(m2[e4 + 28 >> 2]), void (m2[a3 >> 2] = l3);
                  }
                  if (m2[(m2[t4 + 16 >> 2] == (0 | e4) ? 16 : 20) + t4 >> 2] = r3, !r3) break e;
                }
                m2[r3 + 24 >> 2] = t4, (n3 = m2[e4 + 16 >> 2]) && (m2[r3 + 16 >> 2] = n3, m2[n3 + 24 >> 2] = r3), (e4 = m2[e4 + 20 >> 2]) && (m2[r3 + 20 >> 2] = e4, m2[e4 + 24 >> 2] = r3);
              }
            }
            function _2(e4, t4) {
              var r3, n3, o3;
              return C = r3 = C - 32 | 0, m2[r3 + 24 >> 2] = e4, m2[r3 + 20 >> 2] = t4, m2[r3 + 16 >> 2] = 0, m2[r3 + 12 >> 2] = 0, n3 = r3, o3 = function e5(t5, r4, n4, o4, i3, a3, l3) {
                var s3, _3 = 0, c3 = 0;
                C = s3 = C - 96 | 0, m2[s3 + 88 >> 2] = t5, m2[s3 + 84 >> 2] = r4, m2[s3 + 80 >> 2] = n4, m2[s3 + 76 >> 2] = o4, m2[s3 + 72 >> 2] = i3, m2[s3 + 68 >> 2] = a3, m2[s3 + 64 >> 2] = l3, m2[s3 + 60 >> 2] = g2[m2[s3 + 80 >> 2] + (m2[m2[s3 + 76 >> 2] >> 2] << 1) >> 1], w2[s3 + 60 >> 2] >= 128 && (m2[s3 + 60 >> 2] = 1);
                e: if (m2[m2[s3 + 72 >> 2] >> 2] > (m2[s3 + 64 >> 2] - 4 | 0)) m2[s3 + 92 >> 2] = -1;
                else if (1 == m2[m2[s3 + 84 >> 2] + 4 >> 2]) if (m2[s3 + 56 >> 2] = m2[m2[s3 + 76 >> 2] >> 2], m2[s3 + 52 >> 2] = m2[m2[s3 + 72 >> 2] >> 2], m2[s3 + 48 >> 2] = 0, m2[s3 + 44 >> 2] = 0, m2[s3 + 40 >> 2] = m2[m2[s3 + 88 >> 2] + 32 >> 2] + ((m2[s3 + 84 >> 2] - m2[m2[s3 + 88 >> 2] + 24 >> 2] | 0) / 140 << 9), m2[s3 + 36 >> 2] = 0, !m2[m2[s3 + 40 >> 2] + (m2[s3 + 60 >> 2] << 2) >> 2] | w2[s3 + 60 >> 2] <= 0 | w2[s3 + 60 >> 2] >= 127 ? !m2[s3 + 60 >> 2] | !m2[m2[s3 + 40 >> 2] + 508 >> 2] ? m2[m2[s3 + 40 >> 2] >> 2] && (m2[s3 + 36 >> 2] = m2[m2[s3 + 40 >> 2] >> 2]) : m2[s3 + 36 >> 2] = m2[m2[s3 + 40 >> 2] + 508 >> 2] : m2[s3 + 36 >> 2] = m2[m2[s3 + 40 >> 2] + (m2[s3 + 60 >> 2] << 2) >> 2], m2[s3 + 36 >> 2]) {
                  for (m2[s3 + 68 >> 2] || m2[m2[s3 + 36 >> 2] + 40 >> 2] || (m2[s3 + 48 >> 2] = m2[m2[s3 + 72 >> 2] >> 2], t5 = m2[s3 + 72 >> 2], m2[t5 >> 2] = m2[t5 >> 2] + 2), m2[s3 + 32 >> 2] = 0; m2[s3 + 32 >> 2] < m2[m2[s3 + 36 >> 2] + 4 >> 2]; ) {
                    if (m2[s3 + 28 >> 2] = m2[s3 + 68 >> 2], m2[s3 + 68 >> 2] || !m2[m2[s3 + 36 >> 2] + 40 >> 2] | m2[m2[s3 + 36 >> 2] + 40 >> 2] == (m2[s3 + 32 >> 2] + 65536 | 0) || (m2[s3 + 28 >> 2] = 1), _3 = s3, c3 = e5(m2[s3 + 88 >> 2], m2[(m2[s3 + 36 >> 2] + 8 | 0) + (m2[s3 + 32 >> 2] << 2) >> 2], m2[s3 + 80 >> 2], m2[s3 + 76 >> 2], m2[s3 + 72 >> 2], m2[s3 + 28 >> 2], m2[s3 + 64 >> 2]), m2[_3 + 24 >> 2] = c3, m2[s3 + 24 >> 2] < 0) {
                      m2[s3 + 92 >> 2] = -1;
                      break e;
                    }
                    m2[s3 + 68 >> 2] | m2[m2[s3 + 36 >> 2] + 40 >> 2] != (m2[s3 + 32 >> 2] + 65536 | 0) || (m2[s3 + 44 >> 2] = m2[s3 + 24 >> 2]), m2[s3 + 32 >> 2] = m2[s3 + 32 >> 2] + 1;
                  }
                  for (m2[s3 + 68 >> 2] || (m2[m2[s3 + 36 >> 2] + 40 >> 2] ? 1 == m2[m2[s3 + 36 >> 2] + 40 >> 2] && (r4 = m2[s3 + 56 >> 2], n4 = m2[m2[s3 + 88 >> 2] + 48 >> 2], o4 = m2[s3 + 72 >> 2], t5 = m2[o4 >> 2], m2[o4 >> 2] = t5 + 1, m2[n4 + (t5 << 2) >> 2] = r4, m2[s3 + 44 >> 2] = m2[m2[s3 + 72 >> 2] >> 2], r4 = m2[m2[s3 + 76 >> 2] >> 2], n4 = m2[m2[s3 + 88 >> 2] + 48 >> 2], o4 = m2[s3 + 72 >> 2], t5 = m2[o4 >> 2], m2[o4 >> 2] = t5 + 1, m2[n4 + (t5 << 2) >> 2] = r4) : (m2[m2[m2[s3 + 88 >> 2] + 48 >> 2] + (m2[s3 + 48 >> 2] << 2) >> 2] = 0 - m2[s3 + 36 >> 2], m2[m2[m2[s3 + 88 >> 2] + 48 >> 2] + (m2[s3 + 48 >> 2] + 1 << 2) >> 2] = m2[m2[s3 + 36 >> 2] + 4 >> 2], m2[s3 + 44 >> 2] = m2[s3 + 48 >> 2] + 1)); ; ) {
                    if (m2[m2[s3 + 72 >> 2] >> 2] > (m2[s3 + 64 >> 2] - 4 | 0)) {
                      m2[s3 + 92 >> 2] = -1;
                      break e;
                    }
                    if (m2[s3 + 20 >> 2] = m2[m2[s3 + 88 >> 2] + 36 >> 2] + ((m2[s3 + 84 >> 2] - m2[m2[s3 + 88 >> 2] + 24 >> 2] | 0) / 140 << 9), m2[s3 + 16 >> 2] = 0, m2[s3 + 60 >> 2] = g2[m2[s3 + 80 >> 2] + (m2[m2[s3 + 76 >> 2] >> 2] << 1) >> 1], w2[s3 + 60 >> 2] >= 128 && (m2[s3 + 60 >> 2] = 1), !m2[m2[s3 + 20 >> 2] + (m2[s3 + 60 >> 2] << 2) >> 2] | w2[s3 + 60 >> 2] <= 0 | w2[s3 + 60 >> 2] >= 127 ? !m2[s3 + 60 >> 2] | !m2[m2[s3 + 20 >> 2] + 508 >> 2] || (m2[s3 + 16 >> 2] = m2[m2[s3 + 20 >> 2] + 508 >> 2]) : m2[s3 + 16 >> 2] = m2[m2[s3 + 20 >> 2] + (m2[s3 + 60 >> 2] << 2) >> 2], !m2[s3 + 16 >> 2]) break;
                    for (m2[s3 + 68 >> 2] || (m2[m2[s3 + 16 >> 2] + 40 >> 2] ? 65536 != m2[m2[s3 + 16 >> 2] + 40 >> 2] && (m2[m2[s3 + 72 >> 2] >> 2] = m2[s3 + 52 >> 2]) : (m2[m2[m2[s3 + 88 >> 2] + 48 >> 2] + (m2[s3 + 44 >> 2] << 2) >> 2] = (0 - m2[m2[m2[s3 + 88 >> 2] + 48 >> 2] + (m2[s3 + 44 >> 2] << 2) >> 2] | 0) - 1, m2[s3 + 48 >> 2] = m2[m2[s3 + 72 >> 2] >> 2], t5 = m2[s3 + 72 >> 2], m2[t5 >> 2] = m2[t5 >> 2] + 2)), m2[s3 + 12 >> 2] = 1; m2[s3 + 12 >> 2] < m2[m2[s3 + 16 >> 2] + 4 >> 2]; ) {
                      if (m2[s3 + 8 >> 2] = m2[s3 + 68 >> 2], m2[s3 + 68 >> 2] || !m2[m2[s3 + 16 >> 2] + 40 >> 2] | m2[m2[s3 + 16 >> 2] + 40 >> 2] == (m2[s3 + 12 >> 2] + 65536 | 0) || (m2[s3 + 8 >> 2] = 1), _3 = s3, c3 = e5(m2[s3 + 88 >> 2], m2[(m2[s3 + 16 >> 2] + 8 | 0) + (m2[s3 + 12 >> 2] << 2) >> 2], m2[s3 + 80 >> 2], m2[s3 + 76 >> 2], m2[s3 + 72 >> 2], m2[s3 + 8 >> 2], m2[s3 + 64 >> 2]), m2[_3 + 4 >> 2] = c3, m2[s3 + 4 >> 2] < 0) {
                        m2[s3 + 92 >> 2] = -1;
                        break e;
                      }
                      m2[s3 + 68 >> 2] | m2[m2[s3 + 16 >> 2] + 40 >> 2] != (m2[s3 + 12 >> 2] + 65536 | 0) || (m2[s3 + 44 >> 2] = m2[s3 + 4 >> 2]), m2[s3 + 12 >> 2] = m2[s3 + 12 >> 2] + 1;
                    }
                    m2[s3 + 68 >> 2] || (m2[m2[s3 + 16 >> 2] + 40 >> 2] ? 1 == m2[m2[s3 + 16 >> 2] + 40 >> 2] && (r4 = m2[s3 + 56 >> 2], n4 = m2[m2[s3 + 88 >> 2] + 48 >> 2], o4 = m2[s3 + 72 >> 2], t5 = m2[o4 >> 2], m2[o4 >> 2] = t5 + 1, m2[n4 + (t5 << 2) >> 2] = r4, m2[s3 + 44 >> 2] = m2[m2[s3 + 72 >> 2] >> 2], r4 = m2[m2[s3 + 76 >> 2] >> 2], n4 = m2[m2[s3 + 88 >> 2] + 48 >> 2], o4 = m2[s3 + 72 >> 2], t5 = m2[o4 >> 2], m2[o4 >> 2] = t5 + 1, m2[n4 + (t5 << 2) >> 2] = r4) : (m2[m2[m2[s3 + 88 >> 2] + 48 >> 2] + (m2[s3 + 48 >> 2] << 2) >> 2] = 0 - m2[s3 + 16 >> 2], m2[m2[m2[s3 + 88 >> 2] + 48 >> 2] + (m2[s3 + 48 >> 2] + 1 << 2) >> 2] = m2[m2[s3 + 16 >> 2] + 4 >> 2], m2[s3 + 44 >> 2] = m2[s3 + 48 >> 2] + 1));
                  }
                  m2[s3 + 92 >> 2] = m2[s3 + 44 >> 2];
                } else m2[s3 + 92 >> 2] = -1;
                else {
                  if (m2[s3 + 60 >> 2] && (-1 == m2[m2[s3 + 84 >> 2] + 4 >> 2] && (t5 = m2[s3 + 76 >> 2], m2[t5 >> 2] = m2[t5 >> 2] + 1), !m2[m2[s3 + 84 >> 2] + 4 >> 2])) {
                    if (!b2[m2[s3 + 60 >> 2] + (m2[s3 + 84 >> 2] + 8 | 0) | 0]) {
                      m2[s3 + 92 >> 2] = -1;
                      break e;
                    }
                    t5 = m2[s3 + 76 >> 2], m2[t5 >> 2] = m2[t5 >> 2] + 1;
                  }
                  m2[s3 + 68 >> 2] || (r4 = m2[m2[s3 + 76 >> 2] >> 2], n4 = m2[m2[s3 + 84 >> 2] + 4 >> 2], o4 = m2[m2[s3 + 88 >> 2] + 48 >> 2], i3 = m2[s3 + 72 >> 2], t5 = m2[i3 >> 2], m2[i3 >> 2] = t5 + 1, m2[o4 + (t5 << 2) >> 2] = r4 - (-2 == (0 | n4) ? 0 : 1), r4 = m2[m2[s3 + 76 >> 2] >> 2], n4 = m2[m2[s3 + 88 >> 2] + 48 >> 2], o4 = m2[s3 + 72 >> 2], t5 = m2[o4 >> 2], m2[o4 >> 2] = t5 + 1, m2[n4 + (t5 << 2) >> 2] = r4), m2[s3 + 92 >> 2] = m2[m2[s3 + 72 >> 2] >> 2] - 1;
                }
                return C = s3 + 96 | 0, m2[s3 + 92 >> 2];
              }(m2[r3 + 24 >> 2], m2[r3 + 20 >> 2], m2[m2[r3 + 24 >> 2] + 44 >> 2], r3 + 12 | 0, r3 + 16 | 0, 0, m2[m2[r3 + 24 >> 2] + 12 >> 2] << 1), m2[n3 + 8 >> 2] = o3, e4 = m2[m2[r3 + 24 >> 2] + 48 >> 2], t4 = m2[r3 + 16 >> 2], m2[r3 + 16 >> 2] = t4 + 1, m2[e4 + (t4 << 2) >> 2] = -1, e4 = m2[m2[r3 + 24 >> 2] + 48 >> 2], t4 = m2[r3 + 16 >> 2], m2[r3 + 16 >> 2] = t4 + 1, m2[e4 + (t4 << 2) >> 2] = 0, g2[m2[m2[r3 + 24 >> 2] + 44 >> 2] + (m2[r3 + 12 >> 2] << 1) >> 1] | m2[r3 + 8 >> 2] < 0 ? m2[r3 + 28 >> 2] = m2[r3 + 12 >> 2] + 1 : m2[r3 + 28 >> 2] = 0, C = r3 + 32 | 0, m2[r3 + 28 >> 2];
            }
            function c2(e4) {
              var t4;
              return !(t4 = function(e5) {
                var t5 = 0, r3 = 0, n3 = 0, o3 = 0, i3 = 0, a3 = 0, _3 = 0, c3 = 0, u3 = 0, d3 = 0, v3 = 0;
                e: {
                  t: {
                    r: {
                      if (e5 >>> 0 >= 245) {
                        if (e5 >>> 0 >= 4294901709) break t;
                        if (o3 = -8 & (e5 = e5 + 11 | 0), !(c3 = m2[262145])) break r;
                        r3 = 0 - o3 | 0, _3 = 0, (e5 >>>= 8) && (_3 = 31, o3 >>> 0 > 16777215 || (_3 = 62 + ((o3 >>> (6 - (e5 = x2(e5)) & 31) & 1) - (e5 << 1) | 0) | 0));
                        n: {
                          o: {
                            if (e5 = m2[1048848 + (_3 << 2) >> 2]) {
                              for (i3 = o3 << (31 == (0 | _3) ? 0 : 25 - (_3 >>> 1) & 31); ; ) {
                                if (!((a3 = -8 & m2[e5 + 4 >> 2]) >>> 0 < o3 >>> 0 || (a3 = a3 - o3 | 0) >>> 0 >= r3 >>> 0 || (n3 = e5, r3 = a3))) {
                                  r3 = 0;
                                  break o;
                                }
                                if (a3 = m2[e5 + 20 >> 2], e5 = m2[16 + ((i3 >>> 29 & 4) + e5 | 0) >> 2], t5 = a3 && (0 | a3) != (0 | e5) ? a3 : t5, i3 <<= 1, !e5) break;
                              }
                              if (t5) {
                                e5 = t5;
                                break o;
                              }
                              if (n3) break n;
                            }
                            if (n3 = 0, !(e5 = (0 - (e5 = 2 << (31 & _3)) | e5) & c3)) break r;
                            if (!(e5 = m2[1048848 + (f2(e5 & 0 - e5) << 2) >> 2])) break r;
                          }
                          for (; n3 = (a3 = (i3 = (t5 = -8 & m2[e5 + 4 >> 2]) - o3 | 0) >>> 0 < r3 >>> 0 & t5 >>> 0 >= o3 >>> 0) ? e5 : n3, r3 = a3 ? i3 : r3, e5 = (t5 = m2[e5 + 16 >> 2]) || m2[e5 + 20 >> 2]; ) ;
                          if (!n3) break r;
                        }
                        if (r3 >>> 0 >= (e5 = m2[262244]) - o3 >>> 0 && e5 >>> 0 >= o3 >>> 0) break r;
                        s2(n3);
                        n: if (r3 >>> 0 >= 16) {
                          if (m2[n3 + 4 >> 2] = 3 | o3, m2[4 + (t5 = n3 + o3 | 0) >> 2] = 1 | r3, m2[t5 + r3 >> 2] = r3, r3 >>> 0 >= 256) {
                            l2(t5, r3);
                            break n;
                          }
                          e5 = 1048584 + ((r3 >>>= 3) << 3) | 0, i3 = m2[262144], r3 = 1 << (31 & r3), _3 = m2[e5 + 8 >> 2], i3 & r3 || (m2[262144] = r3 | i3, _3 = e5), r3 = _3, m2[e5 + 8 >> 2] = t5, m2[r3 + 12 >> 2] = t5, m2[t5 + 12 >> 2] = e5, m2[t5 + 8 >> 2] = r3;
                        } else e5 = r3 + o3 | 0, m2[n3 + 4 >> 2] = 3 | e5, m2[4 + (e5 = e5 + n3 | 0) >> 2] = 1 | m2[e5 + 4 >> 2];
                        return n3 + 8 | 0;
                      }
                      n: {
                        o: {
                          if (!(3 & (e5 = (t5 = m2[262144]) >>> (n3 = 31 & (r3 = (o3 = e5 >>> 0 < 11 ? 16 : e5 + 11 & -8) >>> 3))))) {
                            if (o3 >>> 0 <= w2[262244]) break r;
                            if (e5) break o;
                            if (!(e5 = m2[262145])) break r;
                            for (t5 = m2[1048848 + (f2(e5 & 0 - e5) << 2) >> 2], r3 = (-8 & m2[t5 + 4 >> 2]) - o3 | 0, i3 = t5; ; ) {
                              if (!(e5 = m2[t5 + 16 >> 2]) && !(e5 = m2[t5 + 20 >> 2])) break n;
                              r3 = (t5 = (n3 = (-8 & m2[e5 + 4 >> 2]) - o3 | 0) >>> 0 < r3 >>> 0) ? n3 : r3, i3 = t5 ? e5 : i3, t5 = e5;
                            }
                          }
                          r3 = (e5 = m2[1048592 + (a3 = (n3 = r3 + (1 & (-1 ^ e5)) | 0) << 3) >> 2]) + 8 | 0, (0 | (i3 = m2[e5 + 8 >> 2])) == (0 | (a3 = a3 + 1048584 | 0)) ? (d3 = 1048576, v3 = p2(n3) & t5, m2[d3 >> 2] = v3) : (m2[i3 + 12 >> 2] = a3, m2[a3 + 8 >> 2] = i3), t5 = n3 << 3, m2[e5 + 4 >> 2] = 3 | t5, m2[4 + (e5 = e5 + t5 | 0) >> 2] = 1 | m2[e5 + 4 >> 2];
                          break t;
                        }
                        return n3 = f2(0 - (e5 = (r3 = e5 << n3) & (0 - (e5 = 2 << n3) | e5)) & e5), e5 = m2[1048592 + (i3 = n3 << 3) >> 2], (0 | (r3 = m2[e5 + 8 >> 2])) == (0 | (i3 = i3 + 1048584 | 0)) ? (d3 = 1048576, v3 = p2(n3) & t5, m2[d3 >> 2] = v3) : (m2[r3 + 12 >> 2] = i3, m2[i3 + 8 >> 2] = r3), i3 = e5 + 8 | 0, m2[e5 + 4 >> 2] = 3 | o3, r3 = (t5 = n3 << 3) - o3 | 0, m2[4 + (a3 = e5 + o3 | 0) >> 2] = 1 | r3, m2[e5 + t5 >> 2] = r3, (e5 = m2[262244]) && (e5 = 1048584 + ((n3 = e5 >>> 3) << 3) | 0, t5 = m2[262246], o3 = m2[262144], n3 = 1 << (31 & n3), _3 = m2[e5 + 8 >> 2], o3 & n3 || (m2[262144] = n3 | o3, _3 = e5), n3 = _3, m2[e5 + 8 >> 2] = t5, m2[n3 + 12 >> 2] = t5, m2[t5 + 12 >> 2] = e5, m2[t5 + 8 >> 2] = n3), m2[262246] = a3, m2[262244] = r3, i3;
                      }
                      return s2(i3), r3 >>> 0 >= 16 ? (m2[i3 + 4 >> 2] = 3 | o3, m2[4 + (a3 = o3 + i3 | 0) >> 2] = 1 | r3, m2[r3 + a3 >> 2] = r3, (e5 = m2[262244]) && (e5 = 1048584 + ((n3 = e5 >>> 3) << 3) | 0, t5 = m2[262246], o3 = m2[262144], n3 = 1 << (31 & n3), _3 = m2[e5 + 8 >> 2], o3 & n3 || (m2[262144] = n3 | o3, _3 = e5), n3 = _3, m2[e5 + 8 >> 2] = t5, m2[n3 + 12 >> 2] = t5, m2[t5 + 12 >> 2] = e5, m2[t5 + 8 >> 2] = n3), m2[262246] = a3, m2[262244] = r3) : (e5 = r3 + o3 | 0, m2[i3 + 4 >> 2] = 3 | e5, m2[4 + (e5 = e5 + i3 | 0) >> 2] = 1 | m2[e5 + 4 >> 2]), i3 + 8 | 0;
                    }
                    r: {
                      n: {
                        o: {
                          i: {
                            if ((t5 = m2[262244]) >>> 0 < o3 >>> 0) {
                              if ((e5 = m2[262245]) >>> 0 > o3 >>> 0) break e;
                              if (r3 = 0, -1 == (0 | (t5 = h2((e5 = o3 + 65583 | 0) >>> 16)))) break t;
                              if (!(n3 = t5 << 16)) break t;
                              if (e5 = (i3 = -65536 & e5) + m2[262248] | 0, m2[262248] = e5, t5 = m2[262249], m2[262249] = t5 >>> 0 > e5 >>> 0 ? t5 : e5, !(r3 = m2[262247])) break i;
                              for (e5 = 1049e3; ; ) {
                                if ((0 | n3) == ((t5 = m2[e5 >> 2]) + (a3 = m2[e5 + 4 >> 2]) | 0)) break o;
                                if (!(e5 = m2[e5 + 8 >> 2])) break;
                              }
                              break n;
                            }
                            return e5 = m2[262246], (n3 = t5 - o3 | 0) >>> 0 <= 15 ? (m2[262246] = 0, m2[262244] = 0, m2[e5 + 4 >> 2] = 3 | t5, o3 = 4 + (t5 = e5 + t5 | 0) | 0, r3 = 1 | m2[t5 + 4 >> 2]) : (m2[262244] = n3, r3 = e5 + o3 | 0, m2[262246] = r3, m2[r3 + 4 >> 2] = 1 | n3, m2[e5 + t5 >> 2] = n3, r3 = 3 | o3, o3 = e5 + 4 | 0), m2[o3 >> 2] = r3, e5 + 8 | 0;
                          }
                          for ((e5 = m2[262255]) >>> 0 <= n3 >>> 0 && e5 || (m2[262255] = n3), e5 = 0, m2[262256] = 4095, m2[262251] = i3, m2[262250] = n3, m2[262253] = 0; t5 = e5 + 1048584 | 0, m2[e5 + 1048592 >> 2] = t5, m2[e5 + 1048596 >> 2] = t5, 256 != (0 | (e5 = e5 + 8 | 0)); ) ;
                          m2[262247] = n3, e5 = i3 + -40 | 0, m2[262245] = e5, m2[n3 + 4 >> 2] = 1 | e5, m2[4 + (e5 + n3 | 0) >> 2] = 40, m2[262254] = 2097152;
                          break r;
                        }
                        if (!(m2[e5 + 12 >> 2] | n3 >>> 0 <= r3 >>> 0 | t5 >>> 0 > r3 >>> 0)) {
                          m2[e5 + 4 >> 2] = i3 + a3, t5 = (e5 = m2[262247]) + 15 & -8, m2[262247] = t5 + -8, r3 = 8 + ((n3 = i3 + m2[262245] | 0) + (e5 - t5 | 0) | 0) | 0, m2[262245] = r3, m2[t5 + -4 >> 2] = 1 | r3, m2[4 + (e5 + n3 | 0) >> 2] = 40, m2[262254] = 2097152;
                          break r;
                        }
                      }
                      e5 = m2[262255], m2[262255] = e5 >>> 0 < n3 >>> 0 ? e5 : n3, t5 = n3 + i3 | 0, e5 = 1049e3;
                      n: {
                        for (; ; ) {
                          if ((0 | t5) != m2[e5 >> 2]) {
                            if (e5 = m2[e5 + 8 >> 2]) continue;
                            break n;
                          }
                          break;
                        }
                        if (!m2[e5 + 12 >> 2]) {
                          m2[e5 >> 2] = n3, m2[e5 + 4 >> 2] = i3 + m2[e5 + 4 >> 2], m2[n3 + 4 >> 2] = 3 | o3, i3 = n3 + o3 | 0, o3 = (t5 - n3 | 0) - o3 | 0;
                          o: {
                            i: {
                              if ((0 | t5) != m2[262247]) {
                                if (m2[262246] == (0 | t5)) break i;
                                if (1 == (3 & (e5 = m2[t5 + 4 >> 2])) && ((r3 = -8 & e5) >>> 0 >= 256 ? s2(t5) : (0 | (a3 = m2[t5 + 12 >> 2])) == (0 | (_3 = m2[t5 + 8 >> 2])) ? (d3 = 1048576, v3 = m2[262144] & p2(e5 >>> 3), m2[d3 >> 2] = v3) : (m2[_3 + 12 >> 2] = a3, m2[a3 + 8 >> 2] = _3), o3 = r3 + o3 | 0, t5 = t5 + r3 | 0), m2[t5 + 4 >> 2] = -2 & m2[t5 + 4 >> 2], m2[i3 + 4 >> 2] = 1 | o3, m2[o3 + i3 >> 2] = o3, o3 >>> 0 >= 256) {
                                  l2(i3, o3);
                                  break o;
                                }
                                e5 = 1048584 + ((t5 = o3 >>> 3) << 3) | 0, r3 = m2[262144], t5 = 1 << (31 & t5), _3 = m2[e5 + 8 >> 2], r3 & t5 || (m2[262144] = t5 | r3, _3 = e5), r3 = _3, m2[e5 + 8 >> 2] = i3, m2[r3 + 12 >> 2] = i3, m2[i3 + 12 >> 2] = e5, m2[i3 + 8 >> 2] = r3;
                                break o;
                              }
                              m2[262247] = i3, e5 = m2[262245] + o3 | 0, m2[262245] = e5, m2[i3 + 4 >> 2] = 1 | e5;
                              break o;
                            }
                            m2[262246] = i3, e5 = m2[262244] + o3 | 0, m2[262244] = e5, m2[i3 + 4 >> 2] = 1 | e5, m2[e5 + i3 >> 2] = e5;
                          }
                          return n3 + 8 | 0;
                        }
                      }
                      for (e5 = 1049e3; !((t5 = m2[e5 >> 2]) >>> 0 <= r3 >>> 0 && (a3 = t5 + m2[e5 + 4 >> 2] | 0) >>> 0 > r3 >>> 0); ) e5 = m2[e5 + 8 >> 2];
                      for (m2[262247] = n3, e5 = i3 + -40 | 0, m2[262245] = e5, m2[n3 + 4 >> 2] = 1 | e5, m2[4 + (e5 + n3 | 0) >> 2] = 40, m2[262254] = 2097152, m2[(t5 = (e5 = (a3 + -32 & -8) - 8 | 0) >>> 0 < r3 + 16 >>> 0 ? r3 : e5) + 4 >> 2] = 27, e5 = m2[262250], _3 = m2[262251], u3 = m2[262253], m2[(c3 = t5 + 16 | 0) >> 2] = m2[262252], m2[c3 + 4 >> 2] = u3, m2[t5 + 8 >> 2] = e5, m2[t5 + 12 >> 2] = _3, m2[262251] = i3, m2[262250] = n3, m2[262252] = t5 + 8, m2[262253] = 0, e5 = t5 + 28 | 0; m2[e5 >> 2] = 7, a3 >>> 0 > (e5 = e5 + 4 | 0) >>> 0; ) ;
                      (0 | t5) != (0 | r3) && (m2[t5 + 4 >> 2] = -2 & m2[t5 + 4 >> 2], e5 = t5 - r3 | 0, m2[r3 + 4 >> 2] = 1 | e5, m2[t5 >> 2] = e5, e5 >>> 0 >= 256 ? l2(r3, e5) : (e5 = 1048584 + ((t5 = e5 >>> 3) << 3) | 0, n3 = m2[262144], t5 = 1 << (31 & t5), _3 = m2[e5 + 8 >> 2], n3 & t5 || (m2[262144] = t5 | n3, _3 = e5), t5 = _3, m2[e5 + 8 >> 2] = r3, m2[t5 + 12 >> 2] = r3, m2[r3 + 12 >> 2] = e5, m2[r3 + 8 >> 2] = t5));
                    }
                    if (r3 = 0, !((e5 = m2[262245]) >>> 0 <= o3 >>> 0)) break e;
                  }
                  return r3;
                }
                return t5 = e5 - o3 | 0, m2[262245] = t5, n3 = (e5 = m2[262247]) + o3 | 0, m2[262247] = n3, m2[n3 + 4 >> 2] = 1 | t5, m2[e5 + 4 >> 2] = 3 | o3, e5 + 8 | 0;
              }(e4)) | !(3 & b2[t4 + -4 | 0]) || function(e5, t5) {
                if (t5) for (; v2[0 | e5] = 0, e5 = e5 + 1 | 0, t5 = t5 + -1 | 0; ) ;
              }(t4, e4), t4;
            }
            function u2(e4, t4) {
              return 0 | c2(y2(e4 |= 0, t4 |= 0));
            }
            function d2() {
            }
            function f2(e4) {
              return e4 ? 31 - x2(e4 + -1 ^ e4) | 0 : 32;
            }
            function p2(e4) {
              var t4;
              return (-1 >>> (t4 = 31 & e4) & -2) << t4 | (-1 << (e4 = 0 - e4 & 31) & -2) >>> e4;
            }
            function h2(t4) {
              t4 |= 0;
              var n3 = 0 | r2.byteLength / 65536, o3 = n3 + t4 | 0;
              if (n3 < o3 && o3 < 65536) {
                var i3 = new ArrayBuffer(y2(o3, 65536)), a3 = new e3.Int8Array(i3);
                a3.set(v2), v2 = a3, v2 = new e3.Int8Array(i3), new e3.Int16Array(i3), m2 = new e3.Int32Array(i3), b2 = new e3.Uint8Array(i3), g2 = new e3.Uint16Array(i3), w2 = new e3.Uint32Array(i3), new e3.Float32Array(i3), new e3.Float64Array(i3), r2 = i3;
              }
              return n3;
            }
            var v2 = new e3.Int8Array(r2), m2 = (new e3.Int16Array(r2), new e3.Int32Array(r2)), b2 = new e3.Uint8Array(r2), g2 = new e3.Uint16Array(r2), w2 = new e3.Uint32Array(r2), y2 = (new e3.Float32Array(r2), new e3.Float64Array(r2), e3.Math.imul), x2 = (e3.Math.fround, e3.Math.abs, e3.Math.clz32), C = (e3.Math.min, e3.Math.max, e3.Math.floor, e3.Math.ceil, e3.Math.sqrt, t3.abort, e3.NaN, e3.Infinity, 1048576);
            return { memory: Object.create(Object.prototype, { grow: { value: h2 }, buffer: { get: function() {
              return r2;
            } } }), rust_calloc: u2, rust_free: function(e4) {
              n2(e4 |= 0);
            }, llparser_create: function(e4, t4, r3) {
              return 0 | function(e5, t5, r4) {
                var n3, o3, i3;
                return C = n3 = C - 32 | 0, m2[n3 + 28 >> 2] = e5, m2[n3 + 24 >> 2] = t5, m2[n3 + 20 >> 2] = r4, e5 = n3, t5 = m2[n3 + 28 >> 2] ? m2[n3 + 28 >> 2] : 256, m2[e5 + 28 >> 2] = t5, e5 = n3, t5 = m2[n3 + 24 >> 2] ? m2[n3 + 24 >> 2] : 256, m2[e5 + 24 >> 2] = t5, e5 = n3, t5 = m2[n3 + 20 >> 2] ? m2[n3 + 20 >> 2] : 256, m2[e5 + 20 >> 2] = t5, o3 = n3, i3 = u2(((((((y2(m2[n3 + 24 >> 2], 140) + 52 | 0) + y2(m2[n3 + 20 >> 2], 44) | 0) + (m2[n3 + 24 >> 2] << 9) | 0) + (m2[n3 + 24 >> 2] << 9) | 0) + y2(m2[n3 + 20 >> 2], m2[n3 + 24 >> 2] << 3) | 0) + (m2[n3 + 28 >> 2] << 1) | 0) + (m2[n3 + 28 >> 2] << 3) | 0, 1), m2[o3 + 16 >> 2] = i3, m2[m2[n3 + 16 >> 2] + 12 >> 2] = m2[n3 + 28 >> 2], m2[m2[n3 + 16 >> 2] + 16 >> 2] = m2[n3 + 24 >> 2], m2[m2[n3 + 16 >> 2] + 20 >> 2] = m2[n3 + 20 >> 2], m2[m2[n3 + 16 >> 2] + 4 >> 2] = 0, m2[m2[n3 + 16 >> 2] >> 2] = 0, m2[m2[n3 + 16 >> 2] + 8 >> 2] = 0, m2[n3 + 12 >> 2] = m2[n3 + 16 >> 2] + 52, m2[m2[n3 + 16 >> 2] + 24 >> 2] = m2[n3 + 12 >> 2], m2[n3 + 12 >> 2] = m2[n3 + 12 >> 2] + y2(m2[n3 + 24 >> 2], 140), m2[m2[n3 + 16 >> 2] + 28 >> 2] = m2[n3 + 12 >> 2], m2[n3 + 12 >> 2] = m2[n3 + 12 >> 2] + y2(m2[n3 + 20 >> 2], 44), m2[m2[n3 + 16 >> 2] + 32 >> 2] = m2[n3 + 12 >> 2], m2[n3 + 12 >> 2] = m2[n3 + 12 >> 2] + (m2[n3 + 24 >> 2] << 9), m2[m2[n3 + 16 >> 2] + 36 >> 2] = m2[n3 + 12 >> 2], m2[n3 + 12 >> 2] = m2[n3 + 12 >> 2] + (m2[n3 + 24 >> 2] << 9), m2[m2[n3 + 16 >> 2] + 40 >> 2] = m2[n3 + 12 >> 2], m2[n3 + 12 >> 2] = m2[n3 + 12 >> 2] + y2(m2[n3 + 20 >> 2], m2[n3 + 24 >> 2] << 3), m2[m2[n3 + 16 >> 2] + 44 >> 2] = m2[n3 + 12 >> 2], m2[n3 + 12 >> 2] = m2[n3 + 12 >> 2] + (m2[n3 + 28 >> 2] << 1), m2[m2[n3 + 16 >> 2] + 48 >> 2] = m2[n3 + 12 >> 2], C = n3 + 32 | 0, m2[n3 + 16 >> 2];
              }(e4 |= 0, t4 |= 0, r3 |= 0);
            }, llparser_destroy: function(e4) {
              !function(e5) {
                var t4;
                C = t4 = C - 16 | 0, m2[t4 + 12 >> 2] = e5, n2(m2[t4 + 12 >> 2]), C = t4 + 16 | 0;
              }(e4 |= 0);
            }, llparser_create_descriptor: function(e4, t4) {
              return 0 | function(e5, t5) {
                var r3, n3;
                return m2[12 + (r3 = C - 16 | 0) >> 2] = e5, m2[r3 + 8 >> 2] = t5, t5 = m2[m2[r3 + 12 >> 2] + 24 >> 2], n3 = m2[r3 + 12 >> 2], e5 = m2[n3 + 4 >> 2], m2[n3 + 4 >> 2] = e5 + 1, m2[r3 + 4 >> 2] = t5 + y2(e5, 140), m2[m2[r3 + 4 >> 2] + 4 >> 2] = m2[r3 + 8 >> 2] ? 1 : 0, m2[r3 + 4 >> 2];
              }(e4 |= 0, t4 |= 0);
            }, llparser_descriptor_set_all: function(e4) {
              var t4;
              e4 |= 0, m2[12 + (t4 = C - 16 | 0) >> 2] = e4, m2[m2[t4 + 12 >> 2] + 4 >> 2] = -1, v2[m2[t4 + 12 >> 2] + 135 | 0] = 1;
            }, llparser_descriptor_set_nil: function(e4) {
              var t4;
              e4 |= 0, m2[12 + (t4 = C - 16 | 0) >> 2] = e4, m2[m2[t4 + 12 >> 2] + 4 >> 2] = -2, v2[m2[t4 + 12 >> 2] + 8 | 0] = 1;
            }, llparser_descriptor_add_char: function(e4, t4) {
              !function(e5, t5) {
                var r3;
                m2[12 + (r3 = C - 16 | 0) >> 2] = e5, m2[r3 + 8 >> 2] = t5, v2[m2[r3 + 8 >> 2] + (m2[r3 + 12 >> 2] + 8 | 0) | 0] = 1;
              }(e4 |= 0, t4 |= 0);
            }, llparser_descriptor_add_range: function(e4, t4, r3) {
              !function(e5, t5, r4) {
                var n3;
                for (m2[12 + (n3 = C - 16 | 0) >> 2] = e5, m2[n3 + 8 >> 2] = t5, m2[n3 + 4 >> 2] = r4, m2[n3 >> 2] = m2[n3 + 8 >> 2]; !(m2[n3 >> 2] > m2[n3 + 4 >> 2]); ) v2[m2[n3 >> 2] + (m2[n3 + 12 >> 2] + 8 | 0) | 0] = 1, m2[n3 >> 2] = m2[n3 >> 2] + 1;
              }(e4 |= 0, t4 |= 0, r3 |= 0);
            }, llparser_descriptor_revert: function(e4) {
              !function(e5) {
                var t4;
                for (m2[12 + (t4 = C - 16 | 0) >> 2] = e5, m2[t4 + 8 >> 2] = 1; !(m2[t4 + 8 >> 2] >= 127); ) v2[m2[t4 + 8 >> 2] + (m2[t4 + 12 >> 2] + 8 | 0) | 0] = 1 & (0 != b2[m2[t4 + 8 >> 2] + (m2[t4 + 12 >> 2] + 8 | 0) | 0] ^ -1), m2[t4 + 8 >> 2] = m2[t4 + 8 >> 2] + 1;
              }(e4 |= 0);
            }, llparser_add_rule: function(e4, t4, r3, n3, i3, a3, l3, s3, _3, c3, u3, d3) {
              return 0 | o2(e4 |= 0, t4 |= 0, r3 |= 0, n3 |= 0, i3 |= 0, a3 |= 0, l3 |= 0, s3 |= 0, _3 |= 0, c3 |= 0, u3 |= 0, d3 |= 0);
            }, llparser_prepare: function(e4) {
              !function(e5) {
                var t4;
                for (C = t4 = C - 32 | 0, m2[t4 + 28 >> 2] = e5, m2[t4 + 24 >> 2] = 0; !(m2[t4 + 24 >> 2] >= m2[m2[t4 + 28 >> 2] + 4 >> 2]); ) m2[t4 + 20 >> 2] = m2[m2[t4 + 28 >> 2] + 24 >> 2] + y2(m2[t4 + 24 >> 2], 140), 1 == m2[m2[t4 + 20 >> 2] + 4 >> 2] && i2(m2[t4 + 28 >> 2], m2[t4 + 20 >> 2], m2[t4 + 20 >> 2], m2[m2[t4 + 28 >> 2] + 32 >> 2] + (m2[t4 + 24 >> 2] << 9) | 0, 0), m2[t4 + 24 >> 2] = m2[t4 + 24 >> 2] + 1;
                for (m2[t4 + 16 >> 2] = 0; !(m2[t4 + 16 >> 2] >= m2[m2[t4 + 28 >> 2] + 4 >> 2]); ) m2[t4 + 12 >> 2] = m2[m2[t4 + 28 >> 2] + 24 >> 2] + y2(m2[t4 + 16 >> 2], 140), 1 == m2[m2[t4 + 12 >> 2] + 4 >> 2] && (m2[m2[t4 + 12 >> 2] >> 2] = 0, a2(m2[t4 + 28 >> 2], m2[t4 + 12 >> 2], m2[t4 + 12 >> 2], m2[m2[t4 + 28 >> 2] + 36 >> 2] + (m2[t4 + 16 >> 2] << 9) | 0)), m2[t4 + 16 >> 2] = m2[t4 + 16 >> 2] + 1;
                C = t4 + 32 | 0;
              }(e4 |= 0);
            }, llparser_parse: function(e4, t4) {
              return 0 | _2(e4 |= 0, t4 |= 0);
            }, llparser_get_input_buffer: function(e4) {
              var t4;
              return e4 |= 0, m2[12 + (t4 = C - 16 | 0) >> 2] = e4, m2[m2[t4 + 12 >> 2] + 44 >> 2];
            }, llparser_get_result: function(e4) {
              var t4;
              return e4 |= 0, m2[12 + (t4 = C - 16 | 0) >> 2] = e4, m2[m2[t4 + 12 >> 2] + 48 >> 2];
            }, wasm_main: d2, __wbindgen_start: d2 };
          }({ Math, Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, NaN: NaN, Infinity: 1 / 0 }, { abort: function() {
            throw new Error("abort");
          } }, n), i = o.memory, a = o.rust_calloc, l = o.rust_free, s = o.llparser_create, _ = o.llparser_destroy, c = o.llparser_create_descriptor, u = o.llparser_descriptor_set_all, d = o.llparser_descriptor_set_nil, f = o.llparser_descriptor_add_char, p = o.llparser_descriptor_add_range, h = o.llparser_descriptor_revert, v = o.llparser_add_rule, m = o.llparser_prepare, b = o.llparser_parse, g = o.llparser_get_input_buffer, w = o.llparser_get_result, y = o.wasm_main, x = o.__wbindgen_start;
        }]);
      }, function(e, t, r) {
        var n = r(4), o = function(e2) {
          this.empty = true, this._type = e2, this._arr = [], this._index = 0;
        };
        o.create = function(e2) {
          return new o(e2);
        }, o.prototype.add = function(e2) {
          var t2 = this._index++;
          return this._arr.push({ id: t2, func: e2 }), this.empty = false, t2;
        }, o.prototype.remove = function(e2) {
          var t2 = this._arr, r2 = 0;
          if ("function" == typeof e2) for (r2 = 0; r2 < t2.length; r2++) {
            var n2 = t2[r2].func;
            if (n2 === e2) return t2.splice(r2, 1), this.empty = !t2.length, n2;
          }
          else for (r2 = 0; r2 < t2.length; r2++) if (t2[r2].id === e2) {
            var o2 = t2[r2].func;
            return t2.splice(r2, 1), this.empty = !t2.length, o2;
          }
          return null;
        }, o.prototype.call = function(e2, t2, r2) {
          for (var n2 = this._arr, o2 = false, i2 = 0; i2 < n2.length; i2++) {
            var l2 = a(this._type, n2[i2].func, e2, t2, r2);
            l2 === false && (o2 = true);
          }
          if (o2) return false;
        };
        var i = function(e2, t2) {
          if (!t2.type || l.call(null, [e2, t2]) !== false) {
            if (n.throwGlobalError) throw e2;
            console.error(e2.stack);
          }
        }, a = o.safeCallback = function(e2, t2, r2, n2, o2) {
          try {
            return t2.apply(r2, n2);
          } catch (l2) {
            var a2 = "[Exparser] [Error] [Component] " + (e2 || "Error Listener") + " Error @ ";
            r2 && r2.is && (a2 += r2.is), a2 += "#" + (t2.name || "(anonymous)"), o2 && o2.triggerLifeTime("error", [l2]), i(l2, { message: a2, type: e2, element: r2, method: t2, args: n2 });
          }
        }, l = o.create();
        o.addGlobalErrorListener = function(e2) {
          return l.add(e2);
        }, o.removeGlobalErrorListener = function(e2) {
          return l.remove(e2);
        };
        var s = null;
        o.addGlobalWarningListener = function(e2) {
          return s = o.create(), s.add(e2);
        }, o.removeGlobalWarningListener = function(e2) {
          if (s) {
            var t2 = s.remove(e2);
            return s.empty && (s = null), t2;
          }
          return null;
        }, o.hasGlobalWarningListeners = function() {
          return !!s;
        }, o.triggerWarning = function(e2) {
          var t2 = "[Exparser] [Warning] [Component] " + e2;
          s.call(null, [t2], null);
        }, e.exports = o;
      }, function(e, t) {
        var r = { lazyRegistration: true, publicProperties: false, availability: null, domain: "", writeOnly: false, allowInWriteOnly: false, classPrefix: null, addGlobalClass: false, templateEngine: null, renderingMode: "full", multipleSlots: false, reflectToAttributes: false, writeFieldsToNode: true, writeIdToDOM: false, idPrefixGenerator: null, separateInnerData: true, innerDataExclude: null, listenerChangeLifeTimes: false, randomizeTagName: false, virtualHost: false, throwGlobalError: false, writeExtraInfoToAttr: false, documentBackend: "undefined" != typeof window && "undefined" != typeof document ? "dom" : "none", hasDOMBackend: !("undefined" == typeof window || "undefined" == typeof document) };
        e.exports = r;
      }, function(e, t) {
        var r = Object.prototype.hasOwnProperty, n = function(e2, t2) {
          var o = typeof e2;
          if ("object" === o && null !== e2) {
            var i = t2 ? t2.get(e2) : void 0;
            if (void 0 !== i) return i;
            if (e2 instanceof Array) {
              i = [], t2 && t2.set(e2, i);
              for (var a = 0; a < e2.length; a++) i[a] = n(e2[a], t2);
            } else {
              i = {}, t2 && t2.set(e2, i);
              for (var l in e2) r.call(e2, l) && (i[l] = n(e2[l], t2));
            }
            return i;
          }
          if ("symbol" !== o) return e2;
        };
        t.deepCopy = function(e2, t2) {
          var r2 = t2 && "undefined" != typeof WeakMap ? /* @__PURE__ */ new WeakMap() : null;
          return n(e2, r2);
        };
      }, function(e, t, r) {
        var n = r(3), o = (Object.prototype.hasOwnProperty, function() {
        });
        o.prototype = Object.create(Object.prototype, { constructor: { value: o, writable: true, configurable: true } });
        var i = null;
        o._setElementSystem = function(e2) {
          i = e2, o._setElementSystem = null;
        };
        var a = null;
        o._setComponent = function(e2) {
          a = e2, o._setComponent = null;
        };
        var l = Date.now();
        o.setInitTimeStamp = function(e2) {
          return l = void 0 === e2 ? Date.now() : e2;
        }, o.getInitTimeStamp = function(e2) {
          return l;
        }, o.create = function(e2, t2, r2) {
          r2 = r2 || {};
          var n2 = r2.originalEvent, i2 = r2.extraFields || {}, a2 = Date.now() - l, s2 = new o();
          s2.currentTarget = null, s2.type = e2, s2.timeStamp = a2, s2.mark = null, s2.detail = t2, s2.bubbles = !!r2.bubbles, s2.composed = !!r2.composed, s2.__originalEvent = n2, s2.__hasCapture = !!r2.capturePhase, s2.__stopped = false, s2.__dispatched = false;
          for (var _ in i2) s2[_] = i2[_];
          return s2;
        }, o.prototype.preventDefault = function() {
          this.__originalEvent && !this.__originalEvent.__stopPreventDefault && this.__originalEvent.preventDefault();
        }, o.prototype.stopPropagation = function() {
          this.__stopped = true;
        }, o.prototype.isStopped = function() {
          return !!this.__stopped;
        };
        o.prototype.markMutated = function() {
          this.__mutatedMarked = true;
        }, o.prototype.mutatedMarked = function() {
          return !!this.__mutatedMarked;
        };
        var s = function(e2, t2, r2, n2) {
          for (var o2 = e2, a2 = e2 instanceof i ? e2.collectMarks() : {}, l2 = [], s2 = [], _ = e2; _; ) {
            if (o2 !== _ && (l2.push(e2), e2 = _, s2.push(a2), a2 = e2 instanceof i ? e2.collectMarks() : {}), o2 = _.parentNode, n2(_, e2, a2) === false) return;
            if (_.__wxHost) {
              if (r2) break;
              e2 = l2.pop() || _.__wxHost, a2 = s2.pop() || (e2 instanceof i ? e2.collectMarks() : {}), _ = _.__wxHost, o2 = _;
            } else {
              var c = true;
              _ instanceof i && (c = false), _ = c || r2 ? _.parentNode : _.__wxSlotParent;
            }
          }
        };
        o.dispatchEvent = function(e2, t2) {
          if (!t2.__dispatched) {
            t2.__dispatched = true, e2.__wxElement && e2.__wxHost !== e2.__wxElement && (e2 = e2.__wxElement, e2.shadowRoot instanceof i && (e2 = e2.shadowRoot)), t2.target = e2 instanceof i ? e2.__methodCaller : e2;
            var r2 = function(e3, r3, n3) {
              if (!(r3 && r3.length && t2.mutatedMarked())) {
                var o3 = t2.currentTarget = n3 instanceof i ? n3.__methodCaller : n3, l3 = e3.call(o3, [t2], n3 instanceof a ? n3 : void 0);
                r3 && r3.length && t2.markMutated(), l3 === false && (t2.__originalEvent && !t2.__originalEvent.__stopPreventDefault && t2.__originalEvent.preventDefault(), t2.__stopped = true);
              }
            }, n2 = t2.type, o2 = !t2.composed;
            if (t2.__hasCapture) {
              var l2 = [];
              s(e2, n2, o2, function(e3, t3, r3) {
                return e3.__wxCaptureEvents && e3.__wxCaptureEvents[n2] && l2.push([e3, t3, r3]), true;
              });
              for (var _ = l2.length - 1; _ >= 0; _--) {
                var c = l2[_], u = c[0], d = c[1];
                t2.target = d instanceof i ? d.__methodCaller : d, t2.mark = c[2];
                var f = u.__wxCaptureMutated && u.__wxCaptureMutated[n2];
                if (r2(u.__wxCaptureEvents[n2], f, u), t2.__stopped) break;
              }
            }
            if (t2.target = e2 instanceof i ? e2.__methodCaller : e2, !t2.__stopped) {
              var p = !t2.bubbles;
              s(e2, n2, o2, function(e3, o3, a2) {
                t2.target = o3 instanceof i ? o3.__methodCaller : o3, t2.mark = a2;
                var l3 = e3.__wxMutated && e3.__wxMutated[n2];
                return e3.__wxEvents && e3.__wxEvents[n2] && r2(e3.__wxEvents[n2], l3, e3), !p && !t2.__stopped;
              });
            }
          }
        }, o.triggerEvent = function(e2, t2, r2, n2) {
          var i2 = o.create(t2, r2, n2);
          o.dispatchEvent(e2, i2);
        }, o.addListenerToElement = function(e2, t2, r2, o2) {
          var i2 = o2 && o2.mutated;
          if (i2) {
            var l2 = r2;
            r2 = function(e3) {
              if (!e3.mutatedMarked()) {
                var t3 = Array.prototype.slice.call(arguments);
                return l2.apply(this, t3);
              }
            };
          }
          var s2 = void 0;
          return o2 && (o2.useCapture || o2.capture) ? (e2.__wxCaptureEvents || (e2.__wxCaptureEvents = /* @__PURE__ */ Object.create(null)), e2.__wxCaptureEvents[t2] || (e2.__wxCaptureEvents[t2] = n.create("Event Listener")), s2 = e2.__wxCaptureEvents[t2].add(r2), i2 && (e2.__wxCaptureMutated || (e2.__wxCaptureMutated = /* @__PURE__ */ Object.create(null)), e2.__wxCaptureMutated[t2] || (e2.__wxCaptureMutated[t2] = []), e2.__wxCaptureMutated[t2].push(s2))) : (e2.__wxEvents || (e2.__wxEvents = /* @__PURE__ */ Object.create(null)), e2.__wxEvents[t2] || (e2.__wxEvents[t2] = n.create("Event Listener")), s2 = e2.__wxEvents[t2].add(r2), i2 && (e2.__wxMutated || (e2.__wxMutated = /* @__PURE__ */ Object.create(null)), e2.__wxMutated[t2] || (e2.__wxMutated[t2] = []), e2.__wxMutated[t2].push(s2))), e2 instanceof a && e2.__componentOptions.listenerChangeLifeTimes && e2.triggerLifeTime("listenerChanged", [true, t2, r2, o2]), s2;
        }, o.removeListenerFromElement = function(e2, t2, r2, n2) {
          var o2 = null;
          if (n2 && (n2.useCapture || n2.capture)) {
            if (e2.__wxCaptureEvents && e2.__wxCaptureEvents[t2] && (o2 = e2.__wxCaptureEvents[t2].remove(r2)), e2.__wxCaptureMutated && e2.__wxCaptureMutated[t2]) {
              var i2 = e2.__wxCaptureMutated[t2].indexOf(r2);
              i2 !== -1 && e2.__wxCaptureMutated[t2].splice(i2, 1);
            }
          } else if (e2.__wxEvents && e2.__wxEvents[t2] && (o2 = e2.__wxEvents[t2].remove(r2)), e2.__wxMutated && e2.__wxMutated[t2]) {
            var i2 = e2.__wxMutated[t2].indexOf(r2);
            i2 !== -1 && e2.__wxMutated[t2].splice(i2, 1);
          }
          o2 && e2 instanceof a && e2.__componentOptions.listenerChangeLifeTimes && e2.triggerLifeTime("listenerChanged", [false, t2, o2, n2]);
        }, e.exports = o;
      }, function(e, t, r) {
        var n = r(3), o = function(e2) {
          for (var t2 = e2.str; e2.cur < t2.length; ) {
            var r2 = t2[e2.cur];
            if (" " !== r2 && "\n" !== r2 && "\r" !== r2 && "	" !== r2 && "\f" !== r2) break;
            e2.cur += 1;
          }
          return e2.cur < t2.length;
        }, i = function(e2) {
          for (var t2 = e2.str, r2 = ""; e2.cur < t2.length; ) {
            var n2 = t2[e2.cur];
            if (!(n2 >= "0" && n2 <= "9")) break;
            r2 += n2, e2.cur += 1;
          }
          if (!r2) throw new Error('data path descriptor "'.concat(t2, '" is illegal at char ').concat(e2.cur, " (illegal index)"));
          return parseInt(r2, 10);
        }, a = function(e2) {
          for (var t2 = e2.str, r2 = ""; e2.cur < t2.length; ) {
            var n2 = t2[e2.cur];
            if ("\\" === n2) if (e2.cur + 1 === t2.length) ;
            else {
              var o2 = t2[e2.cur + 1];
              r2 += o2, e2.cur += 1;
            }
            else if (/^[_a-zA-Z]$/.test(n2)) r2 += n2;
            else {
              if (!(n2 >= "0" && n2 <= "9")) break;
              if ("" === r2) throw new Error('data path descriptor "'.concat(t2, '" is illegal at char ').concat(e2.cur, " (field name cannot start with digits)"));
              r2 += n2;
            }
            e2.cur += 1;
          }
          return r2;
        }, l = function(e2) {
          for (var t2 = e2.str, r2 = ""; e2.cur < t2.length; ) {
            var n2 = t2[e2.cur];
            if ("\\" === n2) if (e2.cur + 1 === t2.length) r2 += "\\", e2.cur += 1;
            else {
              var o2 = t2[e2.cur + 1];
              "." === o2 || "[" === o2 || "]" === o2 || "\\" === o2 ? (r2 += o2, e2.cur += 2) : (r2 += "\\", e2.cur += 1);
            }
            else {
              if ("." === n2 || "[" === n2) break;
              r2 += n2, e2.cur += 1;
            }
          }
          return r2;
        }, s = function(e2) {
          var t2 = e2.str;
          if (o(e2), "*" === t2[e2.cur] && "*" === t2[e2.cur + 1]) return e2.cur += 2, ["**"];
          var r2 = a(e2);
          if (!r2) throw new Error('data path descriptor "'.concat(t2, '" is illegal at char ').concat(e2.cur, " (first field name illegal)"));
          for (var n2 = [r2]; e2.cur < t2.length && o(e2); ) {
            var l2 = t2[e2.cur];
            if ("." === l2) {
              if (e2.cur += 1, o(e2), "*" === t2[e2.cur] && "*" === t2[e2.cur + 1]) {
                n2.push("**"), e2.cur += 2;
                break;
              }
              var s2 = a(e2);
              if (!s2) throw new Error('data path descriptor "'.concat(t2, '" is illegal at char ').concat(e2.cur, " (field name illegal)"));
              n2.push(s2);
            } else {
              if ("[" !== l2) break;
              e2.cur += 1, o(e2);
              var _2 = i(e2);
              o(e2);
              var c2 = t2[e2.cur];
              if ("]" !== c2) throw new Error('data path descriptor "'.concat(t2, '" is illegal at char ').concat(e2.cur, " (illegal index)"));
              e2.cur += 1, n2.push(_2);
            }
          }
          return n2;
        }, _ = function(e2) {
          for (var t2 = e2.str, r2 = []; e2.cur < t2.length; ) {
            var n2 = t2[e2.cur];
            if ("." === n2) {
              e2.cur += 1;
              var o2 = l(e2);
              o2 && r2.push(o2);
            } else if ("[" === n2) {
              e2.cur += 1;
              var a2 = i(e2), s2 = t2[e2.cur];
              if ("]" !== s2 && e2.cur < t2.length) throw new Error('data path descriptor "'.concat(t2, '" is illegal at char ').concat(e2.cur, " (illegal index)"));
              e2.cur += 1, r2.push(a2);
            } else {
              var _2 = l(e2);
              _2 && r2.push(_2);
            }
          }
          return r2;
        }, c = function(e2) {
          var t2 = [];
          for (t2.push(s(e2)), o(e2); "," === e2.str[e2.cur]; ) e2.cur += 1, t2.push(s(e2)), o(e2);
          return t2;
        };
        t.parseSinglePath = function(e2) {
          var t2 = { str: e2, cur: 0 }, r2 = _(t2);
          return r2;
        }, t.parseMultiPaths = function(e2) {
          try {
            var t2 = { str: e2, cur: 0 }, r2 = c(t2);
            if (t2.cur !== e2.length) throw new Error('data path descriptor "'.concat(e2, '" is illegal at char ').concat(t2.cur));
            return r2;
          } catch (e3) {
            return n.triggerWarning(e3.message), [];
          }
        };
      }, function(e, t, r) {
        var n = r(3), o = r(4), i = r(7), a = ["created", "ready", "cacheAttached", "attached", "moved", "detached", "saved", "restored", "error", "listenerChanged", "performanceData"], l = [String, Number, Boolean, Object, Array, null], s = function() {
        }, _ = i.parseMultiPaths, c = function() {
        };
        c.matchTypeWithValue = function(e2, t2) {
          if (e2 === String) {
            if ("string" != typeof t2) return false;
          } else if (e2 === Number) {
            if (!Number.isFinite(t2)) return false;
          } else if (e2 === Boolean) {
            if ("boolean" != typeof t2) return false;
          } else if (e2 === Object) {
            if (null === t2 || t2.constructor !== Object) return false;
          } else if (e2 === Array) {
            if (null === t2 || t2.constructor !== Array) return false;
          } else if (void 0 === t2) return false;
          return true;
        };
        var u = function(e2) {
          for (var t2 = [], r2 = 0; r2 < e2.length; r2++) t2[r2] = e2[r2];
          return t2;
        }, d = function(e2) {
          var t2 = {};
          for (var r2 in e2) t2[r2] = e2[r2];
          return t2;
        }, f = function(e2, t2) {
          for (var r2 in t2) hasOwnProperty.call(e2, r2) ? "object" != typeof e2[r2] || "object" != typeof t2[r2] || null === t2[r2] || t2[r2] instanceof Array ? e2[r2] = t2[r2] : (e2[r2] instanceof Array ? e2[r2] = u(e2[r2]) : e2[r2] = d(e2[r2]), f(e2[r2], t2[r2])) : e2[r2] = t2[r2];
        };
        c.create = function(e2) {
          var t2 = new c();
          return t2.is = e2.is || "", t2.using = e2.using || {}, t2.generics = e2.generics || {}, t2.placeholder = e2.placeholder || {}, t2.template = e2.template, t2.externalClasses = e2.externalClasses || [], t2.data = "object" == typeof e2.data ? {} : null, t2.properties = /* @__PURE__ */ Object.create(null), t2.methods = /* @__PURE__ */ Object.create(null), t2.listeners = /* @__PURE__ */ Object.create(null), t2.relations = /* @__PURE__ */ Object.create(null), t2.ancestors = [], t2.initiator = e2.initiator, t2.lifetimes = /* @__PURE__ */ Object.create(null), t2.pageLifetimes = /* @__PURE__ */ Object.create(null), t2.observers = [], t2.options = { publicProperties: !!(e2.options && void 0 !== e2.options.publicProperties ? e2.options.publicProperties : o.publicProperties) }, t2.definitionFilter = e2.definitionFilter, t2._unprepared = e2, (e2.options && void 0 !== e2.options.lazyRegistration ? e2.options.lazyRegistration : o.lazyRegistration) || c.prepare(t2), e2.is && (c._list[e2.is] = t2), t2;
        }, c.prepare = function(e2) {
          var t2 = e2._unprepared;
          if (t2) {
            e2._unprepared = null;
            var r2 = e2.ancestors, o2 = "", i2 = 0;
            for (i2 = 0; i2 < (t2.behaviors || []).length; i2++) {
              var u2 = t2.behaviors[i2], d2 = u2;
              "string" == typeof d2 && (d2 = c._list[u2], n.hasGlobalWarningListeners() && (d2 instanceof c || n.triggerWarning('behavior "' + u2 + '" is not found (when preparing "' + e2.is + '").'))), d2._unprepared && c.prepare(d2), "object" == typeof d2.data && (null === e2.data ? e2.data = d2.data : f(e2.data, d2.data));
              for (o2 in d2.generics) {
                var p = d2.generics[o2];
                "object" != typeof p && (p = {}), e2.generics[o2] = { default: p.default };
              }
              for (o2 in d2.properties) n.hasGlobalWarningListeners() && "_" === o2.charAt(0) && void 0 !== e2.properties[o2] && n.triggerWarning('property "' + o2 + '" from different behaviors is overriding (when preparing "' + e2.is + '").'), e2.properties[o2] = d2.properties[o2];
              for (o2 in d2.relations) e2.relations[o2] = d2.relations[o2];
              for (o2 in d2.methods) n.hasGlobalWarningListeners() && "_" === o2.charAt(0) && e2.methods[o2] && n.triggerWarning('method "' + o2 + '" from different behaviors is overriding (when preparing "' + e2.is + '").'), e2.methods[o2] = d2.methods[o2];
              for (var h = 0; h < d2.ancestors.length; h++) r2.indexOf(d2.ancestors[h]) < 0 && r2.push(d2.ancestors[h]);
            }
            "object" == typeof t2.data && (null === e2.data ? e2.data = t2.data : f(e2.data, t2.data));
            for (o2 in t2.properties) {
              n.hasGlobalWarningListeners() && "_" === o2.charAt(0) && void 0 !== e2.properties[o2] && n.triggerWarning('property "' + o2 + '" from different behaviors is overriding (when preparing "' + e2.is + '").');
              var v = t2.properties[o2];
              l.indexOf(v) >= 0 ? v = { type: v } : l.indexOf(v.type) < 0 && v.optionalTypes && v.optionalTypes.length > 0 && (v.type = v.optionalTypes[0]), n.hasGlobalWarningListeners() && l.indexOf(v.type) < 0 && n.triggerWarning('the type of property "' + o2 + '" is illegal (when preparing "' + e2.is + '").'), void 0 === v.value && (v.type === String ? v.value = "" : v.type === Number ? v.value = 0 : v.type === Boolean ? v.value = false : v.type === Array ? v.value = [] : v.value = null), e2.properties[o2] = { type: v.type, optionalTypes: v.optionalTypes, value: v.value, filter: v.filter, observer: v.observer, public: !!(void 0 === v.public ? e2.options.publicProperties : v.public), availability: v.availability, observeAssignments: !!v.observeAssignments, reflectIdPrefix: !!v.reflectIdPrefix };
            }
            if (t2.lifetimes && "object" == typeof t2.lifetimes) for (o2 in t2.lifetimes) e2.lifetimes[o2] = t2.lifetimes[o2];
            for (i2 = 0; i2 < a.length; i2++) void 0 === e2.lifetimes[a[i2]] && (e2.lifetimes[a[i2]] = t2[a[i2]]);
            for (o2 in t2.listeners) e2.listeners[o2] = t2.listeners[o2];
            var m = t2.observers;
            if (m instanceof Array) for (i2 = 0; i2 < m.length; i2++) {
              var b = m[i2];
              e2.observers.push({ paths: _(b.fields || "**"), observer: b.observer });
            }
            else for (o2 in m) e2.observers.push({ paths: _(o2), observer: m[o2] });
            if (t2.pageLifetimes && "object" == typeof t2.pageLifetimes) for (o2 in t2.pageLifetimes) e2.pageLifetimes[o2] = t2.pageLifetimes[o2];
            for (o2 in t2.relations) {
              var g = t2.relations[o2];
              e2.relations[o2] = { target: g.target || o2, type: g.type, linked: g.linked || s, linkChanged: g.linkChanged || s, unlinked: g.unlinked || s, linkFailed: g.linkFailed || s };
            }
            for (o2 in t2.methods) "function" == typeof t2.methods[o2] && (n.hasGlobalWarningListeners() && "_" === o2.charAt(0) && e2.methods[o2] && n.triggerWarning('method "' + o2 + '" from different behaviors is overriding (when preparing "' + e2.is + '").'), e2.methods[o2] = t2.methods[o2]);
            r2.push(e2);
          }
        }, c._list = /* @__PURE__ */ Object.create(null), c.prototype.hasBehavior = function(e2) {
          this._unprepared && c.prepare(this);
          for (var t2 = 0; t2 < this.ancestors.length; t2++) if (e2 instanceof c) {
            if (this.ancestors[t2] === e2) return true;
          } else if (this.ancestors[t2] === c._list[e2]) return true;
          return false;
        }, c.prototype._getAllListeners = function() {
          for (var e2 = {}, t2 = this.ancestors, r2 = 0; r2 < t2.length; r2++) {
            var n2 = this.ancestors[r2];
            for (var o2 in n2.listeners) Object.prototype.hasOwnProperty.call(e2, o2) ? e2[o2].push(n2.listeners[o2]) : e2[o2] = [n2.listeners[o2]];
          }
          return e2;
        }, c.prototype._addObserversToDataProxy = function(e2) {
          for (var t2 = this.ancestors, r2 = 0; r2 < t2.length; r2++) for (var n2 = this.ancestors[r2].observers, o2 = 0; o2 < n2.length; o2++) {
            var i2 = n2[o2];
            e2.addObserver(i2.observer, i2.paths, this);
          }
        }, c.prototype._getAllLifeTimeFuncs = function() {
          var e2 = {}, t2 = this.ancestors;
          a.forEach(function(t3) {
            e2[t3] = n.create("Lifetime Method");
          });
          for (var r2 = 0; r2 < t2.length; r2++) {
            var o2 = t2[r2];
            for (var i2 in o2.lifetimes) o2.lifetimes[i2] && (e2[i2] || (e2[i2] = n.create("Lifetime Method")), e2[i2].add(o2.lifetimes[i2]));
          }
          return e2;
        }, c.prototype._getAllPageLifeTimeFuncs = function() {
          for (var e2 = {}, t2 = this.ancestors, r2 = 0; r2 < t2.length; r2++) {
            var o2 = t2[r2];
            for (var i2 in o2.pageLifetimes) o2.pageLifetimes[i2] && (e2[i2] || (e2[i2] = n.create("Page Lifetime Method")), e2[i2].add(o2.pageLifetimes[i2]));
          }
          return e2;
        }, c.callDefinitionFilter = function(e2) {
          var t2 = e2.definitionFilter, r2 = [];
          return e2.behaviors instanceof Array && e2.behaviors.forEach(function(t3) {
            t3 = "string" == typeof t3 ? c._list[t3] : t3, t3 && t3.definitionFilter && (r2.push(t3.definitionFilter), t3.definitionFilter.call(null, e2));
          }), "function" == typeof t2 ? function(e3) {
            t2(e3, r2);
          } : null;
        }, e.exports = c;
      }, function(e, t, r) {
        var n = r(3), o = r(6), i = r(10), a = r(11), l = r(12), s = r(14), _ = r(4), c = r(13), u = function(e2) {
          d(this, e2 || null);
        };
        u.prototype = Object.create(Object.prototype, { constructor: { value: u, writable: true, configurable: true }, id: { get: function() {
          return this.__id;
        }, set: function(e2) {
          var t2 = String(e2);
          if (this.__id !== t2) {
            if (this.__id = t2, this.ownerShadowRoot) {
              var r2 = this.ownerShadowRoot.__wxHost;
              r2.__idCacheDirty = true, this.__domElement && r2.__componentOptions.writeIdToDOM && (r2.__idPrefix ? this.__domElement.id = r2.__idPrefix + "--" + t2 : this.__domElement.id = t2);
            }
            _.writeExtraInfoToAttr && this.__domElement && this.__domElement.setAttribute("exparser:info-attr-id", t2), (this.__propObservers && !this.__propObservers.empty || this.__subtreeObserversCount) && i._callObservers(this, "__propObservers", { type: "properties", target: this, propertyName: "id" });
          }
        }, configurable: true }, slot: { get: function() {
          return this.__slot;
        }, set: function(e2) {
          if (e2 = String(e2), this.__slot !== e2) {
            if (this.__inheritSlots) return void (n.hasGlobalWarningListeners() && n.triggerWarning('slots-inherited nodes do not support "slot" attribute (in component "' + this.is + '").'));
            this.__slot = e2, y(this), (this.__propObservers && !this.__propObservers.empty || this.__subtreeObserversCount) && i._callObservers(this, "__propObservers", { type: "properties", target: this, propertyName: "slot" });
          }
        }, configurable: true }, attributes: { get: function() {
          var e2 = [];
          if (!this.__attributes) return e2;
          for (var t2 in this.__attributes) e2.push({ name: t2, value: this.__attributes[t2] });
          return e2;
        }, set: function() {
        }, configurable: true }, class: { get: function() {
          return this.classList.getClassNames();
        }, set: function(e2) {
          this.classList && this.classList.setClassNames(e2), (this.__propObservers && !this.__propObservers.empty || this.__subtreeObserversCount) && i._callObservers(this, "__propObservers", { type: "properties", target: this, propertyName: "class" });
        }, configurable: true }, style: { get: function() {
          return this.__domElement ? this.__domElement.style : null;
        }, set: function(e2) {
          return L.call(this, e2);
        }, configurable: true } }), o._setElementSystem(u), a._setElementSystem(u);
        var d = u.initialize = function(e2, t2, r2) {
          e2.__id = "", e2.__slot = "", e2.__virtual = false, e2.__inheritSlots = false, e2.__attributes = null, e2.__marks = null, e2.__attached = false, e2.parentNode = null, e2.childNodes = [], e2.ownerShadowRoot = r2, e2.__wxSlotParent = null, e2.__wxSlotChildren = e2.childNodes, e2.__subtreeObserversCount = 0, e2.classList = null, e2.__styleSegments = [], e2.__methodCaller = e2, e2.__relationHandler = null, e2.__backendExtracted = c.backendExtractedDefault, e2.__domElement = t2, e2.$$ = t2, t2 && (t2.__wxElement = e2);
        };
        u._clone = function(e2, t2, r2, n2) {
          if (e2.__id = t2.__id, e2.__slot = t2.__slot, e2.__virtual = t2.__virtual, e2.__inheritSlots = t2.__inheritSlots, e2.__marks = t2.__marks ? {} : null, t2.__marks) for (var o2 in t2.__marks) e2.__marks[o2] = t2.__marks[o2];
          e2.__attributes = /* @__PURE__ */ Object.create(null);
          for (var i2 in t2.__attributes) e2.__attributes[i2] = t2.__attributes[i2];
          e2.__attached = false, e2.parentNode = null, e2.childNodes = [], e2.ownerShadowRoot = n2, e2.__wxSlotParent = null, e2.__wxSlotChildren = e2.childNodes, e2.__subtreeObserversCount = 0, e2.classList = null, e2.__styleSegments = [], e2.__methodCaller = e2, e2.__relationHandler = null, e2.__backendExtracted = c.backendExtractedDefault, e2.__domElement = r2, e2.$$ = r2, r2 && (r2.__wxElement = e2);
        };
        var f = function(e2) {
          if (!e2.parentNode || e2.parentNode.__attached) {
            var t2 = function(e3) {
              if (e3 instanceof u) {
                e3.__attached = true, e3.__lifeTimeFuncs && e3.__lifeTimeFuncs.attached.call(e3.__methodCaller, [], e3), e3.__relationHandler && e3.__relationHandler("attached"), e3.__attachedObservers && !e3.__attachedObservers.empty && i._callSingleObserver(e3, "__attachedObservers", { type: "attachStatus", target: e3, status: "attached" }), e3.shadowRoot instanceof u && t2(e3.shadowRoot);
                for (var r2 = e3.childNodes, n2 = 0; n2 < r2.length; n2++) t2(r2[n2]);
              }
            };
            t2(e2);
          }
        }, p = function(e2) {
          if (e2.__attached) {
            var t2 = function(e3) {
              if (e3 instanceof u) {
                for (var r2 = e3.childNodes, n2 = 0; n2 < r2.length; n2++) t2(r2[n2]);
                e3.shadowRoot instanceof u && t2(e3.shadowRoot), e3.__attached = false, e3.__lifeTimeFuncs && e3.__lifeTimeFuncs.detached.call(e3.__methodCaller, [], e3), e3.__relationHandler && e3.__relationHandler("detached"), e3.__attachedObservers && !e3.__attachedObservers.empty && i._callSingleObserver(e3, "__attachedObservers", { type: "attachStatus", target: e3, status: "detached" });
              }
            };
            t2(e2);
          }
        }, h = function(e2) {
          if (!e2.__attached) return f(e2);
          var t2 = function(e3) {
            if (e3 instanceof u) {
              for (var r2 = e3.childNodes, n2 = 0; n2 < r2.length; n2++) t2(r2[n2]);
              e3.shadowRoot instanceof u && t2(e3.shadowRoot), e3.__lifeTimeFuncs && e3.__lifeTimeFuncs.moved.call(e3.__methodCaller, [], e3), e3.__relationHandler && e3.__relationHandler("moved");
            }
          };
          t2(e2);
        }, v = function(e2, t2, r2) {
          if (e2.__childObservers && !e2.__childObservers.empty || e2.__subtreeObserversCount) {
            var n2 = null, o2 = [r2];
            n2 = "add" === t2 ? { type: "childList", target: e2, addedNodes: o2 } : "remove" === t2 ? { type: "childList", target: e2, removedNodes: o2 } : { type: "childList", target: e2, addedNodes: o2, removedNodes: o2 }, i._callObservers(e2, "__childObservers", n2);
          }
        }, m = function(e2, t2) {
          if (e2 instanceof u && (!t2.__wxHost.__idCacheDirty || !t2.__slotCacheDirty)) {
            var r2 = function(e3) {
              e3.__id && (t2.__wxHost.__idCacheDirty = true), void 0 !== e3.__slotName && (t2.__slotCacheDirty = true);
              for (var n2 = e3.childNodes, o2 = 0; o2 < n2.length; o2++) {
                var i2 = n2[o2];
                i2 instanceof u && r2(i2);
              }
            };
            r2(e2);
          }
        };
        u._updateIdMap = function(e2) {
          var t2 = e2.shadowRoot;
          if (e2.__idCacheDirty) {
            e2.__idCacheDirty = false;
            var r2 = e2.__idCache = /* @__PURE__ */ Object.create(null), n2 = function(e3) {
              e3.__id && (r2[e3.__id] || (r2[e3.__id] = e3));
              for (var t3 = e3.childNodes, o2 = 0; o2 < t3.length; o2++) t3[o2] instanceof u && n2(t3[o2]);
            };
            n2(t2);
          }
        };
        var b = function(e2) {
          if (e2.__hostAssociated && e2.__slotCacheDirty) {
            e2.__slotCacheDirty = false;
            var t2 = e2.__wxHost, r2 = null, o2 = /* @__PURE__ */ Object.create(null);
            r2 = void 0 !== t2.__singleSlot ? { "": t2.__singleSlot } : t2.__slots;
            var i2 = function(e3) {
              void 0 !== e3.__slotName && (o2[e3.__slotName] ? n.hasGlobalWarningListeners() && n.triggerWarning('More than one slot named "' + e3.__slotName + '" are found inside a single component instance (in component "' + t2.is + '"). The first one was accepted.') : o2[e3.__slotName] = e3);
              for (var r3 = e3.childNodes, a2 = 0; a2 < r3.length; a2++) r3[a2] instanceof u && i2(r3[a2]);
            };
            i2(e2), void 0 !== t2.__singleSlot ? t2.__singleSlot !== o2[""] && (o2[""] && (o2[""].__wxSlotChildren = t2.childNodes), g(t2, o2, r2, true), t2.__singleSlot && (t2.__singleSlot.__wxSlotChildren = []), t2.__singleSlot = o2[""] || null) : (g(t2, o2, r2, false), t2.__slots = o2);
          }
        }, g = function(e2, t2, r2, n2) {
          var o2 = e2.childNodes, i2 = 0;
          if (n2) {
            var a2 = t2[""];
            if (a2) for (; i2 < o2.length; i2++) C(a2, o2[i2], null, false, false, false, -1);
            else if (a2 = r2[""]) for (; i2 < o2.length; i2++) C(a2, null, o2[i2], true, false, false, i2);
          } else {
            var l2 = function(e3) {
              for (var n3 = 0; n3 < e3.length; n3++) {
                var o3 = e3[n3], i3 = o3.__slot || "", a3 = t2[i3];
                a3 ? C(a3, o3, null, false, true, true) : (a3 = r2[i3], a3 && C(a3, null, o3, true, true, true)), o3.__inheritSlots && l2(o3.childNodes);
              }
            };
            l2(o2);
          }
        }, w = function(e2, t2, r2, n2) {
          for (var o2 = function(e3, t3, n3) {
            var i3 = e3.childNodes, a2 = 0;
            for (t3 && (a2 = i3.indexOf(t3) + (n3 ? 0 : 1)); a2 < i3.length; a2++) {
              var l2 = i3[a2];
              if (l2.__slot === r2) return l2;
              if (l2.__inheritSlots) {
                var s2 = o2(l2, null, false);
                if (s2) return s2;
              }
            }
            return null;
          }; t2 !== e2; t2 = t2.parentNode) {
            var i2 = o2(t2.parentNode, t2, n2);
            if (i2) return i2;
            n2 = false;
          }
          return null;
        }, y = function(e2) {
          for (var t2 = e2.parentNode; t2 && t2.__inheritSlots; ) t2 = t2.parentNode;
          if (t2 && void 0 === t2.__singleSlot) {
            var r2 = e2.__slot || "", n2 = t2.__slots[r2];
            if (n2) {
              var o2 = w(t2, e2, r2, false);
              C(n2, e2, o2, false, true, true);
            } else n2 = e2.__wxSlotParent, n2 && C(n2, null, e2, true, true, true);
          }
        }, x = function(e2, t2, r2, n2, o2) {
          var i2 = e2;
          if (i2 instanceof u) {
            for (; i2.__virtual; ) {
              var a2 = i2.__wxSlotParent;
              if (!a2) {
                i2 = null;
                break;
              }
              if (t2 && !r2) {
                var l2 = a2.__wxSlotChildren.indexOf(i2);
                r2 = a2.__wxSlotChildren[l2 + 1];
              }
              i2 = a2;
            }
            i2 instanceof u && (i2 = i2.__domElement);
          }
          if (i2) {
            var s2 = n2, _2 = null, c2 = null;
            if (t2) if (t2.__virtual) {
              var d2 = document.createDocumentFragment(), f2 = function(e3) {
                for (var t3 = 0; t3 < e3.__wxSlotChildren.length; t3++) {
                  var r3 = e3.__wxSlotChildren[t3];
                  r3.__virtual ? f2(r3) : d2.appendChild(r3.__domElement);
                }
              };
              f2(t2), _2 = d2;
            } else _2 = t2.__domElement;
            if (r2) if (r2.__virtual) {
              var p2 = e2, h2 = 0;
              if (n2) {
                var v2 = function(e3) {
                  for (var t3 = 0; t3 < e3.__wxSlotChildren.length; t3++) {
                    var r3 = e3.__wxSlotChildren[t3];
                    r3.__virtual ? v2(r3) : i2.removeChild(r3.__domElement);
                  }
                };
                v2(r2), s2 = false, h2 = o2 + 1;
              } else p2 = r2.__wxSlotParent, h2 = r2 === t2 ? o2 : p2.__wxSlotChildren.indexOf(r2);
              if (t2) {
                var m2 = function(e3, t3) {
                  for (; t3 < e3.__wxSlotChildren.length; t3++) {
                    var r3 = e3.__wxSlotChildren[t3];
                    if (!r3.__virtual) return r3;
                    var n3 = m2(r3, 0);
                    if (n3) return n3;
                  }
                };
                r2 = null;
                for (var b2 = p2; r2 = m2(b2, h2), !r2 && b2.__virtual; b2 = b2.__wxSlotParent) h2 = b2.__wxSlotParent.__wxSlotChildren.indexOf(b2) + 1;
                r2 && (c2 = r2.__domElement);
              }
            } else c2 = r2.__domElement;
            s2 ? _2 ? i2.replaceChild(_2, c2) : i2.removeChild(c2) : _2 && (c2 ? i2.insertBefore(_2, c2) : i2.appendChild(_2));
          } else if (t2 && t2.__wxSlotParent) {
            var g2 = function(e3) {
              if (e3.__virtual) for (var t3 = 0; t3 < e3.__wxSlotChildren.length; t3++) g2(e3.__wxSlotChildren[t3]);
              else {
                var r3 = e3.__domElement;
                r3 && r3.parentNode && r3.parentNode.removeChild(r3);
              }
            };
            g2(t2);
          }
        }, C = function(e2, t2, r2, n2, o2, i2, a2) {
          if (n2 && (r2.__wxSlotParent = null), o2 && (a2 = e2.__wxSlotChildren.indexOf(r2)), t2) {
            var l2 = t2.__wxSlotParent;
            if (t2.__wxSlotParent = e2, l2 && i2) {
              var s2 = l2.__wxSlotChildren.indexOf(t2);
              l2.__wxSlotChildren.splice(s2, 1), l2 === e2 && s2 < a2 && a2--;
            }
          }
          var c2 = false;
          t2 && t2.__backendExtracted ? c2 = true : r2 && r2.__backendExtracted && (c2 = true), c2 || x(e2, t2, r2, n2, a2), _.writeExtraInfoToAttr && (n2 && r2 instanceof u && r2.__domElement && r2.__domElement.removeAttribute("exparser:info-in-slot-of"), t2 instanceof u && t2.__domElement && (void 0 !== e2.__slotName && e2.ownerShadowRoot ? t2.__domElement.setAttribute("exparser:info-in-slot-of", e2.ownerShadowRoot.__wxHost.__componentInstanceId) : t2.__domElement.removeAttribute("exparser:info-in-slot-of"))), o2 && (a2 === -1 && (a2 = e2.__wxSlotChildren.length), t2 ? e2.__wxSlotChildren.splice(a2, n2 ? 1 : 0, t2) : e2.__wxSlotChildren.splice(a2, n2 ? 1 : 0));
        }, O = function(e2, t2) {
          for (var r2 = e2.childNodes, n2 = 0; n2 < r2.length; n2++) {
            var o2 = r2[n2];
            t2(e2, o2), o2.__inheritSlots && O(o2, t2);
          }
        }, S = u.insertChildToElement = function(e2, t2, r2, n2) {
          if (void 0 !== e2.__slotName) return false;
          var o2 = r2 >= 0 ? e2.childNodes[r2] : null;
          n2 && t2 === o2 && (n2 = false);
          var a2 = null, l2 = e2, s2 = e2;
          if (t2) {
            a2 = t2.parentNode, t2.parentNode = e2;
            var _2 = e2.__subtreeObserversCount;
            if (a2) {
              var c2 = a2.childNodes.indexOf(t2);
              a2.childNodes.splice(c2, 1), a2 === e2 && c2 < r2 && r2--, _2 -= a2.__subtreeObserversCount;
            }
            _2 && i._updateSubtreeCaches(t2, _2);
          }
          for (var u2 = e2; u2 && u2.__inheritSlots; ) u2 = u2.parentNode;
          for (var d2 = !u2 || !u2.__slots, g2 = !d2 || e2.__inheritSlots, y2 = a2; y2 && y2.__inheritSlots; ) y2 = y2.parentNode;
          var x2 = !y2 || !y2.__slots, S2 = !x2 || a2 && a2.__inheritSlots;
          if (d2) void 0 !== e2.__singleSlot && (l2 = s2 = e2.__singleSlot), l2 ? C(l2, t2, o2, n2, g2, S2, r2) : t2 && t2.__wxSlotParent && C(t2.__wxSlotParent, null, t2, true, S2, false), t2 && !x2 && t2.__inheritSlots && O(t2, function(e3, t3) {
            C(e3, t3, null, false, true, true, -1);
          });
          else {
            var E2 = "";
            if (t2 && (E2 = t2.__slot || "", l2 = u2.__slots[E2] || null), o2 && (s2 = u2.__slots[o2.__slot || ""] || null), o2 && s2 && n2 && C(s2, null, o2, n2, true, false), t2) if (l2) {
              var N2 = o2 ? w(u2, o2, E2, !n2) : w(u2, e2, E2, false);
              C(l2, t2, N2, false, true, S2);
            } else t2.__wxSlotParent && C(t2.__wxSlotParent, null, t2, true, S2, false);
            o2 && n2 && o2.__inheritSlots && O(o2, function(e3, t3) {
              C(e3, t3, null, false, true, true, -1);
            }), t2 && t2.__inheritSlots && O(t2, function(t3, r3) {
              var i2 = r3.__slot || "", a3 = u2.__slots[i2] || null;
              if (a3) {
                var l3 = o2 ? w(u2, o2, i2, !n2) : w(u2, e2, i2, false);
                C(a3, r3, l3, false, true, true);
              } else r3.__wxSlotParent && C(r3.__wxSlotParent, null, r3, true, true, false);
            });
          }
          return n2 && (e2.__subtreeObserversCount && i._updateSubtreeCaches(o2, -e2.__subtreeObserversCount), o2.parentNode = null), r2 === -1 && (r2 = e2.childNodes.length), t2 ? e2.childNodes.splice(r2, n2 ? 1 : 0, t2) : e2.childNodes.splice(r2, n2 ? 1 : 0), e2.ownerShadowRoot && (n2 && m(o2, e2.ownerShadowRoot), t2 && m(t2, e2.ownerShadowRoot), b(e2.ownerShadowRoot)), n2 && (p(o2), v(e2, "remove", o2)), t2 && (a2 ? h(t2) : f(t2), a2 === e2 ? v(e2, "move", t2) : (a2 && v(a2, "remove", t2), v(e2, "add", t2))), true;
        }, E = function(e2, t2, r2, n2) {
          if (t2 && e2.ownerShadowRoot !== t2.ownerShadowRoot) throw new Error("Cannot move the node from one shadow tree to another shadow tree.");
          var o2 = n2 ? r2 : t2, i2 = -1;
          if (r2 && (i2 = e2.childNodes.indexOf(r2), i2 < 0)) return null;
          var a2 = S(e2, t2, i2, n2);
          return a2 ? o2 : null;
        };
        u._attachShadowRoot = function(e2) {
          var t2 = e2.__wxHost;
          t2.__wxSlotChildren = [e2], C(t2, e2, null, false, false, 0), e2.__hostAssociated = true, b(e2);
        }, u.appendChild = function(e2, t2) {
          return E(e2, t2, null, false);
        }, u.insertBefore = function(e2, t2, r2) {
          return E(e2, t2, r2, false);
        }, u.removeChild = function(e2, t2) {
          return E(e2, null, t2, true);
        }, u.replaceChild = function(e2, t2, r2) {
          return E(e2, t2, r2, true);
        }, u.prototype.appendChild = function(e2) {
          return E(this, e2, null, false);
        }, u.prototype.insertBefore = function(e2, t2) {
          return E(this, e2, t2, false);
        }, u.prototype.removeChild = function(e2) {
          return E(this, null, e2, true);
        }, u.prototype.replaceChild = function(e2, t2) {
          return E(this, e2, t2, true);
        };
        var N = function(e2) {
          var t2 = true, r2 = true;
          if (e2 instanceof u ? (e2.__backendExtracted = true, e2.$$ = e2.__domElement = null, r2 = false) : e2 instanceof l && (e2.__backendExtracted = true, e2.$$ = e2.__domElement = null, t2 = false, r2 = false), t2 && e2.__wxSlotChildren) for (var n2 = 0; n2 < e2.__wxSlotChildren.length; n2++) {
            var o2 = e2.__wxSlotChildren[n2];
            N(o2);
          }
          else if (r2 && e2.childNodes) for (var i2 = 0; i2 < e2.childNodes.length; i2++) N(e2.childNodes[i2]);
        };
        u.extractBackend = function(e2) {
          if (e2.__backendExtracted) return null;
          var t2 = e2.__domElement;
          return N(e2), t2;
        };
        var k = function(e2, t2) {
          if (!t2) {
            var r2 = s.toElement(e2.__domElement);
            return e2.$$ = e2.__domElement = r2, r2;
          }
          if (e2.__domElement.tagName.toUpperCase() === t2.tagName) e2.$$ = e2.__domElement = t2;
          else {
            var n2 = s.toElement(e2.__domElement);
            e2.$$ = e2.__domElement = n2, t2.parentNode.replaceChild(n2, t2);
          }
          return null;
        }, P = function(e2, t2) {
          if (!t2) {
            var r2 = document.createTextNode(e2.textContent);
            return e2.$$ = e2.__domElement = r2, r2;
          }
          if ("undefined" != typeof t2.textContent) t2.textContent = e2.textContent, e2.$$ = e2.__domElement = t2;
          else {
            var n2 = document.createTextNode(e2.textContent);
            e2.$$ = e2.__domElement = n2, t2.parentNode.replaceChild(n2, t2);
          }
          return null;
        }, T = function(e2, t2) {
          if (!t2) return e2;
          for (; e2.childNodes && t2.childNodes && t2.childNodes.length; ) e2.appendChild(t2.childNodes[0]);
          return t2.parentNode.replaceChild(e2, t2), null;
        }, A = function(e2, t2, r2) {
          var n2 = e2 instanceof u && e2.__virtual, o2 = t2 ? t2.childNodes[r2] : void 0, i2 = true, a2 = true, s2 = null;
          if (e2 instanceof u) e2.__backendExtracted = false, n2 || (s2 = k(e2, o2)), a2 = false;
          else if (e2 instanceof l) e2.__backendExtracted = false, s2 = P(e2, o2), i2 = false, a2 = false;
          else {
            var _2 = document.createDocumentFragment();
            if (_2.__wxSlotChildren = e2.__wxSlotChildren, o2 && o2.childNodes) for (; o2.childNodes.length; ) _2.appendChild(o2.childNodes[0]);
            s2 = T(e2, o2), e2 = _2;
          }
          s2 ? (t2.appendChild(s2), o2 = s2) : o2 = t2 ? t2.childNodes[r2] : void 0;
          var c2 = 0;
          if (i2 && e2.__wxSlotChildren) for (var d2 = 0; d2 < e2.__wxSlotChildren.length; d2++) {
            var f2 = e2.__wxSlotChildren[d2];
            if (n2) r2 = A(f2, t2, r2);
            else if (f2.asShadowRoot) {
              for (var p2 = 0; p2 < f2.asShadowRoot.childNodes.length; p2++) c2 = A(f2.asShadowRoot.childNodes[p2], o2, c2);
              e2.shadowRoot = o2, o2.__wxHost = e2, e2.__wxSlotChildren[0] = o2, o2.__wxSlotParent = e2, e2.__singleSlot === f2 && (e2.__singleSlot = o2);
            } else c2 = A(f2, o2, c2);
          }
          else if (a2 && e2.childNodes) for (var h2 = 0; h2 < e2.childNodes.length; h2++) c2 = A(e2.childNodes[h2], o2, c2);
          if (n2) return r2;
          for (; o2.childNodes.length > c2; ) o2.removeChild(o2.childNodes[c2]);
          return r2 + 1;
        };
        u.injectBackend = function(e2, t2) {
          if (e2.__backendExtracted) {
            var r2 = document.createDocumentFragment();
            r2.appendChild(t2), A(e2, r2, 0);
          }
        }, u.prototype.triggerEvent = function(e2, t2, r2) {
          o.triggerEvent(this, e2, t2, r2);
        }, u.prototype.dispatchEvent = function(e2) {
          o.dispatchEvent(this, e2);
        }, u.prototype.addListener = function(e2, t2, r2) {
          o.addListenerToElement(this, e2, t2, r2);
        }, u.prototype.removeListener = function(e2, t2, r2) {
          o.removeListenerFromElement(this, e2, t2, r2);
        }, u.setMethodCaller = function(e2, t2) {
          e2.__methodCaller = t2;
        }, u.getMethodCaller = function(e2) {
          return e2.__methodCaller;
        }, u.prototype.getAttribute = function(e2) {
          if (!this.__attributes) return null;
          var t2 = this.__attributes[e2];
          return void 0 === t2 ? null : t2;
        }, u.prototype.setAttribute = function(e2, t2) {
          this.__attributes || (this.__attributes = /* @__PURE__ */ Object.create(null)), t2 = String(t2), this.__attributes[e2] = t2, this.__domElement && this.__domElement.setAttribute(e2, t2);
        }, u.prototype.removeAttribute = function(e2) {
          this.__attributes && (delete this.__attributes[e2], this.__domElement && this.__domElement.removeAttribute(e2));
        }, u.prototype.setMark = function(e2, t2) {
          this.__marks || (this.__marks = {}), this.__marks[e2] = t2;
        }, u.prototype.collectMarks = function() {
          for (var e2 = {}, t2 = this; t2; t2 = t2.parentNode) if (t2.__marks) for (var r2 in t2.__marks) hasOwnProperty.call(e2, r2) || (e2[r2] = t2.__marks[r2]);
          return e2;
        };
        var L = u.prototype.setNodeStyle = function(e2, t2) {
          this.__styleSegments[t2 || 0] = e2;
          var r2 = this.__styleSegments.join(";");
          if (this.__domElement && this.ownerShadowRoot && this.ownerShadowRoot.__childrenPropsFilter) {
            var n2 = this.ownerShadowRoot.__childrenPropsFilter, o2 = n2.style;
            if ("function" == typeof o2) return void this.__domElement.setAttribute("style", o2.call(this, r2));
          }
          this.__domElement && this.__domElement.setAttribute("style", r2), (this.__propObservers && !this.__propObservers.empty || this.__subtreeObserversCount) && i._callObservers(this, "__propObservers", { type: "properties", target: this, propertyName: "style" });
        };
        u.replaceDocumentElement = function(e2, t2) {
          e2.__attached || (t2.parentNode.replaceChild(e2.__domElement, t2), f(e2));
        }, u.pretendAttached = function(e2) {
          e2.__attached || f(e2);
        }, u.pretendDetached = function(e2) {
          e2.__attached && p(e2);
        }, u.isAttached = function(e2) {
          return e2.__attached;
        }, u.setSlotName = function(e2, t2) {
          if (t2 = null == t2 ? "" : String(t2), void 0 === e2.__slotName) {
            if (0 !== e2.childNodes.length || 0 !== e2.__wxSlotChildren.length) return;
            e2.__wxSlotChildren = [];
          }
          e2.__slotName = t2, e2.ownerShadowRoot && (e2.ownerShadowRoot.__slotCacheDirty = true, b(e2.ownerShadowRoot));
        }, u.setInheritSlots = function(e2) {
          e2.__singleSlot || e2.__slots || e2.__wxSlotChildren.length || (e2.__wxSlotChildren = [], e2.__inheritSlots = true);
        }, u.getInheritSlots = function(e2) {
          return e2.__inheritSlots;
        };
        var M = function(e2, t2) {
          var r2 = e2.match(/^(#[_a-zA-Z][-_a-zA-Z0-9:]*|)((?:\.-?[_a-zA-Z][-_a-zA-Z0-9]*)+|)$/);
          if (!r2) return null;
          var n2 = r2[1].slice(1), o2 = r2[2].split(".");
          return o2.shift(), n2 || o2.length ? { id: n2, classes: o2, relation: t2 || "" } : null;
        }, D = u.parseSelector = function(e2) {
          for (var t2 = String(e2 || "").split(","), r2 = [], n2 = false, o2 = 0; o2 < t2.length; o2++) {
            for (var i2 = t2[o2].split(/( |\t|>+)/g), a2 = [], l2 = "", s2 = 0; s2 < i2.length; s2++) {
              var _2 = i2[s2];
              if (_2 && " " !== _2 && "	" !== _2) if (">" !== _2[0]) {
                var c2 = M(_2, l2);
                if (l2 = "", !c2) break;
                a2.push(c2);
              } else {
                if ("" !== l2) break;
                l2 = _2, ">>>" === _2 && (n2 = true);
              }
            }
            s2 === i2.length && a2.length && r2.push(a2);
          }
          return r2.length ? { crossShadow: n2, union: r2 } : null;
        }, R = function(e2, t2, r2, n2, o2) {
          if (t2 === e2) return false;
          var i2 = r2[n2], a2 = true;
          i2.id && i2.id !== t2.__id && (a2 = false);
          for (var l2 = i2.classes, s2 = 0; a2 && s2 < l2.length; s2++) t2.classList.contains(l2[s2]) || (a2 = false);
          if (!a2 && ">" === o2) return false;
          var _2 = t2;
          if (a2 && 0 === n2) {
            if (null === e2) return true;
            for (_2 = _2.parentNode; _2; _2 = _2.parentNode) if (_2 === e2) return true;
            if (">>>" !== o2) return false;
            _2 = t2, a2 = false;
          }
          var c2 = a2 ? i2.relation : o2;
          do
            _2.parentNode ? _2 = _2.parentNode : ">>>" === c2 ? _2 = _2.__wxHost : ">>>" === o2 ? (a2 = false, _2 = _2.__wxHost) : _2 = null, _2 === e2 && (_2 = null);
          while (_2 && !u.isSelectable(_2));
          if (!_2) return false;
          if (a2) {
            var d2 = R(e2, _2, r2, n2 - 1, c2);
            if (d2) return true;
            if (">>>" !== o2) return false;
          }
          return R(e2, _2, r2, n2, o2);
        }, j = function(e2, t2, r2) {
          if (!u.isSelectable(r2)) return false;
          for (var n2 = e2.union, o2 = 0; o2 < n2.length; o2++) {
            var i2 = n2[o2];
            if (R(t2, r2, i2, i2.length - 1, ">")) return true;
          }
          return false;
        }, I = function(e2, t2, r2, n2, o2) {
          if (j(t2, r2, n2) && (e2.push(n2), o2)) return true;
          if (n2.shadowRoot && t2.crossShadow) {
            var i2 = n2.ownerShadowRoot ? n2.ownerShadowRoot.__wxHost.__componentOptions.domain : _.domain, a2 = n2.__componentOptions.domain;
            if (i2 === a2 && I(e2, t2, r2, n2.shadowRoot, o2) && o2) return true;
          }
          for (var l2 = n2.childNodes, s2 = 0; s2 < l2.length; s2++) if (l2[s2] instanceof u && I(e2, t2, r2, l2[s2], o2) && o2) return true;
          return false;
        };
        u.prototype.querySelector = function(e2) {
          var t2 = "object" == typeof e2 ? e2 : D(e2);
          if (!t2) return null;
          var r2 = [];
          return I(r2, t2, this, this, true), r2[0] || null;
        }, u.prototype.querySelectorAll = function(e2) {
          var t2 = "object" == typeof e2 ? e2 : D(e2), r2 = [];
          return t2 ? (I(r2, t2, this, this, false), r2) : [];
        }, u.matchSelector = function(e2, t2) {
          var r2 = "object" == typeof e2 ? e2 : D(e2);
          return !!r2 && j(r2, null, t2);
        }, u.prototype.matchSelector = function(e2, t2) {
          var r2 = "object" == typeof e2 ? e2 : D(e2);
          return !!r2 && j(r2, this, t2);
        }, u.isSelectable = function(e2) {
          return !!e2.classList;
        }, e.exports = u;
      }, function(e, t, r) {
        var n = r(3), o = function() {
        };
        o.prototype = Object.create(Object.prototype, { constructor: { value: o, writable: true, configurable: true } }), o.create = function(e2) {
          var t2 = new o();
          return t2._cb = e2, t2._noSubtreeCb = function(t3) {
            t3.target === this && e2.call(this, t3);
          }, t2._binded = [], t2;
        }, o.prototype.observe = function(e2, t2) {
          t2 = t2 || {};
          var r2 = 0, o2 = t2.subtree ? this._cb : this._noSubtreeCb;
          t2.properties && (e2.__propObservers || (e2.__propObservers = n.create("Observer Callback")), this._binded.push({ funcArr: e2.__propObservers, id: e2.__propObservers.add(o2), subtree: t2.subtree ? e2 : null }), r2++), t2.childList && (e2.__childObservers || (e2.__childObservers = n.create("Observer Callback")), this._binded.push({ funcArr: e2.__childObservers, id: e2.__childObservers.add(o2), subtree: t2.subtree ? e2 : null }), r2++), t2.characterData && (e2.__textObservers || (e2.__textObservers = n.create("Observer Callback")), this._binded.push({ funcArr: e2.__textObservers, id: e2.__textObservers.add(o2), subtree: t2.subtree ? e2 : null }), r2++), t2.subtree && i(e2, r2), t2.attachStatus && (e2.__attachedObservers || (e2.__attachedObservers = n.create("Observer Callback")), this._binded.push({ funcArr: e2.__attachedObservers, id: e2.__attachedObservers.add(o2), subtree: null }));
        }, o.prototype.disconnect = function() {
          for (var e2 = this._binded, t2 = 0; t2 < e2.length; t2++) {
            var r2 = e2[t2];
            r2.funcArr.remove(r2.id), r2.subtree && i(r2.subtree, -1);
          }
          this._binded = [];
        };
        var i = o._updateSubtreeCaches = function(e2, t2) {
          e2.__subtreeObserversCount += t2;
          var r2 = e2.childNodes;
          if (r2) for (var n2 = 0; n2 < r2.length; n2++) i(r2[n2], t2);
        };
        o._callObservers = function(e2, t2, r2) {
          do
            e2[t2] && e2[t2].call(e2, [r2]), e2 = e2.parentNode;
          while (e2 && e2.__subtreeObserversCount);
        }, o._callSingleObserver = function(e2, t2, r2) {
          e2[t2] && e2[t2].call(e2, [r2]);
        }, e.exports = o;
      }, function(e, t, r) {
        var n = r(10), o = function() {
        }, i = /(~|\^+)?-?[_0-9a-z][-_0-9a-z]*/gi, a = null;
        o._setElementSystem = function(e2) {
          a = e2, o._setElementSystem = null;
        };
        var l = Object.prototype.hasOwnProperty;
        o.create = function(e2, t2) {
          var r2 = new o();
          r2._prefix = "", r2._addOriginalClass = false, r2._alias = t2, r2._resolvedAlias = {};
          for (var n2 in t2) r2._resolvedAlias[n2] = "";
          return r2._rawNames = [], r2._elem = e2, r2._owner = null, r2;
        };
        var s = function(e2) {
          var t2 = "", r2 = e2._rawNames, n2 = e2._prefix, o2 = e2._owner ? e2._owner._resolvedAlias : null, i2 = e2._addOriginalClass;
          n2 && (n2 += "--");
          for (var a2 = 0; a2 < r2.length; a2++) {
            var s2 = r2[a2];
            if (a2 && (t2 += " "), o2 && l.call(o2, s2)) t2 += o2[s2];
            else if ("~" === s2[0]) t2 += s2.slice(1);
            else if ("^" === s2[0]) {
              s2 = s2.slice(1);
              for (var _2 = e2._owner || null; "^" === s2[0]; ) s2 = s2.slice(1), _2 = _2 ? _2._owner : null;
              var c2 = _2 ? _2._prefix : "";
              c2 && (c2 += "--"), t2 += c2 + s2;
            } else i2 && (t2 += s2 + " "), t2 += n2 + s2;
          }
          return t2;
        }, _ = function(e2) {
          var t2 = e2._elem.__domElement;
          if (t2) {
            var r2 = s(e2);
            r2 ? t2.setAttribute("class", r2) : t2.removeAttribute("class");
          }
        }, c = function(e2) {
          var t2 = e2.classList;
          t2 instanceof o && (t2._alias && u(t2), _(t2));
          for (var r2 = e2.childNodes, n2 = 0; n2 < r2.length; n2++) r2[n2] instanceof a && c(r2[n2]);
        }, u = function(e2) {
          var t2 = e2._owner;
          if (!t2) return false;
          var r2 = false;
          for (var n2 in e2._alias) {
            var o2 = e2._alias[n2], i2 = [];
            if (o2) for (var s2 = 0; s2 < o2.length; s2++) {
              var _2 = o2[s2];
              if (l.call(t2._alias, _2)) {
                var u2 = t2._resolvedAlias[_2];
                i2.push(u2);
              } else {
                var d = e2._prefix && _2 ? e2._prefix + "--" + _2 : _2;
                i2.push(d);
              }
            }
            var f = i2.join(" ");
            e2._resolvedAlias[n2] !== f && (r2 = true, e2._resolvedAlias[n2] = f);
          }
          r2 && e2._elem.shadowRoot instanceof a && c(e2._elem.shadowRoot);
        };
        o.prototype.toggle = function(e2, t2) {
          var r2 = this._rawNames.indexOf(e2);
          void 0 === t2 && (t2 = r2 < 0);
          var o2 = false;
          if (t2 ? r2 < 0 && (this._rawNames.push(e2), _(this), o2 = true) : r2 >= 0 && (this._rawNames.splice(r2, 1), _(this), o2 = true), o2) {
            var i2 = this._elem;
            (i2.__propObservers && !i2.__propObservers.empty || i2.__subtreeObserversCount) && n._callObservers(i2, "__propObservers", { type: "properties", target: i2, propertyName: "class" });
          }
        }, o.prototype.contains = function(e2) {
          for (var t2 = this._rawNames, r2 = 0; r2 < t2.length; r2++) {
            var n2 = t2[r2];
            if ("~" === n2[0]) {
              if (n2.slice(1) === e2) return true;
            } else if ("^" === n2[0]) {
              for (var o2 = 1; "^" === n2[o2]; ) o2++;
              if (n2.slice(o2) === e2) return true;
            } else if (n2 === e2) return true;
          }
          return false;
        }, o.prototype._setOwnerOptions = function(e2, t2, r2) {
          var n2 = this._prefix;
          this._prefix = t2, n2 !== t2 && (this._addOriginalClass = r2, this._owner = e2, this._alias && u(this), _(this));
        }, o.prototype._setAlias = function(e2, t2) {
          var r2 = this._owner, n2 = String(t2).match(i);
          this._alias[e2] = n2;
          var o2 = [];
          if (n2) for (var a2 = 0; a2 < n2.length; a2++) {
            var s2 = n2[a2];
            r2 && l.call(r2._alias, s2) ? o2.push(r2._resolvedAlias[s2]) : o2.push(this._prefix ? this._prefix + "--" + s2 : s2);
          }
          this._resolvedAlias[e2] = o2.join(" "), c(this._elem.shadowRoot);
        }, o.prototype.setClassNames = function(e2) {
          e2 = void 0 === e2 || null === e2 ? "" : String(e2), this._rawNames = e2.match(i) || [], _(this);
        }, o.prototype.getClassNames = function() {
          return s(this);
        }, o.prototype.getPrefix = function() {
          return this._prefix;
        }, o.prototype.getAddOriginalClass = function() {
          return this._addOriginalClass;
        }, o.prototype.getRawNames = function() {
          return this._rawNames;
        }, e.exports = o;
      }, function(e, t, r) {
        var n = r(10), o = r(4), i = r(13), a = function() {
        };
        a.prototype = Object.create(Object.prototype, { constructor: { value: a, writable: true, configurable: true } });
        var l = a._advancedCreate = function(e2, t2) {
          var r2 = new a();
          r2.__slot = "";
          var n2 = null;
          return i.backendExtractedDefault || "dom" !== o.documentBackend ? r2.__textContent = e2 : (n2 = document.createTextNode(e2 || ""), n2.__wxElement = r2), r2.$$ = r2.__domElement = n2, r2.__backendExtracted = i.backendExtractedDefault, r2.__subtreeObserversCount = 0, r2.parentNode = null, r2.ownerShadowRoot = t2, r2;
        };
        a.create = function(e2) {
          return l(e2, null);
        }, Object.defineProperty(a.prototype, "textContent", { get: function() {
          return this.__domElement ? this.__domElement.textContent : this.__textContent;
        }, set: function(e2) {
          this.__domElement ? this.__domElement.textContent = e2 : this.__textContent = String(e2), (this.__textObservers && !this.__textObservers.empty || this.__subtreeObserversCount) && n._callObservers(this, "__textObservers", { type: "characterData", target: this });
        } }), e.exports = a;
      }, function(e, t) {
        t.backendExtractedDefault = false, t.enableBackendExtractedDefault = function() {
          t.backendExtractedDefault = true;
        }, t.disableBackendExtractedDefault = function() {
          t.backendExtractedDefault = false;
        };
      }, function(e, t) {
        var r = function(e2) {
          this.tagName = e2, this.id = "", this.attrs = {};
        };
        r.toElement = function(e2) {
          var t2 = document.createElement(e2.tagName);
          e2.id && (t2.id = e2.id);
          for (var r2 in e2.attrs) t2.setAttribute(r2, e2.attrs[r2]);
          return t2;
        }, r.fromElement = function(e2) {
          var t2 = new r(e2.tagName);
          t2.id = e2.id;
          for (var n = e2.attributes, o = 0; o < n.length; o++) t2.attrs[n[o].name] = n[o].value;
          return t2;
        }, r.prototype.cloneNode = function() {
          var e2 = new r();
          e2.id = this.id;
          for (var t2 in this.attrs) e2.attrs[t2] = this.attrs[t2];
          return e2;
        }, r.prototype.removeAttribute = function(e2, t2) {
          delete this.attrs[e2];
        }, r.prototype.setAttribute = function(e2, t2) {
          this.attrs[e2] = t2;
        }, r.prototype.getAttribute = function(e2) {
          return this.attrs[e2];
        }, e.exports = r;
      }, function(e, t, r) {
        var n = r(3), o = r(5), i = r(16), a = r(6), l = r(8), s = r(9), _ = r(17), c = r(10), u = r(11), d = r(14), f = r(4), p = r(13), h = r(7), v = a.addListenerToElement, m = h.parseSinglePath, b = o.deepCopy, g = function() {
        };
        g.prototype = Object.create(s.prototype, { constructor: { value: g, writable: true, configurable: true }, data: { get: function() {
          return this.__dataProxy._data;
        }, set: function(e2) {
          var t2 = this.__dataProxy;
          for (var r2 in e2) t2.scheduleReplace([r2], e2[r2]);
          t2.doUpdates();
        }, configurable: true }, $: { get: function() {
          return s._updateIdMap(this), this.__idCache;
        }, set: function() {
        } } });
        var w = function() {
        };
        w.prototype = Object.create(Object.prototype), a._setComponent(g);
        var y = null;
        g._setDefaultTemplateEngine = function(e2) {
          y = e2, g._setDefaultTemplateEngine = null;
        };
        var x = function(e2, t2, r2, o2, i2) {
          if (r2) {
            for (var a2 = 0; a2 < r2.length; a2++) if (l.matchTypeWithValue(r2[a2], e2)) return e2;
          }
          return t2 === String ? null === e2 || void 0 === e2 ? (n.hasGlobalWarningListeners() && n.triggerWarning('property "' + i2 + '" of "' + (o2.is || "") + '" received type-uncompatible value: expected <String> but get null value. Use empty string instead.'), "") : (n.hasGlobalWarningListeners() && "object" == typeof e2 && n.triggerWarning('property "' + i2 + '" of "' + (o2.is || "") + '" received type-uncompatible value: expected <String> but got object-typed value. Force converted.'), String(e2)) : t2 === Number ? isFinite(e2) ? Number(e2) : (n.hasGlobalWarningListeners() && ("number" == typeof e2 ? n.triggerWarning('property "' + i2 + '" of "' + (o2.is || "") + '" received type-uncompatible value: expected <Number> but got NaN or Infinity. Used 0 instead.') : n.triggerWarning('property "' + i2 + '" of "' + (o2.is || "") + '" received type-uncompatible value: expected <Number> but got non-number value. Used 0 instead.')), 0) : t2 === Boolean ? !!e2 : t2 === Array ? e2 instanceof Array ? e2 : (n.hasGlobalWarningListeners() && n.triggerWarning('property "' + i2 + '" of "' + (o2.is || "") + '" received type-uncompatible value: expected <Array> but got non-array value. Used empty array instead.'), []) : t2 === Object ? "object" == typeof e2 ? e2 : (n.hasGlobalWarningListeners() && n.triggerWarning('property "' + i2 + '" of "' + (o2.is || "") + '" received type-uncompatible value: expected <Object> but got non-object value. Used null instead.'), null) : void 0 === e2 ? null : e2;
        }, C = function(e2, t2, r2, n2) {
          if (n2 && e2.ownerShadowRoot) {
            var o2 = e2.ownerShadowRoot.__wxHost.__idPrefix;
            o2 && (r2 = o2 + "--" + r2);
          }
          var i2 = t2.replace(/[A-Z]/g, function(e3) {
            return "-" + e3.toLowerCase();
          }), a2 = typeof r2;
          "boolean" === a2 ? r2 ? e2.__domElement.setAttribute(i2, "") : e2.__domElement.removeAttribute(i2) : "object" === a2 ? e2.__domElement.setAttribute(i2, JSON.stringify(r2)) : e2.__domElement.setAttribute(i2, r2);
        }, O = function(e2, t2, r2) {
          var o2 = [t2 ? t2.__wxHost.__componentOptions.domain : void 0], i2 = n.safeCallback("Availablity Controller", r2, e2, o2);
          return !!i2;
        }, S = function(e2, t2, r2, o2) {
          var i2 = [e2.ownerShadowRoot ? e2.ownerShadowRoot.__wxHost.__componentOptions.domain : void 0, o2 ? void 0 : r2], a2 = n.safeCallback("Availablity Controller", t2, e2.__methodCaller, i2, e2);
          return !!a2;
        };
        i.setPropUpdater(function(e2, t2, r2, o2) {
          var i2 = e2[0], a2 = this.__propData[i2];
          r2 = x(r2, t2.type, t2.optionalTypes, this, i2);
          var l2 = !t2.availability || S(this, t2.availability, r2, o2);
          if (!l2) return n.hasGlobalWarningListeners() && n.triggerWarning('the new value for property "' + i2 + '" in component "' + (this.is || "") + '" is currently not available. The value is not changed.'), a2;
          if (t2.filter) {
            var s2 = n.safeCallback("Property Filter", t2.filter, this.__methodCaller, o2 ? [] : [r2, a2, e2], this);
            void 0 !== s2 && (r2 = s2);
          }
          return this.__domElement && this.__componentOptions.reflectToAttributes && this.__propPublic[i2] && C(this, i2, r2, t2.reflectIdPrefix), r2;
        }), i.setPropObserver(function(e2, t2, r2, o2, i2, a2) {
          if (o2.observeAssignments || e2 !== t2) {
            var l2 = r2[0];
            this.__propertyChangeListeners && this.__propertyChangeListeners[l2] && !a2 && n.safeCallback("Property Observer", this.__propertyChangeListeners[l2], this.__methodCaller, [e2], this), o2.observer && n.safeCallback("Property Observer", o2.observer, this.__methodCaller, i2 ? [] : [e2, t2, r2], this), o2.public && (this.__propObservers && !this.__propObservers.empty || this.__subtreeObserversCount) && c._callObservers(this, "__propObservers", { type: "properties", target: this, propertyName: l2 });
          }
        });
        var E = function(e2, t2, r2) {
          t2.__relationLinks || (t2.__relationLinks = {});
          for (var n2 = t2.__relationLinks[r2] = [], o2 = 0; o2 < e2.length; o2++) n2.push(null);
        }, N = function(e2, t2, r2, o2, i2) {
          for (var a2 = g.prototype.hasBehavior, _2 = "parent" === o2, c2 = "shadowHost" === o2, u2 = 0; u2 < e2.length; u2++) {
            var d2 = e2[u2], f2 = null;
            if (f2 = "object" != typeof d2.target ? l._list[d2.target] : d2.target) {
              var p2 = t2[u2], h2 = null;
              if (!i2) {
                for (var v2 = c2 ? r2.ownerShadowRoot && r2.ownerShadowRoot.__wxHost : r2.parentNode; v2; v2 = c2 ? v2.ownerShadowRoot && v2.ownerShadowRoot.__wxHost : v2.parentNode) if (s.isSelectable(v2)) {
                  if (a2.call(v2, f2)) {
                    var m2 = null;
                    m2 = _2 ? v2.__relationMap.child : c2 ? v2.__relationMap.shadowContent : v2.__relationMap.descendant;
                    for (var b2 = 0; b2 < m2.length; b2++) {
                      var w2 = m2[b2], y2 = null;
                      if (y2 = "object" != typeof w2.target ? l._list[w2.target] : w2.target, y2 && a2.call(r2, y2)) {
                        h2 = { parent: v2, relation: w2 };
                        break;
                      }
                    }
                  }
                  if (_2 || h2) break;
                }
              }
              t2[u2] = h2, !p2 || h2 && p2.parent === h2.parent || (n.safeCallback("Relation Unlinked Callback", p2.relation.unlinked, p2.parent.__methodCaller, [r2.__methodCaller], p2.parent), n.safeCallback("Relation Unlinked Callback", d2.unlinked, r2.__methodCaller, [p2.parent.__methodCaller], r2)), !h2 || p2 && p2.parent === h2.parent || (n.safeCallback("Relation Linked Callback", h2.relation.linked, h2.parent.__methodCaller, [r2.__methodCaller], h2.parent), n.safeCallback("Relation Linked Callback", d2.linked, r2.__methodCaller, [h2.parent.__methodCaller], r2)), p2 && h2 && p2.parent === h2.parent && (n.safeCallback("Relation Link Changed Callback", h2.relation.linkChanged, h2.parent.__methodCaller, [r2.__methodCaller], h2.parent), n.safeCallback("Relation Link Changed Callback", d2.linkChanged, r2.__methodCaller, [h2.parent.__methodCaller], r2)), i2 || h2 || n.safeCallback("Relation Link Failed Callback", d2.linkFailed, r2.__methodCaller, [], r2);
            }
          }
        }, k = function(e2, t2) {
          var r2 = [], n2 = t2.type, o2 = "child" === n2, i2 = "shadowContent" === n2, a2 = function(n3) {
            for (var l2 = n3.childNodes, _2 = 0; _2 < l2.length; _2++) {
              var c2 = l2[_2];
              if (c2 instanceof s) if (s.isSelectable(c2)) {
                if (c2.__relationLinks) {
                  var u2 = null;
                  if (u2 = o2 ? c2.__relationLinks.parent : i2 ? c2.__relationLinks.shadowHost : c2.__relationLinks.ancestor) for (var d2 = 0; d2 < u2.length; d2++) {
                    var f2 = u2[d2];
                    if (f2 && f2.parent === e2 && f2.relation === t2) {
                      r2.push(c2);
                      break;
                    }
                  }
                }
                i2 && c2 instanceof g && a2(c2.shadowRoot), o2 || a2(c2);
              } else a2(c2);
            }
          };
          return a2(i2 ? e2.shadowRoot : e2), r2;
        }, P = function(e2, t2, r2) {
          if (e2 instanceof s) {
            var n2 = 0, o2 = null;
            if (e2 instanceof g) {
              for (e2.__pageLifeTimeFuncs[t2] && e2.__pageLifeTimeFuncs[t2].call(e2.__methodCaller, r2 || []), o2 = e2.childNodes, n2 = 0; n2 < o2.length; n2++) P(o2[n2], t2, r2);
              e2 = e2.shadowRoot;
            }
            for (o2 = e2.childNodes, n2 = 0; n2 < o2.length; n2++) P(o2[n2], t2, r2);
          }
        };
        g._list = {}, g.register = function(e2) {
          var t2 = e2.options || {}, r2 = l.create(e2), n2 = void 0 !== t2.classPrefix ? t2.classPrefix : f.classPrefix;
          null !== n2 && void 0 !== n2 || (n2 = r2.is || "");
          var o2 = new w();
          return o2._unprepared = r2, o2.is = e2.is || "", o2.behavior = r2, o2.protoFunc = null, o2.props = null, o2.template = null, o2.innerEvents = null, o2.generics = r2.generics, o2.placeholder = r2.placeholder, o2.initiator = r2.initiator || null, o2.options = { availability: t2.availability || f.availability, domain: t2.domain || f.domain, writeOnly: !!(void 0 !== t2.writeOnly ? t2.writeOnly : f.writeOnly), allowInWriteOnly: !!(void 0 !== t2.allowInWriteOnly ? t2.allowInWriteOnly : f.allowInWriteOnly), classPrefix: n2, addGlobalClass: !!(void 0 !== t2.addGlobalClass ? t2.addGlobalClass : f.addGlobalClass), templateEngine: t2.templateEngine || f.templateEngine || y, renderingMode: t2.renderingMode || f.renderingMode, multipleSlots: !!(void 0 !== t2.multipleSlots ? t2.multipleSlots : f.multipleSlots), reflectToAttributes: !!(void 0 !== t2.reflectToAttributes ? t2.reflectToAttributes : f.reflectToAttributes), writeFieldsToNode: !!(void 0 !== t2.writeFieldsToNode ? t2.writeFieldsToNode : f.writeFieldsToNode), writeIdToDOM: !!(void 0 !== t2.writeIdToDOM ? t2.writeIdToDOM : f.writeIdToDOM), idPrefixGenerator: t2.idPrefixGenerator || f.idPrefixGenerator, separateInnerData: !!(void 0 !== t2.separateInnerData ? t2.separateInnerData : f.separateInnerData), innerDataExclude: t2.innerDataExclude || f.innerDataExclude, listenerChangeLifeTimes: !!(void 0 !== t2.listenerChangeLifeTimes ? t2.listenerChangeLifeTimes : f.listenerChangeLifeTimes), randomizeTagName: !!(void 0 !== t2.randomizeTagName ? t2.randomizeTagName : f.randomizeTagName), virtualHost: !!(void 0 !== t2.virtualHost ? t2.virtualHost : f.virtualHost) }, r2._unprepared || g.prepare(o2), void 0 !== e2.is && (g._list[r2.is] = o2), o2;
        }, g.isPrepared = function(e2) {
          return !e2._unprepared;
        }, g.prepare = function(e2) {
          var t2 = e2._unprepared;
          if (t2) {
            e2._unprepared = null;
            var r2 = e2.options, o2 = {};
            t2._unprepared && l.prepare(t2), r2.writeOnly && (o2.data = { value: null });
            var a2 = e2.props = {};
            Object.keys(t2.properties).forEach(function(e3) {
              var n2 = t2.properties[e3];
              a2[e3] = { type: n2.type, optionalTypes: n2.optionalTypes, value: n2.value, filter: "function" == typeof n2.filter ? n2.filter : null == n2.filter ? null : t2.methods[n2.filter], observer: "function" == typeof n2.observer ? n2.observer : null == n2.observer ? null : t2.methods[n2.observer], public: n2.public, availability: n2.availability, observeAssignments: n2.observeAssignments, reflectIdPrefix: n2.reflectIdPrefix }, r2.writeFieldsToNode && (o2[e3] = { enumerable: true, get: function() {
                return this.__propData[e3];
              }, set: function(t3) {
                var r3 = this.__dataProxy;
                r3.scheduleReplace([e3], t3), r3.doUpdates();
              } });
            });
            var s2 = function() {
            };
            e2.protoFunc = s2;
            var _2 = s2.prototype = Object.create(g.prototype, o2);
            if (_2.is = e2.is, _2.__componentOptions = r2, _2.__using = t2.using, e2.dataGroupObserverTree = i._createObserverTree(a2), t2._addObserversToDataProxy(e2.dataGroupObserverTree), _2.__behavior = t2, r2.writeFieldsToNode) for (var c2 in t2.methods) _2[c2] = t2.methods[c2];
            _2.__lifeTimeFuncs = t2._getAllLifeTimeFuncs(), _2.__pageLifeTimeFuncs = t2._getAllPageLifeTimeFuncs();
            var u2 = t2.relations, d2 = _2.__relationMap = {};
            for (var f2 in u2) {
              var p2 = u2[f2], h2 = p2.type;
              d2[h2] ? d2[h2].push(p2) : d2[h2] = [p2];
            }
            var v2 = [];
            d2.parent && v2.push(function(e3) {
              N(this.__relationMap.parent, this.__relationLinks.parent, this, "parent", "detached" === e3);
            }), d2.ancestor && v2.push(function(e3) {
              N(this.__relationMap.ancestor, this.__relationLinks.ancestor, this, "ancestor", "detached" === e3);
            }), d2.shadowHost && v2.push(function(e3) {
              N(this.__relationMap.shadowHost, this.__relationLinks.shadowHost, this, "shadowHost", "detached" === e3);
            }), e2.relationHandler = function(e3) {
              for (var t3 = 0; t3 < v2.length; t3++) v2[t3].call(this, e3);
            };
            var m2 = {}, b2 = {}, w2 = t2.data, y2 = "";
            for (y2 in w2) b2[y2] = w2[y2];
            for (y2 in a2) {
              var x2 = a2[y2];
              n.hasGlobalWarningListeners() && void 0 !== b2[y2] && n.triggerWarning('data field "' + y2 + '" is overwritten by property with the same name (when preparing "' + t2.is + '").'), b2[y2] = x2.value, m2[y2] = x2.public;
            }
            var C2 = b2, O2 = r2.separateInnerData, S2 = r2.innerDataExclude;
            if (S2) {
              C2 = {};
              for (var E2 in b2) S2.test(E2) || (C2[E2] = b2[E2]);
              O2 || (b2 = C2);
            }
            var k2 = r2.templateEngine;
            e2.template = k2.create(t2, b2, C2, r2), _2.__propPublic = m2;
            var P2 = t2._getAllListeners(), T2 = e2.innerEvents = [];
            for (var A2 in P2) {
              for (var L2 = P2[A2], M2 = A2.indexOf("."), D2 = A2.slice(M2 + 1), R2 = M2 < 1 ? "" : A2.slice(0, M2), j = [], I = 0; I < L2.length; I++) {
                var F = L2[I];
                "function" != typeof F && (F = null == F ? null : t2.methods[F]), j.push(F);
              }
              T2.push({ id: R2, name: D2, funcs: j });
            }
          }
        };
        var T = 1, A = Object.prototype.hasOwnProperty, L = function(e2, t2) {
          return function(r2) {
            return e2.call(t2.__methodCaller, r2, t2);
          };
        }, M = function(e2, t2, r2) {
          var o2 = {};
          for (var i2 in e2) {
            var a2 = e2[i2], l2 = t2[i2];
            "object" != typeof l2 && A.call(g._list, l2) && (l2 = g._list[l2]), "object" != typeof l2 && null != a2.default && (l2 = g._list[a2.default]), n.hasGlobalWarningListeners() && (l2 || n.triggerWarning('generic "' + i2 + '" is not instantiated. The default component is used instead.')), l2 && (o2[i2] = l2);
          }
          if (n.hasGlobalWarningListeners()) for (var s2 in t2) void 0 === e2[s2] && n.triggerWarning('generic "' + s2 + '" is not defined. It will be ignored.');
          return o2;
        }, D = function(e2, t2) {
          var r2 = {};
          for (var n2 in t2) r2[n2] = t2[n2];
          for (var n2 in e2) r2[n2] = e2[n2];
          return r2;
        }, R = g._advancedCreate = function(e2, t2, r2, o2, a2, l2) {
          var _2 = t2;
          _2._unprepared && g.prepare(_2);
          var c2 = _2.options, h2 = !c2.availability || O(_2, r2, c2.availability);
          h2 || (n.hasGlobalWarningListeners() && n.triggerWarning('the component "' + (_2.is || "") + '" is currently not available. The default component is used instead.'), _2 = g._list[""]);
          var m2 = _2.protoFunc, w2 = new m2();
          c2.idPrefixGenerator && (w2.__idPrefix = String(c2.idPrefixGenerator.call(w2))), w2.__placeholder = D(a2, _2.placeholder);
          var y2 = _2.generics;
          y2 ? w2.__generics = M(y2, o2 || {}, c2) : w2.__generics = {};
          var x2 = null, C2 = f.documentBackend;
          if (c2.virtualHost) {
            var x2 = null;
            "dom" === f.documentBackend && (x2 = void 0), s.initialize(w2, x2, r2), w2.__virtual = true;
          } else "dom" === C2 ? (x2 = p.backendExtractedDefault ? new d(e2) : document.createElement(e2), s.initialize(w2, x2, r2)) : s.initialize(w2, null, r2);
          var S2 = 0, N2 = w2.__externalClassAlias = {};
          if (_2.behavior.externalClasses) {
            var k2 = _2.behavior.externalClasses;
            for (S2 = 0; S2 < k2.length; S2++) N2[k2[S2]] = null;
          }
          if (w2.classList = u.create(w2, N2), r2) {
            var P2 = r2.__wxHost;
            w2.classList._setOwnerOptions(P2.classList, P2.__componentOptions.classPrefix, P2.__componentOptions.addGlobalClass), f.writeExtraInfoToAttr && x2 && x2.setAttribute("exparser:info-class-prefix", P2.__componentOptions.classPrefix && P2.__componentOptions.classPrefix + "--");
          }
          f.writeExtraInfoToAttr && x2 && (w2.__componentInstanceId = T++, x2.setAttribute("exparser:info-component-id", w2.__componentInstanceId));
          var A2 = w2.__templateInstance = _2.template.createInstance(w2, l2);
          w2.__propData = A2.data;
          var R2 = c2.separateInnerData;
          w2.__innerData = R2 ? b(w2.__propData) : null;
          var j = c2.innerDataExclude;
          if (R2 && j) {
            var I = {};
            for (var F in w2.__innerData) j.test(F) || (I[F] = w2.__innerData[F]);
            w2.__innerData = I;
          }
          w2.__dataProxy = i._advancedCreate(w2, w2.__propData, w2.__innerData, j, _2.dataGroupObserverTree, function(e3, t3, r3, n2) {
            w2.__templateInstance.updateValues(w2, R2 ? w2.__innerData : w2.__propData, e3, t3, r3, n2);
          }), A2.beforeMergeValues && w2.__dataProxy.setBeforeMergeCb(function(e3, t3, r3) {
            w2.__templateInstance.beforeMergeValues(e3, t3, r3);
          }), A2.beforeUpdateValues && w2.__dataProxy.setBeforeUpdateCb(function(e3) {
            w2.__templateInstance.beforeUpdateValues(w2, R2 ? w2.__innerData : w2.__propData, e3);
          }), c2.writeOnly && w2.__dataProxy.setHidingValue(true), w2.__idCacheDirty = false, w2.__idCache = A2.idMap, null === A2.slots[""] && (A2.slots[""] = x2), _2.options.multipleSlots ? w2.__slots = A2.slots : (w2.__singleSlot = A2.slots[""] || null, w2.__singleSlot && (w2.__singleSlot.__wxSlotChildren = w2.childNodes)), A2.shadowRoot instanceof s ? (w2.shadowRoot = A2.shadowRoot, s._attachShadowRoot(A2.shadowRoot)) : x2 instanceof d ? (w2.shadowRoot = x2, x2.__wxHost = w2, w2.__domElement.asShadowRoot = A2.shadowRoot, w2.__wxSlotChildren = [x2], x2.__wxSlotParent = w2) : (w2.shadowRoot = x2, x2.__wxHost = w2, w2.__domElement.appendChild(A2.shadowRoot), w2.__wxSlotChildren = [x2], x2.__wxSlotParent = w2);
          for (var B = A2.listeners, H = 0; H < B.length; H++) {
            var W = B[H];
            v(W.target, W.name, L(W.func, w2));
          }
          var U = _2.innerEvents;
          for (S2 = 0; S2 < U.length; S2++) {
            var G = U[S2], $ = G.id ? "this" === G.id ? w2 : w2.__idCache[G.id] : w2.shadowRoot;
            if ($) for (var z = G.name, V = G.funcs, J = 0; J < V.length; J++) v($, z, L(V[J], w2));
          }
          var q = w2.__relationMap;
          return q.parent && (E(q.parent, w2, "parent"), w2.__relationHandler = _2.relationHandler), q.ancestor && (E(q.ancestor, w2, "ancestor"), w2.__relationHandler = _2.relationHandler), q.shadowHost && (E(q.shadowHost, w2, "shadowHost"), w2.__relationHandler = _2.relationHandler), w2.__propertyChangeListeners = null, _2.initiator && n.safeCallback("Component Initiator", _2.initiator, w2.__methodCaller, [], w2), w2.__lifeTimeFuncs.created.call(w2.__methodCaller, [], w2), w2;
        };
        g.createWithGenerics = function(e2, t2, r2, o2) {
          return "object" == typeof e2 ? R(e2.is, e2, null, r2, null, o2) : e2 ? e2.indexOf("-") < 0 && !t2 ? _.create(e2) : (n.hasGlobalWarningListeners() && (t2 || A.call(g._list, e2) || "virtual" === e2 || n.triggerWarning('component "' + e2 + '" is not found. The default component is used instead.')), R(e2.toLowerCase(), t2 || A.call(g._list, e2) && g._list[e2] || g._list[""], null, r2, null, o2)) : R("virtual", g._list[""], null, r2, null, o2);
        }, g.create = function(e2, t2, r2) {
          return g.createWithGenerics(e2, t2, null, r2);
        }, g.listProperties = function(e2) {
          var t2 = [];
          for (var r2 in e2.__propPublic) void 0 !== e2.__propPublic[r2] && t2.push(r2);
          return t2;
        }, g.listPublicProperties = function(e2) {
          var t2 = [];
          for (var r2 in e2.__propPublic) e2.__propPublic[r2] === true && t2.push(r2);
          return t2;
        }, g.hasProperty = function(e2, t2) {
          return void 0 !== e2.__propPublic[t2];
        }, g.hasPublicProperty = function(e2, t2) {
          return e2.__propPublic[t2] === true;
        }, g.getMethodsFromDef = function(e2) {
          return e2.behavior._unprepared && l.prepare(e2.behavior), e2.behavior.methods;
        }, g.getMethod = function(e2, t2) {
          return e2.__behavior.methods[t2];
        }, g.getComponentOptions = function(e2) {
          return e2.__componentOptions;
        }, g.prototype.triggerLifeTime = function(e2, t2) {
          this.__lifeTimeFuncs[e2].call(this.__methodCaller, t2 || []);
        }, g.prototype.triggerPageLifeTime = function(e2, t2) {
          P(this, e2, t2);
        }, g.prototype.hasBehavior = function(e2) {
          return "object" != typeof e2 && Object.prototype.hasOwnProperty.call(this.__using, e2) && (e2 = this.__using[e2]), !!this.__behavior && this.__behavior.hasBehavior(e2);
        }, g.prototype.getRootBehavior = function() {
          return this.__behavior;
        }, g.prototype.getPlaceholder = function(e2) {
          return this.__placeholder[e2];
        }, g.prototype.getRelationNodes = function(e2) {
          var t2 = this.__behavior.relations[e2];
          if (!t2) return null;
          if ("parent" === t2.type || "ancestor" === t2.type || "shadowHost" === t2.type) {
            for (var r2 = this.__relationMap[t2.type], n2 = 0; n2 < r2.length && r2[n2] !== t2; n2++) ;
            return this.__relationLinks[t2.type][n2] ? [this.__relationLinks[t2.type][n2].parent] : [];
          }
          return k(this, t2);
        }, g.prototype.hasExternalClass = function(e2) {
          return A.call(this.__externalClassAlias, e2);
        }, g.prototype.setExternalClass = function(e2, t2) {
          this.classList._setAlias(e2, t2);
        }, g.prototype.setPropertyChangeListener = function(e2, t2) {
          this.__propertyChangeListeners || (this.__propertyChangeListeners = {}), this.__propertyChangeListeners[e2] = t2;
        }, g.prototype.replaceDataOnPath = function(e2, t2) {
          this.__dataProxy.scheduleReplace(e2, t2);
        }, g.prototype.isInnerDataExcluded = function(e2) {
          var t2 = this.__componentOptions.innerDataExclude;
          return !!t2 && t2.test(e2);
        }, g.getInnerData = function(e2) {
          return e2.__innerData;
        }, g.getDataProxy = function(e2) {
          return e2.__dataProxy;
        }, g.replaceWholeData = function(e2, t2, r2) {
          e2.__propData = t2, e2.__dataProxy.replaceWholeData(t2, r2);
        }, g.prototype.applyDataUpdates = function() {
          this.__dataProxy.doUpdates();
        }, g.prototype.setData = function(e2) {
          var t2 = this.__dataProxy;
          for (var r2 in e2) t2.scheduleReplace(m(r2), e2[r2]);
          t2.doUpdates();
        }, e.exports = g;
      }, function(e, t, r) {
        var n = r(3), o = r(5), i = null, a = null, l = Object.prototype.hasOwnProperty, s = o.deepCopy, _ = function(e2, t2, r2, n2, o2, i2) {
          this._data = t2, this._innerData = r2, this._innerDataExclude = n2, this._comp = e2, this._updateCb = i2, this._beforeMergeCb = null, this._beforeUpdateCb = null, this._hidingValue = false, this._changes = [], this._doingUpdates = null, this._propFields = o2._propFields, this._observers = o2._observers, this._observerTree = o2._observerTree, this._relatedObserverTreeObj = o2, this._observerStatus = [];
        };
        _._advancedCreate = function(e2, t2, r2, n2, o2, i2) {
          return new _(e2, t2, r2, n2, o2, i2);
        };
        var c = function(e2) {
          this._propFields = e2, this._observerIdInc = 0, this._observers = [], this._observerTree = {};
        };
        _._createObserverTree = function(e2) {
          return new c(e2);
        }, _.create = function(e2, t2, r2) {
          var n2 = new c({});
          return new _({ __methodCaller: e2 }, t2, null, null, n2, r2);
        }, _.setPropUpdater = function(e2) {
          i = e2;
        }, _.setPropObserver = function(e2) {
          a = e2;
        }, _.prototype.replaceWholeData = function(e2, t2) {
          this._data = e2;
        }, _.prototype.setHidingValue = function(e2) {
          this._hidingValue = !!e2;
        }, _.prototype.setBeforeMergeCb = function(e2) {
          this._beforeMergeCb = e2;
        }, _.prototype.setBeforeUpdateCb = function(e2) {
          this._beforeUpdateCb = e2;
        };
        var u = function(e2, t2, r2, o2) {
          for (var i2 = e2, a2 = 0; a2 < t2.length; a2++) {
            var l2 = t2[a2];
            if ("**" === l2) return n.hasGlobalWarningListeners() && a2 !== t2.length - 1 && n.triggerWarning('"**" can only be used at the end of a path descriptor (in "' + o2.is + '").'), i2["**"] || (i2["**"] = []), void i2["**"].push(r2);
            i2[l2] || (i2[l2] = {}), i2 = i2[l2];
          }
          i2["~"] || (i2["~"] = []), i2["~"].push(r2);
        }, d = function(e2, t2, r2, n2) {
          for (var o2 = 0; o2 < t2.length; o2++) u(e2, t2[o2], r2, n2);
        }, f = function(e2, t2, r2) {
          for (var n2 = e2, o2 = 0, i2 = ""; o2 < t2.length && (i2 = t2[o2], "**" !== i2); o2++) {
            if (!n2) return;
            n2 = n2[i2];
          }
          var a2 = "**" === i2 ? n2["**"] : n2["~"];
          if (a2) {
            for (o2 = 0; o2 < a2.length; o2++) if (a2[o2] === r2) {
              a2.splice(o2, 1);
              break;
            }
          }
        }, p = function(e2, t2, r2) {
          for (var n2 = 0; n2 < t2.length; n2++) f(e2, t2[n2], r2);
        };
        c.prototype.addObserver = function(e2, t2, r2) {
          var n2 = this._observerIdInc++;
          return this._observers[n2] = { pathObj: t2, func: e2 }, d(this._observerTree, t2, n2, r2), n2;
        }, c.prototype.removeObserver = function(e2) {
          var t2 = this._observers[e2];
          p(this._observerTree, t2.pathObj, e2), this._observers[e2] = null;
        }, c.prototype.moveObserver = function(e2, t2) {
          var r2 = this._observers[e2];
          p(this._observerTree, r2.pathObj, e2), r2.pathObj = t2, d(this._observerTree, t2, e2);
        }, _.prototype.getObserverTree = function() {
          return this._relatedObserverTreeObj;
        };
        var h = function(e2, t2, r2) {
          for (var o2 = [], i2 = r2.pathObj, a2 = 0; a2 < i2.length; a2++) {
            for (var l2 = i2[a2], s2 = t2, _2 = 0; _2 < l2.length; _2++) {
              var c2 = l2[_2];
              if ("**" === c2) break;
              if ("object" != typeof s2) {
                s2 = void 0;
                break;
              }
              s2 = s2[c2];
            }
            o2[a2] = s2;
          }
          n.safeCallback("Data Observer", r2.func, e2.__methodCaller, o2, e2);
        }, v = function(e2, t2) {
          var r2 = null, n2 = 0, o2 = -1;
          for (var i2 in e2) if ("~" !== i2) if ("**" !== i2) v(e2[i2], t2);
          else for (r2 = e2["**"], n2 = 0; n2 < r2.length; n2++) o2 = r2[n2], t2[o2] = true;
          else for (r2 = e2["~"], n2 = 0; n2 < r2.length; n2++) o2 = r2[n2], t2[o2] = true;
        }, m = function(e2, t2, r2) {
          for (var n2 = e2, o2 = 0; o2 < r2.length; o2++) {
            if (n2["**"]) for (var i2 = n2["**"], a2 = 0; a2 < i2.length; a2++) {
              var s2 = i2[a2];
              t2[s2] = true;
            }
            var _2 = r2[o2];
            if ("number" == typeof _2) {
              if (!l.call(n2, _2)) {
                n2 = null;
                break;
              }
            } else if (!/^[_a-zA-Z]/.test(_2) || !l.call(n2, _2)) {
              n2 = null;
              break;
            }
            n2 = n2[_2];
          }
          n2 && v(n2, t2);
        }, b = function(e2, t2, r2, n2, o2) {
          for (var i2 = 0; i2 < e2.length; i2++) {
            var a2 = e2[i2], l2 = t2[i2];
            l2 && l2 && (t2[i2] = false, h(r2, o2 ? void 0 : n2, a2));
          }
        };
        _.prototype.scheduleReplace = function(e2, t2, r2) {
          this._changes.push([e2, t2, r2]);
        }, _.prototype.setChanges = function(e2) {
          this._changes = e2;
        }, _.prototype.getChanges = function() {
          return this._changes;
        }, _.prototype.doUpdates = function(e2, t2) {
          var r2 = this._propFields, n2 = this._comp, o2 = this._hidingValue, _2 = this._innerDataExclude, c2 = !!this._doingUpdates, u2 = this._relatedObserverTreeObj._observerIdInc, d2 = null, f2 = null, p2 = null;
          u2 ? (c2 || (this._doingUpdates = { changedPaths: [], changedValues: [], combinedChanges: [], changesTotal: 0 }), d2 = this._doingUpdates.changedPaths, f2 = this._doingUpdates.changedValues, p2 = this._doingUpdates.combinedChanges) : (d2 = [], f2 = [], p2 = []);
          var h2 = this._changes;
          this._changes = [];
          var v2 = [];
          this._beforeMergeCb && this._beforeMergeCb(h2, v2, e2);
          for (var g = 0; g < h2.length; g++) {
            var w = h2[g], y = w[0], x = w[1], C = x, O = void 0, S = y[0], E = !!_2 && _2.test(S), N = r2[S];
            if (N && 1 === y.length) O = this._data[S], x = i.call(this._comp, y, N, x, this._hidingValue), E || (this._innerData ? (C = s(x), v2[g] || (this._innerData[S] = C)) : C = x, w[1] = C), E && !this._innerData || (this._data[S] = x);
            else {
              var k = this._data, P = S, T = null, A = 1;
              if (!E || this._innerData) {
                for (; A < y.length; A++) T = y[A], "number" == typeof T && isFinite(T) ? l.call(k, P) && k[P] instanceof Array || (k[P] = []) : (!l.call(k, P) || null === k[P] || "object" != typeof k[P] || k[P] instanceof Array) && (k[P] = {}), k = k[P], P = T;
                k[P] = x;
              }
              if (this._innerData && (k = this._innerData, P = S, !E)) {
                for (A = 1; A < y.length; A++) T = y[A], "number" == typeof T && isFinite(T) ? l.call(k, P) && k[P] instanceof Array || (k[P] = []) : (!l.call(k, P) || null === k[P] || "object" != typeof k[P] || k[P] instanceof Array) && (k[P] = {}), k = k[P], P = T;
                C = s(x), v2[g] || (k[P] = C), w[1] = C;
              }
            }
            m(this._observerTree, this._observerStatus, y), E || (d2.push(y), f2.push([C, O, x]), p2.push(w)), u2 && (this._doingUpdates.changesTotal += 1);
          }
          if (!c2) {
            if (this._beforeUpdateCb && this._beforeUpdateCb(e2), u2) {
              var L = 0;
              do
                L = this._doingUpdates.changesTotal, b(this._observers, this._observerStatus, n2, this._data, o2);
              while (L !== this._doingUpdates.changesTotal);
              this._doingUpdates = null;
            }
            this._updateCb(d2, f2, p2, e2);
            for (var M = 0; M < f2.length; M++) {
              var D = f2[M];
              if (D) {
                var R = d2[M], j = R[0], I = r2[j];
                I && a.call(n2, D[2], D[1], R, I, o2, t2);
              }
            }
          }
        }, e.exports = _;
      }, function(e, t, r) {
        var n = r(9), o = r(11), i = r(14), a = r(4), l = r(13), s = function() {
        };
        s.prototype = Object.create(n.prototype, { constructor: { value: s, writable: true, configurable: true } });
        var _ = s._advancedCreate = function(e2, t2) {
          var r2 = new s();
          r2.is = e2.toLowerCase();
          var _2 = null;
          if ("dom" === a.documentBackend && (_2 = l.backendExtractedDefault ? new i(e2) : document.createElement(e2)), n.initialize(r2, _2, t2), r2.classList = o.create(r2, null), t2) {
            var c2 = t2.__wxHost;
            r2.classList._setOwnerOptions(c2.classList, c2.__componentOptions.classPrefix, c2.__componentOptions.addGlobalClass), a.writeExtraInfoToAttr && _2 && _2.setAttribute("exparser:info-class-prefix", c2.__componentOptions.classPrefix && c2.__componentOptions.classPrefix + "--");
          }
          return r2;
        };
        s.create = function(e2) {
          return _(e2, null);
        };
        var c = s._advancedClone = function(e2, t2) {
          var r2 = new s();
          r2.is = e2.is;
          var _2 = null;
          if (e2.__domElement && (_2 = e2.__domElement instanceof i ? l.backendExtractedDefault ? e2.__domElement.cloneNode() : i.toElement(e2.__domElement) : l.backendExtractedDefault ? i.fromElement(e2.__domElement) : document.importNode ? document.importNode(e2.__domElement, false) : e2.__domElement.cloneNode(false)), n._clone(r2, e2, _2, t2), r2.classList = o.create(r2, null), t2) {
            var c2 = t2.__wxHost;
            r2.classList._setOwnerOptions(c2.classList, c2.__componentOptions.classPrefix, c2.__componentOptions.addGlobalClass), a.writeExtraInfoToAttr && _2 && _2.setAttribute("exparser:info-class-prefix", c2.__componentOptions.classPrefix && c2.__componentOptions.classPrefix + "--");
          }
          return r2;
        };
        s.cloneNode = function(e2) {
          return c(e2, null);
        }, e.exports = s;
      }, function(e, t, r) {
        var n = r(9), o = r(4), i = function(e2, t2) {
          a(this, e2, t2);
        };
        i.prototype = Object.create(n.prototype);
        var a = i.initialize = function(e2, t2, r2) {
          e2.is = t2 || "";
          var i2 = null;
          "dom" === o.documentBackend && (i2 = void 0), n.initialize(e2, i2, r2), e2.__virtual = true;
        };
        i._advancedCreate = function(e2, t2) {
          return new i(e2, t2);
        }, i.create = function(e2) {
          return new i(e2, null);
        }, e.exports = i;
      }, function(e, t, r) {
        var n = r(9), o = r(15), i = r(18), a = r(17), l = r(12), s = Object.prototype.hasOwnProperty, _ = function(e2) {
          i.initialize(this, "shadow", this), this.__hostAssociated = false, this.__wxHost = e2, this.__childrenPropsFilter = null, this.__slotCacheDirty = false;
        };
        _.prototype = Object.create(i.prototype), _.create = function(e2) {
          var t2 = new _(e2);
          if (e2.ownerShadowRoot && e2.ownerShadowRoot.__childrenPropsFilter) if (t2.__childrenPropsFilter) for (var r2 in e2.ownerShadowRoot.__childrenPropsFilter) t2.__childrenPropsFilter[r2] || (t2.__childrenPropsFilter[r2] = e2.ownerShadowRoot.__childrenPropsFilter[r2]);
          else t2.__childrenPropsFilter = e2.ownerShadowRoot.__childrenPropsFilter;
          return t2;
        };
        var c = function(e2, t2) {
          var r2 = {};
          for (var n2 in e2) {
            var i2 = e2[n2];
            "object" != typeof i2 && (s.call(t2.__using, i2) ? i2 = t2.__using[i2] : s.call(t2.__generics, i2) && (i2 = t2.__generics[i2] || o._list[""]), r2[n2] = i2);
          }
          return r2;
        }, u = function(e2, t2) {
          var r2 = {};
          for (var n2 in e2) {
            var i2 = e2[n2];
            "object" != typeof i2 && s.call(t2.__placeholder, i2) && (i2 = t2.__placeholder[i2], s.call(t2.__using, i2) ? i2 = t2.__using[i2] : s.call(t2.__generics, i2) && (i2 = t2.__generics[i2] || o._list[""]), r2[n2] = i2);
          }
          return r2;
        }, d = "abcdefghijklmnopqrstuvwxyz", f = function() {
          for (var e2 = Date.now(), t2 = "exparser-", r2 = 0; r2 < 8; r2++) {
            var n2 = (e2 + Math.floor(26 * Math.random())) % 26;
            e2 = Math.floor(e2 / 26), t2 += d[n2];
          }
          return t2;
        };
        _.prototype.createTextNode = function(e2) {
          return l._advancedCreate(e2, this);
        }, _.prototype.createNativeNode = function(e2) {
          return a._advancedCreate(e2, this);
        }, _.prototype.cloneNativeNode = function(e2) {
          return a._advancedClone(e2, this);
        }, _.prototype.createVirtualNode = function(e2) {
          return i._advancedCreate(e2, this);
        }, _.prototype.getCompDefByTagName = function(e2) {
          var t2 = this.__wxHost;
          return s.call(t2.__using, e2) ? t2.__using[e2] : s.call(t2.__generics, e2) ? t2.__generics[e2] : e2;
        }, _.prototype.createComponent = function(e2, t2, r2, n2) {
          var i2 = null;
          i2 = void 0 === t2 ? e2 : t2;
          var a2 = this.__wxHost;
          "object" != typeof i2 && (i2 = this.getCompDefByTagName(i2), "object" != typeof i2 && (i2 = o._list[i2] || o._list[""]));
          var l2 = u(r2, a2);
          return r2 && (r2 = c(r2, a2)), "object" == typeof e2 && (e2 = i2.is), a2.__componentOptions.randomizeTagName && (e2 = f()), a2.__componentOptions.writeOnly && !i2.options.allowInWriteOnly && (i2 = o._list[""]), o._advancedCreate(e2, i2, this, r2, l2, n2);
        }, _.prototype.tagNameUsed = function(e2) {
          var t2 = this.__wxHost;
          return !!s.call(t2.__using, e2) || (!!s.call(t2.__placeholder, e2) || (!!s.call(t2.__generics, e2) || !!s.call(t2.__placeholder, e2)));
        }, _.prototype.getHostNode = function() {
          return this.__wxHost;
        }, _.prototype.getElementById = function(e2) {
          return n._updateIdMap(this.__wxHost), this.__wxHost.__idCache[e2];
        }, e.exports = _;
      }, function(e, t, r) {
        var n = r(9), o = r(12), i = function() {
        };
        i.create = function(e2, t2, r2) {
          var a2 = new i();
          if (!(e2 instanceof n || e2 instanceof o)) throw new Error("ElementIterator can only be used for exparser.Element or exparser.TextNode");
          a2._elem = e2, a2._elemTypeLimit = r2 || n;
          var l2 = t2.split("-");
          if ("shadow" === l2[0]) a2._composed = false;
          else {
            if ("composed" !== l2[0]) throw new Error("Unrecognized iterator type: " + t2);
            a2._composed = true;
          }
          if ("ancestors" === l2[1]) a2._relation = "ancestors", a2._order = 0;
          else {
            if ("descendants" !== l2[1]) throw new Error("Unrecognized iterator type: " + t2);
            if (a2._relation = "descendants", "root" !== l2[2]) throw new Error("Unrecognized iterator type: " + t2);
            if ("first" === l2[3]) a2._order = -1;
            else {
              if ("last" !== l2[3]) throw new Error("Unrecognized iterator type: " + t2);
              a2._order = 1;
            }
          }
          return a2;
        };
        var a = function(e2, t2, r2, n2) {
          for (; e2; e2 = r2 ? e2.__wxSlotParent || e2.__wxHost || e2.parentNode : e2.parentNode) if (e2 instanceof t2 && n2(e2) === false) return false;
          return true;
        }, l = function(e2, t2, r2, n2, o2) {
          if (n2 < 0 && e2 instanceof t2 && o2(e2) === false) return false;
          var i2 = r2 ? e2.__wxSlotChildren || e2.childNodes : e2.childNodes;
          if (i2) {
            for (var a2 = 0; a2 < i2.length; a2++) if (l(i2[a2], t2, r2, n2, o2) === false) return false;
          }
          return !(n2 > 0 && e2 instanceof t2 && o2(e2) === false);
        };
        i.prototype.forEach = function(e2) {
          return "ancestors" === this._relation ? a(this._elem, this._elemTypeLimit, this._composed, e2) : l(this._elem, this._elemTypeLimit, this._composed, this._order, e2);
        }, e.exports = i;
      }, function(e, t, r) {
        var n = r(4), o = r(3), i = r(9), a = r(17), l = r(12), s = r(19), _ = r(15), c = r(22), u = r(23), d = function() {
        };
        d.prototype = Object.create(Object.prototype, { constructor: { value: d, writable: true, configurable: true } });
        var f = function() {
        };
        f.prototype = Object.create(Object.prototype, { constructor: { value: f, writable: true, configurable: true } });
        var p = null, h = null;
        d.precompiler = h, d.htmlParser = p;
        var v = function(e2) {
          return e2.replace(/-([a-z])/g, function(e3, t2) {
            return t2.toUpperCase();
          });
        }, m = Object.prototype.hasOwnProperty, b = function(e2, t2) {
          if (null !== e2 && "object" == typeof e2 && m.call(e2, t2)) return e2[t2];
        }, g = function(e2, t2, r2, n2) {
          if (m.call(t2, r2)) {
            var i2 = t2[r2];
            if ("function" == typeof i2) return o.safeCallback("Template Method", i2, e2, n2);
          }
        }, w = function(e2, t2) {
          return [{ t: 1, n: "slot", a: [], c: [], p: null }];
        }, y = { t: 1, n: '"slot"', v: true, sn: "", a: [], c: [], p: null }, x = function(e2, t2, r2) {
          e2.classList.toggle(t2, !!r2);
        }, C = function(e2, t2, r2) {
          e2[t2] = r2;
        }, O = function(e2, t2, r2) {
          var n2 = e2.__dataProxy;
          n2.scheduleReplace([t2], r2), n2.doUpdates();
        }, S = function(e2, t2, r2) {
          e2.class = r2;
        }, E = function(e2, t2, r2) {
          e2.setAttribute("style", r2);
        }, N = function(e2, t2, r2) {
          e2.setAttribute("class", r2);
        }, k = function(e2, t2, r2) {
          e2.textContent = r2;
        }, P = function(e2, t2, r2) {
          e2.dataset || (e2.dataset = {}), e2.dataset[t2] = r2;
        }, T = { $: function(e2, t2, r2) {
          r2 === true ? e2.setAttribute(t2, "") : r2 === false || void 0 === r2 || null === r2 ? e2.removeAttribute(t2) : e2.setAttribute(t2, r2);
        }, ":": C, c: x, s: function(e2, t2, r2) {
          var n2 = e2.style;
          n2 && (n2[t2] = r2);
        }, d: P }, A = function(e2, t2, r2) {
          return [{ t: 1, n: "slot", v: true, sn: "", a: [], c: [] }];
        };
        d.create = function(e2, t2, r2, n2) {
          var i2 = void 0 === e2.template ? A : e2.template, a2 = i2;
          if ("function" != typeof i2) if (h && "undefined" != typeof window && "undefined" != typeof document) {
            var l2 = "__exparserFreeTmpl", s2 = h.compile(i2), _2 = document.createElement("script");
            _2.type = "text/javascript", _2.innerHTML = "window." + l2 + "=" + s2, document.head.appendChild(_2), document.head.removeChild(_2), a2 = window[l2], window[l2] = null;
          } else "undefined" != typeof process && "undefined" != typeof process.versions && "undefined" != typeof process.versions.node ? a2 = d.precompileAndGetCreator(i2) : (o.hasGlobalWarningListeners() && o.triggerWarning("Non-precompiled template is not usable in this environment. Empty template is used instead."), a2 = w);
          var c2 = Object.create(d.prototype);
          return c2._initValuesJSON = JSON.stringify(r2), t2 !== r2 ? c2._dataJSON = JSON.stringify(t2) : c2._dataJSON = null, c2._tagTreeRoot = L(a2, r2, e2.methods, n2), c2._renderingMode = n2.renderingMode, c2;
        };
        var L = function(e2, t2, r2, o2) {
          var i2 = o2.renderingMode, l2 = "native" === i2, s2 = l2, _2 = false, c2 = /* @__PURE__ */ Object.create(null);
          l2 && !n.hasDOMBackend && (e2 = w);
          var d2 = {}, f2 = e2(b, g, r2), p2 = function(e3) {
            for (var r3 = 0; r3 < e3.length; r3++) {
              var n2 = e3[r3];
              if (3 !== n2.t) {
                var o3 = n2.n, i3 = !(l2 || "string" == typeof o3 && o3.indexOf("-") < 0);
                "slot" === o3 && "" === n2.sn && (_2 = true), n2.n = o3;
                var c3 = n2.st;
                c3 && c3.e && (c3.o = E, s2 && (c3.v = c3.e(t2, d2, null)));
                var f3 = n2.cl;
                f3 && f3.e && (f3.o = l2 ? N : S, s2 && (f3.v = f3.e(t2, d2, null)));
                var h2 = null;
                i3 || (n2.p = h2 = l2 ? document.createElement(n2.n) : a.create(n2.n), c3 && void 0 !== c3.v && h2.setAttribute("style", c3.v), l2 && f3 && void 0 !== f3.v && h2.setAttribute("class", f3.v));
                for (var m2 = n2.a, b2 = 0; b2 < m2.length; b2++) {
                  var g2 = m2[b2];
                  if (g2.d) l2 || u[g2.n].register(g2.n, g2, n2);
                  else {
                    l2 || ("bind" === g2.n.slice(0, 4) ? (g2.evCatch = false, g2.ev = v(g2.n.slice(4)), ":" === g2.ev[0] && (g2.ev = g2.ev.slice(1))) : "catch" === g2.n.slice(0, 5) && (g2.evCatch = true, g2.ev = v(g2.n.slice(5)), ":" === g2.ev[0] && (g2.ev = g2.ev.slice(1))));
                    var w2 = g2.o;
                    if (i3) w2 ? "&" === w2 ? g2.o = T[":"] : g2.o = T[w2] : (g2.o = T[":"], g2.n = v(g2.n)), g2.o === C && (g2.o = O), s2 && g2.e && (g2.v = g2.e(t2, d2, null));
                    else if (!g2.ev) {
                      var y2 = T;
                      w2 ? "&" === w2 ? g2.o = y2[":"] : g2.o = y2[w2] : g2.o = y2.$, s2 ? (g2.e && (g2.v = g2.e(t2, d2, null)), (g2.o !== x || l2) && g2.o(h2, g2.n, g2.v)) : g2.e || g2.o(h2, g2.n, g2.v);
                    }
                  }
                }
                p2(n2.c), l2 && (1 !== n2.c.length || void 0 === n2.c[0].sn || n2.c[0].compressed || (n2.sn = n2.c[0].sn, n2.compressed = true, n2.c.pop()));
              } else n2.e && (n2.o = k, n2.c = s2 ? n2.e(t2, d2, null) : "");
            }
          };
          return p2(f2, c2, true), l2 && (_2 || f2.push(y), 1 !== f2.length || "" !== f2[0].sn || f2[0].compressed || f2.pop()), f2;
        }, M = function(e2, t2) {
          return function(r2) {
            if (this[e2](r2), t2) return false;
          };
        }, D = function(e2, t2, r2, n2, o2, a2, l2, s2) {
          for (var d2 = null, f2 = 0, p2 = null, h2 = 0; h2 < e2.length; h2++) {
            var v2 = l2, m2 = e2[h2];
            if (3 === m2.t) d2 = m2.e ? t2.createTextNode(m2.e(n2, o2, null)) : t2.createTextNode(m2.c), m2.e && c.addBindings(a2, v2, m2.b, d2, m2), i.appendChild(r2, d2);
            else {
              var b2 = m2.cl, g2 = m2.st, w2 = m2.a, y2 = false;
              for (f2 = 0; f2 < w2.length; f2++) if (p2 = w2[f2], p2.d) {
                var S2 = u[p2.n].create(p2.n, p2, m2, n2, o2, a2, v2, s2, t2, D, r2);
                if (u[p2.n].requireBlock) {
                  d2 = S2, i.appendChild(r2, d2), y2 = true;
                  break;
                }
              }
              if (y2) continue;
              if (m2.v) d2 = t2.createVirtualNode(m2.n);
              else if (m2.p) {
                for (d2 = t2.cloneNativeNode(m2.p), f2 = 0; f2 < w2.length; f2++) p2 = w2[f2], p2.d || (p2.ev ? s2(d2, p2.ev, p2.v, p2.evCatch) : p2.o === C ? d2.__domElement && (p2.o(d2.__domElement, p2.n, p2.e(n2, o2, null)), c.addBindings(a2, v2, p2.b, d2.__domElement, p2)) : (p2.e && p2.o(d2, p2.n, p2.e(n2, o2, null)), (p2.e || p2.o === x || p2.o === P) && c.addBindings(a2, v2, p2.b, d2, p2)));
                g2 && g2.e && (d2.setAttribute("style", g2.e(n2, o2, null)), c.addBindings(a2, v2, g2.b, d2, g2));
              } else {
                if (m2.cpf) {
                  var E2 = {}, N2 = t2.__wxHost;
                  for (var k2 in m2.cpf) !function(e3) {
                    var t3 = m2.cpf[e3];
                    E2[e3] = N2.__behavior.methods[t3];
                  }(k2);
                  t2.__childrenPropsFilter = E2;
                }
                for (d2 = t2.createComponent(m2.n, void 0, m2.g, void 0), f2 = 0; f2 < w2.length; f2++) if (p2 = w2[f2], !p2.d) {
                  var T2 = p2.v;
                  p2.o === O && _.hasPublicProperty(d2, p2.n) ? (p2.e && (T2 = p2.e(n2, o2, null), c.addBindings(a2, v2, p2.b, d2, p2)), p2.e ? O(d2, p2.n, T2) : d2.__behavior.properties[p2.n].type === Boolean ? O(d2, p2.n, true) : O(d2, p2.n, T2)) : p2.ev ? s2(d2, p2.ev, T2, p2.evCatch) : p2.o !== O && (p2.e && (T2 = p2.e(n2, o2, null), c.addBindings(a2, v2, p2.b, d2, p2)), p2.o(d2, p2.n, T2));
                }
                g2 && (g2.e ? (d2.__domElement.setAttribute("style", g2.e(n2, o2, null)), c.addBindings(a2, v2, g2.b, d2.__domElement, g2)) : d2.__domElement.setAttribute("style", g2.v));
              }
              m2.id && (d2.id = m2.id), b2 && (b2.e ? d2.class = b2.e(n2, o2, null) : d2.class = b2.v, b2.o && c.addBindings(a2, v2, b2.b, d2, b2)), m2.sl && (d2.slot = m2.sl), void 0 !== m2.sn && i.setSlotName(d2, m2.sn), i.appendChild(r2, d2), D(m2.c, t2, d2, n2, o2, a2, v2, s2);
            }
          }
        }, R = function(e2, t2, r2) {
          for (var n2 = e2.childNodes, o2 = 0; o2 < n2.length; o2++) {
            var i2 = n2[o2];
            i2 instanceof l || (i2.__id && (t2[i2.__id] = i2), void 0 !== i2.__slotName && (r2[i2.__slotName] = i2), R(i2, t2, r2));
          }
        }, j = function(e2, t2, r2, n2, o2, i2) {
          for (var a2 = null, l2 = 0, s2 = null, _2 = 0; _2 < e2.length; _2++) {
            var u2 = e2[_2];
            if (void 0 === u2.n) a2 = document.createTextNode(u2.c), u2.e && c.addBindings(o2, i2, u2.b, a2, u2), t2.appendChild(a2);
            else {
              var d2 = u2.cl, f2 = u2.st, p2 = u2.a;
              for (a2 = u2.v ? document.createElement("virtual") : document.importNode ? document.importNode(u2.p, false) : u2.p.cloneNode(false), l2 = 0; l2 < p2.length; l2++) s2 = p2[l2], s2.e && c.addBindings(o2, i2, s2.b, a2, s2);
              t2.appendChild(a2), u2.id && (r2[u2.id] = a2), d2 && d2.e && c.addBindings(o2, i2, d2.b, a2, d2), f2 && f2.e && c.addBindings(o2, i2, f2.b, a2, f2), void 0 !== u2.sn && (n2[u2.sn] = a2), j(u2.c, a2, r2, n2, o2, i2);
            }
          }
        };
        d.prototype.createInstance = function(e2) {
          var t2 = Object.create(f.prototype), r2 = JSON.parse(this._initValuesJSON), o2 = null === this._dataJSON ? r2 : JSON.parse(this._dataJSON), i2 = /* @__PURE__ */ Object.create(null), a2 = /* @__PURE__ */ Object.create(null), l2 = [], _2 = c.create("", null, null, null, null, [], function(e3, t3) {
          }), u2 = null;
          if ("native" === this._renderingMode) "dom" === n.documentBackend && (u2 = document.createDocumentFragment()), j(this._tagTreeRoot, u2, i2, a2, _2, {}), a2[""] || (a2[""] = null);
          else {
            var d2 = function(e3, t3, r3, n2) {
              u2.__wxHost ? e3.addListener(t3, M(r3, n2).bind(u2.__wxHost)) : l2.push({ target: e3, name: t3, func: M(r3, n2) });
            };
            if (u2 = s.create(e2), e2.ownerShadowRoot && e2.ownerShadowRoot.__childrenPropsFilter) if (u2.__childrenPropsFilter) for (var p2 in e2.ownerShadowRoot.__childrenPropsFilter) u2.__childrenPropsFilter[p2] || (u2.__childrenPropsFilter[p2] = e2.ownerShadowRoot.__childrenPropsFilter[p2]);
            else u2.__childrenPropsFilter = e2.ownerShadowRoot.__childrenPropsFilter;
            D(this._tagTreeRoot, u2, u2, r2, {}, _2, {}, d2), R(u2, i2, a2);
          }
          return t2.data = o2, t2.shadowRoot = u2, t2.idMap = i2, t2.slots = a2, t2.listeners = l2, t2._topScope = _2, t2;
        }, f.prototype.updateValues = function(e2, t2, r2) {
          for (var n2 = i.getMethodCaller(e2), o2 = 0; o2 < r2.length; o2++) {
            var a2 = r2[o2];
            c.updateBinding(this._topScope, a2, t2, {}, n2);
          }
        }, e.exports = d;
      }, function(e, t) {
        var r = {};
        r.create = function(e2, t2, r2, o2, i2, a, l) {
          for (var s = { inc: 1, name: e2, exp: o2, lp: i2, scopes: {}, targets: {}, children: null, lu: l, __scopeBinded: [] }, _ = 0; _ < a.length; _++) {
            var c = a[_];
            null === c[0] ? n(t2, c, null, s) : n(r2[c[0]], c, null, s);
          }
          return s;
        }, r.proxyTopScope = function(e2) {
          var t2 = { inc: 1, linked: e2, scopes: {}, targets: {}, children: null, __scopeBinded: [] };
          return n(e2, [null], null, t2), t2;
        }, r.proxySubScopes = function(e2) {
          var t2 = {};
          for (var r2 in e2) t2[r2] = { inc: 1, linked: e2[r2], scopes: {}, targets: {}, children: null, __scopeBinded: [] }, n(e2[r2], [null], null, t2[r2]);
          return t2;
        };
        var n = r.addBinding = function(e2, t2, r2, n2) {
          for (var o2 = e2, i2 = 1; i2 < t2.length; i2++) {
            var a = t2[i2];
            o2.children || (o2.children = /* @__PURE__ */ Object.create(null));
            var l = o2.children;
            l[a] || (l[a] = { scopes: {}, targets: {}, children: null }), o2 = l[a];
          }
          var s = e2.inc++;
          return r2 ? o2.targets[s] = [r2, n2] : (o2.scopes[s] = n2, n2.__scopeBinded.push([o2, s])), s;
        };
        r.addBindings = function(e2, t2, r2, o2, i2) {
          for (var a = 0; a < r2.length; a++) {
            var l = r2[a];
            l[0] ? n(t2[l[0]], l, o2, i2) : n(e2, l, o2, i2);
          }
        }, r.updateLvaluePath = function(e2, t2) {
          e2.lp = t2;
        }, r.removeBindingsForScope = function(e2) {
          for (var t2 = e2.__scopeBinded, r2 = 0; r2 < t2.length; r2++) {
            var n2 = t2[r2];
            delete n2[0].scopes[n2[1]];
          }
        };
        var o = function(e2, t2, r2, n2, o2) {
          if (e2.linked) return void i(e2, t2, r2, n2, o2);
          var a = n2[e2.name];
          n2[e2.name] = e2.exp(r2, n2, o2), i(e2, t2, r2, n2, o2), n2[e2.name] = a;
        }, i = r.updateBinding = function(e2, t2, r2, n2, i2) {
          for (var a = e2, l = 0, s = 0; s < t2.length; s++) {
            for (l in a.scopes) o(a.scopes[l], t2, r2, n2, i2);
            var _ = t2[s];
            if (!a.children) return;
            var c = a.children;
            if (!c[_]) return;
            a = c[_];
          }
          var u = function(e3) {
            for (l in e3.targets) {
              var t3 = e3.targets[l], a2 = t3[1];
              a2.o(t3[0], a2.n, a2.e(r2, n2, i2));
            }
            for (l in e3.scopes) o(e3.scopes[l], [], r2, n2, i2);
            for (l in e3.children) u(e3.children[l]);
          };
          u(a);
        };
        e.exports = r;
      }, function(e, t, r) {
        e.exports = { if: r(24), elif: r(24), else: r(24), for: r(26), key: r(27), "for-index": r(28), "for-item": r(29), alias: r(30) };
      }, function(e, t, r) {
        var n = r(22), o = r(25).RUNTIME_NAMES;
        o.TOP_SCOPE + "," + o.SUB_SCOPE + "," + o.CALLER;
        e.exports = { requireBlock: true, register: function(e2, t2, r2) {
        }, create: function(e2, t2, r2, o2, i, a, l, s, _, c, u) {
          var d = _.createVirtualNode("wx:" + e2);
          d.__wxIfCondValue = true, d.__wxIfNextNode = null, d.__wxIfHasTrueCond = true;
          var f = null;
          "if" !== e2 && (f = u.childNodes[u.childNodes.length - 1], "wx:if" !== f.is && "wx:elif" !== f.is ? f = null : f.__wxIfNextNode = d), r2.id && (d.id = r2.id);
          var p = d.__wxIfUpdateNode = function() {
            var e3 = d.__wxIfCondValue;
            if (f && f.__wxIfHasTrueCond && (e3 = false), e3 && !d.childNodes.length) {
              var t3 = n.proxyTopScope(a), u2 = n.proxySubScopes(l);
              d.__wxTopScope = t3, d.__wxSubScopes = u2, c(r2.c, _, d, o2, i, t3, u2, s);
            } else if (!e3 && d.childNodes.length) {
              n.removeBindingsForScope(d.__wxTopScope);
              for (var p2 in d.__wxSubScopes) n.removeBindingsForScope(d.__wxSubScopes[p2]);
              for (; d.childNodes.length; ) d.removeChild(d.childNodes[0]);
            }
            d.__wxIfNextNode && d.__wxIfNextNode.__wxIfUpdateNode();
          }, h = function(e3) {
            d.__wxIfCondValue = !!e3, d.__wxIfHasTrueCond = d.__wxIfCondValue || f && f.__wxIfHasTrueCond, p();
          };
          return "else" === e2 ? h(true) : (n.addBindings(a, l, t2.b, d, { e: t2.d, o: function(e3, t3, r3) {
            h(r3);
          } }), h(t2.d(o2, i, null))), d;
        } };
      }, function(e, t) {
        t.TAG_TYPES = { TAG_START: 1, TAG_END: -1, TEXT: 3, COMMENT: 8 }, t.RUNTIME_NAMES = { MEMBER: "m", CALL: "f", METHODS: "e", CALLER: "c", TOP_SCOPE: "t", SUB_SCOPE: "s" };
        var r = t.STRING_UNESCAPE_MAP = { n: "\n", r: "\r", b: "\b", f: "\f", t: "	", v: "\v", '"': '"', "'": "'", "\\": "\\", "\r": "\r", "\n": "\n" }, n = t.STRING_ESCAPE_MAP = {}, o = "";
        for (var i in r) n[r[i]] = i, o += r[i];
        t.STRING_ESCAPE_REGEXP = new RegExp("[" + o + "]", "g");
      }, function(e, t, r) {
        var n = (r(18), r(22)), o = r(25).RUNTIME_NAMES;
        o.TOP_SCOPE + "," + o.SUB_SCOPE + "," + o.CALLER;
        e.exports = { requireBlock: true, addDefaultAttrs: [{ n: "wx:for-index", v: "index" }, { n: "wx:for-item", v: "item" }], register: function(e2, t2, r2) {
        }, create: function(e2, t2, r2, o2, i, a, l, s, _, c) {
          var u = r2._wxForIndex || "index", d = r2._wxForItem || "item", f = r2._wxKey, p = _.createVirtualNode("wx:for:list");
          r2.id && (p.id = r2.id), n.create("", a, l, function(e3, r3, n2) {
            var o3 = t2.d(e3, r3, null);
            return g(o3, e3, r3, n2), o3;
          }, t2.l, t2.b);
          var h = function(e3, t3, o3, i2, f2) {
            var h2 = _.createVirtualNode("wx:for:item"), v2 = n.proxyTopScope(a), m2 = n.proxySubScopes(l);
            h2.__wxTopScope = v2, h2.__wxSubScopes = m2, h2.__wxForToRemove = false, h2.__wxForKeyStr = "";
            var b2 = n.create(u, v2, m2, null, null, []), g2 = n.create(d, v2, m2, null, [o3], []);
            return m2[u] = b2, m2[d] = g2, t3[u] = o3, t3[d] = i2, c(r2.c, _, h2, e3, t3, v2, m2, s), void 0 === f2 ? p.appendChild(h2) : p.insertBefore(h2, f2), h2;
          }, v = function(e3, t3, r3, i2, a2, l2) {
            var s2 = e3.__wxSubScopes[d];
            n.updateLvaluePath(s2, [i2]), a2 && (l2 ? p.insertBefore(e3, l2) : p.appendChild(e3));
            var _2 = e3.__wxSubScopes[u];
            r3[u] = i2, n.updateBinding(_2, [], o2, r3, t3);
          }, m = function(e3, t3, r3, o3, i2, a2) {
            o3[d] = i2, n.updateBinding(e3.__wxSubScopes[d], t3, r3, o3, a2);
          }, b = function(e3) {
            n.removeBindingsForScope(e3.__wxTopScope);
            for (var t3 in p.__wxSubScopes) n.removeBindingsForScope(e3.__wxSubScopes[t3]);
            p.removeChild(e3);
          }, g = function(e3, t3, r3, n2) {
            var o3 = "", i2 = e3;
            "object" == typeof e3 && null !== e3 || (i2 = []);
            var a2 = {};
            for (o3 in r3) a2[o3] = r3[o3];
            var l2 = 0;
            if (f) {
              var s2 = [], _2 = e3 instanceof Array, c2 = [];
              if (!_2) {
                var u2 = i2;
                i2 = [];
                for (o3 in u2) i2.push(u2[o3]), c2.push(o3);
              }
              for (l2 = 0; l2 < i2.length; l2++) s2.push(String(i2[l2][f]));
              if (0 === i2.length) for (; p.childNodes.length; ) b(p.childNodes[0]);
              else {
                var d2 = /* @__PURE__ */ Object.create(null), g2 = /* @__PURE__ */ Object.create(null), w = p.childNodes, y = null, x = "";
                for (l2 = 0; l2 < w.length; l2++) y = w[l2], x = y.__wxForKeyStr, d2[x] >= 0 ? (b(y), l2--) : (d2[x] = l2, g2[x] = y, y.__wxForToRemove = true);
                var C = -1, O = 0, S = 1, E = [];
                for (O = d2[i2[0][f]], O >= 0 || (O = -1), w[O] && (w[O].__wxForToRemove = false), l2 = 1; l2 < i2.length; l2++) S = d2[i2[l2][f]], S >= 0 && (C < O && (O < S || C > S) && (E.push(w[O]), C = O), O = S, w[O] && (w[O].__wxForToRemove = false));
                for (C < O && E.push(w[O]), l2 = 0; l2 < w.length; l2++) y = w[l2], y.__wxForToRemove && (b(y), l2--);
                var N = E.shift(), k = 0;
                for (l2 = 0; l2 < i2.length; l2++) {
                  var P = i2[l2], T = g2[P[f]];
                  if (g2[P[f]] = null, T) {
                    var A = true;
                    if (T === N) {
                      for (; w[k] !== N; ) k++;
                      k++, N = E.shift(), A = false;
                    }
                    y = T, v(y, n2, a2, _2 ? l2 : c2[l2], A, w[k]), A && w[k] === y && k++, m(y, [], t3, a2, i2[l2], n2);
                  } else y = h(t3, a2, _2 ? l2 : c2[l2], i2[l2], w[k]), k++, y.__wxForKeyStr = String(P[f]);
                }
              }
            } else {
              for (; p.childNodes.length; ) b(p.childNodes[0]);
              if (e3 instanceof Array) for (l2 = 0; l2 < i2.length; l2++) h(t3, a2, l2, i2[l2]);
              else for (o3 in i2) h(t3, a2, o3, i2[o3]);
            }
          };
          return g(t2.d(o2, i, null), o2, i, null), p;
        } };
      }, function(e, t) {
        e.exports = { attachedToBlock: true, register: function(e2, t2, r) {
          r._wxKey = t2.d;
        }, create: function() {
        } };
      }, function(e, t) {
        e.exports = { attachedToBlock: "for", register: function(e2, t2, r) {
          r._wxForIndex = t2.d;
        }, create: function() {
        } };
      }, function(e, t) {
        e.exports = { attachedToBlock: "for", register: function(e2, t2, r) {
          r._wxForItem = t2.d;
        }, create: function() {
        } };
      }, function(e, t, r) {
        var n = r(22), o = r(25).RUNTIME_NAMES;
        o.TOP_SCOPE + "," + o.SUB_SCOPE + "," + o.CALLER;
        e.exports = { requireBlock: true, register: function(e2, t2, r2) {
        }, create: function(e2, t2, r2, o2, i, a, l, s, _, c) {
          var u = t2.s[0], d = n.create(u, a, l, t2.d, t2.l, t2.b), f = {}, p = "";
          for (p in l) f[p] = l[p];
          f[u] = d;
          var h = {};
          for (p in i) h[p] = i[p];
          h[u] = t2.d(o2, i, null);
          var v = _.createVirtualNode("wx:alias");
          return r2.id && (v.id = r2.id), c(r2.c, _, v, o2, h, a, f, s), v;
        } };
      }]);
    }
  });

  // node_modules/j-component/src/template/parse.js
  var require_parse = __commonJS({
    "node_modules/j-component/src/template/parse.js"(exports, module) {
      var startTagReg = /^<([-A-Za-z0-9_]+)((?:\s+[\w\-:]+(?:\s*=\s*(?:(?:"[^"]*")|(?:'[^']*')|[^>\s]+))?)*)\s*(\/?)>/;
      var endTagReg = /^<\/([-A-Za-z0-9_]+)[^>]*>/;
      var attrReg = /([-A-Za-z0-9_:]+)(?:\s*=\s*(?:(?:"((?:\\.|[^"])*)")|(?:'((?:\\.|[^'])*)')|([^>\s]+)))?/g;
      module.exports = function(content, handler = {}) {
        const stack = [];
        let last = content;
        stack.last = function() {
          return this[this.length - 1];
        };
        while (content) {
          let isText = true;
          if (!stack.last() || stack.last() !== "wxs") {
            if (content.indexOf("<!--") === 0) {
              const index = content.indexOf("-->");
              if (index >= 0) {
                content = content.substring(index + 3);
                isText = false;
              }
            } else if (content.indexOf("</") === 0) {
              const match = content.match(endTagReg);
              if (match) {
                content = content.substring(match[0].length);
                match[0].replace(endTagReg, parseEndTag);
                isText = false;
              }
            } else if (content.indexOf("<") === 0) {
              const match = content.match(startTagReg);
              if (match) {
                content = content.substring(match[0].length);
                match[0].replace(startTagReg, parseStartTag);
                isText = false;
              }
            }
            if (isText) {
              const index = content.indexOf("<");
              const text = index < 0 ? content : content.substring(0, index);
              content = index < 0 ? "" : content.substring(index);
              if (handler.text) handler.text(text);
            }
          } else {
            const execRes = new RegExp(`</${stack.last()}[^>]*>`).exec(content);
            if (execRes) {
              let text = content.substring(0, execRes.index);
              content = content.substring(execRes.index + execRes[0].length);
              text = text.replace(/<!--(.*?)-->/g, "");
              if (text && handler.text) handler.text(text);
            }
            parseEndTag("", stack.last());
          }
          if (content === last) throw new Error(`parse error: ${content}`);
          last = content;
        }
        parseEndTag();
        function parseStartTag(tag, tagName, rest, unary) {
          unary = !!unary;
          if (!unary) stack.push(tagName);
          if (handler.start) {
            const attrs = [];
            rest.replace(attrReg, (all, $1, $2, $3, $4) => {
              attrs.push({
                name: $1,
                value: $2 !== void 0 ? $2 : $3 !== void 0 ? $3 : $4 !== void 0 ? $4 : true
              });
            });
            if (handler.start) handler.start(tagName, attrs, unary);
          }
        }
        function parseEndTag(tag, tagName) {
          let pos;
          if (!tagName) {
            pos = 0;
          } else {
            for (pos = stack.length - 1; pos >= 0; pos--) {
              if (stack[pos] === tagName) break;
            }
          }
          if (pos >= 0) {
            for (let i = stack.length - 1; i >= pos; i--) {
              if (handler.end) handler.end(stack[i]);
            }
            stack.length = pos;
          }
        }
      };
    }
  });

  // node_modules/j-component/src/template/compile.js
  var require_compile = __commonJS({
    "node_modules/j-component/src/template/compile.js"(exports, module) {
      var parse = require_parse();
      var VirtualNode2 = require_virtualnode();
      var expr2 = require_expr();
      var _ = require_utils();
      var CONSTANT = require_constant();
      function filterAttrs(attrs) {
        const statement = {};
        const event = {};
        const normalAttrs = [];
        for (const attr of attrs) {
          const name = attr.name;
          const value = attr.value || "";
          if (name === "wx:if") {
            statement.if = expr2.getExpression(value);
          } else if (name === "wx:elif") {
            statement.elif = expr2.getExpression(value);
          } else if (name === "wx:else") {
            statement.else = true;
          } else if (name === "wx:for") {
            statement.for = expr2.getExpression(value);
          } else if (name === "wx:for-item") {
            statement.forItem = value;
          } else if (name === "wx:for-index") {
            statement.forIndex = value;
          } else if (name === "wx:key") {
            statement.forKey = value;
          } else {
            const eventObj = _.parseEvent(name, value);
            if (eventObj) {
              event[eventObj.name] = eventObj;
            } else {
              normalAttrs.push(attr);
            }
          }
        }
        return {
          statement,
          event,
          normalAttrs
        };
      }
      module.exports = function(template, data, usingComponents) {
        if (!template || typeof template !== "string" || !template.trim()) throw new Error("invalid template");
        template = template.trim();
        const rootNode = new VirtualNode2({
          type: CONSTANT.TYPE_ROOT,
          componentManager: this,
          data
        });
        const stack = [rootNode];
        stack.last = function() {
          return this[this.length - 1];
        };
        parse(template, {
          start: (tagName, attrs, unary) => {
            let type;
            let componentManager;
            let id = "";
            if (tagName === "slot") {
              type = CONSTANT.TYPE_SLOT;
            } else if (tagName === "template") {
              type = CONSTANT.TYPE_TEMPLATE;
              tagName = "virtual";
            } else if (tagName === "block") {
              type = CONSTANT.TYPE_BLOCK;
            } else if (tagName === "import") {
              type = CONSTANT.TYPE_IMPORT;
            } else if (tagName === "include") {
              type = CONSTANT.TYPE_INCLUDE;
            } else if (tagName === "wxs") {
              type = CONSTANT.TYPE_WXS;
            } else if (_.isHtmlTag(tagName)) {
              type = CONSTANT.TYPE_NATIVE;
              id = tagName;
            } else {
              type = CONSTANT.TYPE_COMPONENT;
              id = usingComponents[tagName];
              componentManager = id ? _.cache(id) : _.cache(tagName);
              if (!componentManager) throw new Error(`component ${tagName} not found`);
              else id = componentManager.id;
            }
            const { statement, event, normalAttrs } = filterAttrs(attrs);
            const parent = stack.last();
            const node = new VirtualNode2({
              type,
              tagName,
              componentId: id,
              attrs: normalAttrs,
              event,
              generics: {},
              // TODO
              componentManager,
              root: rootNode
            });
            let appendNode = node;
            if (statement.for) {
              const itemNode = new VirtualNode2({
                type: CONSTANT.TYPE_FORITEM,
                tagName: "virtual",
                statement: {
                  forItem: statement.forItem || "item",
                  forIndex: statement.forIndex || "index",
                  forKey: statement.forKey
                },
                children: [node],
                root: rootNode
              });
              node.setParent(itemNode, 0);
              const forNode = new VirtualNode2({
                type: CONSTANT.TYPE_FOR,
                tagName: "wx:for",
                statement: {
                  for: statement.for
                },
                children: [itemNode],
                root: rootNode
              });
              itemNode.setParent(forNode, 0);
              appendNode = forNode;
            }
            if (statement.if || statement.elif || statement.else) {
              const ifNode = new VirtualNode2({
                type: CONSTANT.TYPE_IF,
                tagName: "wx:if",
                statement: {
                  if: statement.if,
                  elif: statement.elif,
                  else: statement.else
                },
                children: [node],
                root: rootNode
              });
              node.setParent(ifNode, 0);
              appendNode = ifNode;
            }
            if (!unary) {
              stack.push(node);
            }
            appendNode.setParent(parent, parent.children.length);
            parent.appendChild(appendNode);
          },
          // eslint-disable-next-line no-unused-vars
          end: (tagName) => {
            stack.pop();
          },
          text: (content) => {
            content = content.trim();
            if (!content) return;
            const parent = stack.last();
            if (parent.type === CONSTANT.TYPE_WXS) {
              parent.setWxsContent(content);
            } else {
              parent.appendChild(new VirtualNode2({
                type: CONSTANT.TYPE_TEXT,
                content: content.replace(/[\n\r\t\s]+/g, " "),
                parent,
                index: parent.children.length,
                componentManager: this,
                root: rootNode
              }));
            }
          }
        });
        if (stack.length !== 1) throw new Error(`build ast error: ${template}`);
        return rootNode.generate.bind(rootNode);
      };
    }
  });

  // node_modules/j-component/src/template/transform.js
  var require_transform = __commonJS({
    "node_modules/j-component/src/template/transform.js"(exports, module) {
      var CONSTANT = require_constant();
      var _ = require_utils();
      function filterAttrs(attrs = {}) {
        const event = {};
        const normalAttrs = [];
        let slotName = "";
        const attrsKeyList = Object.keys(attrs);
        for (const name of attrsKeyList) {
          const value = attrs[name] === void 0 ? "" : attrs[name];
          const eventObj = _.parseEvent(name, value);
          if (eventObj) {
            event[eventObj.name] = eventObj;
          } else {
            if (name === "name") slotName = value;
            normalAttrs.push({ name, value });
          }
        }
        return {
          event,
          normalAttrs,
          slotName
        };
      }
      function transformCompileResTree(obj, parent, usingComponents) {
        let node = null;
        if (typeof obj === "string" || typeof obj === "number" && obj % 1 === 0) {
          node = {
            type: CONSTANT.TYPE_TEXT,
            tagName: "",
            componentId: "",
            content: "" + obj,
            // 文本节点的内容
            key: "",
            // 节点的 key，diff 用
            children: [],
            generics: [],
            attrs: [],
            event: {},
            slotName: ""
            // slot 节点的 name 属性
          };
        } else {
          const children = [];
          const {
            tag,
            wxKey,
            wxXCkey,
            attr
          } = obj;
          const tagName = tag.indexOf("wx-") === 0 && (tag === "wx-slot" || !_.isOfficialTag(tag)) ? tag.substr(3) : tag;
          const key = wxKey !== void 0 && wxKey !== null ? "" + wxKey : void 0;
          const { event, normalAttrs, slotName } = filterAttrs(attr);
          const isIf = wxXCkey === 1 || wxXCkey === 3;
          const isFor = wxXCkey === 2 || wxXCkey === 4;
          const isSlot = tagName === "slot";
          const isRoot = tagName === "shadow";
          let type = isRoot ? CONSTANT.TYPE_ROOT : isIf ? CONSTANT.TYPE_IF : isFor ? CONSTANT.TYPE_FOR : isSlot ? CONSTANT.TYPE_SLOT : CONSTANT.TYPE_COMPONENT;
          if (parent && parent.type === CONSTANT.TYPE_FOR) {
            type = CONSTANT.TYPE_FORITEM;
          }
          node = {
            type,
            tagName,
            componentId: usingComponents[tagName] || tagName,
            content: "",
            // 文本节点的内容
            key,
            // 节点的 key，diff 用
            children,
            generics: obj.generics,
            attrs: normalAttrs,
            event,
            slotName: isSlot ? slotName : ""
            // slot 节点的 name 属性
          };
          obj.children.forEach((child) => children.push(transformCompileResTree(child, node, usingComponents)));
        }
        return node;
      }
      module.exports = function(generateFunc, usingComponents) {
        return function(options = {}) {
          const data = options.data || {};
          const compileRes = generateFunc(data);
          if (compileRes.type !== CONSTANT.TYPE_ROOT && (compileRes.tag === "wx-page" || compileRes.tag === "shadow")) {
            compileRes.tag = "shadow";
            return transformCompileResTree(compileRes, null, usingComponents);
          } else {
            return compileRes;
          }
        };
      };
    }
  });

  // node_modules/j-component/src/render/render.js
  var require_render = __commonJS({
    "node_modules/j-component/src/render/render.js"(exports, module) {
      var exparser2 = require_exparser_min();
      var CONSTANT = require_constant();
      var _ = require_utils();
      var transitionKeys = ["transition", "transitionProperty", "transform", "transformOrigin", "webkitTransition", "webkitTransitionProperty", "webkitTransform", "webkitTransformOrigin"];
      function updateAttrs(exparserNode, attrs) {
        const isComponentNode = exparserNode instanceof exparser2.Component;
        const dataProxy = exparser2.Component.getDataProxy(exparserNode);
        let needDoUpdate = false;
        exparserNode.dataset = exparserNode.dataset || {};
        for (const { name, value } of attrs) {
          if (name === "id" || name === "slot" || isComponentNode && name === "class") {
            exparserNode[name] = value || "";
          } else if (isComponentNode && name === "style" && exparserNode.$$) {
            let animationStyle = exparserNode.__animationStyle || {};
            animationStyle = transitionKeys.map((key) => {
              const styleValue = animationStyle[key.replace("webkitT", "t")];
              return styleValue !== void 0 ? `${_.camelToDashCase(key)}:${styleValue}` : "";
            }).filter((item) => !!item.trim()).join(";");
            exparserNode.setNodeStyle(_.transformRpx(value || "", true) + animationStyle);
          } else if (isComponentNode && exparser2.Component.hasPublicProperty(exparserNode, _.dashToCamelCase(name))) {
            dataProxy.scheduleReplace([_.dashToCamelCase(name)], value);
            needDoUpdate = true;
          } else if (/^data-/.test(name)) {
            exparserNode.dataset[_.dashToCamelCase(name.slice(5).toLowerCase())] = value;
            exparserNode.setAttribute(name, value);
          } else if (isComponentNode && name === "animation") {
            if (exparserNode.$$ && value && value.actions && value.actions.length > 0) {
              let index = 0;
              const actions = value.actions;
              const length = actions.length;
              const step = function() {
                if (index < length) {
                  const styleObject = _.animationToStyle(actions[index]);
                  const extraStyle = styleObject.style;
                  transitionKeys.forEach((key) => {
                    exparserNode.$$.style[key] = styleObject[key.replace("webkitT", "t")];
                  });
                  Object.keys(extraStyle).forEach((key) => {
                    exparserNode.$$.style[key] = _.transformRpx(extraStyle[key]);
                  });
                  exparserNode.__animationStyle = styleObject;
                }
              };
              exparserNode.addListener("transitionend", () => {
                index += 1;
                step();
              });
              step();
            }
          } else if (isComponentNode && exparserNode.hasExternalClass(_.camelToDashCase(name))) {
            exparserNode.setExternalClass(_.camelToDashCase(name), value);
          }
        }
        if (needDoUpdate) dataProxy.doUpdates(true);
      }
      function updateEvent(exparserNode, event) {
        const convertEventTarget = (target, currentTarget) => {
          if (currentTarget && target instanceof exparser2.VirtualNode && !target.id && !Object.keys(target.dataset).length) {
            target = currentTarget;
          }
          return {
            id: target.id,
            offsetLeft: target.$$ && target.$$.offsetLeft || 0,
            offsetTop: target.$$ && target.$$.offsetTop || 0,
            dataset: target.dataset
          };
        };
        Object.keys(event).forEach((key) => {
          const {
            name,
            isCapture,
            isMutated,
            isCatch,
            handler
          } = event[key];
          if (!handler) return;
          event[key].id = exparser2.addListenerToElement(exparserNode, name, function(evt) {
            const shadowRoot = exparserNode.ownerShadowRoot;
            const mutatedMarked = evt.mutatedMarked();
            if (isMutated && evt.mutatedMarked()) return;
            if (isMutated) evt.markMutated();
            if (shadowRoot) {
              const host = shadowRoot.getHostNode();
              const writeOnly = exparser2.Component.getComponentOptions(host).writeOnly;
              if (!writeOnly) {
                const caller = exparser2.Element.getMethodCaller(host);
                if (typeof caller[handler] === "function") {
                  caller[handler]({
                    type: evt.type,
                    timeStamp: evt.timeStamp,
                    target: convertEventTarget(evt.target, this),
                    currentTarget: convertEventTarget(this, null),
                    detail: evt.detail,
                    touches: evt.touches,
                    changedTouches: evt.changedTouches,
                    mut: mutatedMarked
                  });
                }
              }
            }
            if (isCatch) return false;
          }, { capture: isCapture });
        });
      }
      function renderExparserNode(options, shadowRootHost, shadowRoot) {
        const type = options.type;
        const tagName = options.tagName;
        const componentId = options.componentId;
        let exparserNode;
        if (type === CONSTANT.TYPE_TEXT) {
          exparserNode = shadowRoot.createTextNode(options.content);
        } else {
          if (type === CONSTANT.TYPE_ROOT) {
            shadowRoot = exparser2.ShadowRoot.create(shadowRootHost);
            exparserNode = shadowRoot;
          } else if (type === CONSTANT.TYPE_SLOT) {
            exparserNode = shadowRoot.createVirtualNode(tagName);
            exparser2.Element.setSlotName(exparserNode, options.slotName);
          } else if (type === CONSTANT.TYPE_TEMPLATE || type === CONSTANT.TYPE_IF || type === CONSTANT.TYPE_FOR || type === CONSTANT.TYPE_FORITEM) {
            exparserNode = shadowRoot.createVirtualNode(tagName);
            exparser2.Element.setInheritSlots(exparserNode);
          } else {
            const componentTagName = _.getTagName(componentId || tagName) || tagName;
            const componentName = componentId || tagName;
            exparserNode = shadowRoot.createComponent(componentTagName, componentName, options.generics);
          }
          updateAttrs(exparserNode, options.attrs);
          updateEvent(exparserNode, options.event);
          options.children.forEach((vt) => {
            const childExparserNode = renderExparserNode(vt, null, shadowRoot);
            exparserNode.appendChild(childExparserNode);
          });
        }
        options.exparserNode = exparserNode;
        exparserNode._vt = options;
        return exparserNode;
      }
      module.exports = {
        updateAttrs,
        updateEvent,
        renderExparserNode
      };
    }
  });

  // node_modules/j-component/src/render/diff.js
  var require_diff = __commonJS({
    "node_modules/j-component/src/render/diff.js"(exports, module) {
      var exparser2 = require_exparser_min();
      var render = require_render();
      var CONSTANT = require_constant();
      function diffVt(oldVt, newVt) {
        const node = oldVt.exparserNode;
        const parent = node.parentNode;
        newVt.exparserNode = node;
        if (!newVt) {
          if (parent) parent.removeChild(node);
        } else if (oldVt.type === CONSTANT.TYPE_TEXT) {
          if (newVt.type !== CONSTANT.TYPE_TEXT || newVt.content !== oldVt.content) {
            if (parent) {
              const newNode = render.renderExparserNode(newVt, null, parent.ownerShadowRoot);
              newNode._vt = newVt;
              parent.replaceChild(newNode, node);
            }
          }
        } else {
          if (newVt.type === CONSTANT.TYPE_TEXT) {
            if (parent) {
              const newNode = render.renderExparserNode(newVt, null, parent.ownerShadowRoot);
              newNode._vt = newVt;
              parent.replaceChild(newNode, node);
            }
          } else if (newVt.type === oldVt.type && newVt.componentId === oldVt.componentId && newVt.key === oldVt.key) {
            const attrs = diffAttrs(oldVt.attrs, newVt.attrs);
            if (attrs) {
              newVt.attrs = attrs;
              render.updateAttrs(node, attrs);
            }
            if (isSameEvent(oldVt.event, newVt.event)) {
              newVt.event = oldVt.event;
            } else {
              Object.keys(oldVt.event).forEach((key) => {
                const { name, isCapture, id } = oldVt.event[key];
                exparser2.removeListenerFromElement(node, name, id, { capture: isCapture });
              });
              render.updateEvent(node, newVt.event);
            }
            const oldChildren = oldVt.children;
            const newChildren = newVt.children;
            const diffs = diffList(oldChildren, newChildren);
            for (let i = 0, len = oldChildren.length; i < len; i++) {
              const oldChild = oldChildren[i];
              const newChild = diffs.children[i];
              if (newChild) diffVt(oldChild, newChild);
            }
            if (diffs.moves) {
              let { inserts } = diffs.moves;
              const { removes } = diffs.moves;
              const children = node.childNodes;
              inserts = inserts.map(({ oldIndex, index }) => {
                const newNode = children[oldIndex] || render.renderExparserNode(newChildren[index], null, node.ownerShadowRoot);
                newNode._vt = newChildren[index];
                return {
                  newNode,
                  index
                };
              });
              removes.forEach((index) => node.removeChild(children[index]));
              inserts.forEach(({ newNode, index }) => node.insertBefore(newNode, children[index]));
            }
            node._vt = newVt;
          } else if (parent) {
            const newNode = render.renderExparserNode(newVt, null, parent.ownerShadowRoot);
            newNode._vt = newVt;
            parent.replaceChild(newNode, node);
          }
        }
      }
      function diffAttrs(oldAttrs, newAttrs) {
        const oldAttrsMap = {};
        const newAttrsMap = {};
        const retAttrs = [];
        let isChange = false;
        oldAttrs.forEach((attr) => oldAttrsMap[attr.name] = attr.value);
        for (const attr of newAttrs) {
          newAttrsMap[attr.name] = attr.value;
          retAttrs.push(attr);
          if (oldAttrsMap[attr.name] === void 0 || oldAttrsMap[attr.name] !== attr.value) isChange = true;
        }
        for (const attr of oldAttrs) {
          if (newAttrsMap[attr.name] === void 0) {
            attr.value = void 0;
            retAttrs.push(attr);
            isChange = true;
          }
        }
        return isChange ? retAttrs : false;
      }
      function isSameEvent(oldEvent, newEvent) {
        const oldKeys = Object.keys(oldEvent);
        const newKeys = Object.keys(newEvent);
        if (oldKeys.length !== newKeys.length) return false;
        return oldKeys.every((key) => {
          const oldItem = oldEvent[key];
          const newItem = newEvent[key];
          return newItem && oldItem.name === newItem.name && oldItem.isCapture === newItem.isCapture && oldItem.isMutated === newItem.isMutated && oldItem.isCatch === newItem.isCatch && oldItem.handler === newItem.handler;
        });
      }
      function diffList(oldList, newList) {
        const oldKeyMap = {};
        const newKeyMap = {};
        const oldFreeList = [];
        const newFreeList = [];
        oldList.forEach((item, index) => {
          if (item.key) {
            if (Object.prototype.hasOwnProperty.call(oldKeyMap, item.key)) item.key = "";
            else oldKeyMap[item.key] = index;
          } else {
            oldFreeList.push(index);
          }
        });
        newList.forEach((item, index) => {
          if (item.key) {
            if (Object.prototype.hasOwnProperty.call(newKeyMap, item.key)) newFreeList.push(index);
            else newKeyMap[item.key] = index;
          } else {
            newFreeList.push(index);
          }
        });
        const children = [];
        let removes = [];
        const inserts = [];
        for (let i = 0, j = 0; i < oldList.length; i++) {
          const item = oldList[i];
          const key = item.key;
          if (key) {
            if (Object.prototype.hasOwnProperty.call(newKeyMap, key)) {
              children.push(newList[newKeyMap[key]]);
            } else {
              removes.push(i);
              children.push(null);
            }
          } else if (j < newFreeList.length) {
            children.push(newList[newFreeList[j++]]);
          } else {
            removes.push(i);
            children.push(null);
          }
        }
        removes = removes.reverse();
        const hasCheckIndexMap = {};
        for (let i = 0, j = 0, k = 0, len = newList.length; i < len; i++) {
          const item = newList[i];
          const key = item.key;
          while (children[j] === null || hasCheckIndexMap[j]) j++;
          if (key) {
            if (Object.prototype.hasOwnProperty.call(oldKeyMap, key) && children[j]) {
              if (children[j].key === key) {
                j++;
              } else {
                const oldIndex = oldKeyMap[key];
                hasCheckIndexMap[oldIndex] = true;
                if (oldIndex !== i) inserts.push({ oldIndex, index: i });
              }
            } else {
              inserts.push({ oldIndex: -1, index: i });
            }
          } else if (k < oldFreeList.length) {
            const oldIndex = oldFreeList[k++];
            hasCheckIndexMap[oldIndex] = true;
            if (oldIndex !== i) inserts.push({ oldIndex, index: i });
          } else {
            inserts.push({ oldIndex: -1, index: i });
          }
        }
        return {
          children,
          moves: { removes, inserts }
        };
      }
      module.exports = {
        diffVt,
        diffAttrs,
        diffList
      };
    }
  });

  // node_modules/j-component/src/tool/selectorquery.js
  var require_selectorquery = __commonJS({
    "node_modules/j-component/src/tool/selectorquery.js"(exports, module) {
      var exparser2 = require_exparser_min();
      var NodesRef = class {
        constructor(selectorQuery, exparserNode, selector, isSelectSingle) {
          this._selectorQuery = selectorQuery;
          this._exparserNode = exparserNode;
          this._selector = selector;
          this._isSelectSingle = isSelectSingle;
        }
        boundingClientRect(callback) {
          return this._selectorQuery._push(this._selector, this._exparserNode, this._isSelectSingle, {
            id: true,
            dataset: true,
            rect: true,
            size: true
          }, callback);
        }
        scrollOffset(callback) {
          return this._selectorQuery._push(this._selector, this._exparserNode, this._isSelectSingle, {
            id: true,
            dataset: true,
            scrollOffset: true
          }, callback);
        }
        context(callback) {
          return this._selectorQuery._push(this._selector, this._exparserNode, this._isSelectSingle, {
            context: true
          }, callback);
        }
        fields(fields, callback) {
          return this._selectorQuery._push(this._selector, this._exparserNode, this._isSelectSingle, fields, callback);
        }
      };
      var SelectorQuery = class {
        constructor(compInst) {
          this._exparserNode = compInst && compInst._exparserNode || null;
          this._queue = [];
          this._queueCallback = [];
        }
        _push(selector, exparserNode, isSelectSingle, fields, callback) {
          this._queue.push({
            selector,
            exparserNode,
            isSelectSingle,
            fields
          });
          this._queueCallback.push(callback || null);
          return this;
        }
        in(compInst) {
          if (!compInst || typeof compInst !== "object") {
            throw new Error("invalid params");
          }
          this._exparserNode = compInst._exparserNode;
          return this;
        }
        select(selector) {
          return new NodesRef(this, this._exparserNode, selector, true);
        }
        selectAll(selector) {
          return new NodesRef(this, this._exparserNode, selector, false);
        }
        selectViewport() {
          return new NodesRef(this, 0, "", false);
        }
        exec(callback) {
          Promise.resolve().then(() => {
            const res = [];
            this._queue.forEach((item, index) => {
              const {
                selector,
                exparserNode,
                isSelectSingle,
                fields
              } = item;
              if (exparserNode === 0) {
                const itemRes = {};
                if (fields.id) {
                  itemRes.id = "";
                }
                if (fields.dataset) {
                  itemRes.dataset = {};
                }
                if (fields.rect) {
                  itemRes.left = 0;
                  itemRes.right = 0;
                  itemRes.top = 0;
                  itemRes.bottom = 0;
                }
                if (fields.size) {
                  itemRes.width = document.documentElement.clientWidth;
                  itemRes.height = document.documentElement.clientHeight;
                }
                if (fields.scrollOffset) {
                  itemRes.scrollLeft = document.documentElement.scrollLeft || document.body.scrollLeft || 0;
                  itemRes.scrollTop = document.documentElement.scrollTop || document.body.scrollTop || 0;
                }
                res.push(itemRes);
              } else {
                const shadowRoot = exparserNode.shadowRoot;
                const nodes = isSelectSingle ? [shadowRoot.querySelector(selector)] : shadowRoot.querySelectorAll(selector);
                const itemResList = [];
                for (const node of nodes) {
                  if (!node) continue;
                  const itemRes = {};
                  if (fields.id) {
                    itemRes.id = node.id || "";
                  }
                  if (fields.dataset) {
                    itemRes.dataset = Object.assign({}, node.dataset || {});
                  }
                  if (fields.rect || fields.size) {
                    const rect = node.$$.getBoundingClientRect();
                    if (fields.rect) {
                      itemRes.left = rect.left;
                      itemRes.right = rect.right;
                      itemRes.top = rect.top;
                      itemRes.bottom = rect.bottom;
                    }
                    if (fields.size) {
                      itemRes.width = rect.width;
                      itemRes.height = rect.height;
                    }
                  }
                  if (fields.properties) {
                    fields.properties.forEach((name) => {
                      name = name.replace(/-([a-z])/g, (all, $1) => $1.toUpperCase());
                      if (exparser2.Component.hasPublicProperty(node, name)) {
                        itemRes[name] = node.data[name];
                      }
                    });
                  }
                  if (fields.scrollOffset) {
                    itemRes.scrollLeft = node.$$.scrollLeft || 0;
                    itemRes.scrollTop = node.$$.scrollTop || 0;
                  }
                  if (fields.computedStyle && fields.computedStyle.length) {
                    const style = window.getComputedStyle(node.$$);
                    fields.computedStyle.forEach((key) => {
                      if (key && style[key] !== void 0) itemRes[key] = style[key];
                    });
                  }
                  if (fields.context) {
                    itemRes.context = {};
                  }
                  itemResList.push(itemRes);
                }
                res.push(isSelectSingle ? itemResList[0] || null : itemResList);
              }
              if (typeof this._queueCallback[index] === "function") this._queueCallback[index].call(this, res[index]);
            });
            if (typeof callback === "function") callback.call(this, res);
            this._queue = [];
            this._queueCallback = [];
          }).catch(console.error);
        }
      };
      module.exports = SelectorQuery;
    }
  });

  // node_modules/j-component/src/tool/intersectionobserver.js
  var require_intersectionobserver = __commonJS({
    "node_modules/j-component/src/tool/intersectionobserver.js"(exports, module) {
      var exparser2 = require_exparser_min();
      var _ = require_utils();
      function measureIntersect(baseRect, newRect) {
        const rect = {
          left: baseRect.left < newRect.left ? newRect.left : baseRect.left,
          top: baseRect.top < newRect.top ? newRect.top : baseRect.top,
          right: baseRect.right > newRect.right ? newRect.right : baseRect.right,
          bottom: baseRect.bottom > newRect.bottom ? newRect.bottom : baseRect.bottom,
          width: 0,
          height: 0
        };
        if (rect.right > rect.left) rect.width = rect.right - rect.left;
        else rect.right = rect.left = rect.bottom = rect.top = 0;
        if (rect.bottom > rect.top) rect.height = rect.bottom - rect.top;
        else rect.right = rect.left = rect.bottom = rect.top = 0;
        return rect;
      }
      function measureRelativeRect(relatives) {
        const clientWidth = document.documentElement.clientWidth;
        const clientHeight = document.documentElement.clientHeight;
        let retRect = null;
        for (let i = 0; i < relatives.length; i++) {
          const { node, margins } = relatives[i];
          const boundingRect = node ? node.$$.getBoundingClientRect() : {
            left: 0,
            top: 0,
            right: clientWidth,
            bottom: clientHeight,
            width: clientWidth,
            height: clientHeight
          };
          const rect = {
            left: boundingRect.left - margins.left,
            top: boundingRect.top - margins.top,
            right: boundingRect.right + margins.right,
            bottom: boundingRect.bottom + margins.bottom
          };
          if (retRect) retRect = measureIntersect(retRect, rect);
          else retRect = rect;
        }
        return retRect;
      }
      var IntersectionObserver = class _IntersectionObserver {
        constructor(compInst, options = {}) {
          this._exparserNode = compInst._exparserNode;
          this._relativeInfo = [];
          this._options = options;
          this._disconnected = false;
          this._observers = [];
          this._exparserNode._listenInfoMap = this._exparserNode._listenInfoMap || {};
        }
        /**
           * 检查并更新目标节点的相交情况
           */
        static updateTargetIntersection(listenerInfo) {
          const {
            targetNode,
            relatives,
            thresholds,
            minWidthOrHeight,
            currentRatio,
            callback
          } = listenerInfo;
          const targetRect = targetNode.$$.getBoundingClientRect();
          if (targetRect.right - targetRect.left < minWidthOrHeight) {
            targetRect.right = targetRect.left + minWidthOrHeight;
            targetRect.width = minWidthOrHeight;
          }
          if (targetRect.bottom - targetRect.top < minWidthOrHeight) {
            targetRect.bottom = targetRect.top + minWidthOrHeight;
            targetRect.height = minWidthOrHeight;
          }
          const relativeRect = measureRelativeRect(relatives);
          const intersectRect = measureIntersect(relativeRect, targetRect);
          const targetArea = targetRect.width * targetRect.height;
          const intersectRatio = targetArea ? intersectRect.width * intersectRect.height / targetArea : 0;
          listenerInfo.currentRatio = intersectRatio;
          let isUpdate = currentRatio === void 0;
          if (intersectRatio !== currentRatio) {
            thresholds.forEach((threshold) => {
              if (isUpdate) return;
              if (intersectRatio <= threshold && currentRatio >= threshold) isUpdate = true;
              else if (intersectRatio >= threshold && currentRatio <= threshold) isUpdate = true;
            });
          }
          if (isUpdate) {
            callback.call(targetNode, {
              id: targetNode.id,
              dataset: targetNode.dataset,
              time: Date.now(),
              boundingClientRect: targetRect,
              intersectionRatio: intersectRatio,
              intersectionRect: intersectRect,
              relativeRect
            });
          }
        }
        disconnect() {
          this._disconnected = true;
          this._observers.forEach((observer) => observer.disconnect());
          this._observers = [];
        }
        observe(selector, callback) {
          const shadowRoot = this._exparserNode.shadowRoot;
          let targetNodes = this._options.observeAll ? shadowRoot.querySelectorAll(selector) : shadowRoot.querySelector(selector);
          if (!Array.isArray(targetNodes)) targetNodes = targetNodes ? [targetNodes] : [];
          const relatives = [];
          this._relativeInfo.forEach((item) => {
            const { selector: selector2, margins } = item;
            const node = selector2 === null ? null : shadowRoot.querySelector(selector2);
            if (selector2 === null || node) {
              relatives.push({
                node,
                margins: {
                  left: margins.left || 0,
                  top: margins.top || 0,
                  right: margins.right || 0,
                  bottom: margins.bottom || 0
                }
              });
            }
          });
          targetNodes.forEach((targetNode) => {
            const id = _.getId();
            const listenerInfo = {
              targetNode,
              relatives,
              thresholds: this._options.thresholds || [0],
              currentRatio: this._options.initialRatio || 0,
              minWidthOrHeight: 0,
              callback
            };
            const observer = exparser2.Observer.create((evt) => {
              if (evt.status === "attached") {
                this._exparserNode._listenInfoMap[id] = listenerInfo;
                window.requestAnimationFrame(() => {
                  if (!this._disconnected) _IntersectionObserver.updateTargetIntersection(listenerInfo);
                });
              } else if (evt.status === "detached") {
                delete this._exparserNode._listenInfoMap[id];
                observer.disconnect();
              }
            });
            observer.observe(targetNode, { attachStatus: true });
            if (exparser2.Element.isAttached(targetNode)) {
              this._exparserNode._listenInfoMap[id] = listenerInfo;
              window.requestAnimationFrame(() => {
                if (!this._disconnected) _IntersectionObserver.updateTargetIntersection(listenerInfo);
              });
            }
            this._observers.push(observer);
          });
        }
        relativeTo(selector, margins = {}) {
          this._relativeInfo.push({
            selector,
            margins
          });
          return this;
        }
        relativeToViewport(margins = {}) {
          this._relativeInfo.push({
            selector: null,
            margins
          });
          return this;
        }
      };
      module.exports = IntersectionObserver;
    }
  });

  // node_modules/j-component/src/componentmanager.js
  var require_componentmanager = __commonJS({
    "node_modules/j-component/src/componentmanager.js"(exports, module) {
      var exparser2 = require_exparser_min();
      var compile = require_compile();
      var transform = require_transform();
      var diff = require_diff();
      var render = require_render();
      var _ = require_utils();
      var SelectorQuery = require_selectorquery();
      var IntersectionObserver = require_intersectionobserver();
      var PATH_TO_ID_MAP = [];
      var ComponentManager = class {
        constructor(definition) {
          this.id = definition.id || _.getId(true);
          this.path = _.normalizeAbsolute(definition.path);
          this.definition = definition;
          if (definition.tagName) _.setTagName(this.id, definition.tagName);
          if (this.path) PATH_TO_ID_MAP[this.path] = this.id;
          const template = definition.template;
          this.data = {};
          this.generateFunc = typeof template === "function" ? transform(template, definition.usingComponents || {}) : compile(template, this.data, definition.usingComponents || {});
          this.exparserDef = this.registerToExparser();
          _.cache(this.id, this);
        }
        /**
         * 注册 exparser 组件
         */
        registerToExparser() {
          const definition = this.definition;
          const options = definition.options || {};
          const usingComponents = definition.usingComponents || {};
          const using = Object.keys(usingComponents).map((key) => usingComponents[key]);
          let methods = {};
          definition.behaviors = definition.behaviors || [];
          definition.behaviors = definition.behaviors.map((item) => {
            if (item === "wx://component-export") {
              return window.wxComponentExport;
            } else if (item === "wx://form-field") {
              return window.wxFormField;
            } else if (item === "wx://form-field-group") {
              return window.wxFormFieldGroup;
            } else if (item === "wx://form-field-button") {
              return window.wxFormFieldButton;
            }
            return item;
          });
          _.adjustExparserDefinition(definition);
          const path = this.path;
          const definitionFilter = exparser2.Behavior.callDefinitionFilter(definition);
          const exparserDef = {
            is: this.id,
            using,
            generics: [],
            // TODO
            template: {
              func: this.generateFunc,
              data: this.data
            },
            properties: definition.properties,
            data: definition.data,
            methods: definition.methods,
            behaviors: definition.behaviors,
            created: definition.created,
            attached: definition.attached,
            ready: definition.ready,
            moved: definition.moved,
            detached: definition.detached,
            saved: definition.saved,
            restored: definition.restored,
            relations: definition.relations,
            externalClasses: definition.externalClasses,
            options: {
              domain: `${options.writeOnly ? "wo://" : ""}/`,
              writeOnly: options.writeOnly || false,
              allowInWriteOnly: false,
              lazyRegistration: true,
              classPrefix: options.classPrefix || "",
              addGlobalClass: false,
              templateEngine: TemplateEngine,
              renderingMode: "full",
              multipleSlots: options.multipleSlots || false,
              publicProperties: true,
              reflectToAttributes: false,
              writeFieldsToNode: false,
              writeIdToDOM: false,
              virtualHost: options.virtualHost || void 0
            },
            lifetimes: definition.lifetimes,
            pageLifetimes: definition.pageLifetimes,
            observers: definition.observers,
            definitionFilter,
            initiator() {
              const caller = Object.create(this, {
                data: {
                  get: () => this.data,
                  set: (newData) => this.data = newData,
                  configurable: true
                }
              });
              const originalSetData = caller.setData;
              const getSelectComponentResult = (selected) => {
                const selectedFilter = exparser2.Component.getMethod(selected, "__export__");
                const defaultResult = exparser2.Element.getMethodCaller(selected);
                if (selectedFilter) {
                  const res = selectedFilter.call(exparser2.Element.getMethodCaller(selected), caller);
                  return res === void 0 ? defaultResult : res;
                }
                return defaultResult;
              };
              caller._exparserNode = this;
              caller.properties = caller.data;
              caller.selectComponent = (selector) => {
                const exparserNode = this.shadowRoot.querySelector(selector);
                return getSelectComponentResult(exparserNode);
              };
              caller.selectAllComponents = (selector) => {
                const exparserNodes = this.shadowRoot.querySelectorAll(selector);
                return exparserNodes.map((item) => getSelectComponentResult(item));
              };
              caller.selectOwnerComponent = () => {
                const ownerShadowRoot = this.ownerShadowRoot;
                if (!(ownerShadowRoot instanceof exparser2.ShadowRoot)) return null;
                const exparserNode = ownerShadowRoot.getHostNode();
                if (!exparserNode) return null;
                return getSelectComponentResult(exparserNode);
              };
              caller.createSelectorQuery = () => new SelectorQuery(caller);
              caller.createIntersectionObserver = (options2) => new IntersectionObserver(caller, options2);
              caller.setData = (data, callback) => {
                if (!originalSetData || typeof originalSetData !== "function") return;
                originalSetData.call(this, data);
                if (typeof callback === "function") {
                  Promise.resolve().then(callback).catch(console.error);
                }
              };
              caller.getRelationNodes = (relationKey) => {
                if (!path || !relationKey) return null;
                const id = PATH_TO_ID_MAP[_.relativeToAbsolute(path, relationKey)];
                if (!id) return null;
                const res = this.getRelationNodes(id);
                if (!res) return null;
                return res.map((exparserNode) => exparser2.Element.getMethodCaller(exparserNode));
              };
              Object.keys(methods).forEach((name) => caller[name] = methods[name]);
              exparser2.Element.setMethodCaller(this, caller);
            }
          };
          const exparserReg = exparser2.registerElement(exparserDef);
          exparser2.Behavior.prepare(exparserReg.behavior);
          methods = exparserReg.behavior.methods;
          return exparserReg;
        }
      };
      var TemplateEngine = class _TemplateEngine {
        static create(behavior, initValues) {
          const templateEngine = new _TemplateEngine();
          const data = Object.assign({}, initValues, behavior.template.data);
          templateEngine._data = data;
          templateEngine._generateFunc = behavior.template.func;
          return templateEngine;
        }
        static collectIdMapAndSlots(exparserNode, idMap, slots) {
          const children = exparserNode.childNodes;
          for (const child of children) {
            if (child instanceof exparser2.TextNode) continue;
            if (child.__id) idMap[child.__id] = child;
            if (child.__slotName !== void 0) slots[child.__slotName] = child;
            _TemplateEngine.collectIdMapAndSlots(child, idMap, slots);
          }
        }
        createInstance(exparserNode, properties = {}) {
          this._data = Object.assign(this._data, properties);
          this._vt = this._generateFunc({ data: this._data });
          const instance = new TemplateEngineInstance();
          instance._generateFunc = this._generateFunc;
          instance._vt = this._vt;
          instance.data = _.copy(this._data);
          instance.idMap = {};
          instance.slots = {};
          instance.shadowRoot = render.renderExparserNode(instance._vt, exparserNode, null);
          instance.shadowRoot._vt = instance._vt;
          instance.listeners = [];
          _TemplateEngine.collectIdMapAndSlots(instance.shadowRoot, instance.idMap, instance.slots);
          return instance;
        }
      };
      var TemplateEngineInstance = class {
        /**
         * 当遇到组件更新时，会触发此方法
         */
        updateValues(exparserNode, data, changedPaths, changedValues, changes) {
          const newVt = this._generateFunc({ data });
          const callerData = exparser2.Element.getMethodCaller(exparserNode).data;
          const hasOwnProperty2 = Object.prototype.hasOwnProperty;
          for (const changeInfo of changes) {
            if (!changeInfo) continue;
            const path = changeInfo[0];
            const newData = changeInfo[1];
            let currentData = callerData;
            let currentPath = path[0];
            for (let i = 1, len = path.length; i < len; i++) {
              const nextPath = path[i];
              const currentValue = currentData[currentPath];
              if (!hasOwnProperty2.call(currentData, currentPath)) {
                if (typeof nextPath === "number" && isFinite(nextPath)) {
                  if (!Array.isArray(currentValue)) currentData[currentPath] = [];
                } else if (currentValue === null || typeof currentValue !== "object" || Array.isArray(currentValue)) {
                  currentData[currentPath] = {};
                }
              }
              currentData = currentData[currentPath];
              currentPath = nextPath;
            }
            const oldData = currentData[currentPath];
            currentData[currentPath] = _.copy(newData);
            changedValues = [currentData[currentPath], oldData];
          }
          diff.diffVt(this._vt, newVt);
          this._vt = newVt;
        }
      };
      module.exports = ComponentManager;
    }
  });

  // node_modules/j-component/src/render/component.js
  var require_component = __commonJS({
    "node_modules/j-component/src/render/component.js"(exports, module) {
      var exparser2 = require_exparser_min();
      var _ = require_utils();
      var IntersectionObserver = require_intersectionobserver();
      var CONSTANT = require_constant();
      var render = require_render();
      var MOVE_DELTA = 10;
      var LONGPRESS_TIME = 350;
      var SCROLL_PROTECTED = 150;
      var NATIVE_TOUCH_EVENT = ["touchstart", "touchmove", "touchend", "touchcancel"];
      function dfsExparserTree(node, callback, fromTopToBottom) {
        if (node instanceof exparser2.Component) {
          if (fromTopToBottom) callback(node);
          if (node.shadowRoot instanceof exparser2.Element) dfsExparserTree(node.shadowRoot, callback, fromTopToBottom);
          if (!fromTopToBottom) callback(node);
        }
        node.childNodes.forEach((child) => {
          if (child instanceof exparser2.Element) dfsExparserTree(child, callback, fromTopToBottom);
        });
      }
      var JSONSymbol = typeof Symbol === "function" && Symbol.for ? Symbol.for("j-component.json") : 14173950;
      function exparserNodeEventToJSON(node) {
        return node._vt ? node._vt.event : {};
      }
      function exparserNodeAttrsToJSON(node) {
        const attrs = [];
        const vt = node._vt;
        if (vt) {
          vt.attrs.forEach((attr) => {
            if (!exparser2.Component.hasPublicProperty(node, _.dashToCamelCase(attr.name))) {
              attrs.push(attr);
            }
          });
        }
        return attrs;
      }
      function exparserTreeToJSON(node) {
        const _inner = (node2, array) => {
          let children = array;
          const vt = node2._vt;
          if (node2 instanceof exparser2.TextNode) {
            array.push(node2.textContent);
          } else if (node2 instanceof exparser2.Element) {
            if (!node2.__virtual) {
              children = [];
              const child = {
                tagName: _.getTagName(vt.componentId || vt.tagName) || vt.tagName,
                event: exparserNodeEventToJSON(node2),
                attrs: exparserNodeAttrsToJSON(node2),
                children
              };
              Object.defineProperty(child, "$$typeof", {
                get() {
                  return JSONSymbol;
                }
              });
              array.push(child);
            }
            (node2.__wxSlotChildren || []).forEach((child) => _inner(child, children));
          }
          return array;
        };
        return _inner(node, [])[0];
      }
      var Component = class _Component {
        constructor(exparserNode) {
          this._exparserNode = exparserNode;
        }
        get dom() {
          return this._exparserNode.$$;
        }
        get data() {
          const caller = exparser2.Element.getMethodCaller(this._exparserNode);
          return caller && caller.data;
        }
        get instance() {
          return exparser2.Element.getMethodCaller(this._exparserNode);
        }
        /**
         * 触发事件
         */
        dispatchEvent(eventName, options = {}) {
          const dom = this.dom;
          if (NATIVE_TOUCH_EVENT.indexOf(eventName) >= 0) {
            let touches = options.touches;
            let changedTouches = options.changedTouches;
            if (eventName === "touchstart" || eventName === "touchmove") {
              touches = touches || [{ x: 0, y: 0 }];
              changedTouches = changedTouches || [{ x: 0, y: 0 }];
            } else if (eventName === "touchend" || eventName === "touchcancel") {
              touches = touches || [];
              changedTouches = changedTouches || [{ x: 0, y: 0 }];
            }
            const touchEvent = new TouchEvent(eventName, {
              cancelable: true,
              bubbles: true,
              touches: touches.map((touch) => new Touch({
                identifier: _.getId(),
                target: dom,
                clientX: touch.x,
                clientY: touch.y,
                pageX: touch.x,
                pageY: touch.y
              })),
              targetTouches: [],
              changedTouches: changedTouches.map((touch) => new Touch({
                identifier: _.getId(),
                target: dom,
                clientX: touch.x,
                clientY: touch.y,
                pageX: touch.x,
                pageY: touch.y
              }))
            });
            Promise.resolve().then(() => {
              dom.dispatchEvent(touchEvent);
            }).catch(console.error);
          } else {
            const customEvent = new CustomEvent(eventName, options);
            Promise.resolve().then(() => {
              dom.dispatchEvent(customEvent);
              if (customEvent.target.__wxElement) {
                exparser2.Event.dispatchEvent(customEvent.target.__wxElement, exparser2.Event.create(eventName, options.detail || {}, {
                  originalEvent: customEvent,
                  bubbles: true,
                  capturePhase: true,
                  composed: true,
                  extraFields: {
                    touches: options.touches || {},
                    changedTouches: options.changedTouches || {}
                  }
                }));
              }
            }).catch(console.error);
          }
        }
        /**
         * 监听组件事件
         */
        addEventListener(eventName, handler, capture = false) {
          if (typeof capture === "object") capture = !!capture.capture;
          this._exparserNode.addListener(eventName, handler, { capture });
        }
        /**
         * 取消监听组件事件
         */
        removeEventListener(eventName, handler, capture = false) {
          if (typeof capture === "object") capture = !!capture.capture;
          this._exparserNode.removeListener(eventName, handler, { capture });
        }
        /**
         * 选取第一个符合的子组件节点
         */
        querySelector(selector) {
          const shadowRoot = this._exparserNode.shadowRoot;
          const selExparserNode = shadowRoot && shadowRoot.querySelector(selector);
          if (selExparserNode) {
            return selExparserNode.__componentNode__ ? selExparserNode.__componentNode__ : new _Component(selExparserNode);
          }
        }
        /**
         * 选取所有符合的子组件节点
         */
        querySelectorAll(selector) {
          const shadowRoot = this._exparserNode.shadowRoot;
          const selExparserNodes = shadowRoot.querySelectorAll(selector) || [];
          return selExparserNodes.map((selExparserNode) => selExparserNode.__componentNode__ ? selExparserNode.__componentNode__ : new _Component(selExparserNode));
        }
        /**
         * 小程序自定义组件的 setData 方法
         */
        setData(data, callback) {
          const caller = exparser2.Element.getMethodCaller(this._exparserNode);
          if (caller && typeof caller.setData === "function") caller.setData(data);
          if (typeof callback === "function") {
            Promise.resolve().then(callback).catch(console.error);
          }
        }
        /**
         * 触发生命周期
         */
        triggerLifeTime(lifeTime, ...args) {
          this._exparserNode.triggerLifeTime(lifeTime, args);
        }
        /**
         * 触发页面生命周期
         */
        triggerPageLifeTime(lifeTime, ...args) {
          this._exparserNode.triggerPageLifeTime(lifeTime, args);
        }
        /**
         * 生成JSON
         */
        toJSON() {
          return exparserTreeToJSON(this._exparserNode);
        }
      };
      var RootComponent = class extends Component {
        constructor(componentManager, properties) {
          super();
          const id = componentManager.id;
          const tagName = _.getTagName(id);
          const exparserDef = componentManager.exparserDef;
          this._exparserNode = exparser2.createElement(tagName || id, exparserDef);
          this._isTapCancel = false;
          this._lastScrollTime = 0;
          const attrs = Object.keys(properties || {}).map((key) => ({ name: key, value: properties[key] }));
          if (attrs.length) {
            render.updateAttrs(this._exparserNode, attrs);
          }
          this._exparserNode._vt = {
            type: CONSTANT.TYPE_COMPONENT,
            tagName: tagName || "main",
            attrs,
            event: {},
            children: []
          };
          this.parentNode = null;
          this._bindEvent();
        }
        get dom() {
          return _.getDom(this._exparserNode);
        }
        /**
         * 初始化事件
         */
        _bindEvent() {
          const dom = this.dom;
          dom.addEventListener("touchstart", (evt) => {
            this._triggerExparserEvent(evt, "touchstart");
            if (this._touchstartEvt || evt.defaultPrevented) return;
            if (evt.touches.length === 1) {
              if (this._longpressTimer) this._longpressTimer = clearTimeout(this._longpressTimer);
              this._touchstartX = evt.touches[0].pageX;
              this._touchstartY = evt.touches[0].pageY;
              this._touchstartEvt = evt;
              if (+/* @__PURE__ */ new Date() - this._lastScrollTime < SCROLL_PROTECTED) {
                this._isTapCancel = true;
                this._lastScrollTime = 0;
              } else {
                this._isTapCancel = false;
                this._longpressTimer = setTimeout(() => {
                  this._isTapCancel = true;
                  this._triggerExparserEvent(evt, "longpress", { x: this._touchstartX, y: this._touchstartY });
                }, LONGPRESS_TIME);
              }
            }
          }, { capture: true, passive: false });
          dom.addEventListener("touchmove", (evt) => {
            this._triggerExparserEvent(evt, "touchmove");
            if (!this._touchstartEvt) return;
            if (evt.touches.length === 1) {
              if (!(Math.abs(evt.touches[0].pageX - this._touchstartX) < MOVE_DELTA && Math.abs(evt.touches[0].pageY - this._touchstartY) < MOVE_DELTA)) {
                if (this._longpressTimer) this._longpressTimer = clearTimeout(this._longpressTimer);
                this._isTapCancel = true;
              }
            }
          }, { capture: true, passive: false });
          dom.addEventListener("touchend", (evt) => {
            this._triggerExparserEvent(evt, "touchend");
            if (!this._touchstartEvt) return;
            if (evt.touches.length === 0) {
              if (this._longpressTimer) this._longpressTimer = clearTimeout(this._longpressTimer);
              if (!this._isTapCancel) this._triggerExparserEvent(this._touchstartEvt, "tap", { x: evt.changedTouches[0].pageX, y: evt.changedTouches[0].pageY });
            }
            this._touchstartEvt = null;
          }, { capture: true, passive: false });
          dom.addEventListener("touchcancel", (evt) => {
            this._triggerExparserEvent(evt, "touchcancel");
            if (!this._touchstartEvt) return;
            if (this._longpressTimer) this._longpressTimer = clearTimeout(this._longpressTimer);
            this._touchstartEvt = null;
          }, { capture: true, passive: false });
          dom.addEventListener("scroll", (evt) => {
            const listenInfoMap = this._exparserNode._listenInfoMap || {};
            Object.keys(listenInfoMap).forEach((key) => {
              const listenInfo = listenInfoMap[key];
              IntersectionObserver.updateTargetIntersection(listenInfo);
            });
            this._lastScrollTime = +/* @__PURE__ */ new Date();
            this._triggerExparserEvent(evt, "scroll");
          }, { capture: true, passive: false });
          dom.addEventListener("blur", (evt) => {
            if (this._longpressTimer) this._longpressTimer = clearTimeout(this._longpressTimer);
          }, { capture: true, passive: false });
        }
        /**
         * 触发 exparser 节点事件
         */
        _triggerExparserEvent(evt, name, detail = {}) {
          Promise.resolve().then(() => {
            exparser2.Event.dispatchEvent(evt.target, exparser2.Event.create(name, detail, {
              originalEvent: evt,
              bubbles: true,
              capturePhase: true,
              composed: true,
              extraFields: {
                touches: evt.touches || {},
                changedTouches: evt.changedTouches || {}
              }
            }));
          }).catch(console.error);
        }
        /**
         * 添加
         */
        attach(parent) {
          parent.appendChild(this.dom);
          this.parentNode = parent;
          exparser2.Element.pretendAttached(this._exparserNode);
          dfsExparserTree(this._exparserNode, (node) => node.triggerLifeTime("ready"));
        }
        /**
         * 移除
         */
        detach() {
          if (!this.parentNode) return;
          this.parentNode.removeChild(this.dom);
          this.parentNode = null;
          exparser2.Element.pretendDetached(this._exparserNode);
        }
      };
      module.exports = RootComponent;
    }
  });

  // node_modules/j-component/src/index.js
  var require_src = __commonJS({
    "node_modules/j-component/src/index.js"(exports, module) {
      var exparser2 = require_exparser_min();
      var ComponentManager = require_componentmanager();
      var RootComponent = require_component();
      var _ = require_utils();
      module.exports = {
        /**
         * 注册组件
         */
        register(definition = {}) {
          const componentManager = new ComponentManager(definition);
          return componentManager.id;
        },
        /**
         * 注册 behavior
         */
        behavior(definition) {
          definition.is = _.getId(true);
          definition.options = {
            lazyRegistration: true,
            publicProperties: true
          };
          _.adjustExparserDefinition(definition);
          definition.definitionFilter = exparser2.Behavior.callDefinitionFilter(definition);
          exparser2.registerBehavior(definition);
          return definition.is;
        },
        /**
         * 创建组件实例
         */
        create(id, properties) {
          const componentManager = _.cache(id);
          if (!componentManager) return;
          return new RootComponent(componentManager, properties);
        }
      };
      window.wxFormField = module.exports.behavior({
        id: "wx://form-field",
        properties: {
          name: {
            type: String
          },
          value: {
            type: null
          }
        }
      });
      window.wxFormFieldGroup = module.exports.behavior({
        is: "wx://form-field-group"
      });
      window.wxFormFieldButton = module.exports.behavior({
        is: "wx://form-field-button",
        listeners: {
          formSubmit(data) {
            this.triggerEvent("formSubmit", data, { bubbles: true });
          },
          formReset(data) {
            this.triggerEvent("formReset", data, { bubbles: true });
          }
        }
      });
      window.wxComponentExport = module.exports.behavior({
        is: "wx://component-export",
        definitionFilter(def) {
          if (typeof def.export === "function") {
            if (typeof def.methods === "object") {
              def.methods.__export__ = def.export;
            } else {
              def.methods = {
                __export__: def.export
              };
            }
          }
        }
      });
    }
  });

  // node_modules/j-component/index.js
  var require_j_component = __commonJS({
    "node_modules/j-component/index.js"(exports, module) {
      module.exports = require_src();
    }
  });

  // ../app/preview/runtime/builtins.js
  var require_builtins = __commonJS({
    "../app/preview/runtime/builtins.js"(exports, module) {
      var jComponent = require_j_component();
      var hooks = {};
      var names = [];
      function setHooks(value) {
        hooks = value;
      }
      function register(name, definition) {
        names.push(name);
        jComponent.register(Object.assign({ id: name, tagName: "wx-" + name, template: "<slot/>" }, definition || {}));
      }
      function textControl(tag) {
        return {
          properties: {
            value: { type: null, value: "" },
            name: { type: String, value: "" },
            placeholder: { type: String, value: "" },
            type: { type: String, value: "text" },
            password: { type: Boolean, value: false },
            maxlength: { type: Number, value: 140 },
            disabled: { type: Boolean, value: false },
            focus: { type: Boolean, value: false },
            autoFocus: { type: Boolean, value: false }
          },
          observers: {
            value() {
              this.syncControl(true);
            },
            "placeholder, type, password, maxlength, disabled, focus": function() {
              this.syncControl(false);
            }
          },
          lifetimes: {
            attached() {
              const el = document.createElement(tag);
              el.className = "rc-control";
              this.$$.appendChild(el);
              this.control = el;
              this.$$.rcFormValue = () => el.value;
              el.addEventListener("input", () => {
                const max = this.data.maxlength;
                if (max >= 0 && el.value.length > max) el.value = el.value.slice(0, max);
                this.triggerEvent("input", { value: el.value, cursor: el.selectionStart || 0, keyCode: 0 });
              });
              el.addEventListener("focus", () => this.triggerEvent("focus", { value: el.value, height: 0 }));
              el.addEventListener("blur", () => this.triggerEvent("blur", { value: el.value, cursor: 0 }));
              el.addEventListener("keydown", (event) => {
                if (event.key === "Enter" && tag === "input") this.triggerEvent("confirm", { value: el.value });
              });
              this.syncControl(true);
            }
          },
          methods: {
            // As in WeChat, what the user typed stays until the bound value itself changes.
            syncControl(valueChanged) {
              const el = this.control;
              if (!el) return;
              const data = this.data;
              const value = data.value === void 0 || data.value === null ? "" : String(data.value);
              if (valueChanged && el.value !== value) el.value = value;
              el.placeholder = data.placeholder || "";
              el.disabled = !!data.disabled;
              if (data.name) this.$$.setAttribute("data-rc-name", data.name);
              if (tag === "input") {
                el.type = data.password || data.type === "safe-password" ? "password" : "text";
                el.inputMode = { number: "numeric", digit: "decimal", idcard: "text" }[data.type] || "text";
              }
              if (data.focus && document.activeElement !== el) setTimeout(() => el.focus(), 0);
            }
          }
        };
      }
      var IMAGE_FIT = { scaleToFill: "fill", aspectFit: "contain", aspectFill: "cover", widthFix: "cover", heightFix: "cover" };
      function install() {
        const plain = [
          "text",
          "label",
          "block-view",
          "cover-view",
          "cover-image",
          "root-portal",
          "icon",
          "progress",
          "swiper-item",
          "movable-area",
          "movable-view",
          "page-meta",
          "navigation-bar",
          "canvas",
          "video",
          "checkbox-group",
          "radio-group",
          "checkbox",
          "radio",
          "slider",
          "picker-view",
          "picker-view-column",
          "match-media",
          "official-account",
          "open-data",
          "ad",
          "map",
          "camera",
          "audio",
          "web-view"
        ];
        plain.forEach((name) => register(name));
        register("view", {
          properties: { animation: { type: null, value: null } },
          observers: {
            animation(exported) {
              const steps = exported && exported.actions || [];
              if (!steps.length) return;
              clearTimeout(this.rcAnimating);
              const el = this.$$;
              const play = (i) => {
                if (i >= steps.length) return;
                const { animates, option } = steps[i];
                const { duration, timingFunction, delay } = option.transition;
                el.style.transition = "all " + duration + "ms " + timingFunction + " " + (delay || 0) + "ms";
                el.style.transformOrigin = option.transformOrigin;
                const transforms = [];
                animates.forEach(({ type, args }) => {
                  if (type === "style") el.style[args[0]] = args[1];
                  else {
                    const unit = /^translate/.test(type) ? "px" : /^(rotate|skew)/.test(type) ? "deg" : "";
                    transforms.push(type + "(" + args.map((a) => typeof a === "number" ? a + unit : a).join(", ") + ")");
                  }
                });
                if (transforms.length) el.style.transform = transforms.join(" ");
                this.rcAnimating = setTimeout(() => play(i + 1), (duration || 0) + (delay || 0));
              };
              play(0);
            }
          }
        });
        register("form", {
          lifetimes: {
            attached() {
              this.$$.rcForm = this;
            }
          },
          methods: {
            rcSubmit(kind) {
              const controls = Array.from(this.$$.querySelectorAll("[data-rc-name]")).filter((el) => el.closest("wx-form") === this.$$ && typeof el.rcFormValue === "function");
              if (kind === "reset") {
                controls.forEach((el) => {
                  const control = el.querySelector(".rc-control");
                  if (control) control.value = "";
                });
                this.triggerEvent("reset", {});
                return;
              }
              const value = {};
              controls.forEach((el) => {
                value[el.getAttribute("data-rc-name")] = el.rcFormValue();
              });
              this.triggerEvent("submit", { value });
            }
          }
        });
        register("scroll-view", {
          properties: { scrollX: Boolean, scrollY: Boolean },
          observers: {
            "scrollX, scrollY": function(x, y) {
              this.$$.style.overflowX = x ? "auto" : "hidden";
              this.$$.style.overflowY = y ? "auto" : "hidden";
            }
          }
        });
        register("swiper", { properties: { current: Number, indicatorDots: Boolean, autoplay: Boolean } });
        register("input", textControl("input"));
        register("textarea", textControl("textarea"));
        register("image", {
          properties: { src: { type: String, value: "" }, mode: { type: String, value: "scaleToFill" }, lazyLoad: Boolean },
          observers: {
            "src, mode": function() {
              this.syncImage();
            }
          },
          lifetimes: {
            attached() {
              const img = document.createElement("img");
              img.className = "rc-image";
              img.addEventListener("load", () => this.triggerEvent("load", { width: img.naturalWidth, height: img.naturalHeight }));
              img.addEventListener("error", () => this.triggerEvent("error", { errMsg: "GET " + img.src + " failed" }));
              this.$$.appendChild(img);
              this.img = img;
              this.syncImage();
            }
          },
          methods: {
            syncImage() {
              if (!this.img) return;
              if (this.data.src) this.img.src = this.data.src;
              else this.img.removeAttribute("src");
              this.img.style.objectFit = IMAGE_FIT[this.data.mode] || "fill";
              this.$$.classList.toggle("rc-width-fix", this.data.mode === "widthFix");
            }
          }
        });
        register("button", {
          properties: {
            type: { type: String, value: "default" },
            size: { type: String, value: "default" },
            plain: Boolean,
            disabled: Boolean,
            loading: Boolean,
            openType: { type: String, value: "" },
            formType: { type: String, value: "" },
            sessionFrom: { type: String, value: "" }
          },
          observers: {
            "type, size, plain, disabled, loading": function(type, size, plain2, disabled, loading) {
              const el = this.$$;
              el.setAttribute("data-type", type || "default");
              el.setAttribute("data-size", size || "default");
              el.toggleAttribute("data-plain", !!plain2);
              el.toggleAttribute("data-disabled", !!disabled);
              el.toggleAttribute("data-loading", !!loading);
            }
          },
          lifetimes: {
            attached() {
              this.$$.setAttribute("role", "button");
              this.$$.addEventListener("click", () => {
                if (this.data.disabled) return;
                const openType = this.data.openType;
                if (openType && hooks.openType) hooks.openType(openType, this);
                const formType = this.data.formType;
                if (formType === "submit" || formType === "reset") {
                  const form = this.$$.closest("wx-form");
                  if (form && form.rcForm) form.rcForm.rcSubmit(formType);
                }
              });
            }
          }
        });
        register("navigator", {
          properties: { url: String, openType: { type: String, value: "navigate" }, delta: { type: Number, value: 1 } },
          lifetimes: {
            attached() {
              this.$$.addEventListener("click", () => hooks.navigator && hooks.navigator(this.data));
            }
          }
        });
        register("switch", {
          properties: { checked: Boolean, disabled: Boolean, color: String },
          observers: {
            checked(value) {
              this.$$.toggleAttribute("data-checked", !!value);
            }
          },
          lifetimes: {
            attached() {
              this.$$.addEventListener("click", () => {
                if (this.data.disabled) return;
                this.setData({ checked: !this.data.checked });
                this.triggerEvent("change", { value: this.data.checked });
              });
            }
          }
        });
        register("rich-text", {
          properties: { nodes: { type: null, value: "" } },
          observers: {
            nodes(value) {
              const box = this.box || (this.box = this.$$.appendChild(document.createElement("div")));
              box.innerHTML = "";
              if (typeof value !== "string") return;
              const doc = new DOMParser().parseFromString(value, "text/html");
              doc.querySelectorAll("script, style, iframe, object, embed").forEach((el) => el.remove());
              doc.querySelectorAll("*").forEach((el) => {
                for (const attr of Array.from(el.attributes)) if (/^on/i.test(attr.name)) el.removeAttribute(attr.name);
              });
              Array.from(doc.body.childNodes).forEach((node) => box.appendChild(document.importNode(node, true)));
            }
          }
        });
        register("picker", {
          properties: {
            mode: { type: String, value: "selector" },
            range: { type: null, value: [] },
            rangeKey: { type: String, value: "" },
            value: { type: null, value: 0 },
            start: String,
            end: String,
            disabled: Boolean
          },
          lifetimes: {
            attached() {
              this.$$.addEventListener("click", () => {
                if (this.data.disabled || !hooks.picker) return;
                hooks.picker(this.data).then((value) => {
                  if (value === null || value === void 0) this.triggerEvent("cancel", {});
                  else this.triggerEvent("change", { value });
                });
              });
            }
          }
        });
      }
      module.exports = { install, setHooks, names };
    }
  });

  // ../app/preview/runtime/styles.js
  var require_styles = __commonJS({
    "../app/preview/runtime/styles.js"(exports, module) {
      var builtins2 = require_builtins();
      var added = {};
      function builtinTagPattern() {
        if (!builtins2.names.length) throw new Error("builtins.install() places the built-in tags before any style sheet");
        return new RegExp("(^|[\\s>+~(,])(" + builtins2.names.join("|") + ")(?=$|[\\s.#:[>+~),])", "g");
      }
      function asElement(whole, before, name) {
        return before + "wx-" + name;
      }
      function rewrite(cssText, map) {
        const probe = document.implementation.createHTMLDocument("");
        const style = probe.createElement("style");
        style.textContent = cssText;
        probe.head.appendChild(style);
        const out = [];
        const tags = builtinTagPattern();
        const walk = (rules, into) => {
          for (const rule of Array.from(rules)) {
            if (rule.type === 1) {
              const selectors = splitSelectors(rule.selectorText).map((one) => map(one.replace(tags, asElement))).join(", ");
              into.push(selectors + " {" + rule.style.cssText + "}");
            } else if (rule.type === 4 || rule.type === 12) {
              const inner = [];
              walk(rule.cssRules, inner);
              const head = rule.type === 4 ? "@media " + rule.media.mediaText : "@supports " + rule.conditionText;
              into.push(head + " {" + inner.join("\n") + "}");
            } else {
              into.push(rule.cssText);
            }
          }
        };
        walk(style.sheet.cssRules, out);
        return out.join("\n");
      }
      function splitSelectors(text) {
        const parts = [];
        let depth = 0;
        let start = 0;
        for (let i = 0; i < text.length; i++) {
          const ch = text[i];
          if (ch === "(" || ch === "[") depth++;
          else if (ch === ")" || ch === "]") depth--;
          else if (ch === "," && depth === 0) {
            parts.push(text.slice(start, i).trim());
            start = i + 1;
          }
        }
        parts.push(text.slice(start).trim());
        return parts.filter(Boolean);
      }
      function pageScoped(route) {
        const scope = '.rc-page[data-route="' + route + '"]';
        return (selector) => {
          if (/^page\b/.test(selector)) return scope + selector.slice(4);
          return scope + " " + selector;
        };
      }
      function insert(key, css) {
        if (added[key] || !css.trim()) return;
        added[key] = true;
        const style = document.createElement("style");
        style.dataset.source = key;
        style.textContent = css;
        document.head.appendChild(style);
      }
      function add(path, tagName, css) {
        if (!css) return;
        if (path.startsWith("/pages/")) {
          insert(path, rewrite(css, pageScoped(path.slice(1))));
        } else {
          const host = tagName || "rc-host";
          insert(path, rewrite(css, (selector) => selector.replace(/:host/g, host)));
        }
      }
      function addApp(css) {
        insert("/app.wxss", rewrite(css, (selector) => selector.replace(/^page\b/, ".rc-page")));
      }
      module.exports = { add, addApp, rewrite, splitSelectors };
    }
  });

  // ../app/preview/runtime/loader.js
  var require_loader = __commonJS({
    "../app/preview/runtime/loader.js"(exports, module) {
      var jComponent = require_j_component();
      var styles2 = require_styles();
      var files = () => window.__RC_PREVIEW__.files;
      function dirname(path) {
        return path.slice(0, path.lastIndexOf("/")) || "/";
      }
      function normalize(path) {
        const out = [];
        for (const part of path.split("/")) {
          if (!part || part === ".") continue;
          if (part === "..") out.pop();
          else out.push(part);
        }
        return "/" + out.join("/");
      }
      function join(from, relative) {
        return relative.startsWith("/") ? normalize(relative) : normalize(dirname(from) + "/" + relative);
      }
      function resolveModule(from, relative) {
        const base = join(from, relative);
        for (const candidate of [base, base + ".js", base + ".json", base + "/index.js"]) {
          if (files()[candidate] !== void 0) return candidate;
        }
        throw new Error('Cannot find module "' + relative + '" from ' + from);
      }
      var globals = {};
      function setGlobals(values) {
        globals = values;
      }
      var modules = {};
      function requireModule(path) {
        if (modules[path]) return modules[path].exports;
        const mod = { exports: {} };
        modules[path] = mod;
        const source = files()[path];
        if (path.endsWith(".json")) {
          mod.exports = JSON.parse(source);
          return mod.exports;
        }
        const names = Object.keys(globals);
        const run = new Function("require", "module", "exports", ...names, source + "\n//# sourceURL=preview:/" + path);
        run((relative) => requireModule(resolveModule(path, relative)), mod, mod.exports, ...names.map((n) => globals[n]));
        return mod.exports;
      }
      var wxsModules = {};
      function wxsConstructor(value) {
        if (value === null || value === void 0) return void 0;
        if (Array.isArray(value)) return "Array";
        return Object.prototype.toString.call(value).slice(8, -1);
      }
      function requireWxs(path) {
        if (wxsModules[path]) return wxsModules[path].exports;
        const mod = { exports: {} };
        wxsModules[path] = mod;
        const source = files()[path];
        if (source === void 0) throw new Error("WXS module not found: " + path);
        const getRegExp = (pattern, flags) => new RegExp(pattern, flags);
        const getDate = (...args) => new (Function.prototype.bind.apply(Date, [null, ...args]))();
        const run = new Function(
          "require",
          "module",
          "exports",
          "getRegExp",
          "getDate",
          "__wxsConstructor",
          source + "\n//# sourceURL=preview:/" + path
        );
        run((relative) => requireWxs(join(path, relative)), mod, mod.exports, getRegExp, getDate, wxsConstructor);
        return mod.exports;
      }
      var ids = {};
      var seed = 0;
      function idFor(path) {
        if (!ids[path]) {
          seed += 1;
          ids[path] = "rc" + String(seed).split("").map((d) => "abcdefghij"[+d]).join("");
        }
        return ids[path];
      }
      var registered = {};
      var loading = null;
      function Component(options) {
        const current = loading;
        if (!current) throw new Error("Component() called outside a component file");
        const definition = Object.assign({
          id: current.id,
          path: current.path,
          template: current.wxml,
          usingComponents: current.using,
          tagName: current.tagName
        }, options);
        definition.options = Object.assign({}, definition.options || {}, { classPrefix: "" });
        if (definition.relations) {
          for (const key of Object.keys(definition.relations)) {
            const value = definition.relations[key];
            const id = idFor(join(current.path, key));
            value.target = id;
            definition.relations[id] = value;
            delete definition.relations[key];
          }
        }
        current.done = true;
        jComponent.register(definition);
      }
      function Behavior(definition) {
        return jComponent.behavior(definition);
      }
      function ensureComponent(path, tagName, extraUsing) {
        if (registered[path]) return registered[path];
        const jsonText = files()[path + ".json"];
        if (jsonText === void 0) throw new Error("No component at " + path + " (missing " + path + ".json)");
        const json = JSON.parse(jsonText);
        const id = idFor(path);
        registered[path] = id;
        const using = {};
        const wanted = Object.assign({}, extraUsing || {}, json.usingComponents || {});
        for (const name of Object.keys(wanted)) {
          const target = wanted[name].startsWith("/") ? normalize(wanted[name]) : join(path, wanted[name]);
          using[name] = ensureComponent(target, name);
        }
        styles2.add(path, tagName, files()[path + ".wxss"] || "");
        const previous = loading;
        loading = { id, path, tagName, wxml: files()[path + ".wxml"] || "", using, json, done: false };
        try {
          requireModule(path + ".js");
          if (!loading.done) throw new Error(path + ".js did not call Component()");
        } finally {
          loading = previous;
        }
        return id;
      }
      function pageJson(route) {
        return JSON.parse(files()["/" + route + ".json"] || "{}");
      }
      module.exports = {
        requireModule,
        requireWxs,
        ensureComponent,
        Component,
        Behavior,
        setGlobals,
        pageJson,
        normalize,
        files
      };
    }
  });

  // ../app/preview/runtime/ui.js
  var require_ui = __commonJS({
    "../app/preview/runtime/ui.js"(exports, module) {
      function frame() {
        return document.getElementById("rc-phone");
      }
      function el(tag, className, text) {
        const node = document.createElement(tag);
        if (className) node.className = className;
        if (text !== void 0) node.textContent = text;
        return node;
      }
      var toastTimer = null;
      function toast({ title, icon, duration, mask }) {
        hideToast();
        const box = el("div", "rc-toast" + (icon && icon !== "none" ? " rc-toast--icon" : ""));
        box.id = "rc-toast";
        if (icon && icon !== "none") box.appendChild(el("div", "rc-toast__icon rc-toast__icon--" + icon, icon === "error" ? "\u2715" : icon === "loading" ? "\u2026" : "\u2713"));
        box.appendChild(el("div", "rc-toast__title", title || ""));
        if (mask) box.classList.add("rc-toast--mask");
        frame().appendChild(box);
        if (duration !== Infinity) toastTimer = setTimeout(hideToast, duration || 1500);
      }
      function hideToast() {
        if (toastTimer) clearTimeout(toastTimer);
        toastTimer = null;
        const old = document.getElementById("rc-toast");
        if (old) old.remove();
      }
      function modal({ title, content, showCancel, cancelText, confirmText, editable, placeholderText }) {
        return new Promise((resolve) => {
          const mask = el("div", "rc-mask");
          const box = el("div", "rc-modal");
          box.setAttribute("role", "dialog");
          if (title) box.appendChild(el("div", "rc-modal__title", title));
          if (content) box.appendChild(el("div", "rc-modal__content", content));
          let input = null;
          if (editable) {
            input = el("input", "rc-modal__input");
            input.placeholder = placeholderText || "";
            box.appendChild(input);
          }
          const buttons = el("div", "rc-modal__buttons");
          const close = (confirm) => {
            mask.remove();
            resolve({ confirm, cancel: !confirm, content: input ? input.value : void 0 });
          };
          if (showCancel !== false) {
            const cancel = el("button", "rc-modal__button rc-modal__cancel", cancelText || "\u53D6\u6D88");
            cancel.addEventListener("click", () => close(false));
            buttons.appendChild(cancel);
          }
          const ok = el("button", "rc-modal__button rc-modal__confirm", confirmText || "\u786E\u5B9A");
          ok.addEventListener("click", () => close(true));
          buttons.appendChild(ok);
          box.appendChild(buttons);
          mask.appendChild(box);
          frame().appendChild(mask);
        });
      }
      function actionSheet({ alertText, itemList }) {
        return new Promise((resolve) => {
          const mask = el("div", "rc-mask rc-mask--bottom");
          const box = el("div", "rc-sheet");
          box.setAttribute("role", "menu");
          if (alertText) box.appendChild(el("div", "rc-sheet__alert", alertText));
          const close = (index) => {
            mask.remove();
            resolve(index);
          };
          itemList.forEach((item, index) => {
            const row = el("button", "rc-sheet__item", item);
            row.setAttribute("role", "menuitem");
            row.addEventListener("click", () => close(index));
            box.appendChild(row);
          });
          const cancel = el("button", "rc-sheet__item rc-sheet__cancel", "\u53D6\u6D88");
          cancel.addEventListener("click", () => close(-1));
          box.appendChild(cancel);
          mask.addEventListener("click", (event) => {
            if (event.target === mask) close(-1);
          });
          mask.appendChild(box);
          frame().appendChild(mask);
        });
      }
      function sheet(className, build) {
        return new Promise((resolve) => {
          const mask = el("div", "rc-mask rc-mask--bottom");
          const box = el("div", "rc-sheet " + className);
          const close = (value) => {
            mask.remove();
            resolve(value);
          };
          build(box, close, el);
          mask.appendChild(box);
          frame().appendChild(mask);
        });
      }
      function notice(text) {
        const list = document.getElementById("rc-notices");
        const item = el("li", "rc-notice", text);
        list.appendChild(item);
        console.warn("[preview] " + text);
        setTimeout(() => item.remove(), 12e3);
      }
      module.exports = { toast, hideToast, modal, actionSheet, sheet, notice, el };
    }
  });

  // ../app/preview/runtime/wx.js
  var require_wx = __commonJS({
    "../app/preview/runtime/wx.js"(exports, module) {
      var ui2 = require_ui();
      var SDK_VERSION = "3.3.4";
      function settings() {
        return window.__RC_PREVIEW__;
      }
      function storagePrefix() {
        return "rc-preview:" + settings().storageKey + ":";
      }
      function getStorageSync(key) {
        const raw = window.localStorage.getItem(storagePrefix() + key);
        if (raw === null) return "";
        try {
          return JSON.parse(raw);
        } catch (err) {
          return raw;
        }
      }
      function storageChanged(key) {
        window.dispatchEvent(new CustomEvent("rc-storage", { detail: { key } }));
      }
      function setStorageSync(key, value) {
        window.localStorage.setItem(storagePrefix() + key, JSON.stringify(value));
        storageChanged(key);
      }
      function removeStorageSync(key) {
        window.localStorage.removeItem(storagePrefix() + key);
        storageChanged(key);
      }
      function storageKeys() {
        const prefix = storagePrefix();
        const keys = [];
        for (let i = 0; i < window.localStorage.length; i++) {
          const key = window.localStorage.key(i);
          if (key.startsWith(prefix)) keys.push(key.slice(prefix.length));
        }
        return keys;
      }
      var PRIVACY_REFUSED = "privacy permission is not authorized";
      var privacy = { listener: null, tapped: /* @__PURE__ */ new Set() };
      function privacyKey() {
        return "rc-preview-privacy:" + settings().storageKey;
      }
      function privacyAgreed() {
        return window.localStorage.getItem(privacyKey()) === "agreed";
      }
      function agreeButtonTapped(id) {
        privacy.tapped.add(String(id || ""));
      }
      function privacyGate(referrer, go, refuse) {
        if (privacyAgreed()) return go();
        const agree = () => {
          window.localStorage.setItem(privacyKey(), "agreed");
          go();
        };
        if (!privacy.listener) {
          return ui2.modal({ title: "\u9690\u79C1\u4FDD\u62A4\u6307\u5F15 Privacy guideline", content: "\u540C\u610F\u5C0F\u7A0B\u5E8F\u7684\u9690\u79C1\u4FDD\u62A4\u6307\u5F15\uFF1F Agree to the mini-program's privacy guideline?", cancelText: "\u62D2\u7EDD", confirmText: "\u540C\u610F" }).then((res) => res.confirm ? agree() : refuse(PRIVACY_REFUSED));
        }
        let answered = false;
        return privacy.listener((answer) => {
          if (answered || !answer || answer.event === "exposureAuthorization") return;
          answered = true;
          if (answer.event === "agree") {
            if (privacy.tapped.has(String(answer.buttonId || ""))) return agree();
            ui2.notice(`resolve({ event: 'agree' }): buttonId "` + answer.buttonId + '" \u4E0D\u662F\u7528\u6237\u70B9\u8FC7\u7684\u540C\u610F\u6309\u94AE / is no agree button the user tapped');
          }
          refuse(PRIVACY_REFUSED);
        }, { referrer });
      }
      function privacyApi(name, run) {
        return (options) => privacyGate(name, () => run(options), (reason) => {
          const res = { errMsg: name + ":fail " + reason, errno: 104 };
          if (options && options.fail) options.fail(res);
          if (options && options.complete) options.complete(res);
        });
      }
      function done(options, name, result) {
        const res = Object.assign({ errMsg: name + ":ok" }, result);
        if (options && options.success) options.success(res);
        if (options && options.complete) options.complete(res);
        return res;
      }
      function failed(options, name, reason) {
        const res = { errMsg: name + ":fail " + reason };
        if (options && options.fail) options.fail(res);
        if (options && options.complete) options.complete(res);
        return res;
      }
      function toastWidth(text) {
        let width = 0;
        for (const ch of String(text || "")) width += /[\x00-\xff]/.test(ch) ? 0.5 : 1;
        return width;
      }
      function absolute(url) {
        return new URL(url, window.location.origin).toString();
      }
      function parseBody(text, dataType) {
        if (dataType === "json" || dataType === void 0) {
          try {
            return JSON.parse(text);
          } catch (err) {
            return text;
          }
        }
        return text;
      }
      function request(options) {
        const method = (options.method || "GET").toUpperCase();
        let url = absolute(options.url);
        const headers = Object.assign({}, options.header || {});
        let body;
        if (method === "GET" && options.data && typeof options.data === "object") {
          const u = new URL(url);
          Object.keys(options.data).forEach((k) => u.searchParams.set(k, options.data[k]));
          url = u.toString();
        } else if (options.data !== void 0 && options.data !== null) {
          body = typeof options.data === "string" ? options.data : JSON.stringify(options.data);
          if (!Object.keys(headers).some((k) => k.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
        }
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), options.timeout || 6e4);
        fetch(url, { method, headers, body, signal: controller.signal }).then(async (res) => {
          clearTimeout(timer);
          const text = await res.text();
          const header = {};
          res.headers.forEach((value, key) => header[key] = value);
          const data = parseBody(text, options.dataType);
          rememberContract(data);
          done(options, "request", { statusCode: res.status, data, header });
        }).catch((err) => {
          clearTimeout(timer);
          failed(options, "request", err && err.name === "AbortError" ? "timeout" : String(err && err.message));
        });
        return { abort: () => controller.abort() };
      }
      function uploadFile(options) {
        fetch(options.filePath).then((res) => res.blob()).then((blob) => {
          const form = new FormData();
          Object.keys(options.formData || {}).forEach((k) => form.append(k, options.formData[k]));
          form.append(options.name, blob, fileNames[options.filePath] || "upload");
          return fetch(absolute(options.url), { method: "POST", headers: options.header || {}, body: form });
        }).then(async (res) => done(options, "uploadFile", { statusCode: res.status, data: await res.text() })).catch((err) => failed(options, "uploadFile", String(err && err.message)));
      }
      var fileNames = {};
      function pickFiles(accept, multiple) {
        return new Promise((resolve) => {
          const input = document.createElement("input");
          input.type = "file";
          input.accept = accept || "";
          input.multiple = !!multiple;
          input.style.display = "none";
          input.id = "rc-file-input";
          input.addEventListener("change", () => {
            const files = Array.from(input.files || []);
            input.remove();
            resolve(files);
          });
          input.addEventListener("cancel", () => {
            input.remove();
            resolve([]);
          });
          document.body.appendChild(input);
          input.click();
        });
      }
      function tempFile(file) {
        const url = URL.createObjectURL(file);
        fileNames[url] = file.name;
        return url;
      }
      function chooseMedia(options) {
        const accept = (options.mediaType || ["image"]).map((t) => t === "video" ? "video/*" : "image/*").join(",");
        pickFiles(accept, (options.count || 9) > 1).then((files) => {
          if (!files.length) return failed(options, "chooseMedia", "cancel");
          const tempFiles = files.slice(0, options.count || 9).map((file) => ({
            tempFilePath: tempFile(file),
            size: file.size,
            fileType: file.type.startsWith("video") ? "video" : "image"
          }));
          return done(options, "chooseMedia", { tempFiles, type: tempFiles[0].fileType });
        });
      }
      function pickAvatar() {
        return pickFiles("image/*", false).then((files) => files.length ? tempFile(files[0]) : "");
      }
      function chooseMessageFile(options) {
        const accept = (options.extension || []).map((ext) => "." + String(ext).replace(/^\./, "")).join(",");
        pickFiles(accept, (options.count || 1) > 1).then((files) => {
          if (!files.length) return failed(options, "chooseMessageFile", "cancel");
          const tempFiles = files.map((file) => ({ path: tempFile(file), size: file.size, name: file.name, type: "file" }));
          return done(options, "chooseMessageFile", { tempFiles });
        });
      }
      function downloadFile(options) {
        fetch(absolute(options.url), { headers: options.header || {} }).then(async (res) => {
          const blob = await res.blob();
          const typed = new Blob([blob], { type: res.headers.get("Content-Type") || blob.type });
          return done(options, "downloadFile", { tempFilePath: URL.createObjectURL(typed), statusCode: res.status });
        }).catch((err) => failed(options, "downloadFile", String(err && err.message)));
        return { abort: () => null, onProgressUpdate: () => null };
      }
      function openDocument(options) {
        const opened = window.open(options.filePath, "_blank");
        if (opened) return done(options, "openDocument", {});
        ui2.sheet("rc-document", (box, close, el) => {
          box.appendChild(el("div", "rc-sheet__alert", "\u6D4F\u89C8\u5668\u62E6\u622A\u4E86\u65B0\u6807\u7B7E\u9875 / the browser blocked the new tab"));
          const link = el("a", "rc-sheet__item rc-document__open", "\u6253\u5F00\u6587\u4EF6 Open the file");
          link.href = options.filePath;
          link.target = "_blank";
          link.addEventListener("click", () => close(true));
          box.appendChild(link);
          const cancel = el("button", "rc-sheet__item rc-sheet__cancel", "\u53D6\u6D88");
          cancel.addEventListener("click", () => close(false));
          box.appendChild(cancel);
        }).then((ok) => ok ? done(options, "openDocument", {}) : failed(options, "openDocument", "cancel"));
        return void 0;
      }
      function makePhoneCall(options) {
        const number = String(options.phoneNumber || "");
        ui2.modal({
          title: "\u62E8\u6253\u7535\u8BDD Call",
          content: number + "\n\u9884\u89C8\u4E2D\u4E0D\u80FD\u62E8\u53F7\uFF0C\u8BF7\u7528\u624B\u673A\u62E8\u6253\u3002 The preview cannot dial: call it from a phone.",
          showCancel: false,
          confirmText: "\u597D\u7684"
        }).then(() => done(options, "makePhoneCall", {}));
      }
      async function pickSandboxUser(title) {
        const names = settings().sandboxUsers;
        const index = await ui2.actionSheet({ alertText: title, itemList: names });
        return index < 0 ? null : names[index];
      }
      async function postJson(path, body) {
        const res = await fetch(absolute(path), {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body)
        });
        return { statusCode: res.status, data: parseBody(await res.text(), "json") };
      }
      async function currentOpenid() {
        const token = getStorageSync("rc_token");
        if (!token) return null;
        const res = await fetch(absolute("/api/v1/me"), { headers: { Authorization: "Bearer " + token } });
        if (res.status !== 200) return null;
        return (await res.json()).openid || null;
      }
      function requestSubscribeMessage(options) {
        const ids = options.tmplIds || [];
        ui2.modal({ title: "\u8BA2\u9605\u6D88\u606F Subscribe", content: "\u5141\u8BB8\u53D1\u9001\u7406\u8D54\u8FDB\u5EA6\u901A\u77E5\uFF1F Allow progress messages?", cancelText: "\u62D2\u7EDD", confirmText: "\u5141\u8BB8" }).then(async (res) => {
          const answer = {};
          ids.forEach((id) => answer[id] = res.confirm ? "accept" : "reject");
          const openid = res.confirm ? await currentOpenid() : null;
          if (openid) {
            const played = await postJson("/sandbox/wechat/subscribe/accept", { openid, template_ids: ids });
            if (played.statusCode !== 200) return failed(options, "requestSubscribeMessage", JSON.stringify(played.data));
          }
          return done(options, "requestSubscribeMessage", answer);
        });
      }
      function getWeRunData(options) {
        ui2.modal({ title: "\u5FAE\u4FE1\u8FD0\u52A8\uFF08\u6C99\u7BB1\uFF09 WeRun", content: "\u4ECA\u5929\u7684\u6B65\u6570 Steps today", editable: true, placeholderText: "12000" }).then(async (res) => {
          if (!res.confirm) return failed(options, "getWeRunData", "auth deny");
          const openid = await currentOpenid();
          if (!openid) return failed(options, "getWeRunData", "not logged in");
          const steps = parseInt(res.content || "12000", 10) || 0;
          const data = await postJson("/sandbox/wechat/werun", { openid, steps });
          if (data.statusCode !== 200) return failed(options, "getWeRunData", JSON.stringify(data.data));
          return done(options, "getWeRunData", { encryptedData: data.data.encrypted_data, iv: data.data.iv });
        });
      }
      function payAmount(options) {
        return options && options.amountText || "";
      }
      function requestPayment(options) {
        const match = /prepay_id=([^&]+)/.exec(options.package || "");
        if (!match) return failed(options, "requestPayment", "no prepay_id in package");
        ui2.sheet("rc-pay", (box, close, el) => {
          box.appendChild(el("div", "rc-pay__title", "\u5FAE\u4FE1\u652F\u4ED8\uFF08\u6C99\u7BB1\uFF09 WeChat Pay (sandbox)"));
          box.appendChild(el("div", "rc-pay__amount", payAmount(options)));
          const pay = el("button", "rc-pay__confirm", "\u786E\u8BA4\u652F\u4ED8");
          pay.addEventListener("click", () => close(true));
          const cancel = el("button", "rc-pay__cancel", "\u53D6\u6D88");
          cancel.addEventListener("click", () => close(false));
          box.appendChild(pay);
          box.appendChild(cancel);
        }).then(async (confirmed) => {
          if (!confirmed) return failed(options, "requestPayment", "cancel");
          const res = await postJson("/sandbox/wechat/pay/confirm", { prepay_id: match[1] });
          if (res.statusCode !== 200) return failed(options, "requestPayment", JSON.stringify(res.data));
          return done(options, "requestPayment", {});
        });
      }
      var presigns = {};
      function rememberContract(data) {
        const contract = data && typeof data === "object" && data.contract;
        if (contract && contract.pre_entrustweb_id) presigns[contract.pre_entrustweb_id] = data;
      }
      function yuan(fen) {
        return "\xA5" + (Math.floor(fen / 100) + "." + String(fen % 100).padStart(2, "0"));
      }
      function chargeLines(order) {
        if (!order || typeof order.amount_fen !== "number") return ["\u91D1\u989D\u4EE5\u4FDD\u9669\u516C\u53F8\u7B7E\u7EA6\u9875\u4E3A\u51C6 / the amount as the insurer set it"];
        const lines = ["\u9996\u671F\u652F\u4ED8 " + yuan(order.amount_fen) + " / first month " + yuan(order.amount_fen)];
        lines.push("\u4E4B\u540E\u6BCF\u6708\u81EA\u52A8\u6263\u8D39 " + yuan(order.amount_fen) + "\uFF0C\u6263\u8D39\u524D\u5FAE\u4FE1\u4F1A\u901A\u77E5\u4F60\uFF0C\u53EF\u968F\u65F6\u89E3\u7EA6 / then " + yuan(order.amount_fen) + " a month, announced before each charge, cancel any time");
        const name = [order.product_name, order.plan_name].filter(Boolean).join(" \xB7 ");
        if (name) lines.unshift(name);
        return lines;
      }
      function navigateToMiniProgram(options, shell2) {
        const presignId = options.extraData && options.extraData.pre_entrustweb_id;
        if (!presignId) {
          ui2.notice("\u9884\u89C8\u53EA\u80FD\u6253\u5F00\u5FAE\u4FE1\u7684\u7B7E\u7EA6\u9875 / the preview opens only WeChat's signing page (extraData.pre_entrustweb_id)");
          return failed(options, "navigateToMiniProgram", "not supported in the preview");
        }
        done(options, "navigateToMiniProgram", {});
        shell2.leaveApp();
        ui2.sheet("rc-sign", (box, close, el) => {
          box.appendChild(el("div", "rc-pay__title", "\u5FAE\u4FE1\u652F\u4ED8 \xB7 \u4FDD\u9669\u81EA\u52A8\u7EED\u8D39\u7B7E\u7EA6\uFF08\u6C99\u7BB1\uFF09 WeChat Pay auto-renewal (sandbox)"));
          chargeLines(presigns[presignId]).forEach((line) => box.appendChild(el("div", "rc-sign__line", line)));
          const error = el("div", "rc-sign__error");
          box.appendChild(error);
          const sign = el("button", "rc-pay__confirm rc-sign__confirm", "\u540C\u610F\u5E76\u7B7E\u7EA6");
          sign.addEventListener("click", async () => {
            sign.disabled = true;
            const res = await postJson("/sandbox/wechat/papay/confirm", { pre_entrustweb_id: presignId });
            sign.disabled = false;
            if (res.statusCode === 200) return close({ signed: res.data });
            error.textContent = res.data && res.data.error && res.data.error.message || String(res.statusCode);
            return void 0;
          });
          const back = el("button", "rc-pay__cancel rc-sign__cancel", "\u8FD4\u56DE Back");
          back.addEventListener("click", () => close(null));
          box.appendChild(sign);
          box.appendChild(back);
        }).then((result) => {
          const referrerInfo = { appId: options.appId };
          if (result && result.signed) {
            const { contract_id: contractId, contract_state: contractState } = result.signed;
            referrerInfo.extraData = { pre_entrustweb_id: presignId, contract_id: contractId, contract_state: contractState };
          }
          shell2.returnToApp(referrerInfo);
        });
        return void 0;
      }
      function systemInfo() {
        return {
          brand: "devtools",
          model: "Redcover preview",
          pixelRatio: 2,
          screenWidth: 375,
          screenHeight: 667,
          windowWidth: 375,
          windowHeight: 667 - 64,
          statusBarHeight: 20,
          language: appLanguage(),
          version: "8.0.50",
          system: "Browser",
          platform: "devtools",
          SDKVersion: SDK_VERSION,
          theme: "light",
          safeArea: { left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 }
        };
      }
      function appLanguage() {
        return (navigator.language || "zh-CN").replace("-", "_");
      }
      function create(shell2) {
        const api = {
          // storage
          getStorageSync,
          setStorageSync,
          removeStorageSync,
          clearStorageSync: () => storageKeys().forEach(removeStorageSync),
          getStorageInfoSync: () => ({ keys: storageKeys(), currentSize: 0, limitSize: 10240 }),
          getStorage: (o) => {
            const value = getStorageSync(o.key);
            return value === "" ? failed(o, "getStorage", "data not found") : done(o, "getStorage", { data: value });
          },
          setStorage: (o) => done(o, "setStorage", setStorageSync(o.key, o.data)),
          removeStorage: (o) => done(o, "removeStorage", removeStorageSync(o.key)),
          // network
          request,
          uploadFile,
          downloadFile,
          openDocument,
          makePhoneCall,
          chooseMedia: privacyApi("chooseMedia", chooseMedia),
          chooseImage: privacyApi("chooseImage", (o) => chooseMedia(Object.assign({}, o, {
            success: (res) => o.success && o.success({ tempFilePaths: res.tempFiles.map((f) => f.tempFilePath), tempFiles: res.tempFiles })
          }))),
          chooseMessageFile: privacyApi("chooseMessageFile", chooseMessageFile),
          previewImage: (o) => {
            window.open(o.current || (o.urls || [])[0], "_blank");
            return done(o, "previewImage", {});
          },
          // dialogs, with WeChat's limits
          showToast(o) {
            const icon = o.icon === void 0 ? "success" : o.icon;
            let title = String(o.title || "");
            if (icon !== "none" && toastWidth(title) > 7) {
              ui2.notice('wx.showToast: \u5E26\u56FE\u6807\u7684\u63D0\u793A\u6700\u591A 7 \u4E2A\u6C49\u5B57\u5BBD\uFF0C\u5FAE\u4FE1\u4F1A\u622A\u65AD / a toast with an icon holds 7 Chinese characters: "' + title + '"');
              let cut = "";
              for (const ch of title) if (toastWidth(cut + ch) <= 7) cut += ch;
              title = cut;
            }
            ui2.toast({ title, icon, duration: o.duration, mask: o.mask });
            return done(o, "showToast", {});
          },
          hideToast: (o) => done(o, "hideToast", ui2.hideToast()),
          showLoading: (o) => done(o, "showLoading", ui2.toast({ title: o.title, icon: "loading", duration: Infinity, mask: o.mask })),
          hideLoading: (o) => done(o, "hideLoading", ui2.hideToast()),
          showModal(o) {
            for (const key of ["confirmText", "cancelText"]) {
              if (o[key] !== void 0 && String(o[key]).length > 4) {
                ui2.notice("wx.showModal: " + key + ' \u6700\u591A 4 \u4E2A\u5B57\uFF0C\u5FAE\u4FE1\u4E0D\u663E\u793A\u6B64\u5BF9\u8BDD\u6846 / at most 4 characters: "' + o[key] + '"');
                return failed(o, "showModal", key + " length should not larger than 4 Chinese characters");
              }
            }
            ui2.modal(o).then((res) => done(o, "showModal", res));
          },
          showActionSheet(o) {
            if ((o.itemList || []).length > 6) {
              ui2.notice("wx.showActionSheet: \u6700\u591A 6 \u9879 / at most 6 items");
              return failed(o, "showActionSheet", "parameter error: itemList should not be large than 6");
            }
            ui2.actionSheet(o).then((index) => index < 0 ? failed(o, "showActionSheet", "cancel") : done(o, "showActionSheet", { tapIndex: index }));
          },
          // WeChat, played by the sandbox
          login(o) {
            pickSandboxUser("\u4EE5\u54EA\u4F4D\u6C99\u7BB1\u7528\u6237\u767B\u5F55\uFF1F Log in as which sandbox user?").then((name) => name ? done(o, "login", { code: "sandbox:" + name }) : failed(o, "login", "cancel"));
          },
          checkSession: (o) => done(o, "checkSession", {}),
          requestPayment,
          navigateToMiniProgram: (o) => navigateToMiniProgram(o, shell2),
          requestSubscribeMessage,
          getWeRunData: privacyApi("getWeRunData", getWeRunData),
          // privacy consent
          onNeedPrivacyAuthorization: (listener) => {
            privacy.listener = listener;
          },
          getPrivacySetting: (o) => done(o, "getPrivacySetting", {
            needAuthorization: !privacyAgreed(),
            privacyContractName: "\u300ARedcover\u5C0F\u7A0B\u5E8F\u9690\u79C1\u4FDD\u62A4\u6307\u5F15\u300B"
          }),
          requirePrivacyAuthorize: privacyApi("requirePrivacyAuthorize", (o) => done(o, "requirePrivacyAuthorize", {})),
          /** WeChat's page of the guideline: here the server's privacy policy, in a new tab. */
          openPrivacyContract(o) {
            window.open(absolute("/privacy"), "_blank");
            return done(o, "openPrivacyContract", {});
          },
          getSetting: (o) => done(o, "getSetting", { authSetting: {} }),
          showShareMenu: (o) => done(o, "showShareMenu", {}),
          hideShareMenu: (o) => done(o, "hideShareMenu", {}),
          setClipboardData(o) {
            const write = navigator.clipboard ? navigator.clipboard.writeText(o.data) : Promise.resolve();
            write.catch(() => null).then(() => done(o, "setClipboardData", {}));
          },
          vibrateShort: (o) => done(o, "vibrateShort", {}),
          // navigation (shell.js)
          navigateTo: (o) => shell2.navigateTo(o),
          redirectTo: (o) => shell2.redirectTo(o),
          switchTab: (o) => shell2.switchTab(o),
          reLaunch: (o) => shell2.reLaunch(o),
          navigateBack: (o) => shell2.navigateBack(o || {}),
          setNavigationBarTitle: (o) => done(o, "setNavigationBarTitle", shell2.setTitle(o.title)),
          setTabBarItem: (o) => done(o, "setTabBarItem", shell2.setTabBarItem(o)),
          stopPullDownRefresh: (o) => done(o, "stopPullDownRefresh", shell2.stopPullDownRefresh()),
          startPullDownRefresh: (o) => done(o, "startPullDownRefresh", shell2.pullDownRefresh()),
          pageScrollTo: (o) => done(o, "pageScrollTo", shell2.scrollTo(o.scrollTop || 0)),
          getLaunchOptionsSync: () => shell2.launchOptions(),
          getEnterOptionsSync: () => shell2.launchOptions(),
          // the device
          getSystemInfoSync: systemInfo,
          getSystemInfo: (o) => done(o, "getSystemInfo", systemInfo()),
          getWindowInfo: systemInfo,
          getDeviceInfo: systemInfo,
          getAppBaseInfo: () => ({ language: appLanguage(), SDKVersion: SDK_VERSION, version: "8.0.50", theme: "light" }),
          // A mini-program in DevTools runs as the development version, with no version number.
          getAccountInfoSync: () => ({ miniProgram: { appId: "touristappid", envVersion: "develop", version: "" } }),
          getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 26, right: 368, bottom: 58, left: 281 }),
          nextTick: (fn) => setTimeout(fn, 0),
          createSelectorQuery: () => ({ in: (context) => context.createSelectorQuery() }),
          createAnimation: (defaults) => createAnimation(defaults),
          onAppShow: () => null,
          offAppShow: () => null,
          onAppHide: () => null,
          offAppHide: () => null,
          onNetworkStatusChange: () => null,
          getUpdateManager: () => ({ onCheckForUpdate: () => null, onUpdateReady: () => null, onUpdateFailed: () => null })
        };
        api.canIUse = (name) => String(name).split(".")[0] in api;
        return new Proxy(api, {
          get(target, key) {
            if (typeof key !== "string" || key in target) return target[key];
            return (options) => {
              ui2.notice("\u9884\u89C8\u4E0D\u652F\u6301 wx." + key + " / wx." + key + " is not supported in the preview");
              if (options && typeof options === "object") failed(options, key, "not supported in the preview");
              return void 0;
            };
          }
        });
      }
      var ANIMATED_STYLES = ["opacity", "backgroundColor", "width", "height", "left", "right", "top", "bottom"];
      var TRANSFORMS = [
        "rotate",
        "rotateX",
        "rotateY",
        "rotateZ",
        "scale",
        "scaleX",
        "scaleY",
        "translate",
        "translateX",
        "translateY",
        "skew",
        "skewX",
        "skewY",
        "matrix"
      ];
      function createAnimation(defaults) {
        const base = Object.assign(
          { duration: 400, timingFunction: "linear", delay: 0, transformOrigin: "50% 50% 0" },
          defaults || {}
        );
        const actions = [];
        let animates = [];
        const animation = {
          step(options) {
            const o = Object.assign({}, base, options || {});
            actions.push({ animates, option: { transition: {
              duration: o.duration,
              timingFunction: o.timingFunction,
              delay: o.delay
            }, transformOrigin: o.transformOrigin } });
            animates = [];
            return animation;
          },
          export() {
            const out = { actions: actions.splice(0) };
            return out;
          }
        };
        ANIMATED_STYLES.forEach((name) => {
          animation[name] = (value) => {
            animates.push({ type: "style", args: [name, typeof value === "number" ? value + "px" : value] });
            return animation;
          };
        });
        TRANSFORMS.forEach((name) => {
          animation[name] = (...args) => {
            animates.push({ type: name, args });
            return animation;
          };
        });
        return animation;
      }
      module.exports = {
        create,
        toastWidth,
        pickSandboxUser,
        postJson,
        done,
        failed,
        storage: { get: getStorageSync },
        privacy: { gate: privacyGate, agreeButtonTapped },
        pickAvatar
      };
    }
  });

  // ../app/preview/runtime/shell.js
  var require_shell = __commonJS({
    "../app/preview/runtime/shell.js"(exports, module) {
      var jComponent = require_j_component();
      var exparser2 = require_exparser_min();
      var loader2 = require_loader();
      var ui2 = require_ui();
      var wxApi = require_wx();
      var stack = [];
      var tabPages = {};
      var app = null;
      var appJson = null;
      var launch = null;
      function byId(id) {
        return document.getElementById(id);
      }
      function parseUrl(url, fromRoute) {
        const [pathPart, queryPart] = String(url).split("?");
        let route = pathPart.startsWith("/") ? loader2.normalize(pathPart) : loader2.normalize("/" + fromRoute + "/../" + pathPart);
        route = route.slice(1);
        const query = {};
        for (const pair of (queryPart || "").split("&").filter(Boolean)) {
          const index = pair.indexOf("=");
          const key = index < 0 ? pair : pair.slice(0, index);
          query[decodeURIComponent(key)] = decodeURIComponent(index < 0 ? "" : pair.slice(index + 1));
        }
        return { route, query };
      }
      function tabList() {
        return appJson.tabBar && appJson.tabBar.list || [];
      }
      function isTab(route) {
        return tabList().some((item) => item.pagePath === route);
      }
      function top() {
        return stack[stack.length - 1];
      }
      function call(entry, name, ...args) {
        const method = entry && entry.instance && entry.instance[name];
        if (typeof method !== "function") return void 0;
        try {
          const result = method.apply(entry.instance, args);
          if (result && typeof result.catch === "function") result.catch((err) => console.error(err));
          return result;
        } catch (err) {
          console.error(err);
          return void 0;
        }
      }
      function createPage(route, query) {
        if (loader2.files()["/" + route + ".json"] === void 0) throw new Error("no page " + route);
        const id = loader2.ensureComponent("/" + route, "rc-page-" + route.split("/").join("-"), appJson.usingComponents);
        const json = loader2.pageJson(route);
        const box = document.createElement("div");
        box.className = "rc-page";
        box.dataset.route = route;
        byId("rc-pages").appendChild(box);
        const component = jComponent.create(id);
        component.attach(box);
        const instance = component.instance;
        instance.route = route;
        instance.options = query;
        const entry = { route, query, component, instance, box, json, title: json.navigationBarTitleText || null };
        return entry;
      }
      function open(entry) {
        call(entry, "onLoad", entry.query);
        call(entry, "onShow");
        render();
        call(entry, "onReady");
      }
      function unload(entry) {
        call(entry, "onUnload");
        if (tabPages[entry.route] === entry) delete tabPages[entry.route];
        entry.component.detach();
        entry.box.remove();
      }
      function hide(entry) {
        if (entry) call(entry, "onHide");
      }
      function render() {
        const current = top();
        for (const entry of Object.values(tabPages).concat(stack)) entry.box.hidden = entry !== current;
        const title = current && current.title || appJson.window && appJson.window.navigationBarTitleText || "";
        byId("rc-title").textContent = title;
        byId("rc-back").hidden = stack.length < 2;
        byId("rc-refresh").hidden = !(current && current.json.enablePullDownRefresh);
        byId("rc-share").hidden = !(current && typeof current.instance.onShareAppMessage === "function");
        const tabBar = byId("rc-tabbar");
        tabBar.hidden = !(current && isTab(current.route));
        tabBar.querySelectorAll(".rc-tab").forEach((tab) => {
          tab.classList.toggle("rc-tab--selected", !!current && tab.dataset.route === current.route);
        });
        const url = new URL(window.location.href);
        if (current) {
          url.searchParams.set("page", current.route);
          window.history.replaceState(null, "", url.toString());
        }
      }
      function finish(options, name) {
        wxApi.done(options, name, {});
      }
      function navigateTo(options) {
        const { route, query } = parseUrl(options.url, top() ? top().route : "");
        if (isTab(route)) return wxApi.failed(options, "navigateTo", "can not navigateTo a tabbar page");
        if (stack.length >= 10) return wxApi.failed(options, "navigateTo", "webview count limit exceed");
        hide(top());
        const entry = createPage(route, query);
        stack.push(entry);
        open(entry);
        return finish(options, "navigateTo");
      }
      function redirectTo(options) {
        const { route, query } = parseUrl(options.url, top() ? top().route : "");
        if (isTab(route)) return wxApi.failed(options, "redirectTo", "can not redirectTo a tabbar page");
        const old = stack.pop();
        if (old && !isTab(old.route)) unload(old);
        else hide(old);
        const entry = createPage(route, query);
        stack.push(entry);
        open(entry);
        return finish(options, "redirectTo");
      }
      function switchTab(options) {
        const { route } = parseUrl(options.url, top() ? top().route : "");
        if (!isTab(route)) return wxApi.failed(options, "switchTab", "can not switch to no-tabBar page");
        const current = top();
        if (current && current.route === route && stack.length === 1) return finish(options, "switchTab");
        while (stack.length) {
          const entry = stack.pop();
          if (tabPages[entry.route] === entry) hide(entry);
          else unload(entry);
        }
        if (tabPages[route]) {
          stack.push(tabPages[route]);
          call(tabPages[route], "onShow");
          render();
        } else {
          const entry = createPage(route, {});
          tabPages[route] = entry;
          stack.push(entry);
          open(entry);
        }
        return finish(options, "switchTab");
      }
      function reLaunch(options) {
        const { route, query } = parseUrl(options.url, top() ? top().route : "");
        while (stack.length) unload(stack.pop());
        Object.values(tabPages).forEach(unload);
        const entry = createPage(route, query);
        if (isTab(route)) tabPages[route] = entry;
        stack.push(entry);
        open(entry);
        return finish(options, "reLaunch");
      }
      function navigateBack(options) {
        if (stack.length < 2) return wxApi.failed(options, "navigateBack", "cannot navigate back at first page");
        const delta = Math.max(1, Math.min(options.delta || 1, stack.length - 1));
        for (let i = 0; i < delta; i++) {
          const entry = stack.pop();
          if (tabPages[entry.route] === entry) hide(entry);
          else unload(entry);
        }
        call(top(), "onShow");
        render();
        return finish(options, "navigateBack");
      }
      function setTitle(title) {
        if (top()) top().title = title;
        render();
      }
      function setTabBarItem({ index, text }) {
        const tab = byId("rc-tabbar").querySelectorAll(".rc-tab")[index];
        if (tab && text !== void 0) tab.textContent = text;
      }
      function pullDownRefresh() {
        const current = top();
        if (!current) return;
        byId("rc-pages").classList.add("rc-refreshing");
        call(current, "onPullDownRefresh");
      }
      function stopPullDownRefresh() {
        byId("rc-pages").classList.remove("rc-refreshing");
      }
      function scrollTo(y) {
        if (top()) top().box.scrollTop = y;
      }
      function launchOptions() {
        return launch;
      }
      function leaveApp() {
        hide(top());
        if (app && typeof app.onHide === "function") app.onHide();
      }
      function returnToApp(referrerInfo) {
        const current = top();
        const options = {
          path: current ? current.route : launch.path,
          query: current ? current.query : {},
          scene: 1038,
          referrerInfo
        };
        launch = Object.assign({}, launch, { scene: 1038, referrerInfo });
        if (app && typeof app.onShow === "function") {
          try {
            app.onShow(options);
          } catch (err) {
            console.error(err);
          }
        }
        call(current, "onShow");
        render();
      }
      var SHARE_PROMISE_WAIT_MS = 3e3;
      function shareCard(content) {
        if (!content.promise || typeof content.promise.then !== "function") return Promise.resolve(content);
        let timer;
        const late = new Promise((resolve) => {
          timer = setTimeout(() => resolve(content), SHARE_PROMISE_WAIT_MS);
        });
        const settled = Promise.resolve(content.promise).then(
          (card) => Object.assign({}, content, card || {}),
          () => content
        );
        return Promise.race([settled, late]).then((card) => {
          clearTimeout(timer);
          return card;
        });
      }
      async function share() {
        const current = top();
        if (!current) return;
        const content = await shareCard(call(current, "onShareAppMessage", { from: "menu" }) || {});
        const path = content.path || "/" + current.route;
        const { route, query } = parseUrl(path, current.route);
        const link = new URL("/preview/", window.location.origin);
        link.searchParams.set("page", route);
        Object.keys(query).forEach((key) => link.searchParams.set(key, query[key]));
        ui2.sheet("rc-share-sheet", (box, close, el) => {
          box.appendChild(el("div", "rc-share__title", content.title || ""));
          const input = el("input", "rc-share__link");
          input.readOnly = true;
          input.value = link.toString();
          box.appendChild(input);
          box.appendChild(el("div", "rc-share__hint", "\u5728\u53E6\u4E00\u4E2A\u6D4F\u89C8\u5668\uFF08\u6216 ?as=<\u7528\u6237\u540D>\uFF09\u6253\u5F00\u6B64\u94FE\u63A5 / open this link as another user"));
          const ok = el("button", "rc-sheet__item", "\u597D\u7684 OK");
          ok.addEventListener("click", () => close(link.toString()));
          box.appendChild(ok);
        });
      }
      async function getJson(path) {
        const token = wxApi.storage.get("rc_token");
        const res = await fetch(path, { headers: token ? { Authorization: "Bearer " + token } : {} });
        return res.status === 200 ? res.json() : null;
      }
      function hotlineLine(insurer) {
        return insurer && insurer.hotline ? insurer.name + " " + insurer.hotline : null;
      }
      async function contactHotlines(sessionFrom) {
        try {
          const policyNo = /^policy:(.+)$/.exec(sessionFrom);
          if (policyNo) {
            const policy = await getJson("/api/v1/policies/" + encodeURIComponent(policyNo[1]));
            const line = hotlineLine(policy && policy.insurer);
            if (line) return [line];
          }
          const help = await getJson("/api/v1/help");
          return (help && help.insurers || []).map(hotlineLine).filter(Boolean);
        } catch (err) {
          return [];
        }
      }
      function phoneNumber(type, button) {
        return ui2.modal({ title: "\u6C99\u7BB1\u624B\u673A\u53F7 Sandbox phone", editable: true, placeholderText: "13800138000" }).then((res) => {
          const event = type === "getPhoneNumber" ? "getphonenumber" : "getrealtimephonenumber";
          if (!res.confirm) return button.triggerEvent(event, { errMsg: "getPhoneNumber:fail user deny" });
          return button.triggerEvent(event, { errMsg: "getPhoneNumber:ok", code: "sandbox-phone:" + (res.content || "13800138000") });
        });
      }
      function openType(type, button) {
        if (type === "share") return share();
        if (type === "agreePrivacyAuthorization") {
          wxApi.privacy.agreeButtonTapped(button.id);
          return button.triggerEvent("agreeprivacyauthorization", {});
        }
        if (type === "getPhoneNumber" || type === "getRealtimePhoneNumber") {
          const event = type === "getPhoneNumber" ? "getphonenumber" : "getrealtimephonenumber";
          return wxApi.privacy.gate(
            "button." + type,
            () => phoneNumber(type, button),
            (reason) => button.triggerEvent(event, { errMsg: type + ":fail " + reason, errno: 104 })
          );
        }
        if (type === "chooseAvatar") {
          return wxApi.privacy.gate("button.chooseAvatar", () => wxApi.pickAvatar().then((avatarUrl) => {
            if (avatarUrl) button.triggerEvent("chooseavatar", { avatarUrl });
          }), () => null);
        }
        if (type === "contact") {
          return contactHotlines(button.data.sessionFrom || "").then((lines) => ui2.modal({
            title: "\u5BA2\u670D Customer service",
            content: [window.__RC_PREVIEW__.contactNotice].concat(lines).join("\n"),
            showCancel: false
          }));
        }
        return ui2.notice('\u9884\u89C8\u4E0D\u652F\u6301 open-type="' + type + '" / not supported in the preview');
      }
      function navigator2(data) {
        const options = { url: data.url, delta: data.delta };
        const kind = data.openType || "navigate";
        if (kind === "navigate") return navigateTo(options);
        if (kind === "redirect") return redirectTo(options);
        if (kind === "switchTab") return switchTab(options);
        if (kind === "reLaunch") return reLaunch(options);
        if (kind === "navigateBack") return navigateBack(options);
        return ui2.notice('\u9884\u89C8\u4E0D\u652F\u6301 navigator open-type="' + kind + '"');
      }
      function picker(data) {
        if (data.mode === "date" || data.mode === "time") {
          return ui2.sheet("rc-picker", (box, close, el) => {
            const input = el("input", "rc-picker__input");
            input.type = data.mode;
            if (data.start) input.min = data.start;
            if (data.end) input.max = data.end;
            input.value = data.value || "";
            box.appendChild(input);
            const ok = el("button", "rc-sheet__item", "\u786E\u5B9A");
            ok.addEventListener("click", () => close(input.value || null));
            const cancel = el("button", "rc-sheet__item rc-sheet__cancel", "\u53D6\u6D88");
            cancel.addEventListener("click", () => close(null));
            box.appendChild(ok);
            box.appendChild(cancel);
          });
        }
        if (data.mode === "selector" || !data.mode) {
          const labels = (data.range || []).map((item) => data.rangeKey && item && typeof item === "object" ? item[data.rangeKey] : item);
          return ui2.sheet("rc-picker", (box, close, el) => {
            labels.forEach((label, index) => {
              const row = el("button", "rc-sheet__item", String(label));
              row.addEventListener("click", () => close(index));
              box.appendChild(row);
            });
            const cancel = el("button", "rc-sheet__item rc-sheet__cancel", "\u53D6\u6D88");
            cancel.addEventListener("click", () => close(null));
            box.appendChild(cancel);
          });
        }
        ui2.notice('\u9884\u89C8\u4E0D\u652F\u6301 picker mode="' + data.mode + '"');
        return Promise.resolve(null);
      }
      function installTap() {
        byId("rc-pages").addEventListener("click", (event) => {
          let node = event.target;
          while (node && !node.__wxElement) node = node.parentNode;
          if (!node) return;
          const detail = { x: event.clientX, y: event.clientY };
          const touch = { clientX: event.clientX, clientY: event.clientY, pageX: event.pageX, pageY: event.pageY };
          exparser2.Event.dispatchEvent(node.__wxElement, exparser2.Event.create("tap", detail, {
            originalEvent: event,
            bubbles: true,
            capturePhase: true,
            composed: true,
            extraFields: { touches: [], changedTouches: [touch] }
          }));
        });
      }
      function buildChrome() {
        const tabBar = byId("rc-tabbar");
        const style = appJson.tabBar || {};
        tabBar.style.backgroundColor = style.backgroundColor || "#fff";
        tabList().forEach((item) => {
          const tab = document.createElement("button");
          tab.className = "rc-tab";
          tab.dataset.route = item.pagePath;
          tab.textContent = item.text;
          tab.style.setProperty("--rc-tab-color", style.color || "#646566");
          tab.style.setProperty("--rc-tab-selected", style.selectedColor || "#07c160");
          tab.addEventListener("click", () => switchTab({ url: "/" + item.pagePath }));
          tabBar.appendChild(tab);
        });
        const bar = byId("rc-navbar");
        const window2 = appJson.window || {};
        bar.style.backgroundColor = window2.navigationBarBackgroundColor || "#fff";
        byId("rc-statusbar").style.backgroundColor = bar.style.backgroundColor;
        bar.style.color = window2.navigationBarTextStyle === "white" ? "#fff" : "#000";
        byId("rc-back").addEventListener("click", () => navigateBack({}));
        byId("rc-refresh").addEventListener("click", pullDownRefresh);
        byId("rc-share").addEventListener("click", share);
      }
      function start(appDefinition, json, startUrl2) {
        app = appDefinition;
        appJson = json;
        byId("rc-phone").setAttribute("data-style", json.style === "v2" ? "v2" : "legacy");
        buildChrome();
        installTap();
        const { route, query } = parseUrl(startUrl2, "");
        launch = { path: route, query, scene: 1001, referrerInfo: {} };
        if (app && typeof app.onLaunch === "function") app.onLaunch(launch);
        if (app && typeof app.onShow === "function") app.onShow(launch);
        if (isTab(route)) switchTab({ url: "/" + route });
        else {
          const entry = createPage(route, query);
          stack.push(entry);
          open(entry);
        }
      }
      function getCurrentPages() {
        return stack.map((entry) => entry.instance);
      }
      function getApp() {
        return app;
      }
      module.exports = {
        start,
        navigateTo,
        redirectTo,
        switchTab,
        reLaunch,
        navigateBack,
        setTitle,
        setTabBarItem,
        pullDownRefresh,
        stopPullDownRefresh,
        scrollTo,
        launchOptions,
        leaveApp,
        returnToApp,
        openType,
        navigator: navigator2,
        picker,
        getCurrentPages,
        getApp
      };
    }
  });

  // ../app/preview/runtime/index.js
  var jUtils = require_utils();
  var VirtualNode = require_virtualnode();
  var expr = require_expr();
  var { TYPE_FORITEM } = require_constant();
  var loader = require_loader();
  var builtins = require_builtins();
  var shell = require_shell();
  var styles = require_styles();
  var ui = require_ui();
  var wxLayer = require_wx();
  jUtils.transformRpx = (style) => String(style).replace(/(-?\d*\.?\d+)rpx/g, (all, n) => Number(n) / 2 + "px");
  var generate = VirtualNode.prototype.generate;
  function generateNode(node, options) {
    const forKey = node.statement.forKey;
    const item = options.extra && options.extra.forItem;
    if (node.type !== TYPE_FORITEM || !forKey || forKey === "*this" || item !== null && item !== void 0) {
      return generate.call(node, options);
    }
    node.statement.forKey = void 0;
    try {
      return generate.call(node, options);
    } finally {
      node.statement.forKey = forKey;
    }
  }
  VirtualNode.prototype.generate = function(options = {}) {
    if (!this.rcDynamicEvents) {
      this.rcDynamicEvents = Object.keys(this.event).filter((key) => /\{\{/.test(this.event[key].handler || "")).map((key) => [key, expr.getExpression(this.event[key].handler)]);
    }
    const handlers = this.rcDynamicEvents.length ? this.rcDynamicEvents.map(([key, parsed]) => [key, String(expr.calcExpression(parsed, options.data || {}) || "")]) : null;
    const vt = generateNode(this, options);
    if (vt && handlers) {
      const event = {};
      Object.keys(this.event).forEach((key) => event[key] = Object.assign({}, this.event[key]));
      handlers.forEach(([key, handler]) => event[key].handler = handler);
      vt.event = event;
    }
    return vt;
  };
  function storageKey(params) {
    const as = params.get("as");
    if (as) return "user:" + as;
    let tab = window.sessionStorage.getItem("rc-preview-tab");
    if (!tab) {
      tab = "tab:" + Math.random().toString(36).slice(2, 10);
      window.sessionStorage.setItem("rc-preview-tab", tab);
    }
    return tab;
  }
  function startUrl(params, appJson) {
    const page = params.get("page") || appJson.pages[0];
    const query = [];
    params.forEach((value, key) => {
      if (key !== "page" && key !== "as") query.push(encodeURIComponent(key) + "=" + encodeURIComponent(value));
    });
    return "/" + page.replace(/^\//, "") + (query.length ? "?" + query.join("&") : "");
  }
  function boot() {
    const settings = window.__RC_PREVIEW__;
    const params = new URLSearchParams(window.location.search);
    settings.storageKey = storageKey(params);
    const wx = wxLayer.create(shell);
    window.wx = wx;
    window.getApp = shell.getApp;
    window.getCurrentPages = shell.getCurrentPages;
    const showUser = () => {
      document.getElementById("rc-user").textContent = wx.getStorageSync("rc_sandbox_name") || "";
    };
    window.addEventListener("rc-storage", showUser);
    if (params.get("as")) wx.setStorageSync("rc_sandbox_name", params.get("as"));
    showUser();
    builtins.setHooks({ openType: shell.openType, navigator: shell.navigator, picker: shell.picker });
    builtins.install();
    let appDefinition = null;
    window.__rcWxs = loader.requireWxs;
    loader.setGlobals({
      wx,
      getApp: shell.getApp,
      getCurrentPages: shell.getCurrentPages,
      Component: loader.Component,
      Behavior: loader.Behavior,
      App: (definition) => {
        appDefinition = definition;
      },
      Page: () => ui.notice("\u9884\u89C8\u53EA\u652F\u6301\u4EE5 Component() \u5199\u7684\u9875\u9762 / the preview runs pages written with Component()")
    });
    const files = settings.files;
    styles.addApp(files["/app.wxss"] || "");
    const appJson = JSON.parse(files["/app.json"]);
    loader.requireModule("/app.js");
    shell.start(appDefinition, appJson, startUrl(params, appJson));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
