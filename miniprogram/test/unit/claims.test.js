const { createWx } = require('../support/wx')
const { fakeApi } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

const SHOWN = {
  'zh-CN': { claimed: '申请金额¥1,234.50', meta: '编号 CL1 · 2024年5月1日提交' },
  en: { claimed: 'Claimed ¥1,234.50', meta: 'No. CL1 · sent 1 May 2024' },
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

  function setup(claims) {
    const server = fakeApi({ 'GET /api/v1/claims': claims })
    const fake = createWx({ request: server.request, language })
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
    expect(first).toContain(t('labels.claimKind.hospital'))
    expect(first).toContain(t('labels.claimState.reviewing'))
    expect(first).toContain(shown.claimed)
    expect(first).toContain(shown.meta)
    expect(ui.text(ui.find(page, '#claim-CL2'))).toContain(t('labels.claimState.more_info_required'))
    expect(ui.text(ui.find(page, '#claim-CL3'))).toBe(t('claims.claimFallback') + ' ' + t('labels.claimState.paid') + ' ' + t('claims.claimNo', { no: 'CL3' }))
  })

  test('tapping a claim opens its timeline; the button starts a new claim', async () => {
    const { fake } = setup([{ claim_no: 'CL1', state: 'submitted' }])
    const { page } = await loadPage('claims', { wx: fake.wx })
    expect(ui.text(page)).toContain(t('claims.introTitle'))
    expect(ui.text(ui.find(page, '.new-claim'))).toBe(t('common.makeClaim'))

    await ui.tap(page, '#claim-CL1')
    await ui.tap(page, '.new-claim')

    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/claim/claim?no=CL1', '/pages/claim-new/claim-new'])
  })

  test('a tab: the title and the tab bar speak the language', async () => {
    const { fake } = setup([])
    await loadPage('claims', { wx: fake.wx })

    expect(new Set(fake.calls('setNavigationBarTitle').map((o) => o.title))).toEqual(new Set([t('titles.claims')]))
    expect(fake.calls('setTabBarItem').map((o) => o.text)).toEqual(['index', 'policies', 'claims', 'me'].map((tab) => t('tabs.' + tab)))
  })

  test('no claims: a reassuring empty page', async () => {
    const { fake } = setup([])
    const { page } = await loadPage('claims', { wx: fake.wx })

    expect(ui.text(page)).toContain(t('claims.empty'))
  })
})
