"""The sandbox's deliveries: what WeChat's servers do after a payment or a refund, from the job
worker, over real HTTP to the notify URL the merchant gave, retried on WeChat's schedule until
acknowledged. An order or refund made through the v3 API is notified in v3's format."""

from __future__ import annotations

import datetime as dt
import logging

import requests
from flask import current_app

from app.core import jobs
from app.sandbox import notifications
from app.sandbox.pay_state import load_order, load_refund
from app.wechat.signing import sign_v2
from app.wechat.xml import MalformedXML, UnsafeXML, parse_flat_xml, to_xml

log = logging.getLogger(__name__)

#: WeChat's retry schedule for unacknowledged notifications (24h4m in all), in seconds.
RETRY_SCHEDULE = (15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600)


@jobs.job
def deliver_payment(out_trade_no: str, attempt: int = 0) -> bool:
    """POST the payment's notification to the order's notify_url; retry on WeChat's schedule."""
    order = load_order(out_trade_no)
    if order is None or order["trade_state"] != "SUCCESS":
        return False
    if order.get("version") == "v3":
        delivered = _deliver_v3(order["notify_url"], notifications.payment_notification_body(order))
    else:
        fields = notifications.payment_notification_fields(order)
        delivered = _deliver_v2(order["notify_url"], to_xml(fields, sign_v2(fields,
                                                                             current_app.config["WECHAT_PAY_API_KEY"])))
    if not delivered:
        _retry(deliver_payment, out_trade_no, attempt)
    return delivered


@jobs.job
def deliver_refund(out_refund_no: str, attempt: int = 0) -> bool:
    """The refund succeeded at the sandbox: tell its notify_url, retrying like payments."""
    refund = load_refund(out_refund_no)
    if refund is None or not refund.get("notify_url"):
        return False
    if refund.get("version") == "v3":
        delivered = _deliver_v3(refund["notify_url"], notifications.refund_notification_body(refund))
    else:
        delivered = _deliver_v2(refund["notify_url"], to_xml(notifications.refund_notification_fields(refund)))
    if not delivered:
        _retry(deliver_refund, out_refund_no, attempt)
    return delivered


def _deliver_v2(url: str, body: str) -> bool:
    """v2 counts a notification delivered when the answer is 200 with ``return_code`` SUCCESS."""
    try:
        response = requests.post(url, data=body.encode(), headers={"Content-Type": "text/xml"}, timeout=5)
    except requests.RequestException as exc:
        log.info("sandbox delivery to %s failed: %s", url, type(exc).__name__)
        return False
    if response.status_code != 200:
        return False
    try:
        return parse_flat_xml(response.content).get("return_code") == "SUCCESS"
    except (UnsafeXML, MalformedXML):
        return False


def _deliver_v3(url: str, body: bytes) -> bool:
    """v3 signs with the platform key; WeChat takes 200 or 204 as received."""
    headers = {"Content-Type": "application/json", **notifications.platform_signature_headers(body)}
    try:
        response = requests.post(url, data=body, headers=headers, timeout=5)
    except requests.RequestException as exc:
        log.info("sandbox delivery to %s failed: %s", url, type(exc).__name__)
        return False
    return 200 <= response.status_code < 300


def _retry(job, key: str, attempt: int) -> None:
    if attempt >= len(RETRY_SCHEDULE):
        log.warning("sandbox gave up delivering %s after %s attempts", key, attempt + 1)
        return
    delay = RETRY_SCHEDULE[attempt] * current_app.config["SANDBOX_NOTIFY_TIME_SCALE"]
    jobs.enqueue(job, key, attempt + 1, delay=dt.timedelta(seconds=delay))
