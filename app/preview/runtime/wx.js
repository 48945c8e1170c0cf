// `wx` in the browser: the APIs the pages call, mapped onto fetch, localStorage (one
// namespace per sandbox user, so two tabs never share a token) and the server's WeChat
// sandbox. WeChat's limits are kept (a refused dialog fails as WeChat's does), and a call the
// preview does not support shows a notice instead of doing nothing.

const ui = require('./ui')

const SDK_VERSION = '3.3.4'

function settings() {
  return window.__RC_PREVIEW__
}

// ---- storage, per user -------------------------------------------------------------------

function storagePrefix() {
  return 'rc-preview:' + settings().storageKey + ':'
}

function getStorageSync(key) {
  const raw = window.localStorage.getItem(storagePrefix() + key)
  if (raw === null) return ''
  try {
    return JSON.parse(raw)
  } catch (err) {
    return raw
  }
}

/** The page around the phone hears of each change to the app's storage (index.js: the sidebar's user). */
function storageChanged(key) {
  window.dispatchEvent(new CustomEvent('rc-storage', { detail: { key } }))
}

function setStorageSync(key, value) {
  window.localStorage.setItem(storagePrefix() + key, JSON.stringify(value))
  storageChanged(key)
}

function removeStorageSync(key) {
  window.localStorage.removeItem(storagePrefix() + key)
  storageChanged(key)
}

function storageKeys() {
  const prefix = storagePrefix()
  const keys = []
  for (let i = 0; i < window.localStorage.length; i++) {
    const key = window.localStorage.key(i)
    if (key.startsWith(prefix)) keys.push(key.slice(prefix.length))
  }
  return keys
}

// ---- privacy consent (basic library 2.32.3+) -----------------------------------------------
//
// WeChat holds back a privacy API until the user has agreed to the mini-program's privacy guideline:
// it calls the listener given to wx.onNeedPrivacyAuthorization and waits for resolve({ event: 'agree',
// buttonId }) (only after a tap on <button open-type="agreePrivacyAuthorization" id="buttonId">) or
// resolve({ event: 'disagree' }) (the call fails: "privacy permission is not authorized", errno 104).
// WeChat keeps the agreement per user, outside the mini-program's storage (clearing that keeps it):
// here, one localStorage key per sandbox user beside the storage's namespace.

const PRIVACY_REFUSED = 'privacy permission is not authorized'
const privacy = { listener: null, tapped: new Set() }

function privacyKey() {
  return 'rc-preview-privacy:' + settings().storageKey
}

function privacyAgreed() {
  return window.localStorage.getItem(privacyKey()) === 'agreed'
}

/** <button open-type="agreePrivacyAuthorization">: remember the tap, as WeChat checks the buttonId against it. */
function agreeButtonTapped(id) {
  privacy.tapped.add(String(id || ''))
}

/**
 * Run `go` once the user has agreed; else ask the mini-program's listener (or, with none, show WeChat's
 * own prompt). `refuse(errMsg)` ends the held-back call.
 */
function privacyGate(referrer, go, refuse) {
  if (privacyAgreed()) return go()
  const agree = () => {
    window.localStorage.setItem(privacyKey(), 'agreed')
    go()
  }
  if (!privacy.listener) {
    return ui.modal({ title: '隐私保护指引 Privacy guideline', content: '同意小程序的隐私保护指引？ Agree to the mini-program\'s privacy guideline?', cancelText: '拒绝', confirmText: '同意' })
      .then((res) => (res.confirm ? agree() : refuse(PRIVACY_REFUSED)))
  }
  let answered = false
  return privacy.listener((answer) => {
    if (answered || !answer || answer.event === 'exposureAuthorization') return
    answered = true
    if (answer.event === 'agree') {
      if (privacy.tapped.has(String(answer.buttonId || ''))) return agree()
      ui.notice('resolve({ event: \'agree\' }): buttonId "' + answer.buttonId + '" 不是用户点过的同意按钮 / is no agree button the user tapped')
    }
    refuse(PRIVACY_REFUSED)
  }, { referrer })
}

/** An async API that WeChat holds back until the user agrees (`run(options)` is the API itself). */
function privacyApi(name, run) {
  return (options) => privacyGate(name, () => run(options), (reason) => {
    const res = { errMsg: name + ':fail ' + reason, errno: 104 }
    if (options && options.fail) options.fail(res)
    if (options && options.complete) options.complete(res)
  })
}

// ---- callbacks ---------------------------------------------------------------------------

function done(options, name, result) {
  const res = Object.assign({ errMsg: name + ':ok' }, result)
  if (options && options.success) options.success(res)
  if (options && options.complete) options.complete(res)
  return res
}

function failed(options, name, reason) {
  const res = { errMsg: name + ':fail ' + reason }
  if (options && options.fail) options.fail(res)
  if (options && options.complete) options.complete(res)
  return res
}

/** Width as WeChat measures a toast title: a Chinese character is 1, a Latin letter or digit 1/2. */
function toastWidth(text) {
  let width = 0
  for (const ch of String(text || '')) width += /[\x00-\xff]/.test(ch) ? 0.5 : 1
  return width
}

// ---- network -----------------------------------------------------------------------------

function absolute(url) {
  return new URL(url, window.location.origin).toString()
}

function parseBody(text, dataType) {
  if (dataType === 'json' || dataType === undefined) {
    try {
      return JSON.parse(text)
    } catch (err) {
      return text
    }
  }
  return text
}

function request(options) {
  const method = (options.method || 'GET').toUpperCase()
  let url = absolute(options.url)
  const headers = Object.assign({}, options.header || {})
  let body
  if (method === 'GET' && options.data && typeof options.data === 'object') {
    const u = new URL(url)
    Object.keys(options.data).forEach((k) => u.searchParams.set(k, options.data[k]))
    url = u.toString()
  } else if (options.data !== undefined && options.data !== null) {
    body = typeof options.data === 'string' ? options.data : JSON.stringify(options.data)
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json'
  }
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.timeout || 60000)
  fetch(url, { method, headers, body, signal: controller.signal })
    .then(async (res) => {
      clearTimeout(timer)
      const text = await res.text()
      const header = {}
      res.headers.forEach((value, key) => (header[key] = value))
      const data = parseBody(text, options.dataType)
      rememberContract(data)
      done(options, 'request', { statusCode: res.status, data, header })
    })
    .catch((err) => {
      clearTimeout(timer)
      failed(options, 'request', err && err.name === 'AbortError' ? 'timeout' : String(err && err.message))
    })
  return { abort: () => controller.abort() }
}

function uploadFile(options) {
  fetch(options.filePath)
    .then((res) => res.blob())
    .then((blob) => {
      const form = new FormData()
      Object.keys(options.formData || {}).forEach((k) => form.append(k, options.formData[k]))
      form.append(options.name, blob, fileNames[options.filePath] || 'upload')
      return fetch(absolute(options.url), { method: 'POST', headers: options.header || {}, body: form })
    })
    .then(async (res) => done(options, 'uploadFile', { statusCode: res.status, data: await res.text() }))
    .catch((err) => failed(options, 'uploadFile', String(err && err.message)))
}

const fileNames = {}

function pickFiles(accept, multiple) {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept || ''
    input.multiple = !!multiple
    input.style.display = 'none'
    input.id = 'rc-file-input'
    input.addEventListener('change', () => {
      const files = Array.from(input.files || [])
      input.remove()
      resolve(files)
    })
    input.addEventListener('cancel', () => {
      input.remove()
      resolve([])
    })
    document.body.appendChild(input)
    input.click()
  })
}

function tempFile(file) {
  const url = URL.createObjectURL(file)
  fileNames[url] = file.name
  return url
}

function chooseMedia(options) {
  const accept = (options.mediaType || ['image']).map((t) => (t === 'video' ? 'video/*' : 'image/*')).join(',')
  pickFiles(accept, (options.count || 9) > 1).then((files) => {
    if (!files.length) return failed(options, 'chooseMedia', 'cancel')
    const tempFiles = files.slice(0, options.count || 9).map((file) => ({
      tempFilePath: tempFile(file),
      size: file.size,
      fileType: file.type.startsWith('video') ? 'video' : 'image',
    }))
    return done(options, 'chooseMedia', { tempFiles, type: tempFiles[0].fileType })
  })
}

/** WeChat's avatar sheet (<button open-type="chooseAvatar">): here a photo from this computer, '' when cancelled. */
function pickAvatar() {
  return pickFiles('image/*', false).then((files) => (files.length ? tempFile(files[0]) : ''))
}

function chooseMessageFile(options) {
  const accept = (options.extension || []).map((ext) => '.' + String(ext).replace(/^\./, '')).join(',')
  pickFiles(accept, (options.count || 1) > 1).then((files) => {
    if (!files.length) return failed(options, 'chooseMessageFile', 'cancel')
    const tempFiles = files.map((file) => ({ path: tempFile(file), size: file.size, name: file.name, type: 'file' }))
    return done(options, 'chooseMessageFile', { tempFiles })
  })
}

/** wx.downloadFile: fetched with the page's headers (the token), kept as a blob URL (WeChat's temp file). */
function downloadFile(options) {
  fetch(absolute(options.url), { headers: options.header || {} })
    .then(async (res) => {
      const blob = await res.blob()
      const typed = new Blob([blob], { type: res.headers.get('Content-Type') || blob.type })
      return done(options, 'downloadFile', { tempFilePath: URL.createObjectURL(typed), statusCode: res.status })
    })
    .catch((err) => failed(options, 'downloadFile', String(err && err.message)))
  return { abort: () => null, onProgressUpdate: () => null }
}

/**
 * wx.openDocument: the file in a new tab (the browser's PDF viewer). A browser that blocks the tab
 * (it opens after a download, not straight from a tap) gets a sheet with the link to tap.
 */
function openDocument(options) {
  const opened = window.open(options.filePath, '_blank')
  if (opened) return done(options, 'openDocument', {})
  ui.sheet('rc-document', (box, close, el) => {
    box.appendChild(el('div', 'rc-sheet__alert', '浏览器拦截了新标签页 / the browser blocked the new tab'))
    const link = el('a', 'rc-sheet__item rc-document__open', '打开文件 Open the file')
    link.href = options.filePath
    link.target = '_blank'
    link.addEventListener('click', () => close(true))
    box.appendChild(link)
    const cancel = el('button', 'rc-sheet__item rc-sheet__cancel', '取消')
    cancel.addEventListener('click', () => close(false))
    box.appendChild(cancel)
  }).then((ok) => (ok ? done(options, 'openDocument', {}) : failed(options, 'openDocument', 'cancel')))
  return undefined
}

/** wx.makePhoneCall: a browser cannot dial; the number is shown, as WeChat's call sheet shows it. */
function makePhoneCall(options) {
  const number = String(options.phoneNumber || '')
  ui.modal({
    title: '拨打电话 Call',
    content: number + '\n预览中不能拨号，请用手机拨打。 The preview cannot dial: call it from a phone.',
    showCancel: false,
    confirmText: '好的',
  }).then(() => done(options, 'makePhoneCall', {}))
}

// ---- the sandbox -------------------------------------------------------------------------

async function pickSandboxUser(title) {
  const names = settings().sandboxUsers
  const index = await ui.actionSheet({ alertText: title, itemList: names })
  return index < 0 ? null : names[index]
}

async function postJson(path, body) {
  const res = await fetch(absolute(path), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { statusCode: res.status, data: parseBody(await res.text(), 'json') }
}

/** The logged-in user's openid (the sandbox plays WeChat's client for them), or null. */
async function currentOpenid() {
  const token = getStorageSync('rc_token')
  if (!token) return null
  const res = await fetch(absolute('/api/v1/me'), { headers: { Authorization: 'Bearer ' + token } })
  if (res.status !== 200) return null
  return (await res.json()).openid || null
}

/** WeChat's "allow these messages?" sheet; an allow is played at the sandbox, which counts the sends. */
function requestSubscribeMessage(options) {
  const ids = options.tmplIds || []
  ui.modal({ title: '订阅消息 Subscribe', content: '允许发送理赔进度通知？ Allow progress messages?', cancelText: '拒绝', confirmText: '允许' })
    .then(async (res) => {
      const answer = {}
      ids.forEach((id) => (answer[id] = res.confirm ? 'accept' : 'reject'))
      const openid = res.confirm ? await currentOpenid() : null
      if (openid) {
        const played = await postJson('/sandbox/wechat/subscribe/accept', { openid, template_ids: ids })
        if (played.statusCode !== 200) return failed(options, 'requestSubscribeMessage', JSON.stringify(played.data))
      }
      return done(options, 'requestSubscribeMessage', answer)
    })
}

/** WeRun steps through the sandbox: it encrypts a count the user types under their session key. */
function getWeRunData(options) {
  ui.modal({ title: '微信运动（沙箱） WeRun', content: '今天的步数 Steps today', editable: true, placeholderText: '12000' })
    .then(async (res) => {
      if (!res.confirm) return failed(options, 'getWeRunData', 'auth deny')
      const openid = await currentOpenid()
      if (!openid) return failed(options, 'getWeRunData', 'not logged in')
      const steps = parseInt(res.content || '12000', 10) || 0
      const data = await postJson('/sandbox/wechat/werun', { openid, steps })
      if (data.statusCode !== 200) return failed(options, 'getWeRunData', JSON.stringify(data.data))
      return done(options, 'getWeRunData', { encryptedData: data.data.encrypted_data, iv: data.data.iv })
    })
}

function payAmount(options) {
  return (options && options.amountText) || ''
}

function requestPayment(options) {
  const match = /prepay_id=([^&]+)/.exec(options.package || '')
  if (!match) return failed(options, 'requestPayment', 'no prepay_id in package')
  ui.sheet('rc-pay', (box, close, el) => {
    box.appendChild(el('div', 'rc-pay__title', '微信支付（沙箱） WeChat Pay (sandbox)'))
    box.appendChild(el('div', 'rc-pay__amount', payAmount(options)))
    const pay = el('button', 'rc-pay__confirm', '确认支付')
    pay.addEventListener('click', () => close(true))
    const cancel = el('button', 'rc-pay__cancel', '取消')
    cancel.addEventListener('click', () => close(false))
    box.appendChild(pay)
    box.appendChild(cancel)
  }).then(async (confirmed) => {
    if (!confirmed) return failed(options, 'requestPayment', 'cancel')
    const res = await postJson('/sandbox/wechat/pay/confirm', { prepay_id: match[1] })
    if (res.statusCode !== 200) return failed(options, 'requestPayment', JSON.stringify(res.data))
    return done(options, 'requestPayment', {})
  })
}

// ---- WeChat's signing page (insurance contract deduction) -----------------------------------

/**
 * What the server said about the order a pre-sign belongs to (its answer carried the `contract`):
 * the signing sheet shows what will be charged from it, as WeChat's page shows the pre-sign's periods.
 */
const presigns = {}

function rememberContract(data) {
  const contract = data && typeof data === 'object' && data.contract
  if (contract && contract.pre_entrustweb_id) presigns[contract.pre_entrustweb_id] = data
}

function yuan(fen) {
  return '¥' + (Math.floor(fen / 100) + '.' + String(fen % 100).padStart(2, '0'))
}

function chargeLines(order) {
  if (!order || typeof order.amount_fen !== 'number') return ['金额以保险公司签约页为准 / the amount as the insurer set it']
  const lines = ['首期支付 ' + yuan(order.amount_fen) + ' / first month ' + yuan(order.amount_fen)]
  lines.push('之后每月自动扣费 ' + yuan(order.amount_fen) + '，扣费前微信会通知你，可随时解约 / then '
    + yuan(order.amount_fen) + ' a month, announced before each charge, cancel any time')
  const name = [order.product_name, order.plan_name].filter(Boolean).join(' · ')
  if (name) lines.unshift(name)
  return lines
}

/**
 * wx.navigateToMiniProgram to WeChat's signing page: a sandbox signing sheet. Confirm signs (and pays the
 * first month) at /sandbox/wechat/papay/confirm; either way the app comes back as it does from another
 * mini-program: App.onShow with referrerInfo {appId, extraData}; the back arrow returns no extraData.
 */
function navigateToMiniProgram(options, shell) {
  const presignId = options.extraData && options.extraData.pre_entrustweb_id
  if (!presignId) {
    ui.notice('预览只能打开微信的签约页 / the preview opens only WeChat\'s signing page (extraData.pre_entrustweb_id)')
    return failed(options, 'navigateToMiniProgram', 'not supported in the preview')
  }
  done(options, 'navigateToMiniProgram', {})
  shell.leaveApp()
  ui.sheet('rc-sign', (box, close, el) => {
    box.appendChild(el('div', 'rc-pay__title', '微信支付 · 保险自动续费签约（沙箱） WeChat Pay auto-renewal (sandbox)'))
    chargeLines(presigns[presignId]).forEach((line) => box.appendChild(el('div', 'rc-sign__line', line)))
    const error = el('div', 'rc-sign__error')
    box.appendChild(error)
    const sign = el('button', 'rc-pay__confirm rc-sign__confirm', '同意并签约')
    sign.addEventListener('click', async () => {
      sign.disabled = true
      const res = await postJson('/sandbox/wechat/papay/confirm', { pre_entrustweb_id: presignId })
      sign.disabled = false
      if (res.statusCode === 200) return close({ signed: res.data })
      error.textContent = (res.data && res.data.error && res.data.error.message) || String(res.statusCode)
      return undefined
    })
    const back = el('button', 'rc-pay__cancel rc-sign__cancel', '返回 Back')
    back.addEventListener('click', () => close(null))
    box.appendChild(sign)
    box.appendChild(back)
  }).then((result) => {
    const referrerInfo = { appId: options.appId }
    if (result && result.signed) {
      const { contract_id: contractId, contract_state: contractState } = result.signed
      referrerInfo.extraData = { pre_entrustweb_id: presignId, contract_id: contractId, contract_state: contractState }
    }
    shell.returnToApp(referrerInfo)
  })
  return undefined
}

// ---- the wx object -----------------------------------------------------------------------

function systemInfo() {
  return {
    brand: 'devtools',
    model: 'Redcover preview',
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 667,
    windowWidth: 375,
    windowHeight: 667 - 64,
    statusBarHeight: 20,
    language: appLanguage(),
    version: '8.0.50',
    system: 'Browser',
    platform: 'devtools',
    SDKVersion: SDK_VERSION,
    theme: 'light',
    safeArea: { left: 0, right: 375, top: 20, bottom: 667, width: 375, height: 647 },
  }
}

function appLanguage() {
  return (navigator.language || 'zh-CN').replace('-', '_')
}

function create(shell) {
  const api = {
    // storage
    getStorageSync,
    setStorageSync,
    removeStorageSync,
    clearStorageSync: () => storageKeys().forEach(removeStorageSync),
    getStorageInfoSync: () => ({ keys: storageKeys(), currentSize: 0, limitSize: 10240 }),
    getStorage: (o) => {
      const value = getStorageSync(o.key)
      return value === '' ? failed(o, 'getStorage', 'data not found') : done(o, 'getStorage', { data: value })
    },
    setStorage: (o) => done(o, 'setStorage', setStorageSync(o.key, o.data)),
    removeStorage: (o) => done(o, 'removeStorage', removeStorageSync(o.key)),

    // network
    request,
    uploadFile,
    downloadFile,
    openDocument,
    makePhoneCall,
    chooseMedia: privacyApi('chooseMedia', chooseMedia),
    chooseImage: privacyApi('chooseImage', (o) => chooseMedia(Object.assign({}, o, {
      success: (res) => o.success && o.success({ tempFilePaths: res.tempFiles.map((f) => f.tempFilePath), tempFiles: res.tempFiles }),
    }))),
    chooseMessageFile: privacyApi('chooseMessageFile', chooseMessageFile),
    previewImage: (o) => {
      window.open(o.current || (o.urls || [])[0], '_blank')
      return done(o, 'previewImage', {})
    },

    // dialogs, with WeChat's limits
    showToast(o) {
      const icon = o.icon === undefined ? 'success' : o.icon
      let title = String(o.title || '')
      if (icon !== 'none' && toastWidth(title) > 7) {
        ui.notice('wx.showToast: 带图标的提示最多 7 个汉字宽，微信会截断 / a toast with an icon holds 7 Chinese characters: "' + title + '"')
        let cut = ''
        for (const ch of title) if (toastWidth(cut + ch) <= 7) cut += ch
        title = cut
      }
      ui.toast({ title, icon, duration: o.duration, mask: o.mask })
      return done(o, 'showToast', {})
    },
    hideToast: (o) => done(o, 'hideToast', ui.hideToast()),
    showLoading: (o) => done(o, 'showLoading', ui.toast({ title: o.title, icon: 'loading', duration: Infinity, mask: o.mask })),
    hideLoading: (o) => done(o, 'hideLoading', ui.hideToast()),
    showModal(o) {
      for (const key of ['confirmText', 'cancelText']) {
        if (o[key] !== undefined && String(o[key]).length > 4) {
          ui.notice('wx.showModal: ' + key + ' 最多 4 个字，微信不显示此对话框 / at most 4 characters: "' + o[key] + '"')
          return failed(o, 'showModal', key + ' length should not larger than 4 Chinese characters')
        }
      }
      ui.modal(o).then((res) => done(o, 'showModal', res))
    },
    showActionSheet(o) {
      if ((o.itemList || []).length > 6) {
        ui.notice('wx.showActionSheet: 最多 6 项 / at most 6 items')
        return failed(o, 'showActionSheet', 'parameter error: itemList should not be large than 6')
      }
      ui.actionSheet(o).then((index) =>
        index < 0 ? failed(o, 'showActionSheet', 'cancel') : done(o, 'showActionSheet', { tapIndex: index }))
    },

    // WeChat, played by the sandbox
    login(o) {
      pickSandboxUser('以哪位沙箱用户登录？ Log in as which sandbox user?').then((name) =>
        name ? done(o, 'login', { code: 'sandbox:' + name }) : failed(o, 'login', 'cancel'))
    },
    checkSession: (o) => done(o, 'checkSession', {}),
    requestPayment,
    navigateToMiniProgram: (o) => navigateToMiniProgram(o, shell),
    requestSubscribeMessage,
    getWeRunData: privacyApi('getWeRunData', getWeRunData),

    // privacy consent
    onNeedPrivacyAuthorization: (listener) => {
      privacy.listener = listener
    },
    getPrivacySetting: (o) => done(o, 'getPrivacySetting', {
      needAuthorization: !privacyAgreed(),
      privacyContractName: '《Redcover小程序隐私保护指引》',
    }),
    requirePrivacyAuthorize: privacyApi('requirePrivacyAuthorize', (o) => done(o, 'requirePrivacyAuthorize', {})),
    /** WeChat's page of the guideline: here the server's privacy policy, in a new tab. */
    openPrivacyContract(o) {
      window.open(absolute('/privacy'), '_blank')
      return done(o, 'openPrivacyContract', {})
    },
    getSetting: (o) => done(o, 'getSetting', { authSetting: {} }),
    showShareMenu: (o) => done(o, 'showShareMenu', {}),
    hideShareMenu: (o) => done(o, 'hideShareMenu', {}),
    setClipboardData(o) {
      const write = navigator.clipboard ? navigator.clipboard.writeText(o.data) : Promise.resolve()
      write.catch(() => null).then(() => done(o, 'setClipboardData', {}))
    },
    vibrateShort: (o) => done(o, 'vibrateShort', {}),

    // navigation (shell.js)
    navigateTo: (o) => shell.navigateTo(o),
    redirectTo: (o) => shell.redirectTo(o),
    switchTab: (o) => shell.switchTab(o),
    reLaunch: (o) => shell.reLaunch(o),
    navigateBack: (o) => shell.navigateBack(o || {}),
    setNavigationBarTitle: (o) => done(o, 'setNavigationBarTitle', shell.setTitle(o.title)),
    setTabBarItem: (o) => done(o, 'setTabBarItem', shell.setTabBarItem(o)),
    stopPullDownRefresh: (o) => done(o, 'stopPullDownRefresh', shell.stopPullDownRefresh()),
    startPullDownRefresh: (o) => done(o, 'startPullDownRefresh', shell.pullDownRefresh()),
    pageScrollTo: (o) => done(o, 'pageScrollTo', shell.scrollTo(o.scrollTop || 0)),
    getLaunchOptionsSync: () => shell.launchOptions(),
    getEnterOptionsSync: () => shell.launchOptions(),

    // the device
    getSystemInfoSync: systemInfo,
    getSystemInfo: (o) => done(o, 'getSystemInfo', systemInfo()),
    getWindowInfo: systemInfo,
    getDeviceInfo: systemInfo,
    getAppBaseInfo: () => ({ language: appLanguage(), SDKVersion: SDK_VERSION, version: '8.0.50', theme: 'light' }),
    // A mini-program in DevTools runs as the development version, with no version number.
    getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 26, right: 368, bottom: 58, left: 281 }),
    nextTick: (fn) => setTimeout(fn, 0),
    createSelectorQuery: () => ({ in: (context) => context.createSelectorQuery() }),
    createAnimation: (defaults) => createAnimation(defaults),
    onAppShow: () => null,
    offAppShow: () => null,
    onAppHide: () => null,
    offAppHide: () => null,
    onNetworkStatusChange: () => null,
    getUpdateManager: () => ({ onCheckForUpdate: () => null, onUpdateReady: () => null, onUpdateFailed: () => null }),
  }
  api.canIUse = (name) => String(name).split('.')[0] in api

  // Anything else: a visible notice, and the call fails as WeChat's would.
  return new Proxy(api, {
    get(target, key) {
      if (typeof key !== 'string' || key in target) return target[key]
      return (options) => {
        ui.notice('预览不支持 wx.' + key + ' / wx.' + key + ' is not supported in the preview')
        if (options && typeof options === 'object') failed(options, key, 'not supported in the preview')
        return undefined
      }
    },
  })
}

// wx.createAnimation: records each step's styles and transition as WeChat exports them ({ actions: [{ animates,
// option }] }); a <view animation="{{...}}"> plays them (builtins.js). Vant's collapse opens and closes with it.
const ANIMATED_STYLES = ['opacity', 'backgroundColor', 'width', 'height', 'left', 'right', 'top', 'bottom']
const TRANSFORMS = ['rotate', 'rotateX', 'rotateY', 'rotateZ', 'scale', 'scaleX', 'scaleY', 'translate', 'translateX',
  'translateY', 'skew', 'skewX', 'skewY', 'matrix']

function createAnimation(defaults) {
  const base = Object.assign({ duration: 400, timingFunction: 'linear', delay: 0, transformOrigin: '50% 50% 0' },
    defaults || {})
  const actions = []
  let animates = []
  const animation = {
    step(options) {
      const o = Object.assign({}, base, options || {})
      actions.push({ animates, option: { transition: { duration: o.duration, timingFunction: o.timingFunction,
        delay: o.delay }, transformOrigin: o.transformOrigin } })
      animates = []
      return animation
    },
    export() {
      const out = { actions: actions.splice(0) }
      return out
    },
  }
  ANIMATED_STYLES.forEach((name) => {
    animation[name] = (value) => {
      animates.push({ type: 'style', args: [name, typeof value === 'number' ? value + 'px' : value] })
      return animation
    }
  })
  TRANSFORMS.forEach((name) => {
    animation[name] = (...args) => {
      animates.push({ type: name, args })
      return animation
    }
  })
  return animation
}

module.exports = {
  create, toastWidth, pickSandboxUser, postJson, done, failed, storage: { get: getStorageSync },
  privacy: { gate: privacyGate, agreeButtonTapped }, pickAvatar,
}
