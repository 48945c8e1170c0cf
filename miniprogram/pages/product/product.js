const api = require('../../utils/api')
const money = require('../../utils/money')
const labels = require('../../utils/labels')
const share = require('../../utils/share')

function planView(plan) {
  return {
    id: plan.id,
    name: plan.name,
    price: money.yuan(plan.premium_fen),
    period: labels.label(labels.PERIOD, plan.period),
    coverage: money.yuan(plan.coverage_fen),
    term: plan.term_days === 1 ? '1 day' : plan.term_days + ' days',
    ages: 'for ages ' + plan.age_min + ' to ' + plan.age_max,
    waiting: plan.waiting_period_days ? 'Illness is covered from ' + plan.waiting_period_days + ' days after you buy; accidents at once.' : '',
  }
}

Component({
  data: {
    loading: true,
    error: '',
    product: null,
    plans: [],
    selectedId: null,
    selected: null,
    openFaq: [],
  },

  methods: {
    onLoad(query) {
      this.code = query.code
      this.wantedPlanId = Number(query.plan_id) || null
      return this.load()
    },

    async load() {
      this.setData({ loading: true, error: '' })
      try {
        const product = await api.get('/api/v1/products/' + encodeURIComponent(this.code), { auth: false })
        const plans = (product.plans || []).map(planView)
        const selected = plans.find((p) => p.id === this.wantedPlanId) || plans[0] || null
        this.setData({
          loading: false,
          product: {
            name: product.name,
            category: labels.label(labels.CATEGORY, product.category),
            summary: product.summary,
            covered: product.covered || [],
            notCovered: product.not_covered || [],
            faq: product.faq || [],
          },
          plans,
          selectedId: selected && selected.id,
          selected,
        })
        wx.setNavigationBarTitle({ title: product.name })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    selectPlan(event) {
      const id = Number(event.currentTarget.dataset.id)
      this.setData({ selectedId: id, selected: this.data.plans.find((p) => p.id === id) })
    },

    onFaqChange(event) {
      this.setData({ openFaq: event.detail })
    },

    buy() {
      if (!this.data.selected) return
      wx.navigateTo({
        url: '/pages/order/order?code=' + encodeURIComponent(this.code) + '&plan_id=' + this.data.selectedId,
      })
    },

    onShareAppMessage() {
      const name = this.data.product ? this.data.product.name : 'Redcover'
      const path = '/pages/product/product?code=' + encodeURIComponent(this.code)
      return share.shareMessage(name + ': cover in plain words', path, 'product', this.code)
    },
  },
})
