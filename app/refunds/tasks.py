"""Refund jobs: submit a refund after its decision commits, and sweep up any left pending."""

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
