// WeChat's privacy consent (《小程序用户隐私保护指引》, basic library 2.32.3+). WeChat holds
// back a privacy API (the phone-number button, choosing photos or chat files, WeRun) until
// the user agrees to our guideline, and asks us, through wx.onNeedPrivacyAuthorization, to
// show our own pop-up. The listener is registered once (app.js); it hands the request to
// the pop-up of the page on top (components/privacy-popup), which answers WeChat with
// resolve({ event: 'agree', buttonId }) or resolve({ event: 'disagree' }).
// WeChat documents it in "小程序隐私协议开发指南":
// https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html

// The agree button's id: WeChat checks that the button with this id was tapped.
const AGREE_BUTTON_ID = 'privacy-agree'

// Pop-ups of the pages alive, in the order they attached: the last is on the page on top.
const popups = []
let listening = false

/** Listen for WeChat's requests once; an older WeChat without the API has nothing to gate. */
function listen() {
  if (listening || typeof wx.onNeedPrivacyAuthorization !== 'function') return
  listening = true
  wx.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    const popup = popups[popups.length - 1]
    // A page without the pop-up cannot ask: the call fails as a refusal would, and WeChat asks again next time.
    if (!popup) return resolve({ event: 'disagree' })
    return popup.ask(resolve, (eventInfo && eventInfo.referrer) || '')
  })
}

function attach(popup) {
  popups.push(popup)
}

function detach(popup) {
  const index = popups.indexOf(popup)
  if (index >= 0) popups.splice(index, 1)
}

/**
 * Resolves { known, needed, name }: whether WeChat could say (an older WeChat has no such check), whether it
 * still waits for the user's agreement, and the guideline's title.
 */
function setting() {
  const unknown = { known: false, needed: false, name: '' }
  return new Promise((resolve) => {
    if (typeof wx.getPrivacySetting !== 'function') return resolve(unknown)
    return wx.getPrivacySetting({
      success: (res) => resolve({ known: true, needed: !!res.needAuthorization, name: res.privacyContractName || '' }),
      fail: () => resolve(unknown),
    })
  })
}

/** Ask now (the pop-up shows if the user has not agreed yet): resolves true once agreed. */
function ask() {
  return new Promise((resolve) => {
    if (typeof wx.requirePrivacyAuthorize !== 'function') return resolve(true)
    return wx.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
  })
}

/** A privacy API failed because the user did not agree (the pop-up has already told them why). */
function refused(res) {
  return !!res && (res.errno === 104 || /privacy permission is not authorized/.test(String(res.errMsg || '')))
}

module.exports = { AGREE_BUTTON_ID, listen, attach, detach, setting, ask, refused }
