// A tiny fake of the Redcover API for unit tests: a table of routes answered in the
// API's own shapes (errors included), and a record of every call made.

const BASE = 'http://redcover.test'

function errorBody(code, message, details) {
  return { error: { code, message, details: details || {} } }
}

/** An answer with an explicit status: reply(409, errorBody('already_grabbed', '...')). */
function reply(status, body) {
  return { isReply: true, status, body }
}

/**
 * fakeApi({ 'GET /api/v1/products': body | reply(status, body) | (req) => either })
 * Unknown routes answer 404 in the API's error shape. Login is answered unless
 * the test routes it itself; every login hands out a new token.
 */
function fakeApi(routes) {
  const calls = []
  let logins = 0
  const table = Object.assign(
    {
      'POST /api/v1/auth/login': () => {
        logins += 1
        return { token: 'rc_token_' + logins, expires_in: 86400, user: { id: 1, nickname: null, phone_masked: null } }
      },
    },
    routes,
  )

  async function handle(opts) {
    const url = new URL(opts.url)
    const header = opts.header || {}
    const req = {
      method: (opts.method || 'GET').toUpperCase(),
      path: url.pathname,
      url: opts.url,
      data: opts.data,
      header,
      token: (header.Authorization || '').replace(/^Bearer /, ''),
      filePath: opts.filePath,
      name: opts.name,
    }
    calls.push(req)
    const route = table[req.method + ' ' + req.path]
    if (!route) return { statusCode: 404, data: errorBody('not_found', 'We could not find that.'), header: {} }
    let out = typeof route === 'function' ? await route(req) : route
    if (!(out && out.isReply)) out = reply(req.method === 'POST' && !/\/auth\//.test(req.path) ? 201 : 200, out)
    const statusCode = out.status
    const data = out.body
    return { statusCode, data: data === undefined ? '' : data, header: { 'Content-Type': 'application/json' } }
  }

  return {
    base: BASE,
    request: handle,
    // wx.uploadFile answers with the body as a string, as WeChat does.
    uploadFile: async (opts) => {
      const res = await handle(Object.assign({ method: 'POST' }, opts))
      return { statusCode: res.statusCode, data: typeof res.data === 'string' ? res.data : JSON.stringify(res.data) }
    },
    calls,
    callsTo: (method, path) => calls.filter((c) => c.method === method && c.path === path),
    get logins() {
      return logins
    },
  }
}

/** A route that answers only once release() is called: what a page shows while it waits. */
function held(body) {
  let release
  const released = new Promise((resolve) => {
    release = resolve
  })
  return {
    route: async () => {
      await released
      return body
    },
    release,
  }
}

module.exports = { fakeApi, reply, errorBody, held, BASE }
