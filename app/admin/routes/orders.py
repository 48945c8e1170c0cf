"""Orders with their payments, raw notifications and refunds; operators refund from here."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import access
from app.admin.blueprint import blp
from app.admin.forms import RefundForm, one_time_key
from app.admin.routes.common import audit, form_errors, page_number, refused
from app.admin.services import workbench
from app.admin.services.audit import AlreadySent, snapshot
from app.core.errors import AppError, NotFound
from app.orders.models import ORDER_STATUSES
from app.payments import refunds

REFUND_FIELDS = ("refund_no", "amount_fen", "reason", "status", "requested_by", "note")


@blp.route("/orders")
@access.requires("viewer")
def orders():
    q, status = request.args.get("q", "").strip(), request.args.get("status", "")
    listing = workbench.orders(q, status if status in ORDER_STATUSES else "", page_number())
    return render_template("admin/orders.html", listing=listing, q=q, status=status, statuses=ORDER_STATUSES)


@blp.route("/orders/<order_no>")
@access.requires("viewer")
def order(order_no: str):
    return _order_page(order_no)


@blp.route("/policies/<policy_no>")
@access.requires("viewer")
def policy(policy_no: str):
    """A bought policy's page: its order's, with the policy, its renewal contract, periods and charges."""
    return _order_page(workbench.order_no_of_policy(policy_no))


def _order_page(order_no: str, status: int = 200, form: RefundForm | None = None):
    detail = workbench.order_detail(order_no)
    form = form or RefundForm(formdata=None, form_key=one_time_key())
    return render_template("admin/order.html", d=detail, refund_form=form), status


@blp.route("/orders/<order_no>/refunds", methods=["POST"])
@access.requires("operator")
def refund(order_no: str):
    """Refund all or part of one of the order's payments, through the refunds service."""
    detail = workbench.order_detail(order_no)
    form = RefundForm()
    if not form.validate():
        form_errors(form)
        return _order_page(order_no, 422, form)
    payment = next((p["payment"] for p in detail["payments"] if str(p["payment"].id) == form.payment_id.data), None)
    if payment is None:
        raise NotFound(_("That payment does not belong to this order."))
    before = {"payment_status": payment.status, "refundable_fen": refunds.refundable_fen(payment)}
    try:
        made = refunds.request_refund(payment.id, form.amount.fen, reason="operator",
                                      description="客服办理退款", requested_by=current_user.actor,
                                      note=form.note.data.strip())
        # The form's one-time key, on the entry committed with the refund: a double click or a resend of this
        # form is refused here, with its refund, however much is left to refund.
        audit("refund.request", target_type="order", target_id=order_no, before=before,
              after={**snapshot(made, REFUND_FIELDS), "payment_status": payment.status,
                     "refundable_fen": refunds.refundable_fen(payment)},
              note=form.note.data.strip(), form_key=form.form_key.data)
    except AlreadySent as error:
        return _order_page(order_no, refused(error))  # a fresh form: another refund is a new decision
    except AppError as error:
        return _order_page(order_no, refused(error), form)
    yuan = format(made.amount_fen / 100, ",.2f")
    flash(_("Refund %(refund_no)s of %(amount)s yuan is on its way to WeChat Pay.", refund_no=made.refund_no,
            amount=yuan), "info")
    return redirect(url_for("admin.order", order_no=order_no), 303)
