// Where the mini-program finds its backend. The server rewrites this file when it
// serves /miniprogram.zip; keep it a plain module exporting { baseUrl, sandbox }.
// sandbox: log in with "sandbox:<name>" codes and pay through the server's WeChat sandbox.
module.exports = {
  baseUrl: 'http://127.0.0.1:8000',
  sandbox: true,
}
