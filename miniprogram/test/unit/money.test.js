const money = require('../../utils/money')

describe('yuan(fen)', () => {
  test.each([
    [0, '0'],
    [2, '0.02'],
    [500, '5'],
    [550, '5.50'],
    [1050, '10.50'],
    [100000, '1,000'],
    [30000000, '300,000'],
    [123456789, '1,234,567.89'],
    [-1600, '-16'],
  ])('%i fen is shown as %s yuan', (fen, shown) => {
    expect(money.yuan(fen)).toBe(shown)
  })

  test('refuses anything but whole fen, so a float never reaches the screen', () => {
    expect(() => money.yuan(5.5)).toThrow(TypeError)
    expect(() => money.yuan('abc')).toThrow(TypeError)
  })
})

describe('parseYuan(text)', () => {
  test.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.05', 1205],
    [' 1,000 ', 100000],
    ['0.01', 1],
    ['0.1', 10],
  ])('%j yuan is %i fen', (text, fen) => {
    expect(money.parseYuan(text)).toBe(fen)
  })

  test.each(['', 'abc', '12.345', '-5', '1e3', '12.', null, undefined])('%j is not an amount', (text) => {
    expect(money.parseYuan(text)).toBeNull()
  })

  test('0.29 yuan is exactly 29 fen (no floating-point drift)', () => {
    expect(money.parseYuan('0.29')).toBe(29)
    expect(money.parseYuan('1234567.89')).toBe(123456789)
  })
})
