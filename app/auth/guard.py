"""``@login_required``: a bearer token in, ``g.user_id`` out, 401 otherwise."""

from __future__ import annotations

import functools

from flask import g, request
from flask_babel import gettext as _

from app.auth import services
from app.core.errors import Unauthorized


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _space, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        token = bearer_token()
        if token is None:
            raise Unauthorized(_("Please log in."), code="missing_token")
        g.user_id = services.authenticate(token)
        g.token = token
        return view(*args, **kwargs)

    wrapper._apidoc = getattr(view, "_apidoc", {})
    wrapper._apidoc.setdefault("manual_doc", {}).setdefault("security", [{"bearerAuth": []}])
    return wrapper
