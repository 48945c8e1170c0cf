// Money arrives from the API as integer fen. This is the one place that turns fen
// into yuan for the view, and yuan typed by the user back into fen. Integer
// arithmetic only: no floating-point rounding ever touches an amount.
//
// How an amount reads is the language's (i18n tables, `money`): a payment is
// "¥5.00"; a price "5元/月" or "¥5.00 / month"; cover "30万元" or "300,000 yuan".

const i18n = require('./i18n')

// Cover of 10,000 yuan (1,000,000 fen) and more reads in 万 where the language says so.
const WAN_FEN = 1000000

function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

function toFen(value) {
  const fen = Number(value)
  if (!Number.isInteger(fen)) throw new TypeError('amount in fen must be an integer, got ' + value)
  return fen
}

/** 550 -> "5.50", 500 -> "5", 123456789 -> "1,234,567.89". */
function yuan(fenValue) {
  const fen = toFen(fenValue)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const whole = groupThousands(String(Math.floor(abs / 100)))
  const cents = abs % 100
  return sign + whole + (cents ? '.' + String(cents).padStart(2, '0') : '')
}

/** 550 -> "5.50", 500 -> "5.00": always two decimals, for amounts paid. */
function fixed(fenValue) {
  const fen = toFen(fenValue)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return sign + groupThousands(String(Math.floor(abs / 100))) + '.' + String(abs % 100).padStart(2, '0')
}

/** 3000000 fen -> "3", 1500000 -> "1.5", 1234500 -> "1.2345": whole yuan in units of 10,000. */
function wan(fen) {
  const whole = Math.floor(fen / WAN_FEN)
  const rest = String((fen % WAN_FEN) / 100).padStart(4, '0').replace(/0+$/, '')
  return rest ? whole + '.' + rest : String(whole)
}

/** Every way a table's template may write one amount: { yuan, plain, fixed }. */
function forms(fen) {
  const yuanText = yuan(fen)
  return { yuan: yuanText, plain: yuanText.replace(/,/g, ''), fixed: fixed(fen) }
}

/** An amount paid or to pay: "¥5.00". */
function amount(fenValue) {
  return i18n.t('money.amount', forms(fenValue))
}

/** A price per period ("month", "year", "trip"): "5元/月", "¥5.00 / month"; `from` adds "From"/"起". */
function price(fenValue, period, from) {
  const params = Object.assign(forms(fenValue), { period: i18n.label('period', period) })
  return i18n.t(from ? 'money.fromPerPeriod' : 'money.perPeriod', params)
}

/** A sum insured: "30万元", "1800元"; "300,000 yuan". */
function coverage(fenValue) {
  const fen = toFen(fenValue)
  const inWan = fen >= WAN_FEN && fen % 100 === 0
  return i18n.t(inWan ? 'money.coverageWan' : 'money.coverage', Object.assign(forms(fen), inWan ? { wan: wan(fen) } : {}))
}

/**
 * What the user typed, in yuan, as integer fen: "12" -> 1200, "12.5" -> 1250,
 * "1,000" -> 100000. Anything else (letters, more than two decimals, negative,
 * empty) -> null.
 */
function parseYuan(text) {
  const cleaned = String(text == null ? '' : text).trim().replace(/[,\s]/g, '')
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned)
  if (!match) return null
  const fen = Number(match[1]) * 100 + Number((match[2] || '').padEnd(2, '0'))
  return Number.isSafeInteger(fen) ? fen : null
}

module.exports = { yuan, fixed, forms, amount, price, coverage, parseYuan }
