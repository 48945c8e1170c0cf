// After every test, the pages it opened are closed (see closePages in page.js).
const { closePages } = require('./page')

afterEach(() => {
  closePages()
})
