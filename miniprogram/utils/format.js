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

/**
 * When cover ends. Cover ends at midnight, Beijing time, and a policy writes that moment as 24:00 of its
 * last day (the e-policy's "至2027年12月7日24时"): "00:00 on 8 December" reads as one day more than the
 * cover gives. Any other moment is written as `dateTime` writes it.
 */
function coverEndParts(value) {
  const parts = value ? beijingParts(value) : null
  if (!parts || parts.time !== '00:00') return parts
  const lastDay = beijingParts(new Date(Date.parse(value) - 24 * 3600 * 1000))
  return Object.assign(lastDay, { time: '24:00' })
}

/** "2027-12-07T16:00:00+00:00" -> "2027年12月7日 24:00" / "7 Dec 2027, 24:00" (Beijing). */
function coverEnd(value) {
  const parts = coverEndParts(value)
  return parts ? i18n.t('date.dateTime', { date: dateText(parts), time: parts.time }) : ''
}

/** A picked day "YYYY-MM-DD" as the language writes it. */
function day(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || '')
  return match ? dateText({ y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) }) : ''
}

/** Cover from one date to another, its last day included: "2026年12月6日至2027年1月5日" / "6 Dec 2026 to 5 Jan 2027". */
function range(from, to) {
  const last = coverEndParts(to)
  return i18n.t('date.range', { from: date(from), to: last ? dateText(last) : '' })
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

module.exports = { date, dateTime, coverEnd, day, range, nowInBeijing, beijingIso }
