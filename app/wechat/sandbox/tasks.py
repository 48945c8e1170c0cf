"""The sandbox's deliveries: what WeChat's servers do after a payment, from the job worker."""

from __future__ import annotations

import datetime as dt
import logging

import requests
from flask import current_app

from app import jobs
from app.wechat.signing import sign_v2
from app.wechat.xml import MalformedXML, UnsafeXML, parse_flat_xml, to_xml

log = logging.getLogger(__name__)

#: WeChat's retry schedule for unacknowledged notifications (24h4m in all), in seconds.
RETRY_SCHEDULE = (15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600)


def _acknowledged(response: requests.Response) -> bool:
    if response.status_code != 200:
        return False
    try:
        return parse_flat_xml(response.content).get("return_code") == "SUCCESS"
    except (UnsafeXML, MalformedXML):
        return False


def deliver_signed_xml(url: str, fields: dict) -> bool:
    return deliver_xml(url, to_xml(fields, sign_v2(fields, current_app.config["WECHAT_PAY_API_KEY"])))


def deliver_xml(url: str, body: str) -> bool:
    try:
        response = requests.post(url, data=body.encode(), headers={"Content-Type": "text/xml"}, timeout=5)
    except requests.RequestException as exc:
        log.info("sandbox delivery to %s failed: %s", url, type(exc).__name__)
        return False
    return _acknowledged(response)


def schedule_retry(func, key: str, attempt: int) -> None:
    if attempt >= len(RETRY_SCHEDULE):
        log.warning("sandbox gave up delivering %s after %s attempts", key, attempt + 1)
        return
    delay = RETRY_SCHEDULE[attempt] * current_app.config["SANDBOX_NOTIFY_TIME_SCALE"]
    jobs.enqueue(func, key, attempt + 1, delay=dt.timedelta(seconds=delay))


@jobs.job
def deliver_payment_notification(out_trade_no: str, attempt: int = 0) -> bool:
    """POST the signed payment notification to the order's notify_url; retry on WeChat's schedule."""
    from app.wechat.sandbox.pay import load_order, payment_notification_fields

    order = load_order(out_trade_no)
    if order is None or order["trade_state"] != "SUCCESS":
        return False
    if deliver_signed_xml(order["notify_url"], payment_notification_fields(order)):
        return True
    schedule_retry(deliver_payment_notification, out_trade_no, attempt)
    return False


@jobs.job
def deliver_refund_notification(out_refund_no: str, attempt: int = 0) -> bool:
    """The refund succeeded at the sandbox: tell our refund notify_url, retrying like payments."""
    from app.wechat.sandbox.pay import load_refund, refund_notification_fields

    refund = load_refund(out_refund_no)
    if refund is None or not refund.get("notify_url"):
        return False
    fields = refund_notification_fields(refund)
    if deliver_xml(refund["notify_url"], to_xml(fields)):
        return True
    schedule_retry(deliver_refund_notification, out_refund_no, attempt)
    return False


# -- v3: signed JSON, acknowledged by any 2xx -------------------------------------------------

def deliver_signed_json(url: str, body: bytes) -> bool:
    """POST a v3 notification signed with the platform key; WeChat takes 200 or 204 as received."""
    from app.wechat.sandbox.pay_v3 import platform_signature_headers

    headers = {"Content-Type": "application/json", **platform_signature_headers(body)}
    try:
        response = requests.post(url, data=body, headers=headers, timeout=5)
    except requests.RequestException as exc:
        log.info("sandbox delivery to %s failed: %s", url, type(exc).__name__)
        return False
    return 200 <= response.status_code < 300


@jobs.job
def deliver_v3_payment_notification(out_trade_no: str, attempt: int = 0) -> bool:
    """POST the TRANSACTION.SUCCESS notification of a v3 order; retry on WeChat's schedule."""
    from app.wechat.sandbox.pay import load_order
    from app.wechat.sandbox.pay_v3 import payment_notification_body

    order = load_order(out_trade_no)
    if order is None or order["trade_state"] != "SUCCESS":
        return False
    if deliver_signed_json(order["notify_url"], payment_notification_body(order)):
        return True
    schedule_retry(deliver_v3_payment_notification, out_trade_no, attempt)
    return False


@jobs.job
def deliver_v3_refund_notification(out_refund_no: str, attempt: int = 0) -> bool:
    """The refund succeeded at the sandbox: send REFUND.SUCCESS to its v3 notify_url, retrying like payments."""
    from app.wechat.sandbox.pay import load_refund
    from app.wechat.sandbox.pay_v3 import refund_notification_body

    refund = load_refund(out_refund_no)
    if refund is None or not refund.get("notify_url"):
        return False
    if deliver_signed_json(refund["notify_url"], refund_notification_body(refund)):
        return True
    schedule_retry(deliver_v3_refund_notification, out_refund_no, attempt)
    return False
