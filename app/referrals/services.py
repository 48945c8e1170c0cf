"""Share tokens, forwarding, first-touch attribution of new users (and so of their orders), and the
sharer's reward for a friend's first purchase."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.campaigns import services as campaigns
from app.catalog import services as catalog
from app.core import events
from app.core.jobs import enqueue_after_commit, job
from app.coupons import services as coupons
from app.extensions import db
from app.orders import services as orders
from app.orders.models import Order
from app.policies import services as policies
from app.purchases import services as purchases
from app.referrals.models import Referral, Share
from app.users.models import User

log = logging.getLogger(__name__)

#: Share kind -> how to check that a target exists (raises NotFound when it does not).
_share_targets: dict[str, Callable[[str], object]] = {"product": catalog.get_product}


def declare_share_target(kind: str, check: Callable[[str], object]) -> None:
    """A feature whose things can be shared names how to check that one exists (envelopes do)."""
    _share_targets[kind] = check


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


@events.user_joined.connect
def _attribute_new_user(user, share_token: str | None = None, **_) -> None:
    if share_token:
        attribute_new_user(user.id, share_token)


def attribute_new_user(user_id: int, share_token: str | None) -> Referral | None:
    """First touch: a user who arrives new through someone's share is theirs, once and for good. Not through the
    share of a closed account: nobody is there to be rewarded, and a campaign's budget would be spent on no one."""
    source = find(share_token)
    if source is None or source.user_id == user_id or _closed(source.user_id):
        return None
    referral = Referral(user_id=user_id, share_id=source.id, referrer_id=source.user_id)
    try:
        with db.session.begin_nested():
            db.session.add(referral)
    except IntegrityError:
        return None
    return referral


def referrals_of(user_id: int) -> list[dict]:
    """Who came through the user's shares, and what cover they bought."""
    bought = (
        sa.select(Order.user_id, sa.func.count(Order.id).label("orders"),
                  sa.func.coalesce(sa.func.sum(Order.amount_fen), 0).label("premium_fen"))
        .where(Order.status.in_(("fulfilled", "refunded")), Order.kind == purchases.KIND)
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
    _share_targets[kind](target)


# -- the sharer's reward -------------------------------------------------------------------------

orders.declare_payment_fact("buyer_was_referred", sa.exists().where(Referral.user_id == Order.user_id))


@events.order_paid.connect
def _reward_the_referrer_later(order, facts: dict, **_) -> None:
    """A referred buyer's cover is paid: the sharer's coupon is granted after commit, so it never
    holds up the answer to WeChat Pay (and only referred buyers cost a job). Whether the buyer was
    referred is read with the payment's lock."""
    if order.kind == purchases.KIND and facts["buyer_was_referred"]:
        enqueue_after_commit(reward_referrer, order.id)


@job
def reward_referrer(order_id: int) -> None:
    """A referred friend's first purchase earns the sharer a coupon (once per friend); a later one never does, even
    when the first earned nothing (no referral campaign ran then, or it could not grant).

    The grant is keyed by the friend, so however many of their orders run this, the sharer
    gets one coupon: from whichever referral campaign runs, not one from each campaign an operator
    runs in turn. The friend's referral row is locked first, so two of their orders rewarded at
    once are decided one after the other.
    """
    order = db.session.get(Order, order_id)
    referrer_id = _lock_referrer_of(order.user_id) if order is not None else None
    # A purchase cancelled in cooling-off before this job ran earns nothing: its cancellation found no coupon to
    # take back. Read after the referral's lock, which the cancellation takes too, so it is seen once committed.
    if (referrer_id is None or _bought_before(order) or policies.cancelled_for_order(order.id)
            or _closed(referrer_id)):
        return
    source_key = _source_key(order.user_id)
    if coupons.granted_for(referrer_id, source_key):
        return
    for campaign in campaigns.running_of_kind("referral"):
        try:
            coupons.grant(campaign, referrer_id, source_key)
            return
        except coupons.GrantRefused as refused:
            log.info("referral reward for user %s not granted: %s", referrer_id, refused.reason)


@events.policy_cancelling.connect
def _take_back_the_referrers_coupon(policy_id: int, order_id: int | None = None, **_) -> None:
    """A referred friend's first purchase, which earned the sharer's coupon, is cancelled for a full refund (in
    cooling-off, or an operator refunded its whole premium): the coupon is taken back if it is not used yet (and its value goes back to the campaign), so fake
    friends who buy and cancel earn nothing (docs/domain.md, Referrals). A later purchase cancelled leaves it: the
    first one stands. The friend's referral row is locked first, as ``reward_referrer`` locks it, so a reward still
    being granted is decided before (and taken back here) or after (and sees the cancellation)."""
    order = db.session.get(Order, order_id) if order_id is not None else None
    if order is None or order.kind != purchases.KIND:
        return
    referrer_id = _lock_referrer_of(order.user_id)
    if referrer_id is not None and not _bought_before(order):
        coupons.revoke(referrer_id, _source_key(order.user_id))


def _closed(user_id: int) -> bool:
    """The user closed their account (docs/domain.md, Closing an account)."""
    return db.session.scalar(sa.select(User.closed_at).where(User.id == user_id)) is not None


def _lock_referrer_of(user_id: int) -> int | None:
    """The sharer who brought the user, their referral row locked until the unit of work ends; None if nobody did."""
    return db.session.scalar(sa.select(Referral.referrer_id).where(Referral.user_id == user_id).with_for_update())


def _source_key(friend_id: int) -> str:
    """What a sharer's coupon for a friend's first purchase is granted for: once per friend, whichever campaign."""
    return f"referral:{friend_id}"


def _bought_before(order: Order) -> bool:
    """Whether the buyer had paid for cover before this order (a paid order stays fulfilled, or is refunded)."""
    paid = (Order.user_id == order.user_id, Order.kind == purchases.KIND, Order.id != order.id,
            Order.status.in_(("fulfilled", "refunded")))
    return db.session.scalar(sa.select(sa.exists().where(*paid, sa.or_(
        Order.paid_at < order.paid_at, sa.and_(Order.paid_at == order.paid_at, Order.id < order.id)))))
