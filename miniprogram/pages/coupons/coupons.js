const api = require('../../utils/api')
const money = require('../../utils/money')
const labels = require('../../utils/labels')
const format = require('../../utils/format')

function couponView(c) {
  return {
    id: c.id,
    name: c.name,
    discount: money.yuan(c.discount_fen),
    scope: c.category ? 'For ' + labels.label(labels.CATEGORY, c.category).toLowerCase() + ' cover' : 'For any cover',
    validUntil: format.date(c.valid_until),
    status: labels.label(labels.COUPON_STATUS, c.status),
  }
}

Component({
  data: {
    loading: true,
    error: '',
    usable: [],
    others: [],
  },

  methods: {
    onShow() {
      return this.load()
    },

    async load() {
      this.setData({ loading: !(this.data.usable.length || this.data.others.length), error: '' })
      try {
        const coupons = await api.get('/api/v1/coupons')
        this.setData({
          loading: false,
          usable: coupons.filter((c) => c.status === 'available').map(couponView),
          others: coupons.filter((c) => c.status !== 'available').map(couponView),
        })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    async onPullDownRefresh() {
      await this.load()
      wx.stopPullDownRefresh()
    },

    // Coupons are picked at checkout: take the user to the shop.
    use() {
      wx.switchTab({ url: '/pages/index/index' })
    },
  },
})
