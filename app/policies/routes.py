from __future__ import annotations

from flask import g

from app.auth.guard import login_required
from app.core.api import Blueprint, ErrorSchema
from app.policies import services
from app.policies.schemas import PolicyDetailSchema, PolicySummarySchema

blp = Blueprint("policies", __name__, url_prefix="/api/v1/policies", description="The user's policies")


@blp.route("", methods=["GET"])
@login_required
@blp.response(200, PolicySummarySchema(many=True))
def list_policies():
    """Every policy the user holds, newest first."""
    return services.list_for_user(g.user_id)


@blp.route("/<string:policy_no>", methods=["GET"])
@login_required
@blp.response(200, PolicyDetailSchema)
def get_policy(policy_no):
    """One policy, with the insured person masked."""
    return services.get_for_user(g.user_id, policy_no)


@blp.route("/<string:policy_no>/cancel", methods=["POST"])
@login_required
@blp.response(200, PolicyDetailSchema)
@blp.alt_response(409, schema=ErrorSchema, description=(
    "Not cancellable for a full refund: `claim_exists` (a claim on it is open, approved or paid), "
    "`cooling_off_over` (15 days have passed), `not_cancellable` (gift cover, or ended)"))
def cancel_policy(policy_no):
    """Cancel within the 15-day cooling-off period: the premium is refunded in full.

    The policy turns `cancelling` at once and `cancelled` when WeChat Pay confirms the refund.
    A policy with a claim that is open, approved or paid is 409 `claim_exists` (withdrawn and
    rejected claims do not count); `cancellable` on the policy says beforehand.
    """
    return services.cancel_for_cooling_off(g.user_id, policy_no)
