const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
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

function setup(routes) {
  const server = fakeApi(routes)
  const fake = createWx({ request: server.request, uploadFile: server.uploadFile })
  return { server, fake }
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
  expect(ui.text(step(page, 'submitted'))).toBe('✓ Claim sent Done 2024-05-01 10:00')
  expect(ui.text(step(page, 'accepted'))).toContain('Case handler: Ms Chen')
  expect(ui.text(step(page, 'reviewing'))).toContain('Documents checked In progress 2024-05-02 09:00')
  expect(ui.text(step(page, 'investigating'))).toContain('Expected by 2024-05-05')
  expect(ui.text(step(page, 'assessing'))).toContain('Expected by 2024-05-07')
  expect(ui.text(step(page, 'paid'))).toBe('Money paid to you Next')
  expect(step(page, 'reviewing').dom.className).toContain('step--current')
  expect(ui.text(page)).toContain('Checking documents')
  expect(ui.text(page)).toContain('claimed 1,234.50 yuan')
  expect(ui.text(page)).toContain('The insurer is checking your documents. This usually takes 2 days.')
})

test('a skipped investigation is shown as not needed; a paid claim is all done', async () => {
  const { fake } = setup({
    'GET /api/v1/claims/CL9': Object.assign(claim('paid', ['done', 'done', 'done', 'skipped', 'done', 'done', 'done']), { paid_fen: 100000 }),
  })
  const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL9' } })

  expect(ui.text(step(page, 'investigating'))).toContain('Not needed')
  expect(ui.text(page)).toContain('paid 1,000 yuan')
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

  expect(ui.text(step(page, 'approved'))).toContain('Not reached')
  expect(ui.text(page)).toContain('The illness began in the waiting period.')
  expect(ui.text(page)).toContain('Not approved')
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
  expect(fake.calls('showToast')[0].title).toBe('Document added')
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

  expect(fake.calls('showModal')[0].title).toBe('Withdraw this claim?')
  expect(server.callsTo('POST', '/api/v1/claims/CL9/withdraw')).toHaveLength(1)
  expect(ui.exists(page, '.withdraw')).toBe(false)
})

test('the documents sent so far are listed', async () => {
  const { fake } = setup({
    'GET /api/v1/claims/CL9': Object.assign(claim('reviewing', ['done', 'done', 'current', 'pending', 'pending', 'pending', 'pending']), {
      materials: [{ id: 1, name: 'bill.jpg', content_type: 'image/jpeg', size_bytes: 1000, uploaded_at: '2024-05-01T02:00:00+00:00' }],
    }),
  })
  const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL9' } })

  expect(ui.text(ui.find(page, '.documents'))).toBe('bill.jpg 2024-05-01 10:00')
})

test("someone else's claim is not found", async () => {
  const { fake } = setup({ 'GET /api/v1/claims/CL0': reply(404, errorBody('not_found', 'We could not find that claim.')) })
  const { page } = await loadPage('claim', { wx: fake.wx, query: { no: 'CL0' } })

  expect(ui.text(page)).toContain('We could not find that claim.')
})
