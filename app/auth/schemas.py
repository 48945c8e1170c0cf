from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from app.users.schemas import UserSummarySchema


class LoginSchema(ma.Schema):
    code = ma.fields.String(required=True, validate=validate.Length(min=1, max=256))
    share_token = ma.fields.String(validate=validate.Length(min=1, max=128), allow_none=True)


class LoginResultSchema(ma.Schema):
    token = ma.fields.String()
    expires_in = ma.fields.Integer(metadata={"description": "Seconds until the token expires"})
    user = ma.fields.Nested(UserSummarySchema)


class PhoneCodeSchema(ma.Schema):
    code = ma.fields.String(required=True, validate=validate.Length(min=1, max=256))


class PhoneResultSchema(ma.Schema):
    phone_masked = ma.fields.String()
