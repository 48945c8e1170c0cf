const api = require('../../utils/api')
const money = require('../../utils/money')
const payment = require('../../utils/pay')
const { poll } = require('../../utils/poll')
const share = require('../../utils/share')

// docs/domain.md's split rules, checked here so the user learns them before paying.
const MIN_SHARE_FEN = 100000 // 1,000 yuan
const STEP_FEN = 10000 // 100 yuan
const MAX_TOTAL_FEN = 200000000 // 2,000,000 yuan

const DEFAULT_GREETING = 'Stay safe! A little cover from me.'

function splitProblem(totalFen, shares) {
  if (totalFen === null || totalFen <= 0) return 'Enter the total cover in yuan.'
  if (totalFen % STEP_FEN !== 0) return 'Cover goes in steps of 100 yuan.'
  if (totalFen > MAX_TOTAL_FEN) return 'An envelope can hold at most 2,000,000 yuan of cover.'
  if (totalFen < shares * MIN_SHARE_FEN) {
    return 'Each share needs at least 1,000 yuan of cover: ' + shares + ' shares need ' + money.yuan(shares * MIN_SHARE_FEN) + ' yuan or more.'
  }
  return ''
}

Component({
  data: {
    loading: true,
    error: '',
    planSummary: '',
    ages: '',
    totalYuan: '',
    shares: 5,
    mode: 'random',
    greeting: DEFAULT_GREETING,
    errors: { total: '' },
    splitHint: '',
    amount: '',
    // form -> (unpaid) -> waiting -> ready | slow
    stage: 'form',
    busy: false,
    summary: '',
  },

  methods: {
    onLoad() {
      this.keys = {}
      this.envelope = null
      return this.load()
    },

    onUnload() {
      this.gone = true
    },

    async load() {
      this.setData({ loading: true, error: '' })
      try {
        const products = await api.get('/api/v1/products', { auth: false })
        const gift = products.find((p) => p.category === 'gift' && (p.plans || []).length)
        if (!gift) throw new api.ApiError(404, 'not_found', 'Red envelopes are not available right now.')
        this.plan = gift.plans[0]
        this.setData({
          loading: false,
          planSummary: gift.summary || gift.name,
          ages: this.plan.age_min + ' to ' + this.plan.age_max,
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
          ? 'Each of ' + shares + ' friends gets ' + money.yuan(Math.floor(total / shares / STEP_FEN) * STEP_FEN) + ' yuan of cover or a little more.'
          : shares + ' friends grab a random share each: at least 1,000 yuan of cover, some luckier than others.'
      }
      this.setData({ splitHint: hint })
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
      if (this.data.stage === 'unpaid' && this.envelope) return this.payEnvelope()
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
        greeting: this.data.greeting.trim() || DEFAULT_GREETING,
      }
      this.setData({ busy: true })
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
        amount: money.yuan(this.envelope.amount_fen),
        summary: money.yuan(total) + ' yuan of cover in ' + body.shares + (body.shares === 1 ? ' share' : ' shares'),
      })
      return this.payEnvelope()
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
        return { title: 'Redcover: cover in plain words', path: '/pages/index/index' }
      }
      const e = this.envelope
      const card = this.shareCard || {}
      return {
        title: card.title || this.data.greeting,
        path: share.withToken(card.path || '/pages/envelope/envelope?id=' + encodeURIComponent(e.envelope_id), e.share_token),
      }
    },
  },
})
