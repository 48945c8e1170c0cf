const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const format = require('../../utils/format')
const dialog = require('../../utils/dialog')

function policyView(p) {
  return {
    policyNo: p.policy_no,
    productName: p.product_name,
    planName: p.plan_name,
    coverage: money.coverage(p.coverage_fen),
    premium: p.premium_fen ? money.amount(p.premium_fen) : '',
    status: i18n.label('policyStatus', p.status),
    active: p.status === 'active',
    // Only cover you bought yourself can be cancelled for a refund (the server checks the 15 days).
    cancellable: p.status === 'active' && p.source === 'purchase',
    source: i18n.label('policySource', p.source),
    policyNoShort: i18n.t('common.policyNoShort', { no: p.policy_no }),
    insuredName: p.insured_name || '',
    insuredId: p.insured_id_number || '',
    starts: format.dateTime(p.starts_at),
    ends: format.dateTime(p.ends_at),
    illnessFrom: p.waiting_period_days ? format.date(p.illness_cover_starts_at) : '',
    covered: p.covered || [],
    notCovered: p.not_covered || [],
  }
}

Component({
  data: {
    t: i18n.page('policy'),
    loading: true,
    error: '',
    policy: null,
    busy: false,
  },

  methods: {
    onLoad(query) {
      this.policyNo = query.no
      i18n.apply(this, 'policy')
      return this.load()
    },

    onReady() {
      i18n.title('policy')
    },

    async load() {
      this.setData({ loading: true, error: '' })
      try {
        const policy = await api.get('/api/v1/policies/' + encodeURIComponent(this.policyNo))
        this.setData({ loading: false, policy: policyView(policy) })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    claim() {
      wx.navigateTo({ url: '/pages/claim-new/claim-new?policy_no=' + encodeURIComponent(this.policyNo) })
    },

    async cancel() {
      if (this.data.busy) return
      const ok = await dialog.confirm(
        i18n.t('policy.cancelTitle'),
        i18n.t('policy.cancelContent'),
        i18n.t('policy.cancelConfirm'),
        i18n.t('common.keep'),
      )
      if (!ok) return
      this.setData({ busy: true })
      try {
        await api.post('/api/v1/policies/' + encodeURIComponent(this.policyNo) + '/cancel')
        wx.showToast({ title: i18n.t('policy.refundOnItsWay'), icon: 'none' })
        await this.load()
      } catch (err) {
        api.showError(err)
      } finally {
        this.setData({ busy: false })
      }
    },
  },
})
