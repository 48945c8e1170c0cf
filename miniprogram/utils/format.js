// Dates for the view. The API speaks ISO 8601 with an offset; people here read
// Beijing time, whatever the phone's own time zone is set to.

const BEIJING_OFFSET_MS = 8 * 3600 * 1000

function pad(n) {
  return String(n).padStart(2, '0')
}

function beijingParts(value) {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value)
  if (Number.isNaN(ms)) return null
  const d = new Date(ms + BEIJING_OFFSET_MS)
  return {
    date: d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()),
    time: pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()),
  }
}

/** "2024-05-01T16:30:00+00:00" -> "2024-05-02" (Beijing). Empty for nothing. */
function date(value) {
  const parts = value ? beijingParts(value) : null
  return parts ? parts.date : ''
}

/** "2024-05-01T16:30:00+00:00" -> "2024-05-02 00:30" (Beijing). */
function dateTime(value) {
  const parts = value ? beijingParts(value) : null
  return parts ? parts.date + ' ' + parts.time : ''
}

/** Today's date and the time now in Beijing: { date: "YYYY-MM-DD", time: "HH:MM" }. */
function nowInBeijing() {
  return beijingParts(new Date())
}

/** A Beijing date and time picked by the user -> ISO 8601 with +08:00. */
function beijingIso(dateText, timeText) {
  return dateText + 'T' + (timeText || '00:00') + ':00+08:00'
}

module.exports = { date, dateTime, nowInBeijing, beijingIso }
