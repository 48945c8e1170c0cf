const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody, held } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { ACCIDENT, MEDICAL, PERSONS, ID_1990, ID_1949, PAY_PARAMS } = require('../support/fixtures')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

// Amounts and terms as each language writes them.
const SHOWN = {
  'zh-CN': { terms: '保额30万元 · 保障30天 · 18-60周岁可投保', coupon: 'Accident 2 yuan off（减¥2.00）', ageError: /这份保障适合18-60周岁的人，被保险人现在7\d周岁。/ },
  en: { terms: 'Pays up to 300,000 yuan · lasts 30 days · for ages 18 to 60', coupon: 'Accident 2 yuan off (−¥2.00)', ageError: /This cover is for people aged 18 to 60; the insured person is 7\d\./ },
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

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
    const fake = createWx({ request: server.request, language })
    return { server, fake, state }
  }

  async function openCheckout(fake, config) {
    return loadPage('order', { wx: fake.wx, query: { code: 'accident', plan_id: '1' }, config })
  }

  async function fillIn(page, name, id) {
    await ui.type(page, '#name', name)
    await ui.type(page, '#id-number', id)
    await ui.agreeToAll(page)
  }

  // What every order sends besides who is covered: the documents agreed, and by which client.
  const ACCEPTED = ACCIDENT.documents.map((d) => ({ code: d.code, version: d.version, accepted_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/) }))
  const CLIENT = { app_version: expect.any(String), page_version: expect.any(String), platform: 'devtools' }

  test('shows what is being bought and its price', async () => {
    const { fake } = backend()
    const { page } = await openCheckout(fake)

    expect(ui.text(page)).toContain('Accident cover')
    expect(ui.text(page)).toContain('300,000 yuan cover')
    expect(ui.text(page)).toContain(shown.terms)
    expect(ui.text(page)).toContain(t('order.whoIsCovered'))
    expect(ui.text(ui.find(page, '#name'))).toContain(t('common.nameLabel'))
    expect(ui.text(ui.find(page, '#id-number'))).toContain(t('common.idLabel'))
    expect(ui.text(ui.find(page, '.totals'))).toBe(t('order.premium') + ' ¥5.00 ' + t('order.toPay') + ' ¥5.00')
    expect(ui.text(ui.find(page, '.to-pay'))).toBe('¥5.00')
    expect(ui.text(ui.find(page, '.pay'))).toBe(t('order.payAndCover'))
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual([t('titles.order')])
  })

  test('sandbox: pay, wait for the policy, and see its number', async () => {
    const { server, fake, state } = backend()
    const { page } = await openCheckout(fake, { sandbox: true })

    await fillIn(page, ' Wang Fang ', ID_1990.toLowerCase())
    await ui.tap(page, '.pay')
    await ui.waitForText(page, t('order.doneTitle'), 4000)

    const created = server.callsTo('POST', '/api/v1/orders')
    expect(created).toHaveLength(1)
    expect(created[0].data).toEqual({
      plan_id: 1, insured: { name: 'Wang Fang', id_number: ID_1990 }, accepted_documents: ACCEPTED, client: CLIENT,
    })
    expect(created[0].header['Idempotency-Key']).toBeTruthy()
    // The sandbox stands in for WeChat Pay: the user confirms, the server's sandbox is told.
    expect(fake.calls('showModal')[0]).toMatchObject({
      title: t('pay.sandboxTitle'),
      content: t('pay.sandboxContent', { amount: '¥5.00' }),
      confirmText: t('pay.confirm'),
      cancelText: t('common.back'),
    })
    expect(server.callsTo('POST', '/sandbox/wechat/pay/confirm')[0].data).toEqual({ prepay_id: 'wx26prepay123' })
    expect(fake.calls('requestPayment')).toHaveLength(0)
    expect(state.polls).toBeGreaterThanOrEqual(2)
    expect(ui.text(ui.find(page, '.policy-number'))).toBe(t('common.policyNoLabel') + ' RC2024000777')

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
    await ui.waitForText(page, t('common.payNow'))
    expect(fake.calls('showToast').map((o) => o.title)).toContain(t('pay.cancelled'))
    expect(ui.text(page)).toContain(t('order.unpaidHint'))

    await ui.tap(page, '.pay')
    await ui.waitForText(page, t('order.doneTitle'), 4000)
    expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(1)
    expect(fake.calls('requestPayment')).toHaveLength(2)
  })

  test('an unpaid order keeps the tick it was sent with: tapping it changes nothing', async () => {
    const { fake } = backend()
    fake.answer('requestPayment', () => ({ fail: { errMsg: 'requestPayment:fail cancel' } }))
    const { page, instance } = await openCheckout(fake)
    await fillIn(page, 'Wang Fang', ID_1990)
    await ui.tap(page, '.pay')
    await ui.waitForText(page, t('common.payNow'))

    await ui.agreeToAll(page)

    expect(instance.data.agreed).toBe(true)
    expect(ui.exists(page, '.agree .checkbox--on')).toBe(true)
  })

  test('an unpaid order can be cancelled', async () => {
    const { server, fake } = backend({ 'POST /api/v1/orders/O100/cancel': { order_no: 'O100', status: 'closed' } })
    fake.answer('requestPayment', () => ({ fail: { errMsg: 'requestPayment:fail cancel' } }))
    const { page } = await openCheckout(fake)
    await fillIn(page, 'Wang Fang', ID_1990)
    await ui.tap(page, '.pay')
    await ui.waitForText(page, t('common.payNow'))
    expect(ui.text(ui.find(page, '.cancel-order'))).toBe(t('order.cancelOrder'))

    await ui.tap(page, '.cancel-order')

    await ui.waitFor(page, () => !ui.exists(page, '.cancel-order'))
    expect(server.callsTo('POST', '/api/v1/orders/O100/cancel')).toHaveLength(1)
    expect(fake.calls('showToast').map((o) => o.title)).toContain(t('order.orderCancelled'))
    expect(ui.text(page)).toContain(t('order.payAndCover'))
  })

  test('a mistyped ID number is caught before any order is made', async () => {
    const { server, fake } = backend()
    const { page } = await openCheckout(fake)

    await fillIn(page, 'Wang Fang', '110105199003070018')
    await ui.tap(page, '.pay')

    expect(ui.text(page)).toContain(t('idcard.checksum'))
    expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(0)
  })

  test('someone outside the age band is told so before paying', async () => {
    const { server, fake } = backend()
    const { page } = await openCheckout(fake)

    await fillIn(page, 'Old Zhang', ID_1949)
    await ui.tap(page, '.pay')

    expect(ui.text(page)).toMatch(shown.ageError)
    expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(0)
  })

  test('a missing name is asked for', async () => {
    const { server, fake } = backend()
    const { page } = await openCheckout(fake)

    await fillIn(page, '  ', ID_1990)
    await ui.tap(page, '.pay')

    expect(ui.text(page)).toContain(t('insured.nameMissing'))
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
    expect(fake.calls('showModal')[0]).toMatchObject({
      title: t('api.errorTitle'),
      content: 'The service is briefly unavailable; please try again.',
      confirmText: t('common.ok'),
    })
    expect(ui.text(page)).toContain(t('order.payAndCover'))
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

    expect(instance.data.couponChoices).toEqual([
      t('order.noCoupon'),
      shown.coupon,
      t('order.couponChoice', { name: 'Any cover 1 yuan off', discount: '¥1.00' }),
    ])
    expect(ui.text(ui.find(page, '#coupon-picker'))).toBe(t('order.useCoupon') + ' ' + t('order.noCoupon'))
    await ui.trigger(page, '#coupon-picker', 'change', { value: '1' })
    expect(ui.text(ui.find(page, '.discount'))).toBe(t('order.coupon') + ' −¥2.00')
    expect(ui.text(ui.find(page, '.to-pay'))).toBe('¥3.00')

    await fillIn(page, 'Wang Fang', ID_1990)
    await ui.tap(page, '.pay')
    await ui.waitForText(page, t('order.doneTitle'), 4000)

    expect(server.callsTo('POST', '/api/v1/orders')[0].data.coupon_id).toBe(11)
    expect(fake.calls('requestPayment')).toHaveLength(1)
  })

  test('a coupon worth the whole premium leaves ¥0.01 to pay, as the server charges, never ¥0.00', async () => {
    // The referral coupon (5 yuan off any cover) on the 5-yuan accident plan: WeChat Pay takes no zero
    // payments, so the server takes the discount down to premium − 1 fen (orders.discount) and charges ¥0.01.
    const { server, fake } = backend({
      'GET /api/v1/coupons': [
        { id: 21, name: 'Friend bought: 5 yuan off', discount_fen: 500, category: null, status: 'available', valid_until: '2099-01-01T00:00:00+00:00' },
      ],
      'POST /api/v1/orders': { order_no: 'O100', status: 'created', premium_fen: 500, discount_fen: 499, amount_fen: 1, pay_params: PAY_PARAMS },
    })
    const { page } = await openCheckout(fake, { sandbox: true })

    await ui.trigger(page, '#coupon-picker', 'change', { value: '1' })
    const shownBefore = { discount: ui.text(ui.find(page, '.discount')), toPay: ui.text(ui.find(page, '.to-pay')) }
    expect(shownBefore).toEqual({ discount: t('order.coupon') + ' −¥4.99', toPay: '¥0.01' })

    // What the pay sheet then asks for is what the form said.
    fake.answer('showModal', () => ({ confirm: false, cancel: true }))
    await fillIn(page, 'Wang Fang', ID_1990)
    await ui.tap(page, '.pay')
    await ui.waitFor(page, () => fake.calls('showModal').length === 1)
    expect(server.callsTo('POST', '/api/v1/orders')[0].data.coupon_id).toBe(21)
    expect(fake.calls('showModal')[0].content).toContain('¥0.01')
    expect({ discount: ui.text(ui.find(page, '.discount')), toPay: ui.text(ui.find(page, '.to-pay')) }).toEqual(shownBefore)
  })

  test('on a plan of ¥0.01 no coupon is offered: none can take anything off, and the server refuses one', async () => {
    // An order never goes below ¥0.01 (WeChat Pay takes no zero payments): the server answers a coupon on it
    // 422 coupon_not_applicable and keeps the coupon, so offering one only led to a refusal.
    const penny = Object.assign({}, ACCIDENT, { plans: [Object.assign({}, ACCIDENT.plans[0], { premium_fen: 1 })] })
    const { server, fake } = backend({
      'GET /api/v1/products/accident': penny,
      'GET /api/v1/coupons': [
        { id: 21, name: 'Friend bought: 5 yuan off', discount_fen: 500, category: null, status: 'available', valid_until: '2099-01-01T00:00:00+00:00' },
      ],
      'POST /api/v1/orders': (req) => (req.data.coupon_id
        ? reply(422, errorBody('coupon_not_applicable', '这笔订单只需支付0.01元，优惠券抵扣不了。券已为你留着，下次投保再用。'))
        : { order_no: 'O100', status: 'created', premium_fen: 1, discount_fen: 0, amount_fen: 1, pay_params: PAY_PARAMS }),
    })
    const { page, instance } = await openCheckout(fake, { sandbox: true })

    expect(ui.exists(page, '#coupon-picker')).toBe(false)
    expect(instance.data.coupons).toEqual([])
    expect(ui.text(ui.find(page, '.to-pay'))).toBe('¥0.01')
    fake.answer('showModal', () => ({ confirm: false, cancel: true }))
    await fillIn(page, 'Wang Fang', ID_1990)
    await ui.tap(page, '.pay')
    await ui.waitFor(page, () => server.callsTo('POST', '/api/v1/orders').length === 1)
    expect(server.callsTo('POST', '/api/v1/orders')[0].data.coupon_id).toBeUndefined()
  })

  test('a coupon worth more than the price says, before paying, that the rest is not kept', async () => {
    const { fake } = backend({
      'GET /api/v1/coupons': [
        { id: 31, name: 'Hospital bill: 10 yuan off', discount_fen: 1000, category: null, status: 'available', valid_until: '2099-01-01T00:00:00+00:00' },
      ],
    })
    const { page } = await openCheckout(fake)
    expect(ui.exists(page, '.coupon-rest')).toBe(false)
    await ui.trigger(page, '#coupon-picker', 'change', { value: '1' })
    expect(ui.text(ui.find(page, '.coupon-rest'))).toBe(t('order.couponRest', { discount: '¥4.99', rest: '¥5.01' }))
    await ui.trigger(page, '#coupon-picker', 'change', { value: '0' })
    expect(ui.exists(page, '.coupon-rest')).toBe(false)
  })

  test('a chosen coupon says, before paying, that a cancellation refunds what was paid and not the coupon', async () => {
    const { fake } = backend({
      'GET /api/v1/coupons': [
        { id: 32, name: 'Accident 2 yuan off', discount_fen: 200, category: 'accident', status: 'available', valid_until: '2099-01-01T00:00:00+00:00' },
      ],
    })
    const { page } = await openCheckout(fake)
    expect(ui.exists(page, '.coupon-not-returned')).toBe(false)
    await ui.trigger(page, '#coupon-picker', 'change', { value: '1' })
    expect(ui.text(ui.find(page, '.coupon-not-returned'))).toBe(t('order.couponNotReturned'))
    await ui.trigger(page, '#coupon-picker', 'change', { value: '0' })
    expect(ui.exists(page, '.coupon-not-returned')).toBe(false)
  })

  test('a coupon used meanwhile (409 coupon_unavailable): said, and the form no longer shows its discount', async () => {
    const COUPON = { id: 11, name: 'Accident 2 yuan off', discount_fen: 200, category: 'accident', status: 'available', valid_until: '2099-01-01T00:00:00+00:00' }
    let coupons = [COUPON]
    const { server, fake } = backend({
      'GET /api/v1/coupons': () => coupons,
      'POST /api/v1/orders': (req) => {
        if (req.data.coupon_id) {
          // Used on another order a moment ago (another phone, another tab).
          coupons = [Object.assign({}, COUPON, { status: 'used' })]
          return reply(409, errorBody('coupon_unavailable', '这张优惠券已被使用，或被另一笔订单占用。'))
        }
        return { order_no: 'O100', status: 'created', premium_fen: 500, discount_fen: 0, amount_fen: 500, pay_params: PAY_PARAMS }
      },
    })
    const { page } = await openCheckout(fake)
    await ui.trigger(page, '#coupon-picker', 'change', { value: '1' })
    expect(ui.text(ui.find(page, '.to-pay'))).toBe('¥3.00')

    await fillIn(page, 'Wang Fang', ID_1990)
    await ui.tap(page, '.pay')
    await ui.waitFor(page, () => fake.calls('showToast').length + fake.calls('showModal').length)
    const said = fake.calls('showToast').map((o) => o.title).concat(fake.calls('showModal').map((o) => o.content))
    expect(said).toContain('这张优惠券已被使用，或被另一笔订单占用。')

    // The discount that cannot be had is off the form: the price the next tap would pay is the one shown.
    await ui.waitFor(page, () => ui.text(ui.find(page, '.to-pay')) === '¥5.00')
    expect(ui.exists(page, '.discount')).toBe(false)
    expect(ui.exists(page, '#coupon-picker')).toBe(false)
    expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(1)
  })

  test('without the coupons service, buying still works', async () => {
    const { fake } = backend({ 'GET /api/v1/coupons': reply(404, errorBody('not_found', 'We could not find that.')) })
    const { page } = await openCheckout(fake)

    expect(ui.exists(page, '#coupon-picker')).toBe(false)
    expect(ui.text(page)).not.toContain('We could not find that.')
  })

  test('a plan no longer on sale says so', async () => {
    const { fake } = backend()
    const { page } = await loadPage('order', { wx: fake.wx, query: { code: 'accident', plan_id: '99' } })

    expect(ui.text(page)).toContain(t('order.planGone'))
  })

  test('an order closed unpaid says nothing was charged and starts again', async () => {
    const { fake } = backend({ 'GET /api/v1/orders/O100': { order_no: 'O100', status: 'closed', amount_fen: 500, discount_fen: 0 } })
    fake.answer('requestPayment', () => ({ errMsg: 'requestPayment:ok' }))
    const { page } = await openCheckout(fake)

    await fillIn(page, 'Wang Fang', ID_1990)
    await ui.tap(page, '.pay')
    await ui.waitForText(page, t('order.closedTitle'), 4000)
    expect(ui.text(page)).toContain(t('order.closedNote'))

    await ui.tap(page, '.start-again')
    expect(ui.text(page)).toContain(t('order.payAndCover'))
  })

  // ---- documents agreed, health declared, a saved person (issue 16) ------------------

  test('the documents are listed by title and open to read; nothing is ticked for the user', async () => {
    const { fake } = backend()
    const { page, instance } = await openCheckout(fake)

    const agreement = ui.text(ui.find(page, '.agreement'))
    expect(agreement).toContain(t('common.agreeTo'))
    ACCIDENT.documents.forEach((d) => expect(agreement).toContain(t('common.documentLink', { title: d.title })))
    expect(instance.data.agreed).toBe(false)
    expect(ui.exists(page, '.agree .checkbox--on')).toBe(false)

    await ui.tap(page, '#document-clauses')
    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual([
      '/pages/document/document?url=' + encodeURIComponent(ACCIDENT.documents[0].url) + '&title=Policy%20terms',
    ])
    expect(instance.data.agreed).toBe(false) // reading a document is not agreeing to it
    expect(ui.text(page)).toContain(t('common.insurerLabel') + ' Example Insurance Co., Ltd.')
  })

  test('without the tick, paying is blocked and says why', async () => {
    const { server, fake } = backend()
    const { page } = await openCheckout(fake)

    await ui.type(page, '#name', 'Wang Fang')
    await ui.type(page, '#id-number', ID_1990)
    await ui.tap(page, '.pay')

    expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(0)
    expect(fake.calls('showToast').map((o) => o.title)).toContain(t('common.agreeFirst'))
    expect(ui.exists(page, '.agreement--missing')).toBe(true)

    // Ticked and unticked again: still blocked.
    await ui.agreeToAll(page)
    await ui.agreeToAll(page)
    await ui.tap(page, '.pay')
    expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(0)
  })

  test('the personal information authorisation has a tick of its own: the contract\'s tick alone is not consent', async () => {
    // Sensitive personal information (the identity number) needs a separate consent (PIPL Art. 29).
    const { server, fake } = backend()
    const { page } = await openCheckout(fake)
    await ui.type(page, '#name', 'Wang Fang')
    await ui.type(page, '#id-number', ID_1990)

    const consent = ui.find(page, '.consent')
    expect(ui.text(consent)).toBe((t('common.consentTo') + ' ' + t('common.documentLink', { title: 'Use of your personal information' })).replace(/ +/g, ' '))
    expect(ui.exists(page, '.agree #document-privacy_consent')).toBe(false)

    await ui.tap(page, '.agree')
    await ui.tap(page, '.pay')
    expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(0)
    expect(fake.calls('showToast').map((o) => o.title)).toContain(t('common.agreeFirst'))

    // A minute later: the trace keeps the moment of each tick, the consent's its own.
    jest.useFakeTimers({ now: Date.now() + 60000, doNotFake: ['setTimeout', 'clearTimeout', 'setInterval',
      'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'] })
    try {
      await ui.tap(page, '.consent')
    } finally {
      jest.useRealTimers()
    }
    expect(ui.exists(page, '.consent .checkbox--on')).toBe(true)
    await ui.tap(page, '.pay')
    await ui.waitFor(page, () => server.callsTo('POST', '/api/v1/orders').length === 1)
    const at = Object.fromEntries(server.callsTo('POST', '/api/v1/orders')[0].data.accepted_documents
      .map((d) => [d.code, Date.parse(d.accepted_at)]))
    expect(at.privacy_consent - at.clauses).toBeGreaterThanOrEqual(59000)
  })

  test('ticked, the order carries each document shown, its version and when it was agreed', async () => {
    const { server, fake } = backend()
    const { page } = await openCheckout(fake, { sandbox: true })
    const before = Date.now()

    await fillIn(page, 'Wang Fang', ID_1990)
    expect(ui.exists(page, '.agree .checkbox--on')).toBe(true)
    await ui.tap(page, '.pay')
    await ui.waitForText(page, t('order.doneTitle'), 4000)

    const body = server.callsTo('POST', '/api/v1/orders')[0].data
    expect(body.accepted_documents).toEqual(ACCEPTED)
    expect(body.accepted_documents.map((d) => d.code)).toEqual(['clauses', 'purchase_notice', 'exclusions', 'privacy_consent'])
    const at = Date.parse(body.accepted_documents[0].accepted_at)
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
    expect(at).toBeLessThanOrEqual(Date.now())
    expect(body.client).toEqual(CLIENT)
    expect(body).not.toHaveProperty('health_answers')
  })

  test('documents changed meanwhile (422 documents_not_accepted): shown again, to agree afresh', async () => {
    let version = '2026-12-01'
    const product = () => Object.assign({}, ACCIDENT, {
      documents: ACCIDENT.documents.map((d) => Object.assign({}, d, { version: d.code === 'clauses' ? version : d.version })),
    })
    const { server, fake } = backend({
      'GET /api/v1/products/accident': () => product(),
      'POST /api/v1/orders': (req) => {
        const clauses = req.data.accepted_documents.find((d) => d.code === 'clauses')
        if (clauses.version !== '2027-01-01') {
          version = '2027-01-01'
          return reply(422, errorBody('documents_not_accepted', 'The terms have changed.', { missing: [{ code: 'clauses', version: '2027-01-01' }] }))
        }
        return { order_no: 'O100', status: 'created', premium_fen: 500, discount_fen: 0, amount_fen: 500, pay_params: PAY_PARAMS }
      },
    })
    const { page, instance } = await openCheckout(fake)

    await fillIn(page, 'Wang Fang', ID_1990)
    await ui.tap(page, '.pay')
    await ui.waitFor(page, () => fake.calls('showModal').length)
    expect(fake.calls('showModal')[0]).toMatchObject({ title: t('order.updatedTitle'), content: t('order.updatedContent') })
    expect(instance.data.agreed).toBe(false)
    expect(server.callsTo('GET', '/api/v1/products/accident')).toHaveLength(2)

    await ui.agreeToAll(page)
    await ui.tap(page, '.pay')
    await ui.waitFor(page, () => server.callsTo('POST', '/api/v1/orders').length === 2)
    const clauses = server.callsTo('POST', '/api/v1/orders')[1].data.accepted_documents.find((d) => d.code === 'clauses')
    expect(clauses.version).toBe('2027-01-01')
  })

  describe('a medical product asks its health questions', () => {
    function medical(extra) {
      return backend(Object.assign({
        'GET /api/v1/products/medical': MEDICAL,
        'POST /api/v1/orders': { order_no: 'O100', status: 'created', premium_fen: 6000, discount_fen: 0, amount_fen: 6000, pay_params: PAY_PARAMS },
      }, extra))
    }

    function openMedical(fake) {
      return loadPage('order', { wx: fake.wx, query: { code: 'medical', plan_id: '3' } })
    }

    test('each question waits for an answer: none is chosen for the user, and paying waits too', async () => {
      const { server, fake } = medical()
      const { page } = await openMedical(fake)

      expect(ui.text(page)).toContain(t('order.healthTitle'))
      expect(ui.text(ui.find(page, '#question-hospitalised_2y'))).toContain('Have you stayed in hospital in the past two years?')
      expect(ui.exists(page, '.answer--on')).toBe(false)

      await fillIn(page, 'Wang Fang', ID_1990)
      await ui.tap(page, '#question-hospitalised_2y .answer-no')
      await ui.tap(page, '.pay')

      expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(0)
      expect(fake.calls('showToast').map((o) => o.title)).toContain(t('order.answerAll'))
    })

    test('a yes explains kindly that it cannot be bought online, with the hotline, and blocks paying', async () => {
      const { server, fake } = medical()
      const { page } = await openMedical(fake)

      await fillIn(page, 'Wang Fang', ID_1990)
      await ui.tap(page, '#question-hospitalised_2y .answer-no')
      await ui.tap(page, '#question-serious_illness .answer-yes')

      const declined = ui.text(ui.find(page, '.declined'))
      expect(declined).toContain(t('order.declinedTitle'))
      expect(declined).toContain(t('order.declinedNote'))
      await ui.tap(page, '.declined-hotline')
      expect(fake.calls('makePhoneCall')).toEqual([expect.objectContaining({ phoneNumber: '95500' })])

      await ui.tap(page, '.pay')
      expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(0)
      expect(fake.calls('showToast').map((o) => o.title)).toEqual([t('order.declinedTitle')]) // not a silent tap
    })

    test('all no: the order sends every answer and the health declaration among the documents', async () => {
      const { server, fake } = medical()
      const { page } = await openMedical(fake)

      await fillIn(page, 'Wang Fang', ID_1990)
      await ui.tap(page, '#question-hospitalised_2y .answer-no')
      await ui.tap(page, '#question-serious_illness .answer-no')
      expect(ui.exists(page, '.declined')).toBe(false)
      await ui.tap(page, '.pay')

      await ui.waitFor(page, () => server.callsTo('POST', '/api/v1/orders').length)
      const body = server.callsTo('POST', '/api/v1/orders')[0].data
      expect(body.health_answers).toEqual({ hospitalised_2y: false, serious_illness: false })
      expect(body.accepted_documents.map((d) => d.code)).toContain('health_declaration')
    })

    test("the server's health_declined is shown in its words and the page says it cannot be bought", async () => {
      const { fake } = medical({
        'POST /api/v1/orders': reply(422, errorBody('health_declined', 'Sorry, this plan cannot be bought online. Please call 95500.')),
      })
      const { page } = await openMedical(fake)

      await fillIn(page, 'Wang Fang', ID_1990)
      await ui.tap(page, '#question-hospitalised_2y .answer-no')
      await ui.tap(page, '#question-serious_illness .answer-no')
      await ui.tap(page, '.pay')

      await ui.waitFor(page, () => fake.calls('showModal').length)
      expect(fake.calls('showModal')[0].content).toBe('Sorry, this plan cannot be bought online. Please call 95500.')
      expect(ui.exists(page, '.declined')).toBe(true)
    })
  })

  describe('saved insured persons', () => {
    test('a saved person who fits is picked in one tap and the order names them by id', async () => {
      const { server, fake } = backend({ 'GET /api/v1/insured-persons': PERSONS })
      const { page, instance } = await openCheckout(fake, { sandbox: true })

      expect(ui.text(ui.find(page, '#person-7'))).toContain('王*')
      expect(ui.text(ui.find(page, '#person-7'))).toContain(t('insured.personLine', { relation: t('labels.relation.self'), id: '110105********0017', age: 36 }))
      // The first who fits the plan's ages is picked; typing one in is a tap away.
      expect(instance.data.personId).toBe(7)
      expect(ui.exists(page, '#name')).toBe(false)

      await ui.agreeToAll(page)
      await ui.tap(page, '.pay')
      await ui.waitForText(page, t('order.doneTitle'), 4000)

      const body = server.callsTo('POST', '/api/v1/orders')[0].data
      expect(body.insured_person_id).toBe(7)
      expect(body).not.toHaveProperty('insured')
    })

    test('the form shows with the saved persons, so the one it picks never changes under the user', async () => {
      const persons = held(PERSONS)
      const { server, fake } = backend({ 'GET /api/v1/insured-persons': persons.route })
      const { page, instance } = await loadPage('order', { wx: fake.wx, query: {}, lifecycle: false })
      const loading = instance.onLoad({ code: 'accident', plan_id: '1' })

      await ui.waitFor(page, () => server.callsTo('GET', '/api/v1/insured-persons').length)
      await ui.tick(50)
      expect(ui.exists(page, '#name')).toBe(false)
      expect(ui.exists(page, '.pay')).toBe(false)

      persons.release()
      await loading
      expect(instance.data.personId).toBe(7)
      expect(ui.exists(page, '#person-7')).toBe(true)
      expect(ui.exists(page, '#name')).toBe(false)
    })

    test('someone outside the ages is not sent', async () => {
      const { server, fake } = backend({ 'GET /api/v1/insured-persons': PERSONS })
      const { page } = await openCheckout(fake)

      await ui.tap(page, '#person-8')
      await ui.agreeToAll(page)
      await ui.tap(page, '.pay')

      expect(ui.text(ui.find(page, '.person-error'))).toBe(t('order.personOutOfBand', { min: 18, max: 60 }))
      expect(server.callsTo('POST', '/api/v1/orders')).toHaveLength(0)
    })

    test('a new person typed in can be saved for next time; the order then names the saved one', async () => {
      const { server, fake } = backend({
        'GET /api/v1/insured-persons': [PERSONS[1]],
        'POST /api/v1/insured-persons': (req) => ({ id: 9, relation: req.data.relation, name_masked: '李*', id_number_masked: '110105********0017', age: 36 }),
      })
      const { page } = await openCheckout(fake)

      await ui.tap(page, '#person-new')
      await ui.tap(page, '.save-toggle')
      // It read "是你的 本人": the question, then the answer.
      expect(ui.text(ui.find(page, '.relation'))).toBe({ 'zh-CN': '与你的关系：本人', en: 'Relationship to you: Myself' }[language])
      await fillIn(page, 'Li Na', ID_1990)
      await ui.tap(page, '.pay')
      await ui.waitFor(page, () => server.callsTo('POST', '/api/v1/orders').length)

      expect(server.callsTo('POST', '/api/v1/insured-persons')[0].data).toEqual({ relation: 'self', name: 'Li Na', id_number: ID_1990 })
      const body = server.callsTo('POST', '/api/v1/orders')[0].data
      expect(body.insured_person_id).toBe(9)
      expect(body).not.toHaveProperty('insured')
    })
  })
})
