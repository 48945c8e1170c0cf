from __future__ import annotations

from flask import g

from app.auth.guard import login_required
from app.core.api import Blueprint
from app.visits import services
from app.visits.schemas import VisitCreateSchema, VisitSchema

blp = Blueprint("visits", __name__, url_prefix="/api/v1", description="App opens, for conversion figures")


@blp.route("/visits", methods=["POST"])
@login_required
@blp.arguments(VisitCreateSchema, required=False)  # no body: an open on no page in particular
@blp.response(201, VisitSchema)
def record_visit(body):
    """Report an app open (call it from `App.onShow`), for return-visit and conversion figures."""
    return services.record_visit(g.user_id, body.get("page"))
