// Share cards that credit the sharer: each share link carries a share_token of
// the sharer's own (POST /api/v1/shares), so friends who come through it, and what
// they buy, are attributed to them.

const api = require('./api')

function withToken(path, token) {
  if (!token) return path
  return path + (path.indexOf('?') >= 0 ? '&' : '?') + 'share_token=' + encodeURIComponent(token)
}

/**
 * What onShareAppMessage returns: the plain card at once, and (WeChat waits up to
 * three seconds for it) the same card with our share token. `viaShareToken` is the
 * token we arrived through, if any, so a forward is recorded as one.
 */
function shareMessage(title, path, kind, target, viaShareToken) {
  const plain = { title, path }
  const body = { kind, target }
  if (viaShareToken) body.via_share_token = viaShareToken
  return Object.assign({}, plain, {
    promise: api.post('/api/v1/shares', body).then(
      (share) => ({ title, path: withToken(path, share && share.share_token) }),
      () => plain,
    ),
  })
}

module.exports = { shareMessage, withToken }
