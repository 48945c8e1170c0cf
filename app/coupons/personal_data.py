"""Coupons in a user's copy of their personal information (``app.core.personal_data``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.campaigns import services as campaigns
from app.core import clock, events
from app.core.personal_data import Section, amount, moment
from app.coupons.models import Coupon
from app.extensions import db
from app.orders.models import Order


@events.personal_data_copy.connect
def coupons(user_id: int) -> Section:
    """Each coupon and what granted it, by kind only: a referral coupon's source names the friend who bought
    (``referral:<their user id>``), which is the friend's information."""
    now = clock.now()
    found = db.session.execute(sa.select(Coupon, Order.order_no).outerjoin(Order, Order.id == Coupon.order_id)
                               .where(Coupon.user_id == user_id).order_by(Coupon.id))
    return Section("coupons", _l("Coupons"), ("coupons",), [{
        "name_zh": coupon.name_zh, "name_en": coupon.name_en, "discount": amount(coupon.discount_fen),
        "category": coupon.category, "status": coupon.status_at(now), "granted_for": coupon.source_key.partition(":")[0],
        "order_no": order_no, "granted_at": moment(coupon.granted_at), "valid_until": moment(coupon.valid_until),
        "used_at": moment(coupon.used_at), "revoked_at": moment(coupon.revoked_at),
    } for coupon, order_no in found])


@events.account_closed.connect
def void_coupons(user_id: int) -> tuple[str, ...]:
    """Coupons not yet used are taken back, their value back in their campaigns' budgets; used ones stay, with
    the orders they priced."""
    campaigns.void_grants_of(Coupon, Coupon.discount_fen, user_id, "revoked")
    return ("coupons",)
