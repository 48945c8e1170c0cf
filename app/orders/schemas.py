from __future__ import annotations

import marshmallow as ma


class PayParamsSchema(ma.Schema):
    """What ``wx.requestPayment`` takes, signed by the server (``orders.prepay``)."""

    timeStamp = ma.fields.String()
    nonceStr = ma.fields.String()
    package = ma.fields.String(metadata={"description": "prepay_id=<the prepay id>"})
    signType = ma.fields.String()
    paySign = ma.fields.String()
