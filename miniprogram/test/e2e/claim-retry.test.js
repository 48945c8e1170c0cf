// A claim sent on a bad connection: the server takes it but the answer never reaches the
// phone. The user is told the network failed and taps "submit" again; they must end up
// with one claim, not two claims for the same bill.
const { User, t } = require('../support/e2e')
const { ID_1990 } = require('../support/fixtures')
const ui = require('../support/ui')

function beijing(ms) {
  const d = new Date(ms + 8 * 3600 * 1000)
  const pad = (n) => String(n).padStart(2, '0')
  return { date: d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()), time: pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) }
}

describe('a claim sent again after a lost answer', () => {
  test('tapping submit again after a network failure files one claim, not two', async () => {
    const claimant = new User('e2e-claim-retry')
    const policy = await claimant.buyPolicy('accident-basic', { name: 'Qian Li', id_number: ID_1990 })
    const occurred = beijing(Math.floor(Date.parse(policy.starts_at) / 60000) * 60000)

    // WeChat's request reaches the server, but the phone loses the answer (a lift, a tunnel).
    const request = claimant.fake.wx.request
    let lost = 0
    claimant.fake.wx.request = (opts) => {
      if (!lost && opts.method === 'POST' && /\/api\/v1\/claims$/.test(opts.url)) {
        lost += 1
        return request(Object.assign({}, opts, { success: () => opts.fail({ errMsg: 'request:fail timeout' }) }))
      }
      return request(opts)
    }

    const form = await claimant.open('/pages/claim-new/claim-new?policy_no=' + policy.policy_no)
    await ui.tap(form.page, '#kind-accident')
    await ui.trigger(form.page, '#date-picker', 'change', { value: occurred.date })
    await ui.trigger(form.page, '#time-picker', 'change', { value: occurred.time })
    await ui.type(form.page, '#amount', '320')
    await ui.type(form.page, '#description', 'Twisted my ankle on the stairs.')
    await ui.tap(form.page, '.submit')
    await ui.waitFor(form.page, () => claimant.fake.calls('showToast').some((toast) => toast.title === t('api.network')), 20000)
    expect(lost).toBe(1)
    expect(claimant.fake.calls('redirectTo')).toHaveLength(0)

    // The user tries again with the same form.
    await ui.waitFor(form.page, () => !form.instance.data.busy, 5000)
    await ui.tap(form.page, '.submit')
    await ui.waitFor(form.page, () => claimant.fake.calls('redirectTo').length, 20000)

    const claims = await claimant.api('GET', '/api/v1/claims')
    expect(claims.map((c) => c.claimed_fen)).toEqual([32000])
    expect(claimant.lastUrl('redirectTo')).toContain(claims[0].claim_no)
  })
})
