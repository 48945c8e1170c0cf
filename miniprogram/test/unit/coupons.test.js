const { createWx } = require('../support/wx')
const { fakeApi } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const ui = require('../support/ui')

const COUPONS = [
  { id: 1, name: 'Hospital visit bonus', discount_fen: 1000, category: 'medical', status: 'available', valid_until: '2099-06-30T15:59:59+00:00' },
  { id: 2, name: 'Welcome', discount_fen: 250, category: null, status: 'available', valid_until: '2099-01-01T00:00:00+00:00' },
  { id: 3, name: 'Step reward', discount_fen: 100, category: 'accident', status: 'used', valid_until: '2024-01-01T00:00:00+00:00' },
]

function setup(coupons) {
  const server = fakeApi({ 'GET /api/v1/coupons': coupons })
  const fake = createWx({ request: server.request })
  return { fake }
}

test('coupons ready to use come first, with what they are for and until when', async () => {
  const { fake } = setup(COUPONS)
  const { page } = await loadPage('coupons', { wx: fake.wx })

  const medical = ui.text(ui.find(page, '#coupon-1'))
  expect(medical).toContain('10 yuan off')
  expect(medical).toContain('For medical cover · use by 2099-06-30')
  expect(ui.text(ui.find(page, '#coupon-2'))).toContain('For any cover')
  expect(ui.text(ui.find(page, '#coupon-3'))).toContain('Used')
  expect(page.querySelectorAll('.use')).toHaveLength(2)
})

test('Use takes the user to the shop, where checkout offers the coupon', async () => {
  const { fake } = setup(COUPONS)
  const { page } = await loadPage('coupons', { wx: fake.wx })

  await ui.tap(page, '#coupon-1 .use')
  expect(fake.calls('switchTab').map((o) => o.url)).toEqual(['/pages/index/index'])
})

test('no coupons: how to earn some', async () => {
  const { fake } = setup([])
  const { page } = await loadPage('coupons', { wx: fake.wx })

  expect(ui.text(page)).toContain('No coupons yet.')
})
