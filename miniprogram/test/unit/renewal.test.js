// Monthly auto-renewal (issue 17): offered, unticked, on a monthly plan that may renew, saying what
// is charged and when; WeChat's signing page (navigateToMiniProgram), back through App.onShow; the
// way out when the user comes back unsigned; the policy page's renewal, and turning it off.

const path = require('path')
const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage, loadApp, ROOT } = require('../support/page')
const { ACCIDENT, ID_1990, PAY_PARAMS, policy, INSURER } = require('../support/fixtures')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

const RENEWING = Object.assign({}, ACCIDENT, {
  plans: ACCIDENT.plans.map((p) => Object.assign({}, p, { auto_renew: true })),
})
const CONTRACT = { pre_entrustweb_id: 'pre-1', redirect_appid: 'wxbd687630cd02ce1d', redirect_path: 'pages/index/index' }
const CREATED = { order_no: 'O200', status: 'created', premium_fen: 500, discount_fen: 0, amount_fen: 500, pay_params: null, contract: CONTRACT }
const PAID = { order_no: 'O200', status: 'fulfilled', premium_fen: 500, discount_fen: 0, amount_fen: 500, policy_no: 'RC2026000200', contract: null }

/** The day of the month the charge falls on, as the page says it: the day before today's (Beijing). */
function chargeLine(t) {
  const today = new Date(Date.now() + 8 * 3600 * 1000).getUTCDate()
  return today === 1
    ? t('order.renewLineMonthEnd', { amount: '¥5.00' })
    : t('order.renewLine', { amount: '¥5.00', day: today - 1 })
}

/** The order page is on WeChat's signing page (navigateToMiniProgram succeeded), waiting for the user. */
function onSigningPage() {
  return require(path.join(ROOT, 'utils', 'contract')).waiting()
}

/** WeChat brings the user back from the signing page: App.onShow with the signing app's referrerInfo. */
function backFromSigning(extraData) {
  const contract = require(path.join(ROOT, 'utils', 'contract'))
  const info = { appId: CONTRACT.redirect_appid }
  if (extraData) info.extraData = extraData
  return contract.returned({ path: 'pages/order/order', scene: 1038, referrerInfo: info })
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)

  function checkout(routes) {
    const state = { paid: false }
    const server = fakeApi(Object.assign({
      'GET /api/v1/products/accident': RENEWING,
      'GET /api/v1/coupons': [{ id: 7, name: 'Accident 2 yuan off', discount_fen: 200, status: 'available', category: 'accident', valid_until: null }],
      'POST /api/v1/orders': () => CREATED,
      'GET /api/v1/orders/O200': () => (state.paid ? PAID : Object.assign({}, CREATED, { contract: null })),
    }, routes))
    const fake = createWx({ request: server.request, language })
    return { server, fake, state }
  }

  /** The order page, filled in and agreed; auto-renewal turned on, as the user chooses it, unless `renew` is false. */
  async function open(fake, { renew = true } = {}) {
    const loaded = await loadPage('order', { wx: fake.wx, query: { code: 'accident', plan_id: '1' } })
    await ui.type(loaded.page, '#name', 'Wang Fang')
    await ui.type(loaded.page, '#id-number', ID_1990)
    await ui.agreeToAll(loaded.page)
    if (renew) await ui.tap(loaded.page, '.renew-toggle')
    return loaded
  }

  test('a monthly plan offers auto-renewal unticked; ticked, it says what it charges and when; no coupon with it', async () => {
    const { fake } = checkout()
    const { page } = await open(fake, { renew: false })

    // The user's own choice: one month unless they tick it (docs/domain.md, Monthly renewal).
    const box = ui.find(page, '.renew')
    expect(ui.text(box)).toContain(t('order.renewToggle'))
    expect(ui.exists(page, '.renew .checkbox--on')).toBe(false)
    expect(ui.text(box)).toContain(t('order.renewOffNote'))
    expect(ui.exists(page, '#coupon-picker')).toBe(true)
    expect(ui.text(ui.find(page, '.pay'))).toBe(t('order.payAndCover'))

    // Turned on: signed and paid on WeChat's page, no coupons.
    await ui.tap(page, '.renew-toggle')
    expect(ui.exists(page, '.renew .checkbox--on')).toBe(true)
    expect(ui.text(ui.find(page, '.renew-line'))).toBe(chargeLine(t))
    expect(ui.text(ui.find(page, '.renew'))).toContain(t('order.renewNote'))
    expect(ui.text(ui.find(page, '.renew'))).toContain(t('order.renewNoCoupon'))
    expect(ui.exists(page, '#coupon-picker')).toBe(false)
    expect(ui.text(ui.find(page, '.pay'))).toBe(t('order.signAndPay'))
  })

  test('a plan that does not renew offers nothing of it', async () => {
    const { fake } = checkout({ 'GET /api/v1/products/accident': ACCIDENT })
    const { page } = await open(fake, { renew: false })
    expect(ui.exists(page, '.renew')).toBe(false)
    expect(ui.text(ui.find(page, '.pay'))).toBe(t('order.payAndCover'))
  })

  test('signing on WeChat\'s page pays the first month: back in App.onShow, the policy', async () => {
    const { server, fake, state } = checkout()
    const { page } = await open(fake)

    await ui.tap(page, '.pay')
    await ui.waitFor(page, () => fake.calls('navigateToMiniProgram').length === 1 && onSigningPage(), 2000)
    expect(server.callsTo('POST', '/api/v1/orders')[0].data).toMatchObject({ plan_id: 1, auto_renew: true })
    expect(server.callsTo('POST', '/api/v1/orders')[0].data.coupon_id).toBeUndefined()
    expect(fake.calls('navigateToMiniProgram')[0]).toMatchObject({
      appId: 'wxbd687630cd02ce1d', path: 'pages/index/index', extraData: { pre_entrustweb_id: 'pre-1' },
    })
    expect(fake.calls('requestPayment')).toHaveLength(0)
    expect(fake.calls('showModal')).toHaveLength(0) // no pay sheet of our own: WeChat's page takes the money

    state.paid = true
    expect(backFromSigning({ contract_id: 'C1' })).toBe(true)
    await ui.waitForText(page, t('order.doneTitle'), 4000)
    expect(ui.text(ui.find(page, '.renew-done'))).toBe(t('order.renewDone'))
    expect(ui.text(ui.find(page, '.policy-number'))).toContain('RC2026000200')
  })

  test('back without signing: sign again with a fresh pre-sign, or pay one month', async () => {
    const { server, fake, state } = checkout({
      'POST /api/v1/orders/O200/contract': () => Object.assign({}, CREATED, { contract: Object.assign({}, CONTRACT, { pre_entrustweb_id: 'pre-2' }) }),
      'POST /api/v1/orders/O200/pay': () => Object.assign({}, CREATED, { contract: null, pay_params: PAY_PARAMS }),
    })
    fake.answer('requestPayment', () => {
      state.paid = true
      return { errMsg: 'requestPayment:ok' }
    })
    const { page, instance } = await open(fake)
    await ui.tap(page, '.pay')
    await ui.waitFor(page, () => fake.calls('navigateToMiniProgram').length === 1 && onSigningPage(), 2000)

    expect(backFromSigning(null)).toBe(true) // the back arrow: no extraData
    await ui.waitForText(page, t('order.unsignedTitle'), 4000)
    expect(ui.text(ui.find(page, '.result-unsigned'))).toContain(t('order.unsignedNote'))
    expect(ui.text(ui.find(page, '.result-unsigned'))).toContain(chargeLine(t))
    expect(ui.text(ui.find(page, '.pay-one-month'))).toBe(t('order.payOneMonth') + ' ¥5.00')

    await ui.tap(page, '.sign-again')
    await ui.waitFor(page, () => fake.calls('navigateToMiniProgram').length === 2 && onSigningPage(), 2000)
    expect(server.callsTo('POST', '/api/v1/orders/O200/contract')).toHaveLength(1)
    expect(fake.calls('navigateToMiniProgram')[1].extraData).toEqual({ pre_entrustweb_id: 'pre-2' })
    expect(backFromSigning(null)).toBe(true)
    await ui.waitFor(page, () => instance.data.stage === 'unsigned' && !instance.data.busy, 4000)
    expect(server.callsTo('GET', '/api/v1/orders/O200').length).toBe(2) // asked once each time back

    await ui.tap(page, '.pay-one-month')
    await ui.waitForText(page, t('order.doneTitle'), 4000)
    expect(server.callsTo('POST', '/api/v1/orders/O200/pay')).toHaveLength(1)
    expect(fake.calls('requestPayment')[0].package).toBe(PAY_PARAMS.package)
    expect(ui.exists(page, '.renew-done')).toBe(false) // one month, not renewing
  }, 30000)

  test('a signing page that does not open leaves the user the same two ways on', async () => {
    const { fake } = checkout()
    fake.answer('navigateToMiniProgram', () => ({ fail: { errMsg: 'navigateToMiniProgram:fail cancel' } }))
    const { page } = await open(fake)
    await ui.tap(page, '.pay')
    await ui.waitForText(page, t('order.unsignedTitle'), 4000)
    expect(fake.calls('showModal')).toHaveLength(0) // the user said no: nothing to explain
  })

  // ---- the policy page -------------------------------------------------------------------

  function renewingPolicy(renewal) {
    return policy({
      premium_fen: 500, insurer: INSURER, cancellable: false, issued_at: '2026-12-06T02:00:00+00:00',
      starts_at: '2026-12-06T02:00:00+00:00', ends_at: '2027-02-05T16:00:00+00:00',
      renewal: Object.assign({
        status: 'active', contract_id: 'C1', next_charge_on: '2027-02-05', amount_fen: 500, end_reason: null,
        periods: [
          { n: 1, starts_at: '2026-12-06T02:00:00+00:00', ends_at: '2027-01-05T16:00:00+00:00', amount_fen: 500, status: 'paid' },
          { n: 2, starts_at: '2027-01-05T16:00:00+00:00', ends_at: '2027-02-05T16:00:00+00:00', amount_fen: 500, status: 'paid' },
          { n: 3, starts_at: '2027-02-05T16:00:00+00:00', ends_at: '2027-03-05T16:00:00+00:00', amount_fen: 500, status: 'scheduled' },
        ],
      }, renewal),
    })
  }
  const DATES = {
    // Cover ends at midnight: the last day it covers, to 24:00 (the e-policy's words), not 00:00 of the day after.
    'zh-CN': { next: '2027年2月5日', ends: '2027年2月5日 24:00', first: '2026年12月6日至2027年1月5日', perMonth: '¥5.00/月' },
    en: { next: '5 Feb 2027', ends: '5 Feb 2027, 24:00', first: '6 Dec 2026 to 5 Jan 2027', perMonth: '¥5.00 / month' },
  }

  test('the policy page shows the renewal: status, next charge, amount and each month', async () => {
    const server = fakeApi({ 'GET /api/v1/policies/RC2024000001': renewingPolicy() })
    const fake = createWx({ request: server.request, language })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })

    const box = ui.text(ui.find(page, '.renewal'))
    expect(box).toContain(t('policy.renewalTitle'))
    expect(box).toContain(t('policy.renewalStatus') + ' ' + t('labels.renewalStatus.active'))
    expect(box).toContain(t('policy.nextCharge') + ' ' + DATES[language].next)
    expect(box).toContain(t('policy.monthlyCharge') + ' ' + DATES[language].perMonth)
    expect(ui.text(ui.find(page, '#period-1'))).toBe(
      t('policy.periodName', { n: 1 }) + ' · ¥5.00 ' + DATES[language].first + ' ' + t('labels.periodStatus.paid'))
    expect(ui.text(ui.find(page, '#period-3'))).toContain(t('labels.periodStatus.scheduled'))
    expect(ui.exists(page, '.renewal-note')).toBe(false)
    expect(ui.text(ui.find(page, '.stop-renewal'))).toBe(t('policy.stopRenewal'))
  })

  test('a policy that does not renew shows no renewal', async () => {
    const server = fakeApi({ 'GET /api/v1/policies/RC2024000001': policy({ renewal: null, insurer: INSURER }) })
    const fake = createWx({ request: server.request, language })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })
    expect(ui.exists(page, '.renewal')).toBe(false)
    expect(ui.exists(page, '.stop-renewal')).toBe(false)
  })

  test('a failed charge is explained kindly, and renewal can still be turned off', async () => {
    const server = fakeApi({ 'GET /api/v1/policies/RC2024000001': renewingPolicy({ status: 'retrying' }) })
    const fake = createWx({ request: server.request, language })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })
    expect(ui.text(ui.find(page, '.renewal-note--retrying'))).toBe(t('policy.retryingNote'))
    expect(ui.text(ui.find(page, '.renewal'))).toContain(t('labels.renewalStatus.retrying'))
    expect(ui.exists(page, '.stop-renewal')).toBe(true)
  })

  test('turning it off asks first, then shows the new status', async () => {
    const server = fakeApi({
      'GET /api/v1/policies/RC2024000001': renewingPolicy(),
      'DELETE /api/v1/policies/RC2024000001/renewal': () => renewingPolicy({ status: 'cancelled', next_charge_on: null, end_reason: 'merchant' }),
    })
    const fake = createWx({ request: server.request, language })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })

    fake.answer('showModal', () => ({ confirm: false, cancel: true }))
    await ui.tap(page, '.stop-renewal')
    expect(server.callsTo('DELETE', '/api/v1/policies/RC2024000001/renewal')).toHaveLength(0)

    fake.answer('showModal', () => ({ confirm: true, cancel: false }))
    await ui.tap(page, '.stop-renewal')
    await ui.waitFor(page, () => ui.exists(page, '.renewal-note'), 2000)
    expect(fake.calls('showModal')[1]).toMatchObject({
      title: t('policy.stopTitle'),
      content: t('policy.stopContent', { ends: DATES[language].ends }),
      confirmText: t('policy.stopConfirm'),
      cancelText: t('common.keep'),
    })
    expect(server.callsTo('DELETE', '/api/v1/policies/RC2024000001/renewal')).toHaveLength(1)
    expect(ui.text(ui.find(page, '.renewal'))).toContain(t('labels.renewalStatus.cancelled'))
    expect(ui.text(ui.find(page, '.renewal-note'))).toBe(t('policy.cancelledNote'))
    expect(ui.exists(page, '.stop-renewal')).toBe(false)
    expect(ui.exists(page, '.next-charge')).toBe(false)
    expect(fake.calls('showToast').map((o) => o.title)).toEqual([t('policy.renewalStopped')])
  })

  test('stopped meanwhile (409 renewal_not_active): the error, and the policy as it is now', async () => {
    let loads = 0
    const server = fakeApi({
      'GET /api/v1/policies/RC2024000001': () => {
        loads += 1
        return loads === 1 ? renewingPolicy() : renewingPolicy({ status: 'cancelled', next_charge_on: null, end_reason: 'user' })
      },
      'DELETE /api/v1/policies/RC2024000001/renewal': reply(409, errorBody('renewal_not_active', 'Auto-renewal is not on.')),
    })
    const fake = createWx({ request: server.request, language })
    const { page } = await loadPage('policy', { wx: fake.wx, query: { no: 'RC2024000001' } })
    await ui.tap(page, '.stop-renewal')
    await ui.waitFor(page, () => ui.exists(page, '.renewal-note'), 2000)
    expect(ui.text(ui.find(page, '.renewal'))).toContain(t('labels.renewalStatus.cancelled'))
  })
})

test('App.onShow hands the signing app\'s return to the page that opened it, and nothing else', async () => {
  const server = fakeApi({ 'POST /api/v1/visits': reply(204, '') })
  const fake = createWx({ request: server.request })
  const app = loadApp({ wx: fake.wx })
  const contract = require(path.join(ROOT, 'utils', 'contract'))

  app.onShow({ path: 'pages/index/index', query: {}, referrerInfo: { appId: 'wxbd687630cd02ce1d' } })
  expect(contract.waiting()).toBe(false)

  const back = contract.sign(CONTRACT)
  await ui.settle()
  expect(contract.waiting()).toBe(true)
  app.onShow({ path: 'pages/order/order', query: {}, referrerInfo: { appId: 'wx-someone-else' } })
  expect(contract.waiting()).toBe(true)
  app.onShow({ path: 'pages/order/order', query: {}, scene: 1038, referrerInfo: { appId: 'wxbd687630cd02ce1d', extraData: { contract_id: 'C1' } } })
  await expect(back).resolves.toEqual({ contract_id: 'C1' })
  expect(contract.waiting()).toBe(false)
})
