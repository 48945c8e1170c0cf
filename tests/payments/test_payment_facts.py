"""What features read with a payment's lock (``orders.declare_payment_fact``): each name once, all of them
declared before the first payment is locked, since the lock's statement is built then and never again."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.orders import services as orders
from app.orders.models import Order
from app.referrals.models import Referral
from tests.support import agreement, plan_id


def test_a_locked_order_comes_with_what_the_features_declared(app, client, catalog, alice, insured_adult):
    created = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                  "insured": insured_adult, **agreement(client, "accident-basic")},
                          headers=alice["headers"])
    assert created.status_code == 201, created.get_json()

    with app.app_context():
        order, facts = orders.lock_many_for_payment([created.get_json()["order_no"]])[created.get_json()["order_no"]]
        # Bought without auto-renewal, by a user nobody referred: the renewal and referral receivers skip it.
        assert facts == {"renews": False, "buyer_was_referred": False}
        assert order.order_no == created.get_json()["order_no"]


def test_a_second_expression_under_a_declared_name_is_refused_and_the_first_stays(monkeypatch):
    # As at import, before any payment has built the lock's statement (another test may have built it).
    monkeypatch.setattr(orders, "_lock_for_payment", {})
    declared = orders._payment_facts["buyer_was_referred"]
    other = sa.exists().where(Referral.user_id == Order.user_id, Order.discount_fen > 0)

    with pytest.raises(RuntimeError, match="declared twice"):
        orders.declare_payment_fact("buyer_was_referred", other)
    assert orders._payment_facts["buyer_was_referred"] is declared
    orders.declare_payment_fact("buyer_was_referred", declared)  # the same one again changes nothing
    assert orders._payment_facts["buyer_was_referred"] is declared


def test_a_fact_declared_after_the_first_payment_was_locked_is_refused(app_ctx):
    # A fact added now would be missing from the statement already built: its receiver would get a KeyError
    # in the middle of a payment. Refused at once instead.
    orders.lock_many_for_payment(["RC-no-such-order"])

    with pytest.raises(RuntimeError, match="declared after the first payment was locked"):
        orders.declare_payment_fact("late_fact", sa.exists().where(Order.discount_fen > 0))
    assert "late_fact" not in orders._payment_facts
