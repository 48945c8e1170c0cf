from __future__ import annotations

from flask import g

from app.auth.guard import login_required
from app.core.api import Blueprint
from app.insured import services
from app.insured.schemas import InsuredPersonCreateSchema, InsuredPersonSchema

blp = Blueprint("insured_persons", __name__, url_prefix="/api/v1/insured-persons",
                description="The people a user insures, saved")


@blp.route("", methods=["GET"])
@login_required
@blp.response(200, InsuredPersonSchema(many=True))
def list_insured_persons():
    """The user's saved insured persons, themselves first; `id` is what `insured_person_id` takes."""
    return services.saved_for_user(g.user_id)


@blp.route("", methods=["POST"])
@login_required
@blp.arguments(InsuredPersonCreateSchema)
@blp.response(201, InsuredPersonSchema)
def save_insured_person(body):
    """Save someone the user insures: 409 `self_exists` for a second `self`, 409 `insured_person_exists`
    for an identity number already saved (`details.id` names the one saved before)."""
    return services.save_person(g.user_id, body["relation"], body)


@blp.route("/<int:person_id>", methods=["DELETE"])
@login_required
@blp.response(204)
def delete_insured_person(person_id):
    """Remove a saved insured person; cover already bought for them is not touched."""
    services.delete_person(g.user_id, person_id)
