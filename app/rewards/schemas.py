from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from app.agreements.schemas import NewCoverSchema
from app.catalog.schemas import in_the_requests_language
from app.core import clock


class WerunSchema(ma.Schema):
    encrypted_data = ma.fields.String(required=True, validate=validate.Length(min=1, max=20_000))
    iv = ma.fields.String(required=True, validate=validate.Length(min=1, max=64))


class RewardSchema(ma.Schema):
    id = ma.fields.Integer()
    name = in_the_requests_language("name", metadata={"description": "The campaign's name, in the request's language"})
    coverage_fen = ma.fields.Integer()
    status = ma.fields.Function(lambda r: r.status_at(clock.now()),
                                metadata={"description": "available, redeemed or expired"})
    valid_until = ma.fields.DateTime()


class WerunResultSchema(ma.Schema):
    steps_today = ma.fields.Integer()
    rewards = ma.fields.List(ma.fields.Nested(RewardSchema))


class RedeemSchema(NewCoverSchema):
    """The gift cover's documents accepted, and who it insures (yourself or someone you name)."""


class RedeemedSchema(ma.Schema):
    reward = ma.fields.Nested(RewardSchema)
    policy_no = ma.fields.String()
