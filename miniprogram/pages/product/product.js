const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const share = require('../../utils/share')
const agreement = require('../../utils/agreement')

function planView(plan) {
  return {
    id: plan.id,
    name: plan.name,
    price: money.price(plan.premium_fen, plan.period),
    terms: i18n.t('common.planLine', {
      coverage: money.coverage(plan.coverage_fen),
      term: i18n.t('common.term', { count: plan.term_days }),
      min: plan.age_min,
      max: plan.age_max,
    }),
    waiting: plan.waiting_period_days ? i18n.t('product.waitingPeriod', { days: plan.waiting_period_days }) : '',
  }
}

Component({
  data: {
    t: i18n.page('product'),
    loading: true,
    error: '',
    product: null,
    plans: [],
    selectedId: null,
    selected: null,
    openFaq: [],
    documents: [],
  },

  methods: {
    onLoad(query) {
      this.code = query.code
      this.wantedPlanId = Number(query.plan_id) || null
      i18n.apply(this, 'product')
      return this.load()
    },

    // The bar reads "Cover details" until the product's own name is known.
    onReady() {
      this.ready = true
      this.showTitle()
    },

    showTitle() {
      if (!this.ready) return
      if (this.data.product) wx.setNavigationBarTitle({ title: this.data.product.name })
      else i18n.title('product')
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
            category: i18n.label('category', product.category),
            summary: product.summary,
            covered: product.covered || [],
            notCovered: product.not_covered || [],
            faq: product.faq || [],
            insurer: product.insurer || null,
          },
          documents: agreement.documents(product),
          plans,
          selectedId: selected && selected.id,
          selected,
        })
        this.showTitle()
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    selectPlan(event) {
      const id = Number(event.currentTarget.dataset.id)
      this.setData({ selectedId: id, selected: this.data.plans.find((p) => p.id === id) })
    },

    openDocument(event) {
      agreement.open(this.data.documents[Number(event.currentTarget.dataset.index)])
    },

    callHotline() {
      const insurer = this.data.product && this.data.product.insurer
      if (insurer && insurer.hotline) wx.makePhoneCall({ phoneNumber: insurer.hotline })
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
      const title = this.data.product ? i18n.t('product.cardTitle', { name: this.data.product.name }) : i18n.t('common.shareTitle')
      const path = '/pages/product/product?code=' + encodeURIComponent(this.code)
      return share.shareMessage(title, path, 'product', this.code)
    },
  },
})
