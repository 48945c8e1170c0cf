"""A failed refund that succeeds after all, once the payer has the money back another way, driven as WeChat Pay
and an operator drive them. Each test failed on the code before its fix."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.orders.models import Order
from app.payments.models import Payment, Refund
from tests.payments.test_v3_notifications import notifications, refund_resource, submitted_refund
from tests.payments.v3_helpers import notification, post


def test_a_success_after_an_operator_refunded_the_payment_again_is_flagged_as_paid_back_twice(
        v3_app, v3_client, v3_order):
    """WeChat Pay reported the refund ABNORMAL; the operator refunded the payment again from the order's page (as
    docs/domain.md says they may), and that refund succeeded. Then WeChat Pay reported SUCCESS for the first one too
    (the merchant platform paid it out): the payer has the premium twice. Before 7 December that SUCCESS was
    dropped; now it is applied, and it said nothing: no flag for anyone to ask the money back, only a payment refunded
    past its amount."""
    from app.payments import refunds

    first = submitted_refund(v3_app, v3_client, v3_order)
    headers, body = notification(v3_app, "REFUND.ABNORMAL", refund_resource(v3_app, first, "ABNORMAL"),
                                 original_type="refund")
    assert post(v3_client, headers, body).status_code == 204
    with v3_app.app_context():
        order_id = db.session.scalar(sa.select(Order.id).where(Order.order_no == v3_order["order_no"]))
        again = refunds.refund_order(order_id, None, reason="operator", description="Refund by customer service",
                                     requested_by="admin:olga")
        db.session.commit()
        assert again.amount_fen == first.amount_fen  # the failed refund returned nothing: all of it is left
        db.session.expunge(again)
    for refund in (again, first):
        headers, body = notification(v3_app, "REFUND.SUCCESS", refund_resource(v3_app, refund, "SUCCESS"),
                                     original_type="refund")
        assert post(v3_client, headers, body).status_code == 204
    with v3_app.app_context():
        assert db.session.get(Refund, first.id).status == "succeeded"  # the money did move
        refunded = db.session.scalar(sa.select(sa.func.sum(Refund.amount_fen)).where(
            Refund.payment_id == first.payment_id, Refund.status == "succeeded"))
        assert refunded == 2 * db.session.get(Payment, first.payment_id).amount_fen
    last = notifications(v3_app)[-1]
    assert (last.outcome, last.detail) == ("flagged", "paid_back_twice")
