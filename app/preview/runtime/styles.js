// WXSS in the page: the server has inlined @import and turned rpx into px for the 375px
// frame (app/preview/compile.py). Here each sheet is placed: a page's rules apply inside
// that page only, `page` is the page's own box, `:host` is the component's element, and
// Vant's sheets (class names all van-*) apply everywhere, as components render without a
// class prefix (loader.js: classPrefix '').

const builtins = require('./builtins')

const added = {}

/**
 * WXSS names WeChat's built-in components by tag (`button`, `.bar view`); here they are custom elements
 * named wx-<name>, one for each tag builtins.install() registered (it runs before any sheet is placed).
 * `selector.replace(pattern, asElement)` turns `.x button` into `.x wx-button`.
 */
function builtinTagPattern() {
  if (!builtins.names.length) throw new Error('builtins.install() places the built-in tags before any style sheet')
  return new RegExp('(^|[\\s>+~(,])(' + builtins.names.join('|') + ')(?=$|[\\s.#:[>+~),])', 'g')
}

function asElement(whole, before, name) {
  return before + 'wx-' + name
}

/** Rewrite one selector list with `map(selector)`, through the browser's own CSS parser. */
function rewrite(cssText, map) {
  const probe = document.implementation.createHTMLDocument('')
  const style = probe.createElement('style')
  style.textContent = cssText
  probe.head.appendChild(style)
  const out = []
  const tags = builtinTagPattern()
  const walk = (rules, into) => {
    for (const rule of Array.from(rules)) {
      if (rule.type === 1 /* STYLE_RULE */) {
        const selectors = splitSelectors(rule.selectorText).map((one) => map(one.replace(tags, asElement))).join(', ')
        into.push(selectors + ' {' + rule.style.cssText + '}')
      } else if (rule.type === 4 /* MEDIA_RULE */ || rule.type === 12 /* SUPPORTS_RULE */) {
        const inner = []
        walk(rule.cssRules, inner)
        const head = rule.type === 4 ? '@media ' + rule.media.mediaText : '@supports ' + rule.conditionText
        into.push(head + ' {' + inner.join('\n') + '}')
      } else {
        into.push(rule.cssText)
      }
    }
  }
  walk(style.sheet.cssRules, out)
  return out.join('\n')
}

/** Split "a, b:not(.c, .d)" at its top-level commas. */
function splitSelectors(text) {
  const parts = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '(' || ch === '[') depth++
    else if (ch === ')' || ch === ']') depth--
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim())
      start = i + 1
    }
  }
  parts.push(text.slice(start).trim())
  return parts.filter(Boolean)
}

function pageScoped(route) {
  const scope = '.rc-page[data-route="' + route + '"]'
  return (selector) => {
    if (/^page\b/.test(selector)) return scope + selector.slice(4)
    return scope + ' ' + selector
  }
}

function insert(key, css) {
  if (added[key] || !css.trim()) return
  added[key] = true
  const style = document.createElement('style')
  style.dataset.source = key
  style.textContent = css
  document.head.appendChild(style)
}

/** The style sheet of the component at `path` (registered under `tagName`). */
function add(path, tagName, css) {
  if (!css) return
  if (path.startsWith('/pages/')) {
    insert(path, rewrite(css, pageScoped(path.slice(1))))
  } else {
    const host = tagName || 'rc-host'
    insert(path, rewrite(css, (selector) => selector.replace(/:host/g, host)))
  }
}

/** app.wxss: global, with `page` meaning every page's box. */
function addApp(css) {
  insert('/app.wxss', rewrite(css, (selector) => selector.replace(/^page\b/, '.rc-page')))
}

module.exports = { add, addApp, rewrite, splitSelectors }
