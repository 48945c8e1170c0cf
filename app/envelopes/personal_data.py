"""Red envelopes in a user's copy of their personal information (``app.core.personal_data``): those they sent
and the shares they grabbed."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from app.catalog.models import Plan
from app.core import events
from app.core.account_closure import Blocker
from app.core.personal_data import Section, amount, moment
from app.envelopes.models import Envelope, EnvelopeGrab, EnvelopeShare
from app.extensions import db
from app.orders.models import Order
from app.policies import services as policies


@events.personal_data_copy.connect
def envelopes(user_id: int) -> list[Section]:
    """What the user sent: each envelope with its shares, and how many were grabbed and activated, never by
    whom (that is the grabbers' own information). What the user grabbed: the share and the cover it became."""
    sent = db.session.execute(
        sa.select(Envelope, Plan.code, Order.order_no).join(Plan, Plan.id == Envelope.plan_id)
        .outerjoin(Order, Order.id == Envelope.order_id).where(Envelope.sender_id == user_id)
        .order_by(Envelope.id)).all()
    ids = [envelope.id for envelope, _plan, _order_no in sent]
    shares = db.session.execute(
        sa.select(EnvelopeShare, EnvelopeGrab.status).outerjoin(EnvelopeGrab, EnvelopeGrab.share_id == EnvelopeShare.id)
        .where(EnvelopeShare.envelope_id.in_(ids)).order_by(EnvelopeShare.envelope_id, EnvelopeShare.position)
    ).all() if ids else []
    grabbed = db.session.execute(
        sa.select(EnvelopeGrab, Envelope.public_id).join(Envelope, Envelope.id == EnvelopeGrab.envelope_id)
        .where(EnvelopeGrab.user_id == user_id).order_by(EnvelopeGrab.id)).all()
    return [
        Section("envelopes_sent", _l("Red envelopes sent"), ("envelopes", "envelope_shares"), [{
            "envelope_id": envelope.public_id, "order_no": order_no, "plan": plan_code, "status": envelope.status,
            "funding": envelope.funding, "mode": envelope.mode, "greeting": envelope.greeting,
            "total_coverage": amount(envelope.total_coverage_fen), "premium": amount(envelope.premium_fen),
            "created_at": moment(envelope.created_at), "activated_at": moment(envelope.activated_at),
            "expires_at": moment(envelope.expires_at), "settled_at": moment(envelope.settled_at),
            "shares": [{"position": share.position, "coverage": amount(share.coverage_fen),
                        "grab_status": grab_status}
                       for share, grab_status in shares if share.envelope_id == envelope.id],
        } for envelope, plan_code, order_no in sent]),
        Section("envelope_grabs", _l("Red envelope shares grabbed"), ("envelope_grabs",), [{
            "grab_id": grab.public_id, "envelope_id": envelope_public_id, "coverage": amount(grab.coverage_fen),
            "status": grab.status, "grabbed_at": moment(grab.grabbed_at), "activate_by": moment(grab.activate_by),
            "activated_at": moment(grab.activated_at), "policy_no": policies.policy_no_of(grab.policy_id),
        } for grab, envelope_public_id in grabbed]),
    ]


@events.account_closing.connect
def envelopes_open(user_id: int) -> list[Blocker]:
    """An envelope the user sent that friends can still grab: the cover nobody grabs is refunded to its sender when
    it expires. (One not yet paid is its unpaid order, which the orders feature names.)"""
    count = db.session.scalar(sa.select(sa.func.count()).select_from(Envelope).where(
        Envelope.sender_id == user_id, Envelope.status == "active"))
    if not count:
        return []
    return [Blocker("envelope_open", None, lazy_ngettext(
        "%(num)d red envelope you sent can still be grabbed: the cover nobody grabs is refunded to you when it "
        "expires.",
        "%(num)d red envelopes you sent can still be grabbed: the cover nobody grabs is refunded to you when they "
        "expire.", count))]
