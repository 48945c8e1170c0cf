// Ask again until the answer is final: a paid order waits for WeChat's payment
// notification to reach the server, which takes a moment.

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Call `load()` until `done(value)` holds, `stopped()` holds (the page closed) or
 * `timeoutMs` passes. Resolves { value, done }. A failed load is retried.
 */
async function poll(load, done, options) {
  const opts = Object.assign({ intervalMs: 1000, timeoutMs: 30000, stopped: () => false }, options)
  const deadline = Date.now() + opts.timeoutMs
  let value
  let lastError = null
  for (;;) {
    try {
      value = await load()
      lastError = null
      if (done(value)) return { value, done: true }
    } catch (err) {
      lastError = err
    }
    if (opts.stopped() || Date.now() + opts.intervalMs > deadline) break
    await sleep(opts.intervalMs)
    // The page may have closed while we slept: it asks nothing more once the user has left.
    if (opts.stopped()) break
  }
  if (lastError && value === undefined) throw lastError
  return { value, done: false }
}

module.exports = { poll, sleep }
