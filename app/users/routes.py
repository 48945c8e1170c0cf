from __future__ import annotations

from flask import Blueprint as FlaskBlueprint
from flask import g, send_file
from flask_babel import lazy_gettext as _l

from app.auth import services as tokens
from app.auth.guard import login_required
from app.core.api import Blueprint, ErrorSchema
from app.core.files import served_inert
from app.core.ratelimit import rate_limited
from app.users import services
from app.users.schemas import (
    AvatarSchema,
    AvatarUploadSchema,
    ClosedSchema,
    ClosureRequestSchema,
    ClosureSchema,
    LoginResultSchema,
    LoginSchema,
    PhoneCodeSchema,
    PhoneResultSchema,
    ProfileSchema,
    ProfileUpdateSchema,
)

auth_blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Logging in with WeChat")
blp = Blueprint("me", __name__, url_prefix="/api/v1/me", description="The logged-in user's profile")
media_blp = FlaskBlueprint("media", __name__, url_prefix="/media")


@auth_blp.route("/login", methods=["POST"])
@rate_limited("LOGIN_RATE_LIMIT", _l("Too many logins from this address; please wait a moment."))
@auth_blp.arguments(LoginSchema)
@auth_blp.response(200, LoginResultSchema)
def login(body):
    """Exchange a `wx.login` code for a bearer token."""
    return services.login(body["code"], body.get("share_token"))


@auth_blp.route("/phone", methods=["POST"])
@login_required
@auth_blp.arguments(PhoneCodeSchema)
@auth_blp.response(200, PhoneResultSchema)
def bind_phone(body):
    """Bind the phone number the user agreed to share (`getPhoneNumber` code)."""
    return services.bind_phone(g.user_id, body["code"])


@auth_blp.route("/logout", methods=["POST"])
@login_required
@auth_blp.response(204)
def logout():
    """Revoke the token used for this request."""
    tokens.logout(g.token)


@blp.route("", methods=["GET"])
@login_required
@blp.response(200, ProfileSchema)
def get_me():
    """The logged-in user's profile."""
    return services.get_user(g.user_id)


@blp.route("", methods=["PATCH"])
@login_required
@blp.arguments(ProfileUpdateSchema, required=False)  # no body, or {}: nothing changes
@blp.response(200, ProfileSchema)
def update_me(changes):
    """Set the nickname and avatar (WeChat gives neither at login), and the language the user reads."""
    return services.update_profile(g.user_id, changes)


@blp.route("/avatar", methods=["POST"])
@login_required
@blp.arguments(AvatarUploadSchema, location="files")
@blp.response(200, AvatarSchema)
def upload_avatar(files):
    """Upload the avatar from `<button open-type="chooseAvatar">` (multipart part `file`); the profile points at it.

    Anything but a JPEG or PNG (by content) is 422 `unsupported_file_type`; over 2 MiB, 413 `file_too_large`.
    """
    return services.store_avatar(g.user_id, files["file"])


@media_blp.get("/avatars/<string:name>")
def avatar(name):
    """Avatars are public, like WeChat's own; their names are content hashes."""
    return served_inert(send_file(services.avatar_path(name), download_name=name, max_age=86400))


@blp.route("/closure", methods=["GET"])
@login_required
@blp.response(200, ClosureSchema)
def closure():
    """Whether the account can be closed (注销) now, and what to finish first if not."""
    found = services.closure_blockers(g.user_id)
    return {"closable": not found, "blockers": found}


@blp.route("/closure", methods=["POST"])
@login_required
@blp.arguments(ClosureRequestSchema)
@blp.alt_response(409, schema=ErrorSchema, description=(
    "`account_not_closable`: something of the user's is unfinished; `details.blockers` lists it as `GET` does"))
@blp.response(200, ClosedSchema)
def close(_body):
    """Close the account for good. Every token of the user's stops working at once; a later WeChat login starts a
    new, empty account. The sale's records are kept as the law asks (docs/domain.md, Closing an account)."""
    return services.close_account(g.user_id)
