const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const format = require('../../utils/format')

const ENDED_WELL = ['paid', 'approved']
const ENDED_BADLY = ['rejected', 'withdrawn']

function claimView(c) {
  return {
    claimNo: c.claim_no,
    title: c.kind ? i18n.label('claimKind', c.kind) : i18n.t('claims.claimFallback'),
    state: i18n.label('claimState', c.state),
    tagType: ENDED_WELL.includes(c.state) ? 'success' : ENDED_BADLY.includes(c.state) ? 'default' : c.state === 'more_info_required' ? 'danger' : 'primary',
    claimed: Number.isInteger(c.claimed_fen) ? i18n.t('claims.claimed', { amount: money.amount(c.claimed_fen) }) : '',
    claimNoLine: i18n.t('claims.claimNo', { no: c.claim_no }),
    sentOn: c.created_at ? i18n.t('claims.sentOn', { date: format.date(c.created_at) }) : '',
  }
}

Component({
  data: {
    t: i18n.page('claims'),
    loading: true,
    error: '',
    claims: [],
  },

  methods: {
    // A tab page: reload whenever it is shown (and follow a language just picked on Me).
    onShow() {
      i18n.apply(this, 'claims')
      return this.load()
    },

    onReady() {
      i18n.title('claims')
    },

    async load() {
      this.setData({ loading: !this.data.claims.length, error: '' })
      try {
        const claims = await api.get('/api/v1/claims')
        this.setData({ loading: false, claims: claims.map(claimView) })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    async onPullDownRefresh() {
      await this.load()
      wx.stopPullDownRefresh()
    },

    openClaim(event) {
      wx.navigateTo({ url: '/pages/claim/claim?no=' + encodeURIComponent(event.currentTarget.dataset.no) })
    },

    newClaim() {
      wx.navigateTo({ url: '/pages/claim-new/claim-new' })
    },
  },
})
