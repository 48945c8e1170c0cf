const idcard = require('../../utils/idcard')
const { ID_1990, ID_1949 } = require('../support/fixtures')

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

test.each([
  ['', 'Please enter the ID number.'],
  ['1101051949123100', 'An ID number has 18 characters: 17 digits, then a digit or X.'],
  ['11010519491231002Y', 'An ID number has 18 characters: 17 digits, then a digit or X.'],
  ['110105194902300021', 'The birth date in this ID number does not exist.'],
  ['110105199003070018', 'This ID number is not valid; please check it for a typo.'],
])('%j is refused: %s', (text, message) => {
  expect(idcard.parse(text)).toEqual({ ok: false, message })
})

test('age counts whole years, birthday included', () => {
  expect(idcard.ageOn('1990-03-07', '2024-03-06')).toBe(33)
  expect(idcard.ageOn('1990-03-07', '2024-03-07')).toBe(34)
  expect(idcard.ageOn('1949-12-31', '2024-06-01')).toBe(74)
})
