"""One error shape for the whole API.

``{"error": {"code": "<snake_case>", "message": "<human text>", "details": {...}}}``

Services raise ``AppError`` subclasses; everything else that escapes a view
(werkzeug's HTTP errors, webargs' validation errors, a database or Redis that is
down, a bug) is turned into the same shape here, so no client ever sees a stack
trace. WeChat Pay's webhooks answer in WeChat's formats instead: their blueprint
registers its own handlers.
"""

from __future__ import annotations

import logging

import redis
import sqlalchemy.exc
from flask import jsonify, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from app.core.validation_messages import translated

log = logging.getLogger(__name__)


class AppError(Exception):
    """A failure the client should hear about, with a stable machine-readable code."""

    status = 400
    code = "bad_request"
    #: What the user reads, in their language (a lazy translation, turned to text when answered).
    message = _l("The request could not be processed.")

    def __init__(self, message: str | None = None, *, code: str | None = None, details: dict | None = None,
                 status: int | None = None, headers: dict | None = None):
        super().__init__(message or self.message)
        self.message = message or self.message
        self.code = code or self.code
        self.details = details or {}
        self.status = status or self.status
        self.headers = headers


class BadRequest(AppError):
    status, code, message = 400, "bad_request", _l("The request is malformed.")


class Unauthorized(AppError):
    status, code, message = 401, "unauthorized", _l("Please log in again.")


class Forbidden(AppError):
    status, code, message = 403, "forbidden", _l("You are not allowed to do this.")


class NotFound(AppError):
    status, code, message = 404, "not_found", _l("We could not find that.")


class Conflict(AppError):
    status, code, message = 409, "conflict", _l("That is not possible in the current state.")


class Gone(AppError):
    status, code, message = 410, "gone", _l("That is no longer available.")


class ValidationFailed(AppError):
    status, code, message = 422, "validation_error", _l("Some of the information is not valid.")

    @classmethod
    def for_field(cls, field: str, message: str, *, code: str | None = None) -> "ValidationFailed":
        return cls(message, code=code, details={"fields": {field: [str(message)]}})


class RateLimited(AppError):
    status, code, message = 429, "rate_limited", _l("Too many requests; please wait a moment and try again.")


class ServiceUnavailable(AppError):
    status, code, message = 503, "service_unavailable", _l("The service is briefly unavailable; please try again.")


#: Codes and plain messages for werkzeug's own HTTP errors.
HTTP_ERROR_CODES = {
    400: ("bad_request", _l("The request is malformed.")),
    401: ("unauthorized", _l("Please log in again.")),
    403: ("forbidden", _l("You are not allowed to do this.")),
    404: ("not_found", _l("We could not find that.")),
    405: ("method_not_allowed", _l("This address does not accept that method.")),
    409: ("conflict", _l("That is not possible in the current state.")),
    413: ("payload_too_large", _l("The request body is too large.")),
    415: ("unsupported_media_type", _l("The request body has an unsupported type.")),
    422: ("validation_error", _l("Some of the information is not valid.")),
    429: ("rate_limited", _l("Too many requests; please wait a moment and try again.")),
}


def error_body(code: str, message: str, details: dict | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "details": details or {}}}


def error_response(status: int, code: str, message: str, details: dict | None = None, headers=None):
    response = jsonify(error_body(code, message, details))
    response.status_code = status
    if headers:
        response.headers.update(headers)
    return response


def flatten_field_errors(messages, prefix: str = "") -> dict[str, list[str]]:
    """webargs' nested ``{"json": {"insured": {"id_number": [...]}}}`` → ``{"insured.id_number": [...]}``."""
    fields: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            fields.update(flatten_field_errors(value, path))
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        fields[prefix or "_schema"] = [translated(m) for m in messages]
    elif isinstance(messages, list):
        for index, value in enumerate(messages):
            fields.update(flatten_field_errors(value, f"{prefix}.{index}" if prefix else str(index)))
    else:
        fields[prefix or "_schema"] = [translated(str(messages))]
    return fields


def _webargs_fields(data: dict) -> dict[str, list[str]]:
    messages = data.get("messages") or data.get("errors") or {}
    # Drop the location level ("json", "query", "files"): clients name fields, not locations.
    if isinstance(messages, dict) and set(messages) <= {"json", "query", "form", "files", "headers", "view_args"}:
        merged: dict[str, list[str]] = {}
        for location_messages in messages.values():
            merged.update(flatten_field_errors(location_messages))
        return merged
    return flatten_field_errors(messages)


def handle_http_exception(error: HTTPException):
    code, message = HTTP_ERROR_CODES.get(error.code or 500, ("http_error", error.description or "Error."))
    data = getattr(error, "data", None) or {}
    details: dict = {}
    if error.code == 422 and data:
        details["fields"] = _webargs_fields(data)
    elif error.code == 400 and data.get("messages"):
        message = _l("The request body is not valid JSON.")
        code = "malformed_json"
    if error.code == 429:
        description = getattr(error, "description", None)
        if description:
            details["limit"] = str(description)
    headers = data.get("headers") if isinstance(data, dict) else None
    if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        headers = {"Allow": ", ".join(error.valid_methods)}
    return error_response(error.code or 500, code, message, details, headers)


def handle_app_error(error: AppError):
    return error_response(error.status, error.code, error.message, error.details, error.headers)


def handle_database_error(error: sqlalchemy.exc.SQLAlchemyError):
    if isinstance(error, (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError)) or getattr(
        error, "connection_invalidated", False
    ):
        log.warning("database unavailable: %s", type(error).__name__)
        return error_response(503, "service_unavailable",
                              _l("The database is briefly unavailable; please try again."),
                              {"dependency": "database"})
    return handle_unexpected(error)


def handle_redis_error(error: Exception):
    log.warning("redis unavailable: %s", type(error).__name__)
    return error_response(503, "service_unavailable", _l("The service is briefly unavailable; please try again."),
                          {"dependency": "redis"})


def handle_unexpected(error: Exception):
    log.exception("unhandled error on %s %s", request.method, request.path)
    return error_response(500, "internal_error", _l("Something went wrong on our side; please try again."))


def register_error_handlers(app) -> None:
    app.register_error_handler(AppError, handle_app_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(sqlalchemy.exc.SQLAlchemyError, handle_database_error)
    app.register_error_handler(redis.ConnectionError, handle_redis_error)
    app.register_error_handler(redis.TimeoutError, handle_redis_error)
    # A Redis Cluster client's "no node answers", which is not a RedisError.
    app.register_error_handler(redis.exceptions.RedisClusterException, handle_redis_error)
    app.register_error_handler(redis.exceptions.BusyLoadingError, handle_redis_error)
    app.register_error_handler(Exception, handle_unexpected)
