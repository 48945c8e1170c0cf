"""The dashboard's figures: per Asia/Shanghai day over the last 30 days, computed in SQL.

Each series is grouped in the database by the Shanghai calendar day of its timestamp
(``app.core.figures.shanghai_day``: PostgreSQL converts the timestamptz; SQLite stores UTC and shifts by
the fixed +8 hours, Shanghai having no daylight saving), so a query returns at most 30
rows whatever the volume. Definitions, as the dashboard states them:

- new users: accounts created that day; "through friends": those with a referral (first touch);
- orders: orders created that day; paid: orders paid that day (fulfilled or since refunded),
  premium: what those paid orders brought in (gross, before refunds);
- visitors: users who opened the app that day; new: their first recorded open; returning:
  first open on an earlier day;
- first-visit conversion: of the users whose first open was that day, those who ordered after it
  and paid within 7 days of it (a day is still open until its last minute's first visitors have had their
  7 days: through the 7th day after it, Beijing, so 7 days ago is still open at noon today);
- envelope funnel: shares of the envelopes funded in the period, how many were grabbed,
  and how many of those grabs were activated into policies;
- claims: every claim by the state it is in now, and the median time at each step as the
  claims package measures it (recent claims only; none until enough have moved on);
- and every figure a feature declared to ``app.core.figures`` (net premium, refunds, claims
  paid, loss ratio, return visits after purchase; defined in docs/domain.md, "The insurer's
  figures"), computed here for the same window.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.claims import services as claim_services
from app.claims.states import SIDE_STATES, STEPS
from app.claims.timeline import MIN_SAMPLES
from app.core import clock, figures
from app.core.figures import Series, Window, plus_days, shanghai_day, window
from app.envelopes.models import Envelope, EnvelopeGrab
from app.extensions import db
from app.orders.models import Order
from app.referrals.models import Referral
from app.users.models import User
from app.visits.models import FirstVisit, Visit

#: How long after their first open a user's purchase counts as converting.
CONVERSION_WINDOW_DAYS = 7
PAID_STATUSES = ("fulfilled", "refunded")
#: The steps a claim waits at before moving on (paid and the side states are not waits of a step).
CLAIM_DURATION_STEPS = ("submitted", "accepted", "reviewing", "investigating", "assessing", "approved")


_by_day = figures.by_day
_in = figures.in_window
_percent = figures.percent


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
    # A first visit at 23:59 on day D may convert until 23:59 on D + 7: D is final from midnight after D + 7.
    still_open_from = (clock.to_shanghai(now) - dt.timedelta(days=CONVERSION_WINDOW_DAYS)).date().isoformat()
    for row in series.rows:
        row["rate"] = _percent(row["converted"], row["first_visits"])
        row["open"] = row["day"] >= still_open_from
    series.columns += ["rate"]
    return series


def envelope_funnel(win: Window) -> dict:
    """Shares of the envelopes funded in the period → grabbed → activated (and envelope counts)."""
    # Funded: paid, or a promo's (never paid, or closed unpaid, is not).
    funded = sa.and_(_in(Envelope.created_at, win), Envelope.status.not_in(("pending_payment", "closed")))
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


def dashboard(now: dt.datetime | None = None) -> dict:
    """Every figure the dashboard shows, for the last 30 Shanghai days."""
    now = now or clock.now()
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
        # The figures features declare (app.core.figures): net premium, refunds, claims paid, loss ratio,
        # return visits after purchase, and whatever a feature declares later (the renewal figures).
        "declared": [(figure, figure.compute(win, now)) for figure in figures.declared()],
    }
