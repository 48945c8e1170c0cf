"""The admin blueprint: hooks, error pages, template helpers, and every page (one module each)."""

from __future__ import annotations

import datetime as dt
import json
import logging

import redis
import sqlalchemy.exc
from flask import render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, NotFound

from app.admin import access, formats, labels
from app.admin.blueprint import blp
from app.catalog.documents import document_url
from app.core.errors import AppError
from app.core.i18n import current_language, localized

log = logging.getLogger(__name__)

blp.before_request(access.use_the_admins_language)
blp.before_request(access.guard)
blp.after_request(access.secure_headers)


# -- error pages: HTML under /admin, never the API's JSON ---------------------------------------

def _error_page(status: int, title: str, message: str, headers=None, code: str | None = None):
    return (render_template("admin/error.html", status=status, title=title, message=message, code=code), status,
            headers or {})


def _title(status: int) -> str:
    titles = {400: _("This request could not be used"), 401: _("Please log in"), 403: _("Not allowed"),
              404: _("Not found"), 405: _("Not allowed here"), 409: _("Not possible now"),
              410: _("No longer available"), 422: _("Something is not valid"), 429: _("Too many attempts"),
              500: _("Something went wrong"), 503: _("Briefly unavailable")}
    return titles.get(status) or (_("This request could not be used") if status < 500 else _("Something went wrong"))


@blp.errorhandler(CSRFError)
def _csrf_error(error):
    return _error_page(400, _("This form has expired"),
                       _("The form was too old or did not come from this site, so nothing was changed. "
                         "Go back, reload the page and try again."))


@blp.errorhandler(AppError)
def _app_error(error: AppError):
    # The title says what kind of refusal it is; the code stays beside it for whoever follows it up.
    return _error_page(error.status, _title(error.status), error.message, code=error.code)


@blp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    messages = {403: _("Your role does not allow this. Ask an admin if you need it."),
                404: _("There is nothing at this address."),
                405: _("This address does not take that kind of request."),
                429: _("Too many attempts; please wait a while before trying again.")}
    return _error_page(error.code or 500, _title(error.code or 500),
                       messages.get(error.code) or _("That could not be done; nothing was changed."))


@blp.errorhandler(sqlalchemy.exc.OperationalError)
@blp.errorhandler(redis.RedisError)
@blp.errorhandler(redis.exceptions.RedisClusterException)
def _dependency_down(error):
    log.warning("admin: a dependency is down: %s", type(error).__name__)
    return _error_page(503, _("Briefly unavailable"), _("The database or Redis is not answering; nothing was "
                                                        "changed. Please try again in a moment."))


@blp.errorhandler(Exception)
def _unexpected(error):
    log.exception("admin: unhandled error on %s %s", request.method, request.path)
    return _error_page(500, _("Something went wrong"), _("Something went wrong on our side; nothing was changed."))


@blp.route("/<path:anything>", methods=["GET", "POST"])
@access.requires("viewer")
def not_found(anything):
    raise NotFound()


# -- template helpers --------------------------------------------------------------------------

@blp.app_template_filter("fen_yuan")
def fen_yuan(fen) -> str:
    return "" if fen is None else f"{fen / 100:,.2f}"


@blp.app_template_filter("shanghai")
def shanghai(moment, seconds: bool = False) -> str:
    """A moment in Beijing time, written the way the admin's language writes it."""
    return formats.moment(moment, seconds=seconds)


@blp.app_template_filter("recorded_moment")
def recorded_moment(iso: str | None) -> str:
    """A moment a record keeps as ISO 8601 text (the sale's trace), in Beijing time to the second; the text
    itself when it does not read as one."""
    try:
        return formats.moment(dt.datetime.fromisoformat(iso), seconds=True) if iso else ""
    except (TypeError, ValueError):
        return str(iso)


blp.add_app_template_filter(formats.day, "day")
blp.add_app_template_filter(formats.month_day, "month_day")
blp.add_app_template_filter(formats.year_month, "year_month")
blp.add_app_template_filter(formats.duration, "duration")
blp.add_app_template_global(labels.label, "label")
blp.add_app_template_global(current_language, "current_language")
blp.add_app_template_global(localized, "localized")
blp.add_app_template_global(document_url, "document_url")
blp.add_app_template_global(labels.LANGUAGE_NAMES, "language_names")


@blp.app_template_filter("names")
def names(things) -> str:
    """Things by their names in the admin's language, listed as that language lists them (、 or a comma)."""
    return ("、" if current_language() != "en" else ", ").join(localized(thing, "name") for thing in things)


@blp.app_template_filter("requester")
def requester(requested_by: str | None) -> str:
    """Who asked for a refund, in words: ``system``, ``user:<id>`` or ``admin:<username>`` as the refund keeps it."""
    kind, _colon, who = (requested_by or "").partition(":")
    if kind == "system":
        return _("automatic")
    if kind == "user":
        return _("user #%(id)s", id=who)
    if kind == "admin":
        return _("admin %(username)s", username=who)
    return requested_by or ""


@blp.app_template_filter("file_size")
def file_size(size_bytes: int) -> str:
    """A file's size as people read one: 45 B, 12.3 KB, 4.5 MB (a 45-byte file read "0.0 KB")."""
    if size_bytes < 1024:
        return f"{size_bytes} B"
    if size_bytes < 1024 * 1024:
        return f"{size_bytes / 1024:.1f} KB"
    return f"{size_bytes / 1024 / 1024:.1f} MB"


@blp.app_template_filter("pretty_json")
def pretty_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


@blp.app_template_filter("percent")
def percent(value) -> str:
    return "–" if value is None else f"{value:.1f}%"


from app.admin.routes import (  # noqa: E402,F401  (each module adds its routes to blp)
    account, audit, auth, campaigns, catalog, claims, customers, dashboard, envelopes, orders, refunds, users)
