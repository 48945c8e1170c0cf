const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

function setup(extra, storage, language) {
  const profile = { id: 1, openid: 'o_1', nickname: null, avatar_url: null, phone_masked: null, language: 'zh-CN' }
  const server = fakeApi(Object.assign({
    'GET /api/v1/me': () => profile,
    'PATCH /api/v1/me': (req) => Object.assign(profile, req.data),
    'GET /api/v1/me/referrals': [],
  }, extra))
  const fake = createWx({ request: server.request, uploadFile: server.uploadFile, language })
  Object.keys(storage || {}).forEach((key) => fake.storage.set(key, storage[key]))
  return { server, fake, profile }
}

const SHOWN = {
  'zh-CN': {
    referrals: [
      'Lao Wang 2024年5月1日 通过你分享的保障加入 · 已投保2份',
      '一位微信好友 2024年5月3日 通过你的保险红包加入 · 还没有投保',
    ],
    language: '跟随微信（简体中文）',
  },
  en: {
    referrals: [
      'Lao Wang 1 May 2024 Came through a cover you shared · Bought 2 policies',
      'A WeChat friend 3 May 2024 Came through your red envelope · Has not bought cover yet',
    ],
    language: 'Same as WeChat (English)',
  },
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

  test('a new user is invited to set a nickname and photo', async () => {
    const { fake } = setup({}, {}, language)
    const { page } = await loadPage('me', { wx: fake.wx })

    expect(ui.text(page)).toContain(t('common.addPhoto'))
    expect(ui.find(page, '.nickname-input')).toBeTruthy()
    expect(ui.text(page)).toContain(t('me.noPhone'))
    expect(ui.text(page)).toContain(t('me.phoneSection'))
    expect(ui.text(page)).toContain(t('me.useWechatPhone'))
    expect(ui.text(ui.find(page, '.link-coupons'))).toBe(t('me.myCoupons'))
    expect(ui.text(page)).toContain(t('me.noReferrals'))
    expect(new Set(fake.calls('setNavigationBarTitle').map((o) => o.title))).toEqual(new Set([t('titles.me')]))
    expect(fake.calls('setTabBarItem').map((o) => o.text)).toEqual(['index', 'policies', 'claims', 'me'].map((tab) => t('tabs.' + tab)))
  })

  test('the language follows WeChat until the user picks one', async () => {
    const { fake } = setup({}, {}, language)
    const { page } = await loadPage('me', { wx: fake.wx })

    expect(ui.text(ui.find(page, '.language'))).toBe(t('me.language') + ' ' + shown.language)
  })

  test("the nickname typed in WeChat's nickname field is saved from the form", async () => {
    const { server, fake } = setup({}, {}, language)
    const { page } = await loadPage('me', { wx: fake.wx })

    await ui.trigger(page, '.nickname-form', 'submit', { value: { nickname: '  Xiao Hong ' } })
    await ui.waitFor(page, () => fake.calls('showToast').length)

    expect(server.callsTo('PATCH', '/api/v1/me')[0].data).toEqual({ nickname: 'Xiao Hong' })
    expect(fake.calls('showToast')[0]).toMatchObject({ title: t('me.saved'), icon: 'success' })
  })

  test('an empty nickname is not sent', async () => {
    const { server, fake } = setup({}, {}, language)
    const { page } = await loadPage('me', { wx: fake.wx })

    await ui.trigger(page, '.nickname-form', 'submit', { value: { nickname: '   ' } })

    expect(server.callsTo('PATCH', '/api/v1/me')).toHaveLength(0)
    expect(fake.calls('showToast')[0].title).toBe(t('me.nicknameFirst'))
  })

  test('a chosen avatar is uploaded, then its URL saved to the profile', async () => {
    const { server, fake } = setup({ 'POST /api/v1/me/avatar': { avatar_url: 'http://redcover.test/media/avatars/1.jpg' } }, {}, language)
    const { page, instance } = await loadPage('me', { wx: fake.wx })

    await ui.trigger(page, '.avatar-button', 'chooseavatar', { avatarUrl: 'http://tmp/avatar.jpg' })
    await ui.waitFor(page, () => server.callsTo('PATCH', '/api/v1/me').length)
    await ui.settle()

    const upload = server.callsTo('POST', '/api/v1/me/avatar')[0]
    expect([upload.name, upload.filePath]).toEqual(['file', 'http://tmp/avatar.jpg'])
    expect(upload.header['Accept-Language']).toBe(language)
    expect(server.callsTo('PATCH', '/api/v1/me')[0].data).toEqual({ avatar_url: 'http://redcover.test/media/avatars/1.jpg' })
    expect(instance.data.avatarUrl).toBe('http://redcover.test/media/avatars/1.jpg')
  })

  test('if the avatar cannot be uploaded the old one stays and the user is told', async () => {
    const { server, fake } = setup({ 'POST /api/v1/me/avatar': reply(413, errorBody('payload_too_large', 'The request body is too large.')) }, {}, language)
    const { page, instance } = await loadPage('me', { wx: fake.wx })

    await ui.trigger(page, '.avatar-button', 'chooseavatar', { avatarUrl: 'http://tmp/huge.jpg' })
    await ui.waitFor(page, () => fake.calls('showToast').length)

    expect(instance.data.avatarUrl).toBe('')
    expect(fake.calls('showToast')[0].title).toBe('The request body is too large.')
    expect(server.callsTo('PATCH', '/api/v1/me')).toHaveLength(0)
  })

  test('on a phone, the getPhoneNumber code is sent to bind the phone', async () => {
    const { server, fake } = setup({ 'POST /api/v1/auth/phone': { phone_masked: '138****8000' } }, {}, language)
    const { page } = await loadPage('me', { wx: fake.wx, config: { sandbox: false } })

    await ui.trigger(page, '.bind-phone', 'getphonenumber', { code: 'phone-code-1', errMsg: 'getPhoneNumber:ok' })
    await ui.waitForText(page, t('me.phoneLine', { phone: '138****8000' }))

    expect(server.callsTo('POST', '/api/v1/auth/phone')[0].data).toEqual({ code: 'phone-code-1' })
    expect(fake.calls('showToast')[0]).toMatchObject({ title: t('me.phoneSaved'), icon: 'success' })
    expect(ui.text(ui.find(page, '.bind-phone'))).toBe(t('me.changePhone'))
  })

  test('declining to share the phone sends nothing', async () => {
    const { server, fake } = setup({}, {}, language)
    const { page } = await loadPage('me', { wx: fake.wx })

    await ui.trigger(page, '.bind-phone', 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' })

    expect(server.callsTo('POST', '/api/v1/auth/phone')).toHaveLength(0)
    expect(fake.calls('showToast')[0].title).toBe(t('me.phoneNotShared'))
  })

  test('sandbox: a typed test number is bound with a sandbox-phone code', async () => {
    const { server, fake } = setup({ 'POST /api/v1/auth/phone': { phone_masked: '139****0000' } }, { rc_sandbox_name: 'alice' }, language)
    const { page } = await loadPage('me', { wx: fake.wx, config: { sandbox: true } })

    await ui.type(page, '#sandbox-phone', '123')
    await ui.tap(page, '.bind-sandbox-phone')
    expect(fake.calls('showToast')[0].title).toBe(t('me.phoneDigits'))

    await ui.type(page, '#sandbox-phone', '13900000000')
    await ui.tap(page, '.bind-sandbox-phone')
    await ui.waitForText(page, t('me.phoneLine', { phone: '139****0000' }))

    expect(server.callsTo('POST', '/api/v1/auth/phone')[0].data).toEqual({ code: 'sandbox-phone:13900000000' })
  })

  test('friends who came through my shares are listed with what they bought', async () => {
    const { fake } = setup({
      'GET /api/v1/me/referrals': [
        { nickname: 'Lao Wang', joined_at: '2024-05-01T02:00:00+00:00', via: 'product', target: 'accident', orders: 2, premium_fen: 2100 },
        { nickname: null, joined_at: '2024-05-03T02:00:00+00:00', via: 'envelope', target: 'env_abc', orders: 0, premium_fen: 0 },
      ],
    }, {}, language)
    const { page } = await loadPage('me', { wx: fake.wx })

    expect(page.querySelectorAll('.referral').map(ui.text)).toEqual(shown.referrals)
  })

  test('sandbox: log in as someone else', async () => {
    const { server, fake } = setup({ 'POST /api/v1/auth/logout': reply(204, '') }, { rc_sandbox_name: 'alice' }, language)
    fake.answer('showActionSheet', () => ({ tapIndex: 2 }))
    const { page } = await loadPage('me', { wx: fake.wx, config: { sandbox: true } })
    expect(ui.text(ui.find(page, '.switch-user'))).toBe(t('me.loggedInAs') + ' ' + t('me.switchUser') + ' alice')

    await ui.tap(page, '.switch-user')
    await ui.waitFor(page, () => ui.text(ui.find(page, '.switch-user')).includes('carol'))

    expect(server.callsTo('POST', '/api/v1/auth/login').map((c) => c.data.code)).toEqual(['sandbox:alice', 'sandbox:carol'])
    // The new user's profile learns the language too.
    await ui.waitFor(page, () => server.callsTo('PATCH', '/api/v1/me').length)
    expect(server.callsTo('PATCH', '/api/v1/me').map((c) => [c.token, c.data])).toEqual([['rc_token_2', { language }]])
  })

  test('customer service, help and the privacy policy are on the Me page', async () => {
    const { fake } = setup({}, {}, language)
    const { page } = await loadPage('me', { wx: fake.wx })

    expect(ui.contactButton(page)).toEqual({ tag: 'WX-BUTTON', openType: 'contact', text: t('common.contactUs') })
    expect(ui.text(ui.find(page, '.link-help'))).toBe(t('me.helpAndComplaints'))
    expect(ui.text(ui.find(page, '.link-privacy'))).toBe(t('common.privacyPolicy'))
    // Logging in agrees to the privacy policy: it says so, with the policy a tap away.
    expect(ui.text(ui.find(page, '.login-privacy'))).toBe(t('me.loginAgrees') + ' ' + t('me.privacyLink'))
    await ui.tap(page, '.privacy-link')
    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/document/document?privacy=1'])
  })

  test('closing the account is offered quietly, last on the page, and opens its own page', async () => {
    const { server, fake } = setup({}, { rc_sandbox_name: 'alice' }, language)
    const { page } = await loadPage('me', { wx: fake.wx, config: { sandbox: true } })

    const entry = ui.find(page, '.close-account')
    expect(ui.text(entry)).toBe(t('me.closeAccount'))
    // A plain row like the others, after everything else (the test server's row too), not a button.
    expect(entry.dom.tagName).toBe('VAN-CELL')
    expect(ui.text(page).endsWith(t('me.switchUser') + ' alice ' + t('me.closeAccount'))).toBe(true)

    await ui.tap(page, '.close-account')
    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/account-closure/account-closure'])
    expect(server.calls.filter((c) => /closure/.test(c.path))).toEqual([])
  })
})

describe('picking a language', () => {
  // [tapIndex in the sheet, WeChat's own language before, what the page then speaks]
  test.each([
    [1, 'en', 'zh-CN'],
    [2, 'zh_CN', 'en'],
  ])('item %i (WeChat in %s): the page speaks %s at once, and the server and every request say so', async (tapIndex, wechat, picked) => {
    const { server, fake } = setup({}, {}, wechat)
    fake.answer('showActionSheet', () => ({ tapIndex }))
    const { page, instance } = await loadPage('me', { wx: fake.wx })
    const before = words(wechat === 'en' ? 'en' : 'zh-CN')

    await ui.tap(page, '.language')
    await ui.waitFor(page, () => server.callsTo('PATCH', '/api/v1/me').length)

    // Each language by its own name, after "follow WeChat" in the language spoken so far.
    expect(fake.calls('showActionSheet')[0].itemList).toEqual([before('me.languageFollow'), '简体中文', 'English'])
    expect(fake.storage.get('rc_language')).toBe(picked)
    const t = words(picked)
    expect(ui.text(ui.find(page, '.language'))).toBe(t('me.language') + ' ' + t('me.languageNames.' + picked))
    expect(ui.text(page)).toContain(t('me.noPhone'))
    expect(fake.calls('setTabBarItem').slice(-4).map((o) => o.text)).toEqual(['index', 'policies', 'claims', 'me'].map((tab) => t('tabs.' + tab)))
    expect(fake.calls('setNavigationBarTitle').slice(-1)[0].title).toBe(t('titles.me'))
    expect(server.callsTo('PATCH', '/api/v1/me').map((c) => c.data)).toEqual([{ language: picked }])

    await instance.load()
    expect(server.callsTo('GET', '/api/v1/me').slice(-1)[0].header['Accept-Language']).toBe(picked)
  })

  test('following WeChat again forgets the choice', async () => {
    const { server, fake } = setup({}, { rc_language: 'en' }, 'zh_CN')
    fake.answer('showActionSheet', () => ({ tapIndex: 0 }))
    const { page } = await loadPage('me', { wx: fake.wx })
    expect(ui.text(ui.find(page, '.language'))).toContain('English')

    await ui.tap(page, '.language')
    await ui.waitFor(page, () => server.callsTo('PATCH', '/api/v1/me').length)

    expect(fake.storage.has('rc_language')).toBe(false)
    expect(ui.text(ui.find(page, '.language'))).toBe('语言 Language 跟随微信（简体中文）')
    expect(server.callsTo('PATCH', '/api/v1/me').map((c) => c.data)).toEqual([{ language: 'zh-CN' }])
  })

  test('closing the sheet changes nothing', async () => {
    const { server, fake } = setup({}, {}, 'zh_CN')
    fake.answer('showActionSheet', () => ({ fail: { errMsg: 'showActionSheet:fail cancel' } }))
    const { page } = await loadPage('me', { wx: fake.wx })

    await ui.tap(page, '.language')

    expect(fake.storage.has('rc_language')).toBe(false)
    expect(server.callsTo('PATCH', '/api/v1/me')).toHaveLength(0)
  })
})
