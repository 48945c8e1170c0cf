"""The admin blueprint: hooks, error pages, template helpers, and every page (one module each)."""

from __future__ import annotations

import json
import logging

import redis
import sqlalchemy.exc
from flask import render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, NotFound

from app.admin import access
from app.admin.blueprint import blp
from app.core import clock
from app.core.errors import AppError

log = logging.getLogger(__name__)

blp.before_request(access.guard)
blp.after_request(access.secure_headers)


# -- error pages: HTML under /admin, never the API's JSON ---------------------------------------

def _error_page(status: int, title: str, message: str, headers=None):
    return render_template("admin/error.html", status=status, title=title, message=message), status, headers or {}


@blp.errorhandler(CSRFError)
def _csrf_error(error):
    return _error_page(400, "This form has expired",
                       "The form was too old or did not come from this site, so nothing was changed. "
                       "Go back, reload the page and try again.")


@blp.errorhandler(AppError)
def _app_error(error: AppError):
    return _error_page(error.status, error.code.replace("_", " ").capitalize(), error.message)


@blp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    titles = {403: "Not allowed", 404: "Not found", 405: "Not allowed here", 429: "Too many attempts"}
    messages = {403: "Your role does not allow this. Ask an admin if you need it.",
                404: "There is nothing at this address.",
                429: "Too many attempts; please wait a while before trying again."}
    return _error_page(error.code or 500, titles.get(error.code, error.name),
                       messages.get(error.code, error.description or ""))


@blp.errorhandler(sqlalchemy.exc.OperationalError)
@blp.errorhandler(redis.RedisError)
def _dependency_down(error):
    log.warning("admin: a dependency is down: %s", type(error).__name__)
    return _error_page(503, "Briefly unavailable", "The database or Redis is not answering; nothing was changed. "
                                                   "Please try again in a moment.")


@blp.errorhandler(Exception)
def _unexpected(error):
    log.exception("admin: unhandled error on %s %s", request.method, request.path)
    return _error_page(500, "Something went wrong", "Something went wrong on our side; nothing was changed.")


@blp.route("/<path:anything>", methods=["GET", "POST"])
@access.requires("viewer")
def not_found(anything):
    raise NotFound()


# -- template helpers --------------------------------------------------------------------------

@blp.app_template_filter("fen_yuan")
def fen_yuan(fen) -> str:
    return "" if fen is None else f"{fen / 100:,.2f}"


@blp.app_template_filter("shanghai")
def shanghai(moment, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return "" if not moment else clock.to_shanghai(moment).strftime(fmt)


@blp.app_template_filter("pretty_json")
def pretty_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


@blp.app_template_filter("percent")
def percent(value) -> str:
    return "–" if value is None else f"{value:.1f}%"


from app.admin.routes import (  # noqa: E402,F401  (each module adds its routes to blp)
    audit, auth, campaigns, catalog, claims, dashboard, envelopes, orders, refunds, users)
