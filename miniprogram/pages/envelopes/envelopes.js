// My red envelopes: the shares I grabbed (GET /api/v1/envelope-grabs; one not yet
// activated is activated here, with the gift cover's documents agreed) and the
// envelopes I sent (GET /api/v1/envelopes; a tap opens one to see who got what).

const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const format = require('../../utils/format')
const insuredForm = require('../../utils/insured')
const agreement = require('../../utils/agreement')

// Which version of this page showed the gift cover's documents (kept with the trace).
const PAGE_VERSION = 'envelopes-1'

function grabView(g) {
  return {
    id: g.grab_id,
    coverage: i18n.t('envelopes.cover', { coverage: money.coverage(g.coverage_fen) }),
    detail: g.status === 'grabbed'
      ? i18n.t('envelopes.activateBy', { date: format.dateTime(g.activate_by) })
      : i18n.t('envelopes.grabbedOn', { date: format.date(g.grabbed_at) }),
    status: i18n.label('grabStatus', g.status),
    activatable: g.status === 'grabbed',
  }
}

function sentView(e) {
  return {
    id: e.envelope_id,
    total: i18n.t('envelopes.total', { coverage: money.coverage(e.total_coverage_fen), count: e.shares }),
    // Closed unpaid: nothing was charged, so no premium to show.
    detail: e.status === 'closed'
      ? i18n.t('envelopes.closedOn', { date: format.date(e.created_at) })
      : i18n.t('envelopes.sentOn', { date: format.date(e.created_at), amount: money.amount(e.premium_fen || 0) }),
    status: i18n.label('envelopeStatus', e.status),
    refund: e.refund && e.refund.amount_fen ? i18n.t('envelopes.refund', { amount: money.amount(e.refund.amount_fen) }) : '',
  }
}

Component({
  behaviors: [agreement.behavior, agreement.giftCover],

  data: {
    t: i18n.page('envelopes'),
    loading: true,
    error: '',
    grabs: [],
    sent: [],
    activating: null,
    name: '',
    idNumber: '',
    errors: { name: '', idNumber: '', person: '' },
    busy: false,
  },

  methods: {
    onLoad() {
      i18n.apply(this, 'envelopes')
      return this.load()
    },

    onReady() {
      i18n.title('envelopes')
    },

    async load() {
      this.setData({ loading: !this.data.grabs.length && !this.data.sent.length, error: '' })
      try {
        const [grabs, sent] = await Promise.all([api.get('/api/v1/envelope-grabs'), api.get('/api/v1/envelopes')])
        this.setData({ loading: false, grabs: (grabs || []).map(grabView), sent: (sent || []).map(sentView) })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    async onPullDownRefresh() {
      await this.load()
      wx.stopPullDownRefresh()
    },

    openEnvelope(event) {
      wx.navigateTo({ url: '/pages/envelope/envelope?id=' + encodeURIComponent(event.currentTarget.dataset.id) })
    },

    async startActivate(event) {
      await this.loadGiftDocuments({ activating: event.currentTarget.dataset.id, errors: insuredForm.noErrors() })
    },

    cancelActivate() {
      this.setData({ activating: null })
    },

    async activate() {
      if (this.data.busy || !this.data.activating) return
      const path = '/api/v1/envelope-grabs/' + encodeURIComponent(this.data.activating) + '/activate'
      await this.claimGiftCover(path, PAGE_VERSION, {
        busy: true,
        idle: false,
        done: async (result) => {
          this.setData({ activating: null })
          wx.showToast({ title: i18n.t('common.activated'), icon: 'success' })
          await this.load()
          if (result && result.policy_no) wx.navigateTo({ url: '/pages/policy/policy?no=' + encodeURIComponent(result.policy_no) })
        },
        gone: async () => {
          this.setData({ activating: null })
          await this.load()
        },
      })
    },
  },
})
