const { createWx } = require('../support/wx')
const { fakeApi } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { policy } = require('../support/fixtures')
const ui = require('../support/ui')

function setup(policies) {
  const server = fakeApi({ 'GET /api/v1/policies': () => policies })
  const fake = createWx({ request: server.request })
  return { server, fake }
}

test('lists every policy with its cover, dates and status', async () => {
  const { fake } = setup([
    policy(),
    policy({ policy_no: 'RC2024000002', product_name: 'Gift accident cover', plan_name: '30 days of accident cover', coverage_fen: 250000, source: 'envelope', status: 'expired' }),
  ])
  const { page } = await loadPage('policies', { wx: fake.wx })

  const first = ui.text(ui.find(page, '#policy-RC2024000001'))
  expect(first).toContain('Accident cover')
  expect(first).toContain('In force')
  expect(first).toContain('Pays up to 300,000 yuan')
  expect(first).toContain('2024-05-01 to 2024-05-31')
  expect(first).toContain('Bought by you')
  const second = ui.text(ui.find(page, '#policy-RC2024000002'))
  expect(second).toContain('Expired')
  expect(second).toContain('2,500 yuan')
  expect(second).toContain('From a red envelope')
})

test('tapping a policy opens its card', async () => {
  const { fake } = setup([policy()])
  const { page } = await loadPage('policies', { wx: fake.wx })

  await ui.tap(page, '#policy-RC2024000001')

  expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/policy/policy?no=RC2024000001'])
})

test('no policies yet: an invitation to the shop', async () => {
  const { fake } = setup([])
  const { page } = await loadPage('policies', { wx: fake.wx })

  expect(ui.text(page)).toContain('You have no policies yet.')
  await ui.tap(page, '.shop')
  expect(fake.calls('switchTab').map((o) => o.url)).toEqual(['/pages/index/index'])
})

test('showing the tab again picks up a policy bought meanwhile', async () => {
  const list = []
  const { server, fake } = setup(list)
  const { page, instance } = await loadPage('policies', { wx: fake.wx })
  expect(ui.text(page)).toContain('You have no policies yet.')

  list.push(policy())
  await instance.onShow()

  expect(ui.exists(page, '#policy-RC2024000001')).toBe(true)
  expect(server.callsTo('GET', '/api/v1/policies')).toHaveLength(2)
})
