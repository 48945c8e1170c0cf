"""Order jobs: closing at WeChat Pay, and the periodic sweep of unpaid orders."""

from __future__ import annotations

from app import jobs
from app.orders import services


@jobs.job
def close_at_wechat(order_no: str) -> str:
    return services.close_at_wechat(order_no)


@jobs.job
def sweep_unpaid_orders() -> dict:
    """Periodic: reconcile unpaid orders and close expired ones, one order per transaction."""
    return jobs.each_in_its_own_transaction(services.unpaid_orders_due(), services.sweep_order)


@jobs.job
def reward_referrer(order_id: int) -> None:
    services.reward_referrer(order_id)
