#!/usr/bin/env node
/*
 * What WeChat DevTools' "Tools > Build npm" does for this project: copy each
 * mini-program package's build (the directory its package.json names in its
 * "miniprogram" field, else "miniprogram_dist") from node_modules/ into
 * miniprogram_npm/, where pages reach it as "/miniprogram_npm/<package>/...".
 *
 * For @vant/weapp that directory is lib/ (CommonJS; dist/ holds the same
 * components as ES modules), so DevTools, the phone and jest all load one copy.
 */
const fs = require('fs')
const path = require('path')

const ROOT = path.resolve(__dirname, '..')
const PACKAGES = ['@vant/weapp']

function build(name) {
  const pkgDir = path.join(ROOT, 'node_modules', name)
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'))
  const source = path.join(pkgDir, pkg.miniprogram || 'miniprogram_dist')
  const target = path.join(ROOT, 'miniprogram_npm', name)
  if (!fs.existsSync(source)) {
    throw new Error(`${name}: ${source} is missing; run npm install first`)
  }
  fs.rmSync(target, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(target), { recursive: true })
  fs.cpSync(source, target, { recursive: true })
  return { name, version: pkg.version, from: path.relative(ROOT, source) }
}

if (require.main === module) {
  for (const name of PACKAGES) {
    const done = build(name)
    console.log(`miniprogram_npm/${done.name}: ${done.name}@${done.version} from ${done.from}`)
  }
}

module.exports = { build, PACKAGES }
