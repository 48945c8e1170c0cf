const { createWx } = require('../support/wx')
const { fakeApi } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const ui = require('../support/ui')

function setup(claims) {
  const server = fakeApi({ 'GET /api/v1/claims': claims })
  const fake = createWx({ request: server.request })
  return { server, fake }
}

test('lists claims with where each one stands', async () => {
  const { fake } = setup([
    { claim_no: 'CL1', state: 'reviewing', kind: 'hospital', claimed_fen: 123450, policy_no: 'RC1', created_at: '2024-05-01T02:00:00+00:00' },
    { claim_no: 'CL2', state: 'more_info_required', kind: 'accident' },
    { claim_no: 'CL3', state: 'paid' },
  ])
  const { page } = await loadPage('claims', { wx: fake.wx })

  const first = ui.text(ui.find(page, '#claim-CL1'))
  expect(first).toContain('Hospital stay')
  expect(first).toContain('Checking documents')
  expect(first).toContain('Claimed 1,234.50 yuan')
  expect(first).toContain('sent 2024-05-01')
  expect(ui.text(ui.find(page, '#claim-CL2'))).toContain('More documents needed')
  expect(ui.text(ui.find(page, '#claim-CL3'))).toContain('Paid')
})

test('tapping a claim opens its timeline; the button starts a new claim', async () => {
  const { fake } = setup([{ claim_no: 'CL1', state: 'submitted' }])
  const { page } = await loadPage('claims', { wx: fake.wx })

  await ui.tap(page, '#claim-CL1')
  await ui.tap(page, '.new-claim')

  expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/claim/claim?no=CL1', '/pages/claim-new/claim-new'])
})

test('no claims: a reassuring empty page', async () => {
  const { fake } = setup([])
  const { page } = await loadPage('claims', { wx: fake.wx })

  expect(ui.text(page)).toContain('No claims. We hope it stays that way.')
})
