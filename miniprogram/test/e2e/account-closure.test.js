// Closing an account (注销账号) from 我的, against the real backend: refused, in the page, while a policy
// still covers the user; closed for good once nothing is unfinished, its login dead on the server and the
// next login of the same WeChat user a new, empty account.
const { User, raw, t } = require('../support/e2e')
const { ID_1990 } = require('../support/fixtures')
const ui = require('../support/ui')

const CLOSURE = '/api/v1/me/closure'

/** Whether the 注销账号 button is greyed out and deaf to taps (Vant's disabled button). */
function buttonDisabled(page) {
  return !!ui.find(page, '.close').querySelector('.van-button--disabled')
}

/** The requests the pages made to `path` with `method`, as WeChat was asked to send them. */
function requestsTo(user, method, path) {
  return user.fake.calls('request').filter((o) => (o.method || 'GET').toUpperCase() === method && new URL(o.url).pathname === path)
}

/** 我的 → 注销账号, as the user gets there; the closure page, loaded. */
async function openClosureFromMe(user) {
  const me = await user.open('/pages/me/me')
  await ui.waitFor(me.page, () => ui.exists(me.page, '.close-account'), 30000)
  expect(ui.text(ui.find(me.page, '.close-account'))).toBe(t('me.closeAccount'))
  await ui.tap(me.page, '.close-account')
  expect(user.lastUrl()).toBe('/pages/account-closure/account-closure')
  const closure = await user.open(user.lastUrl())
  await ui.waitFor(closure.page, () => ui.exists(closure.page, '.close'), 30000)
  expect(user.fake.calls('setNavigationBarTitle').map((o) => o.title)).toContain(t('titles.account-closure'))
  // What closing means, in the user's words, before anything else.
  const consequences = ui.text(ui.find(closure.page, '.consequences'))
  expect(consequences).toContain(t('account-closure.intro'))
  expect(consequences).toContain(t('account-closure.newAccount'))
  expect(ui.text(ui.find(closure.page, '.close'))).toBe(t('account-closure.close'))
  return closure
}

test('a policy still covering the user: the page names it, and the account cannot be closed', async () => {
  const holder = new User('e2e-closure-holder')
  const bought = await holder.buyPolicy('accident-basic', { name: 'Sun Yue', id_number: ID_1990 })
  const token = holder.fake.storage.get('rc_token')
  const profile = await holder.api('GET', '/api/v1/me')

  const closure = await openClosureFromMe(holder)

  // What must finish first: the policy just bought, by its number, in Chinese; a tap on it opens that policy.
  expect(ui.text(ui.find(closure.page, '.blockers-title'))).toBe(t('account-closure.blockersTitle'))
  const rows = closure.page.querySelectorAll('.blocker').map(ui.text)
  const index = rows.findIndex((row) => row.includes(bought.policy_no))
  expect(index).toBeGreaterThanOrEqual(0)
  const message = closure.page.querySelectorAll('.blocker-message').map(ui.text)[index]
  expect(message).toContain(bought.policy_no)
  expect(message).toMatch(/保障/)
  expect(rows[index]).toBe(message + ' ' + t('account-closure.view'))

  // No tick to make, the button off: a tap asks nothing and sends nothing.
  expect(ui.exists(closure.page, '.acknowledge')).toBe(false)
  expect(buttonDisabled(closure.page)).toBe(true)
  await ui.tap(closure.page, '.close')
  await ui.tick(300)
  expect(holder.fake.calls('showModal')).toHaveLength(0)
  expect(requestsTo(holder, 'POST', CLOSURE)).toHaveLength(0)
  expect(holder.fake.calls('reLaunch')).toHaveLength(0)

  await ui.tap(closure.page, '#blocker-' + index)
  expect(holder.lastUrl()).toBe('/pages/policy/policy?no=' + bought.policy_no)
  const policy = await holder.open(holder.lastUrl())
  await ui.waitFor(policy.page, () => ui.exists(policy.page, '.status-tag'), 30000)
  expect(ui.text(policy.page)).toContain(t('common.policyNoShort', { no: bought.policy_no }))

  // Still the same account, still logged in; the server would refuse a close for the same reason.
  expect(holder.fake.storage.get('rc_token')).toBe(token)
  expect((await holder.api('GET', '/api/v1/me')).id).toBe(profile.id)
  const refused = await raw('POST', CLOSURE, { confirm: true }, { Authorization: 'Bearer ' + token })
  expect(refused.statusCode).toBe(409)
  expect(refused.data.error.code).toBe('account_not_closable')
  expect(refused.data.error.details.blockers).toEqual(
    expect.arrayContaining([expect.objectContaining({ code: 'policy_in_force', reference: bought.policy_no })]),
  )
})

test('nothing bought: ticked, tapped and confirmed, the account is closed, its login dead, and the next login is a new account', async () => {
  const leaver = new User('e2e-closure-leaver')
  // Opened the app (it logs in as this sandbox user, and records the language), as anyone would first.
  await leaver.launch('pages/index/index')
  await ui.tick(500)
  const oldToken = leaver.fake.storage.get('rc_token')
  expect(oldToken).toBeTruthy()
  const before = await leaver.api('GET', '/api/v1/me')

  const closure = await openClosureFromMe(leaver)
  expect(ui.exists(closure.page, '.blockers')).toBe(false)
  expect(buttonDisabled(closure.page)).toBe(true) // not before the user's own tick

  await ui.tap(closure.page, '.acknowledge')
  expect(ui.text(ui.find(closure.page, '.acknowledge'))).toBe(t('account-closure.acknowledge'))
  expect(ui.exists(closure.page, '.acknowledge .checkbox--on')).toBe(true)
  expect(buttonDisabled(closure.page)).toBe(false)
  await ui.tap(closure.page, '.close') // the fake WeChat confirms the dialog

  // Closed (the app starts again), or refused (the server's words, in a toast or a second dialog).
  await ui.waitFor(closure.page, () => leaver.fake.calls('reLaunch').length || leaver.fake.calls('showToast').length ||
    leaver.fake.calls('showModal').length > 1, 30000)
  await ui.settle()
  expect(leaver.fake.calls('showModal')).toEqual([expect.objectContaining({
    title: t('account-closure.confirmTitle'),
    content: t('account-closure.confirmContent'),
    confirmText: t('account-closure.confirm'),
    cancelText: t('common.keep'),
  })])
  // Closed: said so, and the app starts again from the home page.
  expect(leaver.fake.calls('showToast').map((o) => [o.title, o.icon])).toEqual([[t('account-closure.closed'), 'success']])
  expect(leaver.fake.calls('reLaunch').map((o) => o.url)).toEqual(['/pages/index/index'])
  expect(leaver.fake.calls('showModal')).toHaveLength(1) // no error dialog
  // Sent once, with the user's confirmation, as the user it was.
  const posts = requestsTo(leaver, 'POST', CLOSURE)
  expect(posts.map((o) => [o.data, o.header.Authorization])).toEqual([[{ confirm: true }, 'Bearer ' + oldToken]])

  // The phone forgot the login (and did not log in again on its own); the server refuses the old token.
  await ui.settle()
  expect(leaver.fake.storage.has('rc_token')).toBe(false)
  expect(leaver.fake.storage.has('rc_language_reported')).toBe(false)
  const dead = await raw('GET', '/api/v1/me', undefined, { Authorization: 'Bearer ' + oldToken })
  expect(dead.statusCode).toBe(401)
  expect((await raw('GET', CLOSURE, undefined, { Authorization: 'Bearer ' + oldToken })).statusCode).toBe(401)
  const loginsBefore = requestsTo(leaver, 'POST', '/api/v1/auth/login').length

  // Back on 我的: the same WeChat user logs in again, and is a new, empty account.
  const me = await leaver.open('/pages/me/me')
  await ui.waitFor(me.page, () => ui.exists(me.page, '.close-account'), 30000)
  const logins = requestsTo(leaver, 'POST', '/api/v1/auth/login').slice(loginsBefore)
  expect(logins.map((o) => o.data.code)).toEqual(['sandbox:e2e-closure-leaver'])
  const newToken = leaver.fake.storage.get('rc_token')
  expect(newToken).toBeTruthy()
  expect(newToken).not.toBe(oldToken)
  const after = await leaver.api('GET', '/api/v1/me')
  expect(after.openid).toBe(before.openid)
  expect(after.id).not.toBe(before.id)
  expect(await leaver.api('GET', CLOSURE)).toEqual({ closable: true, blockers: [] })
})
