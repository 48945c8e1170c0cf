"""Admin users (admins only): create, change role, disable and enable."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import access
from app.admin.blueprint import blp
from app.admin.forms import AdminUserForm, RoleForm
from app.admin.labels import label
from app.admin.services import accounts
from app.admin.routes.common import audit, form_errors, refused
from app.core.errors import AppError


def _page(form=None, status: int = 200):
    admins = accounts.list_admins()
    role_forms = {admin.id: RoleForm(formdata=None, role=admin.role) for admin in admins}
    return render_template("admin/users.html", admins=admins, form=form or AdminUserForm(formdata=None),
                           role_forms=role_forms), status


@blp.route("/users")
@access.requires("admin")
def admin_users():
    return _page()


@blp.route("/users", methods=["POST"])
@access.requires("admin")
def create_admin_user():
    form = AdminUserForm()
    if not form.validate():
        form_errors(form)
        return _page(form, 422)
    try:
        created = accounts.create(form.username.data, form.password.data, form.role.data,
                                  created_by=current_user.actor, language=form.language.data)
    except AppError as error:
        return _page(form, refused(error))
    audit("admin_user.create", target_type="admin_user", target_id=created.id, after=accounts.snapshot(created))
    flash(_("Admin user %(username)s created as %(role)s.", username=created.username,
            role=label("role", created.role)), "info")
    return redirect(url_for("admin.admin_users"), 303)


@blp.route("/users/<int:admin_id>/role", methods=["POST"])
@access.requires("admin")
def change_admin_role(admin_id: int):
    form = RoleForm()
    target = accounts.get(admin_id)
    if not form.validate():
        form_errors(form)
        return _page(status=422)
    before = accounts.snapshot(target)
    try:
        accounts.set_role(admin_id, form.role.data)
    except AppError as error:
        return _page(status=refused(error))
    audit("admin_user.role", target_type="admin_user", target_id=admin_id, before=before,
          after=accounts.snapshot(target))
    flash(_("%(username)s is now %(role)s.", username=target.username, role=label("role", target.role)), "info")
    return redirect(url_for("admin.admin_users"), 303)


@blp.route("/users/<int:admin_id>/<any(disable, enable):action>", methods=["POST"])
@access.requires("admin")
def toggle_admin_user(admin_id: int, action: str):
    target = accounts.get(admin_id)
    before = accounts.snapshot(target)
    try:
        accounts.set_active(admin_id, action == "enable")
    except AppError as error:
        return _page(status=refused(error))
    audit(f"admin_user.{action}", target_type="admin_user", target_id=admin_id, before=before,
          after=accounts.snapshot(target))
    flash(_("%(username)s is enabled.", username=target.username) if target.active
          else _("%(username)s is disabled.", username=target.username), "info")
    if target.id == current_user.id and not target.active:
        access.end_session()
        return redirect(url_for("admin.login"), 303)
    return redirect(url_for("admin.admin_users"), 303)
