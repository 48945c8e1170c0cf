"""Order jobs: closing at WeChat Pay, and the periodic sweep of unpaid orders."""

from __future__ import annotations

from app import jobs
from app.extensions import db
from app.orders import services
from app.wechat.errors import WeChatUnavailable


@jobs.job
def close_at_wechat(order_no: str) -> str:
    return services.close_at_wechat(order_no)


@jobs.job
def sweep_unpaid_orders() -> dict:
    """Periodic: reconcile unpaid orders and close expired ones, one order per transaction."""
    summary: dict[str, int] = {}
    for order_no in services.unpaid_orders_due():
        try:
            outcome = services.sweep_order(order_no)
            db.session.commit()  # a WeChat error on a later order does not undo this one
        except WeChatUnavailable:
            db.session.rollback()  # asked again on the next run
            outcome = "wechat_unavailable"
        summary[outcome] = summary.get(outcome, 0) + 1
    return summary


@jobs.job
def reward_referrer(order_id: int) -> None:
    services.reward_referrer(order_id)
