// A claim through the pages: file it with a photo, then follow the seven-step timeline
// as the insurer moves it (a signed partner webhook, as the insurer would send).
const fs = require('fs')
const os = require('os')
const path = require('path')
const { User, raw, t } = require('../support/e2e')
const { partnerHeaders } = require('../support/backend')
const { ID_1990 } = require('../support/fixtures')
const ui = require('../support/ui')


// A 1x1 PNG: a stand-in for the photo of a hospital bill.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')

function beijing(ms) {
  const d = new Date(ms + 8 * 3600 * 1000)
  const pad = (n) => String(n).padStart(2, '0')
  return { date: d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()), time: pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) }
}

describe('claims end to end', () => {
  test('file a claim with a photo and follow its timeline', async () => {
    const claimant = new User('e2e-claimant')
    const policy = await claimant.buyPolicy('accident-basic', { name: 'Sun Wei', id_number: ID_1990 })
    const { openid } = await claimant.api('GET', '/api/v1/me')
    // Asked on sending the claim: yes, tell me how my claim moves on.
    claimant.fake.answer('requestSubscribeMessage', (opts) => {
      const answer = { errMsg: 'requestSubscribeMessage:ok' }
      opts.tmplIds.forEach((id) => {
        answer[id] = 'accept'
      })
      return answer
    })

    // The form picks times to the minute: the minute the cover began in stands for any moment of it.
    const occurred = Math.floor(Date.parse(policy.starts_at) / 60000) * 60000
    const when = beijing(occurred)

    const photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redcover-claim-'))
    const photo = path.join(photoDir, 'bill.png')
    fs.writeFileSync(photo, PNG)

    const form = await claimant.open('/pages/claim-new/claim-new?policy_no=' + policy.policy_no)
    await ui.tap(form.page, '#kind-accident')
    await ui.trigger(form.page, '#date-picker', 'change', { value: when.date })
    await ui.trigger(form.page, '#time-picker', 'change', { value: when.time })
    await ui.type(form.page, '#amount', '860.50')
    await ui.type(form.page, '#description', 'Fell off my bike on the way to work; stitches in A&E.')
    await ui.trigger(form.page, '#uploader', 'after-read', { file: [{ url: photo }] })
    await ui.tap(form.page, '.submit')
    await ui.waitFor(form.page, () => claimant.fake.calls('redirectTo').length, 20000)
    fs.rmSync(photoDir, { recursive: true, force: true })
    expect(claimant.fake.calls('showModal')).toHaveLength(0) // every document uploaded
    const allowed = claimant.fake.calls('requestSubscribeMessage')[0].tmplIds
    expect(allowed.length).toBeGreaterThan(0)
    // WeChat itself counts the "allow" (here the sandbox plays the WeChat client): without it
    // WeChat would refuse the message (43101) whatever our server was told.
    const counted = await raw('POST', '/sandbox/wechat/subscribe/accept', { openid, template_ids: allowed })
    expect(counted.statusCode).toBe(200)

    const claimUrl = claimant.lastUrl('redirectTo')
    const claimNo = /no=([^&]+)/.exec(claimUrl)[1]
    let claim = await claimant.open(claimUrl)
    const step = (name) => ui.text(ui.find(claim.page, '#step-' + name))
    const label = (group, code) => t('labels.' + group + '.' + code)
    // "<step> <done or in progress>", in the page's own words.
    const reached = (name) => new RegExp(label('claimStep', name) + ' (' + label('stepStatus', 'done') + '|' + label('stepStatus', 'current') + ')')
    expect(claim.page.querySelectorAll('.step')).toHaveLength(7)
    expect(step('submitted')).toMatch(reached('submitted'))
    expect(step('paid')).toContain(label('claimStep', 'paid'))
    expect(ui.text(claim.page)).toContain(t('claim.claimed', { amount: '¥860.50' }))
    expect(ui.text(ui.find(claim.page, '.documents'))).toContain('bill.png')

    // The insurer accepts it.
    const body = JSON.stringify({ event_id: 'e2e-' + claimNo + '-accepted', claim_no: claimNo, state: 'accepted', note: 'Handled by Ms Chen' })
    const moved = await raw('POST', '/webhooks/insurer/claims', body, partnerHeaders(body))
    expect(moved.statusCode).toBe(200)

    claim = await claimant.open(claimUrl)
    expect(step('submitted')).toContain(label('stepStatus', 'done'))
    expect(step('accepted')).toMatch(reached('accepted'))
    expect(ui.text(claim.page)).toContain('Handled by Ms Chen')

    // The opt-in given when the claim was sent pays for one message: WeChat (the sandbox) got it.
    const deadline = Date.now() + 20000
    let messages = []
    while (!messages.length && Date.now() < deadline) {
      messages = (await raw('GET', '/sandbox/wechat/messages?openid=' + encodeURIComponent(openid))).data.messages
      if (!messages.length) await ui.tick(250)
    }
    expect(messages).toHaveLength(1)
    expect(JSON.stringify(messages[0].data)).toContain(claimNo)

    const list = await claimant.open('/pages/claims/claims')
    expect(ui.text(ui.find(list.page, '#claim-' + claimNo))).toContain(label('claimKind', 'accident'))
  })
})
