"""Return visits after purchase (declared to ``app.core.figures``): do buyers come back?

- a purchase: a paid order (``fulfilled``, or ``refunded`` since), of any kind, on the Beijing
  day of its ``paid_at``;
- the buyers of a day: the users with a purchase that day; they came back when they opened the
  app (``visits``, ``POST /api/v1/visits``) on a later Beijing day, at most 30 days after that
  day (a purchase on 1 March: an open from 2 to 31 March counts, one later on 1 March does not);
- over the window: the users with a purchase in it, and of them those who came back after one of
  their purchases in it. A user buying on two days is a buyer of both days but one buyer of the
  window, so the day rows need not add up to the total.

The seed article on WeChat's micro-insurance puts the figure at 48%. Every day of a 30-day
window is less than 30 days ago, so the recent days' buyers are still within their 30 days.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.core import figures
from app.core.figures import Chart, Column, Figure, Result, Window, in_window, plus_days, shanghai_day
from app.extensions import db
from app.orders.models import Order
from app.visits.models import Visit

#: How many days after the day of a purchase an app open still counts as coming back.
RETURN_DAYS = 30
#: Orders that were paid: fulfilled, or refunded after being paid.
PAID_STATUSES = ("fulfilled", "refunded")
#: The seed article's figure: "48% of micro-insurance users pay a return visit after purchase".
SEED_RETURN_RATE = 48


def return_visits(win: Window, now: dt.datetime | None = None) -> Result:
    """Buyers per Beijing day and over the window, and those who opened the app on a later day within 30 days."""
    purchases = (sa.select(Order.user_id.label("user_id"), shanghai_day(Order.paid_at).label("day"),
                           shanghai_day(plus_days(Order.paid_at, sa.literal_column(str(RETURN_DAYS)))).label("until"))
                 .where(Order.status.in_(PAID_STATUSES), in_window(Order.paid_at, win)).distinct().subquery())
    visit_day = shanghai_day(Visit.visited_at)
    came_back = sa.exists().where(Visit.user_id == purchases.c.user_id, visit_day > purchases.c.day,
                                  visit_day <= purchases.c.until)
    per_day = (sa.select(purchases.c.day, sa.func.count(sa.distinct(purchases.c.user_id)),
                         sa.func.count(sa.case((came_back, purchases.c.user_id))))
               .group_by(purchases.c.day))
    series = figures.by_day(win, ["buyers", "returned"], (per_day, ["buyers", "returned"]))
    for row in series.rows:
        row["rate"] = figures.percent(row["returned"], row["buyers"])
    series.columns.append("rate")
    buyers, returned = db_totals(purchases, came_back)
    return Result(series=series, totals={"buyers": buyers, "returned": returned,
                                         "rate": figures.percent(returned, buyers)})


def db_totals(purchases, came_back) -> tuple[int, int]:
    """Distinct buyers over the window, and distinct buyers who came back after one of their purchases in it."""
    row = db.session.execute(
        sa.select(sa.func.count(sa.distinct(purchases.c.user_id)),
                  sa.func.count(sa.distinct(sa.case((came_back, purchases.c.user_id)))))).one()
    return int(row[0] or 0), int(row[1] or 0)


RETURN_VISITS = figures.declare(Figure(
    key="return-visits", order=50,
    title=_l("Return visits after purchase"),
    compute=return_visits,
    columns=(Column("buyers", _l("Buyers"), "count"), Column("returned", _l("Came back"), "count"),
             Column("rate", _l("Return rate"), "percent")),
    chart=Chart("lines", ("rate",)),
    headline=Column("rate", _l("return visits after purchase"), "percent"),
    caption=_l("Of the users who paid for an order that day, the share who opened the app again on a later day "
               "within 30 days. Buyers of the last 30 days are still within their 30 days."),
    reference=_l("Benchmark: on WeChat's own insurance platform, %(rate)s%% of buyers come back after buying.",
                 rate=SEED_RETURN_RATE),
))
