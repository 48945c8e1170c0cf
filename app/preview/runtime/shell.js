// The phone around the pages: navigation bar, page stack, tab bar, and the lifecycles WeChat
// calls (onLoad, onShow, onReady, onHide, onUnload, onPullDownRefresh, onShareAppMessage).

const jComponent = require('j-component')
const exparser = require('miniprogram-exparser')
const loader = require('./loader')
const ui = require('./ui')
const wxApi = require('./wx')

const stack = []
const tabPages = {}
let app = null
let appJson = null
let launch = null

function byId(id) {
  return document.getElementById(id)
}

function parseUrl(url, fromRoute) {
  const [pathPart, queryPart] = String(url).split('?')
  let route = pathPart.startsWith('/') ? loader.normalize(pathPart) : loader.normalize('/' + fromRoute + '/../' + pathPart)
  route = route.slice(1)
  const query = {}
  for (const pair of (queryPart || '').split('&').filter(Boolean)) {
    const index = pair.indexOf('=')
    const key = index < 0 ? pair : pair.slice(0, index)
    query[decodeURIComponent(key)] = decodeURIComponent(index < 0 ? '' : pair.slice(index + 1))
  }
  return { route, query }
}

function tabList() {
  return (appJson.tabBar && appJson.tabBar.list) || []
}

function isTab(route) {
  return tabList().some((item) => item.pagePath === route)
}

function top() {
  return stack[stack.length - 1]
}

/** Call a page's lifecycle method; an error shows in the console, as in DevTools. */
function call(entry, name, ...args) {
  const method = entry && entry.instance && entry.instance[name]
  if (typeof method !== 'function') return undefined
  try {
    const result = method.apply(entry.instance, args)
    if (result && typeof result.catch === 'function') result.catch((err) => console.error(err))
    return result
  } catch (err) {
    console.error(err)
    return undefined
  }
}

function createPage(route, query) {
  if (loader.files()['/' + route + '.json'] === undefined) throw new Error('no page ' + route)
  const id = loader.ensureComponent('/' + route, 'rc-page-' + route.split('/').join('-'), appJson.usingComponents)
  const json = loader.pageJson(route)
  const box = document.createElement('div')
  box.className = 'rc-page'
  box.dataset.route = route
  byId('rc-pages').appendChild(box)
  const component = jComponent.create(id)
  component.attach(box)
  const instance = component.instance
  instance.route = route
  instance.options = query
  const entry = { route, query, component, instance, box, json, title: json.navigationBarTitleText || null }
  return entry
}

function open(entry) {
  call(entry, 'onLoad', entry.query)
  call(entry, 'onShow')
  render()
  call(entry, 'onReady')
}

function unload(entry) {
  call(entry, 'onUnload')
  if (tabPages[entry.route] === entry) delete tabPages[entry.route]
  entry.component.detach()
  entry.box.remove()
}

function hide(entry) {
  if (entry) call(entry, 'onHide')
}

function render() {
  const current = top()
  for (const entry of Object.values(tabPages).concat(stack)) entry.box.hidden = entry !== current
  const title = (current && current.title) || (appJson.window && appJson.window.navigationBarTitleText) || ''
  byId('rc-title').textContent = title
  byId('rc-back').hidden = stack.length < 2
  byId('rc-refresh').hidden = !(current && current.json.enablePullDownRefresh)
  byId('rc-share').hidden = !(current && typeof current.instance.onShareAppMessage === 'function')
  const tabBar = byId('rc-tabbar')
  tabBar.hidden = !(current && isTab(current.route))
  tabBar.querySelectorAll('.rc-tab').forEach((tab) => {
    tab.classList.toggle('rc-tab--selected', !!current && tab.dataset.route === current.route)
  })
  const url = new URL(window.location.href)
  if (current) {
    url.searchParams.set('page', current.route)
    window.history.replaceState(null, '', url.toString())
  }
}

function finish(options, name) {
  wxApi.done(options, name, {})
}

function navigateTo(options) {
  const { route, query } = parseUrl(options.url, top() ? top().route : '')
  if (isTab(route)) return wxApi.failed(options, 'navigateTo', 'can not navigateTo a tabbar page')
  if (stack.length >= 10) return wxApi.failed(options, 'navigateTo', 'webview count limit exceed')
  hide(top())
  const entry = createPage(route, query)
  stack.push(entry)
  open(entry)
  return finish(options, 'navigateTo')
}

function redirectTo(options) {
  const { route, query } = parseUrl(options.url, top() ? top().route : '')
  if (isTab(route)) return wxApi.failed(options, 'redirectTo', 'can not redirectTo a tabbar page')
  const old = stack.pop()
  if (old && !isTab(old.route)) unload(old)
  else hide(old)
  const entry = createPage(route, query)
  stack.push(entry)
  open(entry)
  return finish(options, 'redirectTo')
}

function switchTab(options) {
  const { route } = parseUrl(options.url, top() ? top().route : '')
  if (!isTab(route)) return wxApi.failed(options, 'switchTab', 'can not switch to no-tabBar page')
  const current = top()
  if (current && current.route === route && stack.length === 1) return finish(options, 'switchTab')
  while (stack.length) {
    const entry = stack.pop()
    if (tabPages[entry.route] === entry) hide(entry)
    else unload(entry)
  }
  if (tabPages[route]) {
    stack.push(tabPages[route])
    call(tabPages[route], 'onShow')
    render()
  } else {
    const entry = createPage(route, {})
    tabPages[route] = entry
    stack.push(entry)
    open(entry)
  }
  return finish(options, 'switchTab')
}

function reLaunch(options) {
  const { route, query } = parseUrl(options.url, top() ? top().route : '')
  while (stack.length) unload(stack.pop())
  Object.values(tabPages).forEach(unload)
  const entry = createPage(route, query)
  if (isTab(route)) tabPages[route] = entry
  stack.push(entry)
  open(entry)
  return finish(options, 'reLaunch')
}

function navigateBack(options) {
  if (stack.length < 2) return wxApi.failed(options, 'navigateBack', 'cannot navigate back at first page')
  const delta = Math.max(1, Math.min(options.delta || 1, stack.length - 1))
  for (let i = 0; i < delta; i++) {
    const entry = stack.pop()
    if (tabPages[entry.route] === entry) hide(entry)
    else unload(entry)
  }
  call(top(), 'onShow')
  render()
  return finish(options, 'navigateBack')
}

function setTitle(title) {
  if (top()) top().title = title
  render()
}

function setTabBarItem({ index, text }) {
  const tab = byId('rc-tabbar').querySelectorAll('.rc-tab')[index]
  if (tab && text !== undefined) tab.textContent = text
}

function pullDownRefresh() {
  const current = top()
  if (!current) return
  byId('rc-pages').classList.add('rc-refreshing')
  call(current, 'onPullDownRefresh')
}

function stopPullDownRefresh() {
  byId('rc-pages').classList.remove('rc-refreshing')
}

function scrollTo(y) {
  if (top()) top().box.scrollTop = y
}

function launchOptions() {
  return launch
}

/** The app goes to the background (another mini-program opens over it): the page's onHide, App.onHide. */
function leaveApp() {
  hide(top())
  if (app && typeof app.onHide === 'function') app.onHide()
}

/**
 * Back from another mini-program, as WeChat does it: App.onShow with the scene 1038 and the other app's
 * referrerInfo ({appId, extraData}), then the page's onShow.
 */
function returnToApp(referrerInfo) {
  const current = top()
  const options = { path: current ? current.route : launch.path, query: current ? current.query : {}, scene: 1038,
    referrerInfo }
  launch = Object.assign({}, launch, { scene: 1038, referrerInfo })
  if (app && typeof app.onShow === 'function') {
    try {
      app.onShow(options)
    } catch (err) {
      console.error(err)
    }
  }
  call(current, 'onShow')
  render()
}

/** How long WeChat waits for onShareAppMessage's `promise` before it sends the plain card. */
const SHARE_PROMISE_WAIT_MS = 3000

/**
 * What WeChat sends for onShareAppMessage's answer: the card its `promise` resolves to (our pages put the
 * sharer's share_token there), if that comes within three seconds; the plain card otherwise.
 */
function shareCard(content) {
  if (!content.promise || typeof content.promise.then !== 'function') return Promise.resolve(content)
  let timer
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(content), SHARE_PROMISE_WAIT_MS)
  })
  const settled = Promise.resolve(content.promise).then(
    (card) => Object.assign({}, content, card || {}),
    () => content,
  )
  return Promise.race([settled, late]).then((card) => {
    clearTimeout(timer)
    return card
  })
}

/** The share menu's "send to a friend": a link that opens the preview on the shared page. */
async function share() {
  const current = top()
  if (!current) return
  const content = await shareCard(call(current, 'onShareAppMessage', { from: 'menu' }) || {})
  const path = content.path || '/' + current.route
  const { route, query } = parseUrl(path, current.route)
  const link = new URL('/preview/', window.location.origin)
  link.searchParams.set('page', route)
  Object.keys(query).forEach((key) => link.searchParams.set(key, query[key]))
  ui.sheet('rc-share-sheet', (box, close, el) => {
    box.appendChild(el('div', 'rc-share__title', content.title || ''))
    const input = el('input', 'rc-share__link')
    input.readOnly = true
    input.value = link.toString()
    box.appendChild(input)
    box.appendChild(el('div', 'rc-share__hint', '在另一个浏览器（或 ?as=<用户名>）打开此链接 / open this link as another user'))
    const ok = el('button', 'rc-sheet__item', '好的 OK')
    ok.addEventListener('click', () => close(link.toString()))
    box.appendChild(ok)
  })
}

async function getJson(path) {
  const token = wxApi.storage.get('rc_token')
  const res = await fetch(path, { headers: token ? { Authorization: 'Bearer ' + token } : {} })
  return res.status === 200 ? res.json() : null
}

function hotlineLine(insurer) {
  return insurer && insurer.hotline ? insurer.name + ' ' + insurer.hotline : null
}

/**
 * Whom to call instead of the chat: the insurer of the policy the button is about
 * (session-from="policy:<no>"), otherwise every insurer's hotline (the help page's list).
 */
async function contactHotlines(sessionFrom) {
  try {
    const policyNo = /^policy:(.+)$/.exec(sessionFrom)
    if (policyNo) {
      const policy = await getJson('/api/v1/policies/' + encodeURIComponent(policyNo[1]))
      const line = hotlineLine(policy && policy.insurer)
      if (line) return [line]
    }
    const help = await getJson('/api/v1/help')
    return ((help && help.insurers) || []).map(hotlineLine).filter(Boolean)
  } catch (err) {
    return []
  }
}

/** WeChat's phone-number sheet, played by the sandbox: the number typed becomes a sandbox code. */
function phoneNumber(type, button) {
  return ui.modal({ title: '沙箱手机号 Sandbox phone', editable: true, placeholderText: '13800138000' }).then((res) => {
    const event = type === 'getPhoneNumber' ? 'getphonenumber' : 'getrealtimephonenumber'
    if (!res.confirm) return button.triggerEvent(event, { errMsg: 'getPhoneNumber:fail user deny' })
    return button.triggerEvent(event, { errMsg: 'getPhoneNumber:ok', code: 'sandbox-phone:' + (res.content || '13800138000') })
  })
}

/** <button open-type="...">: what WeChat does for each. */
function openType(type, button) {
  if (type === 'share') return share()
  if (type === 'agreePrivacyAuthorization') {
    wxApi.privacy.agreeButtonTapped(button.id)
    return button.triggerEvent('agreeprivacyauthorization', {})
  }
  if (type === 'getPhoneNumber' || type === 'getRealtimePhoneNumber') {
    const event = type === 'getPhoneNumber' ? 'getphonenumber' : 'getrealtimephonenumber'
    // The phone number is a privacy API: WeChat asks for the agreement first.
    return wxApi.privacy.gate('button.' + type, () => phoneNumber(type, button),
      (reason) => button.triggerEvent(event, { errMsg: type + ':fail ' + reason, errno: 104 }))
  }
  if (type === 'chooseAvatar') {
    // The avatar is a privacy API too. WeChat sends no event when the user refuses or cancels.
    return wxApi.privacy.gate('button.chooseAvatar', () => wxApi.pickAvatar().then((avatarUrl) => {
      if (avatarUrl) button.triggerEvent('chooseavatar', { avatarUrl })
    }), () => null)
  }
  if (type === 'contact') {
    return contactHotlines(button.data.sessionFrom || '').then((lines) => ui.modal({
      title: '客服 Customer service',
      content: [window.__RC_PREVIEW__.contactNotice].concat(lines).join('\n'),
      showCancel: false,
    }))
  }
  return ui.notice('预览不支持 open-type="' + type + '" / not supported in the preview')
}

function navigator(data) {
  const options = { url: data.url, delta: data.delta }
  const kind = data.openType || 'navigate'
  if (kind === 'navigate') return navigateTo(options)
  if (kind === 'redirect') return redirectTo(options)
  if (kind === 'switchTab') return switchTab(options)
  if (kind === 'reLaunch') return reLaunch(options)
  if (kind === 'navigateBack') return navigateBack(options)
  return ui.notice('预览不支持 navigator open-type="' + kind + '"')
}

/** <picker>: a sheet of its range (selector), or the browser's date/time input. */
function picker(data) {
  if (data.mode === 'date' || data.mode === 'time') {
    return ui.sheet('rc-picker', (box, close, el) => {
      const input = el('input', 'rc-picker__input')
      input.type = data.mode
      if (data.start) input.min = data.start
      if (data.end) input.max = data.end
      input.value = data.value || ''
      box.appendChild(input)
      const ok = el('button', 'rc-sheet__item', '确定')
      ok.addEventListener('click', () => close(input.value || null))
      const cancel = el('button', 'rc-sheet__item rc-sheet__cancel', '取消')
      cancel.addEventListener('click', () => close(null))
      box.appendChild(ok)
      box.appendChild(cancel)
    })
  }
  if (data.mode === 'selector' || !data.mode) {
    const labels = (data.range || []).map((item) => (data.rangeKey && item && typeof item === 'object' ? item[data.rangeKey] : item))
    return ui.sheet('rc-picker', (box, close, el) => {
      labels.forEach((label, index) => {
        const row = el('button', 'rc-sheet__item', String(label))
        row.addEventListener('click', () => close(index))
        box.appendChild(row)
      })
      const cancel = el('button', 'rc-sheet__item rc-sheet__cancel', '取消')
      cancel.addEventListener('click', () => close(null))
      box.appendChild(cancel)
    })
  }
  ui.notice('预览不支持 picker mode="' + data.mode + '"')
  return Promise.resolve(null)
}

/** A click in the phone is WeChat's tap, dispatched on the exparser tree like a touch. */
function installTap() {
  byId('rc-pages').addEventListener('click', (event) => {
    let node = event.target
    while (node && !node.__wxElement) node = node.parentNode
    if (!node) return
    const detail = { x: event.clientX, y: event.clientY }
    const touch = { clientX: event.clientX, clientY: event.clientY, pageX: event.pageX, pageY: event.pageY }
    exparser.Event.dispatchEvent(node.__wxElement, exparser.Event.create('tap', detail, {
      originalEvent: event,
      bubbles: true,
      capturePhase: true,
      composed: true,
      extraFields: { touches: [], changedTouches: [touch] },
    }))
  })
}

function buildChrome() {
  const tabBar = byId('rc-tabbar')
  const style = appJson.tabBar || {}
  tabBar.style.backgroundColor = style.backgroundColor || '#fff'
  tabList().forEach((item) => {
    const tab = document.createElement('button')
    tab.className = 'rc-tab'
    tab.dataset.route = item.pagePath
    tab.textContent = item.text
    tab.style.setProperty('--rc-tab-color', style.color || '#646566')
    tab.style.setProperty('--rc-tab-selected', style.selectedColor || '#07c160')
    tab.addEventListener('click', () => switchTab({ url: '/' + item.pagePath }))
    tabBar.appendChild(tab)
  })
  const bar = byId('rc-navbar')
  const window = appJson.window || {}
  bar.style.backgroundColor = window.navigationBarBackgroundColor || '#fff'
  byId('rc-statusbar').style.backgroundColor = bar.style.backgroundColor
  bar.style.color = window.navigationBarTextStyle === 'white' ? '#fff' : '#000'
  byId('rc-back').addEventListener('click', () => navigateBack({}))
  byId('rc-refresh').addEventListener('click', pullDownRefresh)
  byId('rc-share').addEventListener('click', share)
}

/** Start the app as WeChat does: App's onLaunch and onShow with the launch options, then the page. */
function start(appDefinition, json, startUrl) {
  app = appDefinition
  appJson = json
  // Built-in components look as app.json asks: "style": "v2" is WeChat's newer look (index.html).
  byId('rc-phone').setAttribute('data-style', json.style === 'v2' ? 'v2' : 'legacy')
  buildChrome()
  installTap()
  const { route, query } = parseUrl(startUrl, '')
  launch = { path: route, query, scene: 1001, referrerInfo: {} }
  if (app && typeof app.onLaunch === 'function') app.onLaunch(launch)
  if (app && typeof app.onShow === 'function') app.onShow(launch)
  if (isTab(route)) switchTab({ url: '/' + route })
  else {
    const entry = createPage(route, query)
    stack.push(entry)
    open(entry)
  }
}

function getCurrentPages() {
  return stack.map((entry) => entry.instance)
}

function getApp() {
  return app
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
  navigator,
  picker,
  getCurrentPages,
  getApp,
}
