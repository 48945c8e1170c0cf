"""The signed-in admin's own settings: the language of their pages."""

from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_babel import gettext as _, refresh
from flask_login import current_user

from app.admin import access
from app.admin.blueprint import blp
from app.admin.forms import LanguageForm
from app.admin.labels import LANGUAGE_NAMES
from app.admin.routes.common import audit, form_errors
from app.admin.services import accounts


@blp.route("/language", methods=["POST"])
@access.requires("viewer")
def set_language():
    """Every admin chooses the language of their own pages (Chinese unless they choose English)."""
    form = LanguageForm()
    if not form.validate():
        form_errors(form)
        return redirect(url_for("admin.dashboard"), 303)
    before = accounts.snapshot(current_user)
    accounts.set_language(current_user.id, form.language.data)
    audit("admin_user.language", target_type="admin_user", target_id=current_user.id, before=before,
          after=accounts.snapshot(current_user))
    # This answer's own words (the message below) are already in the new language.
    g.language = form.language.data
    refresh()
    flash(_("Your pages are now in %(language)s.", language=LANGUAGE_NAMES[form.language.data]), "info")
    return redirect(access.safe_next(form.next.data), 303)
