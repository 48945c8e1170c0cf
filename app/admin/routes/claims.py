"""The claims workbench: find a claim, read its timeline and documents, move it along with a note."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from app.admin import access
from app.admin.blueprint import blp
from app.admin.forms import ClaimMoveForm
from app.admin.labels import label
from app.admin.services import workbench
from app.admin.routes.common import audit, form_errors, page_number, refused
from app.claims import materials, services as claims
from app.claims.states import FINAL_STATES, OPERATOR, STATES
from app.core.errors import AppError, NotFound


@blp.route("/claims")
@access.requires("viewer")
def claim_list():
    q, state = request.args.get("q", "").strip(), request.args.get("status", "")
    listing = workbench.claim_list(q, state if state in STATES else "", page_number())
    return render_template("admin/claims.html", listing=listing, q=q, status=state, statuses=STATES)


@blp.route("/claims/<claim_no>")
@access.requires("viewer")
def claim(claim_no: str):
    return _claim_page(claim_no)


def _claim_page(claim_no: str, status: int = 200, form: ClaimMoveForm | None = None):
    detail = claims.claim_detail(claim_no)
    form = form or ClaimMoveForm(formdata=None)
    form.to_state.choices = [SelectChoice(state, label("claim_state", state)) for state in detail["allowed_moves"]]
    closing = sorted(FINAL_STATES & set(detail["allowed_moves"]))  # the moves that need the deliberate tick
    return render_template("admin/claim.html", c=detail, form=form, closing=closing), status


@blp.route("/claims/<claim_no>/move", methods=["POST"])
@access.requires("operator")
def move_claim(claim_no: str):
    """Move the claim as an operator, through the claims service (illegal moves are refused there)."""
    form = ClaimMoveForm()
    form.to_state.choices = [SelectChoice(state) for state in STATES]
    if not form.validate():
        form_errors(form)
        return _claim_page(claim_no, 422, form)
    if form.to_state.data in FINAL_STATES and not form.final.data:
        # Rejected and paid end the claim for good: the user is told at once, and nothing moves it again.
        flash(_("Tick the box to confirm: this step closes the claim for good."), "error")
        return _claim_page(claim_no, 422, form)
    before = claims.claim_detail(claim_no)
    try:
        moved = claims.move(claim_no, form.to_state.data, OPERATOR, actor_id=str(current_user.id),
                            actor_name=current_user.username, note=form.note.data, paid_fen=form.paid.fen)
    except AppError as error:
        return _claim_page(claim_no, refused(error, form, {"paid_fen": "paid"}), form)
    audit("claim.move", target_type="claim", target_id=claim_no,
          before={"state": before["state"], "paid_fen": before.get("paid_fen")},
          after={"state": moved.state, "paid_fen": moved.paid_fen}, note=form.note.data)
    flash(_("Claim %(claim_no)s is now %(state)s.", claim_no=claim_no, state=label("claim_state", moved.state)),
          "info")
    return redirect(url_for("admin.claim", claim_no=claim_no), 303)


@blp.route("/claims/<claim_no>/materials/<int:material_id>")
@access.requires("operator")
def claim_material(claim_no: str, material_id: int):
    """A claim's document (medical papers: operators only, and each viewing is logged)."""
    document = claims.open_material(material_id)
    if document.claim_no != claim_no:
        raise NotFound(_("That document does not belong to this claim."))
    audit("claim.material_view", target_type="claim", target_id=claim_no,
          after={"material_id": material_id, "name": document.name})
    return materials.send(document)
