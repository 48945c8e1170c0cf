// The string tables and the code that reads them: both languages say everything, in
// the same places, with no words left in WXML or JS, and within WeChat's limits.

const fs = require('fs')
const path = require('path')
const { createWx, breach, takeViolations } = require('../support/wx')
const { loadModule, ROOT } = require('../support/page')

const TABLES = {
  'zh-CN': require('../../i18n/zh-CN'),
  en: require('../../i18n/en'),
}
const APP = require('../../app.json')
const PAGES = APP.pages.map((p) => p.split('/')[1])

// ---- reading the tables and the sources ---------------------------------------

/** An entry English pluralises: { one, other }. */
function isPlural(node) {
  return !!node && typeof node === 'object' && !Array.isArray(node) && typeof node.other === 'string' &&
    Object.keys(node).every((k) => k === 'one' || k === 'other')
}

/** Every entry as [key, value]: a value is a string or a plural { one, other }. */
function entries(node, prefix) {
  if (typeof node === 'string' || isPlural(node)) return [[prefix, node]]
  return Object.keys(node).flatMap((k) => entries(node[k], prefix ? prefix + '.' + k : k))
}

function forms(value) {
  return typeof value === 'string' ? [value] : Object.values(value)
}

// The ways one number may be written ({yuan}, {plain}, {fixed}, {wan}): a language
// picks its own, so placeholders are compared with these as one.
const NUMBER_FORMS = ['yuan', 'plain', 'fixed', 'wan']

function placeholders(value) {
  const names = new Set()
  forms(value).forEach((text) => {
    for (const m of text.matchAll(/\{(\w+)\}/g)) names.add(NUMBER_FORMS.includes(m[1]) ? '<number>' : m[1])
  })
  return [...names].sort()
}

const keyed = {}
Object.keys(TABLES).forEach((lang) => {
  keyed[lang] = new Map(entries(TABLES[lang], ''))
})

function files(dir, ext) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name)
    if (d.isDirectory()) return files(full, ext)
    return d.name.endsWith(ext) ? [full] : []
  })
}

// Pages and our own components (components/<name>/<name>: its words are the table's <name> section).
const JS_SOURCES = [path.join(ROOT, 'app.js')].concat(files(path.join(ROOT, 'utils'), '.js'), files(path.join(ROOT, 'pages'), '.js'),
  files(path.join(ROOT, 'components'), '.js'))
const WXML_SOURCES = files(path.join(ROOT, 'pages'), '.wxml').concat(files(path.join(ROOT, 'components'), '.wxml'))

function withoutComments(js) {
  return js.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1')
}

function stringLiterals(js) {
  return [...withoutComments(js).matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1] || m[2] || m[3] || '')
}

const relative = (file) => path.relative(ROOT, file)
const pageOf = (file) => path.basename(file, '.wxml')

/** Keys a WXML binds: t.<key> -> "<page>.<key>" or "common.<key>". */
function wxmlKeys(file) {
  const text = fs.readFileSync(file, 'utf8')
  const page = pageOf(file)
  return [...text.matchAll(/\bt\.([A-Za-z]\w*)/g)].map((m) => (TABLES['zh-CN'][page] && m[1] in TABLES['zh-CN'][page] ? page : 'common') + '.' + m[1])
}

/** The first argument of a call whose name ends at `start`: the source up to its first top-level comma. */
function firstArgument(js, start) {
  let depth = 0
  let quote = null
  for (let i = start; i < js.length; i++) {
    const ch = js[i]
    if (quote) {
      if (ch === '\\') i++
      else if (ch === quote) quote = null
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch
    else if ('([{'.includes(ch)) depth++
    else if (')]}'.includes(ch) && depth-- === 0) return js.slice(start, i)
    else if (ch === ',' && depth === 0) return js.slice(start, i)
  }
  return ''
}

/** Keys (and key prefixes, ending in ".") the JS passes to i18n.t(), label() and labels(). */
function jsKeys() {
  const keys = []
  JS_SOURCES.forEach((file) => {
    const js = withoutComments(fs.readFileSync(file, 'utf8'))
    for (const m of js.matchAll(/\b(?:i18n\.)?(t|translate)\(/g)) {
      const arg = firstArgument(js, m.index + m[0].length)
      // translate(language, key, ...): the key is the second argument.
      const keyArg = m[1] === 'translate' ? firstArgument(js, m.index + m[0].length + arg.length + 1) : arg
      // Literals with a dot are keys ("order.doneTitle") or prefixes ("titles."); others are codes.
      stringLiterals(keyArg).filter((s) => s.includes('.')).forEach((s) => keys.push({ key: s, file }))
    }
    for (const m of js.matchAll(/\bi18n\.labels?\(\s*'(\w+)'/g)) keys.push({ key: 'labels.' + m[1] + '.', file })
  })
  return keys
}

// ---- the tables say the same things ---------------------------------------------

test('both tables have the same keys', () => {
  const zh = [...keyed['zh-CN'].keys()].sort()
  const en = [...keyed.en.keys()].sort()
  expect(zh.filter((k) => !keyed.en.has(k))).toEqual([])
  expect(en.filter((k) => !keyed['zh-CN'].has(k))).toEqual([])
})

test('a key takes the same {placeholders} in both languages', () => {
  const differ = [...keyed.en.keys()]
    .filter((k) => keyed['zh-CN'].has(k))
    .filter((k) => JSON.stringify(placeholders(keyed.en.get(k))) !== JSON.stringify(placeholders(keyed['zh-CN'].get(k))))
    .map((k) => k + ': ' + placeholders(keyed['zh-CN'].get(k)) + ' / ' + placeholders(keyed.en.get(k)))
  expect(differ).toEqual([])
})

test('no entry is empty', () => {
  const empty = Object.keys(keyed).flatMap((lang) =>
    [...keyed[lang]].filter(([, v]) => forms(v).some((f) => !f.trim())).map(([k]) => lang + ' ' + k))
  expect(empty).toEqual([])
})

test("a page's own words never hide a shared one (page.<key> over common.<key>)", () => {
  const common = Object.keys(TABLES['zh-CN'].common)
  const clashes = PAGES.flatMap((page) => Object.keys(TABLES['zh-CN'][page] || {}).filter((k) => common.includes(k)).map((k) => page + '.' + k))
  expect(clashes).toEqual([])
})

// ---- the code names every key, and only keys that exist ---------------------------

test('every key a WXML binds or the JS names is in both tables', () => {
  const exists = (key) =>
    Object.values(keyed).every((map) => (key.endsWith('.') ? [...map.keys()].some((k) => k.startsWith(key)) : map.has(key)))
  const missing = WXML_SOURCES.flatMap((file) => wxmlKeys(file).filter((k) => !exists(k)).map((k) => relative(file) + ': ' + k))
    .concat(jsKeys().filter(({ key }) => !exists(key)).map(({ key, file }) => relative(file) + ': ' + key))
  expect(missing).toEqual([])
})

test('every key in the tables is used somewhere', () => {
  const used = new Set(WXML_SOURCES.flatMap(wxmlKeys).concat(jsKeys().map((k) => k.key)))
  const prefixes = [...used].filter((k) => k.endsWith('.'))
  const unused = [...keyed['zh-CN'].keys()].filter((k) => !used.has(k) && !prefixes.some((p) => k.startsWith(p)))
  expect(unused).toEqual([])
})

// ---- no words outside the tables -------------------------------------------------

// Attributes whose value the user reads.
const READ_ATTRIBUTES = ['title', 'label', 'placeholder', 'description', 'text', 'upload-text', 'value', 'alt', 'error-message', 'confirm-text', 'cancel-text', 'loading-text']

test('no WXML holds words of its own: text and read attributes are bound from data', () => {
  const found = []
  WXML_SOURCES.forEach((file) => {
    const wxml = fs.readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '')
    const words = (s) => /[A-Za-z\u4e00-\u9fff]/.test(s.replace(/\{\{[\s\S]*?\}\}/g, ''))
    // Text between tags.
    wxml.replace(/<[^>]*>/g, '\n').split('\n').forEach((s) => {
      if (words(s)) found.push(relative(file) + ': text "' + s.trim() + '"')
    })
    // Attributes the user reads.
    for (const m of wxml.matchAll(/\s([\w-]+)="([^"]*)"/g)) {
      if (READ_ATTRIBUTES.includes(m[1]) && words(m[2])) found.push(relative(file) + ': ' + m[1] + '="' + m[2] + '"')
    }
  })
  expect(found).toEqual([])
})

test('no JS holds words of its own: every sentence and label comes from the tables', () => {
  const found = []
  JS_SOURCES.forEach((file) => {
    // A developer's error (a TypeError for a programming mistake) is not for the user.
    const js = fs.readFileSync(file, 'utf8').replace(/new (Type)?Error\([^)]*\)/g, '')
    stringLiterals(js).filter((s) => !s.startsWith('/')).forEach((s) => { // paths are not words
      if (/[\u4e00-\u9fff]/.test(s) || /[A-Za-z]{2,}[\s,;:!?]+[A-Za-z]{2,}/.test(s)) found.push(relative(file) + ': "' + s + '"')
    })
  })
  expect(found).toEqual([])
})

// ---- what WeChat shows before any code runs ---------------------------------------

test("each page's .json title is its Chinese title; the table has one for every page in both languages", () => {
  PAGES.forEach((page) => {
    const json = require(path.join(ROOT, 'pages', page, page + '.json'))
    expect([page, json.navigationBarTitleText]).toEqual([page, TABLES['zh-CN'].titles[page]])
    expect(typeof TABLES.en.titles[page]).toBe('string')
  })
  expect(Object.keys(TABLES['zh-CN'].titles).sort()).toEqual([...PAGES].sort())
})

test("app.json's tab bar is in Chinese, in the order the pages name the tabs", () => {
  const i18n = loadModule('utils/i18n.js', { wx: createWx().wx })
  expect(APP.tabBar.list.map((item) => item.pagePath.split('/')[1])).toEqual(i18n.TAB_PAGES)
  expect(APP.tabBar.list.map((item) => item.text)).toEqual(i18n.TAB_PAGES.map((page) => TABLES['zh-CN'].tabs[page]))
  expect(Object.keys(TABLES.en.tabs)).toEqual(i18n.TAB_PAGES)
  expect(APP.window.navigationBarTitleText).toBe(TABLES['zh-CN'].titles.index)
})

// ---- WeChat's limits, on the words themselves ------------------------------------

// Words that go on a showModal button, and toast titles shown with an icon (with the
// largest count they are shown with). The fake wx checks the same when pages run.
const MODAL_BUTTONS = ['common.ok', 'common.back', 'common.keep', 'pay.confirm', 'policy.cancelConfirm', 'claim.withdrawConfirm',
  'account-closure.confirm']
const ICON_TOASTS = [['common.activated', {}], ['me.saved', {}], ['me.phoneSaved', {}], ['claim-new.sent', {}], ['claim.uploaded', { count: 9 }],
  ['account-closure.closed', {}]]

describe.each(Object.keys(TABLES))('in %s', (language) => {
  const i18n = loadModule('utils/i18n.js', { wx: createWx().wx })

  test.each(MODAL_BUTTONS)('%s fits a showModal button (4 characters at most)', (key) => {
    const text = i18n.translate(language, key)
    expect([key, text, text.length <= 4]).toEqual([key, text, true])
    expect(breach('showModal', { confirmText: text, cancelText: text })).toBe('')
  })

  test.each(ICON_TOASTS)('%s fits a toast with an icon (7 Chinese characters wide)', (key, params) => {
    expect(breach('showToast', { title: i18n.translate(language, key, params), icon: 'success' })).toBe('')
  })

  test('the language sheet fits an action sheet (6 items at most)', () => {
    expect(breach('showActionSheet', { itemList: [i18n.translate(language, 'me.languageFollow')].concat(i18n.LANGUAGES) })).toBe('')
  })
})

test('the fake wx refuses what WeChat refuses', () => {
  expect(breach('showModal', { confirmText: 'Cancel policy', cancelText: 'Keep it' })).toMatch(/confirmText "Cancel policy" is over 4/)
  expect(breach('showModal', { confirmText: 'OK' })).toMatch(/cancelText not named/)
  expect(breach('showModal', { confirmText: '我知道了', showCancel: false })).toBe('')
  expect(breach('showModal', { confirmText: '我知道了啊', showCancel: false })).toMatch(/over 4/)
  expect(breach('showActionSheet', { itemList: ['1', '2', '3', '4', '5', '6', '7'] })).toMatch(/7 items, over 6/)
  expect(breach('showToast', { title: 'Cover activated' })).toMatch(/7\.5 Chinese characters wide/) // icon: success by default
  expect(breach('showToast', { title: '保障已经成功激活了', icon: 'success' })).toMatch(/9 Chinese characters wide/)
  expect(breach('showToast', { title: '保障已经成功激活了', icon: 'none' })).toBe('')
})

test('a dialog WeChat would drop fails (and reads as "no")', async () => {
  const fake = createWx()
  const dialog = loadModule('utils/dialog.js', { wx: fake.wx })

  await expect(dialog.confirm('Cancel this policy?', 'Sure?', 'Cancel policy', 'Keep it')).resolves.toBe(false)

  expect(takeViolations()).toEqual(['wx.showModal: confirmText "Cancel policy" is over 4 characters'])
})

// ---- Chinese that reads as one voice -----------------------------------------------

// One word for each thing (docs: WeSure's plain words), and Chinese punctuation.
const GLOSSARY = [
  [/保险金额/, '保额'],
  [/保险费/, '保费'],
  [/被保人/, '被保险人'],
  [/索赔/, '理赔'],
  [/冷静期/, '犹豫期'],  // the clauses' and the regulator's word
  [/观察期/, '等待期'],
  [/抢/, '领取'],
  [/代金券|抵用券/, '优惠券'],
  [/WeRun|微信步数/, '微信运动'],
  [/退费|退钱/, '退款'],
  [/保险责任/, '保障'],
]

test('the Chinese uses one word for each thing', () => {
  const found = [...keyed['zh-CN']].flatMap(([key, value]) =>
    GLOSSARY.filter(([bad]) => forms(value).some((f) => bad.test(f))).map(([bad, good]) => key + ': ' + bad + ' -> ' + good))
  expect(found).toEqual([])
})

test('the Chinese uses Chinese punctuation next to Chinese words', () => {
  const found = [...keyed['zh-CN']].flatMap(([key, value]) =>
    forms(value).filter((f) => /[\u4e00-\u9fff][,;:!?()]|[,;:!?()][\u4e00-\u9fff]/.test(f)).map((f) => key + ': ' + f))
  expect(found).toEqual([])
})
