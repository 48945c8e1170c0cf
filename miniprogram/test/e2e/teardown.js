const backend = require('../support/backend')

module.exports = async () => {
  await backend.stop(globalThis.__REDCOVER_BACKEND__)
}
