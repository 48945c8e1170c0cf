// The real Redcover backend for end-to-end tests: started once by the e2e
// project's globalSetup in sandbox mode on a free port with a fresh var/ dir
// (SQLite and a private redis-server), and stopped with SIGINT at the end.

const fs = require('fs')
const net = require('net')
const os = require('os')
const path = require('path')
const crypto = require('crypto')
const { spawn } = require('child_process')
const httpShim = require('./http-shim')

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..')

// A partner the tests can sign insurer webhooks as (to move a claim along).
const PARTNER = { name: 'e2e-insurer', secret: 'e2e-insurer-secret-for-a-throwaway-local-server' }

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
  } catch (err) {
    return '(no log)'
  }
}

async function start() {
  const port = await freePort()
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redcover-e2e-'))
  const logFile = path.join(varDir, 'serve.log')
  const env = Object.assign({}, process.env, {
    PORT: String(port),
    REDCOVER_VAR_DIR: varDir,
    SANDBOX_NOTIFY_TIME_SCALE: '0.01',
    // A claims partner moves the claims of the insurer it names only: the seed's example insurer.
    PARTNER_SECRETS: JSON.stringify({
      [PARTNER.name]: { secret: PARTNER.secret, scopes: ['claims'], insurer: 'example' },
    }),
  })
  // The embedded default: SQLite in varDir and a private redis-server, never a shared database.
  delete env.DATABASE_URL
  delete env.REDIS_URL
  delete env.PUBLIC_BASE_URL
  const python = process.env.REDCOVER_PYTHON || 'python3'
  const log = fs.openSync(logFile, 'a')
  const child = spawn(python, [path.join(REPO_ROOT, 'scripts', 'serve.py')], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', log, log],
  })
  fs.closeSync(log)
  let exited = null
  child.on('exit', (code, signal) => {
    exited = { code, signal }
  })
  child.on('error', (err) => {
    exited = { error: err }
  })

  const baseUrl = 'http://127.0.0.1:' + port
  const deadline = Date.now() + 120000
  for (;;) {
    if (exited) {
      const log = tail(logFile, 40)
      fs.rmSync(varDir, { recursive: true, force: true })
      throw new Error(
        `The backend (${python} scripts/serve.py) exited before serving: ${JSON.stringify(exited)}. ` +
          'Set REDCOVER_PYTHON to a Python with the backend requirements (e.g. the repo .venv).\n' + log,
      )
    }
    try {
      const res = await httpShim.request({ url: baseUrl + '/healthz', method: 'GET' })
      if (res.statusCode === 200) break
    } catch (err) {
      // not up yet
    }
    if (Date.now() > deadline) {
      const log = tail(logFile, 40)
      await stop({ child, varDir, hasExited: () => !!exited })
      throw new Error('The backend did not answer /healthz within 120 s.\n' + log)
    }
    await sleep(250)
  }
  const openapi = await httpShim.request({ url: baseUrl + '/api/openapi.json', method: 'GET' })
  const paths = Object.keys((openapi.data && openapi.data.paths) || {})
  return { child, baseUrl, varDir, logFile, paths, hasExited: () => !!exited }
}

async function stop(backend) {
  if (!backend) return
  const { child } = backend
  if (!backend.hasExited()) {
    const done = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGINT')
    let timer
    const giveUp = new Promise((resolve) => {
      timer = setTimeout(() => resolve(false), 45000)
    })
    const stopped = await Promise.race([done.then(() => true), giveUp])
    clearTimeout(timer)
    if (!stopped) {
      child.kill('SIGKILL')
      await done
    }
  }
  fs.rmSync(backend.varDir, { recursive: true, force: true })
}

/** Sign a partner webhook body the way docs/api.md says. */
function partnerHeaders(rawBody) {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const signature = crypto.createHmac('sha256', PARTNER.secret).update(timestamp + '\n' + rawBody).digest('hex')
  return {
    'content-type': 'application/json',
    'x-redcover-partner': PARTNER.name,
    'x-redcover-timestamp': timestamp,
    'x-redcover-signature': signature,
  }
}

module.exports = { start, stop, partnerHeaders, PARTNER, REPO_ROOT }
