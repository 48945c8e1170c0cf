const { createWx } = require('../support/wx')
const { fakeApi } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { policy } = require('../support/fixtures')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

// Cover and dates as each language writes them.
const SHOWN = {
  'zh-CN': { coverage: '保额 30万元', dates: '2024年5月1日至2024年5月31日 · 保单号 RC2024000001', small: '保额 2500元' },
  en: { coverage: 'Pays up to 300,000 yuan', dates: '1 May 2024 to 31 May 2024 · No. RC2024000001', small: 'Pays up to 2,500 yuan' },
}

// A policy cancelled on 8 Dec 2026 (Beijing) that was sold to cover until 6 Jan 2027.
const ENDED = { 'zh-CN': '已退保，保障于2026年12月8日结束', en: 'Cancelled: cover ended on 8 Dec 2026' }
const SOLD_TO = { 'zh-CN': '2027年1月6日', en: '6 Jan 2027' }

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

  function setup(policies) {
    const server = fakeApi({ 'GET /api/v1/policies': () => policies })
    const fake = createWx({ request: server.request, language })
    return { server, fake }
  }

  test('lists every policy with its cover, dates and status', async () => {
    const { fake } = setup([
      policy(),
      policy({ policy_no: 'RC2024000002', product_name: 'Gift accident cover', plan_name: '30 days of accident cover', coverage_fen: 250000, source: 'envelope', status: 'expired' }),
    ])
    const { page } = await loadPage('policies', { wx: fake.wx })

    const first = ui.text(ui.find(page, '#policy-RC2024000001'))
    expect(first).toContain('Accident cover')
    expect(first).toContain(t('labels.policyStatus.active'))
    expect(first).toContain(shown.coverage)
    expect(first).toContain(shown.dates)
    expect(first).toContain(t('labels.policySource.purchase'))
    const second = ui.text(ui.find(page, '#policy-RC2024000002'))
    expect(second).toContain(t('labels.policyStatus.expired'))
    expect(second).toContain(shown.small)
    expect(second).toContain(t('labels.policySource.envelope'))
  })

  test('a cancelled policy shows the day its cover ended, not the end it was sold with', async () => {
    const { fake } = setup([
      policy({ status: 'cancelled', starts_at: '2026-12-06T02:00:00+00:00', ends_at: '2027-01-06T16:00:00+00:00', cancelled_at: '2026-12-08T03:00:00+00:00' }),
    ])
    const { page } = await loadPage('policies', { wx: fake.wx })

    const shown = ui.text(ui.find(page, '#policy-RC2024000001'))
    expect(shown).toContain(t('labels.policyStatus.cancelled'))
    expect(shown).toContain(ENDED[language])
    expect(shown).not.toContain(SOLD_TO[language])
  })

  test('a tab: the title and the tab bar speak the language', async () => {
    const { fake } = setup([])
    await loadPage('policies', { wx: fake.wx })

    expect(new Set(fake.calls('setNavigationBarTitle').map((o) => o.title))).toEqual(new Set([t('titles.policies')]))
    expect(fake.calls('setTabBarItem').map((o) => o.text)).toEqual(['index', 'policies', 'claims', 'me'].map((tab) => t('tabs.' + tab)))
  })

  test('tapping a policy opens its card', async () => {
    const { fake } = setup([policy()])
    const { page } = await loadPage('policies', { wx: fake.wx })

    await ui.tap(page, '#policy-RC2024000001')

    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/policy/policy?no=RC2024000001'])
  })

  test('no policies yet: an invitation to the shop', async () => {
    const { fake } = setup([])
    const { page } = await loadPage('policies', { wx: fake.wx })

    expect(ui.text(page)).toContain(t('policies.empty'))
    expect(ui.text(ui.find(page, '.shop'))).toBe(t('common.findCover'))
    await ui.tap(page, '.shop')
    expect(fake.calls('switchTab').map((o) => o.url)).toEqual(['/pages/index/index'])
  })

  test('showing the tab again picks up a policy bought meanwhile', async () => {
    const list = []
    const { server, fake } = setup(list)
    const { page, instance } = await loadPage('policies', { wx: fake.wx })
    expect(ui.text(page)).toContain(t('policies.empty'))

    list.push(policy())
    await instance.onShow()

    expect(ui.exists(page, '#policy-RC2024000001')).toBe(true)
    expect(server.callsTo('GET', '/api/v1/policies')).toHaveLength(2)
  })
})
