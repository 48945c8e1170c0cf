"""Refund jobs: submit a refund after its decision commits, sweep up any left pending, and ask
about submitted refunds whose notification never came."""

from __future__ import annotations

from app import jobs
from app.refunds import services


@jobs.job
def submit_refund(refund_id: int) -> str:
    return services.submit(refund_id)


@jobs.job
def submit_pending_refunds() -> int:
    """Periodic: refunds still pending (their job was lost, or WeChat Pay was down) are submitted again."""
    ids = services.pending_refund_ids()
    for refund_id in ids:
        jobs.enqueue(submit_refund, refund_id)
    return len(ids)


@jobs.job
def reconcile_submitted_refunds() -> dict:
    """Periodic: settle submitted refunds whose notification is overdue, one refund per transaction."""
    return jobs.each_in_its_own_transaction(services.submitted_refunds_due(), services.reconcile)
