const api = require('../../utils/api')
const money = require('../../utils/money')
const labels = require('../../utils/labels')
const format = require('../../utils/format')

function policyView(p) {
  return {
    policyNo: p.policy_no,
    productName: p.product_name,
    planName: p.plan_name,
    coverage: money.yuan(p.coverage_fen),
    status: labels.label(labels.POLICY_STATUS, p.status),
    active: p.status === 'active',
    source: labels.label(labels.POLICY_SOURCE, p.source),
    starts: format.date(p.starts_at),
    ends: format.date(p.ends_at),
  }
}

Component({
  data: {
    loading: true,
    error: '',
    policies: [],
  },

  methods: {
    // A tab page: reload whenever it is shown, so a policy bought a moment ago is there.
    onShow() {
      return this.load()
    },

    async load() {
      this.setData({ loading: !this.data.policies.length, error: '' })
      try {
        const policies = await api.get('/api/v1/policies')
        this.setData({ loading: false, policies: policies.map(policyView) })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    async onPullDownRefresh() {
      await this.load()
      wx.stopPullDownRefresh()
    },

    openPolicy(event) {
      wx.navigateTo({ url: '/pages/policy/policy?no=' + encodeURIComponent(event.currentTarget.dataset.no) })
    },

    goShop() {
      wx.switchTab({ url: '/pages/index/index' })
    },
  },
})
