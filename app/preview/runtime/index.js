// The preview's entry point (bundled by `npm run build:preview` into app/preview/static/runtime.js).
// It reads the file map /preview/app.js set (window.__RC_PREVIEW__), registers WeChat's built-in
// tags, gives the mini-program's code its globals (wx, getApp, Component, ...) and starts the app.

const jUtils = require('j-component/src/tool/utils')
const VirtualNode = require('j-component/src/template/virtualnode')
const expr = require('j-component/src/template/expr')
const { TYPE_FORITEM } = require('j-component/src/tool/constant')
const loader = require('./loader')
const builtins = require('./builtins')
const shell = require('./shell')
const styles = require('./styles')
const ui = require('./ui')
const wxLayer = require('./wx')

// rpx in inline styles: the phone frame is 375px wide, WeChat's screen 750rpx.
jUtils.transformRpx = (style) => String(style).replace(/(-?\d*\.?\d+)rpx/g, (all, n) => Number(n) / 2 + 'px')

const generate = VirtualNode.prototype.generate

// A wx:key naming a field of an item that is not an object (Vant's loading dots loop over
// Array.from({ length: 12 }) with wx:key="index") only costs WeChat the keyed diff; j-component
// reads the field off `undefined` and throws, so such an item goes unkeyed.
function generateNode(node, options) {
  const forKey = node.statement.forKey
  const item = options.extra && options.extra.forItem
  if (node.type !== TYPE_FORITEM || !forKey || forKey === '*this' || (item !== null && item !== undefined)) {
    return generate.call(node, options)
  }
  node.statement.forKey = undefined
  try {
    return generate.call(node, options)
  } finally {
    node.statement.forKey = forKey
  }
}

// Event handlers named by an expression (Vant: bindtap="{{ disabled ? '' : 'onClick' }}"): j-component
// binds the raw text; WeChat evaluates it, with the node's data (wx:for's item included).
VirtualNode.prototype.generate = function (options = {}) {
  if (!this.rcDynamicEvents) {
    this.rcDynamicEvents = Object.keys(this.event)
      .filter((key) => /\{\{/.test(this.event[key].handler || ''))
      .map((key) => [key, expr.getExpression(this.event[key].handler)])
  }
  const handlers = this.rcDynamicEvents.length
    ? this.rcDynamicEvents.map(([key, parsed]) => [key, String(expr.calcExpression(parsed, options.data || {}) || '')])
    : null
  const vt = generateNode(this, options)
  if (vt && handlers) {
    const event = {}
    Object.keys(this.event).forEach((key) => (event[key] = Object.assign({}, this.event[key])))
    handlers.forEach(([key, handler]) => (event[key].handler = handler))
    vt.event = event
  }
  return vt
}

/** Whose storage this tab uses: ?as=<name> (that sandbox user), or this tab's own. */
function storageKey(params) {
  const as = params.get('as')
  if (as) return 'user:' + as
  let tab = window.sessionStorage.getItem('rc-preview-tab')
  if (!tab) {
    tab = 'tab:' + Math.random().toString(36).slice(2, 10)
    window.sessionStorage.setItem('rc-preview-tab', tab)
  }
  return tab
}

function startUrl(params, appJson) {
  const page = params.get('page') || appJson.pages[0]
  const query = []
  params.forEach((value, key) => {
    if (key !== 'page' && key !== 'as') query.push(encodeURIComponent(key) + '=' + encodeURIComponent(value))
  })
  return '/' + page.replace(/^\//, '') + (query.length ? '?' + query.join('&') : '')
}

function boot() {
  const settings = window.__RC_PREVIEW__
  const params = new URLSearchParams(window.location.search)
  settings.storageKey = storageKey(params)
  const wx = wxLayer.create(shell)
  window.wx = wx
  window.getApp = shell.getApp // for a developer's console (and the browser tests), as in DevTools
  window.getCurrentPages = shell.getCurrentPages
  // The sidebar names the sandbox user: ?as=<name>, or whom the app's own picker chose (it keeps the name there).
  const showUser = () => {
    document.getElementById('rc-user').textContent = wx.getStorageSync('rc_sandbox_name') || ''
  }
  window.addEventListener('rc-storage', showUser)
  if (params.get('as')) wx.setStorageSync('rc_sandbox_name', params.get('as'))
  showUser()

  builtins.setHooks({ openType: shell.openType, navigator: shell.navigator, picker: shell.picker })
  builtins.install()
  let appDefinition = null
  window.__rcWxs = loader.requireWxs // inline <wxs> modules ask for their file through this
  loader.setGlobals({
    wx,
    getApp: shell.getApp,
    getCurrentPages: shell.getCurrentPages,
    Component: loader.Component,
    Behavior: loader.Behavior,
    App: (definition) => {
      appDefinition = definition
    },
    Page: () => ui.notice('预览只支持以 Component() 写的页面 / the preview runs pages written with Component()'),
  })
  const files = settings.files
  styles.addApp(files['/app.wxss'] || '')
  const appJson = JSON.parse(files['/app.json'])
  loader.requireModule('/app.js')
  shell.start(appDefinition, appJson, startUrl(params, appJson))
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot)
else boot()
