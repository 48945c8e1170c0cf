// Monthly auto-renewal: WeChat Pay's insurance contract deduction (保险自动续费). The order's
// `contract` is opened on WeChat's signing page (another mini-program); WeChat brings the user
// back through App.onShow, whose referrerInfo names the signing app. Whether they signed is the
// order's to say (signing pays the first month), never the signing app's extraData.

const api = require('./api')
const i18n = require('./i18n')

// The signing page we opened and are waiting to come back from: { appId, resolve }.
let pending = null

/**
 * Open WeChat's signing page for `contract` ({pre_entrustweb_id, redirect_appid, redirect_path}).
 * Resolves when the user is back in our app (with the signing app's extraData, or null when they
 * left with the back arrow); rejects when the page could not be opened (code "sign_cancelled" when
 * the user declined to open it).
 */
function sign(contract) {
  return new Promise((resolve, reject) => {
    wx.navigateToMiniProgram({
      appId: contract.redirect_appid,
      path: contract.redirect_path,
      extraData: { pre_entrustweb_id: contract.pre_entrustweb_id },
      success: () => {
        pending = { appId: contract.redirect_appid, resolve }
      },
      fail: (err) => {
        const cancelled = /cancel/.test((err && err.errMsg) || '')
        reject(new api.ApiError(0, cancelled ? 'sign_cancelled' : 'sign_failed', i18n.t('contract.signFailed'), {}))
      },
    })
  })
}

/** App.onShow: back from the signing page? Then the page waiting for it goes on. */
function returned(options) {
  const info = options && options.referrerInfo
  if (!pending || !info || info.appId !== pending.appId) return false
  const waiting = pending
  pending = null
  waiting.resolve(info.extraData || null)
  return true
}

function waiting() {
  return !!pending
}

module.exports = { sign, returned, waiting }
