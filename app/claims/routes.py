"""Claims for the user, opt-ins for subscribe messages, and the insurer's webhook."""

from __future__ import annotations

import functools
import logging

import marshmallow as ma
from flask import g, request
from werkzeug.exceptions import RequestEntityTooLarge

from app.auth.guard import login_required
from app.claims import materials, messages, services
from app.claims.schemas import (
    ClaimCreateSchema,
    ClaimListedSchema,
    ClaimSchema,
    InsurerAnswerSchema,
    InsurerClaimUpdateSchema,
    MaterialsAddedSchema,
    MaterialUploadSchema,
    OptInsSchema,
    SubscriptionsSchema,
)
from app.core.api import Blueprint, ErrorSchema
from app.core.errors import ValidationFailed, flatten_field_errors
from app.core.idempotency import idempotent
from app.partners import services as partners

log = logging.getLogger(__name__)

blp = Blueprint("claims", __name__, url_prefix="/api/v1/claims",
                description="Claims: filing, documents, and the seven-step timeline")
subscriptions_blp = Blueprint("subscriptions", __name__, url_prefix="/api/v1/subscriptions",
                              description="Opt-ins for subscribe messages")
insurer_blp = Blueprint("insurer_webhooks", __name__, url_prefix="/webhooks/insurer",
                        description="The insurer moves claims (signed partner webhook)")

#: An insurer's update is a few hundred bytes; the signature covers the exact body, read whole.
MAX_WEBHOOK_BYTES = 64 * 1024


def _upload_limits(view):
    """Raise the body limit for document uploads only (JSON bodies stay at 64 KiB)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        request.max_content_length = materials.MAX_UPLOAD_BODY_BYTES
        request.max_form_parts = materials.MAX_FORM_PARTS
        if request.content_length is not None and request.content_length > materials.MAX_UPLOAD_BODY_BYTES:
            raise RequestEntityTooLarge()
        return view(*args, **kwargs)

    return wrapper


@blp.route("", methods=["POST"])
@login_required
@idempotent(replay=lambda user_id, first: services.get_for_user(user_id, first["claim_no"]), schema=ClaimSchema)
@blp.arguments(ClaimCreateSchema)
@blp.response(201, ClaimSchema)
@blp.alt_response(422, schema=ErrorSchema, description=(
    "Refused, naming the field: `claim_kind_not_covered` (the policy's product does not pay for this kind: "
    "see the product's `claim_kinds`), `policy_not_active`, `outside_cover_period`, `waiting_period`, "
    "`exceeds_coverage` and others"))
def file_claim(body):
    """File a claim on one of your policies.

    Another user's or an unknown policy is 404. A kind the policy's product does not pay for
    (`hospital` on accident cover) is 422 `claim_kind_not_covered`. A policy not in force, an
    event outside the cover or in the future, illness (`hospital`) within the waiting period, or
    an amount above the coverage is 422 naming the field.

    Send an `Idempotency-Key` header to make retries safe: a claim sent again after its answer was lost
    answers the claim filed the first time, as it is now, instead of filing a second one.
    """
    return services.file_claim(g.user_id, body)


@blp.route("", methods=["GET"])
@login_required
@blp.response(200, ClaimListedSchema(many=True))
def list_claims():
    """Your claims, newest first, each with its timeline."""
    return services.list_for_user(g.user_id)


@blp.route("/<string:claim_no>", methods=["GET"])
@login_required
@blp.response(200, ClaimSchema)
def get_claim(claim_no):
    """One claim: the seven steps (done, current, pending with an expected date, skipped, not reached),
    the current step in a sentence, and the documents."""
    return services.get_for_user(g.user_id, claim_no)


@blp.route("/<string:claim_no>/withdraw", methods=["POST"])
@login_required
@blp.response(200, ClaimSchema)
def withdraw(claim_no):
    """Withdraw the claim, at any step before it is approved; afterwards 409 `illegal_transition`."""
    return services.withdraw(g.user_id, claim_no)


@blp.route("/<string:claim_no>/materials", methods=["POST"])
@login_required
@_upload_limits
@blp.arguments(MaterialUploadSchema, location="files")
@blp.response(201, MaterialsAddedSchema)
def upload_materials(files, claim_no):
    """Add documents (multipart, parts named `files`): JPEG, PNG or PDF, recognised by content.

    At most 10 MiB each (413 `file_too_large`), 10 per request and 30 per claim (422
    `too_many_files`); anything else is 422 `unsupported_file_type`. One bad file and none
    is kept. A claim waiting for more documents goes back to review when one it did not hold arrives (the
    same content sent again is the document it has, and the claim keeps waiting).
    """
    return services.add_materials(g.user_id, claim_no, files["files"])


@blp.route("/<string:claim_no>/materials/<int:material_id>", methods=["GET"])
@login_required
@blp.doc(responses={"200": {"description": "The document", "content": {
    "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
    "image/png": {"schema": {"type": "string", "format": "binary"}},
    "application/pdf": {"schema": {"type": "string", "format": "binary"}}}}})
def download_material(claim_no, material_id):
    """One of your documents (another user's is 404)."""
    return materials.send(services.open_material_for_user(g.user_id, claim_no, material_id))


@subscriptions_blp.route("", methods=["POST"])
@login_required
@subscriptions_blp.arguments(SubscriptionsSchema)
@subscriptions_blp.response(200, OptInsSchema)
def record_subscriptions(body):
    """Record what `wx.requestSubscribeMessage` returned: each "accept" allows one more message.

    Template ids this server does not use are ignored (listed in `ignored`), not refused:
    the mini-program may ask about several templates at once. Claim progress messages use
    the `claim_progress` template of `GET /api/v1/config`; one message spends one opt-in.
    """
    return messages.record_opt_ins(g.user_id, body["template_ids"])


@insurer_blp.route("/claims", methods=["POST"])
@insurer_blp.doc(parameters=partners.SIGNATURE_HEADERS,
                 requestBody={"required": True, "content": {"application/json": {"schema": InsurerClaimUpdateSchema}}})
@insurer_blp.response(200, InsurerAnswerSchema)
def insurer_claim_update():
    """The insurer moves a claim on a policy it underwrites. Applied: 200 with the new state; a replayed
    `event_id`: 200 `{"duplicate": true}` and no effect; `changed_at` older than the insurer's newest move of
    the claim: 200 `{"stale": true}` with the state unchanged, not applied.

    401 `invalid_signature` / `stale_request`, 403 without the `claims` scope or without an insurer
    (`insurer_not_configured`), 404 unknown claim or one on another insurer's policy, 409
    `illegal_transition`, 422 invalid body (`changed_in_future`). A refused request does not use up its
    `event_id`.
    """
    request.max_content_length = MAX_WEBHOOK_BYTES  # get_data() answers 413 past this
    verified = partners.verify(request.headers, request.get_data(), scope="claims")
    try:
        update = InsurerClaimUpdateSchema().load(verified.payload)
    except ma.ValidationError as invalid:
        log.info("insurer update from %s refused: %s", verified.partner, invalid.messages)
        raise ValidationFailed(details={"fields": flatten_field_errors(invalid.messages)}) from None
    return services.apply_insurer_update(verified, update)
