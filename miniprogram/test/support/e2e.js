// Driving the mini-program's pages as sandbox WeChat users against the real backend
// that test/e2e/setup.js started. Users read Simplified Chinese, as most users do:
// assert on the page's own words (words(LANGUAGE)), not on what the server sends.

const httpShim = require('./http-shim')
const { createWx } = require('./wx')
const { loadPage, loadApp, parseUrl } = require('./page')
const ui = require('./ui')
const { words } = require('./i18n')

const BASE_URL = process.env.REDCOVER_E2E_URL

// The language the end-to-end users read, and its words.
const LANGUAGE = 'zh-CN'
const t = words(LANGUAGE)

class User {
  /** A WeChat user of the sandbox: the login code is "sandbox:<name>". */
  constructor(name) {
    this.name = name
    this.fake = createWx({
      request: httpShim.request,
      uploadFile: httpShim.uploadFile,
      downloadFile: httpShim.downloadFile,
      language: LANGUAGE,
    })
    this.fake.storage.set('rc_sandbox_name', name)
    this.config = { baseUrl: BASE_URL, sandbox: true }
  }

  /** Open the app as WeChat would (launch options with path and query). */
  async launch(path, query) {
    const app = loadApp({ wx: this.fake.wx, config: this.config })
    const options = { path, query: query || {}, scene: 1007 }
    app.onLaunch(options)
    app.onShow(options)
    await ui.settle()
  }

  /** Open a page by its URL ("/pages/order/order?code=..."); runs onLoad and onShow. */
  open(url) {
    const { name, query } = parseUrl(url)
    return loadPage(name, { wx: this.fake.wx, config: this.config, query })
  }

  /** Where the last navigation of `kind` went (navigateTo, redirectTo, switchTab). */
  lastUrl(kind) {
    const calls = this.fake.calls(kind || 'navigateTo')
    if (!calls.length) throw new Error(this.name + ' has not navigated with ' + (kind || 'navigateTo'))
    return calls[calls.length - 1].url
  }

  /** Launch the app, tap "buy" on a product's page and type the insured into the order page that opens (as the
   *  user does); the order page, ready for the choices under test. */
  async startOrder(productCode, insured) {
    await this.launch('pages/index/index')
    const product = await this.open('/pages/product/product?code=' + productCode)
    await ui.tap(product.page, '.buy')
    const order = await this.open(this.lastUrl())
    await ui.type(order.page, '#name', insured.name)
    await ui.type(order.page, '#id-number', insured.idNumber)
    return order
  }

  /** Log in directly (set-up); pages then use the same token. */
  async login() {
    const res = await raw('POST', '/api/v1/auth/login', { code: 'sandbox:' + this.name })
    if (res.statusCode !== 200) throw new Error('login failed: ' + JSON.stringify(res.data))
    this.fake.storage.set('rc_token', res.data.token)
    return res.data
  }

  /** Buy a plan straight through the API and wait for the policy (set-up for other tests). */
  async buyPolicy(planCode, insured) {
    if (!this.fake.storage.get('rc_token')) await this.login()
    const products = await this.api('GET', '/api/v1/products')
    const product = products.find((p) => p.plans.some((plan) => plan.code === planCode))
    const plan = product.plans.find((p) => p.code === planCode)
    // What the checkout page sends once the buyer has ticked "I have read and agree".
    const acceptedAt = new Date().toISOString().replace('Z', '+00:00')
    const body = { plan_id: plan.id, insured }
    if (product.documents) {
      body.accepted_documents = product.documents.map((d) => ({ code: d.code, version: d.version, accepted_at: acceptedAt }))
    }
    if ((product.health_questions || []).length) {
      body.health_answers = Object.fromEntries(product.health_questions.map((q) => [q.code, false]))
    }
    const order = await this.api('POST', '/api/v1/orders', body)
    const prepayId = /prepay_id=([^&]+)/.exec(order.pay_params.package)[1]
    const paid = await raw('POST', '/sandbox/wechat/pay/confirm', { prepay_id: prepayId })
    if (paid.statusCode !== 200) throw new Error('sandbox payment failed: ' + JSON.stringify(paid.data))
    const deadline = Date.now() + 60000
    for (;;) {
      const now = await this.api('GET', '/api/v1/orders/' + order.order_no)
      if (now.status === 'fulfilled' && now.policy_no) return this.api('GET', '/api/v1/policies/' + now.policy_no)
      if (Date.now() > deadline) throw new Error('order ' + order.order_no + ' still ' + now.status + ' after 60 s')
      await ui.tick(300)
    }
  }

  /** Call the API directly as this user (set-up and checks, not what is under test). */
  async api(method, path, data) {
    const token = this.fake.storage.get('rc_token')
    const res = await httpShim.request({
      url: BASE_URL + path,
      method,
      data,
      header: token ? { Authorization: 'Bearer ' + token } : {},
    })
    if (res.statusCode >= 400) throw new Error(method + ' ' + path + ' answered ' + res.statusCode + ': ' + JSON.stringify(res.data))
    return res.data
  }
}

/** Call the backend without a user (sandbox endpoints, signed partner webhooks). */
function raw(method, path, data, header) {
  return httpShim.request({ url: BASE_URL + path, method, data, header })
}

module.exports = { User, raw, BASE_URL, LANGUAGE, t }
