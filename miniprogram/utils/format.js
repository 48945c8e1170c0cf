// Dates for the view. The API speaks ISO 8601 with an offset; people here read
// Beijing time, whatever the phone's own time zone is set to, written the way their
// language writes a date ("2026年12月6日", "6 Dec 2026": i18n tables, `date`).

const i18n = require('./i18n')

const BEIJING_OFFSET_MS = 8 * 3600 * 1000

function pad(n) {
  return String(n).padStart(2, '0')
}

function beijingParts(value) {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value)
  if (Number.isNaN(ms)) return null
  const d = new Date(ms + BEIJING_OFFSET_MS)
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth() + 1
  const day = d.getUTCDate()
  return {
    y,
    m,
    d: day,
    iso: y + '-' + pad(m) + '-' + pad(day),
    time: pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()),
  }
}

function dateText(parts) {
  return i18n.t('date.date', { y: parts.y, mon: i18n.t('date.months.' + (parts.m - 1)), d: parts.d })
}

/** "2026-12-05T16:30:00+00:00" -> "2026年12月6日" / "6 Dec 2026" (Beijing). Empty for nothing. */
function date(value) {
  const parts = value ? beijingParts(value) : null
  return parts ? dateText(parts) : ''
}

/** "2026-12-05T16:30:00+00:00" -> "2026年12月6日 00:30" / "6 Dec 2026, 00:30" (Beijing). */
function dateTime(value) {
  const parts = value ? beijingParts(value) : null
  return parts ? i18n.t('date.dateTime', { date: dateText(parts), time: parts.time }) : ''
}

/** A picked day "YYYY-MM-DD" as the language writes it. */
function day(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || '')
  return match ? dateText({ y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) }) : ''
}

/** From one date to another: "2026年12月6日至2027年1月5日" / "6 Dec 2026 to 5 Jan 2027". */
function range(from, to) {
  return i18n.t('date.range', { from: date(from), to: date(to) })
}

/** Today's date and the time now in Beijing: { date: "YYYY-MM-DD", time: "HH:MM" }. */
function nowInBeijing() {
  const parts = beijingParts(new Date())
  return { date: parts.iso, time: parts.time }
}

/** A Beijing date and time picked by the user -> ISO 8601 with +08:00. */
function beijingIso(dateValue, timeText) {
  return dateValue + 'T' + (timeText || '00:00') + ':00+08:00'
}

module.exports = { date, dateTime, day, range, nowInBeijing, beijingIso }
