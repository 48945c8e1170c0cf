const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadModule } = require('../support/page')
const { LANGUAGES, words } = require('../support/i18n')

function setup(routes, options) {
  const opts = Object.assign({}, options)
  const server = fakeApi(routes)
  const fake = createWx({ request: server.request, uploadFile: server.uploadFile, language: opts.language })
  Object.keys(opts.storage || {}).forEach((key) => fake.storage.set(key, opts.storage[key]))
  const api = loadModule('utils/api.js', Object.assign({ wx: fake.wx }, opts))
  return { server, fake, api }
}

test('logs in with the wx.login code, keeps the token and sends it', async () => {
  const { server, fake, api } = setup({ 'GET /api/v1/me': { id: 1, nickname: 'Li' } })

  await expect(api.get('/api/v1/me')).resolves.toEqual({ id: 1, nickname: 'Li' })

  expect(server.callsTo('POST', '/api/v1/auth/login')[0].data).toEqual({ code: 'wx-login-code' })
  expect(fake.storage.get(api.KEYS.token)).toBe('rc_token_1')
  expect(server.callsTo('GET', '/api/v1/me')[0].header.Authorization).toBe('Bearer rc_token_1')
})

test('a 401 logs in again, passing the share token the app was opened with, and retries once', async () => {
  const { server, fake, api } = setup({
    'GET /api/v1/policies': (req) => {
      if (req.token === 'rc_stale') return reply(401, errorBody('invalid_token', 'Your session has ended; please log in again.'))
      return []
    },
  })
  fake.storage.set(api.KEYS.token, 'rc_stale')
  api.rememberShareToken({ share_token: 'friend-token' })

  await expect(api.get('/api/v1/policies')).resolves.toEqual([])

  expect(server.callsTo('POST', '/api/v1/auth/login').map((c) => c.data)).toEqual([
    { code: 'wx-login-code', share_token: 'friend-token' },
  ])
  expect(server.callsTo('GET', '/api/v1/policies').map((c) => c.token)).toEqual(['rc_stale', 'rc_token_1'])
})

test('a second 401 after logging in again is reported, not retried for ever', async () => {
  const { server, api } = setup({
    'GET /api/v1/me': reply(401, errorBody('invalid_token', 'Your session has ended; please log in again.')),
  })

  await expect(api.get('/api/v1/me')).rejects.toMatchObject({ status: 401, message: 'Your session has ended; please log in again.' })
  expect(server.callsTo('GET', '/api/v1/me')).toHaveLength(2)
  expect(server.logins).toBe(2)
})

test('requests that start together share one login', async () => {
  const { server, api } = setup({ 'GET /api/v1/me': {}, 'GET /api/v1/policies': [], 'POST /api/v1/visits': reply(204, '') })

  await Promise.all([api.get('/api/v1/me'), api.get('/api/v1/policies'), api.post('/api/v1/visits', { page: 'x' })])

  expect(server.logins).toBe(1)
})

test('in sandbox mode the user picks a test user once; the name is the login code from then on', async () => {
  const { server, fake, api } = setup({ 'GET /api/v1/me': {} }, { config: { sandbox: true } })
  fake.answer('showActionSheet', () => ({ tapIndex: 1 }))

  await api.get('/api/v1/me')
  fake.storage.delete(api.KEYS.token)
  await api.get('/api/v1/me')

  expect(fake.calls('showActionSheet')).toHaveLength(1)
  expect(fake.calls('showActionSheet')[0].itemList).toEqual(api.SANDBOX_NAMES)
  expect(fake.calls('login')).toHaveLength(0)
  expect(server.callsTo('POST', '/api/v1/auth/login').map((c) => c.data.code)).toEqual(['sandbox:bob', 'sandbox:bob'])
  expect(fake.storage.get(api.KEYS.sandboxName)).toBe('bob')
})

test('errors carry the server message, code and field details', async () => {
  const { api } = setup({
    'POST /api/v1/orders': reply(422, errorBody('validation_error', 'Some of the information is not valid.', {
      fields: { 'insured.id_number': ['This identity number is not valid; please check it for a typo.'] },
    })),
  })

  const err = await api.post('/api/v1/orders', {}).catch((e) => e)

  expect(err).toBeInstanceOf(api.ApiError)
  expect(err.status).toBe(422)
  expect(err.code).toBe('validation_error')
  expect(err.message).toBe('Some of the information is not valid.')
  expect(err.fields['insured.id_number']).toEqual(['This identity number is not valid; please check it for a typo.'])
})

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)

  test('an answer without our error shape still gives the user a sentence', async () => {
    const { api } = setup({ 'GET /api/v1/me': reply(502, '<html>Bad gateway</html>') }, { language })
    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ status: 502, message: t('api.generic') })
  })

  test('no network: a network_error in plain words', async () => {
    const fake = createWx({ request: () => ({ fail: { errMsg: 'request:fail timeout' } }), language })
    const api = loadModule('utils/api.js', { wx: fake.wx })
    await expect(api.get('/api/v1/products', { auth: false })).rejects.toMatchObject({ code: 'network_error', message: t('api.network') })
  })

  test('WeChat login failing is said in plain words', async () => {
    const { fake, api } = setup({}, { language })
    fake.answer('login', () => ({ fail: { errMsg: 'login:fail' } }))
    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ code: 'login_failed', message: t('api.loginFailed') })
  })

  test('sandbox: the test-user sheet asks in the language; closing it is a login_cancelled', async () => {
    const { fake, api } = setup({}, { language, config: { sandbox: true } })
    fake.answer('showActionSheet', () => ({ fail: { errMsg: 'showActionSheet:fail cancel' } }))
    await expect(api.get('/api/v1/me')).rejects.toMatchObject({ code: 'login_cancelled', message: t('api.loginCancelled') })
    expect(fake.calls('showActionSheet')[0].alertText).toBe(t('api.chooseTestUser'))
  })

  test('a long message is a dialog with a title and a button in the language', () => {
    const { fake, api } = setup({}, { language })
    api.showError(new api.ApiError(422, 'age_not_covered', 'This cover is for people aged 18 to 60; the insured person is 74.'))
    expect(fake.calls('showModal')).toEqual([expect.objectContaining({
      title: t('api.errorTitle'),
      content: 'This cover is for people aged 18 to 60; the insured person is 74.',
      showCancel: false,
      confirmText: t('common.ok'),
    })])
  })
})

describe('Accept-Language: every request says which language the user reads', () => {
  test.each([
    ['zh_CN', 'zh-CN'],
    ['zh_TW', 'zh-CN'],
    ['zh_HK', 'zh-CN'],
    ['en', 'en'],
    ['en_US', 'en'],
    ['fr', 'zh-CN'],
    ['', 'zh-CN'],
  ])('WeChat in %j: %s', async (wechat, expected) => {
    const { server, api } = setup({ 'GET /api/v1/me': {}, 'POST /api/v1/claims/C1/materials': {} }, { language: wechat })

    await api.get('/api/v1/me')
    await api.upload('/api/v1/claims/C1/materials', '/tmp/bill.jpg')

    expect(server.calls.map((c) => [c.method + ' ' + c.path, c.header['Accept-Language']])).toEqual([
      ['POST /api/v1/auth/login', expected],
      ['GET /api/v1/me', expected],
      ['POST /api/v1/claims/C1/materials', expected],
    ])
  })

  test('a language picked on the Me page wins over WeChat\'s', async () => {
    const { server, api } = setup({ 'GET /api/v1/products': [] }, { language: 'zh_CN', storage: { rc_language: 'en' } })
    await api.get('/api/v1/products', { auth: false })
    expect(server.calls[0].header['Accept-Language']).toBe('en')
  })
})

describe('reportLanguage: the profile records the language, once per login and language', () => {
  test('the first time, the server is told; then not again', async () => {
    const { server, api } = setup({ 'PATCH /api/v1/me': (req) => Object.assign({ id: 1 }, req.data) }, { language: 'en' })

    await expect(api.reportLanguage()).resolves.toBe(true)
    await expect(api.reportLanguage()).resolves.toBe(true)

    expect(server.callsTo('PATCH', '/api/v1/me').map((c) => [c.token, c.data])).toEqual([['rc_token_1', { language: 'en' }]])
  })

  test('a new language, or a new login, is told again', async () => {
    const { server, fake, api } = setup({ 'PATCH /api/v1/me': {} }, { language: 'zh_CN' })
    await api.reportLanguage()

    fake.storage.set('rc_language', 'en') // picked on the Me page
    const again = loadModule('utils/api.js', { wx: fake.wx })
    await again.reportLanguage()
    fake.storage.set(again.KEYS.token, 'rc_token_other_user')
    await again.reportLanguage()

    expect(server.callsTo('PATCH', '/api/v1/me').map((c) => [c.token, c.data.language])).toEqual([
      ['rc_token_1', 'zh-CN'],
      ['rc_token_1', 'en'],
      ['rc_token_other_user', 'en'],
    ])
  })

  test('a failure bothers nobody and is tried again next time', async () => {
    let down = true
    const { server, fake, api } = setup({
      'PATCH /api/v1/me': () => (down ? reply(503, errorBody('service_unavailable', 'Down.')) : {}),
    })

    await expect(api.reportLanguage()).resolves.toBe(false)
    down = false
    await expect(api.reportLanguage()).resolves.toBe(true)

    expect(server.callsTo('PATCH', '/api/v1/me')).toHaveLength(2)
    expect(fake.calls('showToast')).toHaveLength(0)
    expect(fake.calls('showModal')).toHaveLength(0)
  })
})

test('uploads send the file as a multipart part, retry on 401 and parse the JSON answer', async () => {
  const { server, fake, api } = setup({
    'POST /api/v1/claims/C1/materials': (req) =>
      req.token === 'rc_old' ? reply(401, errorBody('invalid_token', 'Please log in again.')) : { uploaded: 1 },
  })
  fake.storage.set(api.KEYS.token, 'rc_old')

  await expect(api.upload('/api/v1/claims/C1/materials', '/tmp/bill.jpg')).resolves.toEqual({ uploaded: 1 })

  const uploads = server.callsTo('POST', '/api/v1/claims/C1/materials')
  expect(uploads.map((u) => [u.token, u.name, u.filePath])).toEqual([
    ['rc_old', 'files', '/tmp/bill.jpg'],
    ['rc_token_1', 'files', '/tmp/bill.jpg'],
  ])
})

test('the same body reuses its Idempotency-Key; a changed body gets a new one', () => {
  const { api } = setup({})
  const memo = {}
  const a = api.idempotencyKey(memo, { plan_id: 1 })
  expect(api.idempotencyKey(memo, { plan_id: 1 })).toBe(a)
  expect(api.idempotencyKey(memo, { plan_id: 2 })).not.toBe(a)
})

test('short messages are a toast, long ones a dialog; a Chinese character is twice as wide', () => {
  const { fake, api } = setup({})
  api.showError(new api.ApiError(409, 'already_grabbed', 'You already grabbed a share.'))
  api.showError(new api.ApiError(409, 'already_grabbed', '你已经领过这个红包了。'))
  api.showError(new api.ApiError(422, 'age_not_covered', 'This cover is for people aged 18 to 60; the insured person is 74.'))
  api.showError(new api.ApiError(422, 'age_not_covered', '这份保障适合18-60周岁的人，被保险人现在74周岁。'))
  expect(fake.calls('showToast').map((o) => [o.title, o.icon])).toEqual([
    ['You already grabbed a share.', 'none'],
    ['你已经领过这个红包了。', 'none'],
  ])
  expect(fake.calls('showModal').map((o) => o.content)).toEqual([
    'This cover is for people aged 18 to 60; the insured person is 74.',
    '这份保障适合18-60周岁的人，被保险人现在74周岁。',
  ])
})

test('switching sandbox user logs out the current one and logs in as the new one', async () => {
  const { server, fake, api } = setup({ 'POST /api/v1/auth/logout': reply(204, '') }, { config: { sandbox: true } })
  fake.storage.set(api.KEYS.sandboxName, 'alice')
  fake.storage.set(api.KEYS.token, 'rc_alice')

  await api.switchSandboxUser('carol')

  expect(server.callsTo('POST', '/api/v1/auth/logout')[0].token).toBe('rc_alice')
  expect(server.callsTo('POST', '/api/v1/auth/login').map((c) => c.data.code)).toEqual(['sandbox:carol'])
  expect(api.currentSandboxName()).toBe('carol')
  expect(fake.storage.get(api.KEYS.token)).toBe('rc_token_1')
})
