const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody, held } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { ID_1990, ACCIDENT, GIFT } = require('../support/fixtures')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

const READY = { id: 7, name: 'WeRun 10,000 steps', coverage_fen: 1000000, status: 'available', valid_until: '2099-05-08T00:00:00+00:00' }
const USED = { id: 6, name: 'WeRun 10,000 steps', coverage_fen: 1000000, status: 'redeemed', valid_until: '2024-05-01T00:00:00+00:00' }

// What a reward gives, as each language writes it.
const SHOWN = {
  'zh-CN': { used: 'WeRun 10,000 steps 1万元意外保障，保30天 已激活', ready: '1万元意外保障，保30天 · 2099年5月8日前激活' },
  en: { used: 'WeRun 10,000 steps 10,000 yuan of accident cover for 30 days Activated', ready: '10,000 yuan of accident cover for 30 days · activate by 8 May 2099' },
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

  function backend(extra) {
    const state = { rewards: [USED] }
    const server = fakeApi(Object.assign({
      'GET /api/v1/rewards': () => state.rewards,
      'GET /api/v1/products': [ACCIDENT, GIFT],
      'POST /api/v1/rewards/werun': () => {
        state.rewards = [READY, USED]
        return { steps_today: 12345, rewards: state.rewards }
      },
    }, extra))
    const fake = createWx({ request: server.request, language })
    return { server, fake, state }
  }

  test('lists the rewards already earned', async () => {
    const { fake } = backend()
    const { page } = await loadPage('rewards', { wx: fake.wx })

    expect(ui.text(ui.find(page, '#reward-6'))).toBe(shown.used)
    expect(ui.text(page)).toContain(t('rewards.stepsToday'))
    expect(ui.text(page)).toContain(t('rewards.yourRewards'))
    expect(ui.text(ui.find(page, '.sync'))).toBe(t('rewards.sync'))
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual([t('titles.rewards')])
  })

  test('on a phone: reads WeRun, sends the encrypted data, shows the steps and the new reward', async () => {
    const { server, fake } = backend()
    const { page } = await loadPage('rewards', { wx: fake.wx, config: { sandbox: false } })

    await ui.tap(page, '.sync')
    await ui.waitForText(page, '12345')

    expect(fake.calls('getWeRunData')).toHaveLength(1)
    expect(server.callsTo('POST', '/api/v1/rewards/werun')[0].data).toEqual({ encrypted_data: 'real-werun-data', iv: 'real-iv' })
    expect(ui.text(ui.find(page, '#reward-7'))).toContain(shown.ready)
    expect(ui.text(ui.find(page, '#reward-7 .redeem'))).toBe(t('rewards.get'))
    expect(ui.exists(page, '#reward-7 .redeem')).toBe(true)
    expect(ui.exists(page, '#reward-6 .redeem')).toBe(false)
  })

  test('a stale WeChat session (409 session_expired): log in again, read WeRun again, retry', async () => {
    let calls = 0
    const { fake } = backend({
      'POST /api/v1/rewards/werun': () => {
        calls += 1
        return calls === 1
          ? reply(409, errorBody('session_expired', 'Your WeChat session has changed; please call wx.login and log in again, then retry.'))
          : { steps_today: 12345, rewards: [READY] }
      },
    })
    const { page } = await loadPage('rewards', { wx: fake.wx, config: { sandbox: false } })

    await ui.tap(page, '.sync')
    await ui.waitForText(page, '12345')

    expect(fake.calls('login')).toHaveLength(2)
    expect(fake.calls('getWeRunData')).toHaveLength(2)
    expect(fake.calls('showToast')).toHaveLength(0)
    expect(fake.calls('showModal')).toHaveLength(0)
  })

  test("sandbox: the server's WeChat stand-in encrypts the pretend step count for this user", async () => {
    const { server, fake } = backend({
      'GET /api/v1/me': { id: 1, openid: 'o_alice' },
      'POST /sandbox/wechat/werun': { encrypted_data: 'sandbox-data', iv: 'sandbox-iv' },
    })
    fake.storage.set('rc_sandbox_name', 'alice')
    const { page } = await loadPage('rewards', { wx: fake.wx, config: { sandbox: true } })

    await ui.type(page, '#sim-steps', '12345')
    await ui.tap(page, '.sync')
    await ui.waitForText(page, '12345')

    expect(server.callsTo('POST', '/sandbox/wechat/werun')[0].data).toEqual({ openid: 'o_alice', steps: 12345 })
    expect(server.callsTo('POST', '/api/v1/rewards/werun')[0].data).toEqual({ encrypted_data: 'sandbox-data', iv: 'sandbox-iv' })
    expect(fake.calls('getWeRunData')).toHaveLength(0)
    expect(ui.text(page)).toContain(t('rewards.sandboxSteps'))
  })

  test('the redeem form opens with the documents it asks to agree to, not before them', async () => {
    const products = held([ACCIDENT, GIFT])
    const { server, fake, state } = backend({ 'GET /api/v1/products': products.route })
    state.rewards = [READY, USED]
    const { page } = await loadPage('rewards', { wx: fake.wx })

    await ui.tap(page, '#reward-7 .redeem')
    await ui.shownOnlyOnceAnswered(page, products, () => server.callsTo('GET', '/api/v1/products').length, '.confirm-redeem')
    expect(ui.text(ui.find(page, '.agreement'))).toContain(t('common.documentLink', { title: 'Policy terms' }))
  })

  test('a reward becomes cover for the person named', async () => {
    const { server, fake, state } = backend({
      'POST /api/v1/rewards/7/redeem': () => {
        state.rewards = [Object.assign({}, READY, { status: 'redeemed' }), USED]
        return { reward: state.rewards[0], policy_no: 'RCW0007' }
      },
    })
    state.rewards = [READY, USED]
    const { page } = await loadPage('rewards', { wx: fake.wx })

    await ui.tap(page, '#reward-7 .redeem')
    await ui.type(page, '#name', 'Zhao Lei')
    await ui.type(page, '#id-number', ID_1990)
    // Not ticked: nothing is redeemed.
    await ui.tap(page, '.confirm-redeem')
    expect(server.callsTo('POST', '/api/v1/rewards/7/redeem')).toHaveLength(0)
    expect(fake.calls('showToast').map((o) => o.title)).toEqual([t('common.agreeFirst')])
    await ui.agreeToAll(page)
    await ui.tap(page, '.confirm-redeem')
    await ui.waitForText(page, t('common.policyNoLine', { no: 'RCW0007' }))

    expect(server.callsTo('POST', '/api/v1/rewards/7/redeem')[0].data).toEqual({
      insured: { name: 'Zhao Lei', id_number: ID_1990 },
      accepted_documents: GIFT.documents.map((d) => ({ code: d.code, version: d.version, accepted_at: expect.any(String) })),
      client: { app_version: expect.any(String), page_version: expect.any(String), platform: 'devtools' },
    })
    expect(fake.calls('showToast').map((o) => o.title)).toEqual([t('common.agreeFirst'), t('common.activated')])
    expect(ui.text(ui.find(page, '#reward-7'))).toContain(t('labels.rewardStatus.redeemed'))
    expect(ui.exists(page, '#reward-7 .redeem')).toBe(false)
  })

  test('the insured details are checked before redeeming, and the server\'s age check is shown', async () => {
    const { server, fake, state } = backend({
      'POST /api/v1/rewards/7/redeem': reply(422, errorBody('age_not_covered', 'Some of the information is not valid.', {
        fields: { 'insured.id_number': ['This cover is for people aged 18 to 60; the insured person is 74.'] },
      })),
    })
    state.rewards = [READY]
    const { page } = await loadPage('rewards', { wx: fake.wx })

    await ui.tap(page, '#reward-7 .redeem')
    await ui.tap(page, '.confirm-redeem')
    expect(ui.text(page)).toContain(t('insured.nameMissing'))
    expect(server.callsTo('POST', '/api/v1/rewards/7/redeem')).toHaveLength(0)

    await ui.type(page, '#name', 'Old Zhang')
    await ui.type(page, '#id-number', '11010519491231002X')
    await ui.agreeToAll(page)
    await ui.tap(page, '.confirm-redeem')
    await ui.waitForText(page, 'the insured person is 74.')
  })

  test('a reward that expired while its form was open (410 reward_expired): said, and shown as it is now', async () => {
    const { server, fake, state } = backend({
      'POST /api/v1/rewards/7/redeem': () => {
        state.rewards = [Object.assign({}, READY, { status: 'expired' })]
        return reply(410, errorBody('reward_expired', '这个奖励已过期。'))
      },
    })
    state.rewards = [READY]
    const { page } = await loadPage('rewards', { wx: fake.wx })

    await ui.tap(page, '#reward-7 .redeem')
    await ui.type(page, '#name', 'Zhao Lei')
    await ui.type(page, '#id-number', ID_1990)
    await ui.agreeToAll(page)
    await ui.tap(page, '.confirm-redeem')
    await ui.waitFor(page, () => fake.calls('showToast').some((o) => o.title === '这个奖励已过期。'))

    // No form whose button can only fail again: the reward as the server has it now.
    await ui.waitFor(page, () => !ui.exists(page, '.redeem-form'))
    expect(ui.text(ui.find(page, '#reward-7'))).toContain(t('labels.rewardStatus.expired'))
    expect(ui.exists(page, '#reward-7 .redeem')).toBe(false)
    expect(server.callsTo('POST', '/api/v1/rewards/7/redeem')).toHaveLength(1)
  })

  test('WeRun refused on the phone: the user is told how to allow it', async () => {
    const { server, fake } = backend()
    fake.answer('getWeRunData', () => ({ fail: { errMsg: 'getWeRunData:fail auth deny' } }))
    const { page } = await loadPage('rewards', { wx: fake.wx })

    await ui.tap(page, '.sync')
    await ui.waitFor(page, () => fake.calls('showModal').length)

    expect(fake.calls('showModal')[0].content).toBe(t('rewards.werunDenied'))
    expect(server.callsTo('POST', '/api/v1/rewards/werun')).toHaveLength(0)
  })

  test('no rewards after syncing: keep walking', async () => {
    const { fake } = backend({ 'POST /api/v1/rewards/werun': { steps_today: 800, rewards: [] } })
    const { page } = await loadPage('rewards', { wx: fake.wx, config: { sandbox: false } })

    await ui.tap(page, '.sync')
    await ui.waitForText(page, t('rewards.noRewards'))
  })
})
