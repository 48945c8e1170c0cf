const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

const PRODUCTS = [
  {
    code: 'accident', name: 'Accident cover', category: 'accident',
    summary: 'From 5 yuan a month: pays out if an accident injures you.',
    plans: [
      { id: 1, code: 'accident-basic', name: '300,000 yuan cover', premium_fen: 500, coverage_fen: 30000000, period: 'month', term_days: 30, age_min: 18, age_max: 60 },
      { id: 2, code: 'accident-plus', name: '1,000,000 yuan cover', premium_fen: 1600, coverage_fen: 100000000, period: 'month', term_days: 30, age_min: 18, age_max: 60 },
    ],
  },
  {
    code: 'travel', name: 'Travel accident cover', category: 'travel', summary: '10 yuan a trip.',
    plans: [{ id: 4, code: 'travel-7d', name: '7-day trip', premium_fen: 1050, coverage_fen: 20000000, period: 'trip', term_days: 7, age_min: 1, age_max: 70 }],
  },
  {
    code: 'gift-accident', name: 'Gift accident cover', category: 'gift', summary: 'Given in red envelopes.',
    plans: [{ id: 9, code: 'gift', name: '30 days', premium_fen: 2, coverage_fen: 100000, period: 'month', term_days: 30, age_min: 18, age_max: 60 }],
  },
]

// Prices and cover as each language writes them.
const SHOWN = {
  'zh-CN': { accidentPrice: '5元/月起', accidentCover: '最高保额100万元', travelPrice: '10.50元/次', category: '旅行险' },
  en: { accidentPrice: 'From ¥5.00 / month', accidentCover: 'Cover up to 1,000,000 yuan', travelPrice: '¥10.50 / trip', category: 'Travel' },
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

  function setup(routes) {
    const api = fakeApi(Object.assign({ 'GET /api/v1/products': PRODUCTS }, routes))
    const fake = createWx({ request: api.request, language })
    return { api, fake }
  }

  test('shows every product on sale with its lowest price, but not gift cover', async () => {
    const { api, fake } = setup()
    const { page } = await loadPage('index', { wx: fake.wx })

    expect(ui.text(page)).toContain(t('index.heroTitle'))
    expect(ui.text(page)).toContain(t('index.onSale'))
    expect(page.querySelectorAll('.product-name').map(ui.text)).toEqual(['Accident cover', 'Travel accident cover'])
    const accident = ui.text(ui.find(page, '#product-accident'))
    expect(ui.text(ui.find(page, '#product-accident .product-price'))).toBe(shown.accidentPrice)
    expect(accident).toContain(shown.accidentCover)
    const travel = ui.text(ui.find(page, '#product-travel'))
    expect(ui.text(ui.find(page, '#product-travel .product-price'))).toBe(shown.travelPrice)
    expect(travel).toContain(shown.category)
    expect(ui.text(page)).not.toContain('Gift accident cover')
    // Browsing the shop needs no login.
    expect(api.logins).toBe(0)
  })

  test('the tab bar and title speak the language', async () => {
    const { fake } = setup()
    await loadPage('index', { wx: fake.wx })

    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toContain(t('titles.index'))
    expect(fake.calls('setTabBarItem').map((o) => [o.index, o.text])).toEqual([
      [0, t('tabs.index')], [1, t('tabs.policies')], [2, t('tabs.claims')], [3, t('tabs.me')],
    ])
  })

  test('tapping a product opens its page', async () => {
    const { fake } = setup()
    const { page } = await loadPage('index', { wx: fake.wx })

    await ui.tap(page, '#product-travel')

    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/product/product?code=travel'])
  })

  test('when the shop cannot load it says why and tries again on request', async () => {
    let fail = true
    const { fake } = setup({
      'GET /api/v1/products': () => (fail ? reply(503, errorBody('service_unavailable', 'The database is briefly unavailable; please try again.')) : PRODUCTS),
    })
    const { page } = await loadPage('index', { wx: fake.wx })
    expect(ui.text(page)).toContain('The database is briefly unavailable; please try again.')
    expect(ui.text(ui.find(page, '.retry'))).toBe(t('common.retry'))
    expect(page.querySelectorAll('.product-card')).toHaveLength(0)

    fail = false
    await ui.tap(page, '.retry')
    await ui.waitFor(page, () => page.querySelectorAll('.product-card').length === 2)
    expect(ui.text(page)).not.toContain('briefly unavailable')
  })

  test('nothing on sale: the page says so', async () => {
    const { fake } = setup({ 'GET /api/v1/products': [] })
    const { page } = await loadPage('index', { wx: fake.wx })

    expect(ui.text(page)).toContain(t('index.empty'))
  })

  test('pull-down refresh reloads the products and ends the refresh', async () => {
    const { api, fake } = setup()
    const { instance } = await loadPage('index', { wx: fake.wx })

    await instance.onPullDownRefresh()

    expect(api.callsTo('GET', '/api/v1/products')).toHaveLength(2)
    expect(fake.calls('stopPullDownRefresh')).toHaveLength(1)
  })

  test('shortcuts lead to the red envelope, coupons and rewards pages', async () => {
    const { fake } = setup()
    const { page } = await loadPage('index', { wx: fake.wx })
    expect(ui.text(ui.find(page, '.shortcut-envelope'))).toBe(t('index.envelopeShortcut') + ' ' + t('index.envelopeShortcutSub'))

    await ui.tap(page, '.shortcut-envelope')
    await ui.tap(page, '.shortcut-coupons')
    await ui.tap(page, '.shortcut-rewards')

    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual([
      '/pages/envelope-send/envelope-send',
      '/pages/coupons/coupons',
      '/pages/rewards/rewards',
    ])
  })

  test('the share card is titled in the language', async () => {
    const { fake } = setup()
    const { instance } = await loadPage('index', { wx: fake.wx })

    expect(instance.onShareAppMessage()).toEqual({ title: t('common.shareTitle'), path: '/pages/index/index' })
  })
})

test('the shop follows a language picked on the Me page when it shows again', async () => {
  // The server writes each product's name in the language the request asks for.
  const inChinese = PRODUCTS.map((p) => Object.assign({}, p, { name: p.code === 'accident' ? '意外保障' : p.name }))
  const catalog = (req) => (req.header['Accept-Language'] === 'en' ? PRODUCTS : inChinese)
  const fake = createWx({ request: fakeApi({ 'GET /api/v1/products': catalog }).request, language: 'zh_CN' })
  const { page, instance } = await loadPage('index', { wx: fake.wx })
  expect(ui.text(ui.find(page, '#product-accident .product-price'))).toBe('5元/月起')
  expect(ui.text(ui.find(page, '#product-accident .product-name'))).toBe('意外保障')

  // The Me page stores the choice in the same module the shop reads.
  require('../../utils/i18n').choose('en')
  instance.onShow()
  await ui.settle()

  expect(ui.text(ui.find(page, '#product-accident .product-price'))).toBe('From ¥5.00 / month')
  expect(ui.text(ui.find(page, '#product-accident .product-name'))).toBe('Accident cover')
  expect(ui.text(page)).toContain(words('en')('index.heroTitle'))
  expect(fake.calls('setTabBarItem').slice(-4).map((o) => o.text)).toEqual(['Home', 'Policies', 'Claims', 'Me'])
})

describe.each(LANGUAGES)('first use in %s', (language) => {
  const t = words(language)

  test('before anything logs in, a notice says how personal data is used, with the privacy policy a tap away', async () => {
    const server = fakeApi({ 'GET /api/v1/products': [] })
    const fake = createWx({ request: server.request, language })
    const { page } = await loadPage('index', { wx: fake.wx })

    expect(ui.text(ui.find(page, '.privacy-notice'))).toBe((t('index.privacyNotice') + ' ' + t('index.privacyLink') + ' ' + t('common.ok')).replace(/ +/g, ' '))
    await ui.tap(page, '.privacy-link')
    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/document/document?privacy=1'])

    await ui.tap(page, '.privacy-ok')
    expect(ui.exists(page, '.privacy-notice')).toBe(false)
    const again = await loadPage('index', { wx: fake.wx })
    expect(ui.exists(again.page, '.privacy-notice')).toBe(false)
  })
})
