// Insurance red envelopes through the pages: a sender wraps and pays, a friend opens
// the shared card, grabs a share and activates it, the sender sees who got what.
const { User, t } = require('../support/e2e')
const { parseUrl } = require('../support/page')
const { ID_1990 } = require('../support/fixtures')
const ui = require('../support/ui')


describe('red envelopes end to end', () => {
  test('send an envelope; a friend grabs and activates a share; the sender sees it', async () => {
    const sender = new User('e2e-sender')
    const senderMe = await sender.open('/pages/me/me')
    await ui.trigger(senderMe.page, '.nickname-form', 'submit', { value: { nickname: 'Mei' } })
    await ui.waitFor(senderMe.page, () => sender.fake.calls('showToast').some((toast) => toast.title === t('me.saved')), 10000)

    const send = await sender.open('/pages/envelope-send/envelope-send')
    await ui.type(send.page, '#total', '10000')
    await ui.trigger(send.page, '#shares', 'change', 2)
    await ui.type(send.page, '#greeting', 'Stay safe, friends!')
    await ui.tap(send.page, '.send')
    await ui.waitForText(send.page, t('envelope-send.sendToFriends'), 60000)
    expect(ui.text(send.page)).toContain(t('envelope-send.summary', { total: '1万元', count: 2 }))

    // The server writes the card's title, naming the sender.
    const card = send.instance.onShareAppMessage()
    expect(card.title).toContain('Mei')
    const { name: landing, query } = parseUrl(card.path)
    expect(landing).toBe('envelope')
    expect(query.id).toBeTruthy()
    expect(query.share_token).toBeTruthy()

    // A friend taps the card in a chat: the app opens on the envelope with the card's query.
    const friend = new User('e2e-friend')
    await friend.launch('pages/envelope/envelope', query)
    const opened = await friend.open(card.path)
    expect(ui.text(opened.page)).toContain(t('envelope.from', { nickname: 'Mei' }))
    expect(ui.text(opened.page)).toContain('Stay safe, friends!')
    expect(ui.text(opened.page)).toContain(t('envelope.progress', { grabbed: 0, total: 2 }))

    await ui.tap(opened.page, '.grab')
    await ui.waitForText(opened.page, t('envelope.youGrabbed'), 10000)
    // Cover reads "1800元", or "1.2万元" from 10,000 yuan.
    const coverage = ui.text(ui.find(opened.page, '.my-coverage'))
    const match = /^(\d+)元|^(\d+(?:\.\d+)?)万元/.exec(coverage)
    expect(match).toBeTruthy()
    expect(match[1] ? Number(match[1]) : Number(match[2]) * 10000).toBeGreaterThanOrEqual(1000)
    expect(coverage).toContain(t('envelope.accidentCover'))
    const amount = coverage.split(' ')[0]

    await ui.type(opened.page, '#name', 'Zhao Lei')
    await ui.type(opened.page, '#id-number', ID_1990)
    // The gift cover's documents, from the real catalog, agreed by the friend's own tick.
    await ui.waitFor(opened.page, () => opened.instance.data.documents.length, 10000)
    await ui.agreeToAll(opened.page)
    await ui.tap(opened.page, '.activate')
    await ui.waitForText(opened.page, t('envelope.activeTitle'), 20000)
    const policyNo = opened.instance.data.mine.policyNo
    expect(policyNo).toBeTruthy()

    const friendPolicies = await friend.open('/pages/policies/policies')
    const gift = ui.text(ui.find(friendPolicies.page, '#policy-' + policyNo))
    expect(gift).toContain(t('labels.policySource.envelope'))
    expect(gift).toContain(amount)

    // The sender sees who got what.
    const senderView = await sender.open('/pages/envelope/envelope?id=' + query.id)
    expect(ui.text(senderView.page)).toContain(t('envelope.progress', { grabbed: 1, total: 2 }))
    const rows = senderView.page.querySelectorAll('.grab-row').map(ui.text)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain(amount)

    // The friend came through the sender's card, so counts as the sender's referral.
    const senderMeAgain = await sender.open('/pages/me/me')
    await ui.waitFor(senderMeAgain.page, () => senderMeAgain.page.querySelectorAll('.referral').length, 10000)
    expect(ui.text(ui.find(senderMeAgain.page, '.referral'))).toContain(t('me.via.envelope'))
  })
})
