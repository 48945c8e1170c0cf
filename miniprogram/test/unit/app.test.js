const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadApp } = require('../support/page')
const ui = require('../support/ui')

test('an open from a share keeps the share token for login and reports the visit', async () => {
  const server = fakeApi({ 'POST /api/v1/visits': reply(204, '') })
  const fake = createWx({ request: server.request })
  const app = loadApp({ wx: fake.wx })

  const options = { path: 'pages/envelope/envelope', query: { id: 'E1', share_token: 'st-123' } }
  app.onLaunch(options)
  app.onShow(options)
  await ui.settle()
  await ui.settle()

  expect(server.callsTo('POST', '/api/v1/auth/login')[0].data).toEqual({ code: 'wx-login-code', share_token: 'st-123' })
  expect(server.callsTo('POST', '/api/v1/visits').map((c) => c.data)).toEqual([{ page: 'pages/envelope/envelope' }])
})

test('a failed visit report is ignored: nothing is shown to the user', async () => {
  const server = fakeApi({ 'POST /api/v1/visits': reply(503, errorBody('service_unavailable', 'Down.')) })
  const fake = createWx({ request: server.request })
  const app = loadApp({ wx: fake.wx })

  app.onLaunch({ path: 'pages/index/index', query: {} })
  app.onShow({ path: 'pages/index/index', query: {} })
  await ui.settle()
  await ui.settle()

  expect(server.callsTo('POST', '/api/v1/visits')).toHaveLength(1)
  expect(fake.calls('showToast')).toHaveLength(0)
  expect(fake.calls('showModal')).toHaveLength(0)
})

test('each open tells the server the language once; a language picked since is told again', async () => {
  const server = fakeApi({ 'POST /api/v1/visits': reply(204, ''), 'PATCH /api/v1/me': (req) => req.data })
  const fake = createWx({ request: server.request, language: 'en_US' })
  const options = { path: 'pages/index/index', query: {} }

  let app = loadApp({ wx: fake.wx })
  app.onLaunch(options)
  app.onShow(options)
  await ui.settle()
  await ui.settle()
  app.onShow(options) // back from the background
  await ui.settle()
  await ui.settle()

  fake.storage.set('rc_language', 'zh-CN') // picked on the Me page
  app = loadApp({ wx: fake.wx })
  app.onLaunch(options)
  app.onShow(options)
  await ui.settle()
  await ui.settle()

  expect(server.logins).toBe(1)
  expect(server.callsTo('PATCH', '/api/v1/me').map((c) => c.data)).toEqual([{ language: 'en' }, { language: 'zh-CN' }])
  expect(server.callsTo('POST', '/api/v1/visits')).toHaveLength(3)
})
