"""Customers, for the hotline: find one by a number they hold, give them a copy of their personal information
(PIPL Arts. 45 and 50; docs/domain.md, "Personal information: access and copy"), and close their account when they
ask by phone (Art. 47; "Closing an account": for one who cannot reach the mini-program any more, such as after
losing their WeChat account).

Admins only: the copy shows identity numbers, phone and health answers in full, the most sensitive thing the
dashboard hands out. There is no list of customers to browse: a page is reached by a policy, order or claim
number the caller reads out, matched exactly. Each copy made is in the audit log, committed with the request
that hands it over.
"""

from __future__ import annotations

from flask import Response, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField
from wtforms.validators import DataRequired

from app.admin import access
from app.admin.blueprint import blp
from app.admin.routes.common import audit, form_errors
from app.admin.services import personal_data
from app.core.account_closure import blockers
from app.core.errors import NotFound
from app.core.personal_data import number_kinds
from app.users import services as users


class PersonalDataCopyForm(FlaskForm):
    """Making the copy: the admin confirms they checked who is asking (the system cannot: the caller is on the
    phone), so that the audit entry records a deliberate act, not a stray click."""

    identity_checked = BooleanField(
        _l("I have checked that the caller is this customer (or their guardian), as the hotline's procedure asks."),
        validators=[DataRequired(message=_l("Tick the box to confirm you have checked the caller's identity."))])


class AccountClosureForm(FlaskForm):
    """Closing the account on the customer's request: who is asking checked, and the customer told what closing
    does (it cannot be undone), as the mini-program's page tells them before they tap."""

    identity_checked = BooleanField(
        _l("I have checked that the caller is this customer (or their guardian), as the hotline's procedure asks."),
        validators=[DataRequired(message=_l("Tick the box to confirm you have checked the caller's identity."))])
    consequences_told = BooleanField(
        _l("The customer asked to close their account, and I told them what closing does: it cannot be undone, "
           "and logging in again starts a new account."),
        validators=[DataRequired(message=_l("Tick the box to confirm the customer heard what closing does."))])


@blp.route("/customers")
@access.requires("admin")
def customers():
    """The search form; with a ``number``, the customer it names (or a plain 404)."""
    number = request.args.get("number", "")
    if not number.strip():
        return render_template("admin/customers.html", kinds=number_kinds())
    found = personal_data.find_customer(number)
    return redirect(url_for("admin.customer", number=found.number), 303)


@blp.route("/customers/<number>")
@access.requires("admin")
def customer(number: str):
    return _customer_page(number)


def _customer_page(number: str, status: int = 200, form: PersonalDataCopyForm | None = None,
                   closure_form: AccountClosureForm | None = None):
    found = personal_data.find_customer(number)
    counts = personal_data.record_counts(parts := personal_data.sections(found))
    unfinished = [] if found.user.closed_at else blockers(found.user.id)
    return render_template("admin/customer.html", customer=found, parts=parts, counts=counts,
                           form=form or PersonalDataCopyForm(formdata=None), unfinished=unfinished,
                           closure_form=closure_form or AccountClosureForm(formdata=None)), status


@blp.route("/customers/<number>/personal-data", methods=["POST"])
@access.requires("admin")
def personal_data_copy(number: str):
    """The copy, as a JSON file to download; audited with whose it is and how many records, never what they say."""
    found = personal_data.find_customer(number)
    form = PersonalDataCopyForm()
    if not form.validate():
        form_errors(form)
        return _customer_page(number, 422, form)
    parts = personal_data.sections(found)
    name, body = personal_data.copy_of(found, parts)
    audit("personal_data.export", target_type="user", target_id=found.user.id,
          after={"found_by": found.kind.code, "number": found.number,
                 "records": personal_data.record_counts(parts)})
    return Response(body, content_type="application/json; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})



@blp.route("/customers/<number>/closure", methods=["POST"])
@access.requires("admin")
def account_closure(number: str):
    """Close the customer's account as the mini-program's 注销 does, with the same refusals; audited with whose it
    was and how they were found."""
    found = personal_data.find_customer(number)
    form = AccountClosureForm()
    if not form.validate():
        form_errors(form)
        return _customer_page(number, 422, closure_form=form)
    try:
        users.close_account(found.user.id)
    except (users.AccountNotClosable, NotFound):
        return _customer_page(number, 409, closure_form=form)  # the page lists what keeps it open, or says closed
    audit("account.close", target_type="user", target_id=found.user.id,
          after={"found_by": found.kind.code, "number": found.number})
    return redirect(url_for("admin.customer", number=found.number), 303)
