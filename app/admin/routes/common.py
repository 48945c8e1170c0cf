"""Helpers the admin views share: audit entries for the signed-in admin, paging, form errors."""

from __future__ import annotations

from flask import flash, request
from flask_babel import gettext as _
from flask_login import current_user

from app.admin.services import audit as audit_log
from app.core.errors import AppError
from app.extensions import db


def audit(action: str, *, target_type: str | None = None, target_id=None, before: dict | None = None,
          after: dict | None = None, note: str | None = None, form_key: str | None = None):
    """Record the signed-in admin's write, in the same transaction as the write (``form_key``: see
    ``audit_log.record``)."""
    return audit_log.record(action, admin=current_user._get_current_object(), target_type=target_type,
                            target_id=target_id, before=before, after=after, note=note, ip=request.remote_addr,
                            form_key=form_key)


#: Far past any last page, and small enough that its OFFSET fits in 64 bits.
MAX_PAGE = 10**9


def page_number() -> int:
    try:
        return min(max(1, int(request.args.get("page", 1))), MAX_PAGE)
    except ValueError:  # not a number, or more digits than Python converts
        return 1


def refused(error: AppError, form=None, fields: dict[str, str] | None = None) -> int:
    """A service said no: undo anything half-done, tell the admin why, and answer with its status. A refusal
    that names a field of ``form`` is shown under that field too, and its flash names the field. ``fields`` maps
    the service's name for a field to the form's where they differ (the API's ``paid_fen`` is the form's
    ``paid``, typed in yuan)."""
    db.session.rollback()
    fields = fields or {}
    named = [fields.get(name, name) for name in ((error.details or {}).get("fields") or {})]
    named = [name for name in named if form is not None and name in form]
    for name in named:
        form[name].errors = [*form[name].errors, error.message]
        flash(_("%(field)s: %(message)s", field=form[name].label.text, message=error.message), "error")
    if not named:
        flash(error.message, "error")
    return error.status


def form_errors(form) -> None:
    for field, messages in form.errors.items():
        found = getattr(form, field, None)
        label = getattr(found, "label", None)
        for message in messages:
            if label is None or getattr(found, "type", None) in ("BooleanField", "HiddenField"):
                # A checkbox's label is a whole sentence, and a hidden field's is its name in code: the message
                # says what to do.
                flash(message, "error")
            else:
                flash(_("%(field)s: %(message)s", field=label.text, message=message), "error")
