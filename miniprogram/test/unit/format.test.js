const format = require('../../utils/format')

test('dates are shown in Beijing time whatever the offset they come with', () => {
  expect(format.date('2024-05-01T16:30:00+00:00')).toBe('2024-05-02')
  expect(format.dateTime('2024-05-01T16:30:00+00:00')).toBe('2024-05-02 00:30')
  expect(format.dateTime('2024-05-02T00:30:00+08:00')).toBe('2024-05-02 00:30')
})

test('nothing to show for a missing or unreadable date', () => {
  expect(format.date(null)).toBe('')
  expect(format.dateTime('not a date')).toBe('')
})

test('a date and time picked in Beijing becomes ISO 8601 with its offset', () => {
  expect(format.beijingIso('2024-05-02', '00:30')).toBe('2024-05-02T00:30:00+08:00')
  expect(Date.parse(format.beijingIso('2024-05-02', '00:30'))).toBe(Date.parse('2024-05-01T16:30:00Z'))
})
