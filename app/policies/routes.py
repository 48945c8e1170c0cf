from __future__ import annotations

from flask import Blueprint as FlaskBlueprint
from flask import Response, g, render_template

from app.auth.guard import login_required
from app.core.api import Blueprint, ErrorSchema
from app.policies import epolicy, services
from app.policies.schemas import PolicyDetailSchema, PolicySummarySchema

blp = Blueprint("policies", __name__, url_prefix="/api/v1/policies", description="The user's policies")
#: The public check page an e-policy's QR code opens (no login: it shows no personal data).
verify_blp = FlaskBlueprint("verify", __name__, template_folder="templates")


def _binary(content_type: str, description: str) -> dict:
    return {"200": {"description": description, "content": {content_type: {"schema": {"type": "string",
                                                                                       "format": "binary"}}}}}


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


@blp.route("/<string:policy_no>/document", methods=["GET"])
@login_required
@blp.doc(responses=_binary("application/pdf", "The e-policy (电子保险单), to keep or forward"))
def policy_document(policy_no):
    """The e-policy as a PDF (another user's policy is 404): policy number, insurer, policyholder and insured
    (masked), plan, sum insured, period, premium, the documents agreed, the hotline, and a verification code
    with a QR code to its public check page."""
    response = Response(services.document_for_user(g.user_id, policy_no), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{policy_no}.pdf"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@blp.route("/<string:policy_no>/card", methods=["GET"])
@login_required
@blp.doc(responses=_binary("image/png", "A 750×1000 card to share"))
def policy_card(policy_no):
    """The policy as a PNG card to share: product, plan, sum insured, insurer, the insured's masked name and the
    QR code of its check page; no other personal data."""
    response = Response(services.card_for_user(g.user_id, policy_no), mimetype="image/png")
    response.headers["Cache-Control"] = "private, no-store"
    return response


@verify_blp.get("/verify/<string:code>")
def verify(code):
    """The public check that a policy is genuine: its number, product, cover period and status (404 when no
    policy has the code)."""
    found = services.verified(code.strip().upper())
    page = render_template("policies/verify.html", policy=found, both=epolicy.both, words=epolicy)
    response = Response(page, status=200 if found else 404, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
