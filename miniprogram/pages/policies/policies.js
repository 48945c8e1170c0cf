const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const format = require('../../utils/format')

// A policy cancelled in its cooling-off period ended when its refund went through, not at the end it was sold with.
function period(p) {
  return p.cancelled_at ? i18n.t('policies.endedOn', { date: format.date(p.cancelled_at) }) : format.range(p.starts_at, p.ends_at)
}

function policyView(p) {
  return {
    policyNo: p.policy_no,
    productName: p.product_name,
    planName: p.plan_name,
    coverage: money.coverage(p.coverage_fen),
    status: i18n.label('policyStatus', p.status),
    active: p.status === 'active',
    source: i18n.label('policySource', p.source),
    meta: period(p) + ' · ' + i18n.t('common.policyNoShort', { no: p.policy_no }),
  }
}

Component({
  data: {
    t: i18n.page('policies'),
    loading: true,
    error: '',
    policies: [],
  },

  methods: {
    // A tab page: reload whenever it is shown, so a policy bought a moment ago is there
    // (and the words follow a language just picked on the Me page).
    onShow() {
      i18n.apply(this, 'policies')
      return this.load()
    },

    onReady() {
      i18n.title('policies')
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
