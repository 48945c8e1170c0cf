from __future__ import annotations

from flask import g

from app.auth.guard import login_required
from app.core.api import Blueprint
from app.users import services
from app.users.schemas import ProfileSchema, ProfileUpdateSchema

blp = Blueprint("me", __name__, url_prefix="/api/v1/me", description="The logged-in user's profile")


@blp.route("", methods=["GET"])
@login_required
@blp.response(200, ProfileSchema)
def get_me():
    """The logged-in user's profile."""
    return services.get_user(g.user_id)


@blp.route("", methods=["PATCH"])
@login_required
@blp.arguments(ProfileUpdateSchema)
@blp.response(200, ProfileSchema)
def update_me(changes):
    """Set the nickname and avatar (WeChat gives neither at login)."""
    return services.update_profile(g.user_id, changes)
