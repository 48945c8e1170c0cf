"""Periodic sweeps of the money core: unpaid orders, refunds still pending, refunds whose
notification never came. Each key is its own unit of work: what was settled stays settled."""

from __future__ import annotations

from app.core.jobs import each_in_its_own_unit, enqueue, periodic
from app.payments import refunds, services
from app.wechat import pay
from app.wechat.errors import WeChatUnavailable


@periodic(seconds=60)
def sweep_unpaid_orders() -> dict:
    """Reconcile unpaid orders with WeChat Pay and close expired ones. An order whose query WeChat Pay refuses
    (SYSTEMERROR: "ask again") is postponed, unclosed, and the sweep goes on: raised, it ended the run, and as the
    oldest due order it came first in the next one, so a refusal that persisted stopped the sweep for every order."""
    return each_in_its_own_unit(services.unpaid_orders_due(), services.sweep_order,
                                postpone=(WeChatUnavailable, pay.PayRequestFailed))


@periodic(seconds=60)
def submit_pending_refunds() -> int:
    """Refunds still pending (their job was lost, or WeChat Pay was down) are submitted again."""
    ids = refunds.pending_refund_ids()
    for refund_id in ids:
        enqueue(refunds.submit_refund, refund_id)
    return len(ids)


@periodic(seconds=60)
def reconcile_submitted_refunds() -> dict:
    """Settle submitted refunds whose notification is overdue."""
    return each_in_its_own_unit(refunds.submitted_refunds_due(), refunds.reconcile, postpone=(WeChatUnavailable,))
