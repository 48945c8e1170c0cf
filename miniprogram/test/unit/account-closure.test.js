// Closing the account (注销): what it means, what must finish first (the server's blockers), the user's own
// tick and one more question, then POST {"confirm": true}; closed, the phone forgets the login and the app
// starts again from the home page.

const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

const CLOSURE = '/api/v1/me/closure'

// The server's words, in the user's language already: shown as they come.
const POLICY_IN_FORCE = { code: 'policy_in_force', reference: 'P202612070000000001', message: '保单 P202612070000000001 还在保障期内' }
const CLAIM_OPEN = { code: 'claim_open', reference: 'C202612070001', message: '理赔 C202612070001 还在处理中' }
const REFUND = { code: 'refund_on_its_way', reference: null, message: '有一笔退款还在路上' }

const CLOSABLE = { closable: true, blockers: [] }

// What the user reads, spelled out: the tables could be wrong too.
const SHOWN = {
  'zh-CN': {
    title: '注销账号',
    intro: '注销账号后：',
    blockersTitle: '注销前，请先处理完这些事：',
    acknowledge: '我已阅读并知晓注销的后果',
    button: '注销账号',
    dialog: { title: '确定注销账号？', confirmText: '注销', cancelText: '我再想想' },
    closed: '账号已注销',
  },
  en: {
    title: 'Close account',
    intro: 'Once your account is closed:',
    blockersTitle: 'Before you can close your account, please finish these:',
    acknowledge: 'I have read this and understand what closing my account means',
    button: 'Close account',
    dialog: { title: 'Close your account?', confirmText: 'Yes', cancelText: 'Keep' },
    closed: 'Account closed',
  },
}

/** Whether the 注销账号 button is greyed out and deaf to taps (Vant's disabled button). */
function buttonDisabled(page) {
  return !!ui.find(page, '.close').querySelector('.van-button--disabled')
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

  // A user logged in already (token in storage), whose profile has recorded their language.
  function setup(routes) {
    const server = fakeApi(Object.assign({ ['GET ' + CLOSURE]: CLOSABLE }, routes))
    const fake = createWx({ request: server.request, language })
    fake.storage.set('rc_token', 'rc_token_old')
    fake.storage.set('rc_language_reported', 'rc_token_old ' + language)
    return { server, fake }
  }

  async function tickAndClose(page) {
    await ui.tap(page, '.acknowledge')
    await ui.tap(page, '.close')
  }

  test('it says in plain words what closing the account means, in the user\'s language', async () => {
    const { server, fake } = setup()
    const { page } = await loadPage('account-closure', { wx: fake.wx })

    expect(ui.text(ui.find(page, '.consequences'))).toBe([
      shown.intro,
      t('account-closure.lostAccess'),
      t('account-closure.dataDeleted'),
      t('account-closure.voided'),
      t('account-closure.recordsKept'),
      t('account-closure.hotlines'),
      t('account-closure.newAccount'),
    ].join(' ').replace(/\s+/g, ' '))
    expect(ui.text(ui.find(page, '.acknowledge'))).toBe(shown.acknowledge)
    expect(ui.text(ui.find(page, '.close'))).toBe(shown.button)
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual([shown.title])
    expect(server.callsTo('GET', CLOSURE)[0]).toMatchObject({ token: 'rc_token_old', header: { 'Accept-Language': language } })

    // The records kept by the insurer: their hotlines are a tap away.
    await ui.tap(page, '.hotlines')
    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/help/help'])
  })

  test('with something unfinished, it lists what, a policy opens from its line, and nothing can be closed', async () => {
    const { server, fake } = setup({ ['GET ' + CLOSURE]: { closable: false, blockers: [POLICY_IN_FORCE, CLAIM_OPEN, REFUND] } })
    const { page } = await loadPage('account-closure', { wx: fake.wx })

    expect(ui.text(ui.find(page, '.blockers-title'))).toBe(shown.blockersTitle)
    expect(page.querySelectorAll('.blocker').map(ui.text)).toEqual([
      POLICY_IN_FORCE.message + ' ' + t('account-closure.view'),
      CLAIM_OPEN.message + ' ' + t('account-closure.view'),
      REFUND.message,
    ])
    expect(ui.exists(page, '.acknowledge')).toBe(false)
    expect(buttonDisabled(page)).toBe(true)

    await ui.tap(page, '.close')
    expect(fake.calls('showModal')).toHaveLength(0)

    await ui.tap(page, '#blocker-2') // a refund, by its order: nothing opens
    await ui.tap(page, '#blocker-0')
    await ui.tap(page, '#blocker-1')
    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual([
      '/pages/policy/policy?no=P202612070000000001', '/pages/claim/claim?no=C202612070001'])
    expect(server.callsTo('POST', CLOSURE)).toHaveLength(0)
  })

  test('the button works only once the user has ticked that they know what closing means', async () => {
    const { server, fake } = setup()
    const { page } = await loadPage('account-closure', { wx: fake.wx })

    expect(ui.exists(page, '.blockers')).toBe(false)
    expect(ui.exists(page, '.acknowledge .checkbox--on')).toBe(false)
    expect(buttonDisabled(page)).toBe(true)
    await ui.tap(page, '.close')
    expect(fake.calls('showModal')).toHaveLength(0)

    await ui.tap(page, '.acknowledge')
    expect(ui.exists(page, '.acknowledge .checkbox--on')).toBe(true)
    expect(buttonDisabled(page)).toBe(false)

    await ui.tap(page, '.acknowledge') // unticked again
    expect(buttonDisabled(page)).toBe(true)
    expect(server.callsTo('POST', CLOSURE)).toHaveLength(0)
  })

  test('it asks once more, and saying no sends nothing', async () => {
    const { server, fake } = setup()
    const { page } = await loadPage('account-closure', { wx: fake.wx })
    fake.answer('showModal', () => ({ confirm: false, cancel: true }))

    await tickAndClose(page)

    expect(fake.calls('showModal')).toEqual([expect.objectContaining(Object.assign({ content: t('account-closure.confirmContent') }, shown.dialog))])
    expect(server.callsTo('POST', CLOSURE)).toHaveLength(0)
    expect(fake.storage.get('rc_token')).toBe('rc_token_old')
  })

  test('confirmed: the account is closed, the phone forgets the login without logging in again, and the app starts afresh', async () => {
    const { server, fake } = setup({ ['POST ' + CLOSURE]: reply(200, { closed_at: '2026-12-07T08:00:00+00:00' }) })
    const { page } = await loadPage('account-closure', { wx: fake.wx })

    await tickAndClose(page)
    await ui.waitFor(page, () => fake.calls('reLaunch').length)

    expect(server.callsTo('POST', CLOSURE).map((c) => [c.token, c.data])).toEqual([['rc_token_old', { confirm: true }]])
    expect(fake.storage.has('rc_token')).toBe(false)
    expect(fake.storage.has('rc_language_reported')).toBe(false)
    expect(server.logins).toBe(0)
    expect(fake.calls('showToast')).toEqual([expect.objectContaining({ title: shown.closed, icon: 'success' })])
    expect(fake.calls('reLaunch').map((o) => o.url)).toEqual(['/pages/index/index'])
    await ui.settle()
    expect(server.calls.map((c) => c.method + ' ' + c.path)).toEqual(['GET ' + CLOSURE, 'POST ' + CLOSURE])
  })

  test('refused because something started meanwhile (409): what the server names is shown, and the button is off', async () => {
    const { server, fake } = setup({
      ['POST ' + CLOSURE]: reply(409, errorBody('account_not_closable', 'Your account cannot be closed yet.', { blockers: [POLICY_IN_FORCE] })),
    })
    const { page } = await loadPage('account-closure', { wx: fake.wx })

    await tickAndClose(page)
    await ui.waitFor(page, () => ui.exists(page, '.blockers'))

    expect(ui.text(ui.find(page, '.blockers-title'))).toBe(shown.blockersTitle)
    expect(page.querySelectorAll('.blocker-message').map(ui.text)).toEqual([POLICY_IN_FORCE.message])
    expect(fake.calls('showToast').map((o) => o.title)).toEqual(['Your account cannot be closed yet.'])
    expect(ui.exists(page, '.acknowledge')).toBe(false)
    expect(buttonDisabled(page)).toBe(true)
    await ui.tap(page, '.close')
    expect(server.callsTo('POST', CLOSURE)).toHaveLength(1)
    expect(fake.storage.get('rc_token')).toBe('rc_token_old')
    expect(fake.calls('reLaunch')).toHaveLength(0)
  })

  test("another failure shows the server's words; nothing is forgotten and the user can try again", async () => {
    const { server, fake } = setup({
      ['POST ' + CLOSURE]: reply(503, errorBody('service_unavailable', 'Please try again in a minute.')),
    })
    const { page } = await loadPage('account-closure', { wx: fake.wx })

    await tickAndClose(page)
    await ui.waitFor(page, () => fake.calls('showToast').length)

    expect(fake.calls('showToast')[0]).toMatchObject({ title: 'Please try again in a minute.', icon: 'none' })
    expect(fake.storage.get('rc_token')).toBe('rc_token_old')
    expect(fake.calls('reLaunch')).toHaveLength(0)
    expect(buttonDisabled(page)).toBe(false)

    await ui.tap(page, '.close')
    await ui.waitFor(page, () => server.callsTo('POST', CLOSURE).length === 2)
  })

  test('while it loads it says so; a failure can be tried again', async () => {
    let fails = true
    const { fake } = setup({
      ['GET ' + CLOSURE]: () => (fails ? reply(500, errorBody('internal_error', 'Something went wrong on our side.')) : CLOSABLE),
    })
    const { page, instance } = await loadPage('account-closure', { wx: fake.wx, lifecycle: false })
    instance.onLoad({})
    expect(ui.text(page)).toBe(t('common.loading'))

    await instance.onShow()
    expect(ui.text(page)).toBe('Something went wrong on our side. ' + t('common.retry'))
    expect(ui.exists(page, '.close')).toBe(false)

    fails = false
    await ui.tap(page, '.retry')
    await ui.waitFor(page, () => ui.exists(page, '.close'))
    expect(ui.text(page)).toContain(shown.intro)
  })
})
