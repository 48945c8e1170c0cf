"""Logging in and out."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import access
from app.admin.blueprint import blp
from app.admin.forms import LoginForm
from app.admin.services import accounts
from app.admin.services import audit as audit_log
from app.admin.routes.common import audit


@blp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(access.safe_next(request.args.get("next")))
        form.next.data = request.args.get("next", "")
        return render_template("admin/login.html", form=form)
    if not form.validate():
        return render_template("admin/login.html", form=form), 400
    wait = access.count_login_attempt(form.username.data)
    if wait is not None:
        message = _("Too many login attempts. Please wait %(minutes)s minute(s) before trying again.",
                    minutes=max(1, wait // 60))
        return (render_template("admin/error.html", status=429, title=_("Too many attempts"), message=message),
                429, {"Retry-After": str(wait)})
    admin = accounts.authenticate(form.username.data, form.password.data)
    if admin is None:
        access.count_failed_login()
        audit_log.record("session.login_failed", admin=None, actor=form.username.data.strip()[:64] or "-",
                         ip=request.remote_addr)
        flash(_("That username and password do not match an active admin."), "error")
        form.password.data = ""
        return render_template("admin/login.html", form=form), 401
    access.forget_login_attempts(form.username.data)
    access.start_session(admin)
    audit("session.login", target_type="admin_user", target_id=admin.id)
    return redirect(access.safe_next(form.next.data))


@blp.route("/logout", methods=["POST"])
@access.requires("viewer")
def logout():
    audit("session.logout", target_type="admin_user", target_id=current_user.id)
    accounts.end_sessions(current_user.id)
    access.end_session()
    flash(_("You are logged out."), "info")
    return redirect(url_for("admin.login"))
