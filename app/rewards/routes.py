from __future__ import annotations

from flask import g

from app.auth.guard import login_required
from app.core.api import Blueprint
from app.rewards import services
from app.rewards.schemas import RedeemedSchema, RedeemSchema, RewardSchema, WerunResultSchema, WerunSchema

blp = Blueprint("rewards", __name__, url_prefix="/api/v1/rewards", description="WeRun rewards")


@blp.route("/werun", methods=["POST"])
@login_required
@blp.arguments(WerunSchema)
@blp.response(200, WerunResultSchema)
def werun(body):
    """Report WeRun data from `wx.getWeRunData`; 409 `session_expired` means call `wx.login` again."""
    return services.record_werun(g.user_id, body["encrypted_data"], body["iv"])


@blp.route("", methods=["GET"])
@login_required
@blp.response(200, RewardSchema(many=True))
def list_rewards():
    """The user's rewards."""
    return services.list_for_user(g.user_id)


@blp.route("/<int:reward_id>/redeem", methods=["POST"])
@login_required
@blp.arguments(RedeemSchema)
@blp.response(201, RedeemedSchema)
def redeem(body, reward_id):
    """Turn a reward into cover for the insured person; each reward once."""
    return services.redeem(g.user_id, reward_id, body["insured"], body["agreement"])
