const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')

/** A product as the shop shows it: cheapest price first, the most cover it can give. */
function productCard(product) {
  const plans = product.plans || []
  const cheapest = plans.reduce((best, plan) => (!best || plan.premium_fen < best.premium_fen ? plan : best), null)
  const maxCoverage = plans.reduce((max, plan) => Math.max(max, plan.coverage_fen), 0)
  return {
    code: product.code,
    name: product.name,
    summary: product.summary,
    category: i18n.label('category', product.category),
    price: money.price(cheapest.premium_fen, cheapest.period, plans.length > 1),
    maxCoverage: i18n.t('index.coverUpTo', { coverage: money.coverage(maxCoverage) }),
  }
}

// Storage key: the first-use privacy notice has been read and closed.
const PRIVACY_SEEN = 'rc_privacy_notice_seen'

Component({
  data: {
    t: i18n.page('index'),
    loading: true,
    error: '',
    products: [],
    // First use: before anything logs in, say how we use personal data and link the policy.
    privacyNotice: false,
  },

  methods: {
    onLoad() {
      this.onSale = null
      this.setData({ privacyNotice: !wx.getStorageSync(PRIVACY_SEEN) })
      return this.load()
    },

    onReady() {
      i18n.title('index')
    },

    // A tab page stays alive while the language changes on the Me page: its words change at once, and the
    // products, whose names and summaries the server wrote in the old language, are asked for again.
    onShow() {
      i18n.apply(this, 'index')
      if (this.onSale && this.loadedIn !== i18n.current()) return this.load()
      if (this.onSale) this.showProducts()
    },

    async load() {
      this.setData({ loading: true, error: '' })
      try {
        const language = i18n.current()
        const products = await api.get('/api/v1/products', { auth: false })
        this.loadedIn = language
        // Gift cover is what red envelopes carry: it is given, not bought in the shop.
        this.onSale = products.filter((p) => p.category !== 'gift' && (p.plans || []).length > 0)
        this.setData({ loading: false })
        this.showProducts()
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    openPrivacy() {
      wx.navigateTo({ url: '/pages/document/document?privacy=1' })
    },

    closePrivacyNotice() {
      wx.setStorageSync(PRIVACY_SEEN, '1')
      this.setData({ privacyNotice: false })
    },

    showProducts() {
      this.setData({ products: this.onSale.map(productCard) })
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
      return { title: i18n.t('common.shareTitle'), path: '/pages/index/index' }
    },
  },
})
