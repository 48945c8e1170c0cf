// A stand-in for the `wx` global: storage in memory, navigation and dialogs
// recorded, network calls handed to a function the test provides (a small fake
// backend in unit tests, the real server over HTTP in end-to-end tests).
//
// It keeps WeChat's documented limits, as a phone does: a dialog WeChat would drop
// fails here too, and every breach is recorded; test/support/limits.js fails the test
// that made one, even when the page swallowed the failure (as dialog.confirm does,
// reading it as "no"). The limits:
// - showModal: confirmText and cancelText at most 4 characters (JS string length), and
//   named: unnamed, WeChat puts its own words in the phone's language, which may be longer;
// - showActionSheet: at most 6 items;
// - showToast with an icon (success, the default, error or loading): the title at most
//   7 Chinese characters wide (a Latin letter or digit is half of one).
//
// It also holds back privacy APIs as WeChat does (basic library 2.32.3+) until the user has
// agreed to the privacy guideline: a call made before that fires the listener given to
// wx.onNeedPrivacyAuthorization and waits for its resolve({ event: 'agree', buttonId }) (the call
// goes on) or resolve({ event: 'disagree' }) (it fails: "<api>:fail privacy permission is not
// authorized", errno 104). Without a listener it fails the same way. createWx({ privacyAgreed: false })
// is a user who has not agreed yet; by default they have, so a test about something else is not asked.

const MODAL_BUTTON_MAX = 4
const ACTION_SHEET_MAX_ITEMS = 6
const TOAST_ICON_TITLE_MAX_WIDTH = 7

// The APIs WeChat holds back until the user agrees to the privacy guideline (the ones we call).
const PRIVACY_APIS = ['chooseMedia', 'chooseImage', 'chooseMessageFile', 'getWeRunData']
const PRIVACY_REFUSED = 'privacy permission is not authorized'

// Breaches of WeChat's limits since the last takeViolations().
let violations = []

/** Every breach recorded since the last call (and forget them). */
function takeViolations() {
  const taken = violations
  violations = []
  return taken
}

/** How wide WeChat draws `text`, in Chinese characters (a half-width character is 1/2). */
function width(text) {
  let total = 0
  for (const ch of String(text)) total += /[\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 1 : 0.5
  return total
}

/** What WeChat would refuse or cut short in a call to `name`: a reason, or ''. */
function breach(name, opts) {
  if (name === 'showModal') {
    const buttons = opts.showCancel === false ? ['confirmText'] : ['confirmText', 'cancelText']
    for (const button of buttons) {
      if (typeof opts[button] !== 'string') return button + ' not named (WeChat would use its own words, in the phone\'s language)'
      if (opts[button].length > MODAL_BUTTON_MAX) return button + ' "' + opts[button] + '" is over ' + MODAL_BUTTON_MAX + ' characters'
    }
  }
  if (name === 'showActionSheet' && (opts.itemList || []).length > ACTION_SHEET_MAX_ITEMS) {
    return 'itemList has ' + opts.itemList.length + ' items, over ' + ACTION_SHEET_MAX_ITEMS
  }
  if (name === 'showToast' && (opts.icon || 'success') !== 'none' && !opts.image && width(opts.title || '') > TOAST_ICON_TITLE_MAX_WIDTH) {
    return 'title "' + opts.title + '" is ' + width(opts.title) + ' Chinese characters wide, over ' + TOAST_ICON_TITLE_MAX_WIDTH + ' with an icon'
  }
  return ''
}

function later(fn) {
  setTimeout(fn, 0)
}

function settle(opts, outcome) {
  later(() => {
    if (outcome && outcome.fail) {
      if (opts.fail) opts.fail(outcome.fail)
      if (opts.complete) opts.complete(outcome.fail)
    } else {
      if (opts.success) opts.success(outcome)
      if (opts.complete) opts.complete(outcome)
    }
  })
}

/**
 * createWx({ request, uploadFile, downloadFile, language, privacyAgreed })
 *   -> { wx, storage, log, privacy, calls(name), answer(name, fn) }
 *
 * request(options) / uploadFile(options) / downloadFile(options) return (or resolve to) the success result
 * ({ statusCode, data, header }) or { fail: { errMsg } }.
 * language: WeChat's own setting, "zh_CN" (the default), "en", "zh_TW"...; or our
 * "zh-CN" / "en", taken as WeChat's zh_CN / en.
 * answer(name, fn) decides what a dialog or device API returns, e.g.
 * answer('showModal', () => ({ confirm: false })).
 */
function createWx({ request, uploadFile, downloadFile, language, privacyAgreed = true } = {}) {
  const wechatLanguage = language === undefined || language === 'zh-CN' ? 'zh_CN' : language
  const storage = new Map()
  const log = []
  const answers = {
    login: () => ({ code: 'wx-login-code', errMsg: 'login:ok' }),
    showModal: () => ({ confirm: true, cancel: false }),
    showActionSheet: () => ({ tapIndex: 0 }),
    requestPayment: () => ({ errMsg: 'requestPayment:ok' }),
    requestSubscribeMessage: () => ({ errMsg: 'requestSubscribeMessage:ok' }),
    chooseMedia: () => ({ tempFiles: [] }),
    chooseMessageFile: () => ({ tempFiles: [] }),
    getWeRunData: () => ({ encryptedData: 'real-werun-data', iv: 'real-iv' }),
  }

  // What WeChat keeps about the user's agreement, and what our listener answered (in order).
  const privacy = { agreed: privacyAgreed, listener: null, answers: [], contractName: '《Redcover小程序隐私保护指引》' }

  /** Run `go` once the user has agreed; ask the listener first if they have not. */
  function gated(name, opts, go) {
    if (privacy.agreed) return go()
    const refuse = () => settle(opts, { fail: { errMsg: name + ':fail ' + PRIVACY_REFUSED, errno: 104 } })
    if (!privacy.listener) return refuse()
    let settled = false
    return privacy.listener((answer) => {
      privacy.answers.push(Object.assign({ api: name }, answer))
      if (settled || !answer || answer.event === 'exposureAuthorization') return
      settled = true
      if (answer.event === 'agree' && answer.buttonId) {
        privacy.agreed = true
        go()
      } else refuse()
    }, { referrer: name })
  }

  function asyncApi(name) {
    return (opts = {}) => {
      log.push({ name, opts })
      if (PRIVACY_APIS.includes(name)) return gated(name, opts, () => settle(opts, answers[name] ? answers[name](opts) : { errMsg: name + ':ok' }))
      const reason = breach(name, opts)
      if (reason) {
        violations.push('wx.' + name + ': ' + reason)
        if (name !== 'showToast') return settle(opts, { fail: { errMsg: name + ':fail ' + reason } })
      }
      const answer = answers[name]
      settle(opts, answer ? answer(opts) : { errMsg: name + ':ok' })
    }
  }

  function network(name, handler) {
    return (opts = {}) => {
      log.push({ name, opts })
      if (!handler) throw new Error('wx.' + name + ' was called but this test gave no handler: ' + opts.url)
      Promise.resolve()
        .then(() => handler(opts))
        .then(
          (outcome) => settle(opts, outcome),
          (err) => settle(opts, { fail: { errMsg: name + ':fail ' + err.message } }),
        )
      return { abort() {} }
    }
  }

  const wx = {
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => {
      storage.set(key, value)
    },
    removeStorageSync: (key) => {
      storage.delete(key)
    },
    request: network('request', request),
    uploadFile: network('uploadFile', uploadFile),
    downloadFile: network('downloadFile', downloadFile),
    getDeviceInfo: () => ({ platform: 'devtools', system: 'iOS 17.0', model: 'iPhone' }),
    stopPullDownRefresh: () => log.push({ name: 'stopPullDownRefresh', opts: {} }),
    getAppBaseInfo: () => ({ language: wechatLanguage, SDKVersion: '3.3.4', theme: 'light' }),
    onNeedPrivacyAuthorization: (listener) => {
      // WeChat keeps one listener: the last one registered.
      privacy.listener = listener
    },
    getPrivacySetting: (opts = {}) => {
      log.push({ name: 'getPrivacySetting', opts })
      settle(opts, { needAuthorization: !privacy.agreed, privacyContractName: privacy.contractName, errMsg: 'getPrivacySetting:ok' })
    },
    requirePrivacyAuthorize: (opts = {}) => {
      log.push({ name: 'requirePrivacyAuthorize', opts })
      gated('requirePrivacyAuthorize', opts, () => settle(opts, { errMsg: 'requirePrivacyAuthorize:ok' }))
    },
  }
  for (const name of [
    'login', 'showToast', 'showModal', 'showActionSheet', 'showLoading', 'hideLoading',
    'navigateTo', 'redirectTo', 'switchTab', 'navigateBack', 'reLaunch',
    'requestPayment', 'requestSubscribeMessage', 'chooseMedia', 'chooseMessageFile', 'getWeRunData',
    'openDocument', 'makePhoneCall', 'navigateToMiniProgram', 'openPrivacyContract',
    'setClipboardData', 'previewImage', 'openSetting', 'setNavigationBarTitle', 'setTabBarItem',
  ]) {
    wx[name] = asyncApi(name)
  }

  return {
    wx,
    storage,
    log,
    privacy,
    calls: (name) => log.filter((entry) => entry.name === name).map((entry) => entry.opts),
    answer: (name, fn) => {
      answers[name] = fn
    },
  }
}

module.exports = { createWx, takeViolations, breach }
