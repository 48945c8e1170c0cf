const api = require('../../utils/api')
const money = require('../../utils/money')
const i18n = require('../../utils/i18n')
const format = require('../../utils/format')
const insuredForm = require('../../utils/insured')
const share = require('../../utils/share')
const agreement = require('../../utils/agreement')

// Which version of this page showed the gift cover's documents (kept with the trace).
const PAGE_VERSION = 'envelope-2'

function sameGrab(a, b) {
  return !!a && !!b && a.coverage_fen === b.coverage_fen && a.grabbed_at === b.grabbed_at && a.nickname === b.nickname
}

function envelopeView(e) {
  const open = e.status === 'active' && e.shares_left > 0
  return {
    greeting: e.greeting || i18n.t('envelope.greetingFallback'),
    sender: e.sender && e.sender.nickname ? i18n.t('envelope.from', { nickname: e.sender.nickname }) : '',
    status: i18n.label('envelopeStatus', e.status),
    progress: i18n.t('envelope.progress', { grabbed: e.shares - e.shares_left, total: e.shares }),
    // The sender shares their envelope; grabbing is for friends (the server says 409 own_envelope).
    isSender: !!e.is_sender,
    canShare: open && !!e.is_sender,
    canGrab: open && !e.is_sender,
    // Why a friend cannot grab, by its status (the server's 409 / 410 say the same).
    closedNote: e.status === 'pending_payment' ? i18n.t('envelope.closedUnpaid')
      : e.status === 'expired' ? i18n.t('envelope.closedExpired')
        : e.status === 'closed' ? i18n.t('envelope.closedNeverPaid') : i18n.t('envelope.closedEmpty'),
    // Its order closed unpaid: it never opens. The sender is told nothing was charged, and may send a new one.
    closedUnpaid: e.status === 'closed',
    // The server names the luckiest grab once a lucky-draw envelope is finished.
    grabs: (e.grabs || []).map((g) => ({
      nickname: g.nickname || i18n.t('common.wechatFriend'),
      coverage: money.coverage(g.coverage_fen),
      at: format.dateTime(g.grabbed_at),
      luckiest: sameGrab(g, e.luckiest),
    })),
    // Only while there is something left to grab: a finished envelope invites no more forwarding.
    openUntil: open && e.expires_at ? i18n.t('envelope.openUntil', { date: format.dateTime(e.expires_at) }) : '',
  }
}

function mineView(grab, policyNo) {
  if (!grab) return null
  return {
    grabId: grab.grab_id,
    coverage: money.coverage(grab.coverage_fen),
    status: grab.status,
    activateBy: i18n.t('envelope.activateBy', { date: format.dateTime(grab.activate_by) }),
    policyNo: policyNo || grab.policy_no || '',
    policyNoLine: policyNo || grab.policy_no ? i18n.t('common.policyNoLine', { no: policyNo || grab.policy_no }) : '',
  }
}

Component({
  behaviors: [agreement.behavior],

  data: {
    t: i18n.page('envelope'),
    loading: true,
    error: '',
    envelope: null,
    mine: null,
    name: '',
    idNumber: '',
    errors: { name: '', idNumber: '', person: '' },
    busy: false,
    // Saved insured persons to pick from; personId is the one picked, or 'new' to type one in.
    persons: [],
    personId: 'new',
  },

  methods: {
    onLoad(query) {
      this.envelopeId = query.id
      this.arrivedVia = query.share_token || ''
      this.shareCard = null
      this.policyNo = ''
      // Opened from a share card: the sharer gets the credit if this is our first login.
      api.rememberShareToken(query)
      i18n.apply(this, 'envelope')
      return this.load()
    },

    onReady() {
      i18n.title('envelope')
    },

    async load() {
      this.setData({ loading: !this.data.envelope, error: '' })
      try {
        const envelope = await api.get('/api/v1/envelopes/' + encodeURIComponent(this.envelopeId))
        this.shareCard = envelope.share_card || null
        // The activation form shows with the documents it asks the friend to agree to, never
        // before them: a tap on "activate" ahead of them could not be agreed.
        if (envelope.my_grab && envelope.my_grab.status === 'grabbed' && !this.giftLoaded) await this.loadActivation()
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

    /** The gift cover's documents, agreed before activating, and the saved persons it fits. */
    async loadActivation() {
      const [product, records] = await Promise.all([agreement.giftProduct(), insuredForm.saved()])
      this.giftLoaded = !!product
      this.band = product && product.plans && product.plans[0]
      const persons = records.map((p) => insuredForm.personView(p, this.band))
      const first = persons.find((p) => p.fits)
      this.showDocuments(product, { persons, personId: first ? first.id : 'new' })
    },

    choosePerson(event) {
      const id = event.currentTarget.dataset.id
      this.setData({ personId: id === 'new' ? 'new' : Number(id), 'errors.person': '' })
    },

    /** Who the share insures: { insured_person_id } or { insured }, or null with the errors shown. */
    who() {
      if (this.data.personId !== 'new') {
        const person = this.data.persons.find((p) => p.id === this.data.personId)
        const errors = insuredForm.noErrors()
        if (!person.fits) errors.person = i18n.t('envelope.personOutOfBand', { min: this.band.age_min, max: this.band.age_max })
        this.setData({ errors })
        return person.fits ? { insured_person_id: person.id } : null
      }
      const { insured, errors } = insuredForm.check(this.data.name, this.data.idNumber)
      this.setData({ errors })
      return insured ? { insured } : null
    },

    onNameChange(event) {
      this.setData({ name: event.detail, 'errors.name': '' })
    },

    onIdNumberChange(event) {
      this.setData({ idNumber: event.detail, 'errors.idNumber': '' })
    },

    async activate() {
      if (this.data.busy || !this.data.mine) return
      const who = this.who()
      const agreed = this.documentsAgreed()
      this.setData({ agreeError: !agreed })
      if (!agreed) wx.showToast({ title: i18n.t('common.agreeFirst'), icon: 'none' })
      if (!who || !agreed) return

      this.setData({ busy: true })
      try {
        const body = Object.assign({}, who, {
          accepted_documents: this.acceptedDocuments(),
          client: agreement.client(PAGE_VERSION),
        })
        const result = await api.post('/api/v1/envelope-grabs/' + encodeURIComponent(this.data.mine.grabId) + '/activate', body)
        this.policyNo = result.policy_no
        wx.showToast({ title: i18n.t('common.activated'), icon: 'success' })
      } catch (err) {
        if (agreement.isStale(err)) await this.loadActivation()
        const fieldErrors = insuredForm.fieldErrors(err)
        this.setData({ errors: fieldErrors || insuredForm.noErrors() })
        if (!fieldErrors) api.showError(err)
      }
      this.setData({ busy: false })
      await this.load()
    },

    sendAgain() {
      wx.redirectTo({ url: '/pages/envelope-send/envelope-send' })
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
    // so friends we bring are credited to us. The server writes the card's title.
    onShareAppMessage() {
      const card = this.shareCard || {}
      const title = card.title || i18n.t('envelope.shareFallback')
      const path = card.path || '/pages/envelope/envelope?id=' + encodeURIComponent(this.envelopeId)
      return share.shareMessage(title, path, 'envelope', this.envelopeId, this.arrivedVia)
    },
  },
})
