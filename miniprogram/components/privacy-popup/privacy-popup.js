// Our pop-up for WeChat's privacy consent: WeChat asks (utils/privacy.js hands the request
// here), the user reads what we use and why, with the guideline a tap away, and agrees or
// not. Agreeing lets the held-back call go on; not agreeing says plainly what cannot be
// done and how to agree later, and everything else keeps working.
// Put <privacy-popup /> on every page that calls a privacy API (app.json registers it).

const i18n = require('../../utils/i18n')
const privacy = require('../../utils/privacy')

Component({
  data: {
    t: i18n.page('privacy-popup'),
    shown: false,
    // 'ask': the question; 'refused': what not agreeing means.
    state: 'ask',
    contractName: '',
    agreeId: privacy.AGREE_BUTTON_ID,
  },

  lifetimes: {
    attached() {
      // WeChat's requests waiting for an answer (one per held-back call).
      this.pending = []
      privacy.attach(this)
    },
    detached() {
      privacy.detach(this)
      // The page went away unanswered: the held-back calls fail, and WeChat asks again next time.
      this.answer({ event: 'disagree' })
    },
  },

  methods: {
    /** WeChat held back a privacy API (`referrer` names it): ask the user. */
    async ask(resolve, referrer) {
      this.pending.push(resolve)
      this.referrer = referrer
      i18n.apply(this, 'privacy-popup')
      this.setData({ shown: true, state: 'ask' })
      // WeChat wants to know the pop-up was shown before the answer.
      resolve({ event: 'exposureAuthorization' })
      const { name } = await privacy.setting()
      this.setData({ contractName: name })
    },

    answer(result) {
      const pending = this.pending || []
      this.pending = []
      pending.forEach((resolve) => resolve(result))
    },

    openContract() {
      wx.openPrivacyContract({})
    },

    /** bindagreeprivacyauthorization: WeChat saw the tap on our agree button. */
    onAgree() {
      this.answer({ event: 'agree', buttonId: privacy.AGREE_BUTTON_ID })
      this.setData({ shown: false })
    },

    onDisagree() {
      this.answer({ event: 'disagree' })
      this.setData({ state: 'refused' })
    },

    close() {
      this.setData({ shown: false, state: 'ask' })
    },
  },
})
