"""``POST /webhooks/scenarios``: signed partner events (docs/api.md, Partner webhooks)."""

from __future__ import annotations

import marshmallow as ma
from flask import request

from app.core.api import Blueprint
from app.core.errors import ValidationFailed, flatten_field_errors
from app.partners import services as partners
from app.scenarios import services
from app.scenarios.schemas import ScenarioAnswerSchema, ScenarioEventSchema

blp = Blueprint("scenario_webhooks", __name__, url_prefix="/webhooks",
                description="Scenario partners report events that earn coupons (signed partner webhook)")

MAX_EVENT_BYTES = 64 * 1024


@blp.route("/scenarios", methods=["POST"])
@blp.doc(parameters=partners.SIGNATURE_HEADERS,
         requestBody={"required": True, "content": {"application/json": {"schema": ScenarioEventSchema}}})
@blp.response(200, ScenarioAnswerSchema)
def scenario_event():
    """A scenario partner's event, e.g. `hospital_payment`: the running campaign for it grants the user
    its coupon. A replayed `event_id` is 200 `{"duplicate": true}` with no effect; an openid we do not
    know is stored and answered 200 `{"ignored": "unknown_user"}`.

    401 `invalid_signature` / `stale_request`, 403 without the `scenarios` scope, 422 invalid body or
    `unknown_scenario`. A refused request does not use up its `event_id`.
    """
    # A cap on the stream, not just on Content-Length: a chunked body is bounded too.
    request.max_content_length = MAX_EVENT_BYTES
    verified = partners.verify(request.headers, request.get_data(), scope="scenarios")
    try:
        event = ScenarioEventSchema().load(verified.payload)
    except ma.ValidationError as invalid:
        raise ValidationFailed(details={"fields": flatten_field_errors(invalid.messages)}) from None
    return services.handle(verified, event)
