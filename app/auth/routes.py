from __future__ import annotations

from flask import g

from app.auth import services
from app.auth.guard import login_required
from app.auth.schemas import LoginResultSchema, LoginSchema, PhoneCodeSchema, PhoneResultSchema
from app.core.api import Blueprint
from app.core.ratelimit import rate_limited

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Logging in with WeChat")


@blp.route("/login", methods=["POST"])
@rate_limited("LOGIN_RATE_LIMIT", "Too many logins from this address; please wait a moment.")
@blp.arguments(LoginSchema)
@blp.response(200, LoginResultSchema)
def login(body):
    """Exchange a `wx.login` code for a bearer token."""
    return services.login(body["code"], body.get("share_token"))


@blp.route("/phone", methods=["POST"])
@login_required
@blp.arguments(PhoneCodeSchema)
@blp.response(200, PhoneResultSchema)
def bind_phone(body):
    """Bind the phone number the user agreed to share (`getPhoneNumber` code)."""
    return services.bind_phone(g.user_id, body["code"])


@blp.route("/logout", methods=["POST"])
@login_required
@blp.response(204)
def logout():
    """Revoke the token used for this request."""
    services.logout(g.token)
