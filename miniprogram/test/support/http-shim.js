// wx.request and wx.uploadFile over Node's http, for end-to-end tests against the
// real backend (jsdom has no fetch). Answers the way WeChat does: JSON bodies parsed
// for wx.request, the raw text for wx.uploadFile.

const fs = require('fs')
const http = require('http')
const path = require('path')
const crypto = require('crypto')

function send(url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks = []
      res.on('data', (chunk) => chunks.push(chunk))
      res.on('end', () => resolve({ statusCode: res.statusCode, text: Buffer.concat(chunks).toString('utf8'), header: res.headers }))
    })
    req.on('error', reject)
    req.setTimeout(30000, () => req.destroy(new Error('timeout')))
    if (body) req.write(body)
    req.end()
  })
}

function lowerKeys(header) {
  const out = {}
  Object.keys(header || {}).forEach((key) => {
    if (header[key] !== undefined) out[key.toLowerCase()] = header[key]
  })
  return out
}

async function request(opts) {
  const method = (opts.method || 'GET').toUpperCase()
  const headers = lowerKeys(opts.header)
  let url = opts.url
  let body = null
  if (opts.data !== undefined && opts.data !== null) {
    if (method === 'GET') {
      const query = new URLSearchParams(opts.data).toString()
      if (query) url += (url.includes('?') ? '&' : '?') + query
    } else {
      body = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data)
      headers['content-type'] = headers['content-type'] || 'application/json'
    }
  }
  if (body) headers['content-length'] = Buffer.byteLength(body)
  const res = await send(url, method, headers, body)
  let data = res.text
  if (opts.dataType !== 'text') {
    try {
      data = JSON.parse(res.text)
    } catch (err) {
      // WeChat hands over the text when it is not JSON
    }
  }
  return { statusCode: res.statusCode, data, header: res.header }
}

const TYPES = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.pdf': 'application/pdf' }

async function uploadFile(opts) {
  const boundary = '----redcover' + crypto.randomBytes(8).toString('hex')
  const parts = []
  Object.keys(opts.formData || {}).forEach((key) => {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${opts.formData[key]}\r\n`))
  })
  const filename = path.basename(opts.filePath)
  const type = TYPES[path.extname(filename).toLowerCase()] || 'application/octet-stream'
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${opts.name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`))
  parts.push(fs.readFileSync(opts.filePath))
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`))
  const body = Buffer.concat(parts)
  const headers = lowerKeys(opts.header)
  headers['content-type'] = 'multipart/form-data; boundary=' + boundary
  headers['content-length'] = body.length
  const res = await send(opts.url, 'POST', headers, body)
  return { statusCode: res.statusCode, data: res.text }
}

/** wx.downloadFile: the body saved to a temporary file, as WeChat does ({ statusCode, tempFilePath }). */
async function downloadFile(opts) {
  const url = new URL(opts.url)
  const res = await new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'GET', headers: lowerKeys(opts.header), agent: false }, (answer) => {
      const chunks = []
      answer.on('data', (chunk) => chunks.push(chunk))
      answer.on('end', () => resolve({ statusCode: answer.statusCode, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.setTimeout(60000, () => req.destroy(new Error('timeout')))
    req.end()
  })
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'redcover-download-'))
  const tempFilePath = path.join(dir, 'download')
  fs.writeFileSync(tempFilePath, res.body)
  return { statusCode: res.statusCode, tempFilePath }
}

module.exports = { request, uploadFile, downloadFile }
