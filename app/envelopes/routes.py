from __future__ import annotations

from flask import g, request

from app.auth.guard import login_required
from app.core.api import Blueprint, ErrorSchema
from app.core.db import unit_of_work
from app.core.idempotency import idempotent
from app.envelopes import grabs, services
from app.envelopes.schemas import (
    ActivatedSchema,
    ActivateSchema,
    EnvelopeCreatedSchema,
    EnvelopeCreateSchema,
    EnvelopeSchema,
    GrabCreatedSchema,
    MyGrabListedSchema,
    SentEnvelopeSchema,
)

blp = Blueprint("envelopes", __name__, url_prefix="/api/v1", description="Insurance red envelopes")


@blp.route("/envelopes", methods=["POST"])
@login_required
@idempotent(replay=services.replay, schema=EnvelopeCreatedSchema)
@blp.arguments(EnvelopeCreateSchema)
@blp.response(201, EnvelopeCreatedSchema)
def create_envelope(body):
    """Send gift cover split into shares: pay with `pay_params`, or free with a promo `campaign_code`.

    A split outside the rules is 422 `invalid_split`. Send an `Idempotency-Key` to make retries safe: a retry
    answers the envelope it made, except one that closed unpaid, which is made afresh (a new envelope to pay).
    """
    return services.create(g.user_id, body["plan_id"], body["total_coverage_fen"], body["shares"], body["mode"],
                           body["greeting"], request.remote_addr or "127.0.0.1", body.get("campaign_code"))


@blp.route("/envelopes", methods=["GET"])
@login_required
@blp.response(200, SentEnvelopeSchema(many=True))
def list_sent():
    """Envelopes the user sent, with any refund of unclaimed cover."""
    return services.sent_by(g.user_id)


@blp.route("/envelopes/<string:envelope_id>", methods=["GET"])
@login_required
@blp.response(200, EnvelopeSchema)
def get_envelope(envelope_id):
    """Any logged-in user holding the id sees the envelope, who got what, and the luckiest."""
    return services.view(envelope_id, g.user_id)


@blp.route("/envelopes/<string:envelope_id>/grab", methods=["POST"])
@login_required
@blp.response(201, GrabCreatedSchema)
@blp.alt_response(409, schema=ErrorSchema, description=(
    "`own_envelope` (the sender cannot grab their own envelope: it is a gift for friends), `already_grabbed`, "
    "`envelope_not_active` (not paid yet)"))
def grab(envelope_id):
    """Grab one share: 409 `own_envelope` for the envelope's sender (checked first: no share is held),
    409 `already_grabbed`, 410 `envelope_empty` / `envelope_expired` / `envelope_closed` (its order closed
    unpaid: it never opens); 503 if Redis is
    down, or `busy` when a crowd keeps meeting shares just taken (nothing recorded: tap again)."""
    with unit_of_work() as unit:  # recorded before we answer; if the commit fails, the share goes back
        return grabs.take(g.user_id, envelope_id, unit)


@blp.route("/envelope-grabs", methods=["GET"])
@login_required
@blp.response(200, MyGrabListedSchema(many=True))
def my_grabs():
    """The shares the user grabbed, and whether each is activated."""
    return services.grabs_of(g.user_id)


@blp.route("/envelope-grabs/<string:grab_id>/activate", methods=["POST"])
@login_required
@blp.arguments(ActivateSchema)
@blp.response(201, ActivatedSchema)
def activate(body, grab_id):
    """Turn a grabbed share into a policy for the insured person (yourself or someone you name), within 7 days."""
    return services.activate(g.user_id, grab_id, body["insured"], body["agreement"])
