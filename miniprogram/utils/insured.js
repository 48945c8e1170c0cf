// The insured person's name and ID number, as every form that names one asks for
// them (checkout, activating an envelope share, redeeming a reward).

const api = require('./api')
const idcard = require('./idcard')
const format = require('./format')
const i18n = require('./i18n')

const FIELD_OF = { 'insured.name': 'name', 'insured.id_number': 'idNumber', insured_person_id: 'person' }

function noErrors() {
  return { name: '', idNumber: '', person: '' }
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

// Relations a saved person can have, in the order the picker offers them.
const RELATIONS = ['self', 'spouse', 'child', 'parent']

/** A saved person as a choice: masked name, relation, masked ID, age; `fits` the plan's ages. */
function personView(p, band) {
  return {
    id: p.id,
    name: p.name_masked,
    detail: i18n.t('insured.personLine', { relation: i18n.label('relation', p.relation), id: p.id_number_masked, age: p.age }),
    fits: !band || (p.age >= band.age_min && p.age <= band.age_max),
    relation: p.relation,
  }
}

/** The user's saved persons ([] when they cannot be had: typing one in still works). */
function saved() {
  return api.get('/api/v1/insured-persons').then((list) => list || [], () => [])
}

/**
 * Save a typed-in person (relation, { name, id_number }) -> their id. The same ID number
 * saved before answers 409 insured_person_exists with that person's id: use it.
 */
async function save(relation, insured) {
  try {
    const person = await api.post('/api/v1/insured-persons', { relation, name: insured.name, id_number: insured.id_number })
    return person.id
  } catch (err) {
    if (err.code === 'insured_person_exists' && err.details && err.details.id) return err.details.id
    throw err
  }
}

/** Which relation to offer first when saving: "self" until the user has saved themself. */
function defaultRelation(persons) {
  return RELATIONS.indexOf(persons.some((p) => p.relation === 'self') ? 'spouse' : 'self')
}

module.exports = { check, fieldErrors, noErrors, personView, saved, save, defaultRelation, RELATIONS }
