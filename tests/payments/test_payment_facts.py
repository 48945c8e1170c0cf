"""What features read with a payment's lock (``orders.declare_payment_fact``): each name once, all of them
declared before the first payment is locked, since the lock's statement is built then and never again."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.extensions import db
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


def test_what_the_session_changed_on_an_order_is_written_before_it_is_locked_for_payment(
        app, client, catalog, alice, insured_adult):
    # A reconciliation notes when it asked WeChat Pay about the order, then applies the payment it was told of: the
    # order locked for the payment is the session's own object, and the note is kept, not overwritten by the row.
    created = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                  "insured": insured_adult, **agreement(client, "accident-basic")},
                          headers=alice["headers"])
    order_no = created.get_json()["order_no"]
    asked_at = dt.datetime(2026, 12, 7, 21, 30, tzinfo=dt.timezone.utc)
    with app.app_context():
        order = orders.lock_by_no(order_no)
        order.reconciled_at = asked_at
        locked, _ = orders.lock_many_for_payment([order_no])[order_no]
        assert locked is order
        assert order.reconciled_at == asked_at and order.status == "created"
        db.session.commit()
        db.session.remove()
        assert db.session.scalar(sa.select(Order.reconciled_at).where(Order.order_no == order_no)) == asked_at
        db.session.remove()
