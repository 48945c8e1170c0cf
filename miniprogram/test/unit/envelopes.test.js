const { createWx } = require('../support/wx')
const { fakeApi, held, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { ID_1990, ACCIDENT, GIFT } = require('../support/fixtures')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

const GRABS = [
  { grab_id: 'g_1', coverage_fen: 180000, status: 'grabbed', grabbed_at: '2024-05-01T02:00:00+00:00', activate_by: '2024-05-08T02:00:00+00:00' },
  { grab_id: 'g_2', coverage_fen: 300000, status: 'activated', grabbed_at: '2024-04-01T02:00:00+00:00', activate_by: '2024-04-08T02:00:00+00:00' },
]
const SENT = [
  { envelope_id: 'env_1', status: 'exhausted', total_coverage_fen: 1000000, shares: 2, premium_fen: 20, funding: 'wechat_pay', created_at: '2024-05-01T02:00:00+00:00', refund: null },
  { envelope_id: 'env_2', status: 'expired', total_coverage_fen: 500000, shares: 5, premium_fen: 10, funding: 'wechat_pay', created_at: '2024-04-01T02:00:00+00:00', refund: { amount_fen: 4, status: 'succeeded' } },
]

const SHOWN = {
  'zh-CN': { grab: '1800元意外保障 请在2024年5月8日 10:00前激活', sent: '共1万元保额，2份 2024年5月1日发出 · 保费¥0.20' },
  en: { grab: '1,800 yuan of accident cover Activate by 8 May 2024, 10:00', sent: '10,000 yuan of cover in 2 shares Sent on 1 May 2024 · premium ¥0.20' },
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

  function setup(extra) {
    const server = fakeApi(Object.assign({
      'GET /api/v1/envelope-grabs': GRABS,
      'GET /api/v1/envelopes': SENT,
      'GET /api/v1/products': [ACCIDENT, GIFT],
      'POST /api/v1/envelope-grabs/g_1/activate': { policy_no: 'RCG0009' },
    }, extra))
    const fake = createWx({ request: server.request, language })
    return { server, fake }
  }

  test('lists the shares grabbed and the envelopes sent; a sent one opens to see who got what', async () => {
    const { fake } = setup()
    const { page } = await loadPage('envelopes', { wx: fake.wx })

    expect(ui.text(ui.find(page, '#grab-g_1'))).toBe(shown.grab + ' ' + t('envelopes.activate'))
    expect(ui.text(ui.find(page, '#grab-g_2'))).toContain(t('labels.grabStatus.activated'))
    expect(ui.exists(page, '#grab-g_2 .start-activate')).toBe(false)
    expect(ui.text(ui.find(page, '#sent-env_1'))).toBe(shown.sent + ' ' + t('labels.envelopeStatus.exhausted'))
    expect(ui.text(ui.find(page, '#sent-env_2'))).toContain(t('envelopes.refund', { amount: '¥0.04' }))

    await ui.tap(page, '#sent-env_1')
    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/envelope/envelope?id=env_1'])
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual([t('titles.envelopes')])
  })

  test('a share not yet activated is activated here, with the documents agreed', async () => {
    const { server, fake } = setup()
    const { page } = await loadPage('envelopes', { wx: fake.wx })

    await ui.tap(page, '#grab-g_1 .start-activate')
    await ui.type(page, '#name', 'Zhao Lei')
    await ui.type(page, '#id-number', ID_1990)
    await ui.tap(page, '.confirm-activate')
    expect(server.callsTo('POST', '/api/v1/envelope-grabs/g_1/activate')).toHaveLength(0)

    await ui.agreeToAll(page)
    await ui.tap(page, '.confirm-activate')
    await ui.waitFor(page, () => fake.calls('navigateTo').length)

    expect(server.callsTo('POST', '/api/v1/envelope-grabs/g_1/activate')[0].data).toEqual({
      insured: { name: 'Zhao Lei', id_number: ID_1990 },
      accepted_documents: GIFT.documents.map((d) => ({ code: d.code, version: d.version, accepted_at: expect.any(String) })),
      client: { app_version: expect.any(String), page_version: expect.any(String), platform: 'devtools' },
    })
    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/policy/policy?no=RCG0009'])
  })

  test('the activation form opens with the documents it asks to agree to, not before them', async () => {
    const products = held([ACCIDENT, GIFT])
    const { server, fake } = setup({ 'GET /api/v1/products': products.route })
    const { page } = await loadPage('envelopes', { wx: fake.wx })

    await ui.tap(page, '#grab-g_1 .start-activate')
    await ui.shownOnlyOnceAnswered(page, products, () => server.callsTo('GET', '/api/v1/products').length, '.confirm-activate')
    expect(ui.text(ui.find(page, '.agreement'))).toContain(t('common.documentLink', { title: 'Policy terms' }))
  })

  test('an envelope closed unpaid is listed as closed, with nothing charged', async () => {
    const closed = { envelope_id: 'env_3', status: 'closed', total_coverage_fen: 1000000, shares: 2, premium_fen: 20, funding: 'wechat_pay', created_at: '2024-05-01T02:00:00+00:00', refund: null }
    const { fake } = setup({ 'GET /api/v1/envelopes': [closed] })
    const { page } = await loadPage('envelopes', { wx: fake.wx })

    const row = ui.text(ui.find(page, '#sent-env_3'))
    expect(row).toContain(t('labels.envelopeStatus.closed'))
    expect(row).toContain(t('envelopes.closedOn', { date: language === 'en' ? '1 May 2024' : '2024年5月1日' }))
    expect(row).not.toContain('¥0.20')
  })

  test('a share that lapsed while its form was open (410 grab_lapsed): said, and shown lapsed, without the form', async () => {
    let grabs = GRABS
    const { server, fake } = setup({
      'GET /api/v1/envelope-grabs': () => grabs,
      'POST /api/v1/envelope-grabs/g_1/activate': () => {
        grabs = [Object.assign({}, GRABS[0], { status: 'lapsed' }), GRABS[1]]
        return reply(410, errorBody('grab_lapsed', '这份保障已超过7天激活期限，已失效。'))
      },
    })
    const { page } = await loadPage('envelopes', { wx: fake.wx })

    await ui.tap(page, '#grab-g_1 .start-activate')
    await ui.type(page, '#name', 'Zhao Lei')
    await ui.type(page, '#id-number', ID_1990)
    await ui.agreeToAll(page)
    await ui.tap(page, '.confirm-activate')
    await ui.waitFor(page, () => fake.calls('showToast').length + fake.calls('showModal').length)

    await ui.waitFor(page, () => !ui.exists(page, '.confirm-activate'))
    expect(ui.text(ui.find(page, '#grab-g_1'))).toContain(t('labels.grabStatus.lapsed'))
    expect(ui.exists(page, '#grab-g_1 .start-activate')).toBe(false)
    expect(server.callsTo('POST', '/api/v1/envelope-grabs/g_1/activate')).toHaveLength(1)
  })

  test('nothing yet: both lists say so', async () => {
    const { fake } = setup({ 'GET /api/v1/envelope-grabs': [], 'GET /api/v1/envelopes': [] })
    const { page } = await loadPage('envelopes', { wx: fake.wx })

    expect(ui.text(page)).toContain(t('envelopes.noGrabs'))
    expect(ui.text(page)).toContain(t('envelopes.noSent'))
  })
})
