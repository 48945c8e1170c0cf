"""Claim jobs: subscribe messages (after each move, and a sweep), and the expected-duration refresh."""

from __future__ import annotations

import logging

from app import jobs
from app.claims import messages, timeline
from app.errors import RateLimited
from app.extensions import db
from app.wechat.errors import WeChatUnavailable

log = logging.getLogger(__name__)


@jobs.job
def send_progress_message(event_id: int) -> str:
    """Queued after a move commits; settles that move's message at most once."""
    return messages.send_progress_message(event_id)


@jobs.job
def sweep_progress_messages() -> dict:
    """Periodic: messages whose job never ran or failed, one per transaction."""
    summary: dict[str, int] = {}
    for event_id in messages.pending_event_ids():
        try:
            outcome = messages.send_progress_message(event_id)
            db.session.commit()
        except (WeChatUnavailable, RateLimited):
            db.session.rollback()
            summary["wechat_unavailable"] = summary.get("wechat_unavailable", 0) + 1
            break  # the next run tries again; hammering a WeChat that is down helps nobody
        except Exception:
            db.session.rollback()  # one broken event must not hold up the others behind it
            log.exception("claim event %s: message failed", event_id)
            summary["failed"] = summary.get("failed", 0) + 1
            continue
        summary[outcome] = summary.get(outcome, 0) + 1
    return summary


@jobs.job
def refresh_step_durations() -> dict:
    """Periodic: recompute how long claims stay at each step (the timeline's expected dates)."""
    return {step: d.seconds for step, d in timeline.refresh_step_durations().items()}
