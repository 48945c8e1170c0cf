const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { ACCIDENT } = require('../support/fixtures')
const ui = require('../support/ui')

function setup(routes) {
  const server = fakeApi(Object.assign({ 'GET /api/v1/products/accident': ACCIDENT }, routes))
  const fake = createWx({ request: server.request })
  return { server, fake }
}

test('explains the cover in plain words: plans, what is and is not covered, questions', async () => {
  const { fake } = setup()
  const { page } = await loadPage('product', { wx: fake.wx, query: { code: 'accident' } })

  const shown = ui.text(page)
  expect(shown).toContain('Accident cover')
  expect(ui.text(ui.find(page, '#plan-1'))).toContain('5 yuan a month')
  expect(ui.text(ui.find(page, '#plan-1'))).toContain('Pays up to 300,000 yuan · lasts 30 days · for ages 18 to 60')
  expect(ui.text(ui.find(page, '#plan-2'))).toContain('16 yuan a month')
  expect(ui.text(ui.find(page, '.covered'))).toContain('Traffic, falls, burns, dog bites, sports injuries: all count as accidents.')
  expect(ui.text(ui.find(page, '.not-covered'))).toContain('Illness, even a sudden one, is not an accident.')
  expect(shown).toContain('Can I change my mind?')
  expect(fake.calls('setNavigationBarTitle')[0].title).toBe('Accident cover')
})

test('the first plan is chosen; choosing another updates the price and Buy opens checkout for it', async () => {
  const { fake } = setup()
  const { page } = await loadPage('product', { wx: fake.wx, query: { code: 'accident' } })
  expect(ui.text(ui.find(page, '.selected-price'))).toBe('5 yuan a month')

  await ui.tap(page, '#plan-2')
  expect(ui.text(ui.find(page, '.selected-price'))).toBe('16 yuan a month')
  await ui.tap(page, '.buy')

  expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/order/order?code=accident&plan_id=2'])
})

test('a share card carries the sharer\'s own token', async () => {
  const { server, fake } = setup({ 'POST /api/v1/shares': { share_token: 'tok-abc' } })
  const { instance } = await loadPage('product', { wx: fake.wx, query: { code: 'accident' } })

  const message = instance.onShareAppMessage()

  expect(message.path).toBe('/pages/product/product?code=accident')
  await expect(message.promise).resolves.toEqual({
    title: 'Accident cover: cover in plain words',
    path: '/pages/product/product?code=accident&share_token=tok-abc',
  })
  expect(server.callsTo('POST', '/api/v1/shares')[0].data).toEqual({ kind: 'product', target: 'accident' })
})

test('if no share token can be had, the plain card is shared', async () => {
  const { fake } = setup({ 'POST /api/v1/shares': reply(503, errorBody('service_unavailable', 'Down.')) })
  const { instance } = await loadPage('product', { wx: fake.wx, query: { code: 'accident' } })

  await expect(instance.onShareAppMessage().promise).resolves.toEqual({
    title: 'Accident cover: cover in plain words',
    path: '/pages/product/product?code=accident',
  })
})

test('a product that does not exist says so', async () => {
  const { fake } = setup({ 'GET /api/v1/products/nope': reply(404, errorBody('not_found', 'We could not find that product.')) })
  const { page } = await loadPage('product', { wx: fake.wx, query: { code: 'nope' } })

  expect(ui.text(page)).toContain('We could not find that product.')
  expect(ui.exists(page, '.buy')).toBe(false)
})
