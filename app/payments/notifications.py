"""WeChat Pay's notifications: stored raw, then verified and applied, in two units of work.

``record`` keeps the body and headers as they arrived, before anything is trusted, so they
survive whatever happens next. ``process`` then has the gateway of the notification's own
Pay version verify it (a v2 notification still verifies after a switch to v3) and applies
what it reports: a payment through ``services.apply_payment``, a refund through
``refunds.apply_refund_result``. Both versions go through this one path.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask import current_app

from app.core import clock, untrusted
from app.core.db import single_statement_units
from app.extensions import db
from app.payments import refunds
from app.payments.models import PaymentNotification
from app.payments.services import Outcome, apply_payment
from app.wechat import pay

log = logging.getLogger(__name__)

#: Request headers never stored with a notification.
UNSTORED_HEADERS = {"authorization", "cookie"}
#: A v3 notification's ``kind`` until its signature is checked; then its event type (TRANSACTION.SUCCESS, ...).
UNVERIFIED_KIND = "unverified"
#: A refusal that means "signed, but not for this merchant": a retry cannot help.
NOT_OURS = ("appid_mismatch", "mch_id_mismatch")

_RECORD = sa.insert(PaymentNotification.__table__).returning(PaymentNotification.__table__.c.id)
_MARK = sa.update(PaymentNotification.__table__).where(
    PaymentNotification.__table__.c.id == sa.bindparam("notification_id"))


def record(version: str, kind: str, headers, body: bytes) -> int:
    """Store a notification exactly as it arrived; its id. The caller's unit of work ends before
    ``process`` runs (on PostgreSQL the insert is its own unit of work, committed as it runs: one
    round trip)."""
    with single_statement_units() as connection:
        return connection.execute(_RECORD, {
            "provider": f"wechatpay_{version}", "kind": kind, "received_at": clock.now(), "outcome": "received",
            "headers": {k: v for k, v in headers.items() if k.lower() not in UNSTORED_HEADERS},
            # Readable text a TEXT column holds: a NUL byte or a UTF-16 body is kept, not a 500.
            "body": untrusted.storable_text(body),
        }).scalar_one()


def process(notification_id: int, version: str, headers, body: bytes, *, name_kind: bool = False) -> Outcome:
    """Verify a stored notification with ``version``'s gateway and apply it; marks the record.

    ``name_kind`` records the verified event type as the record's kind (v3, whose one URL
    takes every event). An event type we do not handle is kept, flagged for an operator,
    and acknowledged: a retry would not change it.
    """
    try:
        notification = pay.gateway(version).parse_notification(headers, body)
    except pay.PayNotConfigured:
        log.warning("%s notification %s: this merchant holds no %s keys to verify it", version, notification_id,
                    version)
        return _mark(notification_id, Outcome.REJECTED, "version_not_configured")
    except pay.NotificationRejected as rejected:
        log.info("%s notification %s rejected: %s", version, notification_id, rejected.reason)
        outcome = Outcome.FLAGGED if rejected.reason in NOT_OURS else Outcome.REJECTED
        return _mark(notification_id, outcome, rejected.reason)
    found = {"kind": notification.event_type if name_kind else None,
             "out_trade_no": notification.out_trade_no, "transaction_id": notification.transaction_id}
    if notification.payment is not None:
        if not notification.payment.out_trade_no:  # signed, but a retry cannot fix it
            return _mark(notification_id, Outcome.FLAGGED, "malformed_fields", **found)
        outcome, detail = apply_payment(notification.payment, source="notification", notification_id=notification_id)
        return _mark(notification_id, outcome, detail, **found)
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


def _mark(notification_id: int, outcome: Outcome, detail: str | None, *, out_trade_no=None, transaction_id=None,
          kind: str | None = None) -> Outcome:
    """Record what became of a stored notification and, once it could be read, whose it was."""
    values = {
        "notification_id": notification_id, "outcome": outcome.value, "detail": detail, "processed_at": clock.now(),
        "out_trade_no": str(out_trade_no or "")[:32] or None, "transaction_id": str(transaction_id or "")[:64] or None,
    }
    if kind is not None:
        values["kind"] = kind[:48]
    db.session.execute(_MARK, values)
    return outcome
