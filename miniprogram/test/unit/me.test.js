const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const ui = require('../support/ui')

function setup(extra, storage) {
  const profile = { id: 1, openid: 'o_1', nickname: null, avatar_url: null, phone_masked: null }
  const server = fakeApi(Object.assign({
    'GET /api/v1/me': () => profile,
    'PATCH /api/v1/me': (req) => Object.assign(profile, req.data),
    'GET /api/v1/me/referrals': [],
  }, extra))
  const fake = createWx({ request: server.request, uploadFile: server.uploadFile })
  Object.keys(storage || {}).forEach((key) => fake.storage.set(key, storage[key]))
  return { server, fake, profile }
}

test('a new user is invited to set a nickname and photo', async () => {
  const { fake } = setup()
  const { page } = await loadPage('me', { wx: fake.wx })

  expect(ui.text(page)).toContain('Add photo')
  expect(ui.find(page, '.nickname-input')).toBeTruthy()
  expect(ui.text(page)).toContain('No phone number yet')
})

test('the nickname typed in WeChat\'s nickname field is saved from the form', async () => {
  const { server, fake } = setup()
  const { page } = await loadPage('me', { wx: fake.wx })

  await ui.trigger(page, '.nickname-form', 'submit', { value: { nickname: '  Xiao Hong ' } })
  await ui.waitFor(page, () => fake.calls('showToast').length)

  expect(server.callsTo('PATCH', '/api/v1/me')[0].data).toEqual({ nickname: 'Xiao Hong' })
  expect(fake.calls('showToast')[0].title).toBe('Saved')
})

test('an empty nickname is not sent', async () => {
  const { server, fake } = setup()
  const { page } = await loadPage('me', { wx: fake.wx })

  await ui.trigger(page, '.nickname-form', 'submit', { value: { nickname: '   ' } })

  expect(server.callsTo('PATCH', '/api/v1/me')).toHaveLength(0)
  expect(fake.calls('showToast')[0].title).toBe('Type a nickname first')
})

test('a chosen avatar is uploaded, then its URL saved to the profile', async () => {
  const { server, fake } = setup({ 'POST /api/v1/me/avatar': { avatar_url: 'http://redcover.test/media/avatars/1.jpg' } })
  const { page, instance } = await loadPage('me', { wx: fake.wx })

  await ui.trigger(page, '.avatar-button', 'chooseavatar', { avatarUrl: 'http://tmp/avatar.jpg' })
  await ui.waitFor(page, () => server.callsTo('PATCH', '/api/v1/me').length)
  await ui.settle()

  const upload = server.callsTo('POST', '/api/v1/me/avatar')[0]
  expect([upload.name, upload.filePath]).toEqual(['file', 'http://tmp/avatar.jpg'])
  expect(server.callsTo('PATCH', '/api/v1/me')[0].data).toEqual({ avatar_url: 'http://redcover.test/media/avatars/1.jpg' })
  expect(instance.data.avatarUrl).toBe('http://redcover.test/media/avatars/1.jpg')
})

test('if the avatar cannot be uploaded the old one stays and the user is told', async () => {
  const { server, fake } = setup({ 'POST /api/v1/me/avatar': reply(413, errorBody('payload_too_large', 'The request body is too large.')) })
  const { page, instance } = await loadPage('me', { wx: fake.wx })

  await ui.trigger(page, '.avatar-button', 'chooseavatar', { avatarUrl: 'http://tmp/huge.jpg' })
  await ui.waitFor(page, () => fake.calls('showToast').length)

  expect(instance.data.avatarUrl).toBe('')
  expect(fake.calls('showToast')[0].title).toBe('The request body is too large.')
  expect(server.callsTo('PATCH', '/api/v1/me')).toHaveLength(0)
})

test('on a phone, the getPhoneNumber code is sent to bind the phone', async () => {
  const { server, fake } = setup({ 'POST /api/v1/auth/phone': { phone_masked: '138****8000' } })
  const { page } = await loadPage('me', { wx: fake.wx, config: { sandbox: false } })

  await ui.trigger(page, '.bind-phone', 'getphonenumber', { code: 'phone-code-1', errMsg: 'getPhoneNumber:ok' })
  await ui.waitForText(page, 'Phone 138****8000')

  expect(server.callsTo('POST', '/api/v1/auth/phone')[0].data).toEqual({ code: 'phone-code-1' })
})

test('declining to share the phone sends nothing', async () => {
  const { server, fake } = setup()
  const { page } = await loadPage('me', { wx: fake.wx })

  await ui.trigger(page, '.bind-phone', 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' })

  expect(server.callsTo('POST', '/api/v1/auth/phone')).toHaveLength(0)
  expect(fake.calls('showToast')[0].title).toBe('Phone number not shared')
})

test('sandbox: a typed test number is bound with a sandbox-phone code', async () => {
  const { server, fake } = setup({ 'POST /api/v1/auth/phone': { phone_masked: '139****0000' } }, { rc_sandbox_name: 'alice' })
  const { page } = await loadPage('me', { wx: fake.wx, config: { sandbox: true } })

  await ui.type(page, '#sandbox-phone', '13900000000')
  await ui.tap(page, '.bind-sandbox-phone')
  await ui.waitForText(page, 'Phone 139****0000')

  expect(server.callsTo('POST', '/api/v1/auth/phone')[0].data).toEqual({ code: 'sandbox-phone:13900000000' })
})

test('friends who came through my shares are listed with what they bought', async () => {
  const { fake } = setup({
    'GET /api/v1/me/referrals': [
      { nickname: 'Lao Wang', joined_at: '2024-05-01T02:00:00+00:00', via: 'product', target: 'accident', orders: 2, premium_fen: 2100 },
      { nickname: null, joined_at: '2024-05-03T02:00:00+00:00', via: 'envelope', target: 'env_abc', orders: 0, premium_fen: 0 },
    ],
  })
  const { page } = await loadPage('me', { wx: fake.wx })

  const rows = page.querySelectorAll('.referral').map(ui.text)
  expect(rows[0]).toBe('Lao Wang 2024-05-01 Came through a cover you shared · Bought 2 policies')
  expect(rows[1]).toBe('A WeChat friend 2024-05-03 Came through your red envelope · Has not bought cover yet')
})

test('sandbox: log in as someone else', async () => {
  const { server, fake } = setup({ 'POST /api/v1/auth/logout': reply(204, '') }, { rc_sandbox_name: 'alice' })
  fake.answer('showActionSheet', () => ({ tapIndex: 2 }))
  const { page } = await loadPage('me', { wx: fake.wx, config: { sandbox: true } })
  expect(ui.text(ui.find(page, '.switch-user'))).toContain('alice')

  await ui.tap(page, '.switch-user')
  await ui.waitFor(page, () => ui.text(ui.find(page, '.switch-user')).includes('carol'))

  expect(server.callsTo('POST', '/api/v1/auth/login').map((c) => c.data.code)).toEqual(['sandbox:alice', 'sandbox:carol'])
})
