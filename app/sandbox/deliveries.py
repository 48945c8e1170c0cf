"""The sandbox's deliveries: what WeChat's servers do after a payment or a refund, from the job
worker, over real HTTP to the notify URL the merchant gave, retried on WeChat's schedule until
acknowledged. An order or refund made through the v3 API is notified in v3's format."""

from __future__ import annotations

import datetime as dt
import json
import logging
import random

import requests
from flask import current_app

from app.core import jobs
from app.extensions import redis_store
from app.sandbox import notifications
from app.sandbox.pay_state import load_order, load_refund
from app.wechat.pay.v3 import SANDBOX_NOW_HEADER
from app.wechat.signing import sign_v2
from app.wechat.xml import MalformedXML, UnsafeXML, parse_flat_xml, to_xml

log = logging.getLogger(__name__)

#: WeChat's retry schedule for unacknowledged notifications (24h4m in all), in seconds.
RETRY_SCHEDULE = (15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600)
#: Contract deduction's notifications waiting to be delivered (or redelivered), by notification id.
EVENT_KEY = "sandbox:papay:event:"
#: Kept while WeChat would still retry (24h4m), with room to spare.
EVENT_TTL_SECONDS = 2 * 86400


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


def send_event(url: str, event_type: str, summary: str, original_type: str, resource: dict, *, key: str,
               at: dt.datetime, sandbox_now: str | None = None) -> str:
    """Notify ``url`` of a contract deduction event that happened ``at`` (sandbox time), from the job
    worker, on WeChat's retry schedule (a share of them twice); its id. ``sandbox_now`` (the caller's
    ``X-Sandbox-Now``) rides back on every delivery as the same header."""
    event_id = notifications.event_id("papay", key)
    redis_store.single.set(EVENT_KEY + event_id, json.dumps({
        "url": url, "event_type": event_type, "summary": summary, "original_type": original_type,
        "resource": resource, "at": at.timestamp(), "sandbox_now": sandbox_now}), ex=EVENT_TTL_SECONDS)
    jobs.enqueue(deliver_event, event_id, 0)
    if random.random() < current_app.config["SANDBOX_DUPLICATE_RATE"]:
        # WeChat sometimes delivers one notification twice, a moment apart.
        jobs.enqueue(deliver_event, event_id, 0,
                     delay=dt.timedelta(seconds=1 * current_app.config["SANDBOX_NOTIFY_TIME_SCALE"]))
    return event_id


@jobs.job
def deliver_event(event_id: str, attempt: int = 0) -> bool:
    """POST a contract deduction notification (signed, its resource encrypted); retry on WeChat's schedule."""
    raw = redis_store.single.get(EVENT_KEY + event_id)
    if raw is None:
        return False
    event = json.loads(raw)
    body = notifications.encrypted_notification(
        event_id, event["event_type"], event["summary"], event["original_type"], event["resource"],
        created_at=dt.datetime.fromtimestamp(event["at"], dt.timezone.utc))
    extra = {SANDBOX_NOW_HEADER: event["sandbox_now"]} if event.get("sandbox_now") else {}
    delivered = _deliver_v3(event["url"], body, extra)
    if not delivered:
        _retry(deliver_event, event_id, attempt)
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


def _deliver_v3(url: str, body: bytes, extra: dict | None = None) -> bool:
    """v3 signs with the platform key; WeChat takes 200 or 204 as received."""
    headers = {"Content-Type": "application/json", **notifications.platform_signature_headers(body), **(extra or {})}
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
