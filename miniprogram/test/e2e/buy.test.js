// Log in, buy accident cover, pay through the sandbox, find the policy: every step
// through the pages, against the real backend.
const { User } = require('../support/e2e')
const { ID_1990 } = require('../support/fixtures')
const ui = require('../support/ui')

test('a new user buys accident cover and finds the policy in My policies', async () => {
  const buyer = new User('e2e-buyer')
  await buyer.launch('pages/index/index')

  const home = await buyer.open('/pages/index/index')
  const names = home.page.querySelectorAll('.product-name').map(ui.text)
  expect(names).toContain('Accident cover')
  expect(names).not.toContain('Gift accident cover')
  await ui.tap(home.page, '#product-accident')

  const product = await buyer.open(buyer.lastUrl())
  expect(ui.text(product.page)).toContain('What is not covered')
  await ui.tap(product.page, '.buy')

  const order = await buyer.open(buyer.lastUrl())
  expect(buyer.lastUrl()).toMatch(/^\/pages\/order\/order\?code=accident&plan_id=\d+$/)
  await ui.type(order.page, '#name', 'Wang Fang')
  await ui.type(order.page, '#id-number', ID_1990)
  await ui.tap(order.page, '.pay')
  // Paid in the sandbox; the notification reaches the server from its job worker.
  await ui.waitForText(order.page, 'You are covered', 60000)
  const policyNo = order.instance.data.policyNo
  expect(policyNo).toBeTruthy()
  expect(ui.text(ui.find(order.page, '.policy-number'))).toContain(policyNo)

  // The sandbox login picked this user by name; the token came from the real login.
  const me = await buyer.api('GET', '/api/v1/me')
  expect(me.openid).toBeTruthy()

  const policies = await buyer.open('/pages/policies/policies')
  const card = ui.text(ui.find(policies.page, '#policy-' + policyNo))
  expect(card).toContain('Accident cover')
  expect(card).toContain('In force')
  expect(card).toContain('Bought by you')

  const policy = await buyer.open('/pages/policy/policy?no=' + policyNo)
  const shown = ui.text(policy.page)
  expect(shown).toContain('No. ' + policyNo)
  expect(shown).toContain('Pays up to')
  expect(shown).not.toContain(ID_1990) // the insured is shown masked
  expect(shown).not.toContain('Wang Fang')
})

test('the server refuses someone outside the age band, and the page says why', async () => {
  const buyer = new User('e2e-old-buyer')
  const products = await buyer.open('/pages/product/product?code=accident')
  await ui.tap(products.page, '.buy')
  const order = await buyer.open(buyer.lastUrl())

  // Bypass the page's own check to see the server's answer in the page.
  order.instance.setData({ name: 'Old Zhang', idNumber: '11010519491231002X' })
  order.instance.validate = () => ({ name: 'Old Zhang', id_number: '11010519491231002X' })
  await ui.tap(order.page, '.pay')

  await ui.waitForText(order.page, 'This cover is for people aged 18 to 60', 10000)
  expect(order.instance.data.stage).toBe('form')
})
