"""Share tokens, forwarding, and first-touch attribution of new users (and so of their orders)."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.referrals.models import Share, Referral


def share(user_id: int, kind: str, target: str, via_token: str | None = None) -> Share:
    """The user's share token for a product or an envelope (the same one each time they share it).

    ``via_token`` is the token the user arrived through: sharing the same thing onwards
    records who forwarded to whom.
    """
    _check_target(kind, target)
    existing = db.session.scalars(
        sa.select(Share).where(Share.user_id == user_id, Share.kind == kind, Share.target == target)).one_or_none()
    if existing is not None:
        return existing
    forwarded_from = None
    if via_token:
        source = find(via_token)
        if source is not None and source.kind == kind and source.target == target and source.user_id != user_id:
            forwarded_from = source.id
    created = Share(token=secrets.token_urlsafe(12), user_id=user_id, kind=kind, target=target,
                    forwarded_from_id=forwarded_from)
    try:
        with db.session.begin_nested():
            db.session.add(created)
    except IntegrityError:  # the same user sharing the same thing twice at once
        return db.session.scalars(
            sa.select(Share).where(Share.user_id == user_id, Share.kind == kind, Share.target == target)).one()
    return created


def find(token: str | None) -> Share | None:
    if not token:
        return None
    return db.session.scalars(sa.select(Share).where(Share.token == token)).one_or_none()


def attribute_new_user(user_id: int, share_token: str | None) -> Referral | None:
    """First touch: a user who arrives new through someone's share is theirs, once and for good."""
    source = find(share_token)
    if source is None or source.user_id == user_id:
        return None
    referral = Referral(user_id=user_id, share_id=source.id, referrer_id=source.user_id)
    try:
        with db.session.begin_nested():
            db.session.add(referral)
    except IntegrityError:
        return None
    return referral


#: Built once: asked on every paid order (bench/README.md).
_REFERRER_OF = sa.select(Referral.referrer_id).where(Referral.user_id == sa.bindparam("user_id"))


def referrer_of(user_id: int) -> int | None:
    return db.session.execute(_REFERRER_OF, {"user_id": user_id}).scalar_one_or_none()


def referrals_of(user_id: int) -> list[dict]:
    """Who came through the user's shares, and what they bought."""
    from app.orders.models import Order
    from app.users.models import User

    bought = (
        sa.select(Order.user_id, sa.func.count(Order.id).label("orders"),
                  sa.func.coalesce(sa.func.sum(Order.amount_fen), 0).label("premium_fen"))
        .where(Order.status.in_(("fulfilled", "refunded")), Order.kind == "policy")
        .group_by(Order.user_id).subquery()
    )
    rows = db.session.execute(
        sa.select(User.nickname, Referral.created_at, Share.kind, Share.target,
                  sa.func.coalesce(bought.c.orders, 0), sa.func.coalesce(bought.c.premium_fen, 0))
        .join(User, User.id == Referral.user_id)
        .join(Share, Share.id == Referral.share_id)
        .outerjoin(bought, bought.c.user_id == Referral.user_id)
        .where(Referral.referrer_id == user_id)
        .order_by(Referral.created_at.desc())
    ).all()
    return [{"nickname": nickname, "joined_at": joined, "via": kind, "target": target,
             "orders": int(orders), "premium_fen": int(premium)}
            for nickname, joined, kind, target, orders, premium in rows]


def _check_target(kind: str, target: str) -> None:
    if kind == "product":
        from app.catalog import services as catalog

        catalog.get_product(target)
    else:
        from app.envelopes import services as envelopes

        envelopes.get_envelope(target)
