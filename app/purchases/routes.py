from __future__ import annotations

from flask import g, request

from app.auth.guard import login_required
from app.core.api import Blueprint
from app.core.idempotency import idempotent
from app.purchases import services
from app.purchases.schemas import OrderCreatedSchema, OrderCreateSchema, OrderSchema

blp = Blueprint("orders", __name__, url_prefix="/api/v1/orders", description="Buying cover")


@blp.route("", methods=["POST"])
@login_required
@idempotent(replay=services.replay, schema=OrderCreatedSchema)
@blp.arguments(OrderCreateSchema)
@blp.response(201, OrderCreatedSchema)
def create_order(body):
    """Order one term of a plan; the answer carries the signed `wx.requestPayment` parameters.

    Send an `Idempotency-Key` header to make retries safe: a retry answers the order as it is now,
    with `pay_params` only while it is unpaid.
    """
    return services.buy(g.user_id, body["plan_id"], body["insured"], request.remote_addr or "127.0.0.1",
                        body.get("coupon_id"), body["agreement"], auto_renew=body.get("auto_renew", False))


@blp.route("/<string:order_no>", methods=["GET"])
@login_required
@blp.response(200, OrderSchema)
def get_order(order_no):
    """The order's status, and its policy number once paid."""
    return services.view_for_user(g.user_id, order_no)


@blp.route("/<string:order_no>/cancel", methods=["POST"])
@login_required
@blp.response(200, OrderSchema)
def cancel_order(order_no):
    """Cancel an unpaid order: it closes at once (a paid order is 409; see policy cancellation)."""
    return services.cancel(g.user_id, order_no)
