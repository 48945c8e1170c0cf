const { createWx } = require('../support/wx')
const { fakeApi } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

const COUPONS = [
  { id: 1, name: 'Hospital visit bonus', discount_fen: 1000, category: 'medical', status: 'available', valid_until: '2099-06-30T15:59:59+00:00' },
  { id: 2, name: 'Welcome', discount_fen: 250, category: null, status: 'available', valid_until: '2099-01-01T00:00:00+00:00' },
  { id: 3, name: 'Step reward', discount_fen: 100, category: 'accident', status: 'used', valid_until: '2024-01-01T00:00:00+00:00' },
]

// What each coupon is worth, for what and until when, as each language writes it.
const SHOWN = {
  'zh-CN': { value1: '减10元', detail1: '限医疗险使用 · 2099年6月30日前有效', value2: '减2.50元', detail2: '全部保障可用', detail3: '限意外险使用 · 已使用', revoked: '全部保障可用 · 已收回（好友已退保）' },
  en: { value1: '¥10 off', detail1: 'For medical cover · use by 30 Jun 2099', value2: '¥2.50 off', detail2: 'For any cover', detail3: 'For accident cover · Used', revoked: 'For any cover · Taken back (your friend cancelled)' },
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

  function setup(coupons) {
    const server = fakeApi({ 'GET /api/v1/coupons': coupons })
    const fake = createWx({ request: server.request, language })
    return { fake }
  }

  test('coupons ready to use come first, with what they are for and until when', async () => {
    const { fake } = setup(COUPONS)
    const { page } = await loadPage('coupons', { wx: fake.wx })

    expect(ui.text(ui.find(page, '#coupon-1'))).toBe(shown.value1 + ' Hospital visit bonus ' + shown.detail1 + ' ' + t('coupons.use'))
    expect(ui.text(ui.find(page, '#coupon-2'))).toContain(shown.value2)
    expect(ui.text(ui.find(page, '#coupon-2'))).toContain(shown.detail2)
    expect(ui.text(ui.find(page, '#coupon-3'))).toContain(shown.detail3)
    expect(ui.text(page)).toContain(t('coupons.readyToUse'))
    expect(ui.text(page)).toContain(t('coupons.usedOrExpired'))
    expect(page.querySelectorAll('.use')).toHaveLength(2)
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual([t('titles.coupons')])
  })

  test('Use takes the user to the shop, where checkout offers the coupon', async () => {
    const { fake } = setup(COUPONS)
    const { page } = await loadPage('coupons', { wx: fake.wx })

    await ui.tap(page, '#coupon-1 .use')
    expect(fake.calls('switchTab').map((o) => o.url)).toEqual(['/pages/index/index'])
  })

  test('a referral coupon taken back (the friend cancelled in cooling-off) says so, among the others', async () => {
    const { fake } = setup([{ id: 4, name: 'Referral', discount_fen: 500, category: null, status: 'revoked', valid_until: '2099-01-01T00:00:00+00:00' }])
    const { page } = await loadPage('coupons', { wx: fake.wx })

    expect(ui.text(ui.find(page, '#coupon-4'))).toContain(shown.revoked)
    expect(page.querySelectorAll('.use')).toHaveLength(0)
  })

  test('no coupons: how to earn some', async () => {
    const { fake } = setup([])
    const { page } = await loadPage('coupons', { wx: fake.wx })

    expect(ui.text(page)).toContain(t('coupons.empty'))
  })
})
