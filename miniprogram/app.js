const api = require('./utils/api')
const contract = require('./utils/contract')
const privacy = require('./utils/privacy')

App({
  onLaunch(options) {
    // WeChat holds back privacy APIs until the user agrees: our pop-up asks (utils/privacy.js).
    privacy.listen()
    // Opened from a friend's share: keep their token so our first login credits them.
    api.rememberShareToken(options && options.query)
  },

  onShow(options) {
    // Back from WeChat's signing page (auto-renewal): the order page waiting for it checks the order.
    contract.returned(options)
    api.rememberShareToken(options && options.query)
    // Every open counts for return-visit figures; a failure here must never bother the user.
    api.post('/api/v1/visits', { page: (options && options.path) || '' }).catch(() => null)
    // The server writes subscribe messages in the user's language: tell it which (once).
    api.reportLanguage()
  },
})
