const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

const STEPS = ['submitted', 'accepted', 'reviewing', 'investigating', 'assessing', 'approved', 'paid']

const EXPLANATIONS = {
  reviewing: 'The insurer is checking your documents. This usually takes 2 days.',
  more_info_required: 'The insurer needs a copy of the police report. Add it below and your claim goes back to review.',
  rejected: 'This claim was not approved: the illness began in the waiting period.',
  withdrawn: 'You withdrew this claim.',
  paid: 'The money has been paid to you.',
  accepted: 'The insurer has accepted your claim.',
}

function claim(state, statuses, extra) {
  return {
    claim_no: 'CL9',
    state,
    policy_no: 'RC1',
    kind: 'hospital',
    claimed_fen: 123450,
    explanation: EXPLANATIONS[state],
    timeline: STEPS.map((step, i) => Object.assign({ step, status: statuses[i] }, (extra || {})[step])),
    materials: [],
  }
}

// Times and amounts as each language writes them (Beijing time).
const SHOWN = {
  'zh-CN': {
    submitted: '2024年5月1日 10:00',
    reviewing: '2024年5月2日 09:00',
    investigating: '2024年5月5日',
    assessing: '2024年5月7日',
    summary: '住院 · 申请¥1,234.50 · 保单RC1',
    paid: '已赔¥1,000.00',
    document: 'bill.jpg 2024年5月1日 10:00',
  },
  en: {
    submitted: '1 May 2024, 10:00',
    reviewing: '2 May 2024, 09:00',
    investigating: '5 May 2024',
    assessing: '7 May 2024',
    summary: 'Hospital stay · claimed ¥1,234.50 · policy RC1',
    paid: 'paid ¥1,000.00',
    document: 'bill.jpg 1 May 2024, 10:00',
  },
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

  function setup(routes) {
    const server = fakeApi(routes)
    const fake = createWx({ request: server.request, uploadFile: server.uploadFile, language })
    return { server, fake }
  }

  function label(group, code) {
    return t('labels.' + group + '.' + code)
  }

  function step(page, name) {
    return ui.find(page, '#step-' + name)
  }

  test('shows all seven steps: done with their time, the current one, and expected dates ahead', async () => {
    const { fake } = setup({
      'GET /api/v1/claims/CL9': claim('reviewing', ['done', 'done', 'current', 'pending', 'pending', 'pending', 'pending'], {
        submitted: { at: '2024-05-01T02:00:00+00:00' },
        accepted: { at: '2024-05-01T06:00:00+00:00', note: 'Case handler: Ms Chen' },
        reviewing: { at: '2024-05-02T01:00:00+00:00' },
        investigating: { expected_at: '2024-05-05T00:00:00+00:00' },
        assessing: { expected_at: '2024-05-07T00:00:00+00:00' },
      }),
    })
    const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL9' } })

    expect(page.querySelectorAll('.step')).toHaveLength(7)
    expect(ui.text(step(page, 'submitted'))).toBe('✓ ' + label('claimStep', 'submitted') + ' ' + label('stepStatus', 'done') + ' ' + shown.submitted)
    expect(ui.text(step(page, 'accepted'))).toContain('Case handler: Ms Chen')
    expect(ui.text(step(page, 'reviewing'))).toContain(label('claimStep', 'reviewing') + ' ' + label('stepStatus', 'current') + ' ' + shown.reviewing)
    expect(ui.text(step(page, 'investigating'))).toContain(t('claim.expectedBy', { date: shown.investigating }))
    expect(ui.text(step(page, 'assessing'))).toContain(t('claim.expectedBy', { date: shown.assessing }))
    expect(ui.text(step(page, 'paid'))).toBe(label('claimStep', 'paid') + ' ' + label('stepStatus', 'pending'))
    expect(step(page, 'reviewing').dom.className).toContain('step--current')
    expect(ui.text(page)).toContain(t('claim.title', { no: 'CL9' }) + ' ' + label('claimState', 'reviewing'))
    expect(ui.text(page)).toContain(shown.summary)
    expect(ui.text(page)).toContain('The insurer is checking your documents. This usually takes 2 days.')
    expect(ui.text(ui.find(page, '.add-documents'))).toBe(t('claim.addDocuments'))
    expect(ui.text(ui.find(page, '.withdraw'))).toBe(t('claim.withdraw'))
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual([t('titles.claim')])
  })

  test('a skipped investigation is shown as not needed; a paid claim is all done', async () => {
    const { fake } = setup({
      'GET /api/v1/claims/CL9': Object.assign(claim('paid', ['done', 'done', 'done', 'skipped', 'done', 'done', 'done']), { paid_fen: 100000 }),
    })
    const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL9' } })

    expect(ui.text(step(page, 'investigating'))).toContain(label('stepStatus', 'skipped'))
    expect(ui.text(page)).toContain(shown.paid)
    expect(ui.text(page)).toContain('The money has been paid to you.')
    expect(ui.exists(page, '.withdraw')).toBe(false)
    expect(ui.exists(page, '.add-documents')).toBe(false)
  })

  test('after a rejection the steps never reached say so', async () => {
    const { fake } = setup({
      'GET /api/v1/claims/CL9': claim('rejected', ['done', 'done', 'done', 'not_reached', 'not_reached', 'not_reached', 'not_reached'], {
        reviewing: { note: 'The illness began in the waiting period.' },
      }),
    })
    const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL9' } })

    expect(ui.text(step(page, 'approved'))).toContain(label('stepStatus', 'not_reached'))
    expect(ui.text(page)).toContain('The illness began in the waiting period.')
    expect(ui.text(page)).toContain(label('claimState', 'rejected'))
  })

  test('when more documents are needed, the user is told and can add them', async () => {
    const uploads = []
    const { fake } = setup({
      'GET /api/v1/claims/CL9': claim('more_info_required', ['done', 'done', 'current', 'pending', 'pending', 'pending', 'pending']),
      'POST /api/v1/claims/CL9/materials': (req) => {
        uploads.push(req.filePath)
        return {}
      },
    })
    fake.answer('chooseMedia', () => ({ tempFiles: [{ tempFilePath: '/tmp/report.jpg' }] }))
    const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL9' } })

    expect(ui.text(page)).toContain('The insurer needs a copy of the police report.')
    await ui.tap(page, '.add-documents')
    await ui.waitFor(page, () => uploads.length)

    expect(uploads).toEqual(['/tmp/report.jpg'])
    await ui.waitFor(page, () => fake.calls('showToast').length)
    expect(fake.calls('showToast')[0].title).toBe(t('claim.uploaded', { count: 1 }))
  })

  test('several documents added at once are counted', async () => {
    const { fake } = setup({
      'GET /api/v1/claims/CL9': claim('more_info_required', ['done', 'done', 'current', 'pending', 'pending', 'pending', 'pending']),
      'POST /api/v1/claims/CL9/materials': {},
    })
    fake.answer('chooseMedia', () => ({ tempFiles: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ tempFilePath: '/tmp/page-' + n + '.jpg' })) }))
    const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL9' } })

    await ui.tap(page, '.add-documents')
    await ui.waitFor(page, () => fake.calls('showToast').length, 5000)

    expect(fake.calls('showToast')[0]).toMatchObject({ title: t('claim.uploaded', { count: 9 }), icon: 'success' })
  })

  test('withdrawing asks first and then shows the claim as withdrawn', async () => {
    let state = 'accepted'
    const { server, fake } = setup({
      'GET /api/v1/claims/CL9': () => claim(state, state === 'withdrawn'
        ? ['done', 'done', 'not_reached', 'not_reached', 'not_reached', 'not_reached', 'not_reached']
        : ['done', 'current', 'pending', 'pending', 'pending', 'pending', 'pending']),
      'POST /api/v1/claims/CL9/withdraw': () => {
        state = 'withdrawn'
        return reply(200, claim(state, ['done', 'done', 'not_reached', 'not_reached', 'not_reached', 'not_reached', 'not_reached']))
      },
    })
    const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL9' } })

    await ui.tap(page, '.withdraw')
    await ui.waitForText(page, 'You withdrew this claim.')

    expect(fake.calls('showModal')[0]).toMatchObject({
      title: t('claim.withdrawTitle'),
      content: t('claim.withdrawContent'),
      confirmText: t('claim.withdrawConfirm'),
      cancelText: t('common.keep'),
    })
    expect(ui.text(page)).toContain(label('claimState', 'withdrawn'))
    expect(server.callsTo('POST', '/api/v1/claims/CL9/withdraw')).toHaveLength(1)
    expect(ui.exists(page, '.withdraw')).toBe(false)
  })

  test('approved while the page was open, a withdrawal is refused (409): said, and the claim shown as it is now', async () => {
    let state = 'assessing'
    const { server, fake } = setup({
      'GET /api/v1/claims/CL9': () => claim(state, state === 'approved'
        ? ['done', 'done', 'done', 'skipped', 'done', 'current', 'pending']
        : ['done', 'done', 'done', 'skipped', 'current', 'pending', 'pending']),
      'POST /api/v1/claims/CL9/withdraw': () => {
        state = 'approved' // the insurer approved it a moment before the tap
        return reply(409, errorBody('illegal_transition', '已同意赔付的理赔不能撤回。', { from: 'approved', to: 'withdrawn', actor: 'user', allowed: [] }))
      },
    })
    const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL9' } })
    expect(ui.exists(page, '.withdraw')).toBe(true)

    await ui.tap(page, '.withdraw')
    await ui.waitFor(page, () => fake.calls('showToast').some((o) => o.title === '已同意赔付的理赔不能撤回。'))

    // No withdraw button that can only be refused again; the state the claim is in now.
    await ui.waitFor(page, () => !ui.exists(page, '.withdraw'))
    expect(ui.text(ui.find(page, '.state-tag'))).toBe(label('claimState', 'approved'))
    expect(ui.exists(page, '.add-documents')).toBe(false)
    expect(server.callsTo('POST', '/api/v1/claims/CL9/withdraw')).toHaveLength(1)
  })

  test('the documents sent so far are listed', async () => {
    const { fake } = setup({
      'GET /api/v1/claims/CL9': Object.assign(claim('reviewing', ['done', 'done', 'current', 'pending', 'pending', 'pending', 'pending']), {
        materials: [{ id: 1, name: 'bill.jpg', content_type: 'image/jpeg', size_bytes: 1000, uploaded_at: '2024-05-01T02:00:00+00:00' }],
      }),
    })
    const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL9' } })

    expect(ui.text(page)).toContain(t('claim.documentsSent'))
    expect(ui.text(ui.find(page, '.documents'))).toBe(shown.document)
  })

  test("someone else's claim is not found", async () => {
    const { fake } = setup({ 'GET /api/v1/claims/CL0': reply(404, errorBody('not_found', 'We could not find that claim.')) })
    const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL0' } })

    expect(ui.text(page)).toContain('We could not find that claim.')
  })

  test('a PDF e-invoice can be added from a chat', async () => {
    const uploads = []
    const { fake } = setup({
      'GET /api/v1/claims/CL9': claim('more_info_required', ['done', 'done', 'current', 'pending', 'pending', 'pending', 'pending']),
      'POST /api/v1/claims/CL9/materials': (req) => {
        uploads.push(req.filePath)
        return {}
      },
    })
    fake.answer('chooseMessageFile', () => ({ tempFiles: [{ path: '/tmp/e-invoice.pdf', name: 'e-invoice.pdf' }] }))
    const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL9' } })

    expect(ui.text(ui.find(page, '.add-pdf'))).toBe(t('common.addPdf'))
    await ui.tap(page, '.add-pdf')
    await ui.waitFor(page, () => uploads.length)

    expect(fake.calls('chooseMessageFile')[0]).toMatchObject({ type: 'file', extension: ['pdf'] })
    expect(uploads).toEqual(['/tmp/e-invoice.pdf'])
  })

  test('customer service is one tap away on the claim', async () => {
    const { fake } = setup({ 'GET /api/v1/claims/CL9': claim('reviewing', ['done', 'done', 'current', 'pending', 'pending', 'pending', 'pending']) })
    const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL9' } })

    expect(ui.contactButton(page)).toEqual({ tag: 'WX-BUTTON', openType: 'contact', text: t('common.contactUs') })
  })
})
