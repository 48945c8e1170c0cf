const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody, held } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { ID_1990, ACCIDENT, GIFT, PERSONS } = require('../support/fixtures')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

const GRABS = [
  { nickname: 'Xiao Li', coverage_fen: 300000, grabbed_at: '2024-05-01T02:00:00+00:00' },
  { nickname: 'Lao Wang', coverage_fen: 450000, grabbed_at: '2024-05-01T02:05:00+00:00' },
  { nickname: null, coverage_fen: 250000, grabbed_at: '2024-05-01T02:06:00+00:00' },
]

function envelope(overrides) {
  return Object.assign({
    envelope_id: 'env_abc', status: 'active', mode: 'random', greeting: 'Stay safe!',
    sender: { nickname: 'Mei', avatar_url: null }, total_coverage_fen: 1500000,
    shares: 5, shares_left: 2, grabs: GRABS, luckiest: null,
    expires_at: '2024-05-02T02:00:00+00:00', my_grab: null,
    share_card: { title: 'Mei sent you accident cover', greeting: 'Stay safe!', path: '/pages/envelope/envelope?id=env_abc' },
  }, overrides)
}

// Who grabbed what, when, and the deadlines, as each language writes them (Beijing time).
const SHOWN = {
  'zh-CN': {
    rows: [
      'Xiao Li 2024年5月1日 10:00 3000元',
      'Lao Wang 2024年5月1日 10:05 4500元',
      '一位微信好友 2024年5月1日 10:06 2500元',
    ],
    mine: '1800元 意外保障',
    activateBy: '请在2024年5月8日 11:00前激活',
    openUntil: '2024年5月2日 10:00前可领取。',
  },
  en: {
    rows: [
      'Xiao Li 1 May 2024, 10:00 3,000 yuan',
      'Lao Wang 1 May 2024, 10:05 4,500 yuan',
      'A WeChat friend 1 May 2024, 10:06 2,500 yuan',
    ],
    mine: '1,800 yuan of accident cover',
    activateBy: 'Activate by 8 May 2024, 11:00',
    openUntil: 'Open until 2 May 2024, 10:00.',
  },
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

  function setup(routes) {
    const server = fakeApi(Object.assign({ 'GET /api/v1/products': [ACCIDENT, GIFT] }, routes))
    const fake = createWx({ request: server.request, language })
    return { server, fake }
  }

  test('shows the sender, the greeting and who grabbed what', async () => {
    const { fake } = setup({ 'GET /api/v1/envelopes/env_abc': envelope() })
    const { page } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc' } })

    expect(page.querySelectorAll('.grab-row').map(ui.text)).toEqual(shown.rows)
    expect(ui.text(page)).toContain(t('envelope.from', { nickname: 'Mei' }))
    expect(ui.text(page)).toContain('Stay safe!')
    expect(ui.text(page)).toContain(t('labels.envelopeStatus.active') + ' · ' + t('envelope.progress', { grabbed: 3, total: 5 }))
    expect(ui.text(page)).toContain(t('envelope.whoGrabbed'))
    expect(ui.text(ui.find(page, '.open-until'))).toContain(shown.openUntil)
    expect(ui.text(ui.find(page, '.grab'))).toBe(t('envelope.open'))
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual([t('titles.envelope')])
  })

  test('once every share is grabbed, the luckiest the server names is marked', async () => {
    const { fake } = setup({
      'GET /api/v1/envelopes/env_abc': envelope({ status: 'exhausted', shares: 3, shares_left: 0, luckiest: GRABS[1] }),
    })
    const { page } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc' } })

    const rows = page.querySelectorAll('.grab-row').map(ui.text)
    expect(rows[1]).toContain(t('envelope.luckiest'))
    expect(rows[0]).not.toContain(t('envelope.luckiest'))
    expect(rows[2]).not.toContain(t('envelope.luckiest'))
    expect(ui.text(page)).toContain(t('envelope.closedEmpty'))
    expect(ui.exists(page, '.open-until')).toBe(false) // nothing left: no invitation to forward it
    expect(ui.exists(page, '.grab')).toBe(false)
  })

  test('an expired or unpaid envelope says so', async () => {
    const expired = setup({ 'GET /api/v1/envelopes/env_abc': envelope({ status: 'expired', grabs: [] }) })
    let { page } = await loadPage('envelope', { wx: expired.fake.wx, query: { id: 'env_abc' } })
    expect(ui.text(page)).toContain(t('envelope.closedExpired'))
    expect(ui.text(page)).toContain(t('envelope.nobodyYet'))

    const unpaid = setup({ 'GET /api/v1/envelopes/env_abc': envelope({ status: 'pending_payment', grabs: [] }) });
    ({ page } = await loadPage('envelope', { wx: unpaid.fake.wx, query: { id: 'env_abc' } }))
    expect(ui.text(page)).toContain(t('envelope.closedUnpaid'))
  })

  test('grab a share, then activate it with the insured details to get a policy', async () => {
    let mine = null
    let grabs = GRABS
    const { server, fake } = setup({
      'GET /api/v1/envelopes/env_abc': () => envelope({ grabs, shares_left: 5 - grabs.length, my_grab: mine }),
      'POST /api/v1/envelopes/env_abc/grab': () => {
        grabs = grabs.concat([{ nickname: 'Me', coverage_fen: 180000, grabbed_at: '2024-05-01T03:00:00+00:00' }])
        mine = { grab_id: 'g_77', coverage_fen: 180000, status: 'grabbed', activate_by: '2024-05-08T03:00:00+00:00' }
        return { grab_id: 'g_77', coverage_fen: 180000 }
      },
      'POST /api/v1/envelope-grabs/g_77/activate': () => {
        mine = Object.assign({}, mine, { status: 'activated' })
        return { policy_no: 'RCG0001' }
      },
    })
    const { page } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc', share_token: 'st_env' } })

    await ui.tap(page, '.grab')
    await ui.waitForText(page, t('envelope.youGrabbed'))
    expect(ui.text(ui.find(page, '.my-share'))).toBe(t('envelope.youGrabbed') + ' ' + shown.mine)
    expect(ui.text(ui.find(page, '.activate-by'))).toContain(shown.activateBy)
    expect(ui.text(page)).toContain(t('envelope.activateTitle'))
    expect(ui.exists(page, '.grab')).toBe(false)
    expect(page.querySelectorAll('.grab-row')).toHaveLength(4)

    await ui.type(page, '#name', 'Zhao Lei')
    await ui.type(page, '#id-number', ID_1990)
    // The gift cover's documents, agreed by the friend's own tick.
    expect(ui.text(ui.find(page, '.agreement'))).toContain(t('common.documentLink', { title: 'Policy terms' }))
    await ui.agreeToAll(page)
    await ui.tap(page, '.activate')
    await ui.waitForText(page, t('envelope.activeTitle'))

    expect(server.callsTo('POST', '/api/v1/envelope-grabs/g_77/activate')[0].data).toEqual({
      insured: { name: 'Zhao Lei', id_number: ID_1990 },
      accepted_documents: GIFT.documents.map((d) => ({ code: d.code, version: d.version, accepted_at: expect.any(String) })),
      client: { app_version: expect.any(String), page_version: expect.any(String), platform: 'devtools' },
    })
    expect(fake.calls('showToast').map((o) => o.title)).toEqual([t('common.activated')])
    expect(ui.text(page)).toContain(t('common.policyNoLine', { no: 'RCG0001' }))
    expect(ui.exists(page, '.activate')).toBe(false)
    // Opened from a share card: our first login credits the sharer.
    expect(server.callsTo('POST', '/api/v1/auth/login')[0].data.share_token).toBe('st_env')
    expect(ui.text(ui.find(page, '.view-policy'))).toBe(t('common.seeMyPolicy'))
    await ui.tap(page, '.view-policy')
    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/policy/policy?no=RCG0001'])
  })

  test('the activation form shows with the documents it asks to agree to, not before them', async () => {
    let mine = null
    const products = held([ACCIDENT, GIFT])
    const { server, fake } = setup({
      'GET /api/v1/products': products.route,
      'GET /api/v1/envelopes/env_abc': () => envelope({ my_grab: mine }),
      'POST /api/v1/envelopes/env_abc/grab': () => {
        mine = { grab_id: 'g_77', coverage_fen: 180000, status: 'grabbed', activate_by: '2024-05-08T03:00:00+00:00' }
        return { grab_id: 'g_77', coverage_fen: 180000 }
      },
    })
    const { page } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc' } })

    await ui.tap(page, '.grab')
    await ui.shownOnlyOnceAnswered(page, products, () => server.callsTo('GET', '/api/v1/products').length, '.activate')
    expect(ui.text(ui.find(page, '.agreement'))).toContain(t('common.documentLink', { title: 'Policy terms' }))
  })

  test('coming back later: a grab not yet activated can still be activated', async () => {
    const { fake } = setup({
      'GET /api/v1/envelopes/env_abc': envelope({ my_grab: { grab_id: 'g_5', coverage_fen: 300000, status: 'grabbed', activate_by: '2024-05-08T02:00:00+00:00' } }),
    })
    const { page } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc' } })

    expect(ui.text(page)).toContain(t('envelope.activateTitle'))
    expect(ui.exists(page, '.grab')).toBe(false)
  })

  test('an activated share links to the policies; a lapsed one says why', async () => {
    const activated = setup({ 'GET /api/v1/envelopes/env_abc': envelope({ my_grab: { grab_id: 'g_8', coverage_fen: 250000, status: 'activated' } }) })
    let { page } = await loadPage('envelope', { wx: activated.fake.wx, query: { id: 'env_abc' } })
    expect(ui.text(page)).toContain(t('envelope.activeTitle'))
    expect(ui.text(ui.find(page, '.view-policy'))).toBe(t('envelope.seeMyPolicies'))
    await ui.tap(page, '.view-policy')
    expect(activated.fake.calls('switchTab').map((o) => o.url)).toEqual(['/pages/policies/policies'])

    const lapsed = setup({ 'GET /api/v1/envelopes/env_abc': envelope({ my_grab: { grab_id: 'g_8', coverage_fen: 250000, status: 'lapsed' } }) });
    ({ page } = await loadPage('envelope', { wx: lapsed.fake.wx, query: { id: 'env_abc' } }))
    expect(ui.text(page)).toContain(t('envelope.lapsedTitle'))
    expect(ui.text(page)).toContain(t('envelope.lapsedNote'))
    expect(ui.exists(page, '.activate')).toBe(false)
  })

  test('the ID number is checked before activating', async () => {
    const { server, fake } = setup({
      'GET /api/v1/envelopes/env_abc': envelope({ my_grab: { grab_id: 'g_5', coverage_fen: 300000, status: 'grabbed' } }),
    })
    const { page } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc' } })

    await ui.type(page, '#name', 'Zhao Lei')
    await ui.type(page, '#id-number', '12345')
    await ui.tap(page, '.activate')

    expect(ui.text(page)).toContain(t('idcard.format'))
    expect(server.callsTo('POST', '/api/v1/envelope-grabs/g_5/activate')).toHaveLength(0)
  })

  test("the server's age check is shown next to the ID number", async () => {
    const { fake } = setup({
      'GET /api/v1/envelopes/env_abc': envelope({ my_grab: { grab_id: 'g_5', coverage_fen: 300000, status: 'grabbed' } }),
      'POST /api/v1/envelope-grabs/g_5/activate': reply(422, errorBody('age_not_covered', 'Some of the information is not valid.', {
        fields: { 'insured.id_number': ['This cover is for people aged 18 to 60; the insured person is 74.'] },
      })),
    })
    const { page } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc' } })

    await ui.type(page, '#name', 'Old Zhang')
    await ui.type(page, '#id-number', '11010519491231002X')
    await ui.agreeToAll(page)
    await ui.tap(page, '.activate')

    await ui.waitForText(page, 'the insured person is 74.')
    expect(ui.text(page)).toContain(t('envelope.activateTitle'))
  })

  test('too late: the server says why and the page shows the envelope as it is now', async () => {
    let status = 'active'
    const { fake } = setup({
      'GET /api/v1/envelopes/env_abc': () => envelope({ status, shares_left: status === 'active' ? 1 : 0 }),
      'POST /api/v1/envelopes/env_abc/grab': () => {
        status = 'exhausted'
        return reply(410, errorBody('envelope_empty', 'Every share of this envelope has been grabbed.'))
      },
    })
    const { page } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc' } })

    await ui.tap(page, '.grab')
    await ui.waitFor(page, () => !ui.exists(page, '.grab'))

    expect(fake.calls('showModal')[0].content).toBe('Every share of this envelope has been grabbed.')
    expect(ui.text(page)).toContain(t('labels.envelopeStatus.exhausted'))
  })

  test('forwarding shares the card with our own share token and records the one we came through', async () => {
    const { server, fake } = setup({
      'GET /api/v1/envelopes/env_abc': envelope(),
      'POST /api/v1/shares': { share_token: 'st_mine' },
    })
    const { instance } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc', share_token: 'st_sender' } })

    // The server writes the card's title (it names the sender).
    await expect(instance.onShareAppMessage().promise).resolves.toEqual({
      title: 'Mei sent you accident cover',
      path: '/pages/envelope/envelope?id=env_abc&share_token=st_mine',
    })
    expect(server.callsTo('POST', '/api/v1/shares')[0].data).toEqual({ kind: 'envelope', target: 'env_abc', via_share_token: 'st_sender' })
  })

  test('without a card from the server, the title is our own', async () => {
    const { fake } = setup({ 'GET /api/v1/envelopes/env_abc': envelope({ share_card: null }), 'POST /api/v1/shares': { share_token: 'st_mine' } })
    const { instance } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc' } })

    await expect(instance.onShareAppMessage().promise).resolves.toEqual({
      title: t('envelope.shareFallback'),
      path: '/pages/envelope/envelope?id=env_abc&share_token=st_mine',
    })
  })

  // ---- issue 16: agreement, the sender's own envelope, a share activated earlier --------

  test('without the tick, activating is blocked and says why', async () => {
    const { server, fake } = setup({
      'GET /api/v1/envelopes/env_abc': envelope({ my_grab: { grab_id: 'g_5', coverage_fen: 300000, status: 'grabbed', activate_by: '2024-05-08T02:00:00+00:00' } }),
    })
    const { page } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc' } })

    expect(ui.exists(page, '.agree .checkbox--on')).toBe(false)
    await ui.type(page, '#name', 'Zhao Lei')
    await ui.type(page, '#id-number', ID_1990)
    await ui.tap(page, '.activate')

    expect(server.callsTo('POST', '/api/v1/envelope-grabs/g_5/activate')).toHaveLength(0)
    expect(fake.calls('showToast').map((o) => o.title)).toContain(t('common.agreeFirst'))
  })

  test('the sender is not offered a share of their own envelope, but can send it on', async () => {
    const { fake } = setup({ 'GET /api/v1/envelopes/env_abc': envelope({ is_sender: true }) })
    const { page } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc' } })

    expect(ui.exists(page, '.grab')).toBe(false)
    expect(ui.text(page)).toContain(t('envelope.yourOwn'))
    const button = ui.find(page, '.share-own')
    expect(ui.attr(button, 'open-type')).toBe('share')
    expect(ui.text(button)).toBe(t('envelope.shareOwn'))
  })

  test('an envelope closed unpaid tells a friend it never opens, and its sender that nothing was charged', async () => {
    const closed = { status: 'closed', shares_left: 0, grabs: [], expires_at: null }
    const friend = setup({ 'GET /api/v1/envelopes/env_abc': envelope(closed) })
    let { page } = await loadPage('envelope', { wx: friend.fake.wx, query: { id: 'env_abc' } })
    expect(ui.text(page)).toContain(t('labels.envelopeStatus.closed'))
    expect(ui.text(page)).toContain(t('envelope.closedNeverPaid'))
    expect(ui.exists(page, '.grab')).toBe(false)
    expect(ui.exists(page, '.open-until')).toBe(false)

    const sender = setup({ 'GET /api/v1/envelopes/env_abc': envelope(Object.assign({ is_sender: true }, closed)) });
    ({ page } = await loadPage('envelope', { wx: sender.fake.wx, query: { id: 'env_abc' } }))
    expect(ui.text(page)).toContain(t('envelope.closedOwn'))
    expect(ui.text(page)).not.toContain(t('envelope.yourOwn'))
    expect(ui.exists(page, '[open-type="share"]')).toBe(false) // nothing to send on
    await ui.tap(page, '.send-again')
    expect(sender.fake.calls('redirectTo').map((o) => o.url)).toEqual(['/pages/envelope-send/envelope-send'])
  })

  test('a friend coming back sees the policy number of the share they activated earlier', async () => {
    const { fake } = setup({
      'GET /api/v1/envelopes/env_abc': envelope({ my_grab: { grab_id: 'g_8', coverage_fen: 250000, status: 'activated', policy_no: 'RCG0042' } }),
    })
    const { page } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc' } })

    expect(ui.text(page)).toContain(t('common.policyNoLine', { no: 'RCG0042' }))
    await ui.tap(page, '.view-policy')
    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/policy/policy?no=RCG0042'])
  })

  test('a saved person is picked in one tap and the activation names them by id', async () => {
    const { server, fake } = setup({
      'GET /api/v1/envelopes/env_abc': envelope({ my_grab: { grab_id: 'g_5', coverage_fen: 300000, status: 'grabbed', activate_by: '2024-05-08T02:00:00+00:00' } }),
      'GET /api/v1/insured-persons': PERSONS,
      'POST /api/v1/envelope-grabs/g_5/activate': { policy_no: 'RCG0005' },
    })
    const { page, instance } = await loadPage('envelope', { wx: fake.wx, query: { id: 'env_abc' } })

    expect(instance.data.personId).toBe(7)
    expect(ui.exists(page, '#name')).toBe(false)
    // The parent, 76, is outside the gift cover's 18 to 60.
    await ui.tap(page, '#person-8')
    await ui.agreeToAll(page)
    await ui.tap(page, '.activate')
    expect(ui.text(ui.find(page, '.person-error'))).toBe(t('envelope.personOutOfBand', { min: 18, max: 60 }))
    expect(server.callsTo('POST', '/api/v1/envelope-grabs/g_5/activate')).toHaveLength(0)

    await ui.tap(page, '#person-7')
    await ui.tap(page, '.activate')
    await ui.waitFor(page, () => server.callsTo('POST', '/api/v1/envelope-grabs/g_5/activate').length)
    const body = server.callsTo('POST', '/api/v1/envelope-grabs/g_5/activate')[0].data
    expect(body.insured_person_id).toBe(7)
    expect(body).not.toHaveProperty('insured')
  })
})
