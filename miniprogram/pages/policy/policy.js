const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const format = require('../../utils/format')
const dialog = require('../../utils/dialog')
const agreement = require('../../utils/agreement')
const { poll } = require('../../utils/poll')

// The cooling-off period, for a server that does not say `cancellable` itself.
const COOLING_OFF_MS = 15 * 24 * 3600 * 1000

/**
 * Whether "Cancel and get a refund" is offered: the server's `cancellable` (it knows the
 * 15 days and whether a claim stands in the way); without it, cover bought by the user,
 * active, within 15 days of being issued.
 */
function cancellable(p) {
  if (p.status !== 'active' || p.source !== 'purchase') return false
  if (typeof p.cancellable === 'boolean') return p.cancellable
  const since = Date.parse(p.issued_at || p.starts_at)
  return !Number.isNaN(since) && Date.now() - since < COOLING_OFF_MS
}

/** The policy's auto-renewal (`renewal`, null when it does not renew), as the page shows it. */
function renewalView(r, policyEnds) {
  if (!r) return null
  const notes = { retrying: 'retryingNote', pending: 'pendingNote', lapsed: 'lapsedNote', cancelled: 'cancelledNote' }
  return {
    status: r.status,
    statusText: i18n.label('renewalStatus', r.status),
    on: r.status === 'active' || r.status === 'retrying',
    retrying: r.status === 'retrying',
    note: notes[r.status] ? i18n.t('policy.' + notes[r.status]) : '',
    nextCharge: r.next_charge_on ? format.day(r.next_charge_on) : '',
    amount: i18n.t('policy.perMonth', { amount: money.amount(r.amount_fen) }),
    ends: policyEnds,
    periods: (r.periods || []).map((period) => ({
      n: period.n,
      name: i18n.t('policy.periodName', { n: period.n }),
      dates: format.range(period.starts_at, period.ends_at),
      amount: money.amount(period.amount_fen),
      status: period.status,
      statusText: i18n.label('periodStatus', period.status),
    })),
  }
}

function refundNote(p) {
  if (p.status !== 'cancelling' || p.source !== 'purchase') return ''
  const amount = p.refund ? p.refund.amount_fen : p.premium_fen
  if (!amount) return ''
  const key = p.refund && p.refund.status === 'failed' ? 'policy.refundFailedNote' : 'policy.cancellingNote'
  return i18n.t(key, { amount: money.amount(amount) })
}

function refundWaits(p) {
  return p.status === 'cancelling' && !(p.refund && p.refund.status === 'failed')
}

function policyView(p) {
  return {
    policyNo: p.policy_no,
    productName: p.product_name,
    planName: p.plan_name,
    coverage: money.coverage(p.coverage_fen),
    // Gift cover's premium was paid by the sender or the campaign, not by the holder: nothing to show as paid.
    premium: p.source === 'purchase' && p.premium_fen ? money.amount(p.premium_fen) : '',
    status: i18n.label('policyStatus', p.status),
    active: p.status === 'active',
    cancellable: cancellable(p),
    // Being cancelled, the refund on its way: say where the money goes and what comes next. A refund WeChat Pay
    // could not return (a closed card) waits for customer service, who pay it back another way: said so, not
    // "on its way" for good.
    refundNote: refundNote(p),
    coolingOffEnds: p.cooling_off_ends_at ? format.dateTime(p.cooling_off_ends_at) : '',
    insurer: p.insurer ? { name: p.insurer.name, address: p.insurer.address || '', hotline: p.insurer.hotline || '' } : null,
    documents: (p.documents_accepted || []).map((d) => ({ code: d.code, title: d.title, url: d.url, version: d.version })),
    source: i18n.label('policySource', p.source),
    policyNoShort: i18n.t('common.policyNoShort', { no: p.policy_no }),
    insuredName: p.insured_name || '',
    insuredId: p.insured_id_number || '',
    starts: format.dateTime(p.starts_at),
    // A cancelled policy's cover ended when its refund succeeded, not at the end it was sold with.
    cancelled: !!p.cancelled_at,
    ends: p.cancelled_at ? format.dateTime(p.cancelled_at) : format.coverEnd(p.ends_at),
    refunded: p.cancelled_at && p.source === 'purchase' && p.premium_fen ? money.amount(p.premium_fen) : '',
    illnessFrom: p.waiting_period_days && !p.cancelled_at ? format.date(p.illness_cover_starts_at) : '',
    renewal: renewalView(p.renewal, format.coverEnd(p.ends_at)),
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
    opening: false,
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

    onUnload() {
      this.gone = true
    },

    fetch() {
      return api.get('/api/v1/policies/' + encodeURIComponent(this.policyNo))
    },

    async load() {
      this.setData({ loading: true, error: '' })
      try {
        const policy = await this.fetch()
        this.setData({ loading: false, policy: policyView(policy) })
        if (refundWaits(policy)) this.watchRefund()
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    /**
     * "退保中" lasts until WeChat Pay confirms the refund, usually seconds: asked again meanwhile, so the page
     * the user is looking at turns "已退保" by itself (a slower refund: a pull-down, or the next visit).
     */
    async watchRefund() {
      if (this.watching) return
      this.watching = true
      try {
        const result = await poll(() => this.fetch(), (p) => !refundWaits(p), { stopped: () => this.gone })
        if (result.done && !this.gone) this.setData({ policy: policyView(result.value) })
      } catch (err) {
        // still "退保中": a pull-down asks again
      } finally {
        this.watching = false
      }
    },

    async onPullDownRefresh() {
      await this.load()
      wx.stopPullDownRefresh()
    },

    claim() {
      wx.navigateTo({ url: '/pages/claim-new/claim-new?policy_no=' + encodeURIComponent(this.policyNo) })
    },

    /** The e-policy: a PDF only the owner may download, opened in WeChat's viewer (to keep or forward). */
    async openEPolicy() {
      if (this.data.opening) return
      this.setData({ opening: true })
      try {
        const filePath = await api.download('/api/v1/policies/' + encodeURIComponent(this.policyNo) + '/document')
        await new Promise((resolve, reject) => {
          wx.openDocument({ filePath, fileType: 'pdf', showMenu: true, success: resolve, fail: reject })
        })
      } catch (err) {
        api.showError(err instanceof api.ApiError ? err : new api.ApiError(0, 'open_failed', i18n.t('policy.openFailed')))
      } finally {
        this.setData({ opening: false })
      }
    },

    callHotline() {
      const insurer = this.data.policy && this.data.policy.insurer
      if (insurer && insurer.hotline) wx.makePhoneCall({ phoneNumber: insurer.hotline })
    },

    openDocument(event) {
      agreement.open(this.data.policy.documents[Number(event.currentTarget.dataset.index)])
    },

    /** Stop auto-renewal: WeChat ends the contract; the cover already paid for runs to its end. */
    async stopRenewal() {
      const renewal = this.data.policy && this.data.policy.renewal
      if (this.data.busy || !renewal || !renewal.on) return
      const ok = await dialog.confirm(
        i18n.t('policy.stopTitle'),
        i18n.t('policy.stopContent', { ends: renewal.ends }),
        i18n.t('policy.stopConfirm'),
        i18n.t('common.keep'),
      )
      if (!ok) return
      this.setData({ busy: true })
      try {
        const policy = await api.request('DELETE', '/api/v1/policies/' + encodeURIComponent(this.policyNo) + '/renewal')
        this.setData({ policy: policyView(policy) })
        wx.showToast({ title: i18n.t('policy.renewalStopped'), icon: 'none' })
      } catch (err) {
        api.showError(err)
        if (err.code === 'renewal_not_active') await this.load() // it had stopped meanwhile: show how
      } finally {
        this.setData({ busy: false })
      }
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
        // 409 claim_exists / cooling_off_over / not_cancellable: it changed since the page showed it (a claim
        // filed meanwhile, the 15 days over). Show it as it is now, without a button that cannot work.
        if (err.status === 409) await this.load()
      } finally {
        this.setData({ busy: false })
      }
    },
  },
})
