from __future__ import annotations

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import validate

from app.core.fields import File, HttpUrl, VisibleText
from app.users.models import LANGUAGES


class UserSummarySchema(ma.Schema):
    id = ma.fields.Integer()
    nickname = ma.fields.String(allow_none=True)
    phone_masked = ma.fields.String(allow_none=True)


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


class ProfileSchema(UserSummarySchema):
    openid = ma.fields.String()
    avatar_url = ma.fields.String(allow_none=True)
    language = ma.fields.String(metadata={"description": "zh-CN or en: what the user reads"})


class ProfileUpdateSchema(ma.Schema):
    nickname = VisibleText(validate=validate.Length(min=1, max=32))
    avatar_url = HttpUrl(allow_none=True)
    language = ma.fields.String(validate=validate.OneOf(LANGUAGES),
                                metadata={"description": "zh-CN or en: the mini-program's language"})


class AvatarUploadSchema(ma.Schema):
    file = File(required=True, metadata={"description": "A JPEG or PNG (recognised by content), at most 2 MiB"})


class AvatarSchema(ma.Schema):
    avatar_url = ma.fields.String()


class ClosureBlockerSchema(ma.Schema):
    code = ma.fields.String(metadata={"description": "policy_in_force, claim_open, refund_on_its_way, order_unpaid, "
                                                     "envelope_open or renewal_on"})
    reference = ma.fields.String(allow_none=True, metadata={"description": "The policy, claim or order number"})
    message = ma.fields.String(metadata={"description": "What to finish first, in the user's language"})


class ClosureSchema(ma.Schema):
    closable = ma.fields.Boolean(metadata={"description": "Nothing of the user's is unfinished"})
    blockers = ma.fields.List(ma.fields.Nested(ClosureBlockerSchema))


class ClosureRequestSchema(ma.Schema):
    confirm = ma.fields.Boolean(required=True, validate=validate.Equal(True, error=_l(
        "Confirm that you want the account closed: it cannot be undone.")),
                                metadata={"description": "Must be true: closing cannot be undone"})


class ClosedSchema(ma.Schema):
    closed_at = ma.fields.DateTime()
