// The one way pages talk to the Redcover backend.
//
// - Base URL and sandbox mode come from config.js.
// - The bearer token lives in storage. With no token, or on a 401, we log in
//   (wx.login, or in sandbox mode a "sandbox:<name>" code for a name the user picked
//   once) passing the share_token the app was opened with, and retry once.
// - Failures reject with ApiError, whose message is the server's own
//   `error.message` (the API's error shape), ready to show to the user.
// - Every request and upload says which language the user reads (Accept-Language:
//   zh-CN or en), and the user's profile records it (reportLanguage).

const config = require('../config')
const i18n = require('./i18n')

const KEYS = {
  token: 'rc_token',
  shareToken: 'rc_share_token',
  sandboxName: 'rc_sandbox_name',
  // "<token> <language>": the language last recorded on the server, and for which login.
  languageReported: 'rc_language_reported',
}

// Sandbox users to pick from (any name works: each is a stable WeChat user).
const SANDBOX_NAMES = ['alice', 'bob', 'carol', 'dave', 'erin']

// A message up to this wide (in Chinese characters: two lines of a toast) is a toast;
// a longer one would be cut off there, so it goes in a dialog.
const TOAST_MAX_WIDTH = 20

class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details || {}
  }

  /** Validation messages per field path, e.g. { "insured.id_number": ["..."] }. */
  get fields() {
    return (this.details && this.details.fields) || {}
  }
}

function url(path) {
  return config.baseUrl.replace(/\/+$/, '') + path
}

function errorFrom(statusCode, data) {
  let body = data
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch (e) {
      body = null
    }
  }
  const error = body && typeof body === 'object' ? body.error : null
  if (error && error.message) return new ApiError(statusCode, error.code, error.message, error.details)
  return new ApiError(statusCode, 'http_' + statusCode, i18n.t('api.generic'), {})
}

function networkError(err) {
  return new ApiError(0, 'network_error', i18n.t('api.network'), { errMsg: err && err.errMsg })
}

function withLanguage(header) {
  return Object.assign({ 'Accept-Language': i18n.current() }, header)
}

function send(method, path, data, header) {
  return new Promise((resolve, reject) => {
    wx.request({
      url: url(path),
      method,
      data,
      header: withLanguage(header),
      dataType: 'json',
      timeout: 20000,
      success: resolve,
      fail: (err) => reject(networkError(err)),
    })
  })
}

function sendFile(path, filePath, name, formData, header) {
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: url(path),
      filePath,
      name,
      formData: formData || {},
      header: withLanguage(header),
      timeout: 60000,
      success: (res) => {
        let data = res.data
        if (typeof data === 'string' && data) {
          try {
            data = JSON.parse(data)
          } catch (e) {
            // leave as text; errorFrom copes
          }
        }
        resolve({ statusCode: res.statusCode, data })
      },
      fail: (err) => reject(networkError(err)),
    })
  })
}

// ---- login -----------------------------------------------------------------

function getToken() {
  return wx.getStorageSync(KEYS.token) || ''
}

function clearToken(token) {
  // Only forget the token we used: another request may have logged in meanwhile.
  if (!token || getToken() === token) wx.removeStorageSync(KEYS.token)
}

function loginFailed() {
  return new ApiError(0, 'login_failed', i18n.t('api.loginFailed'))
}

function wxLoginCode() {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (res) => (res.code ? resolve(res.code) : reject(loginFailed())),
      fail: () => reject(loginFailed()),
    })
  })
}

function chooseSandboxName() {
  return new Promise((resolve, reject) => {
    wx.showActionSheet({
      alertText: i18n.t('api.chooseTestUser'),
      itemList: SANDBOX_NAMES,
      success: (res) => resolve(SANDBOX_NAMES[res.tapIndex]),
      fail: () => reject(new ApiError(0, 'login_cancelled', i18n.t('api.loginCancelled'))),
    })
  })
}

async function sandboxName() {
  let name = wx.getStorageSync(KEYS.sandboxName)
  if (!name) {
    name = await chooseSandboxName()
    wx.setStorageSync(KEYS.sandboxName, name)
  }
  return name
}

async function loginCode() {
  return config.sandbox ? 'sandbox:' + (await sandboxName()) : wxLoginCode()
}

async function doLogin() {
  const body = { code: await loginCode() }
  const shareToken = wx.getStorageSync(KEYS.shareToken)
  if (shareToken) body.share_token = shareToken
  const res = await send('POST', '/api/v1/auth/login', body, { 'content-type': 'application/json' })
  if (res.statusCode !== 200) throw errorFrom(res.statusCode, res.data)
  wx.setStorageSync(KEYS.token, res.data.token)
  return res.data
}

let loginInFlight = null

/** Log in now (one login at a time however many requests need it). -> {token, user}. */
function login() {
  if (!loginInFlight) {
    const done = () => {
      loginInFlight = null
    }
    loginInFlight = doLogin()
    loginInFlight.then(done, done)
  }
  return loginInFlight
}

async function ensureToken() {
  return getToken() || (await login()).token
}

// ---- requests --------------------------------------------------------------

async function withAuth(auth, attempt) {
  if (!auth) return attempt({})
  for (let retried = false; ; retried = true) {
    const token = await ensureToken()
    const res = await attempt({ Authorization: 'Bearer ' + token })
    if (res.statusCode !== 401 || retried) return res
    clearToken(token)
  }
}

function unwrap(res) {
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data === '' ? null : res.data
  throw errorFrom(res.statusCode, res.data)
}

/**
 * Call the API. options: { data, auth = true, headers }. Resolves with the JSON
 * body; rejects with ApiError.
 */
async function request(method, path, options) {
  const opts = options || {}
  const auth = opts.auth !== false
  const res = await withAuth(auth, (authHeader) =>
    send(method, path, opts.data, Object.assign({ 'content-type': 'application/json' }, opts.headers, authHeader)),
  )
  return unwrap(res)
}

/** Upload one local file as a multipart part (default part name "files"). */
async function upload(path, filePath, options) {
  const opts = options || {}
  const res = await withAuth(opts.auth !== false, (authHeader) =>
    sendFile(path, filePath, opts.name || 'files', opts.formData, Object.assign({}, opts.headers, authHeader)),
  )
  return unwrap(res)
}

/**
 * A page the server writes for reading in <rich-text> (a product document, the privacy
 * policy): its body fragment only (`format=fragment`), in the user's language (`lang`).
 * `pageUrl` is absolute (documents' `url`) or a path on our server. -> the HTML text.
 */
function fragment(pageUrl) {
  const full = /^https?:\/\//.test(pageUrl) ? pageUrl : url(pageUrl)
  const query = 'format=fragment&lang=' + encodeURIComponent(i18n.current())
  return new Promise((resolve, reject) => {
    wx.request({
      url: full + (full.indexOf('?') >= 0 ? '&' : '?') + query,
      method: 'GET',
      header: withLanguage({}),
      dataType: 'text',
      responseType: 'text',
      timeout: 20000,
      success: (res) => (res.statusCode === 200 ? resolve(String(res.data || '')) : reject(errorFrom(res.statusCode, res.data))),
      fail: (err) => reject(networkError(err)),
    })
  })
}

/**
 * Download a file the API serves only to its owner (the e-policy PDF) with the token
 * header, logging in again once on a 401. -> the temporary local path.
 */
async function download(path) {
  const res = await withAuth(true, (authHeader) =>
    new Promise((resolve, reject) => {
      wx.downloadFile({
        url: url(path),
        header: withLanguage(authHeader),
        timeout: 60000,
        success: resolve,
        fail: (err) => reject(networkError(err)),
      })
    }),
  )
  if (res.statusCode !== 200) throw errorFrom(res.statusCode, res.data)
  return res.tempFilePath
}

function newIdempotencyKey() {
  return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12)
}

/**
 * The Idempotency-Key for a money-moving create: the same body (a double tap, a
 * retry after a network error) reuses its key, so the server answers with the
 * first result instead of charging twice; a changed body gets a fresh key.
 * `memo` is an object the page keeps for this purpose.
 */
function idempotencyKey(memo, body) {
  const json = JSON.stringify(body)
  if (!memo[json]) memo[json] = newIdempotencyKey()
  return memo[json]
}

// ---- app-level helpers -------------------------------------------------------

/** Keep the share_token the app was opened with, for the next login. */
function rememberShareToken(query) {
  const token = query && query.share_token
  if (token) wx.setStorageSync(KEYS.shareToken, String(token))
}

/** Sandbox only: log in as someone else from now on. */
async function switchSandboxUser(name) {
  const token = getToken()
  if (token) {
    await request('POST', '/api/v1/auth/logout').catch(() => null)
    clearToken(token)
  }
  wx.setStorageSync(KEYS.sandboxName, name)
  return login()
}

/**
 * Forget the login kept on this phone, without logging in again: after the account is
 * closed its token is dead on the server, and the next call that needs one logs in
 * afresh (as a new account).
 */
function forgetLogin() {
  clearToken()
  wx.removeStorageSync(KEYS.languageReported)
}

function currentSandboxName() {
  return wx.getStorageSync(KEYS.sandboxName) || ''
}

/**
 * Record the language the user reads in their profile (PATCH /api/v1/me), once per
 * login and language: subscribe messages reach the user outside any request, so the
 * server writes them in this one. Call when the app shows and when the user picks a
 * language. Resolves true once recorded; never rejects.
 */
async function reportLanguage() {
  const language = i18n.current()
  if (getToken() && wx.getStorageSync(KEYS.languageReported) === getToken() + ' ' + language) return true
  try {
    await request('PATCH', '/api/v1/me', { data: { language } })
  } catch (err) {
    return false // tried again next time the app shows
  }
  wx.setStorageSync(KEYS.languageReported, getToken() + ' ' + language)
  return true
}

/** Show a failure to the user in words they understand. */
function showError(err) {
  const message = (err && err.message) || i18n.t('api.generic')
  if (i18n.displayWidth(message) <= TOAST_MAX_WIDTH) {
    wx.showToast({ title: message, icon: 'none', duration: 2500 })
  } else {
    wx.showModal({ title: i18n.t('api.errorTitle'), content: message, showCancel: false, confirmText: i18n.t('common.ok') })
  }
}

module.exports = {
  ApiError,
  KEYS,
  SANDBOX_NAMES,
  get: (path, options) => request('GET', path, options),
  post: (path, data, options) => request('POST', path, Object.assign({}, options, { data })),
  patch: (path, data, options) => request('PATCH', path, Object.assign({}, options, { data })),
  request,
  upload,
  fragment,
  download,
  login,
  idempotencyKey,
  rememberShareToken,
  switchSandboxUser,
  forgetLogin,
  currentSandboxName,
  reportLanguage,
  showError,
  isSandbox: () => !!config.sandbox,
}
