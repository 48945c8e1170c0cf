"""``POST /webhooks/scenarios``: signed partner events (docs/api.md, Partner webhooks)."""

from __future__ import annotations

import marshmallow as ma
from flask import Blueprint, jsonify, request

from app.errors import ValidationFailed, flatten_field_errors
from app.partners import services as partners
from app.scenarios import services
from app.scenarios.schemas import ScenarioEventSchema

blp = Blueprint("scenario_webhooks", __name__, url_prefix="/webhooks")

MAX_EVENT_BYTES = 64 * 1024


@blp.post("/scenarios")
def scenario_event():
    # A cap on the stream, not just on Content-Length: a chunked body is bounded too.
    request.max_content_length = MAX_EVENT_BYTES
    verified = partners.verify(request.headers, request.get_data(), scope="scenarios")
    try:
        event = ScenarioEventSchema().load(verified.payload)
    except ma.ValidationError as invalid:
        raise ValidationFailed(details={"fields": flatten_field_errors(invalid.messages)}) from None
    return jsonify(services.handle(verified, event))
