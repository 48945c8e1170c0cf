"""Expiring envelopes and lapsing grabs, then settling: the premium of cover never activated goes
back once, to the sender's payment or the promo campaign's budget."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.campaigns import services as campaigns
from app.catalog.models import Plan
from app.core import clock
from app.envelopes import gate
from app.envelopes.models import Envelope, EnvelopeGrab
from app.envelopes.services import premium_for
from app.extensions import db
from app.payments import refunds

#: What WeChat Pay tells the sender in its refund notice (one text for everyone, so Chinese).
UNCLAIMED_REFUND_DESCRIPTION = "红包中未被领取的保障，保费原路退回"
#: An expired envelope is settled this long after its expiry, not at once: a grab the gate said yes to just before
#: it is still being written (``core.group_commit``: a request waits at most 10 s for its row to be taken, and a
#: taken row's statements end within the writer's lock and statement timeouts), and settling first would refund
#: the premium of cover the grabber then holds.
SETTLE_AFTER_EXPIRY = dt.timedelta(minutes=5)


def expire_due(now: dt.datetime | None = None) -> dict:
    """Mark fully grabbed envelopes exhausted, expire envelopes past 24 hours, lapse
    grabs past 7 days, settle what has closed."""
    now = now or clock.now()
    # A grab marks its envelope exhausted when it takes the last share and the database agrees;
    # under a crowd the last grab to commit may not have seen the others yet, so look again here.
    exhausted = db.session.execute(sa.update(Envelope).where(
        Envelope.status.in_(Envelope.sources_of("exhausted")), Envelope.expires_at > now,
        sa.select(sa.func.count()).select_from(EnvelopeGrab).where(
            EnvelopeGrab.envelope_id == Envelope.id).scalar_subquery() >= Envelope.shares,
    ).values(status="exhausted")).rowcount
    expired = db.session.scalars(sa.select(Envelope).where(
        Envelope.status.in_(Envelope.sources_of("expired")), Envelope.expires_at <= now).with_for_update()).all()
    for envelope in expired:
        envelope.move_to("expired")
        gate.drop(envelope.public_id)
    lapsed = db.session.execute(sa.update(EnvelopeGrab).where(
        EnvelopeGrab.status.in_(EnvelopeGrab.sources_of("lapsed")), EnvelopeGrab.activate_by <= now,
    ).values(status="lapsed")).rowcount
    settled = 0
    for envelope_id in _settleable_ids(now):
        settled += settle(envelope_id, now)
    db.session.flush()
    return {"exhausted": exhausted, "expired": len(expired), "lapsed": lapsed, "settled": settled}


def _settleable_ids(now: dt.datetime) -> list[int]:
    """Envelopes whose last window has closed: exhausted, or expired ``SETTLE_AFTER_EXPIRY`` ago, with no grab
    still waiting."""
    waiting = sa.select(EnvelopeGrab.id).where(EnvelopeGrab.envelope_id == Envelope.id,
                                               EnvelopeGrab.status == "grabbed")
    closed = sa.or_(Envelope.status == "exhausted",
                    sa.and_(Envelope.status == "expired", Envelope.expires_at <= now - SETTLE_AFTER_EXPIRY))
    return list(db.session.scalars(sa.select(Envelope.id).where(
        closed, Envelope.settled_at.is_(None), ~sa.exists(waiting))))


def settle(envelope_id: int, now: dt.datetime) -> int:
    """Refund the premium of coverage never activated, once per envelope. Returns 1 if settled now."""
    envelope = db.session.scalars(sa.select(Envelope).where(Envelope.id == envelope_id).with_for_update()).one()
    if envelope.settled_at is not None:
        return 0
    activated = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(EnvelopeGrab.coverage_fen), 0)).where(
        EnvelopeGrab.envelope_id == envelope.id, EnvelopeGrab.status == "activated"))
    plan = db.session.get(Plan, envelope.plan_id)
    unused = premium_for(plan, envelope.total_coverage_fen - int(activated))
    unused = min(unused, envelope.premium_fen)
    if unused > 0 and envelope.funding == "wechat_pay":
        # What an operator refunded of the payment already is not refunded again: at most what is left.
        refund = refunds.refund_order_up_to(envelope.order_id, unused, reason="envelope_unclaimed",
                                            description=UNCLAIMED_REFUND_DESCRIPTION, requested_by="system",
                                            note=f"envelope {envelope.public_id}")
        envelope.refund_id = refund.id if refund is not None else None
    elif unused > 0 and envelope.campaign_id is not None:
        campaigns.return_budget(envelope.campaign_id, unused)
    envelope.settled_at = now
    db.session.flush()
    return 1
