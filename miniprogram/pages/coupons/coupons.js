const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const format = require('../../utils/format')

function couponView(c) {
  const scope = i18n.t('coupons.scope.' + (c.category || 'any'))
  const useBy = c.valid_until ? i18n.t('coupons.useBy', { date: format.date(c.valid_until) }) : ''
  return {
    id: c.id,
    name: c.name,
    value: i18n.t('coupons.value', money.forms(c.discount_fen)),
    // Ready to use: what for and until when; otherwise what became of it.
    detail: c.status === 'available' ? [scope, useBy].filter(Boolean).join(' · ') : scope + ' · ' + i18n.label('couponStatus', c.status),
  }
}

Component({
  data: {
    t: i18n.page('coupons'),
    loading: true,
    error: '',
    usable: [],
    others: [],
  },

  methods: {
    onLoad() {
      i18n.apply(this, 'coupons')
    },

    onReady() {
      i18n.title('coupons')
    },

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
