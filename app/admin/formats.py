"""Times, days and durations as the admin's language writes them, always in Beijing time.

Chinese reads ``2026年12月6日 14:30``, English ``6 Dec 2026 14:30``. Babel formats them
with the request's locale; Flask-Babel's time zone is Asia/Shanghai (``app.core.i18n``),
so a UTC moment is shown as the clock on the wall in Beijing.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import format_date, format_datetime, gettext as _

from app.core.i18n import current_language

#: Babel date patterns (Unicode LDML) per language.
PATTERNS = {
    "zh-CN": {"minutes": "y年M月d日 HH:mm", "seconds": "y年M月d日 HH:mm:ss", "day": "y年M月d日", "month_day": "M月d日",
              "year_month": "y年M月"},
    "en": {"minutes": "d MMM y HH:mm", "seconds": "d MMM y HH:mm:ss", "day": "d MMM y", "month_day": "d MMM", "year_month": "MMM y"},
}


def _pattern(name: str) -> str:
    return PATTERNS[current_language()][name]


def moment(value: dt.datetime | None, seconds: bool = False) -> str:
    """A moment in Beijing time, to the minute (or the second); empty for none."""
    if not value:
        return ""
    return format_datetime(value, _pattern("seconds" if seconds else "minutes"))


def day(value: dt.date | str | None) -> str:
    """A calendar day (a date, or ``YYYY-MM-DD``), with its year."""
    if not value:
        return ""
    return format_date(_as_date(value), _pattern("day"), rebase=False)


def month_day(value: dt.date | str) -> str:
    """A day of the dashboard's 30, without the year: ``12月6日``, ``6 Dec``."""
    return format_date(_as_date(value), _pattern("month_day"), rebase=False)


def year_month(value: str) -> str:
    """A month, ``YYYY-MM``: ``2026年11月``, ``Nov 2026``."""
    return format_date(dt.date.fromisoformat(f"{value}-01"), _pattern("year_month"), rebase=False)


def _as_date(value: dt.date | str) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def duration(seconds: int | float | None) -> str:
    """``93784`` → ``1d 2h`` (``1天2小时``); ``5400`` → ``1h 30m``; ``600`` → ``10m``."""
    if seconds is None:
        return ""
    minutes = int(seconds) // 60
    days, hours, minutes = minutes // 1440, minutes // 60 % 24, minutes % 60
    if days:
        return _("%(days)sd %(hours)sh", days=days, hours=hours)
    if hours:
        return _("%(hours)sh %(minutes)sm", hours=hours, minutes=minutes)
    return _("%(minutes)sm", minutes=minutes)
