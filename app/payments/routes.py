"""WeChat Pay's webhooks. They answer in WeChat's formats, never our JSON error shape."""

from __future__ import annotations

import logging

import redis
import sqlalchemy.exc
from flask import Blueprint, Response, request

from app.core.db import commit
from app.extensions import db
from app.payments import services
from app.payments.services import Outcome
from app.wechat.xml import reply

log = logging.getLogger(__name__)

bp = Blueprint("wechatpay_webhooks", __name__, url_prefix="/webhooks/wechatpay")

#: WeChat's notifications are a few KiB; anything near this is not one.
MAX_NOTIFICATION_BYTES = 64 * 1024

#: (HTTP status, WeChat return_code) for each outcome (DESIGN.md, Notifications).
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


@bp.post("/notify")
def payment_notify():
    body = read_limited_body()
    if body is None:
        return xml_answer(413, "FAIL", "body too large")
    notification = services.record_notification("wechatpay_v2", "payment", request.headers, body)
    commit()  # unit 1: the raw record survives whatever happens next
    outcome = services.process_v2_payment_notification(notification.id, body)
    commit()  # unit 2: verified and applied
    status, code = V2_ANSWERS[outcome]
    return xml_answer(status, code, "OK" if code == "SUCCESS" else outcome.value)


@bp.post("/refund-notify")
def refund_notify():
    body = read_limited_body()
    if body is None:
        return xml_answer(413, "FAIL", "body too large")
    notification = services.record_notification("wechatpay_v2", "refund", request.headers, body)
    commit()
    outcome = services.process_v2_refund_notification(notification.id, body)
    commit()
    status, code = V2_ANSWERS[outcome]
    return xml_answer(status, code, "OK" if code == "SUCCESS" else outcome.value)


@bp.errorhandler(sqlalchemy.exc.SQLAlchemyError)
@bp.errorhandler(redis.RedisError)
def dependency_down(error):
    db.session.rollback()
    log.warning("wechatpay webhook: dependency unavailable (%s)", type(error).__name__)
    return xml_answer(503, "FAIL", "temporarily unavailable")


@bp.errorhandler(Exception)
def unexpected(error):
    db.session.rollback()
    log.exception("wechatpay webhook failed")
    return xml_answer(500, "FAIL", "internal error")
