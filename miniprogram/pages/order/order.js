const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const insuredForm = require('../../utils/insured')
const payment = require('../../utils/pay')
const { poll } = require('../../utils/poll')

function isFinal(order) {
  return (order.status === 'fulfilled' && !!order.policy_no) || order.status === 'closed' || order.status === 'refunded'
}

/** A coupon this plan can use: ready to use, for this kind of cover (or any), not expired. */
function usable(coupon, category, now) {
  if (coupon.status !== 'available') return false
  if (coupon.category && coupon.category !== category) return false
  return !coupon.valid_until || Date.parse(coupon.valid_until) > now
}

Component({
  data: {
    t: i18n.page('order'),
    loading: true,
    error: '',
    product: null,
    plan: null,
    name: '',
    idNumber: '',
    errors: { name: '', idNumber: '' },
    coupons: [],
    couponChoices: [],
    couponIndex: 0,
    totals: { premium: '', discount: '', toPay: '' },
    // form -> (unpaid) -> waiting -> done | slow | closed
    stage: 'form',
    busy: false,
    policyNo: '',
  },

  methods: {
    onLoad(query) {
      this.code = query.code
      this.planId = Number(query.plan_id)
      this.order = null
      this.keys = {}
      i18n.apply(this, 'order')
      return this.load()
    },

    onReady() {
      i18n.title('order')
    },

    onUnload() {
      this.gone = true
    },

    async load() {
      this.setData({ loading: true, error: '' })
      try {
        const product = await api.get('/api/v1/products/' + encodeURIComponent(this.code), { auth: false })
        const plan = (product.plans || []).find((p) => p.id === this.planId)
        if (!plan) throw new api.ApiError(404, 'not_found', i18n.t('order.planGone'))
        this.productCategory = product.category
        this.planRecord = plan
        this.setData({
          loading: false,
          product: { name: product.name },
          plan: {
            name: plan.name,
            terms: i18n.t('common.planLine', {
              coverage: money.coverage(plan.coverage_fen),
              term: i18n.t('common.term', { count: plan.term_days }),
              min: plan.age_min,
              max: plan.age_max,
            }),
          },
        })
        this.showTotals(0)
        await this.loadCoupons()
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    async loadCoupons() {
      let coupons
      try {
        coupons = await api.get('/api/v1/coupons')
      } catch (err) {
        return // Buying works without coupons; do not stand in the way.
      }
      const now = Date.now()
      const list = coupons.filter((c) => usable(c, this.productCategory, now))
      this.coupons = list
      this.setData({
        coupons: list.map((c) => c.id),
        couponChoices: [i18n.t('order.noCoupon')].concat(
          list.map((c) => i18n.t('order.couponChoice', { name: c.name, discount: money.amount(c.discount_fen) })),
        ),
        couponIndex: 0,
      })
    },

    showTotals(discountFen, order) {
      const premium = order && order.premium_fen != null ? order.premium_fen : this.planRecord.premium_fen
      const discount = order ? order.discount_fen : Math.min(discountFen, premium)
      const toPay = order ? order.amount_fen : premium - discount
      this.setData({
        totals: { premium: money.amount(premium), discount: discount ? money.amount(discount) : '', toPay: money.amount(toPay) },
      })
    },

    selectedCoupon() {
      return this.data.couponIndex > 0 ? this.coupons[this.data.couponIndex - 1] : null
    },

    onNameChange(event) {
      this.setData({ name: event.detail, 'errors.name': '' })
    },

    onIdNumberChange(event) {
      this.setData({ idNumber: event.detail, 'errors.idNumber': '' })
    },

    onCouponChange(event) {
      this.setData({ couponIndex: Number(event.detail.value) })
      const coupon = this.selectedCoupon()
      this.showTotals(coupon ? coupon.discount_fen : 0)
    },

    /** Check what we can here, so a typo is caught before an order exists. */
    validate() {
      const { insured, errors } = insuredForm.check(this.data.name, this.data.idNumber, this.planRecord)
      this.setData({ errors })
      return insured
    },

    async pay() {
      if (this.data.busy) return
      if (this.data.stage === 'unpaid' && this.order) return this.payOrder()
      const insured = this.validate()
      if (!insured) return
      const body = { plan_id: this.planId, insured }
      const coupon = this.selectedCoupon()
      if (coupon) body.coupon_id = coupon.id
      this.setData({ busy: true })
      try {
        this.order = await api.post('/api/v1/orders', body, {
          headers: { 'Idempotency-Key': api.idempotencyKey(this.keys, body) },
        })
      } catch (err) {
        this.setData({ busy: false })
        return this.showOrderError(err)
      }
      this.showTotals(0, this.order)
      this.setData({ busy: false, stage: 'unpaid' })
      return this.payOrder()
    },

    showOrderError(err) {
      const errors = insuredForm.fieldErrors(err)
      this.setData({ errors: errors || insuredForm.noErrors() })
      if (!errors) api.showError(err)
    },

    async payOrder() {
      const order = this.order
      if (order.status === 'created' && order.pay_params) {
        this.setData({ busy: true })
        const paid = await payment.payOrExplain(order.pay_params, order.amount_fen)
        this.setData({ busy: false })
        if (!paid) return
      }
      return this.waitForPolicy()
    },

    async waitForPolicy() {
      this.setData({ stage: 'waiting' })
      let result
      try {
        result = await poll(() => api.get('/api/v1/orders/' + this.order.order_no), isFinal, {
          stopped: () => this.gone,
        })
      } catch (err) {
        this.setData({ stage: 'slow' })
        return
      }
      const order = result.value
      if (!result.done) this.setData({ stage: 'slow' })
      else if (order.status === 'closed' || order.status === 'refunded') this.setData({ stage: 'closed' })
      else this.setData({ stage: 'done', policyNo: order.policy_no })
    },

    checkAgain() {
      return this.waitForPolicy()
    },

    async cancelOrder() {
      if (this.data.busy || !this.order) return
      this.setData({ busy: true })
      try {
        await api.post('/api/v1/orders/' + this.order.order_no + '/cancel')
        this.order = null
        this.keys = {}
        this.setData({ stage: 'form' })
        this.showTotals(0)
        await this.loadCoupons() // a coupon held by the order is free again
        wx.showToast({ title: i18n.t('order.orderCancelled'), icon: 'none' })
      } catch (err) {
        api.showError(err)
      } finally {
        this.setData({ busy: false })
      }
    },

    startAgain() {
      this.order = null
      this.keys = {}
      this.setData({ stage: 'form', policyNo: '' })
      this.showTotals(0)
      return this.loadCoupons()
    },

    viewPolicy() {
      wx.redirectTo({ url: '/pages/policy/policy?no=' + encodeURIComponent(this.data.policyNo) })
    },

    goHome() {
      wx.switchTab({ url: '/pages/index/index' })
    },
  },
})
