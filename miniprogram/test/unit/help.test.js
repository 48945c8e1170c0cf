const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

const HELP = {
  faq: [{ q: 'Can I cancel?', a: 'Within 15 days, for a full refund, unless a claim stands.' }],
  complaint: { steps: ['Call the insurer on 95500.', "Write to the insurer's complaints office.", 'Call the regulator on 12378.'] },
  insurers: [{ name: 'Example Insurance Co., Ltd.', hotline: '95500', complaint_channel: 'complaints@example.test' }],
  service_hours: '9:00 to 21:00 every day',
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)

  function setup(routes) {
    const server = fakeApi(routes)
    const fake = createWx({ request: server.request, language })
    return { server, fake }
  }

  test('help: customer service, hotlines to call, the FAQ and how to complain, without logging in', async () => {
    const { server, fake } = setup({ 'GET /api/v1/help': HELP })
    const { page } = await loadPage('help', { wx: fake.wx })

    expect(ui.contactButton(page)).toEqual({ tag: 'WX-BUTTON', openType: 'contact', text: t('common.contactUs') })
    expect(ui.text(ui.find(page, '.service-hours'))).toBe(t('help.serviceHours') + '9:00 to 21:00 every day')
    expect(ui.text(ui.find(page, '.faq'))).toContain('Can I cancel?')
    const steps = page.querySelectorAll('.complaint-step').map(ui.text)
    expect(steps).toEqual(['1. Call the insurer on 95500.', "2. Write to the insurer's complaints office.", '3. Call the regulator on 12378.'])
    expect(ui.text(page)).toContain(t('help.howToComplain'))

    await ui.tap(page, '#insurer-0')
    expect(fake.calls('makePhoneCall')).toEqual([expect.objectContaining({ phoneNumber: '95500' })])
    await ui.tap(page, '.privacy')
    expect(fake.calls('navigateTo').map((o) => o.url)).toEqual(['/pages/document/document?privacy=1'])
    expect(server.calls.every((c) => !c.token)).toBe(true)
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual([t('titles.help')])
  })

  test('help that cannot be had says so and offers to try again', async () => {
    const { fake } = setup({ 'GET /api/v1/help': reply(503, errorBody('service_unavailable', 'Down for a moment.')) })
    const { page } = await loadPage('help', { wx: fake.wx })

    expect(ui.text(page)).toContain('Down for a moment.')
    expect(ui.text(page)).toContain(t('common.retry'))
  })

  test('a document is fetched as a fragment in the language and shown as rich text', async () => {
    const requests = []
    const fake = createWx({
      language,
      request: (opts) => {
        requests.push(opts)
        return { statusCode: 200, data: '<h1>Policy terms</h1><p>We pay for accidents.</p>', header: { 'Content-Type': 'text/html' } }
      },
    })
    const url = 'http://redcover.test/documents/accident/clauses/2026-12-01'
    const { instance, page } = await loadPage('document', { wx: fake.wx, query: { url, title: 'Policy terms' } })

    expect(requests[0].url).toBe(url + '?format=fragment&lang=' + language)
    expect(requests[0].header['Accept-Language']).toBe(language)
    expect(instance.data.html).toBe('<h1>Policy terms</h1><p>We pay for accidents.</p>')
    expect(ui.exists(page, '.document-body')).toBe(true)
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual(['Policy terms'])
  })

  test('the privacy policy is read from our own server', async () => {
    const requests = []
    const fake = createWx({ language, request: (opts) => (requests.push(opts), { statusCode: 200, data: '<p>We keep little.</p>' }) })
    const { instance } = await loadPage('document', { wx: fake.wx, query: { privacy: '1' } })

    expect(requests[0].url).toBe('http://redcover.test/privacy?format=fragment&lang=' + language)
    expect(instance.data.html).toBe('<p>We keep little.</p>')
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual([t('common.privacyPolicy')])
  })

  test('an old or unknown document version says it was not found', async () => {
    const fake = createWx({ language, request: () => ({ statusCode: 404, data: '<p>Not found</p>' }) })
    const { page } = await loadPage('document', { wx: fake.wx, query: { url: 'http://redcover.test/documents/x/y/1', title: 'X' } })

    expect(ui.text(page)).toContain(t('api.generic'))
    expect(ui.text(page)).toContain(t('common.retry'))
  })
})
