const { createWx } = require('../support/wx')
const { loadModule } = require('../support/page')

function format(language) {
  return loadModule('utils/format.js', { wx: createWx({ language }).wx })
}

describe.each([
  ['zh-CN', { date: '2024年5月2日', dateTime: '2024年5月2日 00:30', day: '2026年12月6日', range: '2024年5月2日至2024年6月1日', coverEnd: '2024年6月1日 24:00' }],
  ['en', { date: '2 May 2024', dateTime: '2 May 2024, 00:30', day: '6 Dec 2026', range: '2 May 2024 to 1 Jun 2024', coverEnd: '1 Jun 2024, 24:00' }],
])('in %s', (language, shown) => {
  test('dates are shown in Beijing time whatever the offset they come with', () => {
    const f = format(language)
    expect(f.date('2024-05-01T16:30:00+00:00')).toBe(shown.date)
    expect(f.dateTime('2024-05-01T16:30:00+00:00')).toBe(shown.dateTime)
    expect(f.dateTime('2024-05-02T00:30:00+08:00')).toBe(shown.dateTime)
  })

  test('a picked day and a span of dates read the same way', () => {
    const f = format(language)
    expect(f.day('2026-12-06')).toBe(shown.day)
    expect(f.range('2024-05-01T16:30:00+00:00', '2024-05-31T16:30:00+00:00')).toBe(shown.range)
  })

  test('cover that ends at midnight ends at 24:00 of its last day, as the e-policy says', () => {
    // 00:00 on 8 June read as a day more than the cover gives.
    const f = format(language)
    const end = '2024-06-01T16:00:00+00:00' // 2 June 00:00 in Beijing
    expect(f.coverEnd(end)).toBe(shown.coverEnd)
    expect(f.range('2024-05-01T16:30:00+00:00', end)).toBe(shown.range)
    expect(f.coverEnd('2024-06-01T16:30:00+00:00')).toBe(f.dateTime('2024-06-01T16:30:00+00:00'))
  })

  test('nothing to show for a missing or unreadable date', () => {
    const f = format(language)
    expect(f.date(null)).toBe('')
    expect(f.dateTime('not a date')).toBe('')
    expect(f.day('')).toBe('')
  })
})

test('every month has its name', () => {
  const months = [...Array(12).keys()].map((m) => '2024-' + String(m + 1).padStart(2, '0') + '-15T04:00:00+00:00')
  expect(months.map(format('en').date)).toEqual(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m) => '15 ' + m + ' 2024'))
  expect(months.map(format('zh-CN').date)).toEqual([...Array(12).keys()].map((m) => '2024年' + (m + 1) + '月15日'))
})

test('a date and time picked in Beijing becomes ISO 8601 with its offset', () => {
  const f = format('zh-CN')
  expect(f.beijingIso('2024-05-02', '00:30')).toBe('2024-05-02T00:30:00+08:00')
  expect(Date.parse(f.beijingIso('2024-05-02', '00:30'))).toBe(Date.parse('2024-05-01T16:30:00Z'))
  expect(f.nowInBeijing().date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
})
