"""WeChat Pay's webhooks. They answer in WeChat's formats, never our JSON error shape."""

from __future__ import annotations

import logging

import redis
import sqlalchemy.exc
from flask import Blueprint, Response, jsonify, request

from app.payments import notifications
from app.payments.services import Outcome
from app.wechat.xml import reply

log = logging.getLogger(__name__)

blp = Blueprint("wechatpay_webhooks", __name__, url_prefix="/webhooks/wechatpay")

#: WeChat's notifications are a few KiB; anything near this is not one.
MAX_NOTIFICATION_BYTES = 64 * 1024

#: (HTTP status, WeChat return_code) for each outcome (docs/wechat.md, Notifications).
V2_ANSWERS = {
    Outcome.REJECTED: (400, "FAIL"),
    Outcome.UNKNOWN_ORDER: (404, "FAIL"),  # it may still be committing: let WeChat retry
    Outcome.FLAGGED: (200, "SUCCESS"),  # a retry cannot help; an operator looks at it
    Outcome.DUPLICATE: (200, "SUCCESS"),
    Outcome.APPLIED: (200, "SUCCESS"),
}


def xml_answer(status: int, code: str, message: str) -> Response:
    return Response(reply(code, message), status=status, mimetype="text/xml")


def read_limited_body() -> bytes | None:
    """The raw body, or None when it is larger than a notification can be."""
    length = request.content_length
    if length is not None and length > MAX_NOTIFICATION_BYTES:
        return None
    body = request.stream.read(MAX_NOTIFICATION_BYTES + 1)
    return None if len(body) > MAX_NOTIFICATION_BYTES else body


def _receive_v2(kind: str) -> Response:
    body = read_limited_body()
    if body is None:
        return xml_answer(413, "FAIL", "body too large")
    outcome = notifications.receive("v2", kind, request.headers, body, sender=request.remote_addr or "unknown")
    status, code = V2_ANSWERS[outcome]
    return xml_answer(status, code, "OK" if code == "SUCCESS" else outcome.value)


@blp.post("/notify")
def payment_notify():
    return _receive_v2("payment")


@blp.post("/refund-notify")
def refund_notify():
    return _receive_v2("refund")


@blp.errorhandler(sqlalchemy.exc.SQLAlchemyError)
@blp.errorhandler(redis.RedisError)
@blp.errorhandler(redis.exceptions.RedisClusterException)
def dependency_down(error):
    log.warning("wechatpay webhook: dependency unavailable (%s)", type(error).__name__)
    if is_v3_request():
        return v3_fail(503, "temporarily unavailable")
    return xml_answer(503, "FAIL", "temporarily unavailable")


@blp.errorhandler(Exception)
def unexpected(error):
    log.exception("wechatpay webhook failed")
    if is_v3_request():
        return v3_fail(500, "internal error")
    return xml_answer(500, "FAIL", "internal error")


# -- v3: JSON, one URL for payments and refunds ---------------------------------------------------

#: HTTP status for each outcome of a v3 notification (docs/wechat.md, Notifications); 204 has no body.
V3_ANSWERS = {
    Outcome.REJECTED: 401,
    Outcome.UNKNOWN_ORDER: 404,  # it may still be committing: let WeChat retry
    Outcome.FLAGGED: 204,  # a retry cannot help; an operator looks at it
    Outcome.DUPLICATE: 204,
    Outcome.APPLIED: 204,
}


def is_v3_request() -> bool:
    return request.path.startswith(f"{blp.url_prefix}/v3/")


def v3_fail(status: int, message: str) -> Response:
    """WeChat's v3 failure answer: any 4xx/5xx with this body asks it to deliver again."""
    response = jsonify({"code": "FAIL", "message": message})
    response.status_code = status
    return response


@blp.post("/v3/notify")
def v3_notify():
    body = read_limited_body()
    if body is None:
        # Too large to be WeChat's: refused like any untrusted body (docs/wechat.md), and not stored.
        return v3_fail(401, "body too large")
    outcome = notifications.receive("v3", notifications.UNVERIFIED_KIND, request.headers, body,
                                    sender=request.remote_addr or "unknown", name_kind=True)
    status = V3_ANSWERS[outcome]
    return Response(status=204) if status == 204 else v3_fail(status, outcome.value)
