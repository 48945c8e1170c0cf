// utils/agreement.js: what the order says the buyer agreed to, and when.
const { createWx } = require('../support/wx')
const { loadModule } = require('../support/page')
const { MEDICAL } = require('../support/fixtures')

function load() {
  return loadModule('utils/agreement.js', { wx: createWx({ request: () => ({ statusCode: 404, data: {} }) }).wx })
}

test('the moment of the tick is ISO 8601 with the phone\'s own offset, and names the same instant', () => {
  const agreement = load()
  const now = new Date('2026-12-06T02:15:02.345Z')
  const text = agreement.isoWithOffset(now)

  expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/)
  expect(Date.parse(text)).toBe(Date.parse('2026-12-06T02:15:02Z'))
})

test('every document shown is accepted at its own version, at the one moment of the tick', () => {
  const agreement = load()
  const docs = agreement.documents(MEDICAL)

  expect(agreement.accepted(docs, '2026-12-06T10:15:02+08:00')).toEqual(MEDICAL.documents.map((d) => ({
    code: d.code, version: d.version, accepted_at: '2026-12-06T10:15:02+08:00',
  })))
})

test('a title that names the product in 《》 nests inside the link\'s own 《》 as 〈〉, in Chinese', () => {
  const agreement = load()
  const product = { documents: [{ code: 'clauses', version: '1.0', title: '《红包意外保障》保险条款', url: '/d/1' }] }

  expect(agreement.documents(product)[0].link).toBe('《〈红包意外保障〉保险条款》')
  expect(agreement.documents(product)[0].title).toBe('《红包意外保障》保险条款') // the document page's own title
})

test('health: unanswered until every question has an answer, declined on any yes, answers as booleans', () => {
  const agreement = load()
  const qs = agreement.questions(MEDICAL)

  expect(qs.every((q) => q.answer === '')).toBe(true)
  expect(agreement.health(qs)).toBe('unanswered')
  qs[0].answer = 'no'
  expect(agreement.health(qs)).toBe('unanswered')
  qs[1].answer = 'yes'
  expect(agreement.health(qs)).toBe('declined')
  qs[1].answer = 'no'
  expect(agreement.health(qs)).toBe('ok')
  expect(agreement.answers(qs)).toEqual({ hospitalised_2y: false, serious_illness: false })
})

test('the client names the build, the page and the platform in short strings', () => {
  const agreement = load()

  expect(agreement.client('order-2')).toEqual({ app_version: agreement.APP_VERSION, page_version: 'order-2', platform: 'devtools' })
})
