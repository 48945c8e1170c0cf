// Start the real backend once for every end-to-end test file.
const backend = require('../support/backend')

module.exports = async () => {
  const started = await backend.start()
  globalThis.__REDCOVER_BACKEND__ = started
  // Test files run in workers spawned after this: they read these.
  process.env.REDCOVER_E2E_URL = started.baseUrl
}
