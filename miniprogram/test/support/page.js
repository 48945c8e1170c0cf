// Load a page of the mini-program into miniprogram-simulate, with a fake `wx`
// and config.js pointed where the test wants.

const path = require('path')

const ROOT = path.resolve(__dirname, '..', '..')
const CONFIG = path.join(ROOT, 'config.js')
// Components app.json registers for every page (the privacy pop-up), as WeChat gives them to each page.
const APP_COMPONENTS = require(path.join(ROOT, 'app.json')).usingComponents || {}

/**
 * miniprogram-simulate, one copy for the test file (each file has its own global), which also sets WeChat's
 * globals (Component, Behavior, wx's own API). A fresh copy per page compiled every WXML file of the project
 * again: three quarters of a page test's time. Pages and components still run afresh after
 * jest.resetModules(), since simulate requires their modules through the registry just reset.
 */
function simulator() {
  if (!global.__miniprogramSimulate) global.__miniprogramSimulate = require('miniprogram-simulate')
  return global.__miniprogramSimulate
}

// Pages a test opened, closed after it (test/support/close-pages.js) as WeChat closes a page the user leaves: a page
// still waiting on the server (a refund, a payment) would otherwise go on asking during later tests, through their wx.
const openPages = (global.__openPages = global.__openPages || [])

/** Close every page the test opened: onUnload, then off the screen. */
function closePages() {
  for (const { page, instance } of openPages.splice(0)) {
    if (instance.onUnload) instance.onUnload()
    page.detach()
  }
}

/**
 * loadPage('order', { wx, config: { baseUrl, sandbox }, query, storage })
 * -> { page, instance }. Like WeChat, calls onLoad(query), onShow(), then onReady();
 * waits for what they return. Pass lifecycle: false to call them yourself.
 */
async function loadPage(name, options) {
  const opts = Object.assign({ query: {}, lifecycle: true }, options)
  // Without a fresh registry a page's module is cached, Component() never runs
  // again and a second load renders nothing.
  jest.resetModules()
  jest.doMock(CONFIG, () => Object.assign({ baseUrl: 'http://redcover.test', sandbox: false }, opts.config))
  const simulate = simulator()
  Object.assign(global.wx, opts.wx)

  const id = simulate.load(path.join(ROOT, 'pages', name, name), { rootPath: ROOT, usingComponents: APP_COMPONENTS })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  const instance = page.instance
  openPages.push({ page, instance })
  if (opts.lifecycle) {
    if (instance.onLoad) await instance.onLoad(opts.query)
    if (instance.onShow) await instance.onShow()
    if (instance.onReady) await instance.onReady()
  }
  return { page, instance }
}

/** require() a module of the mini-program with its own fresh state, a fake wx and config. */
function loadModule(relativePath, options) {
  const opts = Object.assign({}, options)
  jest.resetModules()
  jest.doMock(CONFIG, () => Object.assign({ baseUrl: 'http://redcover.test', sandbox: false }, opts.config))
  // WeChat's globals besides wx (Behavior, which utils/agreement.js calls as it loads).
  simulator()
  global.wx = Object.assign(global.wx || {}, opts.wx)
  return require(path.join(ROOT, relativePath))
}

/** Run app.js's App() definition: { app } with onLaunch/onShow to call. */
function loadApp(options) {
  const opts = Object.assign({}, options)
  jest.resetModules()
  jest.doMock(CONFIG, () => Object.assign({ baseUrl: 'http://redcover.test', sandbox: false }, opts.config))
  simulator()
  Object.assign(global.wx, opts.wx)
  let app = null
  global.App = (definition) => {
    app = definition
  }
  require(path.join(ROOT, 'app.js'))
  delete global.App
  return app
}

/** Split "/pages/order/order?code=x&plan_id=1" into { name: "order", query }. */
function parseUrl(url) {
  const [pathPart, queryPart] = url.split('?')
  const name = pathPart.split('/').filter(Boolean)[1]
  const query = {}
  for (const pair of (queryPart || '').split('&').filter(Boolean)) {
    const [key, value] = pair.split('=')
    query[decodeURIComponent(key)] = decodeURIComponent(value || '')
  }
  return { name, query }
}

module.exports = { loadPage, loadApp, loadModule, parseUrl, closePages, ROOT }
