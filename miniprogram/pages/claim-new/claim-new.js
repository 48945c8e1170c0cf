const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const format = require('../../utils/format')
const subscribe = require('../../utils/subscribe')
const { uploadMaterials, choosePdfs } = require('../../utils/materials')

// A claim can be for cover that is in force, or that ended after the event happened.
const CLAIMABLE = ['active', 'expired']

// Claim documents: photos, and PDF e-invoices chosen from a chat (WeChat keeps files there).
const MAX_FILES = 9

/** The kinds of claim a policy's product pays for (every kind when the product does not say). */
function kindsFor(policy, claimKinds) {
  const all = i18n.labels('claimKind')
  const allowed = policy && claimKinds[policy.product_code]
  return allowed && allowed.length ? all.filter((k) => allowed.indexOf(k.code) >= 0) : all
}

Component({
  data: {
    t: i18n.page('claim-new'),
    loading: true,
    error: '',
    policies: [],
    policyChoices: [],
    policyIndex: 0,
    kinds: [],
    kind: 'accident',
    today: '',
    date: '',
    dateText: '',
    time: '',
    amount: '',
    description: '',
    files: [],
    errors: { amount: '', description: '', form: '' },
    busy: false,
  },

  methods: {
    onLoad(query) {
      this.wantedPolicy = query.policy_no || ''
      // Idempotency-Keys by body: the same claim sent again (its answer lost) is filed once.
      this.keys = {}
      i18n.apply(this, 'claim-new')
      const now = format.nowInBeijing()
      this.setData({ today: now.date, date: now.date, dateText: format.day(now.date), time: now.time })
      this.templates = []
      subscribe.templatesFor('claim').then((ids) => {
        this.templates = ids
      })
      return this.load()
    },

    onReady() {
      i18n.title('claim-new')
    },

    async load() {
      this.setData({ loading: true, error: '' })
      try {
        const [all, products] = await Promise.all([
          api.get('/api/v1/policies'),
          api.get('/api/v1/products', { auth: false }).catch(() => []),
        ])
        const policies = all.filter((p) => CLAIMABLE.includes(p.status))
        const wanted = policies.findIndex((p) => p.policy_no === this.wantedPolicy)
        this.policyRecords = policies
        this.claimKinds = {}
        ;(products || []).forEach((p) => {
          if (p.claim_kinds) this.claimKinds[p.code] = p.claim_kinds
        })
        this.showKinds(policies[wanted >= 0 ? wanted : 0])
        this.setData({
          loading: false,
          policies: policies.map((p) => p.policy_no),
          policyChoices: policies.map((p) => i18n.t('claim-new.policyChoice', { product: p.product_name, plan: p.plan_name, no: p.policy_no })),
          policyIndex: wanted >= 0 ? wanted : 0,
        })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    /** Offer only the kinds of claim this policy pays for; keep the chosen one if it still fits. */
    showKinds(policy) {
      const kinds = kindsFor(policy, this.claimKinds || {})
      const kind = kinds.some((k) => k.code === this.data.kind) ? this.data.kind : (kinds[0] && kinds[0].code) || ''
      this.setData({ kinds, kind })
    },

    onPolicyChange(event) {
      const policyIndex = Number(event.detail.value)
      this.setData({ policyIndex })
      this.showKinds(this.policyRecords[policyIndex])
    },

    onKindTap(event) {
      this.setData({ kind: event.currentTarget.dataset.kind })
    },

    onDateChange(event) {
      this.setData({ date: event.detail.value, dateText: format.day(event.detail.value) })
    },

    onTimeChange(event) {
      this.setData({ time: event.detail.value })
    },

    onAmountChange(event) {
      this.setData({ amount: event.detail, 'errors.amount': '' })
    },

    onDescriptionChange(event) {
      this.setData({ description: event.detail, 'errors.description': '' })
    },

    onAfterRead(event) {
      const picked = [].concat(event.detail.file || [])
      this.setData({ files: this.data.files.concat(picked.map((f) => ({ url: f.url || f.tempFilePath, isImage: true }))) })
    },

    /** A PDF e-invoice: WeChat lets a mini-program pick files only from chats. */
    async choosePdf() {
      const room = MAX_FILES - this.data.files.length
      if (room <= 0) return
      const picked = await choosePdfs(room)
      this.setData({ files: this.data.files.concat(picked.map((f) => ({ url: f.path, name: f.name, isImage: false }))) })
    },

    onDelete(event) {
      const files = this.data.files.slice()
      files.splice(event.detail.index, 1)
      this.setData({ files })
    },

    validate() {
      const errors = { amount: '', description: '', form: '' }
      const claimed = money.parseYuan(this.data.amount)
      if (claimed === null || claimed <= 0) errors.amount = i18n.t('claim-new.amountInvalid')
      const description = this.data.description.trim()
      if (!description) errors.description = i18n.t('claim-new.descriptionMissing')
      const occurredAt = format.beijingIso(this.data.date, this.data.time)
      if (Date.parse(occurredAt) > Date.now()) errors.form = i18n.t('claim-new.inFuture')
      this.setData({ errors })
      if (errors.amount || errors.description || errors.form) return null
      return {
        policy_no: this.data.policies[this.data.policyIndex],
        kind: this.data.kind,
        claimed_fen: claimed,
        occurred_at: occurredAt,
        description,
      }
    },

    async submit() {
      if (this.data.busy) return
      const body = this.validate()
      if (!body) return
      // Asked right away: WeChat only shows the prompt in answer to a tap.
      const asked = subscribe.ask(this.templates)
      this.setData({ busy: true })
      let claim
      try {
        claim = await api.post('/api/v1/claims', body, {
          headers: { 'Idempotency-Key': api.idempotencyKey(this.keys, body) },
        })
      } catch (err) {
        this.setData({ busy: false })
        this.showClaimError(err)
        return
      }
      const result = await uploadMaterials(claim.claim_no, this.data.files.map((f) => f.url))
      await asked
      this.setData({ busy: false })
      if (result.failed) {
        wx.showModal({
          title: i18n.t('claim-new.sent'),
          content: i18n.t('claim-new.uploadsFailed', { count: result.failed, reason: result.error.message }),
          showCancel: false,
          confirmText: i18n.t('common.ok'),
        })
      } else {
        wx.showToast({ title: i18n.t('claim-new.sent'), icon: 'success' })
      }
      wx.redirectTo({ url: '/pages/claim/claim?no=' + encodeURIComponent(claim.claim_no) })
    },

    /** The server's word on a field goes next to that field; anything else in a dialog. */
    showClaimError(err) {
      const fields = err.fields
      const errors = {
        amount: (fields.claimed_fen || []).join(' '),
        description: (fields.description || []).join(' '),
        form: (fields.occurred_at || fields.policy_no || []).join(' '),
      }
      this.setData({ errors })
      if (!errors.amount && !errors.description && !errors.form) api.showError(err)
    },

    goShop() {
      wx.switchTab({ url: '/pages/index/index' })
    },
  },
})
