// The order page while payment is pending, against the real backend: the user backs out of the pay
// sheet, and comes back to an order that has closed meanwhile (its 30 minutes passed).
const { User, t } = require('../support/e2e')
const { ID_1990 } = require('../support/fixtures')
const ui = require('../support/ui')

test('"立即支付" on an order that closed meanwhile asks for no money and says to start again', async () => {
  const buyer = new User('e2e-late-payer')
  const order = await buyer.startOrder('accident', { name: 'Wang Fang', idNumber: ID_1990 })
  await ui.agreeToAll(order.page)

  // The pay sheet shows; the user backs out: the order waits unpaid.
  buyer.fake.answer('showModal', () => ({ confirm: false, cancel: true }))
  await ui.tap(order.page, '.pay')
  await ui.waitFor(order.page, () => order.instance.data.stage === 'unpaid' && !order.instance.data.busy, 30000)
  expect(buyer.fake.calls('showModal').map((o) => o.title)).toEqual([t('pay.sandboxTitle')])
  const orderNo = order.instance.order.order_no

  // The order closes unpaid meanwhile (its payment window passed; here: closed at once through the API).
  const closed = await buyer.api('POST', '/api/v1/orders/' + orderNo + '/cancel')
  expect(closed.status).toBe('closed')

  // Back on the page, the user taps "立即支付": nothing is charged, and the page says the order closed.
  buyer.fake.answer('showModal', () => ({ confirm: true, cancel: false }))
  await ui.tap(order.page, '.pay')
  await ui.waitFor(order.page, () => !order.instance.data.busy && order.instance.data.stage !== 'unpaid', 30000)
  await ui.waitFor(order.page, () => order.instance.data.stage === 'closed', 30000)
  expect(buyer.fake.calls('showModal').map((o) => o.title)).toEqual([t('pay.sandboxTitle')]) // no second pay sheet
  expect(ui.text(order.page)).toContain(t('order.closedTitle'))
  expect(ui.exists(order.page, '.start-again')).toBe(true)
  const now = await buyer.api('GET', '/api/v1/orders/' + orderNo)
  expect(now.status).toBe('closed') // never paid (a late payment would be refunded: money out and back)
})
