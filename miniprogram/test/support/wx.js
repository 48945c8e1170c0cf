// A stand-in for the `wx` global: storage in memory, navigation and dialogs
// recorded, network calls handed to a function the test provides (a small fake
// backend in unit tests, the real server over HTTP in end-to-end tests).

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
 * createWx({ request, uploadFile, language }) -> { wx, storage, log, calls(name), answer(name, fn) }
 *
 * request(options) / uploadFile(options) return (or resolve to) the success result
 * ({ statusCode, data, header }) or { fail: { errMsg } }.
 * language: WeChat's own setting, "zh_CN" (the default), "en", "zh_TW"...; or our
 * "zh-CN" / "en", taken as WeChat's zh_CN / en.
 * answer(name, fn) decides what a dialog or device API returns, e.g.
 * answer('showModal', () => ({ confirm: false })).
 */
function createWx({ request, uploadFile, language } = {}) {
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
    getWeRunData: () => ({ encryptedData: 'real-werun-data', iv: 'real-iv' }),
  }

  function asyncApi(name) {
    return (opts = {}) => {
      log.push({ name, opts })
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
    stopPullDownRefresh: () => log.push({ name: 'stopPullDownRefresh', opts: {} }),
    getAppBaseInfo: () => ({ language: wechatLanguage, SDKVersion: '3.3.4', theme: 'light' }),
  }
  for (const name of [
    'login', 'showToast', 'showModal', 'showActionSheet', 'showLoading', 'hideLoading',
    'navigateTo', 'redirectTo', 'switchTab', 'navigateBack', 'reLaunch',
    'requestPayment', 'requestSubscribeMessage', 'chooseMedia', 'getWeRunData',
    'setClipboardData', 'previewImage', 'openSetting', 'setNavigationBarTitle', 'setTabBarItem',
  ]) {
    wx[name] = asyncApi(name)
  }

  return {
    wx,
    storage,
    log,
    calls: (name) => log.filter((entry) => entry.name === name).map((entry) => entry.opts),
    answer: (name, fn) => {
      answers[name] = fn
    },
  }
}

module.exports = { createWx }
