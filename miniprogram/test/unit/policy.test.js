const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { policy, INSURER } = require('../support/fixtures')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

function detail(overrides) {
  return policy(Object.assign({
    premium_fen: 500,
    insured_name: '王*',
    insured_id_number: '110105********0017',
    waiting_period_days: 0,
    illness_cover_starts_at: null,
    issued_at: '2024-05-01T02:00:00+00:00',
    covered: ['Death from an accident: we pay the full sum insured.'],
    not_covered: ['Illness, even a sudden one, is not an accident.'],
    insurer: INSURER,
    cancellable: true,
    cooling_off_ends_at: '2024-05-16T02:00:00+00:00',
    documents_accepted: [
      { code: 'clauses', version: '2026-12-01', title: 'Policy terms', url: 'http://redcover.test/documents/accident/clauses/2026-12-01', accepted_at: '2024-05-01T10:00:00+08:00' },
    ],
    health_declared: false,
  }, overrides))
}

// Cover and dates as each language writes them (Beijing time).
const SHOWN = {
  'zh-CN': { coverage: '保额 30万元', starts: '2024年5月1日 10:00', illness: '2024年5月31日', cancelled: '2024年5月3日 12:00' },
  en: { coverage: 'Pays up to 300,000 yuan', starts: '1 May 2024, 10:00', illness: '31 May 2024', cancelled: '3 May 2024, 12:00' },
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

  function setup(routes) {
    const server = fakeApi(routes)
    const fake = createWx({ request: server.request, language })
    return { server, fake }
  }

  test('the policy card shows the cover, the masked insured person and the dates', async () => {
    const { fake } = setup({ 'GET /api/v1/policies/RC2024000001': detail() })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })

    const card = ui.text(ui.find(page, '.policy-card'))
    expect(card).toContain('Accident cover')
    expect(card).toContain(shown.coverage)
    expect(card).toContain(t('common.policyNoShort', { no: 'RC2024000001' }))
    expect(card).toContain(t('labels.policyStatus.active'))
    const shownText = ui.text(page)
    expect(shownText).toContain(t('policy.insuredPerson') + ' 王*')
    expect(shownText).toContain(t('common.idLabel') + ' 110105********0017')
    expect(shownText).toContain(t('policy.starts') + ' ' + shown.starts)
    expect(shownText).toContain(t('policy.premiumPaid') + ' ¥5.00')
    expect(shownText).toContain(t('policy.source') + ' ' + t('labels.policySource.purchase'))
    expect(shownText).toContain(t('common.covered'))
    expect(shownText).toContain('Death from an accident')
    expect(shownText).toContain(t('policy.coolingOffHint'))
    expect(ui.text(ui.find(page, '.claim'))).toBe(t('common.makeClaim'))
    expect(ui.text(ui.find(page, '.cancel'))).toBe(t('policy.cancel'))
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual([t('titles.policy')])
  })

  test('a waiting period shows when illness is covered from', async () => {
    const { fake } = setup({
      'GET /api/v1/policies/RC2024000001': detail({ waiting_period_days: 30, illness_cover_starts_at: '2024-05-31T02:00:00+00:00' }),
    })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })

    expect(ui.text(page)).toContain(t('policy.illnessFrom') + ' ' + shown.illness)
  })

  test('Make a claim opens the claim form for this policy', async () => {
    const { fake } = setup({ 'GET /api/v1/policies/RC2024000001': detail() })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })

    await ui.tap(page, '.claim')

    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/claim-new/claim-new?policy_no=RC2024000001'])
  })

  test('cancelling asks first (in words WeChat will show), then shows the policy as cancelling', async () => {
    let status = 'active'
    const { server, fake } = setup({
      'GET /api/v1/policies/RC2024000001': () => detail({ status }),
      'POST /api/v1/policies/RC2024000001/cancel': () => {
        status = 'cancelling'
        return reply(200, detail({ status }))
      },
    })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })

    fake.answer('showModal', () => ({ confirm: false }))
    await ui.tap(page, '.cancel')
    expect(server.callsTo('POST', '/api/v1/policies/RC2024000001/cancel')).toHaveLength(0)
    expect(fake.calls('showModal')[0]).toMatchObject({
      title: t('policy.cancelTitle'),
      content: t('policy.cancelContent'),
      confirmText: t('policy.cancelConfirm'),
      cancelText: t('common.keep'),
    })

    fake.answer('showModal', () => ({ confirm: true }))
    await ui.tap(page, '.cancel')
    await ui.waitForText(page, t('labels.policyStatus.cancelling'))
    expect(server.callsTo('POST', '/api/v1/policies/RC2024000001/cancel')).toHaveLength(1)
    expect(fake.calls('showToast').map((o) => o.title)).toEqual([t('policy.refundOnItsWay')])
    expect(ui.exists(page, '.cancel')).toBe(false)
    expect(ui.exists(page, '.claim')).toBe(false)
  })

  test("a refused cancellation is explained in the server's words", async () => {
    const { fake } = setup({
      'GET /api/v1/policies/RC2024000001': detail(),
      'POST /api/v1/policies/RC2024000001/cancel': reply(409, errorBody('cooling_off_over', 'The 15 days to cancel have passed.')),
    })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })

    await ui.tap(page, '.cancel')
    await ui.waitFor(page, () => fake.calls('showToast').length)

    expect(fake.calls('showToast')[0].title).toBe('The 15 days to cancel have passed.')
  })

  test('gift cover from an envelope cannot be cancelled for a refund', async () => {
    const { fake } = setup({ 'GET /api/v1/policies/RC9': detail({ policy_no: 'RC9', source: 'envelope', premium_fen: 0 }) })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC9' } })

    expect(ui.exists(page, '.cancel')).toBe(false)
    expect(ui.exists(page, '.claim')).toBe(true)
    expect(ui.text(page)).not.toContain(t('policy.premiumPaid'))
  })

  test('a cancelled policy says when its cover ended and what was refunded, not the end it was sold with', async () => {
    const cancelled = detail({ policy_no: 'RC8', status: 'cancelled', cancelled_at: '2024-05-03T04:00:00+00:00',
      ends_at: '2025-04-30T16:00:00+00:00', cancellable: false })
    const { fake } = setup({ 'GET /api/v1/policies/RC8': cancelled })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC8' } })

    const ended = ui.text(ui.find(page, '.ends'))
    expect(ended).toContain(t('policy.endedOn'))
    expect(ended).toContain(shown.cancelled)
    expect(ended).not.toContain('2025')
    expect(ui.text(ui.find(page, '.refunded'))).toContain(t('policy.premiumRefunded'))
    expect(ui.text(ui.find(page, '.refunded'))).toContain('¥5.00')
  })

  test('a cancellation refund WeChat Pay could not return says customer service will pay it, and stops asking', async () => {
    const cancelling = detail({ policy_no: 'RC9', status: 'cancelling', cancellable: false,
      refund: { amount_fen: 500, status: 'failed' } })
    const { server, fake } = setup({ 'GET /api/v1/policies/RC9': cancelling })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC9' } })

    // It said "正在原路退回" for as long as the refund stayed unpaid, asking the server again all the while.
    expect(ui.text(ui.find(page, '.refund-note'))).toBe(t('policy.refundFailedNote', { amount: '¥5.00' }))
    expect(ui.text(ui.find(page, '.refund-note'))).not.toBe(t('policy.cancellingNote', { amount: '¥5.00' }))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(server.callsTo('GET', '/api/v1/policies/RC9').length).toBe(1)
  })

  test('a cancellation refund on its way says so, with what comes back', async () => {
    const cancelling = detail({ policy_no: 'RC10', status: 'cancelling', cancellable: false,
      refund: { amount_fen: 500, status: 'on_its_way' } })
    const { fake } = setup({ 'GET /api/v1/policies/RC10': cancelling })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC10' } })
    expect(ui.text(ui.find(page, '.refund-note'))).toBe(t('policy.cancellingNote', { amount: '¥5.00' }))
  })

  test('gift cover shows where it came from and no premium as paid: the holder paid nothing', async () => {
    // The server reports the gift plan's premium (what the sender or the campaign paid for the share).
    for (const source of ['envelope', 'reward']) {
      const { fake } = setup({ 'GET /api/v1/policies/RC9': detail({ policy_no: 'RC9', source, premium_fen: 20 }) })
      const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC9' } })

      expect(ui.text(page)).toContain(t('policy.source') + ' ' + t('labels.policySource.' + source))
      expect(ui.text(page)).not.toContain(t('policy.premiumPaid'))
      expect(ui.text(page)).not.toContain('¥0.20')
    }
  })

  test("someone else's policy number is simply not found", async () => {
    const { fake } = setup({ 'GET /api/v1/policies/RC404': reply(404, errorBody('not_found', 'We could not find that policy.')) })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC404' } })

    expect(ui.text(page)).toContain('We could not find that policy.')
  })

  // ---- e-policy, insurer, customer service, cancelling (issue 16) ----------------------

  test('the e-policy is downloaded with the token and opened in WeChat to keep or forward', async () => {
    const server = fakeApi({ 'GET /api/v1/policies/RC2024000001': detail() })
    const downloads = []
    const fake = createWx({
      request: server.request,
      language,
      downloadFile: (opts) => {
        downloads.push(opts)
        return { statusCode: 200, tempFilePath: 'http://tmp/e-policy.pdf' }
      },
    })
    fake.wx.setStorageSync('rc_token', 'tok-owner')
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })

    expect(ui.text(ui.find(page, '.e-policy'))).toBe(t('policy.ePolicy'))
    await ui.tap(page, '.e-policy')
    await ui.waitFor(page, () => fake.calls('openDocument').length)

    expect(downloads).toHaveLength(1)
    expect(downloads[0].url).toBe('http://redcover.test/api/v1/policies/RC2024000001/document')
    expect(downloads[0].header.Authorization).toBe('Bearer tok-owner')
    expect(fake.calls('openDocument')[0]).toMatchObject({ filePath: 'http://tmp/e-policy.pdf', fileType: 'pdf', showMenu: true })
  })

  test('an e-policy that cannot be had says why, and opens nothing', async () => {
    const server = fakeApi({ 'GET /api/v1/policies/RC2024000001': detail() })
    const fake = createWx({
      request: server.request,
      language,
      downloadFile: () => ({ statusCode: 404, data: JSON.stringify(errorBody('not_found', 'We could not find that policy.')) }),
    })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })

    await ui.tap(page, '.e-policy')
    await ui.waitFor(page, () => fake.calls('showToast').length)

    expect(fake.calls('showToast')[0].title).toBe('We could not find that policy.')
    expect(fake.calls('openDocument')).toHaveLength(0)
  })

  test("the insurer's name, address and hotline (a tap calls it), the documents agreed, and customer service", async () => {
    const { fake } = setup({ 'GET /api/v1/policies/RC2024000001': detail() })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })

    expect(ui.text(ui.find(page, '.insurer'))).toBe(t('common.insurerLabel') + ' Example Insurance Co., Ltd.')
    // The address the contract states (Insurance Law Art. 18), as on the e-policy.
    expect(ui.text(ui.find(page, '.insurer-address'))).toBe(t('common.insurerAddressLabel') + ' ' + INSURER.address)
    await ui.tap(page, '.hotline')
    expect(fake.calls('makePhoneCall')).toEqual([expect.objectContaining({ phoneNumber: '95500' })])

    expect(ui.text(ui.find(page, '#document-clauses'))).toContain('Policy terms')
    await ui.tap(page, '#document-clauses')
    expect(fake.calls('navigateTo')[0].url).toMatch(/^\/pages\/document\/document\?url=http%3A%2F%2Fredcover\.test%2Fdocuments%2Faccident%2Fclauses%2F2026-12-01&title=/)

    expect(ui.contactButton(page)).toEqual({ tag: 'WX-BUTTON', openType: 'contact', text: t('common.contactUs') })
  })

  test('the status reads on the card: not white on white', async () => {
    const { fake } = setup({ 'GET /api/v1/policies/RC2024000001': detail() })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })

    const tag = ui.find(page, '.policy-card .status-tag')
    expect(ui.text(tag)).toBe(t('labels.policyStatus.active'))
    const css = require('fs').readFileSync(require('path').join(__dirname, '..', '..', 'pages', 'policy', 'policy.wxss'), 'utf8')
    const rule = /\.status-tag \{([^}]*)\}/.exec(css)[1]
    expect(rule).toMatch(/background: #ffffff/)
    expect(rule).not.toMatch(/color: #ffffff/)
  })

  test('the server says no refund (a claim, or past 15 days): no cancel button', async () => {
    const { fake } = setup({ 'GET /api/v1/policies/RC2024000001': detail({ cancellable: false }) })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })

    expect(ui.exists(page, '.cancel')).toBe(false)
    expect(ui.text(page)).not.toContain(t('policy.coolingOffHint'))
  })

  test('without the `cancellable` field, the 15 days since the policy was issued decide', async () => {
    const old = detail({ cancellable: undefined, cooling_off_ends_at: undefined })
    const fresh = detail({ policy_no: 'RC2', cancellable: undefined, cooling_off_ends_at: undefined, issued_at: new Date(Date.now() - 2 * 86400000).toISOString() })
    const { fake } = setup({ 'GET /api/v1/policies/RC2024000001': old, 'GET /api/v1/policies/RC2': fresh })

    const oldPage = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })
    expect(ui.exists(oldPage.page, '.cancel')).toBe(false)
    const freshPage = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2' } })
    expect(ui.exists(freshPage.page, '.cancel')).toBe(true)
  })
})
