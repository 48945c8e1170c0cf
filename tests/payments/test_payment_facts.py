"""What features read with a payment's lock (``orders.declare_payment_fact``): each name once, all of them
declared before the first payment is locked, since the lock's statement is built then and never again."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.orders import services as orders
from app.orders.models import Order
from app.referrals.models import Referral


def test_the_features_facts_come_with_every_locked_order(app_ctx):
    assert orders.lock_for_payment("RC-no-such-order") is None  # builds the lock's statement, as a payment does

    assert {"renews", "buyer_was_referred"} <= set(orders._payment_facts)


def test_a_second_expression_under_a_declared_name_is_refused_and_the_first_stays():
    declared = orders._payment_facts["buyer_was_referred"]
    other = sa.exists().where(Referral.user_id == Order.user_id, Order.discount_fen > 0)

    with pytest.raises(RuntimeError, match="declared twice|declared after the first payment"):
        orders.declare_payment_fact("buyer_was_referred", other)
    assert orders._payment_facts["buyer_was_referred"] is declared


def test_a_fact_declared_after_the_first_payment_was_locked_is_refused(app_ctx):
    # A fact added now would be missing from the statement already built: its receiver would get a KeyError
    # in the middle of a payment. Refused at once instead.
    orders.lock_for_payment("RC-no-such-order")

    with pytest.raises(RuntimeError, match="declared after the first payment was locked"):
        orders.declare_payment_fact("late_fact", sa.exists().where(Order.discount_fen > 0))
    assert "late_fact" not in orders._payment_facts
