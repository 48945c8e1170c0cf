#!/usr/bin/env node
/*
 * What WeChat DevTools' "Tools > Build npm" does for this project: copy each
 * mini-program package's build (the directory its package.json names in its
 * "miniprogram" field, else "miniprogram_dist") from node_modules/ into
 * miniprogram_npm/, where pages reach it as "/miniprogram_npm/<package>/...".
 *
 * For @vant/weapp that directory is lib/ (CommonJS; dist/ holds the same
 * components as ES modules), so DevTools, the phone and jest all load one copy.
 *
 * miniprogram_npm/ is committed, so that the server's /miniprogram.zip and /preview/
 * carry Vant on a machine without Node. miniprogram_npm/build.json records what was
 * built: each package's version (as package-lock.json pins it) and a hash of its files;
 * tests/bundle/test_vendored_npm.py fails when either has drifted.
 */
const crypto = require('crypto')
const fs = require('fs')
const path = require('path')

const ROOT = path.resolve(__dirname, '..')
const OUTPUT = path.join(ROOT, 'miniprogram_npm')
const PACKAGES = ['@vant/weapp']

/** Every file under `dir`, as sorted posix paths relative to it. */
function listFiles(dir, prefix) {
  const out = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? prefix + '/' + entry.name : entry.name
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel))
    else if (entry.isFile()) out.push(rel)
  }
  return out.sort()
}

/** sha256 over "<path>\0<sha256 of the file>\n" for each file, in sorted order (the Python test does the same). */
function treeHash(dir) {
  const hash = crypto.createHash('sha256')
  for (const rel of listFiles(dir, '')) {
    const digest = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, rel))).digest('hex')
    hash.update(rel + '\0' + digest + '\n')
  }
  return hash.digest('hex')
}

function build(name) {
  const pkgDir = path.join(ROOT, 'node_modules', name)
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'))
  const source = path.join(pkgDir, pkg.miniprogram || 'miniprogram_dist')
  const target = path.join(OUTPUT, name)
  if (!fs.existsSync(source)) {
    throw new Error(`${name}: ${source} is missing; run npm install first`)
  }
  fs.rmSync(target, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(target), { recursive: true })
  fs.cpSync(source, target, { recursive: true })
  const from = path.relative(ROOT, source).split(path.sep).join('/')
  return { name, version: pkg.version, from, sha256: treeHash(target) }
}

/**
 * Whether miniprogram_npm/ is what node_modules/ builds: a line per package that is not (none: it is).
 * `npm test` checks this first, so a Vant update whose build was not committed fails where npm ran.
 */
function check() {
  const manifest = JSON.parse(fs.readFileSync(path.join(OUTPUT, 'build.json'), 'utf8'))
  const problems = []
  for (const name of PACKAGES) {
    const pkgDir = path.join(ROOT, 'node_modules', name)
    const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'))
    const built = manifest[name]
    if (!built) {
      problems.push(`${name}: not in miniprogram_npm/build.json`)
    } else if (built.version !== pkg.version) {
      problems.push(`${name}: built from ${built.version}, but node_modules holds ${pkg.version}`)
    } else if (treeHash(path.join(pkgDir, pkg.miniprogram || 'miniprogram_dist')) !== built.sha256 ||
               treeHash(path.join(OUTPUT, name)) !== built.sha256) {
      problems.push(`${name}: miniprogram_npm/${name} is not what node_modules/${name} builds`)
    }
  }
  return problems
}

if (require.main === module && process.argv.includes('--check')) {
  const problems = check()
  for (const line of problems) console.error(line)
  if (problems.length) {
    console.error('run `npm run build:npm` and commit miniprogram_npm/')
    process.exit(1)
  }
} else if (require.main === module) {
  const manifest = {}
  for (const name of PACKAGES) {
    const done = build(name)
    manifest[done.name] = { version: done.version, from: done.from, sha256: done.sha256 }
    console.log(`miniprogram_npm/${done.name}: ${done.name}@${done.version} from ${done.from}`)
  }
  fs.writeFileSync(path.join(OUTPUT, 'build.json'), JSON.stringify(manifest, null, 2) + '\n')
}

module.exports = { build, check, treeHash, PACKAGES }
