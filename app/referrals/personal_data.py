"""Shares and referrals in a user's copy of their personal information (``app.core.personal_data``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.core import events
from app.core.personal_data import Section, moment
from app.extensions import db
from app.referrals.models import Referral, Share


@events.personal_data_copy.connect
def shares_and_referrals(user_id: int) -> list[Section]:
    """The share cards the user sent and what they brought, and the share the user arrived through. Nobody
    else is named: who joined through a card, and whose card the user arrived through, are those people's
    information, so the copy says when and through what, never who."""
    joined = sa.select(sa.func.count(Referral.id)).where(Referral.share_id == Share.id).scalar_subquery()
    sent = db.session.execute(sa.select(Share, joined.label("joined")).where(Share.user_id == user_id)
                              .order_by(Share.id))
    arrived = db.session.execute(
        sa.select(Referral, Share.kind, Share.target).join(Share, Share.id == Referral.share_id)
        .where(Referral.user_id == user_id)).all()
    brought = db.session.scalars(sa.select(Referral.created_at).where(Referral.referrer_id == user_id)
                                 .order_by(Referral.id))
    return [
        Section("shares", _l("Shares sent"), ("shares",), [{
            "kind": share.kind, "target": share.target, "created_at": moment(share.created_at),
            "people_who_joined_through_it": joined_count,
        } for share, joined_count in sent]),
        Section("referrals", _l("Referrals"), ("referrals",), [
            *({"role": "referred", "through_share_of_kind": kind, "target": target,
               "joined_at": moment(referral.created_at)} for referral, kind, target in arrived),
            *({"role": "referrer", "friend_joined_at": moment(at)} for at in brought),
        ]),
    ]
