// Chinese resident identity numbers (GB 11643-1999): 17 digits, then a check
// character from the ISO 7064 MOD 11-2 checksum. Checked on the phone so a typo
// is caught before an order is created; the server checks again.

const i18n = require('./i18n')

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

function checkChar(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** "11010519491231002x" -> "11010519491231002X" (trimmed, upper-case X). */
function normalize(text) {
  return String(text == null ? '' : text).trim().toUpperCase()
}

/**
 * { ok: true, birthDate: "1990-03-07" } or { ok: false, message } in words the
 * user understands.
 */
function parse(text) {
  const id = normalize(text)
  if (!id) return { ok: false, message: i18n.t('idcard.empty') }
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: i18n.t('idcard.format') }
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(year, month - 1, day))
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, message: i18n.t('idcard.birthDate') }
  }
  if (checkChar(id.slice(0, 17)) !== id[17]) {
    return { ok: false, message: i18n.t('idcard.checksum') }
  }
  return { ok: true, id, birthDate: id.slice(6, 10) + '-' + id.slice(10, 12) + '-' + id.slice(12, 14) }
}

/** Whole years of age on `today` ("YYYY-MM-DD") for a birth date "YYYY-MM-DD". */
function ageOn(birthDate, today) {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [ty, tm, td] = today.split('-').map(Number)
  let age = ty - by
  if (tm < bm || (tm === bm && td < bd)) age -= 1
  return age
}

module.exports = { parse, ageOn, checkChar, normalize }
