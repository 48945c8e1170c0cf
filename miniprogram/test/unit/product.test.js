const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { ACCIDENT } = require('../support/fixtures')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

const MEDICAL = {
  code: 'medical', name: 'Hospital medical cover', category: 'medical', summary: '60 yuan a year.',
  plans: [{ id: 3, code: 'medical-basic', name: '500,000 yuan a year', premium_fen: 6000, coverage_fen: 50000000, period: 'year', term_days: 365, age_min: 0, age_max: 65, waiting_period_days: 30 }],
}

// Prices, cover and terms as each language writes them.
const SHOWN = {
  'zh-CN': {
    plan1: '保额30万元 · 保障30天 · 18-60周岁可投保',
    price1: '5元/月',
    price2: '16元/月',
    medical: '疾病等待期30天，意外无等待期。',
  },
  en: {
    plan1: 'Pays up to 300,000 yuan · lasts 30 days · for ages 18 to 60',
    price1: '¥5.00 / month',
    price2: '¥16.00 / month',
    medical: 'Illness is covered after a 30-day waiting period; accidents at once.',
  },
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

  function setup(routes) {
    const server = fakeApi(Object.assign({ 'GET /api/v1/products/accident': ACCIDENT, 'GET /api/v1/products/medical': MEDICAL }, routes))
    const fake = createWx({ request: server.request, language })
    return { server, fake }
  }

  test('explains the cover in plain words: plans, what is and is not covered, questions', async () => {
    const { fake } = setup()
    const { page } = await loadPage('product', { wx: fake.wx, query: { code: 'accident' } })

    const shownText = ui.text(page)
    expect(shownText).toContain('Accident cover')
    expect(shownText).toContain(t('product.choosePlan'))
    expect(ui.text(ui.find(page, '#plan-1'))).toContain(shown.price1)
    expect(ui.text(ui.find(page, '#plan-1'))).toContain(shown.plan1)
    expect(ui.text(ui.find(page, '#plan-2'))).toContain(shown.price2)
    expect(shownText).toContain(t('common.covered'))
    expect(shownText).toContain(t('product.exclusionsTitle'))
    expect(ui.text(ui.find(page, '.covered'))).toContain('Traffic, falls, burns, dog bites, sports injuries: all count as accidents.')
    expect(ui.text(ui.find(page, '.not-covered'))).toContain('Illness, even a sudden one, is not an accident.')
    expect(shownText).toContain(t('product.faq'))
    expect(shownText).toContain('Can I change my mind?')
    expect(ui.text(ui.find(page, '.buy'))).toBe(t('product.buy'))
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual(['Accident cover'])
  })

  test("the bar reads the page's title until the product's own name arrives", async () => {
    let answer
    const { fake } = setup({ 'GET /api/v1/products/accident': () => new Promise((resolve) => { answer = resolve }) })
    const { instance } = await loadPage('product', { wx: fake.wx, lifecycle: false })

    const loading = instance.onLoad({ code: 'accident' })
    instance.onReady() // WeChat: the first render is ready before the product arrives
    await ui.settle()
    answer(ACCIDENT)
    await loading

    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual([t('titles.product'), 'Accident cover'])
  })

  test('a waiting period for illness is spelled out', async () => {
    const { fake } = setup()
    const { page } = await loadPage('product', { wx: fake.wx, query: { code: 'medical' } })

    expect(ui.text(ui.find(page, '#plan-3'))).toContain(shown.medical)
  })

  test('the first plan is chosen; choosing another updates the price and Buy opens checkout for it', async () => {
    const { fake } = setup()
    const { page } = await loadPage('product', { wx: fake.wx, query: { code: 'accident' } })
    expect(ui.text(ui.find(page, '.selected-price'))).toBe(shown.price1)

    await ui.tap(page, '#plan-2')
    expect(ui.text(ui.find(page, '.selected-price'))).toBe(shown.price2)
    await ui.tap(page, '.buy')

    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/order/order?code=accident&plan_id=2'])
  })

  test("a share card carries the sharer's own token, titled in the language", async () => {
    const { server, fake } = setup({ 'POST /api/v1/shares': { share_token: 'tok-abc' } })
    const { instance } = await loadPage('product', { wx: fake.wx, query: { code: 'accident' } })

    const message = instance.onShareAppMessage()

    expect(message.path).toBe('/pages/product/product?code=accident')
    await expect(message.promise).resolves.toEqual({
      title: t('product.cardTitle', { name: 'Accident cover' }),
      path: '/pages/product/product?code=accident&share_token=tok-abc',
    })
    expect(server.callsTo('POST', '/api/v1/shares')[0].data).toEqual({ kind: 'product', target: 'accident' })
  })

  test('if no share token can be had, the plain card is shared', async () => {
    const { fake } = setup({ 'POST /api/v1/shares': reply(503, errorBody('service_unavailable', 'Down.')) })
    const { instance } = await loadPage('product', { wx: fake.wx, query: { code: 'accident' } })

    await expect(instance.onShareAppMessage().promise).resolves.toEqual({
      title: t('product.cardTitle', { name: 'Accident cover' }),
      path: '/pages/product/product?code=accident',
    })
  })

  test('a product that does not exist says so', async () => {
    const { fake } = setup({ 'GET /api/v1/products/nope': reply(404, errorBody('not_found', 'We could not find that product.')) })
    const { page } = await loadPage('product', { wx: fake.wx, query: { code: 'nope' } })

    expect(ui.text(page)).toContain('We could not find that product.')
    expect(ui.text(page)).toContain(t('common.retry'))
    expect(ui.exists(page, '.buy')).toBe(false)
  })

  test('the exclusions (责任免除) are shown in full on the page, highlighted, not behind a link', async () => {
    const { fake } = setup()
    const { page } = await loadPage('product', { wx: fake.wx, query: { code: 'accident' } })

    const box = ui.find(page, '.exclusions')
    expect(ui.text(box)).toBe(t('product.exclusionsNote') + ' ✗ Illness, even a sudden one, is not an accident. ✗ Extreme sports such as skydiving.')
    expect(ui.text(page)).toContain(t('product.exclusionsTitle'))
  })

  test('the insurer and its hotline, and every document to read before buying', async () => {
    const { fake } = setup()
    const { page } = await loadPage('product', { wx: fake.wx, query: { code: 'accident' } })

    expect(ui.text(ui.find(page, '.insurer'))).toBe(t('common.insurerLabel') + ' Example Insurance Co., Ltd. · ' + t('common.hotlineLabel') + ' 95500')
    await ui.tap(page, '.hotline')
    expect(fake.calls('makePhoneCall')).toEqual([expect.objectContaining({ phoneNumber: '95500' })])

    expect(page.querySelectorAll('.document').map(ui.text)).toEqual(
      ['Policy terms', 'Before you buy', 'What we do not pay', 'Use of your personal information'].map((title) => title + ' ' + t('common.read')))
    await ui.tap(page, '#document-exclusions')
    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual([
      '/pages/document/document?url=' + encodeURIComponent('http://redcover.test/documents/accident/exclusions/2026-12-01') + '&title=What%20we%20do%20not%20pay',
    ])
  })
})
