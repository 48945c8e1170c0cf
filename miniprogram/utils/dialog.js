/** Ask the user a yes/no question; resolves true when they confirm. */
function confirm(title, content, confirmText, cancelText) {
  return new Promise((resolve) => {
    wx.showModal({
      title,
      content,
      confirmText: confirmText || 'OK',
      cancelText: cancelText || 'Cancel',
      success: (res) => resolve(!!res.confirm),
      fail: () => resolve(false),
    })
  })
}

module.exports = { confirm }
