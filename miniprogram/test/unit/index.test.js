const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
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

function setup(routes) {
  const api = fakeApi(Object.assign({ 'GET /api/v1/products': PRODUCTS }, routes))
  const fake = createWx({ request: api.request })
  return { api, fake }
}

test('shows every product on sale with its lowest price, but not gift cover', async () => {
  const { api, fake } = setup()
  const { page } = await loadPage('index', { wx: fake.wx })

  expect(page.querySelectorAll('.product-name').map(ui.text)).toEqual(['Accident cover', 'Travel accident cover'])
  const accident = ui.text(ui.find(page, '#product-accident'))
  expect(accident).toContain('From 5 yuan a month')
  expect(accident).toContain('Cover up to 1,000,000 yuan')
  const travel = ui.text(ui.find(page, '#product-travel'))
  expect(travel).toContain('10.50 yuan a trip')
  expect(travel).not.toContain('From')
  expect(ui.text(page)).not.toContain('Gift accident cover')
  // Browsing the shop needs no login.
  expect(api.logins).toBe(0)
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
  expect(page.querySelectorAll('.product-card')).toHaveLength(0)

  fail = false
  await ui.tap(page, '.retry')
  await ui.waitFor(page, () => page.querySelectorAll('.product-card').length === 2)
  expect(ui.text(page)).not.toContain('briefly unavailable')
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

  await ui.tap(page, '.shortcut-envelope')
  await ui.tap(page, '.shortcut-coupons')
  await ui.tap(page, '.shortcut-rewards')

  expect(fake.calls('navigateTo').map((o) => o.url)).toEqual([
    '/pages/envelope-send/envelope-send',
    '/pages/coupons/coupons',
    '/pages/rewards/rewards',
  ])
})
