// WeChat's privacy consent: WeChat holds back a privacy API until the user agrees to our
// privacy guideline, and asks our pop-up (components/privacy-popup) through
// wx.onNeedPrivacyAuthorization. The fake wx holds the APIs back as WeChat does.

const path = require('path')
const { createWx } = require('../support/wx')
const { fakeApi } = require('../support/fake-api')
const { loadPage, loadApp, ROOT } = require('../support/page')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

const STEPS = ['submitted', 'accepted', 'reviewing', 'investigating', 'assessing', 'approved', 'paid']

function claimNeedingDocuments() {
  return {
    claim_no: 'CL9',
    state: 'more_info_required',
    policy_no: 'RC1',
    kind: 'hospital',
    claimed_fen: 123450,
    explanation: 'The insurer needs a copy of the police report.',
    timeline: STEPS.map((step, i) => ({ step, status: i < 2 ? 'done' : i === 2 ? 'current' : 'pending' })),
    materials: [],
  }
}

/** What app.js does at launch: listen for WeChat's requests (the module the loaded page uses). */
function launch() {
  require(path.join(ROOT, 'utils', 'privacy')).listen()
}

/** The pop-up component on the page (its own tree: look inside it). */
function popup(page) {
  return ui.find(page, '.privacy-popup')
}

function popupShown(page) {
  return ui.exists(popup(page), '.privacy-card')
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)

  async function claimPage({ privacyAgreed }) {
    const uploads = []
    const server = fakeApi({
      'GET /api/v1/claims/CL9': claimNeedingDocuments(),
      'POST /api/v1/claims/CL9/materials': (req) => {
        uploads.push(req.filePath)
        return {}
      },
    })
    const fake = createWx({ request: server.request, uploadFile: server.uploadFile, language, privacyAgreed })
    const picked = []
    fake.answer('chooseMedia', () => {
      picked.push('album')
      return { tempFiles: [{ tempFilePath: '/tmp/report.jpg' }] }
    })
    fake.answer('chooseMessageFile', () => {
      picked.push('chat')
      return { tempFiles: [{ path: '/tmp/invoice.pdf', name: 'invoice.pdf' }] }
    })
    const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL9' } })
    launch()
    return { page, fake, uploads, picked }
  }

  test('adding claim photos asks for the agreement first: the pop-up shows before any photo is chosen', async () => {
    const { page, fake, uploads, picked } = await claimPage({ privacyAgreed: false })
    expect(popupShown(page)).toBe(false)

    await ui.tap(page, '.add-documents')
    await ui.waitFor(page, () => popupShown(page))

    const shows = ui.text(ui.find(popup(page), '.privacy-card'))
    expect(shows).toContain(t('privacy-popup.title'))
    expect(shows).toContain(t('privacy-popup.intro'))
    // The guideline's own title, as WeChat names it, a tap away.
    expect(ui.text(ui.find(popup(page), '.privacy-contract'))).toBe('《Redcover小程序隐私保护指引》')
    expect(ui.text(ui.find(popup(page), '.privacy-agree'))).toBe(t('privacy-popup.agree'))
    expect(ui.text(ui.find(popup(page), '.privacy-disagree'))).toBe(t('privacy-popup.disagree'))
    expect(picked).toEqual([]) // the photo picker waits for the answer
    expect(uploads).toEqual([])
    expect(fake.privacy.answers).toEqual([{ api: 'chooseMedia', event: 'exposureAuthorization' }])

    await ui.tap(popup(page), '.privacy-contract')
    expect(fake.calls('openPrivacyContract')).toHaveLength(1)
  })

  test('agreeing answers WeChat with the agree button\'s id; the photos are then chosen and sent', async () => {
    const { page, fake, uploads, picked } = await claimPage({ privacyAgreed: false })
    await ui.tap(page, '.add-documents')
    await ui.waitFor(page, () => popupShown(page))

    const agree = ui.find(popup(page), '.privacy-agree')
    expect(ui.attr(agree, 'open-type')).toBe('agreePrivacyAuthorization')
    const buttonId = ui.attr(agree, 'id')
    expect(buttonId).toBeTruthy()
    // WeChat fires this once the user taps the agree button.
    await ui.trigger(popup(page), '.privacy-agree', 'agreeprivacyauthorization', {})

    expect(fake.privacy.answers.slice(-1)).toEqual([{ api: 'chooseMedia', event: 'agree', buttonId }])
    await ui.waitFor(page, () => uploads.length)
    expect(picked).toEqual(['album'])
    expect(uploads).toEqual(['/tmp/report.jpg'])
    expect(popupShown(page)).toBe(false)
    await ui.waitFor(page, () => fake.calls('showToast').length)
    expect(fake.calls('showToast')[0].title).toBe(t('claim.uploaded', { count: 1 }))

    // WeChat remembers: the next pick goes straight on.
    await ui.tap(page, '.add-pdf')
    await ui.waitFor(page, () => uploads.length === 2)
    expect(popupShown(page)).toBe(false)
    expect(fake.privacy.answers).toHaveLength(2)
  })

  test('not agreeing says plainly what cannot be done and how to agree later; the rest of the page still works', async () => {
    const { page, fake, uploads, picked } = await claimPage({ privacyAgreed: false })
    await ui.tap(page, '.add-pdf')
    await ui.waitFor(page, () => popupShown(page))

    await ui.tap(popup(page), '.privacy-disagree')

    expect(fake.privacy.answers.slice(-1)).toEqual([{ api: 'chooseMessageFile', event: 'disagree' }])
    const shows = ui.text(ui.find(popup(page), '.privacy-card'))
    expect(shows).toContain(t('privacy-popup.refusedTitle'))
    expect(shows).toContain(t('privacy-popup.refusedCannot'))
    expect(shows).toContain(t('privacy-popup.refusedCan'))
    expect(shows).toContain(t('privacy-popup.refusedLater'))
    expect(picked).toEqual([])
    expect(uploads).toEqual([])
    // The pop-up said it: no error dialog or toast on top of it.
    expect(fake.calls('showModal')).toEqual([])
    expect(fake.calls('showToast')).toEqual([])

    await ui.tap(popup(page), '.privacy-close')
    expect(popupShown(page)).toBe(false)
    expect(ui.text(ui.find(page, '.withdraw'))).toBe(t('claim.withdraw'))

    // Next time WeChat asks again, and agreeing then lets the photos through.
    await ui.tap(page, '.add-documents')
    await ui.waitFor(page, () => popupShown(page))
    expect(ui.text(ui.find(popup(page), '.privacy-card'))).toContain(t('privacy-popup.title'))
    await ui.trigger(popup(page), '.privacy-agree', 'agreeprivacyauthorization', {})
    await ui.waitFor(page, () => uploads.length)
    expect(uploads).toEqual(['/tmp/report.jpg'])
  })

  test('a user who agreed before is not asked', async () => {
    const { page, fake, uploads } = await claimPage({ privacyAgreed: true })
    await ui.tap(page, '.add-documents')
    await ui.waitFor(page, () => uploads.length)
    expect(popupShown(page)).toBe(false)
    expect(fake.privacy.answers).toEqual([])
  })

  test('WeRun on a phone waits for the agreement; saying no is explained once, by the pop-up', async () => {
    const server = fakeApi({
      'GET /api/v1/rewards': [],
      'POST /api/v1/rewards/werun': { steps_today: 12345, rewards: [] },
    })
    const fake = createWx({ request: server.request, language, privacyAgreed: false })
    const read = []
    fake.answer('getWeRunData', () => {
      read.push('werun')
      return { encryptedData: 'real-werun-data', iv: 'real-iv' }
    })
    const { page } = await loadPage('rewards', { wx: fake.wx })
    launch()

    await ui.tap(page, '.sync')
    await ui.waitFor(page, () => popupShown(page))
    expect(read).toEqual([])
    await ui.tap(popup(page), '.privacy-disagree')

    expect(fake.privacy.answers.slice(-1)).toEqual([{ api: 'getWeRunData', event: 'disagree' }])
    expect(ui.text(ui.find(popup(page), '.privacy-card'))).toContain(t('privacy-popup.refusedCannot'))
    await ui.settle()
    expect(server.callsTo('POST', '/api/v1/rewards/werun')).toHaveLength(0)
    // Not the "allow WeRun in settings" message: the user was not refused by WeRun, they said no to us.
    expect(fake.calls('showModal')).toEqual([])
    expect(fake.calls('showToast')).toEqual([])
    expect(ui.text(ui.find(page, '.sync'))).toBe(t('rewards.sync')) // and may try again

    await ui.tap(popup(page), '.privacy-close')
    await ui.tap(page, '.sync')
    await ui.waitFor(page, () => popupShown(page))
    await ui.trigger(popup(page), '.privacy-agree', 'agreeprivacyauthorization', {})
    await ui.waitFor(page, () => server.callsTo('POST', '/api/v1/rewards/werun').length)
    expect(read).toEqual(['werun'])
  })

  test('Me shows whether the guideline is agreed, and agreeing can be done there any time', async () => {
    const server = fakeApi({
      'GET /api/v1/me': { id: 1, openid: 'o_1', nickname: null, avatar_url: null, phone_masked: null, language },
      'PATCH /api/v1/me': {},
      'GET /api/v1/me/referrals': [],
    })
    const fake = createWx({ request: server.request, language, privacyAgreed: false })
    const { page } = await loadPage('me', { wx: fake.wx })
    launch()
    const cell = () => ui.text(ui.find(page, '.privacy-guideline'))
    await ui.waitFor(page, () => cell().includes(t('me.privacyNotAgreed')))
    expect(cell()).toContain(t('me.privacyGuideline'))

    await ui.tap(page, '.privacy-guideline')
    await ui.waitFor(page, () => popupShown(page))
    await ui.trigger(popup(page), '.privacy-agree', 'agreeprivacyauthorization', {})

    await ui.waitFor(page, () => cell().includes(t('me.privacyAgreed')))
    expect(popupShown(page)).toBe(false)
    expect(fake.privacy.agreed).toBe(true)
    // Agreed: the cell opens the guideline itself.
    await ui.tap(page, '.privacy-guideline')
    await ui.waitFor(page, () => fake.calls('openPrivacyContract').length)
  })
})

test('the app listens for WeChat\'s requests once, at launch', () => {
  const fake = createWx()
  const listeners = []
  fake.wx.onNeedPrivacyAuthorization = (listener) => listeners.push(listener)
  const app = loadApp({ wx: fake.wx })
  app.onLaunch({ query: {} })
  app.onLaunch({ query: {} })
  expect(listeners).toHaveLength(1)
})
