"""Refunds and what needs following up: late and double payments, failed and stuck refunds."""

from __future__ import annotations

from flask import render_template, request

from app.admin import access
from app.admin.blueprint import blp
from app.admin.services import workbench
from app.admin.routes.common import page_number
from app.payments.models import REFUND_STATUSES


@blp.route("/refunds")
@access.requires("viewer")
def refunds():
    q, status = request.args.get("q", "").strip(), request.args.get("status", "")
    listing = workbench.refund_list(q, status if status in REFUND_STATUSES else "", page_number())
    return render_template("admin/refunds.html", listing=listing, q=q, status=status, statuses=REFUND_STATUSES,
                           follow_up=workbench.follow_up(), stuck_minutes=workbench.STUCK_AFTER_MINUTES)
