"""The one clock: timezone-aware UTC everywhere, Asia/Shanghai only at the edges.

Tests and jobs that reason about time ("closed after 30 minutes") set the clock with
``frozen_at`` instead of sleeping; nothing else in the code calls ``datetime.now``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc
SHANGHAI = ZoneInfo("Asia/Shanghai")

#: Process-wide, so a live server thread in the test process sees the same time.
_frozen = {"at": None}


def now() -> dt.datetime:
    """The current time, aware, in UTC."""
    fixed = _frozen["at"]
    if fixed is not None:
        return fixed
    return dt.datetime.now(UTC)


@contextlib.contextmanager
def frozen_at(moment: dt.datetime):
    """Make ``now()`` return ``moment`` (aware) for the duration of the block."""
    if moment.tzinfo is None:
        raise ValueError("frozen_at needs an aware datetime")
    previous = _frozen["at"]
    _frozen["at"] = moment.astimezone(UTC)
    try:
        yield
    finally:
        _frozen["at"] = previous


def overridden() -> dt.datetime | None:
    """The moment ``frozen_at`` set, or None while the clock is the wall clock.

    Our WeChat Pay v3 client sends it to the WeChat sandbox as ``X-Sandbox-Now``, so the
    sandbox judges WeChat's windows (contract deduction) at the time we travelled to.
    """
    return _frozen["at"]


def to_shanghai(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(SHANGHAI)


def end_of_beijing_day(day: dt.date) -> dt.datetime:
    """The last moment (a microsecond before midnight, Beijing) of a Beijing calendar day, in UTC: what is good
    "until 26 Dec" is good all of 26 Dec, and a date written from it is still 26 Dec."""
    midnight_after = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI)
    return (midnight_after - dt.timedelta(microseconds=1)).astimezone(UTC)


def good_for_days(granted_at: dt.datetime, days: int) -> dt.datetime:
    """What is granted on a Beijing day and good for ``days`` days runs to the end of the Beijing day ``days`` after
    it: users read "use by <that date>" (a coupon, a WeRun reward)."""
    return end_of_beijing_day(to_shanghai(granted_at).date() + dt.timedelta(days=days))


def isoformat(moment: dt.datetime | None) -> str | None:
    """ISO 8601 with offset, as the API promises."""
    return None if moment is None else moment.astimezone(UTC).isoformat()
