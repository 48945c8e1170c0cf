// The insured person's name and ID number, as every form that names one asks for
// them (checkout, activating an envelope share, redeeming a reward).

const idcard = require('./idcard')
const format = require('./format')
const i18n = require('./i18n')

const FIELD_OF = { 'insured.name': 'name', 'insured.id_number': 'idNumber' }

function noErrors() {
  return { name: '', idNumber: '' }
}

/**
 * Check what can be checked on the phone. `band` ({ age_min, age_max }) adds the
 * plan's age check. -> { insured: { name, id_number } | null, errors: { name, idNumber } }
 */
function check(name, idNumber, band) {
  const errors = noErrors()
  const cleanName = String(name || '').trim()
  if (!cleanName) errors.name = i18n.t('insured.nameMissing')
  const id = idcard.parse(idNumber)
  if (!id.ok) {
    errors.idNumber = id.message
  } else if (band) {
    const age = idcard.ageOn(id.birthDate, format.nowInBeijing().date)
    if (age < band.age_min || age > band.age_max) {
      errors.idNumber = i18n.t('insured.ageOutOfBand', { min: band.age_min, max: band.age_max, age })
    }
  }
  const ok = !errors.name && !errors.idNumber
  return { insured: ok ? { name: cleanName, id_number: id.id } : null, errors }
}

/**
 * The server's messages about the insured (422 details.fields), placed on our two
 * inputs; null when the error is about something else.
 */
function fieldErrors(err) {
  const fields = (err && err.fields) || {}
  const errors = noErrors()
  let found = false
  Object.keys(fields).forEach((path) => {
    if (FIELD_OF[path]) {
      errors[FIELD_OF[path]] = fields[path].join(' ')
      found = true
    }
  })
  return found ? errors : null
}

module.exports = { check, fieldErrors, noErrors }
