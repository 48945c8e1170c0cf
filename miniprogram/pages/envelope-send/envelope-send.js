const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const payment = require('../../utils/pay')
const { poll } = require('../../utils/poll')
const share = require('../../utils/share')

// docs/domain.md's split rules, checked here so the user learns them before paying.
const MIN_SHARE_FEN = 100000 // 1,000 yuan
const STEP_FEN = 10000 // 100 yuan
const MAX_TOTAL_FEN = 200000000 // 2,000,000 yuan

/** The split rules in words: { min, step, max }, e.g. "1000元", "100元", "200万元". */
function limits() {
  return { min: money.coverage(MIN_SHARE_FEN), step: money.coverage(STEP_FEN), max: money.coverage(MAX_TOTAL_FEN) }
}

function splitProblem(totalFen, shares) {
  if (totalFen === null || totalFen <= 0) return i18n.t('envelope-send.enterTotal')
  if (totalFen % STEP_FEN !== 0) return i18n.t('envelope-send.notInSteps', limits())
  if (totalFen > MAX_TOTAL_FEN) return i18n.t('envelope-send.overMax', limits())
  if (totalFen < shares * MIN_SHARE_FEN) {
    return i18n.t('envelope-send.underMin', Object.assign(limits(), { count: shares, need: money.coverage(shares * MIN_SHARE_FEN) }))
  }
  return ''
}

Component({
  data: {
    t: i18n.page('envelope-send'),
    loading: true,
    error: '',
    planSummary: '',
    rules: '',
    totalYuan: '',
    shares: 5,
    mode: 'random',
    greeting: '',
    errors: { total: '' },
    splitHint: '',
    amount: '',
    // form -> (unpaid) -> waiting -> ready | slow
    stage: 'form',
    busy: false,
    summary: '',
    // Why the envelope waiting for payment must be wrapped again (it closed unpaid).
    notice: '',
  },

  methods: {
    onLoad() {
      this.keys = {}
      this.envelope = null
      i18n.apply(this, 'envelope-send')
      this.setData({ greeting: i18n.t('envelope-send.defaultGreeting') })
      return this.load()
    },

    onReady() {
      i18n.title('envelope-send')
    },

    onUnload() {
      this.gone = true
    },

    async load() {
      this.setData({ loading: true, error: '' })
      try {
        const products = await api.get('/api/v1/products', { auth: false })
        const gift = products.find((p) => p.category === 'gift' && (p.plans || []).length)
        if (!gift) throw new api.ApiError(404, 'not_found', i18n.t('envelope-send.notAvailable'))
        this.plan = gift.plans[0]
        this.setData({
          loading: false,
          planSummary: gift.summary || gift.name,
          rules: i18n.t('envelope-send.rulesHint', Object.assign(limits(), { ageMin: this.plan.age_min, ageMax: this.plan.age_max })),
        })
        this.updateHint()
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    totalFen() {
      return money.parseYuan(this.data.totalYuan)
    },

    updateHint() {
      const total = this.totalFen()
      const shares = this.data.shares
      let hint = ''
      if (total && !splitProblem(total, shares)) {
        hint = this.data.mode === 'equal'
          ? i18n.t('envelope-send.equalHint', { count: shares, each: money.coverage(Math.floor(total / shares / STEP_FEN) * STEP_FEN) })
          : i18n.t('envelope-send.randomHint', Object.assign(limits(), { count: shares }))
      }
      // The price shows as soon as the cover is known, never first on the pay sheet (the server's
      // rule: the plan's premium per unit of cover, rounded down to the fen).
      const price = total && !splitProblem(total, shares) ? Math.floor((total * this.plan.premium_fen) / this.plan.coverage_fen) : null
      this.setData({ splitHint: hint, amount: price === null ? '' : money.amount(price) })
    },

    onTotalChange(event) {
      this.setData({ totalYuan: event.detail, 'errors.total': '' })
      this.updateHint()
    },

    onSharesChange(event) {
      this.setData({ shares: Number(event.detail) })
      this.updateHint()
    },

    onModeTap(event) {
      if (this.data.stage !== 'form') return
      this.setData({ mode: event.currentTarget.dataset.mode })
      this.updateHint()
    },

    onGreetingChange(event) {
      this.setData({ greeting: event.detail })
    },

    async send() {
      if (this.data.busy) return
      // Its order closes unpaid after 30 minutes, and its payment with it: the same body is then sent again with
      // its key, and the server wraps a new envelope to pay (docs/api.md, Idempotent creates).
      if (this.data.stage === 'unpaid' && this.envelope) {
        this.setData({ busy: true })
        const closed = await this.closedMeanwhile()
        this.setData({ busy: false })
        if (!closed) return this.payEnvelope()
      }
      const total = this.totalFen()
      const problem = splitProblem(total, this.data.shares)
      if (problem) {
        this.setData({ 'errors.total': problem })
        return
      }
      const body = {
        plan_id: this.plan.id,
        total_coverage_fen: total,
        shares: this.data.shares,
        mode: this.data.mode,
        greeting: this.data.greeting.trim() || i18n.t('envelope-send.defaultGreeting'),
      }
      this.setData({ busy: true, notice: '' })
      try {
        this.envelope = await api.post('/api/v1/envelopes', body, {
          headers: { 'Idempotency-Key': api.idempotencyKey(this.keys, body) },
        })
      } catch (err) {
        this.setData({ busy: false })
        if (err.code === 'invalid_split') this.setData({ 'errors.total': err.message })
        else api.showError(err)
        return
      }
      this.setData({
        busy: false,
        stage: 'unpaid',
        greeting: body.greeting,
        amount: money.amount(this.envelope.amount_fen),
        summary: i18n.t('envelope-send.summary', { total: money.coverage(total), count: body.shares }),
      })
      return this.payEnvelope()
    },

    /** Whether the envelope waiting for payment has closed unpaid meanwhile (unknown: not closed). */
    async closedMeanwhile() {
      try {
        const now = await api.get('/api/v1/envelopes/' + encodeURIComponent(this.envelope.envelope_id))
        return now.status === 'closed'
      } catch (err) {
        return false
      }
    },

    async payEnvelope() {
      const envelope = this.envelope
      if (envelope.status === 'pending_payment' && envelope.pay_params) {
        this.setData({ busy: true })
        const paid = await payment.payOrExplain(envelope.pay_params, envelope.amount_fen)
        this.setData({ busy: false })
        if (!paid) return
      }
      return this.waitUntilOpen()
    },

    async waitUntilOpen() {
      this.setData({ stage: 'waiting' })
      let result = { done: false }
      try {
        result = await poll(
          () => api.get('/api/v1/envelopes/' + this.envelope.envelope_id),
          (e) => e.status !== 'pending_payment',
          { stopped: () => this.gone },
        )
      } catch (err) {
        // counted as slow below
      }
      if (result.done && result.value.status === 'closed') {
        // Paid too late: WeChat refunds it, and the envelope never opens. A tap wraps a new one.
        this.setData({ stage: 'unpaid', notice: i18n.t('envelope-send.closedUnpaid') })
        return
      }
      if (result.done) this.shareCard = result.value.share_card || null
      this.setData({ stage: result.done ? 'ready' : 'slow' })
    },

    checkAgain() {
      return this.waitUntilOpen()
    },

    viewEnvelope() {
      wx.navigateTo({ url: '/pages/envelope/envelope?id=' + encodeURIComponent(this.envelope.envelope_id) })
    },

    onShareAppMessage() {
      if (this.data.stage !== 'ready') {
        return { title: i18n.t('common.shareTitle'), path: '/pages/index/index' }
      }
      const e = this.envelope
      // The server writes the card's title (it names the sender); ours is the greeting.
      const card = this.shareCard || {}
      return {
        title: card.title || this.data.greeting,
        path: share.withToken(card.path || '/pages/envelope/envelope?id=' + encodeURIComponent(e.envelope_id), e.share_token),
      }
    },
  },
})
