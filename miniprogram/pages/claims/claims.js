const api = require('../../utils/api')
const money = require('../../utils/money')
const labels = require('../../utils/labels')
const format = require('../../utils/format')

const ENDED_WELL = ['paid', 'approved']
const ENDED_BADLY = ['rejected', 'withdrawn']

function claimView(c) {
  return {
    claimNo: c.claim_no,
    title: c.kind ? labels.label(labels.CLAIM_KIND, c.kind) : 'Claim',
    state: labels.label(labels.CLAIM_STATE, c.state),
    tagType: ENDED_WELL.includes(c.state) ? 'success' : ENDED_BADLY.includes(c.state) ? 'default' : c.state === 'more_info_required' ? 'danger' : 'primary',
    amount: Number.isInteger(c.claimed_fen) ? money.yuan(c.claimed_fen) : '',
    submitted: format.date(c.created_at),
  }
}

Component({
  data: {
    loading: true,
    error: '',
    claims: [],
  },

  methods: {
    onShow() {
      return this.load()
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
