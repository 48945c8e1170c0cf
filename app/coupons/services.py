"""Coupons: granted once per source, reserved atomically at checkout, consumed or released with the order."""

from __future__ import annotations

import datetime as dt
import logging

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.campaigns import services as campaigns
from app.campaigns.models import Campaign
from app.core import clock, events
from app.coupons.models import Coupon
from app.core.errors import Conflict, NotFound, ValidationFailed
from app.extensions import db
from app.orders import services as orders

log = logging.getLogger(__name__)


class CouponUnavailable(Conflict):
    code = "coupon_unavailable"
    message = _l("This coupon is already used or held by another order.")


class GrantRefused(Exception):
    """A campaign could not grant (limit reached, budget spent): ``reason`` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def grant(campaign: Campaign, user_id: int, source_key: str) -> Coupon:
    """Grant the campaign's coupon to a user for one source, once; ``GrantRefused`` when caps say no.

    The user's allowance, the budget and the coupon are taken together, in one savepoint: a
    refusal or a concurrent grant for the same source gives back whatever was taken.
    """
    existing = _granted(campaign.id, source_key)
    if existing is not None:
        return existing
    settings = campaign.settings or {}
    discount = int(settings["discount_fen"])
    now = clock.now()
    coupon = Coupon(user_id=user_id, campaign_id=campaign.id, source_key=source_key,
                    name_zh=campaign.name_zh, name_en=campaign.name_en,
                    discount_fen=discount, category=settings.get("category"), status="available",
                    valid_until=valid_until(now, int(settings.get("valid_days", 30))), granted_at=now)
    try:
        with db.session.begin_nested():
            if not campaigns.take_allowance(campaign, user_id):
                raise GrantRefused("limit_reached")
            try:
                campaigns.take_budget(campaign.id, discount)
            except campaigns.BudgetExhausted:
                raise GrantRefused("budget_exhausted") from None
            db.session.add(coupon)
            db.session.flush()
    except IntegrityError:  # the same source granted concurrently: theirs stands, ours is undone
        return _granted(campaign.id, source_key)
    return coupon


def valid_until(granted_at: dt.datetime, valid_days: int) -> dt.datetime:
    """A coupon granted on a Beijing day is good for ``valid_days`` days after it, to the end of the last one: users
    read "use by <that Beijing date>" (docs/domain.md, Coupons and rewards)."""
    return clock.good_for_days(granted_at, valid_days)


def _granted(campaign_id: int, source_key: str) -> Coupon | None:
    return db.session.scalars(sa.select(Coupon).where(
        Coupon.campaign_id == campaign_id, Coupon.source_key == source_key)).one_or_none()


def granted_for(user_id: int, source_key: str) -> bool:
    """Whether the user holds a coupon for this source from any campaign (a friend's referral is rewarded once,
    whichever referral campaign granted it)."""
    return db.session.scalar(sa.select(sa.exists().where(Coupon.user_id == user_id, Coupon.source_key == source_key)))


def list_for_user(user_id: int) -> list[Coupon]:
    return list(db.session.scalars(
        sa.select(Coupon).where(Coupon.user_id == user_id).order_by(Coupon.granted_at.desc(), Coupon.id.desc())))


def reserve(coupon_id: int, user_id: int, order, category: str) -> int:
    """Hold the user's coupon for a created order; returns the discount in fen.

    One guarded UPDATE takes it, so of two orders racing for one coupon exactly one wins.
    """
    coupon = db.session.scalars(sa.select(Coupon).where(
        Coupon.id == coupon_id, Coupon.user_id == user_id)).one_or_none()
    if coupon is None:
        raise NotFound(_("We could not find that coupon."))
    now = clock.now()
    if coupon.category and coupon.category != category:
        raise ValidationFailed.for_field("coupon_id", _("This coupon is for another kind of cover."),
                                         code="coupon_not_applicable")
    if coupon.status == "expired" or (coupon.status == "available" and now >= coupon.valid_until):
        raise ValidationFailed.for_field("coupon_id", _("This coupon has expired."), code="coupon_expired")
    if coupon.status == "revoked":
        # Taken back for a cooling-off cancellation or for an operator's refund of the whole premium, any day: the
        # words name neither, so they are true of both (the coupon keeps no reason).
        raise CouponUnavailable(_("This coupon was taken back: the friend's purchase that earned it was cancelled "
                                  "and its premium refunded in full."))
    if orders.largest_discount(order) < 1:
        # Held by an order it takes nothing off, paying would not use it (there is no discount to mark it used
        # by) and nothing would free it: the user would hold a coupon neither usable nor used.
        raise ValidationFailed.for_field(
            "coupon_id", _("This order costs only 0.01 yuan, so a coupon cannot take anything off it. Your coupon "
                           "is kept for another order."), code="coupon_not_applicable")
    taken = db.session.execute(
        sa.update(Coupon).where(Coupon.id == coupon.id, Coupon.status.in_(Coupon.sources_of("reserved")),
                                Coupon.valid_until > now)
        .values(status="reserved", order_id=order.id).execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        raise CouponUnavailable()
    return coupon.discount_fen


def consume(order_id: int, taken_off_fen: int) -> None:
    """The order was paid, ``taken_off_fen`` off its premium: its coupon is used up, and what of its value the order
    could not take (a 5-yuan coupon on a 3-yuan plan takes 2.99 yuan off: an order never goes below 1 fen) goes back
    to its campaign's budget, so the budget counts what users were given (docs/domain.md, Coupons and rewards).

    The one UPDATE that marks it used returns its value, and only that move gives the rest back: a notification
    applied twice uses the coupon once and gives back once."""
    moved = db.session.execute(
        sa.update(Coupon).where(Coupon.order_id == order_id, Coupon.status.in_(Coupon.sources_of("used")))
        .values(status="used", used_at=clock.now()).returning(Coupon.campaign_id, Coupon.discount_fen)
        .execution_options(synchronize_session=False)).all()
    for campaign_id, value_fen in moved:
        if value_fen > taken_off_fen:
            campaigns.return_budget(campaign_id, value_fen - taken_off_fen)


def release(order_id: int) -> None:
    """The order closed unpaid: its coupon is available again (until it expires), or, when what earned it was
    undone while the order held it (``revoke``), taken back now, its value given back to its campaign."""
    coupon = db.session.scalars(sa.select(Coupon).where(Coupon.order_id == order_id, Coupon.status == "reserved")
                                .with_for_update().execution_options(populate_existing=True)).one_or_none()
    if coupon is None:
        return
    coupon.order_id = None
    if coupon.revoked_at is None:
        coupon.move_to("available")
    else:
        _take_back(coupon)
    db.session.flush()


def revoke(user_id: int, source_key: str) -> None:
    """What earned the user's coupons for ``source_key`` was undone (a referred friend's purchase cancelled in
    cooling-off): each one not yet used is taken back and its value given back to its campaign's budget.

    A coupon an unpaid order holds stays with that order, marked: ``used`` if it is paid (the order was priced
    with the discount, and the buyer is owed that price), taken back if it closes unpaid (``release``). A coupon
    already used stays used: its discount went into cover its holder bought and paid for (docs/domain.md,
    Referrals). The coupons are locked before they are decided, as ``release`` locks one, so an order taking or
    freeing one meanwhile is decided before or after, never between.
    """
    now = clock.now()
    held = db.session.scalars(sa.select(Coupon).where(
        Coupon.user_id == user_id, Coupon.source_key == source_key, Coupon.status.in_(Coupon.sources_of("revoked")))
        .with_for_update().execution_options(populate_existing=True)).all()
    for coupon in held:
        coupon.revoked_at = coupon.revoked_at or now
        if coupon.status == "available":
            _take_back(coupon)
    db.session.flush()


def expire_due(now: dt.datetime | None = None) -> int:
    """Coupons past their validity unused turn ``expired``, what each would have taken off back in its campaign's
    budget (``campaigns.expire_grants``); how many."""
    return campaigns.expire_grants(Coupon, Coupon.discount_fen, now or clock.now())


def _take_back(coupon: Coupon) -> None:
    """The locked coupon is ``revoked``, its value given back to its campaign."""
    coupon.move_to("revoked")
    campaigns.return_budget(coupon.campaign_id, coupon.discount_fen)


# -- reacting to the money core ----------------------------------------------------------------

@events.order_paid.connect
def _use_the_order_coupon(order, **_signal) -> None:
    if order.discount_fen:
        consume(order.id, order.discount_fen)


@events.order_closed.connect
def _free_the_order_coupon(order, **_signal) -> None:
    release(order.id)
