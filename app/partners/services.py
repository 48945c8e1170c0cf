"""Verifying partner requests (docs/api.md, Partner webhooks) and recording their events once.

Headers: ``X-Redcover-Partner``, ``X-Redcover-Timestamp`` (Unix seconds) and
``X-Redcover-Signature`` = hex HMAC-SHA256 of ``timestamp + "\\n" + raw_body`` with the
partner's secret from ``PARTNER_SECRETS``. A request refused here (401/403) records
nothing, so it does not use up its event id.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.core import clock, untrusted
from app.core.errors import BadRequest, Forbidden, Unauthorized
from app.extensions import db
from app.partners.models import PartnerEvent

#: Requests further than this from our clock, either way, are refused as stale.
MAX_SKEW_SECONDS = 300

#: The signature headers, as the OpenAPI document describes them to partners.
SIGNATURE_HEADERS = [
    {"in": "header", "name": "X-Redcover-Partner", "required": True, "schema": {"type": "string"}},
    {"in": "header", "name": "X-Redcover-Timestamp", "required": True, "schema": {"type": "string"},
     "description": "Unix seconds; more than 5 minutes off is 401 stale_request"},
    {"in": "header", "name": "X-Redcover-Signature", "required": True, "schema": {"type": "string"},
     "description": 'Hex HMAC-SHA256 of timestamp + "\\n" + raw body with the partner\'s secret'},
]


class InvalidSignature(Unauthorized):
    code = "invalid_signature"
    message = _l("The request's partner or signature is not valid.")


class StaleRequest(Unauthorized):
    code = "stale_request"
    message = _l("The request's timestamp is more than 5 minutes from our clock.")


@dataclass
class PartnerRequest:
    partner: str
    payload: dict
    raw_body: bytes
    #: The body as the text it was read as: what is kept of the event (its bytes as UTF-8 would hold a NUL
    #: after every character of a UTF-16 body, which PostgreSQL refuses).
    text: str
    #: The webhook it came to (claims or scenarios): event ids are the partner's own within it.
    scope: str
    #: The code of the insurer the partner speaks for (``"insurer"`` in its ``PARTNER_SECRETS`` entry), or None:
    #: an insurer's system moves the claims of that insurer's policies only.
    insurer: str | None = None


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature a partner sends (also what partners' client code computes)."""
    return hmac.new(secret.encode(), timestamp.encode() + b"\n" + body, hashlib.sha256).hexdigest()


def verify(headers, body: bytes, scope: str) -> PartnerRequest:
    """Check partner, signature, freshness and scope; then parse the JSON body."""
    partner = headers.get("X-Redcover-Partner", "")
    timestamp = headers.get("X-Redcover-Timestamp", "")
    signature = headers.get("X-Redcover-Signature", "")
    config = current_app.config["PARTNER_SECRETS"].get(partner)
    expected = sign(config["secret"], timestamp, body) if config and config.get("secret") else ""
    if not expected or not hmac.compare_digest(expected.encode(), signature.lower().encode()):
        raise InvalidSignature()
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise InvalidSignature() from None
    # In whole seconds: a float of the clock minus a signed 400-digit timestamp overflowed (a 500).
    if abs(int(clock.now().timestamp()) - sent_at) > MAX_SKEW_SECONDS:
        raise StaleRequest()
    if scope not in config.get("scopes", ()):
        raise Forbidden(_("Partner %(partner)s may not call this endpoint.", partner=partner), code="scope_not_granted")
    try:
        text = untrusted.json_text(body)  # UTF-8, or UTF-16 / 32 as JSON's readers detect them
        payload = untrusted.read_json(text)  # 422 naming the field for text no column can hold
    except ValueError:
        raise BadRequest(_("The request body is not valid JSON."), code="malformed_json") from None
    if not isinstance(payload, dict):
        raise BadRequest(_("The request body must be a JSON object."), code="malformed_json")
    insurer = config.get("insurer")
    return PartnerRequest(partner=partner, payload=payload, raw_body=body, text=text, scope=scope,
                          insurer=insurer if isinstance(insurer, str) and insurer else None)


def record_event(request: PartnerRequest, event_id: str) -> PartnerEvent | None:
    """Claim the event id on the request's webhook, or None if it was already applied there (a replay).

    Call it first, in the same transaction as the effect: if the effect fails, the
    claim rolls back with it and the partner may send the event again.
    """
    if db.session.scalar(sa.select(PartnerEvent.id).where(
            PartnerEvent.partner == request.partner, PartnerEvent.scope == request.scope,
            PartnerEvent.event_id == event_id)) is not None:
        return None
    event = PartnerEvent(partner=request.partner, event_id=event_id, scope=request.scope,
                         body=request.text, received_at=clock.now())
    try:
        with db.session.begin_nested():
            db.session.add(event)
    except IntegrityError:  # the same event arriving twice at once
        return None
    return event
