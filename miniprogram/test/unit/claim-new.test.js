const { createWx } = require('../support/wx')
const { fakeApi, reply, errorBody } = require('../support/fake-api')
const { loadPage } = require('../support/page')
const { policy } = require('../support/fixtures')
const { LANGUAGES, words } = require('../support/i18n')
const ui = require('../support/ui')

const POLICIES = [
  policy({ policy_no: 'RC1', product_name: 'Accident cover', plan_name: '300,000 yuan cover' }),
  policy({ policy_no: 'RC2', product_name: 'Hospital medical cover', plan_name: '500,000 yuan a year' }),
  policy({ policy_no: 'RC3', status: 'cancelled' }),
]

const SHOWN = {
  'zh-CN': { date: '2024年5月2日' },
  en: { date: '2 May 2024' },
}

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const shown = SHOWN[language]

  function setup(extra) {
    const uploads = []
    const server = fakeApi(Object.assign({
      'GET /api/v1/policies': POLICIES,
      'GET /api/v1/config': { sandbox: true, pay_version: 'v2', subscribe_templates: { claim_progress: 'TPL_CLAIM', order_paid: 'TPL_ORDER' } },
      'POST /api/v1/claims': { claim_no: 'CL9', state: 'submitted' },
      'POST /api/v1/claims/CL9/materials': (req) => {
        uploads.push(req)
        return { materials: uploads.length }
      },
      'POST /api/v1/subscriptions': reply(204, ''),
    }, extra))
    const fake = createWx({ request: server.request, uploadFile: server.uploadFile, language })
    fake.answer('requestSubscribeMessage', () => ({ TPL_CLAIM: 'accept', errMsg: 'requestSubscribeMessage:ok' }))
    return { server, fake, uploads }
  }

  async function fill(page) {
    await ui.tap(page, '#kind-hospital')
    await ui.trigger(page, '#date-picker', 'change', { value: '2024-05-02' })
    await ui.trigger(page, '#time-picker', 'change', { value: '09:30' })
    await ui.type(page, '#amount', '1234.5')
    await ui.type(page, '#description', 'Stayed two nights in hospital with pneumonia.')
    await ui.trigger(page, '#uploader', 'after-read', { file: [{ url: '/tmp/bill-1.jpg' }, { url: '/tmp/bill-2.jpg' }] })
  }

  test('only policies a claim can be made on are offered; the one we came from is chosen', async () => {
    const { fake } = setup()
    const { instance } = await loadPage('claim-new', { wx: fake.wx, query: { policy_no: 'RC2' } })

    expect(instance.data.policyChoices).toEqual([
      t('claim-new.policyChoice', { product: 'Accident cover', plan: '300,000 yuan cover', no: 'RC1' }),
      t('claim-new.policyChoice', { product: 'Hospital medical cover', plan: '500,000 yuan a year', no: 'RC2' }),
    ])
    expect(instance.data.policyIndex).toBe(1)
  })

  test('the form asks in the language: which policy, what happened, when, how much, documents', async () => {
    const { fake } = setup()
    const { page } = await loadPage('claim-new', { wx: fake.wx, query: { policy_no: 'RC2' } })

    const shownText = ui.text(page)
    for (const key of ['whichPolicy', 'whatHappened', 'documents', 'documentsHint', 'submit']) expect(shownText).toContain(t('claim-new.' + key))
    expect(page.querySelectorAll('.kind').map(ui.text)).toEqual(['accident', 'hospital', 'travel', 'other'].map((kind) => t('labels.claimKind.' + kind)))
    expect(ui.text(ui.find(page, '#policy-picker'))).toBe(t('claim-new.policy') + ' ' + t('claim-new.policyChoice', { product: 'Hospital medical cover', plan: '500,000 yuan a year', no: 'RC2' }))
    await ui.trigger(page, '#date-picker', 'change', { value: '2024-05-02' })
    expect(ui.text(ui.find(page, '#date-picker'))).toBe(t('claim-new.date') + ' ' + shown.date)
    expect(ui.text(ui.find(page, '#amount'))).toContain(t('claim-new.amount'))
    expect(fake.calls('setNavigationBarTitle').map((o) => o.title)).toEqual([t('titles.claim-new')])
  })

  test('sends the claim, uploads every document as "files", asks about updates, then shows the timeline', async () => {
    const { server, fake, uploads } = setup()
    const { page } = await loadPage('claim-new', { wx: fake.wx, query: { policy_no: 'RC2' } })

    await fill(page)
    await ui.tap(page, '.submit')
    await ui.waitFor(page, () => fake.calls('redirectTo').length)

    expect(server.callsTo('POST', '/api/v1/claims')[0].data).toEqual({
      policy_no: 'RC2',
      kind: 'hospital',
      claimed_fen: 123450,
      occurred_at: '2024-05-02T09:30:00+08:00',
      description: 'Stayed two nights in hospital with pneumonia.',
    })
    expect(uploads.map((u) => [u.name, u.filePath])).toEqual([['files', '/tmp/bill-1.jpg'], ['files', '/tmp/bill-2.jpg']])
    expect(fake.calls('requestSubscribeMessage')[0].tmplIds).toEqual(['TPL_CLAIM'])
    expect(server.callsTo('POST', '/api/v1/subscriptions')[0].data).toEqual({ template_ids: { TPL_CLAIM: 'accept' } })
    expect(fake.calls('showToast').map((o) => o.title)).toEqual([t('claim-new.sent')])
    expect(fake.calls('redirectTo').map((o) => o.url)).toEqual(['/pages/claim/claim?no=CL9'])
  })

  test('a document that fails to upload is reported; the claim still goes through', async () => {
    const { fake } = setup({
      'POST /api/v1/claims/CL9/materials': (req) =>
        req.filePath.endsWith('2.jpg') ? reply(413, errorBody('payload_too_large', 'The request body is too large.')) : {},
    })
    const { page } = await loadPage('claim-new', { wx: fake.wx })

    await fill(page)
    await ui.tap(page, '.submit')
    await ui.waitFor(page, () => fake.calls('redirectTo').length)

    expect(fake.calls('showModal')[0]).toMatchObject({
      title: t('claim-new.sent'),
      content: t('claim-new.uploadsFailed', { count: 1, reason: 'The request body is too large.' }),
      confirmText: t('common.ok'),
    })
  })

  test('a removed photo is not uploaded', async () => {
    const { fake, uploads } = setup()
    const { page } = await loadPage('claim-new', { wx: fake.wx })

    await fill(page)
    await ui.trigger(page, '#uploader', 'delete', { index: 0 })
    await ui.tap(page, '.submit')
    await ui.waitFor(page, () => fake.calls('redirectTo').length)

    expect(uploads.map((u) => u.filePath)).toEqual(['/tmp/bill-2.jpg'])
  })

  test('amount and description are required', async () => {
    const { server, fake } = setup()
    const { page } = await loadPage('claim-new', { wx: fake.wx })

    await ui.type(page, '#amount', 'abc')
    await ui.tap(page, '.submit')

    expect(ui.text(page)).toContain(t('claim-new.amountInvalid'))
    expect(ui.text(page)).toContain(t('claim-new.descriptionMissing'))
    expect(server.callsTo('POST', '/api/v1/claims')).toHaveLength(0)
  })

  test("the server's word on the date goes next to the date", async () => {
    const { fake } = setup({
      'POST /api/v1/claims': reply(422, errorBody('validation_error', 'Some of the information is not valid.', {
        fields: { occurred_at: ['This policy covers events from 2024-05-01 10:00 to 2024-05-31 10:00; pick a time inside it.'] },
      })),
    })
    const { page } = await loadPage('claim-new', { wx: fake.wx })

    await fill(page)
    await ui.tap(page, '.submit')

    await ui.waitForText(page, 'This policy covers events from 2024-05-01 10:00')
    expect(ui.text(ui.find(page, '.form-error'))).toContain('pick a time inside it.')
    expect(fake.calls('redirectTo')).toHaveLength(0)
  })

  test("a claim the server refuses is explained in the server's words", async () => {
    const { fake } = setup({ 'POST /api/v1/claims': reply(422, errorBody('validation_error', 'The date is outside the period of cover.')) })
    const { page } = await loadPage('claim-new', { wx: fake.wx })

    await fill(page)
    await ui.tap(page, '.submit')
    await ui.waitFor(page, () => fake.calls('showToast').length)

    expect(fake.calls('showToast')[0].title).toBe('The date is outside the period of cover.')
    expect(fake.calls('redirectTo')).toHaveLength(0)
  })

  test('without a policy there is nothing to claim on', async () => {
    const { fake } = setup({ 'GET /api/v1/policies': [] })
    const { page } = await loadPage('claim-new', { wx: fake.wx })

    expect(ui.text(page)).toContain(t('claim-new.noPolicies'))
    expect(ui.text(ui.find(page, '.shop'))).toBe(t('common.findCover'))
    expect(ui.exists(page, '.submit')).toBe(false)
  })

  test('a time in the future is refused before sending', async () => {
    const { server, fake } = setup()
    const { page } = await loadPage('claim-new', { wx: fake.wx })

    await ui.trigger(page, '#date-picker', 'change', { value: '2999-01-01' })
    await ui.type(page, '#amount', '100')
    await ui.type(page, '#description', 'Fell over.')
    await ui.tap(page, '.submit')

    expect(ui.text(ui.find(page, '.form-error'))).toBe(t('claim-new.inFuture'))
    expect(server.callsTo('POST', '/api/v1/claims')).toHaveLength(0)
  })

  // ---- what the policy pays for, and PDF e-invoices (issue 16) ------------------------

  const PRODUCTS = [
    { code: 'accident', name: 'Accident cover', claim_kinds: ['accident', 'other'], plans: [] },
    { code: 'medical', name: 'Hospital medical cover', claim_kinds: ['hospital', 'other'], plans: [] },
  ]
  const TYPED = [
    policy({ policy_no: 'RC1', product_code: 'accident', product_name: 'Accident cover', plan_name: '300,000 yuan cover' }),
    policy({ policy_no: 'RC2', product_code: 'medical', product_name: 'Hospital medical cover', plan_name: '500,000 yuan a year' }),
  ]

  test("only the kinds of claim the policy's product pays for are offered", async () => {
    const { server, fake } = setup({ 'GET /api/v1/policies': TYPED, 'GET /api/v1/products': PRODUCTS })
    const { page } = await loadPage('claim-new', { wx: fake.wx, query: { policy_no: 'RC1' } })

    expect(page.querySelectorAll('.kind').map(ui.text)).toEqual([t('labels.claimKind.accident'), t('labels.claimKind.other')])
    expect(ui.exists(page, '#kind-hospital')).toBe(false)

    await ui.trigger(page, '#policy-picker', 'change', { value: '1' })
    expect(page.querySelectorAll('.kind').map(ui.text)).toEqual([t('labels.claimKind.hospital'), t('labels.claimKind.other')])

    await ui.type(page, '#amount', '100')
    await ui.type(page, '#description', 'Two nights in hospital.')
    await ui.trigger(page, '#date-picker', 'change', { value: '2024-05-02' })
    await ui.tap(page, '.submit')
    await ui.waitFor(page, () => server.callsTo('POST', '/api/v1/claims').length)
    expect(server.callsTo('POST', '/api/v1/claims')[0].data).toMatchObject({ policy_no: 'RC2', kind: 'hospital' })
  })

  test('a PDF e-invoice is chosen from a chat and uploaded with the photos', async () => {
    const { fake, uploads } = setup()
    fake.answer('chooseMessageFile', () => ({ tempFiles: [{ path: '/tmp/e-invoice.pdf', name: 'e-invoice.pdf', size: 2048, type: 'file' }] }))
    const { page } = await loadPage('claim-new', { wx: fake.wx, query: { policy_no: 'RC2' } })

    await fill(page)
    expect(ui.text(ui.find(page, '.add-pdf'))).toBe(t('common.addPdf'))
    await ui.tap(page, '.add-pdf')
    expect(fake.calls('chooseMessageFile')[0]).toMatchObject({ type: 'file', extension: ['pdf'], count: 7 })
    await ui.tap(page, '.submit')
    await ui.waitFor(page, () => fake.calls('redirectTo').length)

    expect(uploads.map((u) => u.filePath)).toEqual(['/tmp/bill-1.jpg', '/tmp/bill-2.jpg', '/tmp/e-invoice.pdf'])
    expect(uploads.every((u) => u.name === 'files')).toBe(true)
  })
})
