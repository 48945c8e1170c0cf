const api = require('../../utils/api')
const money = require('../../utils/money')
const labels = require('../../utils/labels')
const format = require('../../utils/format')
const insuredForm = require('../../utils/insured')
const share = require('../../utils/share')

function sameGrab(a, b) {
  return !!a && !!b && a.coverage_fen === b.coverage_fen && a.grabbed_at === b.grabbed_at && a.nickname === b.nickname
}

function envelopeView(e) {
  const open = e.status === 'active' && e.shares_left > 0
  return {
    greeting: e.greeting || 'Stay safe! A little cover from a friend.',
    sender: e.sender && e.sender.nickname ? 'From ' + e.sender.nickname : '',
    status: labels.label(labels.ENVELOPE_STATUS, e.status),
    progress: (e.shares - e.shares_left) + ' of ' + e.shares + ' shares grabbed',
    total: Number.isInteger(e.total_coverage_fen) ? money.yuan(e.total_coverage_fen) : '',
    canGrab: open,
    closedNote: e.status === 'pending_payment' ? 'The sender has not paid for this envelope yet.'
      : e.status === 'expired' ? 'This envelope has expired.'
        : 'Every share has been grabbed.',
    // The server names the luckiest grab once a lucky-draw envelope is finished.
    grabs: (e.grabs || []).map((g) => ({
      nickname: g.nickname || 'A WeChat friend',
      coverage: money.yuan(g.coverage_fen),
      at: format.dateTime(g.grabbed_at),
      luckiest: sameGrab(g, e.luckiest),
    })),
    expires: format.dateTime(e.expires_at),
  }
}

function mineView(grab, policyNo) {
  if (!grab) return null
  return {
    grabId: grab.grab_id,
    coverage: money.yuan(grab.coverage_fen),
    status: grab.status,
    activateBy: format.dateTime(grab.activate_by),
    policyNo: policyNo || '',
  }
}

Component({
  data: {
    loading: true,
    error: '',
    envelope: null,
    mine: null,
    name: '',
    idNumber: '',
    errors: { name: '', idNumber: '' },
    busy: false,
  },

  methods: {
    onLoad(query) {
      this.envelopeId = query.id
      this.arrivedVia = query.share_token || ''
      this.shareCard = null
      this.policyNo = ''
      // Opened from a share card: the sharer gets the credit if this is our first login.
      api.rememberShareToken(query)
      return this.load()
    },

    async load() {
      this.setData({ loading: !this.data.envelope, error: '' })
      try {
        const envelope = await api.get('/api/v1/envelopes/' + encodeURIComponent(this.envelopeId))
        this.shareCard = envelope.share_card || null
        this.setData({ loading: false, envelope: envelopeView(envelope), mine: mineView(envelope.my_grab, this.policyNo) })
      } catch (err) {
        this.setData({ loading: false, error: err.message })
      }
    },

    async grab() {
      if (this.data.busy) return
      this.setData({ busy: true })
      try {
        await api.post('/api/v1/envelopes/' + encodeURIComponent(this.envelopeId) + '/grab')
      } catch (err) {
        api.showError(err) // already grabbed, all gone, expired: the server says which
      }
      this.setData({ busy: false })
      await this.load()
    },

    onNameChange(event) {
      this.setData({ name: event.detail, 'errors.name': '' })
    },

    onIdNumberChange(event) {
      this.setData({ idNumber: event.detail, 'errors.idNumber': '' })
    },

    async activate() {
      if (this.data.busy || !this.data.mine) return
      const { insured, errors } = insuredForm.check(this.data.name, this.data.idNumber)
      this.setData({ errors })
      if (!insured) return

      this.setData({ busy: true })
      try {
        const result = await api.post('/api/v1/envelope-grabs/' + encodeURIComponent(this.data.mine.grabId) + '/activate', {
          insured,
        })
        this.policyNo = result.policy_no
        wx.showToast({ title: 'Cover activated', icon: 'success' })
      } catch (err) {
        const fieldErrors = insuredForm.fieldErrors(err)
        this.setData({ errors: fieldErrors || insuredForm.noErrors() })
        if (!fieldErrors) api.showError(err)
      }
      this.setData({ busy: false })
      await this.load()
    },

    viewPolicy() {
      if (this.data.mine.policyNo) {
        wx.navigateTo({ url: '/pages/policy/policy?no=' + encodeURIComponent(this.data.mine.policyNo) })
      } else {
        wx.switchTab({ url: '/pages/policies/policies' })
      }
    },

    async onPullDownRefresh() {
      await this.load()
      wx.stopPullDownRefresh()
    },

    // Forwarding: the card carries our own share token (and the one we came through),
    // so friends we bring are credited to us.
    onShareAppMessage() {
      const card = this.shareCard || {}
      const title = card.title || 'An insurance red envelope for you'
      const path = card.path || '/pages/envelope/envelope?id=' + encodeURIComponent(this.envelopeId)
      return share.shareMessage(title, path, 'envelope', this.envelopeId, this.arrivedVia)
    },
  },
})
