const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { ACCIDENT, ID_1990, ID_1949, PAY_PARAMS } = require('../support/fixtures')
const ui = require('../support/ui')

/** A checkout backend: the order is paid when the sandbox confirm (or a test) says so. */
function backend(extra) {
  const state = { paid: false, polls: 0 }
  const routes = Object.assign(
    {
      'GET /api/v1/products/accident': ACCIDENT,
      'GET /api/v1/coupons': [],
      'POST /api/v1/orders': (req) => ({
        order_no: 'O100', status: 'created', premium_fen: 500, discount_fen: req.data.coupon_id ? 200 : 0,
        amount_fen: req.data.coupon_id ? 300 : 500, pay_params: PAY_PARAMS,
      }),
      'POST /sandbox/wechat/pay/confirm': () => {
        state.paid = true
        return {}
      },
      'GET /api/v1/orders/O100': () => {
        state.polls += 1
        // WeChat's notification reaches the server a moment after the payment.
        return state.paid && state.polls > 1
          ? { order_no: 'O100', status: 'fulfilled', amount_fen: 500, discount_fen: 0, policy_no: 'RC2024000777' }
          : { order_no: 'O100', status: 'created', amount_fen: 500, discount_fen: 0 }
      },
    },
    extra,
  )
  const server = fakeApi(routes)
  const fake = createWx({ request: server.request })
  return { server, fake, state }
}

async function openCheckout(fake, config) {
  return loadPage('order', { wx: fake.wx, query: { code: 'accident', plan_id: '1' }, config })
}

async function fillIn(page, name, id) {
  await ui.type(page, '#name', name)
  await ui.type(page, '#id-number', id)
}

test('shows what is being bought and its price', async () => {
  const { fake } = backend()
  const { page } = await openCheckout(fake)

  expect(ui.text(page)).toContain('Accident cover')
  expect(ui.text(page)).toContain('300,000 yuan cover')
  expect(ui.text(ui.find(page, '.to-pay'))).toBe('5 yuan')
})

test('sandbox: pay, wait for the policy, and see its number', async () => {
  const { server, fake, state } = backend()
  const { page } = await openCheckout(fake, { sandbox: true })

  await fillIn(page, ' Wang Fang ', ID_1990.toLowerCase())
  await ui.tap(page, '.pay')
  await ui.waitForText(page, 'You are covered', 4000)

  const created = server.callsTo('POST', '/api/v1/orders')
  expect(created).toHaveLength(1)
  expect(created[0].data).toEqual({ plan_id: 1, insured: { name: 'Wang Fang', id_number: ID_1990 } })
  expect(created[0].header['Idempotency-Key']).toBeTruthy()
  // The sandbox stands in for WeChat Pay: the user confirms, the server's sandbox is told.
  expect(fake.calls('showModal')[0].content).toContain('Pay 5 yuan?')
  expect(server.callsTo('POST', '/sandbox/wechat/pay/confirm')[0].data).toEqual({ prepay_id: 'wx26prepay123' })
  expect(fake.calls('requestPayment')).toHaveLength(0)
  expect(state.polls).toBeGreaterThanOrEqual(2)
  expect(ui.text(ui.find(page, '.policy-number'))).toContain('RC2024000777')

  await ui.tap(page, '.view-policy')
  expect(fake.calls('redirectTo').map((o) => o.url)).toEqual(['/pages/policy/policy?no=RC2024000777'])
})

test('on a phone it pays with wx.requestPayment and the signed parameters', async () => {
  const { server, fake, state } = backend()
  fake.answer('requestPayment', () => {
    state.paid = true
    return { errMsg: 'requestPayment:ok' }
  })
  const { page } = await openCheckout(fake, { sandbox: false })

  await fillIn(page, 'Wang Fang', ID_1990)
  await ui.tap(page, '.pay')
  await ui.waitForText(page, 'RC2024000777', 4000)

  const paid = fake.calls('requestPayment')[0]
  expect(paid).toMatchObject(PAY_PARAMS)
  expect(server.callsTo('POST', '/sandbox/wechat/pay/confirm')).toHaveLength(0)
})

test('backing out of payment keeps the order; paying again uses the same order', async () => {
  const { server, fake, state } = backend()
  let attempts = 0
  fake.answer('requestPayment', () => {
    attempts += 1
    if (attempts === 1) return { fail: { errMsg: 'requestPayment:fail cancel' } }
    state.paid = true
    return { errMsg: 'requestPayment:ok' }
  })
  const { page } = await openCheckout(fake)

  await fillIn(page, 'Wang Fang', ID_1990)
  await ui.tap(page, '.pay')
  await ui.waitForText(page, 'Pay now')
  expect(fake.calls('showToast').map((o) => o.title)).toContain('Payment cancelled')
  expect(ui.text(page)).toContain('Your order is saved but not paid yet.')

  await ui.tap(page, '.pay')
  await ui.waitForText(page, 'You are covered', 4000)
  expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(1)
  expect(fake.calls('requestPayment')).toHaveLength(2)
})

test('an unpaid order can be cancelled', async () => {
  const { server, fake } = backend({ 'POST /api/v1/orders/O100/cancel': { order_no: 'O100', status: 'closed' } })
  fake.answer('requestPayment', () => ({ fail: { errMsg: 'requestPayment:fail cancel' } }))
  const { page } = await openCheckout(fake)
  await fillIn(page, 'Wang Fang', ID_1990)
  await ui.tap(page, '.pay')
  await ui.waitForText(page, 'Pay now')

  await ui.tap(page, '.cancel-order')

  await ui.waitFor(page, () => !ui.exists(page, '.cancel-order'))
  expect(server.callsTo('POST', '/api/v1/orders/O100/cancel')).toHaveLength(1)
  expect(ui.text(page)).toContain('Pay and get covered')
})

test('a mistyped ID number is caught before any order is made', async () => {
  const { server, fake } = backend()
  const { page } = await openCheckout(fake)

  await fillIn(page, 'Wang Fang', '110105199003070018')
  await ui.tap(page, '.pay')

  expect(ui.text(page)).toContain('This ID number is not valid; please check it for a typo.')
  expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(0)
})

test('someone outside the age band is told so before paying', async () => {
  const { server, fake } = backend()
  const { page } = await openCheckout(fake)

  await fillIn(page, 'Old Zhang', ID_1949)
  await ui.tap(page, '.pay')

  expect(ui.text(page)).toMatch(/This cover is for people aged 18 to 60; the insured person is 7\d\./)
  expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(0)
})

test('a missing name is asked for', async () => {
  const { server, fake } = backend()
  const { page } = await openCheckout(fake)

  await fillIn(page, '  ', ID_1990)
  await ui.tap(page, '.pay')

  expect(ui.text(page)).toContain("Please enter the insured person's name.")
  expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(0)
})

test("the server's own field message is shown next to the field", async () => {
  const { fake } = backend({
    'POST /api/v1/orders': reply(422, errorBody('invalid_id_number', 'This identity number has a birth date or region that does not exist.', {
      fields: { 'insured.id_number': ['This identity number has a birth date or region that does not exist.'] },
    })),
  })
  const { page } = await openCheckout(fake)

  await fillIn(page, 'Wang Fang', ID_1990)
  await ui.tap(page, '.pay')

  await ui.waitForText(page, 'This identity number has a birth date or region that does not exist.')
  expect(fake.calls('requestPayment')).toHaveLength(0)
})

test('other failures are shown in the server\'s words', async () => {
  const { fake } = backend({
    'POST /api/v1/orders': reply(503, errorBody('service_unavailable', 'The service is briefly unavailable; please try again.')),
  })
  const { page } = await openCheckout(fake)

  await fillIn(page, 'Wang Fang', ID_1990)
  await ui.tap(page, '.pay')

  await ui.waitFor(page, () => fake.calls('showModal').length)
  expect(fake.calls('showModal')[0].content).toBe('The service is briefly unavailable; please try again.')
  expect(ui.text(page)).toContain('Pay and get covered')
})

test('coupons that fit are offered; the chosen one lowers the price and goes with the order', async () => {
  const { server, fake, state } = backend({
    'GET /api/v1/coupons': [
      { id: 11, name: 'Accident 2 yuan off', discount_fen: 200, category: 'accident', status: 'available', valid_until: '2099-01-01T00:00:00+00:00' },
      { id: 12, name: 'Any cover 1 yuan off', discount_fen: 100, category: null, status: 'available', valid_until: '2099-01-01T00:00:00+00:00' },
      { id: 13, name: 'Medical 10 yuan off', discount_fen: 1000, category: 'medical', status: 'available', valid_until: '2099-01-01T00:00:00+00:00' },
      { id: 14, name: 'Used one', discount_fen: 300, category: 'accident', status: 'used', valid_until: '2099-01-01T00:00:00+00:00' },
      { id: 15, name: 'Expired one', discount_fen: 300, category: 'accident', status: 'available', valid_until: '2000-01-01T00:00:00+00:00' },
    ],
  })
  fake.answer('requestPayment', () => {
    state.paid = true
    return {}
  })
  const { page, instance } = await openCheckout(fake)

  expect(instance.data.couponChoices).toEqual(['No coupon', 'Accident 2 yuan off (−2 yuan)', 'Any cover 1 yuan off (−1 yuan)'])
  await ui.trigger(page, '#coupon-picker', 'change', { value: '1' })
  expect(ui.text(ui.find(page, '.discount'))).toContain('−2 yuan')
  expect(ui.text(ui.find(page, '.to-pay'))).toBe('3 yuan')

  await fillIn(page, 'Wang Fang', ID_1990)
  await ui.tap(page, '.pay')
  await ui.waitForText(page, 'You are covered', 4000)

  expect(server.callsTo('POST', '/api/v1/orders')[0].data.coupon_id).toBe(11)
  expect(fake.calls('requestPayment')).toHaveLength(1)
})

test('without the coupons service, buying still works', async () => {
  const { fake } = backend({ 'GET /api/v1/coupons': reply(404, errorBody('not_found', 'We could not find that.')) })
  const { page } = await openCheckout(fake)

  expect(ui.exists(page, '#coupon-picker')).toBe(false)
  expect(ui.text(page)).not.toContain('We could not find that.')
})
