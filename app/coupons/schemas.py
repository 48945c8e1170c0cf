from __future__ import annotations

import marshmallow as ma

from app.catalog.schemas import in_the_requests_language
from app.core import clock


class CouponSchema(ma.Schema):
    id = ma.fields.Integer(metadata={"description": "The coupon_id that /orders takes"})
    name = in_the_requests_language("name", metadata={"description": "The campaign's name, in the request's language"})
    discount_fen = ma.fields.Integer()
    category = ma.fields.String(allow_none=True, metadata={"description": "Product category it applies to; null: any"})
    status = ma.fields.Function(lambda c: c.status_at(clock.now()),
                                metadata={"description": "available, reserved, used, expired or revoked (taken back: "
                                                         "the friend's purchase that earned it was cancelled)"})
    valid_until = ma.fields.DateTime()
