// Log in, buy accident cover, pay through the sandbox, find the policy: every step
// through the pages, against the real backend.
const { User, LANGUAGE, t } = require('../support/e2e')
const { ID_1990 } = require('../support/fixtures')
const ui = require('../support/ui')


test('a new user buys accident cover and finds the policy in My policies', async () => {
  const buyer = new User('e2e-buyer')
  await buyer.launch('pages/index/index')

  const home = await buyer.open('/pages/index/index')
  expect(ui.text(home.page)).toContain(t('index.onSale'))
  expect(ui.exists(home.page, '#product-accident')).toBe(true)
  expect(ui.exists(home.page, '#product-gift-accident')).toBe(false) // gift cover is given, not sold
  expect(ui.text(ui.find(home.page, '#product-accident .product-price'))).toMatch(/^\d+(\.\d\d)?元\/月起?$/)
  await ui.tap(home.page, '#product-accident')

  const product = await buyer.open(buyer.lastUrl())
  // The exclusions in full, and the documents to read, from the real catalog.
  expect(ui.text(product.page)).toContain(t('product.exclusionsTitle'))
  expect(product.page.querySelectorAll('.exclusions .point').length).toBeGreaterThan(0)
  expect(product.page.querySelectorAll('.document').length).toBeGreaterThanOrEqual(4)
  await ui.tap(product.page, '.buy')

  const order = await buyer.open(buyer.lastUrl())
  expect(buyer.lastUrl()).toMatch(/^\/pages\/order\/order\?code=accident&plan_id=\d+$/)
  await ui.type(order.page, '#name', 'Wang Fang')
  await ui.type(order.page, '#id-number', ID_1990)
  // Not ticked: the page will not pay.
  await ui.tap(order.page, '.pay')
  expect(buyer.fake.calls('showModal')).toHaveLength(0)
  expect(ui.exists(order.page, '.agreement--missing')).toBe(true)
  // Read one document (a real page from the server), then tick to agree.
  await ui.tap(order.page, '#document-clauses')
  const doc = await buyer.open(buyer.lastUrl())
  await ui.waitFor(doc.page, () => doc.instance.data.html, 10000)
  expect(doc.instance.data.html).toMatch(/<h1>|<p>/)
  await ui.agreeToAll(order.page)
  await ui.tap(order.page, '.pay')
  // Paid in the sandbox; the notification reaches the server from its job worker.
  await ui.waitForText(order.page, t('order.doneTitle'), 60000)
  expect(buyer.fake.calls('showModal')[0].title).toBe(t('pay.sandboxTitle'))
  const policyNo = order.instance.data.policyNo
  expect(policyNo).toBeTruthy()
  expect(ui.text(ui.find(order.page, '.policy-number'))).toBe(t('common.policyNoLabel') + ' ' + policyNo)

  // The sandbox login picked this user by name; the token came from the real login.
  const me = await buyer.api('GET', '/api/v1/me')
  expect(me.openid).toBeTruthy()

  const policies = await buyer.open('/pages/policies/policies')
  const card = ui.text(ui.find(policies.page, '#policy-' + policyNo))
  expect(card).toContain(t('labels.policyStatus.active'))
  expect(card).toContain(t('labels.policySource.purchase'))
  expect(card).toMatch(/保额 \d+(\.\d+)?万元/)

  const policy = await buyer.open('/pages/policy/policy?no=' + policyNo)
  const shown = ui.text(policy.page)
  expect(shown).toContain(t('common.policyNoShort', { no: policyNo }))
  expect(shown).toContain(t('common.coverageLabel'))
  expect(shown).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d/) // cover starts, in Beijing time
  expect(shown).not.toContain(ID_1990) // the insured is shown masked
  expect(shown).not.toContain('Wang Fang')
})

test('the app tells the server the language its user reads', async () => {
  const reader = new User('e2e-reader')
  await reader.launch('pages/index/index')
  await ui.tick(500)

  expect((await reader.api('GET', '/api/v1/me')).language).toBe(LANGUAGE)

  // Picked on the Me page: the server records English from then on.
  reader.fake.answer('showActionSheet', () => ({ tapIndex: 2 }))
  const me = await reader.open('/pages/me/me')
  await ui.tap(me.page, '.language')
  await ui.waitFor(me.page, () => ui.text(me.page).includes('Language 语言'), 10000)
  const deadline = Date.now() + 10000
  let language
  while ((language = (await reader.api('GET', '/api/v1/me')).language) !== 'en' && Date.now() < deadline) await ui.tick(100)
  expect(language).toBe('en')
})

test('the server refuses someone outside the age band, and the page says why', async () => {
  const buyer = new User('e2e-old-buyer')
  const products = await buyer.open('/pages/product/product?code=accident')
  await ui.tap(products.page, '.buy')
  const order = await buyer.open(buyer.lastUrl())

  // Bypass the page's own check to see the server's answer in the page.
  order.instance.setData({ name: 'Old Zhang', idNumber: '11010519491231002X' })
  order.instance.validate = () => ({ insured: { name: 'Old Zhang', id_number: '11010519491231002X' } })
  await ui.agreeToAll(order.page)
  await ui.tap(order.page, '.pay')

  // The server's own message (its words, in its language) goes next to the ID number.
  await ui.waitFor(order.page, () => order.instance.data.errors.idNumber, 10000)
  expect(ui.text(ui.find(order.page, '#id-number'))).toContain(order.instance.data.errors.idNumber)
  expect(order.instance.data.stage).toBe('form')
  expect(ui.text(order.page)).toContain(t('order.payAndCover'))
})

test('hospital cover asks its health questions: a yes blocks it, all no buys it, for a saved person', async () => {
  const buyer = new User('e2e-health-buyer')
  await buyer.login()
  // Saved once (as on an earlier purchase): this time choosing them is a tap.
  const saved = await buyer.api('POST', '/api/v1/insured-persons', { relation: 'self', name: 'Li Hua', id_number: ID_1990 })

  const product = await buyer.open('/pages/product/product?code=hospital')
  await ui.tap(product.page, '.buy')
  const order = await buyer.open(buyer.lastUrl())
  expect(ui.text(order.page)).toContain(t('order.healthTitle'))
  const questions = order.page.querySelectorAll('.question')
  expect(questions.length).toBeGreaterThanOrEqual(4) // hospital stays, serious illness, check-ups, pregnancy...
  expect(order.instance.data.personId).toBe(saved.id)
  expect(ui.text(ui.find(order.page, '#person-' + saved.id))).toContain(saved.name_masked)

  // One yes: this cover cannot be bought online, and the page will not pay.
  await ui.tap(order.page, '#question-' + order.instance.data.questions[0].code + ' .answer-yes')
  expect(ui.text(ui.find(order.page, '.declined'))).toContain(t('order.declinedTitle'))
  await ui.agreeToAll(order.page)
  await ui.tap(order.page, '.pay')
  expect(buyer.fake.calls('showModal')).toHaveLength(0)

  // Every answer no: the real server takes the declaration and the agreement.
  for (const q of order.instance.data.questions) await ui.tap(order.page, '#question-' + q.code + ' .answer-no')
  expect(ui.exists(order.page, '.declined')).toBe(false)
  await ui.tap(order.page, '.pay')
  await ui.waitForText(order.page, t('order.doneTitle'), 60000)

  const policy = await buyer.api('GET', '/api/v1/policies/' + order.instance.data.policyNo)
  expect(policy.health_declared).toBe(true)
  expect(policy.documents_accepted.map((d) => d.code)).toEqual(expect.arrayContaining(['clauses', 'exclusions', 'health_declaration']))
})
