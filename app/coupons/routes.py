from __future__ import annotations

from flask import g

from app.auth.guard import login_required
from app.core.api import Blueprint
from app.coupons import services
from app.coupons.schemas import CouponSchema

blp = Blueprint("coupons", __name__, url_prefix="/api/v1/coupons", description="The user's coupons")


@blp.route("", methods=["GET"])
@login_required
@blp.response(200, CouponSchema(many=True))
def list_coupons():
    """The user's coupons, newest first; pass one's `id` as `coupon_id` when ordering."""
    return services.list_for_user(g.user_id)
