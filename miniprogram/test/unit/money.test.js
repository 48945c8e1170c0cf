const { createWx } = require('../support/wx')
const { loadModule } = require('../support/page')

const money = loadModule('utils/money.js', { wx: createWx().wx })

function moneyIn(language) {
  return loadModule('utils/money.js', { wx: createWx({ language }).wx })
}

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

// [fen, period, from, zh-CN, en]
const PRICES = [
  [500, 'month', false, '5元/月', '¥5.00 / month'],
  [500, 'month', true, '5元/月起', 'From ¥5.00 / month'],
  [6000, 'year', false, '60元/年', '¥60.00 / year'],
  [1050, 'trip', false, '10.50元/次', '¥10.50 / trip'],
  [150000, 'year', false, '1500元/年', '¥1,500.00 / year'],
]

// [fen, zh-CN, en]: 10,000 yuan and more as 万元 in Chinese, exactly.
const COVER = [
  [100000, '1000元', '1,000 yuan'],
  [999900, '9999元', '9,999 yuan'],
  [1000000, '1万元', '10,000 yuan'],
  [1500000, '1.5万元', '15,000 yuan'],
  [1234500, '1.2345万元', '12,345 yuan'],
  [1005000, '1.005万元', '10,050 yuan'],
  [30000000, '30万元', '300,000 yuan'],
  [100000000, '100万元', '1,000,000 yuan'],
  [200000000, '200万元', '2,000,000 yuan'],
  [1000050, '10000.50元', '10,000.50 yuan'],
]

describe.each([['zh-CN', 3, 1], ['en', 4, 2]])('amounts in %s', (language, priceColumn, coverColumn) => {
  let m
  beforeAll(() => {
    m = moneyIn(language)
  })

  test.each([
    [500, '¥5.00'],
    [1050, '¥10.50'],
    [123456789, '¥1,234,567.89'],
  ])('%i fen paid reads %s', (fen, shown) => {
    expect(m.amount(fen)).toBe(shown)
  })

  test.each(PRICES)('%i fen a %s (from: %s)', (...row) => {
    expect(m.price(row[0], row[1], row[2])).toBe(row[priceColumn])
  })

  test.each(COVER)('%i fen of cover', (...row) => {
    expect(m.coverage(row[0])).toBe(row[coverColumn])
  })
})
