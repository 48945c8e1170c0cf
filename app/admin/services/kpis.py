"""The dashboard's figures: per Asia/Shanghai day over the last 30 days, computed in SQL.

Each series is grouped in the database by the Shanghai calendar day of its timestamp
(``shanghai_day``: PostgreSQL converts the timestamptz; SQLite stores UTC and shifts by
the fixed +8 hours, Shanghai having no daylight saving), so a query returns at most 30
rows whatever the volume. Definitions, as the dashboard states them:

- new users: accounts created that day; "through friends": those with a referral (first touch);
- orders: orders created that day; paid: orders paid that day (fulfilled or since refunded),
  premium: what those paid orders brought in (gross, before refunds);
- visitors: users who opened the app that day; new: their first recorded open; returning:
  first open on an earlier day;
- first-visit conversion: of the users whose first open was that day, those who ordered after it
  and paid within 7 days of it (days less than 7 days ago are still open);
- envelope funnel: shares of the envelopes funded in the period, how many were grabbed,
  and how many of those grabs were activated into policies;
- claims: every claim by the state it is in now, and the median time at each step as the
  claims package measures it (recent claims only; none until enough have moved on).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from app.claims import services as claim_services
from app.claims.states import SIDE_STATES, STEPS
from app.claims.timeline import MIN_SAMPLES
from app.core import clock
from app.envelopes.models import Envelope, EnvelopeGrab
from app.extensions import db
from app.orders.models import Order
from app.referrals.models import Referral
from app.users.models import User
from app.visits.models import FirstVisit, Visit

DAYS = 30
#: How long after their first open a user's purchase counts as converting.
CONVERSION_WINDOW_DAYS = 7
PAID_STATUSES = ("fulfilled", "refunded")
#: The steps a claim waits at before moving on (paid and the side states are not waits of a step).
CLAIM_DURATION_STEPS = ("submitted", "accepted", "reviewing", "investigating", "assessing", "approved")


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
class Series:
    """Rows of one chart: one per day, with named integer columns."""

    columns: list[str]
    rows: list[dict] = field(default_factory=list)

    def values(self, column: str) -> list[int]:
        return [row[column] for row in self.rows]

    def total(self, column: str) -> int:
        return sum(self.values(column))


def _by_day(win: Window, columns: list[str], *queries) -> Series:
    """Fill a per-day table from queries returning (day, value, ...) rows, days without rows at zero."""
    table = {key: {"day": key, **{column: 0 for column in columns}} for key in win.keys}
    for query, names in queries:
        for row in db.session.execute(query):
            key = str(row[0])[:10]
            if key in table:
                for name, value in zip(names, row[1:]):
                    table[key][name] = int(value or 0)
    return Series(columns=columns, rows=[table[key] for key in win.keys])


def _in(column, win: Window):
    return sa.and_(column >= win.start, column < win.end)


def new_users(win: Window) -> Series:
    """New users per day, and how many of them came through a friend's share."""
    day = shanghai_day(User.created_at)
    referred = sa.func.count(Referral.id)
    query = (sa.select(day, sa.func.count(User.id), referred)
             .outerjoin(Referral, Referral.user_id == User.id)
             .where(_in(User.created_at, win)).group_by(day))
    series = _by_day(win, ["new_users", "via_friends"], (query, ["new_users", "via_friends"]))
    for row in series.rows:
        row["direct"] = row["new_users"] - row["via_friends"]
        row["friends_share"] = _percent(row["via_friends"], row["new_users"])
    series.columns += ["direct", "friends_share"]
    return series


def orders(win: Window) -> Series:
    """Orders created per day; orders paid per day and the premium they brought in (fen)."""
    created_day = shanghai_day(Order.created_at)
    paid_day = shanghai_day(Order.paid_at)
    created = sa.select(created_day, sa.func.count(Order.id)).where(_in(Order.created_at, win)).group_by(created_day)
    paid = (sa.select(paid_day, sa.func.count(Order.id), sa.func.coalesce(sa.func.sum(Order.amount_fen), 0))
            .where(Order.status.in_(PAID_STATUSES), _in(Order.paid_at, win)).group_by(paid_day))
    return _by_day(win, ["created", "paid", "premium_fen"],
                   (created, ["created"]), (paid, ["paid", "premium_fen"]))


def visits(win: Window) -> Series:
    """Visitors per day: new (their first open) and returning (first open on an earlier day)."""
    visit_day = shanghai_day(Visit.visited_at)
    first_day = shanghai_day(FirstVisit.visited_at)
    returning = sa.case((first_day < visit_day, Visit.user_id))
    query = (sa.select(visit_day, sa.func.count(sa.distinct(Visit.user_id)), sa.func.count(sa.distinct(returning)),
                       sa.func.count(Visit.id))
             .join(FirstVisit, FirstVisit.user_id == Visit.user_id)
             .where(_in(Visit.visited_at, win)).group_by(visit_day))
    series = _by_day(win, ["visitors", "returning", "opens"], (query, ["visitors", "returning", "opens"]))
    for row in series.rows:
        row["new"] = row["visitors"] - row["returning"]
    series.columns.insert(1, "new")
    return series


def conversion(win: Window, now: dt.datetime | None = None) -> Series:
    """Of the users whose first open was that day, how many paid for an order within the window after it."""
    now = now or clock.now()
    first_day = shanghai_day(FirstVisit.visited_at)
    bought = sa.exists().where(
        # Created after the first open (our clock; WeChat's paid_at has whole seconds only), paid within the window.
        Order.user_id == FirstVisit.user_id, Order.status.in_(PAID_STATUSES),
        Order.created_at >= FirstVisit.visited_at,
        Order.paid_at < plus_days(FirstVisit.visited_at, sa.literal_column(str(CONVERSION_WINDOW_DAYS))))
    query = (sa.select(first_day, sa.func.count(FirstVisit.id),
                       sa.func.count(sa.case((bought, FirstVisit.id))))
             .where(_in(FirstVisit.visited_at, win)).group_by(first_day))
    series = _by_day(win, ["first_visits", "converted"], (query, ["first_visits", "converted"]))
    still_open_from = (clock.to_shanghai(now) - dt.timedelta(days=CONVERSION_WINDOW_DAYS)).date().isoformat()
    for row in series.rows:
        row["rate"] = _percent(row["converted"], row["first_visits"])
        row["open"] = row["day"] > still_open_from
    series.columns += ["rate"]
    return series


def envelope_funnel(win: Window) -> dict:
    """Shares of the envelopes funded in the period → grabbed → activated (and envelope counts)."""
    funded = sa.and_(_in(Envelope.created_at, win), Envelope.status != "pending_payment")
    envelopes, shares = db.session.execute(
        sa.select(sa.func.count(Envelope.id), sa.func.coalesce(sa.func.sum(Envelope.shares), 0)).where(funded)
    ).one()
    grabbed, activated = db.session.execute(
        sa.select(sa.func.count(EnvelopeGrab.id),
                  sa.func.count(sa.case((EnvelopeGrab.status == "activated", EnvelopeGrab.id))))
        .join(Envelope, Envelope.id == EnvelopeGrab.envelope_id).where(funded)
    ).one()
    # Stages by code; the dashboard writes them in the admin's language (app.admin.labels).
    stages = [("sent", int(shares)), ("grabbed", int(grabbed)), ("activated", int(activated))]
    return {
        "envelopes": int(envelopes),
        "stages": [{"stage": name, "count": count, "of_sent": _percent(count, int(shares))} for name, count in stages],
    }


def claims() -> dict:
    """Claims in each state now, and the median time claims stay at each step.

    Both come from the claims package's own services. A median is shown only when it
    was learned from enough recent claims; the package's default durations (what a
    timeline assumes before there is history) are not figures, so they show as none.
    """
    counts = claim_services.state_counts()
    durations = claim_services.step_durations()
    rows = []
    for state in STEPS + SIDE_STATES:
        learned = durations.get(state)
        if learned is not None and learned.source != "history":
            learned = None
        rows.append({"step": state, "count": int(counts.get(state, 0)),
                     "median_seconds": learned.seconds if learned else None,
                     "samples": learned.samples if learned else 0})
    return {"steps": rows, "total": sum(row["count"] for row in rows), "min_samples": MIN_SAMPLES}


def _percent(part: int, whole: int) -> float | None:
    return None if not whole else round(100.0 * part / whole, 1)


def dashboard(now: dt.datetime | None = None) -> dict:
    """Every figure the dashboard shows, for the last 30 Shanghai days."""
    win = window(now=now)
    users = new_users(win)
    order_series = orders(win)
    visit_series = visits(win)
    conversion_series = conversion(win, now)
    return {
        "window": win,
        "users": users,
        "orders": order_series,
        "visits": visit_series,
        "conversion": conversion_series,
        "funnel": envelope_funnel(win),
        "totals": {
            "new_users": users.total("new_users"),
            "via_friends": users.total("via_friends"),
            "friends_share": _percent(users.total("via_friends"), users.total("new_users")),
            "orders_paid": order_series.total("paid"),
            "premium_fen": order_series.total("premium_fen"),
            "visitors_new": visit_series.total("new"),
            "first_visits": conversion_series.total("first_visits"),
            "converted": conversion_series.total("converted"),
            "conversion_rate": _percent(conversion_series.total("converted"), conversion_series.total("first_visits")),
        },
        "claims": claims(),
    }
