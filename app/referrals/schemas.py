from __future__ import annotations

import marshmallow as ma
from marshmallow import validate


class ShareCreateSchema(ma.Schema):
    kind = ma.fields.String(required=True, validate=validate.OneOf(["product", "envelope"]))
    target = ma.fields.String(required=True, validate=validate.Length(min=1, max=64),
                              metadata={"description": "A product code or an envelope id"})
    via_share_token = ma.fields.String(validate=validate.Length(max=64), allow_none=True,
                                       metadata={"description": "The token the user arrived through, if any"})


class ShareSchema(ma.Schema):
    share_token = ma.fields.String(attribute="token")
    kind = ma.fields.String()
    target = ma.fields.String()


class ReferralSchema(ma.Schema):
    nickname = ma.fields.String(allow_none=True)
    joined_at = ma.fields.DateTime()
    via = ma.fields.String(metadata={"description": "product or envelope"})
    target = ma.fields.String()
    orders = ma.fields.Integer(metadata={"description": "Policies they bought"})
    premium_fen = ma.fields.Integer()
