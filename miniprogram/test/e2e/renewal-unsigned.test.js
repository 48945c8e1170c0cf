// Auto-renewal left unsigned, then "只买一个月" chosen but the pay sheet dismissed: what the order page offers
// next must be what the order can still do (against the real backend and its WeChat sandbox).
const path = require('path')
const { User, t } = require('../support/e2e')
const { ROOT } = require('../support/page')
const { ID_1990 } = require('../support/fixtures')
const ui = require('../support/ui')

function contractModule() {
  return require(path.join(ROOT, 'utils', 'contract'))
}

test('after "只买一个月" and a dismissed pay sheet, the page offers paying that month, not signing again', async () => {
  const buyer = new User('e2e-one-month')
  const order = await buyer.startOrder('accident', { name: 'Wang Fang', idNumber: ID_1990 })
  await ui.tap(order.page, '.renew-toggle')
  await ui.agreeToAll(order.page)
  await ui.tap(order.page, '.pay')
  await ui.waitFor(order.page, () => buyer.fake.calls('navigateToMiniProgram').length === 1 && contractModule().waiting(), 30000)

  // Back with the back arrow: not signed.
  const first = buyer.fake.calls('navigateToMiniProgram')[0]
  contractModule().returned({ path: 'pages/order/order', scene: 1038, referrerInfo: { appId: first.appId } })
  await ui.waitFor(order.page, () => order.instance.data.stage === 'unsigned' && !order.instance.data.busy, 30000)

  // "只买一个月": the pay sheet shows, and the user dismisses it.
  buyer.fake.answer('showModal', () => ({ confirm: false, cancel: true }))
  await ui.tap(order.page, '.pay-one-month')
  await ui.waitFor(order.page, () => buyer.fake.calls('showModal').length === 1 && !order.instance.data.busy, 30000)
  expect(buyer.fake.calls('showModal')[0].title).toBe(t('pay.sandboxTitle'))

  // The order is now a one-month order: signing it again cannot work (409 not_auto_renew), so it is not offered.
  expect(ui.exists(order.page, '.sign-again')).toBe(false)
  expect(ui.text(order.page)).not.toContain(order.instance.data.renew.line || '(no renew line)')
  // Paying that month is, at the price shown.
  const shownToPay = ui.text(ui.find(order.page, '.to-pay'))
  expect(shownToPay).toMatch(/^¥\d+\.\d\d$/)
  buyer.fake.answer('showModal', () => ({ confirm: true, cancel: false }))
  await ui.tap(order.page, '.pay')
  await ui.waitForText(order.page, t('order.doneTitle'), 60000)
  expect(buyer.fake.calls('showModal')[1].content).toBe(t('pay.sandboxContent', { amount: shownToPay }))
  expect(ui.exists(order.page, '.renew-done')).toBe(false)
  const policy = await buyer.api('GET', '/api/v1/policies/' + order.instance.data.policyNo)
  expect(policy.renewal).toBeNull()
})
