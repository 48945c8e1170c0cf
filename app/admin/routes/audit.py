"""The audit log: every admin write, newest first, filterable by action, actor and target."""

from __future__ import annotations

from flask import render_template, request

from app.admin import access
from app.admin.blueprint import blp
from app.admin.services import audit as audit_log
from app.admin.services.workbench import paginate
from app.admin.routes.common import page_number


@blp.route("/audit")
@access.requires("viewer")
def audit_entries():
    filters = {key: request.args.get(key, "").strip() for key in ("action", "actor", "target_type", "target_id")}
    listing = paginate(audit_log.entries_query(**filters), page_number())
    return render_template("admin/audit.html", listing=listing, filters=filters, actions=audit_log.actions())
