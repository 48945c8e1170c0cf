from __future__ import annotations

import marshmallow as ma

from app.core.fields import Id
from app.agreements.schemas import NewCoverSchema
from app.orders.schemas import PayParamsSchema


class OrderCreateSchema(NewCoverSchema):
    plan_id = Id(required=True)
    coupon_id = Id(allow_none=True, metadata={"description": "A coupon from /coupons"})
    auto_renew = ma.fields.Boolean(load_default=False, metadata={
        "description": "Sign WeChat Pay's monthly contract deduction with the first payment (plans with auto_renew; "
                       "not with a coupon)"})


class OrderSchema(ma.Schema):
    order_no = ma.fields.String()
    status = ma.fields.String(metadata={"description": "created, fulfilled, refunded or closed"})
    amount_fen = ma.fields.Integer(metadata={"description": "What the user pays: the premium less discount_fen"})
    discount_fen = ma.fields.Integer()
    premium_fen = ma.fields.Integer()
    policy_no = ma.fields.String(allow_none=True)
    expires_at = ma.fields.DateTime()


class ContractSchema(ma.Schema):
    """WeChat's signing page: wx.navigateToMiniProgram({appId: redirect_appid, path: redirect_path,
    extraData: {pre_entrustweb_id}}); valid 10 minutes."""

    pre_entrustweb_id = ma.fields.String()
    redirect_appid = ma.fields.String()
    redirect_path = ma.fields.String()


class OrderCreatedSchema(OrderSchema):
    pay_params = ma.fields.Nested(PayParamsSchema, allow_none=True,
                                  metadata={"description": "While the order is unpaid: for wx.requestPayment"})
    contract = ma.fields.Nested(ContractSchema, allow_none=True, metadata={
        "description": "With auto_renew, while the order is unpaid: signing pays the first month (no pay_params)"})
