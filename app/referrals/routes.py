from __future__ import annotations

from flask import g

from app.auth.guard import login_required
from app.core.api import Blueprint
from app.referrals import services
from app.referrals.schemas import ReferralSchema, ShareCreateSchema, ShareSchema

blp = Blueprint("shares", __name__, url_prefix="/api/v1", description="Sharing and referrals")


@blp.route("/shares", methods=["POST"])
@login_required
@blp.arguments(ShareCreateSchema)
@blp.response(201, ShareSchema)
def create_share(body):
    """A share token for a product or an envelope, to put in the shared card's path."""
    return services.share(g.user_id, body["kind"], body["target"], body.get("via_share_token"))


@blp.route("/me/referrals", methods=["GET"])
@login_required
@blp.response(200, ReferralSchema(many=True))
def my_referrals():
    """Who came through my shares, and what they bought."""
    return services.referrals_of(g.user_id)
