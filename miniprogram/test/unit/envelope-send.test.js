const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { ACCIDENT, GIFT, PAY_PARAMS } = require('../support/fixtures')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

// The split rules and amounts as each language writes them.
const SHOWN = {
  'zh-CN': {
    rules: '每份保额至少1000元，按100元递增，总保额最多200万元。18-60周岁的好友',
    random: '5位好友拼手气领取，每份保额至少1000元，看谁手气最佳。',
    equal: '5位好友每人领取2000元起的保额。',
    problems: [
      ['4000', '每份保额至少1000元，5份至少需要5000元。'],
      ['10050', '保额需要是100元的整数倍。'],
      ['3000000', '一个红包的总保额最多200万元。'],
      ['', '请输入总保额（元）。'],
    ],
    summary: '共1万元保额，分3份',
  },
  en: {
    rules: 'Each share is at least 1,000 yuan of cover, in steps of 100 yuan; up to 2,000,000 yuan in all. Friends aged 18 to 60',
    random: '5 friends grab a random share each: at least 1,000 yuan of cover, some luckier than others.',
    equal: 'Each of 5 friends gets 2,000 yuan of cover or a little more.',
    problems: [
      ['4000', 'Each share needs at least 1,000 yuan of cover: 5 shares need 5,000 yuan or more.'],
      ['10050', 'Cover goes in steps of 100 yuan.'],
      ['3000000', 'An envelope can hold at most 2,000,000 yuan of cover.'],
      ['', 'Enter the total cover in yuan.'],
    ],
    summary: '10,000 yuan of cover in 3 shares',
  },
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

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
    const fake = createWx({ request: server.request, language })
    return { server, fake, state }
  }

  async function open(fake) {
    return loadPage('envelope-send', { wx: fake.wx, config: { sandbox: true } })
  }

  test('explains the split rules and says how the cover will be shared', async () => {
    const { fake } = backend()
    const { page } = await open(fake)

    expect(ui.text(page)).toContain(t('envelope-send.introTitle'))
    expect(ui.text(ui.find(page, '.rules'))).toContain(shown.rules)
    expect(ui.text(ui.find(page, '#total'))).toContain(t('envelope-send.totalLabel'))
    expect(ui.text(ui.find(page, '#mode-random'))).toBe(t('envelope-send.modeRandom'))
    expect(ui.text(page)).toContain(t('envelope-send.priceLater'))
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual([t('titles.envelope-send')])
    await ui.type(page, '#total', '10000')
    expect(ui.text(ui.find(page, '.split-hint'))).toBe(shown.random)
    // The price shows as soon as the cover is known, before any pay sheet: 2 fen per 1,000 yuan.
    expect(ui.text(ui.find(page, '.bottom-bar'))).toContain(t('common.payLabel') + ' ¥0.20')
    expect(ui.text(page)).not.toContain(t('envelope-send.priceLater'))
    expect(fake.calls('showModal')).toHaveLength(0)

    await ui.tap(page, '#mode-equal')
    expect(ui.text(ui.find(page, '.split-hint'))).toBe(shown.equal)
  })

  test('the greeting starts as a friendly default in the language', async () => {
    const { fake } = backend()
    const { instance } = await open(fake)

    expect(instance.data.greeting).toBe(t('envelope-send.defaultGreeting'))
  })

  test.each(SHOWN[language].problems)('a total of %j is refused before paying: %s', async (total, message) => {
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
    expect(ui.text(ui.find(page, '.send'))).toBe(t('envelope-send.wrapAndPay'))
    await ui.tap(page, '.send')
    await ui.waitForText(page, t('envelope-send.sendToFriends'), 4000)

    const sent = server.callsTo('POST', '/api/v1/envelopes')
    expect(sent).toHaveLength(1)
    expect(sent[0].data).toEqual({ plan_id: 5, total_coverage_fen: 1000000, shares: 3, mode: 'equal', greeting: 'Happy new year!' })
    expect(sent[0].header['Idempotency-Key']).toBeTruthy()
    expect(fake.calls('showModal')[0].content).toBe(t('pay.sandboxContent', { amount: '¥0.20' }))
    expect(server.callsTo('POST', '/sandbox/wechat/pay/confirm')[0].data).toEqual({ prepay_id: 'wx26prepay123' })
    expect(ui.text(page)).toContain(shown.summary)
    expect(ui.text(page)).toContain(t('envelope-send.readyNote'))

    // The server writes the card's title (naming the sender).
    expect(instance.onShareAppMessage()).toEqual({
      title: 'Mei sent you accident cover',
      path: '/pages/envelope/envelope?id=env_abc&share_token=st_env',
    })
    await ui.tap(page, '.view')
    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/envelope/envelope?id=env_abc'])
  })

  test('before the envelope is paid, sharing shares the shop with our own title', async () => {
    const { fake } = backend()
    const { instance } = await open(fake)

    expect(instance.onShareAppMessage()).toEqual({ title: t('common.shareTitle'), path: '/pages/index/index' })
  })

  test("a split the server refuses is explained with the server's message", async () => {
    const { fake } = backend({
      'POST /api/v1/envelopes': reply(422, errorBody('invalid_split', 'Equal shares must each be a multiple of 100 yuan.')),
    })
    const { page } = await open(fake)

    await ui.type(page, '#total', '10000')
    await ui.tap(page, '.send')

    await ui.waitForText(page, 'Equal shares must each be a multiple of 100 yuan.')
    expect(ui.text(page)).not.toContain(t('envelope-send.sendToFriends'))
  })

  test('cancelling the payment keeps the envelope to pay later', async () => {
    const { server, fake } = backend()
    const { page } = await open(fake)
    fake.answer('showModal', () => ({ confirm: false }))

    await ui.type(page, '#total', '5000')
    await ui.tap(page, '.send')
    await ui.waitForText(page, t('common.payNow'))
    expect(ui.text(ui.find(page, '.bottom-bar'))).toContain(t('common.payLabel') + ' ¥0.10')

    fake.answer('showModal', () => ({ confirm: true }))
    await ui.tap(page, '.send')
    await ui.waitForText(page, t('envelope-send.sendToFriends'), 4000)
    expect(server.callsTo('POST', '/api/v1/envelopes')).toHaveLength(1)
  })

  test('an envelope left unpaid until it closed is wrapped again with the same key, and paid', async () => {
    let closed = false
    const { server, fake } = backend({
      'POST /api/v1/envelopes': (req) => ({
        envelope_id: closed ? 'env_new' : 'env_abc', status: 'pending_payment', share_token: 'st_env', amount_fen: 10,
        pay_params: closed ? Object.assign({}, PAY_PARAMS, { package: 'prepay_id=wx26prepay456' }) : PAY_PARAMS,
      }),
      'GET /api/v1/envelopes/env_abc': () => ({ envelope_id: 'env_abc', status: closed ? 'closed' : 'pending_payment', shares: 5, shares_left: closed ? 0 : 5, grabs: [] }),
      'GET /api/v1/envelopes/env_new': { envelope_id: 'env_new', status: 'active', shares: 5, shares_left: 5, grabs: [], share_card: null },
    })
    const { page } = await open(fake)
    fake.answer('showModal', () => ({ confirm: false }))
    await ui.type(page, '#total', '5000')
    await ui.tap(page, '.send')
    await ui.waitForText(page, t('common.payNow'))

    closed = true // 30 minutes on, its order closed unpaid
    fake.answer('showModal', () => ({ confirm: true }))
    await ui.tap(page, '.send')
    await ui.waitForText(page, t('envelope-send.sendToFriends'), 4000)

    const sent = server.callsTo('POST', '/api/v1/envelopes')
    expect(sent).toHaveLength(2)
    expect(sent[1].data).toEqual(sent[0].data)
    expect(sent[1].header['Idempotency-Key']).toBe(sent[0].header['Idempotency-Key'])
    // the new envelope's payment, never the closed one's
    expect(server.callsTo('POST', '/sandbox/wechat/pay/confirm').map((c) => c.data)).toEqual([{ prepay_id: 'wx26prepay456' }])
  })

  test('a payment that came too late leaves the envelope closed and says to wrap it again', async () => {
    const { page } = await open(backend({
      'GET /api/v1/envelopes/env_abc': { envelope_id: 'env_abc', status: 'closed', shares: 5, shares_left: 0, grabs: [] },
    }).fake)
    await ui.type(page, '#total', '5000')
    await ui.tap(page, '.send')

    await ui.waitForText(page, t('envelope-send.closedUnpaid'), 4000)
    expect(ui.text(page)).not.toContain(t('envelope-send.sendToFriends'))
    expect(ui.text(ui.find(page, '.send'))).toBe(t('common.payNow'))
  })

  test('no gift cover on sale: red envelopes are not available', async () => {
    const { fake } = backend({ 'GET /api/v1/products': [ACCIDENT] })
    const { page } = await open(fake)

    expect(ui.text(page)).toContain(t('envelope-send.notAvailable'))
  })
})

test('English says "1 share" and "1 friend"', async () => {
  const server = fakeApi({ 'GET /api/v1/products': [GIFT] })
  const fake = createWx({ request: server.request, language: 'en' })
  const { page } = await loadPage('envelope-send', { wx: fake.wx })

  await ui.type(page, '#total', '1000')
  await ui.trigger(page, '#shares', 'change', 1)
  expect(ui.text(ui.find(page, '.split-hint'))).toBe('One friend grabs all the cover.')
  await ui.tap(page, '#mode-equal')
  expect(ui.text(ui.find(page, '.split-hint'))).toBe('One friend gets all 1,000 yuan of cover.')
})
