from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from app.core import clock
from app.core.fields import Id, Int64, VisibleText
from app.agreements.schemas import NewCoverSchema
from app.envelopes.services import grab_status_at, status_at
from app.orders.schemas import PayParamsSchema


class EnvelopeCreateSchema(ma.Schema):
    plan_id = Id(required=True, metadata={"description": "The gift plan's id"})
    total_coverage_fen = Int64(required=True,
                               metadata={"description": "Steps of 10,000 fen; at least 100,000 per share"})
    shares = Int64(required=True)
    mode = ma.fields.String(required=True, validate=validate.OneOf(["random", "equal"]))
    greeting = VisibleText(load_default="", validate=validate.Length(max=120))
    campaign_code = ma.fields.String(validate=validate.Length(min=1, max=40),
                                     metadata={"description": "Send a free promo envelope paid by this campaign"})


class EnvelopeCreatedSchema(ma.Schema):
    envelope_id = ma.fields.String()
    status = ma.fields.String(metadata={"description": "pending_payment, active, exhausted, expired or closed (its order closed unpaid)"})
    share_token = ma.fields.String()
    amount_fen = ma.fields.Integer(metadata={"description": "What the sender pays (0 for a promo envelope)"})
    pay_params = ma.fields.Nested(PayParamsSchema, allow_none=True)


class GrabListedSchema(ma.Schema):
    nickname = ma.fields.String()
    coverage_fen = ma.fields.Integer()
    grabbed_at = ma.fields.DateTime()


class MyGrabSchema(ma.Schema):
    grab_id = ma.fields.String()
    coverage_fen = ma.fields.Integer()
    status = ma.fields.String(metadata={"description": "grabbed, activated or lapsed"})
    activate_by = ma.fields.DateTime()
    policy_no = ma.fields.String(allow_none=True, metadata={"description": "Once activated"})


class SenderSchema(ma.Schema):
    nickname = ma.fields.String()
    avatar_url = ma.fields.String(allow_none=True)


class ShareCardSchema(ma.Schema):
    title = ma.fields.String()
    greeting = ma.fields.String()
    path = ma.fields.String()


class EnvelopeSchema(ma.Schema):
    envelope_id = ma.fields.String()
    is_sender = ma.fields.Boolean(metadata={
        "description": "The viewer sent it: offer sharing, never grabbing (a grab is 409 `own_envelope`)"})
    status = ma.fields.String()
    mode = ma.fields.String()
    greeting = ma.fields.String()
    sender = ma.fields.Nested(SenderSchema)
    total_coverage_fen = ma.fields.Integer()
    shares = ma.fields.Integer()
    shares_left = ma.fields.Integer()
    grabs = ma.fields.List(ma.fields.Nested(GrabListedSchema))
    luckiest = ma.fields.Nested(GrabListedSchema, allow_none=True,
                                metadata={"description": "The biggest share, once all are grabbed or expired"})
    expires_at = ma.fields.DateTime(allow_none=True)
    my_grab = ma.fields.Nested(MyGrabSchema, allow_none=True)
    share_card = ma.fields.Nested(ShareCardSchema)


class RefundSummarySchema(ma.Schema):
    amount_fen = ma.fields.Integer()
    status = ma.fields.String(metadata={"description": "pending, submitted, succeeded or failed"})


class SentEnvelopeSchema(ma.Schema):
    """Dumps ``services.sent_by``'s rows: the envelope, and the refund of its unclaimed cover."""

    envelope_id = ma.fields.String(attribute="envelope.public_id")
    status = ma.fields.Function(lambda row: status_at(row["envelope"], clock.now()), metadata={
        "description": "pending_payment, active, exhausted, expired or closed (its order closed unpaid), as the envelope's page says it"})
    total_coverage_fen = ma.fields.Integer(attribute="envelope.total_coverage_fen")
    shares = ma.fields.Integer(attribute="envelope.shares")
    premium_fen = ma.fields.Integer(attribute="envelope.premium_fen")
    funding = ma.fields.String(attribute="envelope.funding")
    created_at = ma.fields.DateTime(attribute="envelope.created_at")
    expires_at = ma.fields.DateTime(attribute="envelope.expires_at", allow_none=True)
    settled_at = ma.fields.DateTime(attribute="envelope.settled_at", allow_none=True)
    refund = ma.fields.Nested(RefundSummarySchema, allow_none=True)


class GrabCreatedSchema(ma.Schema):
    grab_id = ma.fields.String()
    coverage_fen = ma.fields.Integer()


class MyGrabListedSchema(ma.Schema):
    grab_id = ma.fields.String(attribute="public_id")
    coverage_fen = ma.fields.Integer()
    status = ma.fields.Function(lambda grab: grab_status_at(grab, clock.now()), metadata={
        "description": "grabbed, activated or lapsed (lapsed from activate_by on, as activation says)"})
    grabbed_at = ma.fields.DateTime()
    activate_by = ma.fields.DateTime()


class ActivateSchema(NewCoverSchema):
    """The gift cover's documents accepted, and who it insures (yourself or someone you name)."""


class ActivatedSchema(ma.Schema):
    policy_no = ma.fields.String()
