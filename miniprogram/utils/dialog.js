const i18n = require('./i18n')

/**
 * Ask the user a yes/no question; resolves true when they confirm. Both buttons are
 * always named: WeChat drops a dialog whose button text is over 4 characters, and fills
 * unnamed buttons with defaults in the phone's language, which may be longer.
 */
function confirm(title, content, confirmText, cancelText) {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      content,
      confirmText: confirmText || i18n.t('common.ok'),
      cancelText: cancelText || i18n.t('common.back'),
      success: (res) => resolve(!!res.confirm),
      fail: () => resolve(false),
    })
  })
}

module.exports = { confirm }
