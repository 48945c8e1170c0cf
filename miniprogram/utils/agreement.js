// What a buyer reads and agrees to before cover is created (issue 16): the product's
// documents, agreed by a tick the user makes (never made for them), the health
// questions of a medical product, and what the server keeps as the sale's trace.
//
// - documents(product): the current version of each document, as the product gives it.
// - accepted(documents, at): `accepted_documents` for the order, each at the moment
//   the user ticked "I have read and agree" (ISO 8601 with the phone's offset).
// - questions(product) / health(questions): the health declaration, answered yes or no
//   one by one, with no answer chosen for the user.
// - client(page): which build and page showed them (`client` on the order).
// - behavior: the tick itself, for every page that asks for it (see below).

const i18n = require('./i18n')
const api = require('./api')
const insuredForm = require('./insured')

// The mini-program's version when WeChat does not say (DevTools, tests).
const APP_VERSION = '0.2.0'

/**
 * A title inside the link's own 《》: the marks it holds become 〈〉, as Chinese nests book-title marks
 * (GB/T 15834-2011《标点符号用法》, 书名号): 《〈红包意外保障〉保险条款》, never 《《红包意外保障》保险条款》.
 */
function nestedTitle(title) {
  return String(title || '').replace(/《/g, '〈').replace(/》/g, '〉')
}

// Agreed with a tick of its own: the authorisation to process sensitive personal information (the identity
// number) needs a separate consent (PIPL Art. 29), never one bundled with the contract's documents.
const SEPARATE_CONSENT = ['privacy_consent']

function documents(product) {
  return ((product && product.documents) || []).map((d, index) => ({
    code: d.code,
    version: d.version,
    title: d.title,
    url: d.url,
    link: i18n.t('common.documentLink', { title: nestedTitle(d.title) }),
    index,
  }))
}

/** The documents as the page shows them: all of them, the contract's (one tick), the consent's (its own). */
function shown(docs) {
  return {
    documents: docs,
    contractDocuments: docs.filter((d) => !SEPARATE_CONSENT.includes(d.code)),
    consentDocuments: docs.filter((d) => SEPARATE_CONSENT.includes(d.code)),
  }
}

function pad(n) {
  return String(Math.floor(Math.abs(n))).padStart(2, '0')
}

/** "2026-12-06T16:30:05+08:00": the phone's own time, with its offset. */
function isoWithOffset(date) {
  const d = date || new Date()
  const offset = -d.getTimezoneOffset()
  const local = new Date(d.getTime() + offset * 60000)
  const sign = offset >= 0 ? '+' : '-'
  return local.toISOString().slice(0, 19) + sign + pad(offset / 60) + ':' + pad(offset % 60)
}

/** `accepted_documents`: each document at the moment of its own tick: `at` for the contract's, `consentAt` for the
 * consent's (`at` when one moment is given for all). */
function accepted(docs, at, consentAt) {
  return docs.map((d) => ({ code: d.code, version: d.version,
    accepted_at: SEPARATE_CONSENT.includes(d.code) ? consentAt || at : at }))
}

function questions(product) {
  return ((product && product.health_questions) || []).map((q) => ({ code: q.code, text: q.text, answer: '' }))
}

/** 'unanswered' while a question has no answer, 'declined' on any yes, else 'ok'. */
function health(qs) {
  if (qs.some((q) => q.answer === 'yes')) return 'declined'
  if (qs.some((q) => q.answer !== 'yes' && q.answer !== 'no')) return 'unanswered'
  return 'ok'
}

function answers(qs) {
  const out = {}
  qs.forEach((q) => {
    out[q.code] = q.answer === 'yes'
  })
  return out
}

function call(name) {
  try {
    return typeof wx[name] === 'function' ? wx[name]() : null
  } catch (err) {
    return null
  }
}

function client(page) {
  const account = call('getAccountInfoSync')
  const device = call('getDeviceInfo') || call('getSystemInfoSync')
  const version = account && account.miniProgram && account.miniProgram.version
  return {
    app_version: String(version || APP_VERSION).slice(0, 32),
    page_version: page,
    platform: String((device && device.platform) || 'unknown').slice(0, 32),
  }
}

/** Open one document in the document page (its text, in the user's language). */
function open(doc) {
  wx.navigateTo({
    url: '/pages/document/document?url=' + encodeURIComponent(doc.url) + '&title=' + encodeURIComponent(doc.title || ''),
  })
}

/** The 422s that mean "show the documents or the questions again". */
function isStale(err) {
  return !!err && (err.code === 'documents_not_accepted' || err.code === 'health_declaration_required')
}

/**
 * The gift cover's product (what red envelopes and step rewards give): its documents are
 * what an activation or a redemption agrees to. Null when it cannot be had.
 */
async function giftProduct() {
  try {
    const products = await api.get('/api/v1/products', { auth: false })
    return (products || []).find((p) => p.category === 'gift') || null
  } catch (err) {
    return null
  }
}

/**
 * The documents and the tick that agrees to them, for a page that asks for it: `documents`,
 * `agreed` and `agreeError` in its data, the handlers its WXML binds (toggleAgree,
 * openDocument), and the moment of the tick, which only this behavior writes.
 * A page whose tick must stay as it is at times (the order page, once the order exists)
 * defines agreementLocked().
 */
const behavior = Behavior({
  data: {
    documents: [],
    contractDocuments: [],
    consentDocuments: [],
    agreed: false,
    consented: false,
    agreeError: false,
  },

  methods: {
    /** Untick: a fresh agreement, never made for the user. `alongside` joins the same setData. */
    resetAgreement(alongside) {
      this.agreedAt = ''
      this.consentedAt = ''
      this.setData(Object.assign({ agreed: false, consented: false, agreeError: false }, alongside))
    },

    /** The product's documents as they are now, to agree to afresh. */
    showDocuments(product, alongside) {
      this.resetAgreement(Object.assign(shown(documents(product)), alongside))
    },

    /**
     * The gift cover's documents: what activating a share or redeeming a reward agrees to.
     * `alongside` (the form that asks for the tick) shows in the same setData, not before them.
     */
    async loadGiftDocuments(alongside) {
      this.showDocuments(await giftProduct(), alongside)
    },

    agreementLocked() {
      return false
    },

    toggleAgree() {
      if (this.agreementLocked()) return
      const agreed = !this.data.agreed
      this.agreedAt = agreed ? isoWithOffset(new Date()) : ''
      this.setData({ agreed, agreeError: false })
    },

    toggleConsent() {
      if (this.agreementLocked()) return
      const consented = !this.data.consented
      this.consentedAt = consented ? isoWithOffset(new Date()) : ''
      this.setData({ consented, agreeError: false })
    },

    openDocument(event) {
      open(this.data.documents[Number(event.currentTarget.dataset.index)])
    },

    /** Ticked, or nothing to agree to (a product the server lists no documents for): the server decides. */
    documentsAgreed() {
      const data = this.data
      return (data.agreed || !data.contractDocuments.length) && (data.consented || !data.consentDocuments.length)
    },

    /** `accepted_documents` for the request: each document shown, at the moment of its tick. */
    acceptedDocuments() {
      return accepted(this.data.documents, this.agreedAt, this.consentedAt)
    },
  },
})

/**
 * Gift cover for a person the user names (activating an envelope share, redeeming a reward): the name and
 * identity number fields, checked together with the tick, and the request that turns the gift into a policy.
 * Used beside `behavior`, which owns the tick.
 */
// Refusals that mean the gift cannot be had any more: a reward used or expired, a share activated or lapsed.
const GIFT_GONE = ['reward_redeemed', 'reward_expired', 'already_activated', 'grab_lapsed']

const giftCover = Behavior({
  methods: {
    onNameChange(event) {
      this.setData({ name: event.detail, 'errors.name': '' })
    },

    onIdNumberChange(event) {
      this.setData({ idNumber: event.detail, 'errors.idNumber': '' })
    },

    /**
     * POST the gift to `path` for the person in the form, once the form and the tick are right; `done(result)`
     * follows a success. `busy` and `idle` are the page's own values of data.busy while it runs and after.
     * A refusal is shown where the user looks: beside a field, as a fresh tick for changed documents, or a toast.
     * One saying the gift itself is gone (used or activated already, expired, lapsed) is followed by `gone(err)`:
     * the page shows the gift as it is now, not a form whose button can only fail again.
     */
    async claimGiftCover(path, pageVersion, { busy, idle, done, gone }) {
      const { insured, errors } = insuredForm.check(this.data.name, this.data.idNumber)
      const agreed = this.documentsAgreed()
      this.setData({ errors, agreeError: !agreed })
      if (!agreed) wx.showToast({ title: i18n.t('common.agreeFirst'), icon: 'none' })
      if (!insured || !agreed) return
      this.setData({ busy })
      try {
        await done(await api.post(path, { insured, accepted_documents: this.acceptedDocuments(), client: client(pageVersion) }))
      } catch (err) {
        if (isStale(err)) await this.loadGiftDocuments()
        const fieldErrors = insuredForm.fieldErrors(err)
        this.setData({ errors: fieldErrors || insuredForm.noErrors() })
        if (!fieldErrors) api.showError(err)
        if (gone && GIFT_GONE.indexOf(err.code) >= 0) await gone(err)
      } finally {
        this.setData({ busy: idle })
      }
    },
  },
})

module.exports = {
  giftProduct, documents, accepted, isoWithOffset, questions, health, answers, client, open, isStale, behavior, giftCover, APP_VERSION }
