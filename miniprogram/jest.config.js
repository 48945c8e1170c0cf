// Unit tests drive each page against a small fake of the API; end-to-end tests
// drive the same pages against the real backend, started once for them.
const common = {
  testEnvironment: 'jsdom',
  // miniprogram_npm/ holds Vant as WeChat loads it: never transform it.
  transformIgnorePatterns: ['/node_modules/', '/miniprogram_npm/'],
  transform: {},
  // A call that breaks one of WeChat's limits fails its test (test/support/wx.js).
  // Each test's pages are closed after it, so nothing it left waiting reaches the next test's server.
  setupFilesAfterEnv: ['<rootDir>/test/support/limits.js', '<rootDir>/test/support/close-pages.js'],
}

module.exports = {
  // Pages render in a simulated WeChat: on a busy machine a test may take a few seconds.
  testTimeout: 20000,
  projects: [
    Object.assign({}, common, {
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.js'],
    }),
    Object.assign({}, common, {
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.js'],
      globalSetup: '<rootDir>/test/e2e/setup.js',
      globalTeardown: '<rootDir>/test/e2e/teardown.js',
      setupFilesAfterEnv: common.setupFilesAfterEnv.concat(['<rootDir>/test/e2e/timeout.js']),
    }),
  ],
}
