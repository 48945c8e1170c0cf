"""Red envelopes: state, shares, grabs and the single refund; operators can rebuild a grab gate."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.admin import access
from app.admin.blueprint import blp
from app.admin.services import workbench
from app.admin.routes.common import audit, page_number
from app.core import clock
from app.envelopes import grabs
from app.envelopes import services as envelopes
from app.envelopes.models import ENVELOPE_STATUSES
from app.core.errors import Conflict


@blp.route("/envelopes")
@access.requires("viewer")
def envelope_list():
    q, status = request.args.get("q", "").strip(), request.args.get("status", "")
    listing = workbench.envelope_list(q, status if status in ENVELOPE_STATUSES else "", page_number())
    return render_template("admin/envelopes.html", listing=listing, q=q, status=status, statuses=ENVELOPE_STATUSES)


@blp.route("/envelopes/<public_id>")
@access.requires("viewer")
def envelope(public_id: str):
    return render_template("admin/envelope.html", d=workbench.envelope_detail(public_id))


@blp.route("/envelopes/<public_id>/rebuild-gate", methods=["POST"])
@access.requires("operator")
def rebuild_envelope_gate(public_id: str):
    """Rebuild an active envelope's Redis grab gate from the database (after a Redis failover)."""
    found = envelopes.get_envelope(public_id)
    if found.status != "active" or found.expires_at is None or found.expires_at <= clock.now():
        raise Conflict(_("Only an active envelope has a grab gate."), code="envelope_not_active")
    rebuilt = grabs.rebuild_gate(found)
    audit("envelope.rebuild_gate", target_type="envelope", target_id=public_id, after={"rebuilt": bool(rebuilt)})
    flash(_("The grab gate was rebuilt from the database.") if rebuilt
          else _("Another process is rebuilding this gate right now; look again in a moment."), "info")
    return redirect(url_for("admin.envelope", public_id=public_id), 303)
