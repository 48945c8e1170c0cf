// Subscribe messages: WeChat lets us message a user once per opt-in. We ask when
// it matters (a claim is filed) and tell the server what the user chose.

const api = require('./api')

let templatesPromise = null

/** The subscribe template ids for `topic` events (e.g. "claim"), from /api/v1/config. */
function templatesFor(topic) {
  if (!templatesPromise) {
    templatesPromise = api.get('/api/v1/config', { auth: false }).then(
      (config) => config.subscribe_templates || {},
      () => {
        templatesPromise = null
        return {}
      },
    )
  }
  return templatesPromise.then((templates) =>
    Object.keys(templates)
      .filter((event) => event.indexOf(topic) >= 0)
      .map((event) => templates[event])
      .slice(0, 3), // WeChat asks about at most three at once
  )
}

/**
 * Ask the user (call straight from a tap: WeChat refuses otherwise) and record the
 * answer. Never fails: updates are a courtesy, not a step the user must pass.
 */
function ask(templateIds) {
  if (!templateIds || !templateIds.length) return Promise.resolve(null)
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: templateIds,
      success: resolve,
      fail: () => resolve(null),
    })
  }).then((answer) => {
    if (!answer) return null
    const choices = {}
    templateIds.forEach((id) => {
      if (answer[id] === 'accept' || answer[id] === 'reject') choices[id] = answer[id]
    })
    if (!Object.keys(choices).length) return null
    return api.post('/api/v1/subscriptions', { template_ids: choices }).then(() => choices, () => null)
  })
}

module.exports = { templatesFor, ask }
