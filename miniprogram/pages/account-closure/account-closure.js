// Closing the account (注销): what it means, in plain words; what must finish first
// (GET /api/v1/me/closure: `blockers`, in the user's language); and, once nothing
// stands in the way, a tick, one more question, then POST /api/v1/me/closure
// {"confirm": true}. The server revokes every token of the account: the page forgets
// the login kept on the phone and starts the app again, logged out.

const api = require('../../utils/api')
const i18n = require('../../utils/i18n')
const dialog = require('../../utils/dialog')

const CLOSURE = '/api/v1/me/closure'

// Where a blocker's number is dealt with: a policy (P...) on its page (cancel it, turn renewal off), a claim
// (C...) on its page (follow or withdraw it). An order's or an envelope's line opens nothing.
const OPENS = [
  [/^P/, '/pages/policy/policy?no='],
  [/^C/, '/pages/claim/claim?no='],
]

/** A blocker as the page shows it: the server's words, and the page its number opens ('' for none). */
function blockerView(b) {
  const reference = b.reference || ''
  const opens = OPENS.find(([pattern]) => pattern.test(reference))
  return { message: b.message, url: opens ? opens[1] + encodeURIComponent(reference) : '' }
}

Component({
  data: {
    t: i18n.page('account-closure'),
    loading: true,
    error: '',
    closable: false,
    blockers: [],
    // The user's own tick: never made for them, and the only way to the button.
    acknowledged: false,
    busy: false,
  },

  methods: {
    onLoad() {
      i18n.apply(this, 'account-closure')
    },

    // Asked again each time the page shows: back from a policy just cancelled, the blocker may be gone.
    onShow() {
      return this.load()
    },

    onReady() {
      i18n.title('account-closure')
    },

    async load() {
      this.setData({ loading: !this.loaded, error: '' })
      try {
        const closure = await api.get(CLOSURE)
        this.loaded = true
        this.show(!!closure.closable, closure.blockers)
        this.setData({ loading: false })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    show(closable, blockers) {
      this.setData({
        closable,
        blockers: (blockers || []).map(blockerView),
        acknowledged: closable && this.data.acknowledged,
      })
    },

    toggleAcknowledged() {
      this.setData({ acknowledged: !this.data.acknowledged })
    },

    openBlocker(event) {
      const url = event.currentTarget.dataset.url
      if (url) wx.navigateTo({ url })
    },

    // The insurers' hotlines, where the records kept after closing can be asked for.
    openHelp() {
      wx.navigateTo({ url: '/pages/help/help' })
    },

    async close() {
      if (this.data.busy || !this.data.closable || !this.data.acknowledged) return
      const ok = await dialog.confirm(
        i18n.t('account-closure.confirmTitle'),
        i18n.t('account-closure.confirmContent'),
        i18n.t('account-closure.confirm'),
        i18n.t('common.keep'),
      )
      if (!ok) return
      this.setData({ busy: true })
      try {
        await api.post(CLOSURE, { confirm: true })
      } catch (err) {
        this.setData({ busy: false })
        api.showError(err)
        // 409 account_not_closable: something started meanwhile (a policy bought on another phone). Show what.
        if (err.code === 'account_not_closable' && Array.isArray(err.details.blockers)) this.show(false, err.details.blockers)
        else if (err.status === 409) await this.load()
        return
      }
      // Closed for good, its token already dead: nothing more to ask the server as this user.
      api.forgetLogin()
      wx.showToast({ title: i18n.t('account-closure.closed'), icon: 'success' })
      wx.reLaunch({ url: '/pages/index/index' })
    },
  },
})
