const api = require('../../utils/api')
const money = require('../../utils/money')
const labels = require('../../utils/labels')

/** A product as the shop shows it: cheapest price first, the most cover it can give. */
function productCard(product) {
  const plans = product.plans || []
  const cheapest = plans.reduce((best, plan) => (!best || plan.premium_fen < best.premium_fen ? plan : best), null)
  const maxCoverage = plans.reduce((max, plan) => Math.max(max, plan.coverage_fen), 0)
  return {
    code: product.code,
    name: product.name,
    summary: product.summary,
    category: labels.label(labels.CATEGORY, product.category),
    pricePrefix: plans.length > 1 ? 'From ' : '',
    price: money.yuan(cheapest.premium_fen),
    period: labels.label(labels.PERIOD, cheapest.period),
    maxCoverage: money.yuan(maxCoverage),
  }
}

Component({
  data: {
    loading: true,
    error: '',
    products: [],
  },

  methods: {
    onLoad() {
      return this.load()
    },

    async load() {
      this.setData({ loading: true, error: '' })
      try {
        const products = await api.get('/api/v1/products', { auth: false })
        // Gift cover is what red envelopes carry: it is given, not bought in the shop.
        const onSale = products.filter((p) => p.category !== 'gift' && (p.plans || []).length > 0)
        this.setData({ loading: false, products: onSale.map(productCard) })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    async onPullDownRefresh() {
      await this.load()
      wx.stopPullDownRefresh()
    },

    openProduct(event) {
      const code = event.currentTarget.dataset.code
      wx.navigateTo({ url: '/pages/product/product?code=' + encodeURIComponent(code) })
    },

    openEnvelopeSend() {
      wx.navigateTo({ url: '/pages/envelope-send/envelope-send' })
    },

    openCoupons() {
      wx.navigateTo({ url: '/pages/coupons/coupons' })
    },

    openRewards() {
      wx.navigateTo({ url: '/pages/rewards/rewards' })
    },

    onShareAppMessage() {
      return { title: 'Redcover: cheap cover in plain words', path: '/pages/index/index' }
    },
  },
})
