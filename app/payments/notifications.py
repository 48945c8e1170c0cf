"""WeChat Pay's notifications: stored raw, verified and applied (``receive``).

On PostgreSQL a payment report that verifies is applied and stored whole in one unit of work with the reports its
process received at the same moment (``core.batching``; a notification's round trips cost the web worker and
PostgreSQL more than its rows, bench/README.md): its record goes in last, with what became of it. Everything else
goes in two units of work:
``record`` keeps the body and the headers verification reads as they arrived, before
anything is trusted, so they survive whatever happens next. ``process`` then has the
gateway of the notification's own Pay version verify it (a v2 notification still verifies
after a switch to v3) and applies what it reports: a payment through
``services.apply_payment``, a refund through ``refunds.apply_refund_result``, a contract
deduction event (v3) by announcing it (``events.papay_event``). Both versions
go through this one path.

Anyone can post to a notify URL, so what a request may store before it verifies is bounded
(``stored_form``: a capped body, the few headers verification reads, each capped, and a
``cut`` saying what was left out), and so is how much a client address may store with
requests that never verify (``REJECTED_RECORDS_PER_MINUTE``). A request that verifies is
never refused and always kept whole: behind a proxy, WeChat's genuine notifications share an
address with forged ones.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from app.core import clock, events, untrusted
from app.core.batching import Batches
from app.core.db import execute, fetch_all, fetch_one, insert_rows, single_statement_units, unit_of_work
from app.extensions import REDIS_ERRORS, db, redis_store
from app.payments import refunds
from app.payments.models import PaymentNotification
from app.payments.services import Outcome, apply_payment, apply_payments
from app.wechat import pay
from app.wechat.pay.papay_types import ContractEvent

log = logging.getLogger(__name__)

#: The headers kept with a notification, by version (prefixes, lower case): what verification
#: reads (v3 signs with Wechatpay-Timestamp, -Nonce, -Signature, -Serial) and the declared type.
#: The WeChat sandbox's time travel rides along in X-Sandbox-Now (docs/wechat.md).
KEPT_HEADERS = {"v2": ("content-type",), "v3": ("content-type", "wechatpay-", "x-sandbox-now")}
#: At most this many of them (WeChat sends six); a name or value longer than these is not WeChat's.
MAX_KEPT_HEADERS = 8
MAX_HEADER_NAME = 64
MAX_HEADER_VALUE = 1024
#: The most of a body stored before it verifies. WeChat's own are a few hundred bytes to 2 KiB; a
#: body that verifies is then kept whole (at most routes.MAX_NOTIFICATION_BYTES).
MAX_UNVERIFIED_BODY = 8 * 1024
#: Records a client address may add per minute with requests that do not verify. Past it, its
#: requests are still verified and answered, but one that fails is not stored (only logged):
#: a flood costs at most this many bounded records a minute, and a misconfigured key still shows
#: an operator the first ones of every minute.
REJECTED_RECORDS_PER_MINUTE = 20
#: A v3 notification's ``kind`` until its signature is checked; then its event type (TRANSACTION.SUCCESS, ...).
UNVERIFIED_KIND = "unverified"
#: A refusal that means "signed, but not for this merchant": a retry cannot help.
NOT_OURS = ("appid_mismatch", "mch_id_mismatch")

_NOTIFICATIONS = PaymentNotification.__table__


def _binds(*names: str) -> dict:
    return {name: sa.bindparam(name, type_=_NOTIFICATIONS.c[name].type) for name in names}


# Built once, each with the columns it sets: every notification runs two or three of them (bench/README.md).
_RECORD = sa.insert(_NOTIFICATIONS).values(
    _binds("provider", "kind", "received_at", "outcome", "headers", "body", "cut")).returning(_NOTIFICATIONS.c.id)
_THIS_ONE = _NOTIFICATIONS.c.id == sa.bindparam("notification_id")
_MARK = sa.update(_NOTIFICATIONS).where(_THIS_ONE).values(
    _binds("outcome", "detail", "processed_at", "out_trade_no", "transaction_id"))
_MARK_WITH_KIND = _MARK.values(_binds("kind"))
_KEEP_WHOLE = sa.update(_NOTIFICATIONS).where(_THIS_ONE).values(_binds("body", "cut"))
_TAKE_BACK = sa.delete(_NOTIFICATIONS).where(_THIS_ONE)


def receive(version: str, kind: str, headers, body: bytes, *, sender: str, name_kind: bool = False) -> Outcome:
    """A notification as it arrived: stored, verified and applied, exactly once however often it comes.

    On PostgreSQL a payment report that verifies is stored whole and applied together with the reports its
    process received at the same moment (``Batches``: one unit of work and the round trips of one report for
    all of them; ``payments.services.apply_payments``). Anything else (a report that does not verify, a refund,
    a contract event, the embedded default), and any report whose batch failed, goes ``record`` then
    ``process``: the raw record in a unit of work of its own, then its verification and application.
    """
    try:
        notification = pay.gateway(version).parse_notification(headers, body)
    except Exception:  # noqa: BLE001 (``process`` meets it again, once the raw record is stored)
        notification = None
    received = _Received(version, kind, headers, body, sender, name_kind, clock.now(), notification)
    if (notification is not None and notification.payment is not None and notification.payment.out_trade_no
            and db.engine.dialect.name == "postgresql"):
        return _payment_batches().do(received)
    return _record_then_process(received)


@dataclass(frozen=True, slots=True)
class _Received:
    version: str
    kind: str
    headers: Mapping[str, str]
    body: bytes
    sender: str
    name_kind: bool
    received_at: dt.datetime
    notification: pay.Notification | None = None


def _record_then_process(received: _Received) -> Outcome:
    with unit_of_work():  # unit 1: the raw record survives whatever happens next
        notification_id = record(received.version, received.kind, received.headers, received.body,
                                 sender=received.sender)
    with unit_of_work():  # unit 2: verified and applied
        return process(notification_id, received.version, received.kind, received.headers, received.body,
                       sender=received.sender, name_kind=received.name_kind, verified=received.notification)


#: A batch's lock waits end after this: an order locked elsewhere (a job asking WeChat Pay about it) fails the
#: batch, and each of its reports is then applied on its own, so only that order's report waits.
BATCH_LOCK_TIMEOUT_MS = 1000
#: And any of its statements after this: a batch holds up every notification of its process, and WeChat Pay gives
#: up on an answer after 5 s and delivers again.
BATCH_STATEMENT_TIMEOUT_MS = 5000
#: The batch's first statement: both timeouts, set for its transaction only, and an id for each of its records, drawn
#: from their table's sequence. The records are inserted last, each with what became of it, one statement in place
#: of an insert before and an update after: their payments, inserted meanwhile, name them by these ids, and the
#: reference is checked at commit (migration c9e5a1f3d7b2).
_BATCH_START = sa.text(
    # The sequence looked up once for the statement (a subquery), not once for each id.
    "SELECT nextval((SELECT pg_get_serial_sequence('payment_notifications', 'id')::regclass)) AS id, "
    f"set_config('lock_timeout', '{BATCH_LOCK_TIMEOUT_MS}', true) AS lock_timeout, "
    f"set_config('statement_timeout', '{BATCH_STATEMENT_TIMEOUT_MS}', true) AS statement_timeout "
    "FROM generate_series(1, :count)",
).columns(id=sa.BigInteger, lock_timeout=sa.Text, statement_timeout=sa.Text)


def _apply_together(batch: Sequence[_Received]) -> list[Outcome]:
    """Verified payment reports, applied and stored whole in one unit of work; each one's outcome."""
    with unit_of_work():
        connection = db.session.connection()
        ids = [row["id"] for row in fetch_all(connection, _BATCH_START, {"count": len(batch)})]
        answers = apply_payments([received.notification.payment for received in batch], source="notification",
                                 notification_ids=ids)
        records = []
        for notification_id, received, (outcome, detail) in zip(ids, batch, answers, strict=True):
            record = {"id": notification_id, "provider": f"wechatpay_{received.version}", "kind": received.kind,
                      "received_at": received.received_at,
                      **stored_form(received.version, received.headers, received.body, verified=True)}
            # A v3 report's kind becomes its event type, as ``process`` marks it.
            record.update(_marked(outcome, detail, **_about(received.notification, received.name_kind)))
            records.append(record)
        insert_rows(_NOTIFICATIONS, records)
    return [outcome for outcome, _ in answers]


_BATCHES_MADE = threading.Lock()


def _payment_batches() -> Batches[_Received, Outcome]:
    """The app's batches of payment reports: one per app, since a batch runs in its leader's app (its
    configuration, its database)."""
    extensions = current_app.extensions
    batches = extensions.get("redcover.payment_batches")
    if batches is None:
        with _BATCHES_MADE:
            batches = extensions.setdefault("redcover.payment_batches", Batches(
                "payment notifications", _apply_together, _record_then_process))
    return batches


def _about(notification: pay.Notification, name_kind: bool) -> dict:
    """What a verified notification says it is about, for its record (its event type as its kind with
    ``name_kind``)."""
    return {"kind": notification.event_type if name_kind else None,
            "out_trade_no": notification.out_trade_no, "transaction_id": notification.transaction_id}


def stored_form(version: str, headers, body: bytes, *, verified: bool = False) -> dict:
    """The ``headers``, ``body`` and ``cut`` a record keeps of a request: the kept headers, each
    capped, and the body as text, capped unless the request ``verified``."""
    prefixes = KEPT_HEADERS[version]
    kept: dict[str, str] = {}
    shortened: list[str] = []
    left_out = 0
    for name, value in headers.items():
        if not name.lower().startswith(prefixes):
            continue
        if len(name) > MAX_HEADER_NAME or len(kept) >= MAX_KEPT_HEADERS:
            left_out += 1
            continue
        if len(value) > MAX_HEADER_VALUE:
            value = value[:MAX_HEADER_VALUE]
            shortened.append(name)
        kept[name] = untrusted.storable_text(value.encode("utf-8", errors="replace"))
    text = untrusted.storable_text(body if verified else body[:MAX_UNVERIFIED_BODY])
    cut: dict = {}
    if not verified and len(body) > MAX_UNVERIFIED_BODY:
        cut["body"] = {"received_bytes": len(body), "kept_bytes": len(text.encode())}
    if shortened:
        cut["headers_shortened"] = shortened
    if left_out:
        cut["headers_left_out"] = left_out
    return {"headers": kept, "body": text, "cut": cut or None}


def record(version: str, kind: str, headers, body: bytes, *, sender: str) -> int | None:
    """Store a notification as it arrived, bounded (``stored_form``); its id. None, storing
    nothing, when ``sender`` (the client address) has used up its allowance of records that did
    not verify: ``process`` then stores the notification only if it verifies.

    The caller's unit of work ends before ``process`` runs (on PostgreSQL the insert is its own
    unit of work, committed as it runs: one round trip)."""
    if _allowance_used_up(sender):
        return None
    with single_statement_units() as connection:
        return fetch_one(connection, _RECORD, {
            "provider": f"wechatpay_{version}", "kind": kind, "received_at": clock.now(), "outcome": "received",
            **stored_form(version, headers, body),
        })["id"]


def process(notification_id: int | None, version: str, kind: str, headers, body: bytes, *, sender: str,
            name_kind: bool = False, verified: pay.Notification | None = None) -> Outcome:
    """Verify a notification with ``version``'s gateway and apply it; marks its record.

    A notification ``record`` did not store (None) is stored now as ``kind`` if it verifies,
    whole, in this unit of work (if applying it fails, WeChat delivers it again); one that does
    not verify counts against ``sender``'s allowance. ``name_kind`` records the verified event
    type as the record's kind (v3, whose one URL takes every event). An event type we do not
    handle is kept, flagged for an operator, and acknowledged: a retry would not change it. ``verified`` is the
    notification as ``receive`` verified it moments ago, not verified again.
    """
    try:
        notification = verified or pay.gateway(version).parse_notification(headers, body)
    except pay.PayNotConfigured:
        log.warning("%s notification %s: this merchant holds no %s keys to verify it", version, notification_id,
                    version)
        return _refused(notification_id, sender, Outcome.REJECTED, "version_not_configured")
    except pay.NotificationRejected as rejected:
        log.info("%s notification %s from %s rejected: %s", version, notification_id, sender, rejected.reason)
        if rejected.reason in NOT_OURS:  # signed by WeChat, for another merchant: kept whole like any verified one
            notification_id = _keep_whole(notification_id, version, kind, headers, body)
            return _mark(notification_id, Outcome.FLAGGED, rejected.reason)
        return _refused(notification_id, sender, Outcome.REJECTED, rejected.reason)
    notification_id = _keep_whole(notification_id, version, kind, headers, body)
    found = _about(notification, name_kind)
    if notification.payment is not None:
        if not notification.payment.out_trade_no:  # signed, but a retry cannot fix it
            return _mark(notification_id, Outcome.FLAGGED, "malformed_fields", **found)
        outcome, detail = apply_payment(notification.payment, source="notification", notification_id=notification_id)
        return _mark(notification_id, outcome, detail, **found)
    if notification.papay is not None:
        return _papay(notification_id, notification.papay, found)
    if notification.refund is not None:
        refund = notification.refund
        if refund.mch_id is not None and refund.mch_id != current_app.config["WECHAT_MCH_ID"]:
            return _mark(notification_id, Outcome.FLAGGED, "mch_id_mismatch", **found)
        if not refund.refund_no:
            return _mark(notification_id, Outcome.FLAGGED, "malformed_fields", **found)
        outcome, detail = refunds.apply_refund_result(refund)
        return _mark(notification_id, Outcome(outcome), detail or refund.refund_no, **found)
    log.info("%s notification %s: event %s is not one we handle", version, notification_id, notification.event_type)
    return _mark(notification_id, Outcome.FLAGGED, "unhandled_event", **found)


def _papay(notification_id: int, event, found: dict) -> Outcome:
    """A contract deduction event (v3): announced as ``events.papay_event`` to whichever feature renews
    policies; with no receiver it stays flagged ``unhandled_event``, acknowledged like any event we do
    not handle. A receiver returns its ``Outcome`` (the first one given is recorded)."""
    mch_id = event.contract.mch_id if isinstance(event, ContractEvent) else event.mch_id
    if mch_id is not None and mch_id != current_app.config["WECHAT_MCH_ID"]:
        return _mark(notification_id, Outcome.FLAGGED, "mch_id_mismatch", **found)
    answers = [answer for _, answer in events.papay_event.send(event, notification_id=notification_id)
               if answer is not None]
    if not answers:
        log.info("v3 notification %s: contract deduction event %s has no receiver", notification_id,
                 event.event_type)
        return _mark(notification_id, Outcome.FLAGGED, "unhandled_event", **found)
    outcome = Outcome(answers[0])
    return _mark(notification_id, outcome, outcome.value, **found)


def _keep_whole(notification_id: int | None, version: str, kind: str, headers, body: bytes) -> int:
    """A verified notification's record, with its whole body: inserted now if ``record`` stored
    nothing, its body restored if ``record`` capped it. Its id."""
    whole = stored_form(version, headers, body, verified=True)
    if notification_id is None:
        return fetch_one(db.session.connection(), _RECORD, {
            "provider": f"wechatpay_{version}", "kind": kind, "received_at": clock.now(), "outcome": "received",
            **whole})["id"]
    if len(body) > MAX_UNVERIFIED_BODY:
        execute(db.session.connection(), _KEEP_WHOLE, {"notification_id": notification_id, "body": whole["body"],
                                                        "cut": whole["cut"]})
    return notification_id


def _refused(notification_id: int | None, sender: str, outcome: Outcome, detail: str) -> Outcome:
    """A notification that did not verify: counted against its sender, and marked if it was stored.

    ``record`` checked the allowance before storing it, and requests that arrive together all pass that check
    before any is counted here: a refusal counted past the allowance takes its record back, so an address never
    keeps more than the allowance however many come at once (the count is the one atomic step)."""
    count = _count_refusal(sender)
    if notification_id is None:
        return outcome
    if count is not None and count > REJECTED_RECORDS_PER_MINUTE:
        log.info("notification %s from %s: over its address's allowance once counted; not kept", notification_id,
                 sender)
        execute(db.session.connection(), _TAKE_BACK, {"notification_id": notification_id})
        return outcome
    return _mark(notification_id, outcome, detail)


def _allowance_key(sender: str) -> str:
    return f"wechatpay:unverified:{sender}:{int(clock.now().timestamp()) // 60}"


def _allowance_used_up(sender: str) -> bool:
    try:
        return int(redis_store.get(_allowance_key(sender)) or 0) >= REJECTED_RECORDS_PER_MINUTE
    except REDIS_ERRORS:
        # Redis is a gate, not the record: without it every request is stored, each one bounded.
        log.warning("wechatpay notifications: no allowance check, Redis is unavailable")
        return False


def _count_refusal(sender: str) -> int | None:
    """Count a refusal against ``sender``; the count this minute, with it (None without Redis)."""
    key = _allowance_key(sender)
    try:
        pipeline = redis_store.pipeline(transaction=False)
        pipeline.incr(key)
        pipeline.expire(key, 120)
        return int(pipeline.execute()[0])
    except REDIS_ERRORS:
        log.warning("wechatpay notifications: a refusal went uncounted, Redis is unavailable")
        return None


def _mark(notification_id: int, outcome: Outcome, detail: str | None, *, out_trade_no=None, transaction_id=None,
          kind: str | None = None) -> Outcome:
    """Record what became of a stored notification and, once it could be read, whose it was."""
    values = _marked(outcome, detail, out_trade_no=out_trade_no, transaction_id=transaction_id, kind=kind)
    execute(db.session.connection(), _MARK if kind is None else _MARK_WITH_KIND,
            {"notification_id": notification_id, **values})
    return outcome


def _marked(outcome: Outcome, detail: str | None, *, out_trade_no=None, transaction_id=None,
            kind: str | None = None) -> dict:
    """The columns that say what became of a stored notification (``kind`` only when given)."""
    values = {
        # Signed fields (a refund number) are of any length: shortened to the columns, never a 503 for ever.
        "outcome": outcome.value, "detail": (detail or "")[:200] or None, "processed_at": clock.now(),
        "out_trade_no": str(out_trade_no or "")[:32] or None, "transaction_id": str(transaction_id or "")[:64] or None,
    }
    if kind is not None:
        values["kind"] = kind[:48]
    return values
