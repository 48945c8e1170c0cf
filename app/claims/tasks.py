"""Claim jobs: the sweep of subscribe messages, and the expected-duration refresh."""

from __future__ import annotations

from app.claims import messages, timeline
from app.core.jobs import each_in_its_own_unit, periodic
from app.core.errors import RateLimited
from app.wechat.errors import WeChatUnavailable


@periodic(seconds=60)
def sweep_progress_messages() -> dict:
    """Messages whose job never ran or failed. A WeChat outage ends the run (the next one tries
    again; hammering a WeChat that is down helps nobody); one broken event never holds up the
    others behind it."""
    return each_in_its_own_unit(messages.pending_event_ids(), messages.settle_message,
                                postpone=(WeChatUnavailable, RateLimited), stop_when_postponed=True,
                                skip_failures=True)


@periodic(seconds=600)
def refresh_step_durations() -> dict:
    """Recompute how long claims stay at each step (the timeline's expected dates)."""
    return {step: d.seconds for step, d in timeline.refresh_step_durations().items()}
