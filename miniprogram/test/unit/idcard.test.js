const { createWx } = require('../support/wx')
const { loadModule } = require('../support/page')
const { ID_1990, ID_1949 } = require('../support/fixtures')
const { LANGUAGES, words } = require('../support/i18n')

const idcard = loadModule('utils/idcard.js', { wx: createWx().wx })

test('accepts valid numbers and reads the birth date', () => {
  expect(idcard.parse(ID_1949)).toEqual({ ok: true, id: ID_1949, birthDate: '1949-12-31' })
  expect(idcard.parse(ID_1990)).toEqual({ ok: true, id: ID_1990, birthDate: '1990-03-07' })
})

test('a lower-case x and stray spaces are fine', () => {
  expect(idcard.parse(' 11010519491231002x ').id).toBe(ID_1949)
})

test('computes the GB 11643 check character', () => {
  expect(idcard.checkChar('11010519491231002')).toBe('X')
  expect(idcard.checkChar('11010519900307001')).toBe('7')
})

describe.each(LANGUAGES)('in %s', (language) => {
  const t = words(language)
  const parse = (text) => loadModule('utils/idcard.js', { wx: createWx({ language }).wx }).parse(text)

  test.each([
    ['', 'idcard.empty'],
    ['1101051949123100', 'idcard.format'],
    ['11010519491231002Y', 'idcard.format'],
    ['110105194902300021', 'idcard.birthDate'],
    ['110105199003070018', 'idcard.checksum'],
  ])('%j is refused (%s)', (text, key) => {
    expect(parse(text)).toEqual({ ok: false, message: t(key) })
  })
})

test('age counts whole years, birthday included', () => {
  expect(idcard.ageOn('1990-03-07', '2024-03-06')).toBe(33)
  expect(idcard.ageOn('1990-03-07', '2024-03-07')).toBe(34)
  expect(idcard.ageOn('1949-12-31', '2024-06-01')).toBe(74)
})
