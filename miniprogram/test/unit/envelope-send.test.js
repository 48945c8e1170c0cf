const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { ACCIDENT, GIFT, PAY_PARAMS } = require('../support/fixtures')
const ui = require('../support/ui')

function backend(extra) {
  const state = { paid: false }
  const server = fakeApi(Object.assign({
    'GET /api/v1/products': [ACCIDENT, GIFT],
    'POST /api/v1/envelopes': (req) => ({
      envelope_id: 'env_abc', status: 'pending_payment', share_token: 'st_env', amount_fen: Math.ceil(req.data.total_coverage_fen / 50000), pay_params: PAY_PARAMS,
    }),
    'POST /sandbox/wechat/pay/confirm': () => {
      state.paid = true
      return {}
    },
    'GET /api/v1/envelopes/env_abc': () => ({
      envelope_id: 'env_abc', status: state.paid ? 'active' : 'pending_payment', shares: 5, shares_left: 5, grabs: [], expires_at: null,
      share_card: { title: 'Mei sent you accident cover', greeting: 'Happy new year!', path: '/pages/envelope/envelope?id=env_abc' },
    }),
  }, extra))
  const fake = createWx({ request: server.request })
  return { server, fake, state }
}

async function open(fake) {
  return loadPage('envelope-send', { wx: fake.wx, config: { sandbox: true } })
}

test('explains the split rules and says how the cover will be shared', async () => {
  const { fake } = backend()
  const { page } = await open(fake)

  expect(ui.text(page)).toContain('Each share is at least 1,000 yuan of cover, in steps of 100 yuan')
  await ui.type(page, '#total', '10000')
  expect(ui.text(ui.find(page, '.split-hint'))).toContain('5 friends grab a random share each')

  await ui.tap(page, '#mode-equal')
  expect(ui.text(ui.find(page, '.split-hint'))).toContain('Each of 5 friends gets 2,000 yuan of cover')
})

test.each([
  ['4000', 'Each share needs at least 1,000 yuan of cover: 5 shares need 5,000 yuan or more.'],
  ['10050', 'Cover goes in steps of 100 yuan.'],
  ['3000000', 'An envelope can hold at most 2,000,000 yuan of cover.'],
  ['', 'Enter the total cover in yuan.'],
])('a total of %j is refused before paying: %s', async (total, message) => {
  const { server, fake } = backend()
  const { page } = await open(fake)

  await ui.type(page, '#total', total)
  await ui.tap(page, '.send')

  expect(ui.text(page)).toContain(message)
  expect(server.callsTo('POST', '/api/v1/envelopes')).toHaveLength(0)
})

test('wrap, pay in the sandbox, then share a card that opens the envelope with our token', async () => {
  const { server, fake } = backend()
  const { page, instance } = await open(fake)

  await ui.type(page, '#total', '10000')
  await ui.trigger(page, '#shares', 'change', 3)
  await ui.tap(page, '#mode-equal')
  await ui.type(page, '#greeting', 'Happy new year!')
  await ui.tap(page, '.send')
  await ui.waitForText(page, 'Send to friends', 4000)

  const sent = server.callsTo('POST', '/api/v1/envelopes')
  expect(sent).toHaveLength(1)
  expect(sent[0].data).toEqual({ plan_id: 5, total_coverage_fen: 1000000, shares: 3, mode: 'equal', greeting: 'Happy new year!' })
  expect(sent[0].header['Idempotency-Key']).toBeTruthy()
  expect(fake.calls('showModal')[0].content).toContain('Pay 0.20 yuan?')
  expect(server.callsTo('POST', '/sandbox/wechat/pay/confirm')[0].data).toEqual({ prepay_id: 'wx26prepay123' })
  expect(ui.text(page)).toContain('10,000 yuan of cover in 3 shares')

  expect(instance.onShareAppMessage()).toEqual({
    title: 'Mei sent you accident cover',
    path: '/pages/envelope/envelope?id=env_abc&share_token=st_env',
  })
  await ui.tap(page, '.view')
  expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/envelope/envelope?id=env_abc'])
})

test("a split the server refuses is explained with the server's message", async () => {
  const { fake } = backend({
    'POST /api/v1/envelopes': reply(422, errorBody('invalid_split', 'Equal shares must each be a multiple of 100 yuan.')),
  })
  const { page } = await open(fake)

  await ui.type(page, '#total', '10000')
  await ui.tap(page, '.send')

  await ui.waitForText(page, 'Equal shares must each be a multiple of 100 yuan.')
  expect(ui.text(page)).not.toContain('Send to friends')
})

test('cancelling the payment keeps the envelope to pay later', async () => {
  const { server, fake } = backend()
  const { page } = await open(fake)
  fake.answer('showModal', () => ({ confirm: false }))

  await ui.type(page, '#total', '5000')
  await ui.tap(page, '.send')
  await ui.waitForText(page, 'Pay now')

  fake.answer('showModal', () => ({ confirm: true }))
  await ui.tap(page, '.send')
  await ui.waitForText(page, 'Send to friends', 4000)
  expect(server.callsTo('POST', '/api/v1/envelopes')).toHaveLength(1)
})
