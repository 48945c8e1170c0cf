// Plain words for the codes the API uses.

const CATEGORY = { accident: 'Accident', medical: 'Medical', travel: 'Travel', gift: 'Gift' }

// "5 yuan a month": what one order buys, per period.
const PERIOD = { month: 'a month', year: 'a year', trip: 'a trip' }

const POLICY_STATUS = { active: 'In force', cancelling: 'Cancelling', cancelled: 'Cancelled', expired: 'Expired' }

const POLICY_SOURCE = { purchase: 'Bought by you', envelope: 'From a red envelope' }

const ENVELOPE_STATUS = {
  pending_payment: 'Waiting for payment',
  active: 'Open',
  exhausted: 'All grabbed',
  expired: 'Expired',
}

const CLAIM_KIND = { accident: 'Accident', hospital: 'Hospital stay', travel: 'Trip', other: 'Something else' }

// The seven steps every claim goes through, in order.
const CLAIM_STEPS = {
  submitted: 'Claim sent',
  accepted: 'Accepted by the insurer',
  reviewing: 'Documents checked',
  investigating: 'Investigation',
  assessing: 'Amount worked out',
  approved: 'Approved',
  paid: 'Money paid to you',
}

const CLAIM_STATE = {
  submitted: 'Sent',
  accepted: 'Accepted',
  reviewing: 'Checking documents',
  investigating: 'Investigating',
  assessing: 'Working out the amount',
  approved: 'Approved, payment on its way',
  paid: 'Paid',
  more_info_required: 'More documents needed',
  rejected: 'Not approved',
  withdrawn: 'Withdrawn',
}

const STEP_STATUS = { done: 'Done', current: 'In progress', pending: 'Next', skipped: 'Not needed', not_reached: 'Not reached' }

const COUPON_STATUS = { available: 'Ready to use', used: 'Used', expired: 'Expired', reserved: 'In an unpaid order' }

function label(table, code) {
  return (code && table[code]) || code || ''
}

module.exports = {
  CATEGORY, PERIOD, POLICY_STATUS, POLICY_SOURCE, ENVELOPE_STATUS,
  CLAIM_KIND, CLAIM_STEPS, CLAIM_STATE, STEP_STATUS, COUPON_STATUS, label,
}
