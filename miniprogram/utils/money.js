// Money arrives from the API as integer fen. This is the one place that turns fen
// into yuan for the view, and yuan typed by the user back into fen. Integer
// arithmetic only: no floating-point rounding ever touches an amount.

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

module.exports = { yuan, parseYuan }
