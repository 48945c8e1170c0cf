"""Claims in a user's copy of their personal information (``app.core.personal_data``), with each step and the
materials uploaded, the subscribe messages allowed, and the claim number as a way to find whose data it is."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.claims.models import Claim, ClaimEvent, ClaimMaterial, SubscribeOptIn
from app.claims.states import FINAL_STATES
from app.core import events, personal_data
from app.core.account_closure import Blocker
from app.core.personal_data import Section, amount, moment
from app.extensions import db
from app.policies.models import Policy


@events.personal_data_copy.connect
def claims(user_id: int) -> list[Section]:
    """Each claim with its steps (who moved it as user, insurer or operator; the staff member's name is theirs,
    not the claimant's) and its materials by name, type, size and SHA-256 (the files themselves are sent
    apart if the person asks: they are theirs, but no JSON carries them)."""
    found = db.session.execute(sa.select(Claim, Policy.policy_no).join(Policy, Policy.id == Claim.policy_id)
                               .where(Claim.user_id == user_id).order_by(Claim.id)).all()
    ids = [claim.id for claim, _policy_no in found]
    steps = db.session.scalars(sa.select(ClaimEvent).where(ClaimEvent.claim_id.in_(ids))
                               .order_by(ClaimEvent.id)).all() if ids else []
    materials = db.session.scalars(sa.select(ClaimMaterial).where(ClaimMaterial.claim_id.in_(ids))
                                   .order_by(ClaimMaterial.id)).all() if ids else []
    opt_ins = db.session.scalars(sa.select(SubscribeOptIn).where(SubscribeOptIn.user_id == user_id)
                                 .order_by(SubscribeOptIn.id))
    return [
        Section("claims", _l("Claims"), ("claims", "claim_events", "claim_materials"), [{
            "claim_no": claim.claim_no, "policy_no": policy_no, "kind": claim.kind, "state": claim.state,
            "claimed": amount(claim.claimed_fen), "paid": amount(claim.paid_fen),
            "occurred_at": moment(claim.occurred_at), "description": claim.description,
            "filed_at": moment(claim.created_at),
            "events": [{
                "from_state": step.from_state, "to_state": step.to_state, "by": step.actor, "note": step.note,
                "paid": amount(step.paid_fen), "at": moment(step.at),
                "insurer_says_at": moment(step.insurer_changed_at), "message": step.notify_outcome,
                "message_sent_at": moment(step.notified_at),
            } for step in steps if step.claim_id == claim.id],
            "materials": [{
                "name": material.original_name, "content_type": material.content_type,
                "size_bytes": material.size_bytes, "sha256": material.sha256,
                "uploaded_at": moment(material.uploaded_at),
            } for material in materials if material.claim_id == claim.id],
        } for claim, policy_no in found]),
        Section("subscribe_opt_ins", _l("Subscribe messages allowed"), ("subscribe_opt_ins",), [{
            "template_id": opt_in.template_id, "remaining": opt_in.remaining, "updated_at": moment(opt_in.updated_at),
        } for opt_in in opt_ins]),
    ]


def _owner_of_claim(number: str) -> int | None:
    return db.session.scalar(sa.select(Claim.user_id).where(Claim.claim_no == number))


personal_data.declare_number("claim", _l("claim number"), _owner_of_claim)


@events.account_closing.connect
def claims_open(user_id: int) -> list[Blocker]:
    """A claim not yet paid, rejected or withdrawn: its decision and its money need the account."""
    numbers = db.session.scalars(sa.select(Claim.claim_no).where(
        Claim.user_id == user_id, Claim.state.not_in(FINAL_STATES)).order_by(Claim.id)).all()
    return [Blocker("claim_open", number,
                    _l("Claim %(number)s is still being handled: wait for its decision, or withdraw it.",
                       number=number))
            for number in numbers]


@events.account_closed.connect
def forget_opt_ins(user_id: int) -> tuple[str, ...]:
    """No message reaches a closed account: the user's consent to subscribe messages goes."""
    db.session.execute(sa.delete(SubscribeOptIn).where(SubscribeOptIn.user_id == user_id))
    return ("subscribe_opt_ins",)
