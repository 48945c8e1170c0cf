from __future__ import annotations

import marshmallow as ma

from app.core.fields import Id
from app.agreements.schemas import NewCoverSchema
from app.orders.schemas import PayParamsSchema


class OrderCreateSchema(NewCoverSchema):
    plan_id = Id(required=True)
    coupon_id = Id(allow_none=True, metadata={"description": "A coupon from /coupons"})


class OrderSchema(ma.Schema):
    order_no = ma.fields.String()
    status = ma.fields.String(metadata={"description": "created, fulfilled, refunded or closed"})
    amount_fen = ma.fields.Integer(metadata={"description": "What the user pays: the premium less discount_fen"})
    discount_fen = ma.fields.Integer()
    premium_fen = ma.fields.Integer()
    policy_no = ma.fields.String(allow_none=True)
    expires_at = ma.fields.DateTime()


class OrderCreatedSchema(OrderSchema):
    pay_params = ma.fields.Nested(PayParamsSchema, allow_none=True,
                                  metadata={"description": "While the order is unpaid: for wx.requestPayment"})
