// A cooling-off cancellation through the policy page, against the real backend: the button, its
// confirmation, and what the page offers when the server refuses it.
const { User, t } = require('../support/e2e')
const { ID_1990 } = require('../support/fixtures')
const ui = require('../support/ui')

test('a claim filed while the policy page was open: the refused cancellation is explained and its button goes', async () => {
  const holder = new User('e2e-cooling-off-claim')
  const bought = await holder.buyPolicy('accident-basic', { name: 'Qian Li', id_number: ID_1990 })

  const policy = await holder.open('/pages/policy/policy?no=' + bought.policy_no)
  await ui.waitFor(policy.page, () => ui.exists(policy.page, '.cancel'), 30000)
  expect(ui.text(ui.find(policy.page, '.cooling-off'))).toContain(t('policy.coolingOffHint'))

  // Meanwhile (from the claims tab, or another phone) a claim is filed on it: the refund is barred now.
  const occurred = new Date(Math.floor(Date.parse(bought.starts_at) / 60000) * 60000).toISOString().replace('Z', '+00:00')
  await holder.api('POST', '/api/v1/claims', {
    policy_no: bought.policy_no, kind: 'accident', claimed_fen: 120000, occurred_at: occurred, description: '下楼梯扭伤了脚踝',
  })

  // The user taps "申请退保" on the page as it was, and confirms.
  await ui.tap(policy.page, '.cancel')
  await ui.waitFor(policy.page, () => holder.fake.calls('showModal').length >= 2 || holder.fake.calls('showToast').length, 30000)
  const dialogs = holder.fake.calls('showModal')
  expect(dialogs[0].title).toBe(t('policy.cancelTitle'))
  // The server's reason is shown (long: in a dialog).
  expect(dialogs[1].content).toMatch(/理赔|claim/)

  // The page no longer offers a cancellation that cannot work, nor its cooling-off hint; still covered.
  await ui.waitFor(policy.page, () => !policy.instance.data.busy && !ui.exists(policy.page, '.cancel'), 30000)
  expect(ui.exists(policy.page, '.cooling-off')).toBe(false)
  expect(ui.text(ui.find(policy.page, '.status-tag'))).toBe(t('labels.policyStatus.active'))
  expect(ui.exists(policy.page, '.claim')).toBe(true)
})

test('cancelled in the cooling-off period: "退保中" says the refund is on its way, and the page moves on to "已退保"', async () => {
  const holder = new User('e2e-cooling-off-refund')
  const bought = await holder.buyPolicy('accident-basic', { name: 'Qian Li', id_number: ID_1990 })

  const policy = await holder.open('/pages/policy/policy?no=' + bought.policy_no)
  await ui.waitFor(policy.page, () => ui.exists(policy.page, '.cancel'), 30000)
  await ui.tap(policy.page, '.cancel')
  expect(holder.fake.calls('showModal')[0]).toMatchObject({ title: t('policy.cancelTitle'), content: t('policy.cancelContent') })

  // Right after: no button to cancel (or claim) again; the status, and what happens to the money.
  await ui.waitFor(policy.page, () => holder.fake.calls('showToast').some((o) => o.title === t('policy.refundOnItsWay')), 30000)
  await ui.waitFor(policy.page, () => !policy.instance.data.loading && !policy.instance.data.busy, 30000)
  expect(ui.exists(policy.page, '.cancel')).toBe(false)
  expect(ui.exists(policy.page, '.claim')).toBe(false)
  const tag = ui.text(ui.find(policy.page, '.status-tag'))
  if (tag === t('labels.policyStatus.cancelling')) {
    expect(ui.text(ui.find(policy.page, '.refund-note'))).toBe(t('policy.cancellingNote', { amount: '¥5.00' }))
  }

  // The refund succeeds (the sandbox's WeChat Pay, a moment later): the page the user is looking at says so.
  await ui.waitFor(policy.page, () => ui.text(ui.find(policy.page, '.status-tag')) === t('labels.policyStatus.cancelled'), 30000)
  expect(ui.text(ui.find(policy.page, '.refunded'))).toBe(t('policy.premiumRefunded') + ' ¥5.00')
  expect(ui.exists(policy.page, '.refund-note')).toBe(false)
})
