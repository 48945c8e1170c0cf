from __future__ import annotations

from flask import Blueprint as FlaskBlueprint
from flask import g, request, send_file

from app.auth.guard import login_required
from app.core.api import Blueprint
from app.users import services
from app.users.schemas import AvatarSchema, ProfileSchema, ProfileUpdateSchema

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


@blp.route("/avatar", methods=["POST"])
@login_required
@blp.response(200, AvatarSchema)
def upload_avatar():
    """Upload the avatar from `<button open-type="chooseAvatar">` (multipart part `file`); the profile points at it."""
    return services.store_avatar(g.user_id, request.files.get("file"))


media = FlaskBlueprint("media", __name__, url_prefix="/media")


@media.get("/avatars/<string:name>")
def avatar(name):
    """Avatars are public, like WeChat's own; their names are content hashes."""
    return send_file(services.avatar_path(name), max_age=86400)
