"""Refunds and what needs following up: late and double payments, failed and stuck refunds."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import access
from app.admin.blueprint import blp
from app.admin.forms import FollowUpForm
from app.admin.routes.common import audit, form_errors, page_number, refused
from app.admin.services import workbench
from app.core.errors import AppError
from app.payments import refunds as refund_service
from app.payments.models import REFUND_STATUSES


@blp.route("/refunds")
@access.requires("viewer")
def refunds():
    q, status = request.args.get("q", "").strip(), request.args.get("status", "")
    listing = workbench.refund_list(q, status if status in REFUND_STATUSES else "", page_number())
    return _refunds_page(listing)


def _refunds_page(listing, status_code: int = 200, form: FollowUpForm | None = None, refund_no: str | None = None):
    """The refunds page; ``form`` is the follow-up just refused, shown with its errors on ``refund_no``'s row."""
    q, status = request.args.get("q", "").strip(), request.args.get("status", "")
    return render_template("admin/refunds.html", listing=listing, q=q, status=status, statuses=REFUND_STATUSES,
                           follow_up=workbench.follow_up(), stuck_minutes=workbench.STUCK_AFTER_MINUTES,
                           refused_form=form, refused_refund_no=refund_no), status_code


@blp.route("/refunds/<refund_no>/follow-up", methods=["POST"])
@access.requires("operator")
def follow_up(refund_no: str):
    """Record how a failed refund was settled outside WeChat Pay, so that it leaves the follow-up list."""
    form = FollowUpForm()
    if not form.validate():
        form_errors(form)
        return _refunds_page(workbench.refund_list(), 422, form, refund_no)
    note = form.note.data.strip()
    try:
        refund = refund_service.record_follow_up(refund_no, by=current_user.actor, note=note)
    except AppError as error:
        return _refunds_page(workbench.refund_list(), refused(error, form), form, refund_no)
    audit("refund.follow_up", target_type="refund", target_id=refund_no, before={"followed_up_at": None},
          after={"status": refund.status, "followed_up_by": refund.followed_up_by}, note=note)
    flash(_("Refund %(refund_no)s is marked as settled and has left the follow-up list.", refund_no=refund_no),
          "info")
    return redirect(url_for("admin.refunds") + "#follow-up", 303)
