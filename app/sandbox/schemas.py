"""What the sandbox's own endpoints take and answer (``routes``), in the app's OpenAPI document.

Strict like the API's schemas: an unknown field is refused. The answers to a refused request
are the API's error shape, with 400 where the API would say 422 for a schema's refusal (the
sandbox's contract predates it; docs/api.md, Sandbox).
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

#: More steps in a day than anyone walks; WeChat's own data never comes near.
MAX_STEPS = 1_000_000
#: WeRun hands over the last 31 days, today first.
MAX_DAYS = 31

OPENID = {"required": True, "validate": validate.Length(min=1, max=64),
          "metadata": {"description": "A sandbox user's openid (`GET /api/v1/me` shows it)"}}


class Steps(ma.fields.Field):
    """A day's steps, or a list of them, today first."""

    default_error_messages = {"invalid": "steps must be a number or a list of at most 31 numbers, today first."}
    _DAY = {"type": "integer", "minimum": 0, "maximum": MAX_STEPS}

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {})["oneOf"] = [self._DAY, {"type": "array", "items": self._DAY, "minItems": 1,
                                                                  "maxItems": MAX_DAYS}]
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> list[int]:
        days = value if isinstance(value, list) else [value]
        if not 1 <= len(days) <= MAX_DAYS or not all(
                isinstance(day, int) and not isinstance(day, bool) and 0 <= day <= MAX_STEPS for day in days):
            raise self.make_error("invalid")
        return days


class SandboxPayConfirmSchema(ma.Schema):
    # WeChat's prepay ids are at most 64 characters; the whole package adds its "prepay_id=".
    prepay_id = ma.fields.String(required=True, validate=validate.Length(min=1, max=74), metadata={
        "description": "From `pay_params.package` (`prepay_id=<this>`; the whole package is taken too)"})
    fail = ma.fields.Boolean(load_default=False, metadata={"description": "The payment fails instead"})


class SandboxPaymentSchema(ma.Schema):
    trade_state = ma.fields.String(required=True, metadata={"description": "SUCCESS or PAYERROR"})
    transaction_id = ma.fields.String(metadata={"description": "WeChat's transaction id, once paid"})


class SandboxSubscribeAcceptSchema(ma.Schema):
    openid = ma.fields.String(**OPENID)
    template_ids = ma.fields.List(ma.fields.String(validate=validate.Length(min=1, max=128)), required=True,
                                  validate=validate.Length(min=1, max=20))


class SandboxOptInsSchema(ma.Schema):
    openid = ma.fields.String(required=True)
    opt_ins = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer(), required=True, metadata={
        "description": "For each template: how many messages WeChat now lets us send"})


class SandboxMessagesQuerySchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE  # like the API's query strings: other parameters are ignored

    openid = ma.fields.String(load_default="", validate=validate.Length(max=64))


class SandboxMessagesSchema(ma.Schema):
    openid = ma.fields.String(required=True)
    messages = ma.fields.List(ma.fields.Dict(), required=True,
                              metadata={"description": "Subscribe messages sent to the user, oldest first"})


class SandboxWerunRequestSchema(ma.Schema):
    openid = ma.fields.String(**OPENID)
    steps = Steps(required=True)


class SandboxWerunDataSchema(ma.Schema):
    encrypted_data = ma.fields.String(required=True)
    iv = ma.fields.String(required=True)


class SandboxPapayConfirmSchema(ma.Schema):
    pre_entrustweb_id = ma.fields.String(required=True, validate=validate.Length(min=1, max=64), metadata={
        "description": "From the order's `contract` (the pre-sign's answer), as extraData hands it to WeChat"})


class SandboxPapayContractSchema(ma.Schema):
    contract_id = ma.fields.String(required=True, metadata={"description": "WeChat's contract id"})
    contract_state = ma.fields.String(required=True, metadata={"description": "SIGNED or TERMINATED"})
    out_contract_code = ma.fields.String(required=True)
    transaction_id = ma.fields.String(metadata={"description": "The first period's payment, when signing paid it"})


class SandboxPapayTerminateSchema(ma.Schema):
    contract_id = ma.fields.String(required=True, validate=validate.Length(min=1, max=32))


class SandboxPapayDeclineSchema(ma.Schema):
    openid = ma.fields.String(**OPENID)
    times = ma.fields.Integer(load_default=1, strict=True, validate=validate.Range(min=1, max=100), metadata={
        "description": "How many of the user's next charges fail (default 1)"})


class SandboxPapayDeclinesSchema(ma.Schema):
    openid = ma.fields.String(required=True)
    declines_left = ma.fields.Integer(required=True, metadata={
        "description": "How many of the user's next charges will fail with NOTENOUGH"})
