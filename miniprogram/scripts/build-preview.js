#!/usr/bin/env node
/*
 * Bundles the browser preview's runtime (app/preview/runtime/: Tencent's j-component, the
 * built-in tags, the `wx` layer and the phone around the pages) with esbuild into
 * app/preview/static/runtime.js, which is committed so that a server without Node serves
 * /preview/. The first line records a hash of the inputs: the runtime's sources and the
 * version of each package bundled and of esbuild (as package-lock.json pins them);
 * tests/preview/test_runtime_build.py recomputes it and fails when the committed build is stale.
 */
const crypto = require('crypto')
const fs = require('fs')
const path = require('path')
const esbuild = require('esbuild')

const ROOT = path.resolve(__dirname, '..')
const SOURCE = path.resolve(ROOT, '..', 'app', 'preview', 'runtime')
const OUTFILE = path.resolve(ROOT, '..', 'app', 'preview', 'static', 'runtime.js')

function sources() {
  return fs.readdirSync(SOURCE).filter((name) => name.endsWith('.js')).sort()
}

/** The packages esbuild took from node_modules, by name. */
function bundledPackages(metafile) {
  const names = new Set()
  for (const input of Object.keys(metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)
    if (match) names.add(match[1])
  }
  return Array.from(names).sort()
}

/** sha256 over "<file>\0<sha256>\n" per runtime source, then "<package>@<locked version>\n" per package. */
function inputsHash(packages) {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'))
  const hash = crypto.createHash('sha256')
  for (const name of sources()) {
    const digest = crypto.createHash('sha256').update(fs.readFileSync(path.join(SOURCE, name))).digest('hex')
    hash.update(name + '\0' + digest + '\n')
  }
  for (const name of packages) hash.update(name + '@' + lock.packages['node_modules/' + name].version + '\n')
  return hash.digest('hex')
}

async function main() {
  const result = await esbuild.build({
    entryPoints: [path.join(SOURCE, 'index.js')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100'],
    define: { global: 'window' },
    nodePaths: [path.join(ROOT, 'node_modules')],
    legalComments: 'none',
    metafile: true,
    write: false,
  })
  // The bundler's version is an input too: another esbuild may write another bundle.
  const packages = bundledPackages(result.metafile).concat(['esbuild']).sort()
  const header = `/* redcover-preview-runtime inputs-sha256=${inputsHash(packages)} packages=${packages.join(',')} */\n`
  fs.writeFileSync(OUTFILE, header + result.outputFiles[0].text)
  console.log(`${path.relative(process.cwd(), OUTFILE)}: ${packages.join(', ')}`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
