"""The dashboard's figures: per Beijing (Asia/Shanghai) day over a window, and the registry features declare them in.

A feature that has a figure for the insurer declares it here (``declare``) with the
function that computes it and how it is drawn; the admin dashboard (an edge) draws every
declared figure, a chart and a day table, without importing the feature. This keeps
imports running features → core: the payments, claims and visits packages declare theirs
in their ``figures.py`` (listed in ``app.features.FIGURES`` so they are imported when the
app starts), and the renewal feature declares its own the same way (renewal rate by month,
signing share, lapses, revenue from renewals; see docs/domain.md, "The insurer's figures").

The SQL helpers group rows in the database by the Beijing calendar day of a UTC timestamp
(``shanghai_day``: PostgreSQL converts the timestamptz; SQLite stores UTC and shifts by the
fixed +8 hours, Shanghai having no daylight saving), so a query returns at most one row a
day whatever the volume.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from app.core import clock
from app.extensions import db

#: How many Beijing days the dashboard shows, today included.
DAYS = 30
#: The column kinds a figure's table and chart know: a count, fen (shown in yuan), a percentage,
#: and a ratio (a percentage that is "—" when its denominator is nothing, e.g. the loss ratio).
KINDS = ("count", "yuan", "percent", "ratio")
#: What a figure's rows are: Beijing days (the dashboard's window) or Beijing calendar months.
PERIODS = ("day", "month")


class shanghai_day(FunctionElement):
    """``YYYY-MM-DD`` of a UTC timestamp column, in Asia/Shanghai."""

    type = sa.String()
    inherit_cache = True


@compiles(shanghai_day, "postgresql")
def _shanghai_day_pg(element, compiler, **kw):
    return "to_char(timezone('Asia/Shanghai', %s), 'YYYY-MM-DD')" % compiler.process(element.clauses, **kw)


@compiles(shanghai_day, "sqlite")
def _shanghai_day_sqlite(element, compiler, **kw):
    return "date(%s, '+8 hours')" % compiler.process(element.clauses, **kw)


class shanghai_month(FunctionElement):
    """``YYYY-MM`` of a UTC timestamp column, in Asia/Shanghai (for figures by month, such as a renewal rate)."""

    type = sa.String()
    inherit_cache = True


@compiles(shanghai_month, "postgresql")
def _shanghai_month_pg(element, compiler, **kw):
    return "to_char(timezone('Asia/Shanghai', %s), 'YYYY-MM')" % compiler.process(element.clauses, **kw)


@compiles(shanghai_month, "sqlite")
def _shanghai_month_sqlite(element, compiler, **kw):
    return "strftime('%%Y-%%m', %s, '+8 hours')" % compiler.process(element.clauses, **kw)


class date_month(FunctionElement):
    """``YYYY-MM`` of a DATE column (already a calendar day, e.g. a Beijing date such as a period's estimated
    deduction date: no time zone to convert)."""

    type = sa.String()
    inherit_cache = True


@compiles(date_month, "postgresql")
def _date_month_pg(element, compiler, **kw):
    return "to_char(%s, 'YYYY-MM')" % compiler.process(element.clauses, **kw)


@compiles(date_month, "sqlite")
def _date_month_sqlite(element, compiler, **kw):
    return "strftime('%%Y-%%m', %s)" % compiler.process(element.clauses, **kw)


class date_day(FunctionElement):
    """``YYYY-MM-DD`` of a DATE column, to compare with ``shanghai_day`` of a timestamp."""

    type = sa.String()
    inherit_cache = True


@compiles(date_day, "postgresql")
def _date_day_pg(element, compiler, **kw):
    return "to_char(%s, 'YYYY-MM-DD')" % compiler.process(element.clauses, **kw)


@compiles(date_day, "sqlite")
def _date_day_sqlite(element, compiler, **kw):
    return "date(%s)" % compiler.process(element.clauses, **kw)


class plus_days(FunctionElement):
    """A UTC timestamp column plus a whole number of days (a ``literal_column``, part of the SQL text)."""

    type = sa.DateTime()
    inherit_cache = True


@compiles(plus_days, "postgresql")
def _plus_days_pg(element, compiler, **kw):
    column, days = list(element.clauses)
    return "(%s + make_interval(days => %s))" % (compiler.process(column, **kw), compiler.process(days, **kw))


@compiles(plus_days, "sqlite")
def _plus_days_sqlite(element, compiler, **kw):
    column, days = list(element.clauses)
    # strftime keeps the microseconds, so the text compares like the stored values do.
    return "strftime('%%Y-%%m-%%d %%H:%%M:%%f000', %s, '+%s days')" % (
        compiler.process(column, **kw), compiler.process(days, **kw))


@dataclass
class Window:
    """Whole Beijing days, oldest first, and their bounds in UTC (``start`` included, ``end`` not)."""

    days: list[dt.date]
    start: dt.datetime
    end: dt.datetime

    @property
    def keys(self) -> list[str]:
        return [day.isoformat() for day in self.days]


def window(days: int = DAYS, now: dt.datetime | None = None) -> Window:
    """The last ``days`` Shanghai calendar days, today included, as UTC bounds."""
    today = clock.to_shanghai(now or clock.now()).date()
    listed = [today - dt.timedelta(days=offset) for offset in range(days - 1, -1, -1)]
    start = dt.datetime.combine(listed[0], dt.time(0), clock.SHANGHAI).astimezone(clock.UTC)
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0), clock.SHANGHAI).astimezone(clock.UTC)
    return Window(days=listed, start=start, end=end)


@dataclass
class Months:
    """Whole Beijing calendar months, oldest first (``YYYY-MM``), and their bounds in UTC."""

    months: list[str]
    start: dt.datetime
    end: dt.datetime

    @property
    def keys(self) -> list[str]:
        return list(self.months)


def months(count: int = 12, now: dt.datetime | None = None) -> Months:
    """The last ``count`` Beijing calendar months, this one included, as UTC bounds."""
    today = clock.to_shanghai(now or clock.now()).date()
    year, month = today.year, today.month
    listed = []
    for _ in range(count):
        listed.insert(0, (year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    first = dt.datetime(listed[0][0], listed[0][1], 1, tzinfo=clock.SHANGHAI)
    following = (today.year, today.month + 1) if today.month < 12 else (today.year + 1, 1)
    end = dt.datetime(following[0], following[1], 1, tzinfo=clock.SHANGHAI)
    return Months(months=[f"{y:04d}-{m:02d}" for y, m in listed], start=first.astimezone(clock.UTC),
                  end=end.astimezone(clock.UTC))


def in_window(column, win: Window):
    """``column`` (a UTC timestamp) falls on one of the window's Beijing days."""
    return sa.and_(column >= win.start, column < win.end)


@dataclass
class Series:
    """Rows of one chart: one per day, with named columns."""

    columns: list[str]
    rows: list[dict] = field(default_factory=list)

    def values(self, column: str) -> list:
        return [row[column] for row in self.rows]

    def total(self, column: str) -> int:
        return sum(self.values(column))


def by_day(win: Window | Months, columns: list[str], *queries, period: str = "day") -> Series:
    """Fill a per-day table from queries returning (day, value, ...) rows, days without rows at zero.

    With ``Months`` and ``period="month"``, the same per month: queries group by ``shanghai_month``
    and each row carries its ``month``.
    """
    table = {key: {period: key, **{column: 0 for column in columns}} for key in win.keys}
    for query, names in queries:
        for row in db.session.execute(query):
            key = str(row[0])[:10]
            if key in table:
                for name, value in zip(names, row[1:]):
                    table[key][name] = int(value or 0)
    return Series(columns=list(columns), rows=[table[key] for key in win.keys])


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in percent, one decimal; None when ``whole`` is nothing."""
    return None if not whole else round(100.0 * part / whole, 1)


def ratio(part: int, whole: int) -> float | None:
    """Like ``percent`` but None for a whole of zero or less (a loss ratio over a net outflow means nothing)."""
    return None if whole <= 0 else round(100.0 * part / whole, 1)


# -- the registry ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """One column of a figure's day table: its key in the rows (and totals), heading and kind (``KINDS``)."""

    key: str
    label: str
    kind: str = "count"


@dataclass(frozen=True)
class Chart:
    """How a figure is drawn over the days: ``bars`` or ``lines`` of some of its columns (all of one kind)."""

    kind: str
    columns: tuple[str, ...]
    stacked: bool = False


@dataclass
class Result:
    """A figure's numbers: one row a day (``series``) and the window's totals, keyed like the columns."""

    series: Series
    totals: dict


@dataclass(frozen=True)
class Figure:
    """A figure a feature declares for the dashboard.

    ``compute(window, now)`` returns a ``Result``. Texts are lazy (``lazy_gettext``): the
    dashboard shows them in the admin's language. ``headline`` is the totals key shown as
    the figure's tile; ``reference`` is a figure to compare with, stated beside it with its
    source; ``order`` places it on the page (lower first).

    ``period`` is ``day`` (a row per day of the dashboard's window, keyed ``day``: ``YYYY-MM-DD``)
    or ``month`` (a row per Beijing month, keyed ``month``: ``YYYY-MM``; the figure picks its
    months, e.g. ``months(12, now)``, and ``by_day(..., period="month")`` fills them). A renewal
    rate by month is a ``month`` figure; monthly figures are drawn as bars over the months.
    """

    key: str
    title: str
    compute: Callable[[Window, dt.datetime], Result]
    columns: tuple[Column, ...]
    chart: Chart
    headline: Column
    caption: str = ""
    reference: str | None = None
    order: int = 100
    period: str = "day"


_figures: dict[str, Figure] = {}


def declare(figure: Figure) -> Figure:
    """Add (or, by its key, replace) a figure the dashboard shows."""
    if figure.period not in PERIODS:
        raise ValueError(f"figure {figure.key}: unknown period {figure.period!r}")
    for column in (*figure.columns, figure.headline):
        if column.kind not in KINDS:
            raise ValueError(f"figure {figure.key}: unknown column kind {column.kind!r}")
    _figures[figure.key] = figure
    return figure


def declared() -> list[Figure]:
    """Every declared figure, in page order."""
    return sorted(_figures.values(), key=lambda figure: (figure.order, figure.key))
