const api = require('../../utils/api')
const money = require('../../utils/money')
const labels = require('../../utils/labels')
const format = require('../../utils/format')
const dialog = require('../../utils/dialog')

function policyView(p) {
  return {
    policyNo: p.policy_no,
    productName: p.product_name,
    planName: p.plan_name,
    coverage: money.yuan(p.coverage_fen),
    premium: p.premium_fen ? money.yuan(p.premium_fen) : '',
    status: labels.label(labels.POLICY_STATUS, p.status),
    active: p.status === 'active',
    // Only cover you bought yourself can be cancelled for a refund (the server checks the 15 days).
    cancellable: p.status === 'active' && p.source === 'purchase',
    source: labels.label(labels.POLICY_SOURCE, p.source),
    insuredName: p.insured_name || '',
    insuredId: p.insured_id_number || '',
    starts: format.dateTime(p.starts_at),
    ends: format.dateTime(p.ends_at),
    illnessFrom: p.waiting_period_days ? format.date(p.illness_cover_starts_at) : '',
    covered: p.covered || [],
    notCovered: p.not_covered || [],
  }
}

Component({
  data: {
    loading: true,
    error: '',
    policy: null,
    busy: false,
  },

  methods: {
    onLoad(query) {
      this.policyNo = query.no
      return this.load()
    },

    async load() {
      this.setData({ loading: true, error: '' })
      try {
        const policy = await api.get('/api/v1/policies/' + encodeURIComponent(this.policyNo))
        this.setData({ loading: false, policy: policyView(policy) })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    claim() {
      wx.navigateTo({ url: '/pages/claim-new/claim-new?policy_no=' + encodeURIComponent(this.policyNo) })
    },

    async cancel() {
      if (this.data.busy) return
      const ok = await dialog.confirm('Cancel this policy?', 'Your cover stops now and the price you paid is refunded to your WeChat wallet.', 'Cancel policy', 'Keep it')
      if (!ok) return
      this.setData({ busy: true })
      try {
        await api.post('/api/v1/policies/' + encodeURIComponent(this.policyNo) + '/cancel')
        wx.showToast({ title: 'Refund on its way', icon: 'none' })
        await this.load()
      } catch (err) {
        api.showError(err)
      } finally {
        this.setData({ busy: false })
      }
    },
  },
})
