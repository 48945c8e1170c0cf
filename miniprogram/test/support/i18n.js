// The two languages every page test runs in, and the tables' words to expect in each:
// words('zh-CN')('order.doneTitle') is what the page must show for that key.

const path = require('path')

const i18n = require(path.resolve(__dirname, '..', '..', 'utils', 'i18n'))

const LANGUAGES = i18n.LANGUAGES

/** (key, params) -> the words in `language`, exactly as the mini-program writes them. */
function words(language) {
  return (key, params) => i18n.translate(language, key, params)
}

module.exports = { LANGUAGES, words }
