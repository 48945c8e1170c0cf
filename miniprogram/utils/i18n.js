// The one place the mini-program's words come from: Simplified Chinese (zh-CN) first,
// English (en) second, from the tables in i18n/.
//
// - The language follows WeChat's (anything starting with "en" is English, everything
//   else Chinese) unless the user picked one on the Me page (kept in storage).
// - t('order.doneTitle'), t('common.planLine', { coverage, term, min, max }): {name} is
//   filled in from params; an entry { one, other } is chosen by params.count.
// - Pages bind their words from data.t, set by apply(this, '<page>'): the page's own
//   section of the table over the shared `common` one. WXML holds no words of its own.
// - title('<page>') titles the navigation bar, from onReady (WeChat may ignore it before).
//   The .json titles (zh-CN) show until then; English needs this call.

const TABLES = {
  'zh-CN': require('../i18n/zh-CN'),
  en: require('../i18n/en'),
}

const LANGUAGES = Object.keys(TABLES)
const DEFAULT_LANGUAGE = 'zh-CN'
const STORAGE_KEY = 'rc_language'

// The tab bar, in app.json's order: their pages name the tabs when they show.
const TAB_PAGES = ['index', 'policies', 'claims', 'me']

let resolved = null

/** WeChat's own language code: "zh_CN", "zh_TW", "en", "en_US", ... ('' if unknown). */
function wechatLanguage() {
  try {
    const info = typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo() : wx.getSystemInfoSync()
    return (info && info.language) || ''
  } catch (err) {
    return ''
  }
}

/** WeChat's code -> ours: English for en*, Simplified Chinese for everything else. */
function fromWechat(code) {
  return /^en/i.test(code || '') ? 'en' : DEFAULT_LANGUAGE
}

/** The language the user picked on the Me page, or '' when they follow WeChat. */
function chosen() {
  const language = wx.getStorageSync(STORAGE_KEY)
  return TABLES[language] ? language : ''
}

/** "zh-CN" or "en": what the mini-program speaks now. */
function current() {
  if (!resolved) resolved = chosen() || fromWechat(wechatLanguage())
  return resolved
}

/** Speak `language` from now on, or follow WeChat again with ''. -> the language now spoken. */
function choose(language) {
  if (TABLES[language]) wx.setStorageSync(STORAGE_KEY, language)
  else wx.removeStorageSync(STORAGE_KEY)
  resolved = null
  return current()
}

function lookup(node, key) {
  return key.split('.').reduce((at, part) => (at && typeof at === 'object' ? at[part] : undefined), node)
}

/** A table entry is a string, or { one, other } where English needs a plural. */
function form(entry, params) {
  if (typeof entry === 'string') return entry
  if (entry && typeof entry.other === 'string') return params && params.count === 1 && entry.one ? entry.one : entry.other
  return undefined
}

function interpolate(text, params) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (params && params[name] != null ? String(params[name]) : whole))
}

/** The words for `key` in `language`; the key itself if the table has no such words. */
function translate(language, key, params) {
  const text = form(lookup(TABLES[language], key), params)
  return text === undefined ? key : interpolate(text, params)
}

/** The words for `key` in the current language. */
function t(key, params) {
  return translate(current(), key, params)
}

/** A page's words for its WXML: `common`, then the page's own section over it. */
function page(name) {
  const table = TABLES[current()]
  return Object.assign({}, table.common, table[name])
}

/** Plain words for an API code (labels.<group>.<code>); the code itself if we have none. */
function label(group, code) {
  if (!code) return ''
  const text = lookup(TABLES[current()].labels, group + '.' + code)
  return typeof text === 'string' ? text : code
}

/** Every code of a label group with its words, in the table's order: [{ code, label }]. */
function labels(group) {
  const table = TABLES[current()].labels[group] || {}
  return Object.keys(table).map((code) => ({ code, label: table[code] }))
}

/** Title the navigation bar in the current language. Call from onReady. */
function title(name) {
  wx.setNavigationBarTitle({ title: t('titles.' + name) })
}

/**
 * Give a page its words (data.t). Call from onLoad; tab pages call it from onShow
 * instead: they stay alive while the language changes on the Me page, so they also
 * title the bar and name the tabs again (WeChat lets only a tab page name them).
 * -> the language.
 */
function apply(component, name) {
  component.setData({ t: page(name) })
  if (TAB_PAGES.indexOf(name) >= 0) {
    title(name)
    TAB_PAGES.forEach((tab, index) => wx.setTabBarItem({ index, text: t('tabs.' + tab) }))
  }
  return current()
}

/**
 * About how wide `text` is on screen, in Chinese characters: a CJK or full-width
 * character counts 1, anything else 1/2 (WeChat states toast limits in Chinese characters).
 */
function displayWidth(text) {
  let width = 0
  for (const ch of String(text || '')) width += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) || ch.codePointAt(0) > 0xffff ? 1 : 0.5
  return width
}

module.exports = {
  LANGUAGES,
  TAB_PAGES,
  chosen,
  current,
  choose,
  translate,
  t,
  page,
  label,
  labels,
  title,
  apply,
  displayWidth,
}
