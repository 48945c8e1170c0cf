// Monthly auto-renewal against the real backend and its WeChat sandbox: the order page opens WeChat's
// signing page; the user first comes back without signing, then signs (the sandbox's papay/confirm,
// which pays the first month); the policy page shows the renewal and turns it off.
const path = require('path')
const { User, raw, t } = require('../support/e2e')
const { ROOT } = require('../support/page')
const { ID_1990 } = require('../support/fixtures')
const ui = require('../support/ui')

/** The order page is on WeChat's signing page (navigateToMiniProgram succeeded), waiting for the user. */
function onSigningPage() {
  return require(path.join(ROOT, 'utils', 'contract')).waiting()
}

/** WeChat brings the user back to App.onShow with the signing app's referrerInfo (the page's registry). */
function backFromSigning(appId, extraData) {
  const info = extraData ? { appId, extraData } : { appId }
  return require(path.join(ROOT, 'utils', 'contract')).returned({ path: 'pages/order/order', scene: 1038, referrerInfo: info })
}

test('a monthly plan signs auto-renewal on WeChat\'s page, shows it on the policy, and stops it', async () => {
  const buyer = new User('e2e-renewer')
  const order = await buyer.startOrder('accident', { name: 'Wang Fang', idNumber: ID_1990 })

  // Offered unticked, saying what it would charge and when; the user turns it on.
  expect(ui.exists(order.page, '.renew .checkbox--on')).toBe(false)
  await ui.tap(order.page, '.renew-toggle')
  expect(ui.exists(order.page, '.renew .checkbox--on')).toBe(true)
  expect(ui.text(ui.find(order.page, '.renew-line'))).toMatch(/^首月¥\d+\.\d\d，之后每月(\d+日|最后一天)自动扣费¥\d+\.\d\d，可随时关闭。$/)
  expect(ui.text(ui.find(order.page, '.pay'))).toBe(t('order.signAndPay'))
  await ui.agreeToAll(order.page)
  await ui.tap(order.page, '.pay')
  await ui.waitFor(order.page, () => buyer.fake.calls('navigateToMiniProgram').length === 1 && onSigningPage(), 30000)
  const first = buyer.fake.calls('navigateToMiniProgram')[0]
  expect(first.extraData.pre_entrustweb_id).toBeTruthy()
  expect(buyer.fake.calls('showModal')).toHaveLength(0) // no pay sheet: signing pays

  // Back with the back arrow: nothing signed, nothing paid.
  expect(backFromSigning(first.appId, null)).toBe(true)
  await ui.waitFor(order.page, () => order.instance.data.stage === 'unsigned' && !order.instance.data.busy, 30000)
  expect(ui.text(order.page)).toContain(t('order.unsignedTitle'))

  // Sign again: a fresh pre-sign; the user signs in WeChat (the sandbox), which pays the first month.
  await ui.tap(order.page, '.sign-again')
  await ui.waitFor(order.page, () => buyer.fake.calls('navigateToMiniProgram').length === 2 && onSigningPage(), 30000)
  const second = buyer.fake.calls('navigateToMiniProgram')[1]
  expect(second.extraData.pre_entrustweb_id).not.toBe(first.extraData.pre_entrustweb_id)
  const signed = await raw('POST', '/sandbox/wechat/papay/confirm', { pre_entrustweb_id: second.extraData.pre_entrustweb_id })
  expect(signed.statusCode).toBe(200)
  expect(backFromSigning(second.appId, { contract_id: signed.data.contract_id })).toBe(true)
  await ui.waitForText(order.page, t('order.doneTitle'), 60000)
  expect(ui.text(ui.find(order.page, '.renew-done'))).toBe(t('order.renewDone'))
  const policyNo = order.instance.data.policyNo

  // The policy page: renewal on, the next charge, the first month paid.
  const policy = await buyer.open('/pages/policy/policy?no=' + policyNo)
  await ui.waitFor(policy.page, () => ui.exists(policy.page, '.renewal'), 30000)
  const box = ui.text(ui.find(policy.page, '.renewal'))
  expect(box).toContain(t('policy.renewalStatus') + ' ' + t('labels.renewalStatus.active'))
  expect(box).toMatch(new RegExp(t('policy.nextCharge') + ' \\d{4}年\\d{1,2}月\\d{1,2}日'))
  expect(ui.text(ui.find(policy.page, '#period-1'))).toContain(t('labels.periodStatus.paid'))

  // Turned off through WeChat (the backend ends the contract): the new status, no next charge.
  await ui.tap(policy.page, '.stop-renewal')
  await ui.waitFor(policy.page, () => ui.exists(policy.page, '.renewal-note'), 30000)
  expect(ui.text(ui.find(policy.page, '.renewal'))).toContain(t('labels.renewalStatus.cancelled'))
  expect(ui.exists(policy.page, '.stop-renewal')).toBe(false)
  expect(buyer.fake.calls('showToast').map((o) => o.title)).toContain(t('policy.renewalStopped'))
})
