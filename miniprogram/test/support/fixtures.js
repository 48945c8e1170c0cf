// API answers shaped like the real backend's, for unit tests.

const INSURER = { name: 'Example Insurance Co., Ltd.', licence_no: 'PLACEHOLDER-0000', hotline: '95500', complaint_channel: 'Call 95500', address: '18/F, Example Tower, 100 Example Road, Pudong New Area, Shanghai (not a real address)' }

/** A product's documents, as the API lists them (the current version of each). */
function documents(productCode, extra) {
  const docs = [
    ['clauses', 'Policy terms'],
    ['purchase_notice', 'Before you buy'],
    ['exclusions', 'What we do not pay'],
    ['privacy_consent', 'Use of your personal information'],
  ].concat(extra || [])
  return docs.map(([code, title]) => ({
    code, version: '2026-12-01', title, required: true,
    url: 'http://redcover.test/documents/' + productCode + '/' + code + '/2026-12-01',
  }))
}

const ACCIDENT = {
  code: 'accident',
  name: 'Accident cover',
  category: 'accident',
  summary: 'From 5 yuan a month: pays out if an accident injures you, disables you or takes your life.',
  plans: [
    { id: 1, code: 'accident-basic', name: '300,000 yuan cover', premium_fen: 500, coverage_fen: 30000000, period: 'month', term_days: 30, age_min: 18, age_max: 60, waiting_period_days: 0 },
    { id: 2, code: 'accident-plus', name: '1,000,000 yuan cover', premium_fen: 1600, coverage_fen: 100000000, period: 'month', term_days: 30, age_min: 18, age_max: 60, waiting_period_days: 0 },
  ],
  covered: ['Death from an accident: we pay the full sum insured.', 'Traffic, falls, burns, dog bites, sports injuries: all count as accidents.'],
  not_covered: ['Illness, even a sudden one, is not an accident.', 'Extreme sports such as skydiving.'],
  insurer: INSURER,
  documents: documents('accident'),
  health_questions: [],
  claim_kinds: ['accident', 'other'],
  faq: [
    { q: 'When does my cover start?', a: 'As soon as you have paid and the policy is issued.' },
    { q: 'Can I change my mind?', a: 'Yes. Within 15 days of buying you can cancel and get all your money back.' },
  ],
}

const GIFT = {
  code: 'gift-accident',
  name: 'Gift accident cover',
  category: 'gift',
  summary: 'Accident cover you give to friends in a red envelope: 30 days, 2 fen per 1,000 yuan of cover.',
  insurer: INSURER,
  documents: documents('gift-accident'),
  health_questions: [],
  claim_kinds: ['accident', 'other'],
  plans: [{ id: 5, code: 'gift-accident-30d', name: '30 days of accident cover', premium_fen: 2, coverage_fen: 100000, period: 'month', term_days: 30, age_min: 18, age_max: 60, waiting_period_days: 0 }],
}

// A medical product: its health questions belong to the health_declaration document.
const MEDICAL = {
  code: 'medical', name: 'Hospital medical cover', category: 'medical', summary: '60 yuan a year.',
  plans: [{ id: 3, code: 'medical-basic', name: '500,000 yuan a year', premium_fen: 6000, coverage_fen: 50000000, period: 'year', term_days: 365, age_min: 0, age_max: 65, waiting_period_days: 30 }],
  covered: ['Hospital bills over 10,000 yuan a year.'],
  not_covered: ['Conditions you had before you bought the cover.'],
  insurer: INSURER,
  documents: documents('medical', [['health_declaration', 'Health declaration']]),
  health_questions: [
    { code: 'hospitalised_2y', text: 'Have you stayed in hospital in the past two years?' },
    { code: 'serious_illness', text: 'Have you ever had cancer, a stroke or heart disease?' },
  ],
  claim_kinds: ['hospital', 'other'],
}

// Saved insured persons, as GET /api/v1/insured-persons lists them.
const PERSONS = [
  { id: 7, relation: 'self', name_masked: '王*', id_number_masked: '110105********0017', age: 36 },
  { id: 8, relation: 'parent', name_masked: '张*', id_number_masked: '110105********002X', age: 76 },
]

// Valid GB 11643 numbers: born 1990-03-07 (age 18-60 for years to come) and 1949-12-31.
const ID_1990 = '110105199003070017'
const ID_1949 = '11010519491231002X'

const PAY_PARAMS = {
  timeStamp: '1732600000',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx26prepay123',
  signType: 'MD5',
  paySign: 'ABCDEF',
}

function policy(overrides) {
  return Object.assign(
    {
      policy_no: 'RC2024000001',
      product_code: 'accident',
      product_name: 'Accident cover',
      plan_name: '300,000 yuan cover',
      coverage_fen: 30000000,
      status: 'active',
      starts_at: '2024-05-01T02:00:00+00:00',
      ends_at: '2024-05-31T02:00:00+00:00',
      source: 'purchase',
      cancelled_at: null,
    },
    overrides,
  )
}

module.exports = { INSURER, MEDICAL, PERSONS, documents, ACCIDENT, GIFT, ID_1990, ID_1949, PAY_PARAMS, policy }
