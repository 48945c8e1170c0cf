// After every test: a call that broke one of WeChat's documented limits (a dialog
// button over 4 characters, an action sheet over 6 items, a toast title too long for
// its icon) fails the test, even if the page swallowed the failure. See wx.js.
const { takeViolations } = require('./wx')

beforeEach(() => {
  takeViolations()
})

afterEach(() => {
  const broken = takeViolations()
  if (broken.length) throw new Error("WeChat's limits were broken:\n" + broken.join('\n'))
})
