// Loading the mini-program from the file map the server prepared (app/preview/compile.py):
// CommonJS modules, WXS modules, and components registered with j-component the way
// miniprogram-simulate registers them (children first, relations by path).

const jComponent = require('j-component')
const styles = require('./styles')

const files = () => window.__RC_PREVIEW__.files

function dirname(path) {
  return path.slice(0, path.lastIndexOf('/')) || '/'
}

function normalize(path) {
  const out = []
  for (const part of path.split('/')) {
    if (!part || part === '.') continue
    if (part === '..') out.pop()
    else out.push(part)
  }
  return '/' + out.join('/')
}

function join(from, relative) {
  return relative.startsWith('/') ? normalize(relative) : normalize(dirname(from) + '/' + relative)
}

function resolveModule(from, relative) {
  const base = join(from, relative)
  for (const candidate of [base, base + '.js', base + '.json', base + '/index.js']) {
    if (files()[candidate] !== undefined) return candidate
  }
  throw new Error('Cannot find module "' + relative + '" from ' + from)
}

// The names a mini-program's code sees besides require/module/exports.
let globals = {}

function setGlobals(values) {
  globals = values
}

const modules = {}

/** require() for the mini-program's own JS (and JSON). */
function requireModule(path) {
  if (modules[path]) return modules[path].exports
  const mod = { exports: {} }
  modules[path] = mod
  const source = files()[path]
  if (path.endsWith('.json')) {
    mod.exports = JSON.parse(source)
    return mod.exports
  }
  const names = Object.keys(globals)
  // eslint-disable-next-line no-new-func
  const run = new Function('require', 'module', 'exports', ...names, source + '\n//# sourceURL=preview:/' + path)
  run((relative) => requireModule(resolveModule(path, relative)), mod, mod.exports, ...names.map((n) => globals[n]))
  return mod.exports
}

const wxsModules = {}

/** What `x.constructor` is in WXS: the type's name as a string. */
function wxsConstructor(value) {
  if (value === null || value === undefined) return undefined
  if (Array.isArray(value)) return 'Array'
  return Object.prototype.toString.call(value).slice(8, -1)
}

/** A WXS module: plain ES5 with getRegExp/getDate, its own require for other .wxs files. */
function requireWxs(path) {
  if (wxsModules[path]) return wxsModules[path].exports
  const mod = { exports: {} }
  wxsModules[path] = mod
  const source = files()[path]
  if (source === undefined) throw new Error('WXS module not found: ' + path)
  const getRegExp = (pattern, flags) => new RegExp(pattern, flags)
  const getDate = (...args) => new (Function.prototype.bind.apply(Date, [null, ...args]))()
  // eslint-disable-next-line no-new-func
  const run = new Function('require', 'module', 'exports', 'getRegExp', 'getDate', '__wxsConstructor',
    source + '\n//# sourceURL=preview:/' + path)
  run((relative) => requireWxs(join(path, relative)), mod, mod.exports, getRegExp, getDate, wxsConstructor)
  return mod.exports
}

// ---- components -------------------------------------------------------------------------

const ids = {}
let seed = 0

/** A stable j-component id per component path (letters only, as j-component's own ids). */
function idFor(path) {
  if (!ids[path]) {
    seed += 1
    ids[path] = 'rc' + String(seed).split('').map((d) => 'abcdefghij'[+d]).join('')
  }
  return ids[path]
}

const registered = {}
let loading = null

/** The Component() constructor the mini-program's (and Vant's) JS calls. */
function Component(options) {
  const current = loading
  if (!current) throw new Error('Component() called outside a component file')
  const definition = Object.assign({
    id: current.id,
    path: current.path,
    template: current.wxml,
    usingComponents: current.using,
    tagName: current.tagName,
  }, options)
  // Classes stay as written (no per-component prefix): the style sheets are global, pages' scoped.
  definition.options = Object.assign({}, definition.options || {}, { classPrefix: '' })
  if (definition.relations) {
    for (const key of Object.keys(definition.relations)) {
      const value = definition.relations[key]
      const id = idFor(join(current.path, key))
      value.target = id
      definition.relations[id] = value
      delete definition.relations[key]
    }
  }
  current.done = true
  jComponent.register(definition)
}

function Behavior(definition) {
  return jComponent.behavior(definition)
}

/**
 * Register the component at `path` (no extension) and everything it uses; returns its id.
 * `extraUsing` is app.json's usingComponents, which every page may use.
 */
function ensureComponent(path, tagName, extraUsing) {
  if (registered[path]) return registered[path]
  const jsonText = files()[path + '.json']
  if (jsonText === undefined) throw new Error('No component at ' + path + ' (missing ' + path + '.json)')
  const json = JSON.parse(jsonText)
  const id = idFor(path)
  registered[path] = id
  const using = {}
  const wanted = Object.assign({}, extraUsing || {}, json.usingComponents || {})
  for (const name of Object.keys(wanted)) {
    const target = wanted[name].startsWith('/') ? normalize(wanted[name]) : join(path, wanted[name])
    using[name] = ensureComponent(target, name)
  }
  styles.add(path, tagName, files()[path + '.wxss'] || '')
  const previous = loading
  loading = { id, path, tagName, wxml: files()[path + '.wxml'] || '', using, json, done: false }
  try {
    requireModule(path + '.js')
    if (!loading.done) throw new Error(path + '.js did not call Component()')
  } finally {
    loading = previous
  }
  return id
}

function pageJson(route) {
  return JSON.parse(files()['/' + route + '.json'] || '{}')
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
  files,
}
