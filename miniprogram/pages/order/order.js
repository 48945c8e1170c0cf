const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const insuredForm = require('../../utils/insured')
const agreement = require('../../utils/agreement')
const dialog = require('../../utils/dialog')
const payment = require('../../utils/pay')
const contract = require('../../utils/contract')
const format = require('../../utils/format')
const { poll } = require('../../utils/poll')

// Which version of this page showed the documents (kept with the order's trace).
const PAGE_VERSION = 'order-3'

// The server's refusals of the coupon the order named: it cannot be had with this order.
const COUPON_GONE = ['coupon_unavailable', 'coupon_expired', 'coupon_not_applicable']

function isFinal(order) {
  return (order.status === 'fulfilled' && !!order.policy_no) || order.status === 'closed' || order.status === 'refunded'
}

/**
 * A coupon this plan can use: ready to use, for this kind of cover (or any), not expired, on a price it can take
 * something off. An order never goes below ¥0.01 (WeChat Pay takes no zero payments), so on a plan of ¥0.01 no
 * coupon takes anything off, and the server refuses one (422 coupon_not_applicable): not offered.
 */
function usable(coupon, category, premiumFen, now) {
  if (coupon.status !== 'available') return false
  if (coupon.category && coupon.category !== category) return false
  if (largestDiscount(premiumFen) < 1) return false
  return !coupon.valid_until || Date.parse(coupon.valid_until) > now
}

/** The server's rule (orders.largest_discount): all but 1 fen of the price. */
function largestDiscount(premiumFen) {
  return Math.max(0, premiumFen - 1)
}

/** The user's coupons; [] when they cannot be had: buying works without them, so they never stand in the way. */
function usersCoupons() {
  return api.get('/api/v1/coupons').then((list) => list || [], () => [])
}

/**
 * What auto-renewal will charge, and when: the first month now, then each month on the day before the
 * day of buying (WeChat's estimated deduction date is the last covered day), the 1st's on a month's end.
 */
function renewLine(premiumFen) {
  const today = Number(format.nowInBeijing().date.slice(8, 10))
  const amount = money.amount(premiumFen)
  return today === 1 ? i18n.t('order.renewLineMonthEnd', { amount }) : i18n.t('order.renewLine', { amount, day: today - 1 })
}

Component({
  behaviors: [agreement.behavior],

  data: {
    t: i18n.page('order'),
    loading: true,
    error: '',
    product: null,
    plan: null,
    name: '',
    idNumber: '',
    errors: { name: '', idNumber: '', person: '' },
    // Saved insured persons to pick from; personId is the one picked, or 'new' to type one in.
    persons: [],
    personId: 'new',
    saveNew: false,
    relations: [],
    relationIndex: 0,
    // The health questions (the documents and their tick are agreement.behavior's).
    questions: [],
    health: 'ok',
    healthError: false,
    insurer: null,
    coupons: [],
    couponChoices: [],
    couponIndex: 0,
    totals: { premium: '', discount: '', toPay: '', rest: '' },
    // form -> (unpaid) -> [signing -> unsigned] -> waiting -> done | slow | closed
    // Monthly plans that may renew: offered, and off until the user turns it on (docs/domain.md, Monthly renewal).
    renew: { offered: false, on: false, line: '' },
    signed: false,
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
        // The product, the user's coupons and saved persons together: the form shows with all of them, so
        // the person it picks never changes under a name the user has started to type.
        const [product, coupons, records] = await Promise.all([
          api.get('/api/v1/products/' + encodeURIComponent(this.code), { auth: false }),
          usersCoupons(),
          insuredForm.saved(),
        ])
        const plan = (product.plans || []).find((p) => p.id === this.planId)
        if (!plan) throw new api.ApiError(404, 'not_found', i18n.t('order.planGone'))
        this.productCategory = product.category
        this.planRecord = plan
        this.showAgreement(product)
        this.showCoupons(coupons)
        this.showPersons(records)
        const offered = plan.auto_renew === true
        this.setData({
          renew: { offered, on: false, line: offered ? renewLine(plan.premium_fen) : '' },
          loading: false,
          product: { name: product.name },
          insurer: product.insurer ? { name: product.insurer.name, hotline: product.insurer.hotline } : null,
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
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    /** The product's documents and questions, as they are now: agreed afresh, answered afresh. */
    showAgreement(product) {
      const questions = agreement.questions(product)
      this.showDocuments(product, { questions, health: agreement.health(questions), healthError: false })
    },

    async loadPersons() {
      this.showPersons(await insuredForm.saved())
    },

    showPersons(records) {
      const persons = records.map((p) => insuredForm.personView(p, this.planRecord))
      const first = persons.find((p) => p.fits)
      this.setData({
        persons,
        personId: first ? first.id : 'new',
        relations: insuredForm.RELATIONS.map((code) => i18n.label('relation', code)),
        relationIndex: insuredForm.defaultRelation(records),
      })
    },

    choosePerson(event) {
      if (this.data.stage !== 'form') return
      const id = event.currentTarget.dataset.id
      this.setData({ personId: id === 'new' ? 'new' : Number(id), 'errors.person': '' })
    },

    toggleSave() {
      if (this.data.stage !== 'form') return
      this.setData({ saveNew: !this.data.saveNew })
    },

    onRelationChange(event) {
      this.setData({ relationIndex: Number(event.detail.value) })
    },

    // Once the order exists, the tick stays as the order was sent with it.
    agreementLocked() {
      return this.data.stage !== 'form'
    },

    answer(event) {
      if (this.data.stage !== 'form') return
      const { index, value } = event.currentTarget.dataset
      const questions = this.data.questions.slice()
      questions[Number(index)] = Object.assign({}, questions[Number(index)], { answer: value })
      this.setData({ questions, health: agreement.health(questions), healthError: false })
    },

    callHotline() {
      if (this.data.insurer && this.data.insurer.hotline) wx.makePhoneCall({ phoneNumber: this.data.insurer.hotline })
    },

    async loadCoupons() {
      this.showCoupons(await usersCoupons())
    },

    showCoupons(coupons) {
      const now = Date.now()
      const list = coupons.filter((c) => usable(c, this.productCategory, this.planRecord.premium_fen, now))
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
      // The server's rule (orders.discount): never below 1 fen to pay, since WeChat Pay takes no zero payments.
      const discount = order ? order.discount_fen : Math.min(discountFen, largestDiscount(premium))
      const toPay = order ? order.amount_fen : premium - discount
      // A coupon worth more than it can take off is used up all the same (docs/domain.md, Coupons and rewards):
      // said before the user pays, not found out after.
      const rest = !order && discountFen > discount ? discountFen - discount : 0
      this.setData({
        totals: {
          premium: money.amount(premium),
          discount: discount ? money.amount(discount) : '',
          toPay: money.amount(toPay),
          rest: rest ? i18n.t('order.couponRest', { discount: money.amount(discount), rest: money.amount(rest) }) : '',
          // A cancellation refunds what was paid, and the coupon stays used (docs/domain.md, Coupons and rewards).
          notReturned: discount ? i18n.t('order.couponNotReturned') : '',
        },
      })
    },

    selectedCoupon() {
      if (this.data.renew.on) return null // coupons do not combine with auto-renewal
      return this.data.couponIndex > 0 ? this.coupons[this.data.couponIndex - 1] : null
    },

    toggleRenew() {
      if (this.data.stage !== 'form' || !this.data.renew.offered) return
      this.setData({ 'renew.on': !this.data.renew.on, couponIndex: 0 })
      this.showTotals(0)
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
      if (this.data.personId !== 'new') {
        const person = this.data.persons.find((p) => p.id === this.data.personId)
        const errors = insuredForm.noErrors()
        if (!person.fits) {
          errors.person = i18n.t('order.personOutOfBand', { min: this.planRecord.age_min, max: this.planRecord.age_max })
        }
        this.setData({ errors })
        return person.fits ? { insured_person_id: person.id } : null
      }
      const { insured, errors } = insuredForm.check(this.data.name, this.data.idNumber, this.planRecord)
      this.setData({ errors })
      return insured ? { insured } : null
    },

    /** The health questions answered, none of them yes; the documents agreed. */
    checkAgreement() {
      const health = this.data.health
      const agreed = this.documentsAgreed()
      this.setData({ healthError: health === 'unanswered', agreeError: !agreed })
      if (health === 'unanswered') wx.showToast({ title: i18n.t('order.answerAll'), icon: 'none' })
      // A tap on pay after a "yes" says why nothing happens (the card above explains the rest).
      else if (health === 'declined') wx.showToast({ title: i18n.t('order.declinedTitle'), icon: 'none' })
      else if (agreed) return true
      else wx.showToast({ title: i18n.t('common.agreeFirst'), icon: 'none' })
      return false
    },

    /** A typed-in person the user asked to keep: saved first, then named by id. */
    async saveTyped(who) {
      if (!who.insured || !this.data.saveNew) return who
      try {
        const id = await insuredForm.save(insuredForm.RELATIONS[this.data.relationIndex], who.insured)
        await this.loadPersons()
        this.setData({ personId: id, saveNew: false })
        return { insured_person_id: id }
      } catch (err) {
        // Not saved (a second "self", say): buy for the typed-in person all the same.
        wx.showToast({ title: i18n.t('order.notSaved', { reason: err.message }), icon: 'none' })
        return who
      }
    },

    async pay() {
      if (this.data.busy) return
      if (this.data.stage === 'unpaid' && this.order) return this.payAgain()
      const typed = this.validate()
      if (!this.checkAgreement() || !typed) return
      this.setData({ busy: true })
      const who = await this.saveTyped(typed)
      const body = Object.assign({ plan_id: this.planId }, who)
      const coupon = this.selectedCoupon()
      if (coupon) body.coupon_id = coupon.id
      if (this.data.renew.on) body.auto_renew = true
      if (this.data.questions.length) body.health_answers = agreement.answers(this.data.questions)
      body.accepted_documents = this.acceptedDocuments()
      body.client = agreement.client(PAGE_VERSION)
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

    async showOrderError(err) {
      if (agreement.isStale(err)) return this.agreeAgain(err)
      if (err.code === 'health_declined') {
        // The server names the hotline to call when the product page did not.
        const hotline = err.details && err.details.hotline
        if (hotline && !(this.data.insurer && this.data.insurer.hotline)) {
          this.setData({ insurer: Object.assign({ name: '' }, this.data.insurer, { hotline }) })
        }
        this.setData({ health: 'declined' })
      }
      const errors = insuredForm.fieldErrors(err)
      this.setData({ errors: errors || insuredForm.noErrors() })
      if (!errors) api.showError(err)
      if (COUPON_GONE.indexOf(err.code) >= 0) {
        // Used or held by another order, expired, or not for this cover: the coupons as they are now, and the
        // price without it, so the next tap pays what the form shows.
        await this.loadCoupons()
        this.showTotals(0)
      }
    },

    /** The documents changed (or the questions) since the page showed them: show them again. */
    async agreeAgain(err) {
      try {
        const product = await api.get('/api/v1/products/' + encodeURIComponent(this.code), { auth: false })
        this.showAgreement(product)
      } catch (reloadError) {
        return api.showError(reloadError)
      }
      await dialog.confirm(i18n.t('order.updatedTitle'), i18n.t('order.updatedContent'), i18n.t('common.ok'), i18n.t('common.back'))
      return err
    },

    async payOrder() {
      const order = this.order
      if (order.status === 'created' && order.contract) return this.sign()
      if (order.status === 'created' && order.pay_params) {
        this.setData({ busy: true })
        const paid = await payment.payOrExplain(order.pay_params, order.amount_fen)
        this.setData({ busy: false })
        if (!paid) return
      }
      return this.waitForPolicy()
    },

    /**
     * Auto-renewal: WeChat's signing page, which also pays the first month. Back in the app
     * (App.onShow) the order says whether it was paid; if not, the user may sign again or pay one month.
     */
    async sign() {
      this.setData({ busy: true })
      let extraData
      try {
        extraData = await contract.sign(this.order.contract)
      } catch (err) {
        this.setData({ busy: false, stage: 'unsigned' })
        if (err.code !== 'sign_cancelled') api.showError(err)
        return
      }
      this.setData({ busy: false, stage: 'signing' })
      let result
      try {
        // Signing pays at once; WeChat's notification reaches the server a moment later. Back with
        // WeChat's back arrow (no extraData) the order is asked once: it may have been signed all the same.
        result = await poll(() => api.get('/api/v1/orders/' + this.order.order_no), (o) => o.status !== 'created', {
          stopped: () => this.gone,
          timeoutMs: extraData ? 10000 : 0,
        })
      } catch (err) {
        result = { value: this.order, done: false }
      }
      if (result.done) {
        this.order = result.value
        this.setData({ signed: true })
        return this.waitForPolicy()
      }
      this.setData({ stage: 'unsigned' })
    },

    /** Back without signing: a fresh pre-sign (the last one lives 10 minutes), and the signing page again. */
    async signAgain() {
      if (this.data.busy) return
      this.setData({ busy: true })
      try {
        this.order = await api.post('/api/v1/orders/' + this.order.order_no + '/contract')
      } catch (err) {
        this.setData({ busy: false })
        return this.afterRenewalError(err)
      }
      return this.sign()
    },

    /** Back without signing: pay this order for one month by hand, renewal off. */
    async payOneMonth() {
      if (this.data.busy) return
      this.setData({ busy: true })
      try {
        this.order = await api.post('/api/v1/orders/' + this.order.order_no + '/pay')
      } catch (err) {
        this.setData({ busy: false })
        return this.afterRenewalError(err)
      }
      // A one-month order now (its pre-sign is gone: signing again would be 409 not_auto_renew): an unpaid
      // order like any other, paid with "立即支付" if this pay sheet is dismissed.
      this.setData({ busy: false, 'renew.on': false, stage: 'unpaid' })
      this.showTotals(0, this.order)
      return this.payOrder()
    },

    /**
     * "Pay now" on the order waiting for payment: asked first, since it may have closed meanwhile (its 30
     * minutes passed, or it was cancelled elsewhere): WeChat would refuse that payment, or take it late and
     * refund it. A closed or paid order goes on to what it is now; unknown (no answer): paid as before.
     */
    async payAgain() {
      this.setData({ busy: true })
      let now = null
      try {
        now = await api.get('/api/v1/orders/' + this.order.order_no)
      } catch (err) {
        // unknown: WeChat Pay has the last word
      }
      this.setData({ busy: false })
      if (now && now.status !== 'created') return this.waitForPolicy()
      return this.payOrder()
    },

    /** 409 order_not_payable: it was paid (signed after all) or closed meanwhile; the order says which. */
    afterRenewalError(err) {
      if (err.code === 'order_not_payable') return this.waitForPolicy()
      return api.showError(err)
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
      this.setData({ stage: 'form', policyNo: '', signed: false, 'renew.on': false })
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
