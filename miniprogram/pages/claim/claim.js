const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const format = require('../../utils/format')
const dialog = require('../../utils/dialog')
const { uploadMaterials, choosePdfs } = require('../../utils/materials')

// The user may withdraw until the claim is approved; documents help until then too.
const OPEN_STATES = ['submitted', 'accepted', 'reviewing', 'investigating', 'assessing', 'more_info_required']

const MARK = { done: '✓', current: '•', pending: '', skipped: '–', not_reached: '' }

function stepView(entry) {
  let when = ''
  if (entry.status === 'done' || entry.status === 'current') when = entry.at ? format.dateTime(entry.at) : ''
  else if (entry.status === 'pending' && entry.expected_at) when = i18n.t('claim.expectedBy', { date: format.date(entry.expected_at) })
  return {
    step: entry.step,
    label: i18n.label('claimStep', entry.step),
    status: entry.status,
    statusText: i18n.label('stepStatus', entry.status),
    mark: MARK[entry.status] || '',
    when,
    note: entry.note || '',
  }
}

function claimView(c) {
  const parts = []
  if (c.kind) parts.push(i18n.label('claimKind', c.kind))
  if (Number.isInteger(c.claimed_fen)) parts.push(i18n.t('claim.claimed', { amount: money.amount(c.claimed_fen) }))
  if (Number.isInteger(c.paid_fen)) parts.push(i18n.t('claim.paid', { amount: money.amount(c.paid_fen) }))
  if (c.policy_no) parts.push(i18n.t('claim.policy', { no: c.policy_no }))
  return {
    claimNo: c.claim_no,
    title: i18n.t('claim.title', { no: c.claim_no }),
    state: i18n.label('claimState', c.state),
    tagType: c.state === 'paid' || c.state === 'approved' ? 'success' : c.state === 'more_info_required' ? 'danger' : 'primary',
    summary: parts.join(' · '),
    // The server says where the claim stands in one plain sentence.
    explanation: c.explanation || '',
    steps: (c.timeline || []).map(stepView),
    documents: (c.materials || []).map((m) => ({ id: m.id, name: m.name, at: format.dateTime(m.uploaded_at) })),
    canWithdraw: OPEN_STATES.includes(c.state),
    canAddDocuments: OPEN_STATES.includes(c.state),
    needsDocuments: c.state === 'more_info_required',
  }
}

function chooseImages() {
  return new Promise((resolve) => {
    wx.chooseMedia({
      count: 9,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      success: (res) => resolve((res.tempFiles || []).map((f) => f.tempFilePath)),
      fail: () => resolve([]),
    })
  })
}

Component({
  data: {
    t: i18n.page('claim'),
    loading: true,
    error: '',
    claim: null,
    busy: '',
  },

  methods: {
    onLoad(query) {
      this.claimNo = query.no
      i18n.apply(this, 'claim')
      return this.load()
    },

    onReady() {
      i18n.title('claim')
    },

    async load() {
      this.setData({ loading: !this.data.claim, error: '' })
      try {
        const claim = await api.get('/api/v1/claims/' + encodeURIComponent(this.claimNo))
        this.setData({ loading: false, claim: claimView(claim) })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    async onPullDownRefresh() {
      await this.load()
      wx.stopPullDownRefresh()
    },

    async addDocuments() {
      if (this.data.busy) return
      const paths = await chooseImages()
      if (!paths.length) return
      this.setData({ busy: 'upload' })
      const result = await uploadMaterials(this.claimNo, paths)
      this.setData({ busy: '' })
      if (result.failed) api.showError(result.error)
      else wx.showToast({ title: i18n.t('claim.uploaded', { count: result.uploaded }), icon: 'success' })
      await this.load()
    },

    /** PDF e-invoices, chosen from a chat, added the same way as photos. */
    async addPdf() {
      if (this.data.busy) return
      const picked = await choosePdfs(9)
      if (!picked.length) return
      this.setData({ busy: 'upload' })
      const result = await uploadMaterials(this.claimNo, picked.map((f) => f.path))
      this.setData({ busy: '' })
      if (result.failed) api.showError(result.error)
      else wx.showToast({ title: i18n.t('claim.uploaded', { count: result.uploaded }), icon: 'success' })
      await this.load()
    },

    async withdraw() {
      if (this.data.busy) return
      const ok = await dialog.confirm(
        i18n.t('claim.withdrawTitle'),
        i18n.t('claim.withdrawContent'),
        i18n.t('claim.withdrawConfirm'),
        i18n.t('common.keep'),
      )
      if (!ok) return
      this.setData({ busy: 'withdraw' })
      try {
        const claim = await api.post('/api/v1/claims/' + encodeURIComponent(this.claimNo) + '/withdraw')
        if (claim && claim.timeline) this.setData({ claim: claimView(claim) })
        else await this.load()
      } catch (err) {
        api.showError(err)
        // 409: the claim moved on meanwhile (approved, rejected): show it as it is now, without the button.
        if (err.status === 409) await this.load()
      } finally {
        this.setData({ busy: '' })
      }
    },
  },
})
