"""The renewal figures the dashboard shows (declared to ``app.core.figures``; the dashboard imports none of this).

- renewal rate by month: of the periods due in a Beijing month, the share charged successfully.
  A period is counted in the month of its estimated deduction date (``renewal_periods.estimated_on``,
  a Beijing date: WeChat's windows count from it), whenever it was in fact charged. Period 1 is
  never counted: signing paid it with the order, it is no renewal. A later period is **due** once
  its charge window has opened: it has a row (the pass scheduled it: ``scheduled``, ``paid``,
  ``lapsed`` or ``dropped``; or the pass came too late to book it and lapsed the renewal, keeping
  the period ``lapsed``) and its estimated date has come (on or before today, Beijing), or it
  is already ``paid``. A period never booked because the insured passed the plan's age limit has
  no row and is not due: the insurer stopped renewing, nobody failed to pay. A ``dropped`` period (renewal ended while it was scheduled) is due only
  when the renewal ended on or after its estimated date: a user who stopped renewal before the
  date owed nothing. **Charged**: a due period that is ``paid``. So a month still open counts its
  periods in WeChat's retry window as due and not yet charged, and its rate rises as retries
  succeed.
- signing share: of the paid orders on a monthly plan that offers auto-renewal (``plans.auto_renew``;
  orders ``fulfilled`` or ``refunded`` since, on the Beijing day of ``orders.paid_at``), those whose
  renewal contract was signed (``renewals.contract_id`` set: signing paid the order).
- lapses: renewals that became ``lapsed`` (WeChat's window closed with a period unpaid), on the
  Beijing day of ``renewals.ended_at``.
- revenue from renewals: the fen of the deductions that succeeded (``renewal_charges``, ``succeeded``),
  on the Beijing day of ``settled_at`` (WeChat's time of payment). Period 1, paid at signing, is the
  order's payment: ordinary premium (``app.payments.figures``), not renewal revenue.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.catalog.models import Plan
from app.core import clock, figures
from app.core.figures import Chart, Column, Figure, Result, Series, Window, in_window, shanghai_day
from app.orders.models import Order
from app.payments import figures as payments_figures
from app.renewals.models import Renewal, RenewalCharge, RenewalPeriod

#: How many Beijing months the renewal rate shows, this one included.
RATE_MONTHS = 12
#: Orders that were paid: fulfilled, or refunded after being paid.
PAID_STATUSES = ("fulfilled", "refunded")


def _totals(series: Series) -> dict:
    return {column: series.total(column) for column in series.columns}


def due_periods(today: dt.date):
    """The condition a period is due by ``today`` (Beijing): see the module's docstring."""
    ended_on_or_after = sa.and_(Renewal.ended_at.is_not(None),
                                shanghai_day(Renewal.ended_at) >= figures.date_day(RenewalPeriod.estimated_on))
    return sa.and_(
        RenewalPeriod.n > 1,
        sa.or_(RenewalPeriod.status == "paid",
               sa.and_(RenewalPeriod.estimated_on <= today,
                       sa.or_(RenewalPeriod.status != "dropped", ended_on_or_after))))


def renewal_rate(win: Window, now: dt.datetime | None = None) -> Result:
    """Per Beijing month of the estimated deduction date: periods due, those charged, and the rate."""
    now = now or clock.now()
    months = figures.months(RATE_MONTHS, now)
    first = clock.to_shanghai(months.start).date()
    after = clock.to_shanghai(months.end).date()
    month = figures.date_month(RenewalPeriod.estimated_on)
    query = (sa.select(month, sa.func.count(RenewalPeriod.id),
                       sa.func.count(sa.case((RenewalPeriod.status == "paid", RenewalPeriod.id))))
             .join(Renewal, Renewal.id == RenewalPeriod.renewal_id)
             .where(due_periods(clock.to_shanghai(now).date()), RenewalPeriod.estimated_on >= first,
                    RenewalPeriod.estimated_on < after)
             .group_by(month))
    series = figures.by_day(months, ["due", "charged"], (query, ["due", "charged"]), period="month")
    for row in series.rows:
        row["rate"] = figures.percent(row["charged"], row["due"])
    series.columns.append("rate")
    due, charged = series.total("due"), series.total("charged")
    return Result(series=series, totals={"due": due, "charged": charged, "rate": figures.percent(charged, due)})


def signing_share(win: Window, now: dt.datetime | None = None) -> Result:
    """Per Beijing day of payment: paid orders on auto-renewing monthly plans, those signed, and the share."""
    day = shanghai_day(Order.paid_at)
    # A renewal paid by hand (``unsigned``) may hold a contract id (signed without the payment, then ended): not
    # paid by signing.
    signed = sa.func.count(Renewal.contract_id).filter(Renewal.status != "unsigned")
    query = (sa.select(day, sa.func.count(Order.id), signed)
             .join(Plan, Plan.id == Order.plan_id)
             .outerjoin(Renewal, Renewal.order_id == Order.id)
             .where(Plan.auto_renew.is_(True), Order.status.in_(PAID_STATUSES), in_window(Order.paid_at, win))
             .group_by(day))
    series = figures.by_day(win, ["orders", "signed"], (query, ["orders", "signed"]))
    for row in series.rows:
        row["share"] = figures.percent(row["signed"], row["orders"])
    series.columns.append("share")
    orders, signed = series.total("orders"), series.total("signed")
    return Result(series=series, totals={"orders": orders, "signed": signed,
                                         "share": figures.percent(signed, orders)})


def lapses(win: Window, now: dt.datetime | None = None) -> Result:
    """Per Beijing day: renewals that lapsed."""
    day = shanghai_day(Renewal.ended_at)
    query = (sa.select(day, sa.func.count(Renewal.id))
             .where(Renewal.status == "lapsed", in_window(Renewal.ended_at, win)).group_by(day))
    series = figures.by_day(win, ["lapses"], (query, ["lapses"]))
    return Result(series=series, totals=_totals(series))


def renewal_revenue(win: Window, now: dt.datetime | None = None) -> Result:
    """Per Beijing day: deductions that succeeded (count, fen)."""
    day = shanghai_day(RenewalCharge.settled_at)
    query = (sa.select(day, sa.func.count(RenewalCharge.id),
                       sa.func.coalesce(sa.func.sum(RenewalCharge.amount_fen), 0))
             .where(RenewalCharge.status == "succeeded", in_window(RenewalCharge.settled_at, win)).group_by(day))
    series = figures.by_day(win, ["charges", "revenue_fen"], (query, ["charges", "revenue_fen"]))
    return Result(series=series, totals=_totals(series))


# A deduction is premium received: net premium (and the loss ratio built on it) counts it.
payments_figures.declare_receipts(RenewalCharge.settled_at, RenewalCharge.amount_fen,
                                  RenewalCharge.status == "succeeded")

RENEWAL_RATE = figures.declare(Figure(
    key="renewal-rate", order=60, period="month",
    title=_l("Renewal rate by month: periods charged ÷ periods due"),
    compute=renewal_rate,
    columns=(Column("due", _l("Periods due")), Column("charged", _l("Charged")),
             Column("rate", _l("Renewal rate"), "percent")),
    chart=Chart("bars", ("rate",)),
    headline=Column("rate", _l("renewal rate"), "percent"),
    caption=_l("Monthly renewals by the month of each period's estimated deduction date. Due: its charge window "
               "has opened (the first month, paid at signing, is not counted). Charged: the deduction succeeded, "
               "on time or on a retry."),
))

SIGNING_SHARE = figures.declare(Figure(
    key="signing-share", order=70,
    title=_l("Signing share: paid monthly-plan orders with a signed contract"),
    compute=signing_share,
    columns=(Column("orders", _l("Paid monthly orders")), Column("signed", _l("Signed contracts")),
             Column("share", _l("Signing share"), "percent")),
    chart=Chart("lines", ("share",)),
    headline=Column("share", _l("signing share"), "percent"),
    caption=_l("Of the orders paid that day on monthly plans that offer auto-renewal, the share paid by signing "
               "the deduction contract rather than paying one month by hand."),
))

LAPSES = figures.declare(Figure(
    key="renewal-lapses", order=80,
    title=_l("Renewal lapses per day"),
    compute=lapses,
    columns=(Column("lapses", _l("Lapses")),),
    chart=Chart("bars", ("lapses",)),
    headline=Column("lapses", _l("lapses"), "count"),
    caption=_l("Renewals that lapsed that day: WeChat Pay's window closed with a month unpaid, and the contract "
               "was ended."),
))

RENEWAL_REVENUE = figures.declare(Figure(
    key="renewal-revenue", order=90,
    title=_l("Revenue from renewals per day (yuan)"),
    compute=renewal_revenue,
    columns=(Column("charges", _l("Deductions")), Column("revenue_fen", _l("Renewal revenue ¥"), "yuan")),
    chart=Chart("bars", ("revenue_fen",)),
    headline=Column("revenue_fen", _l("revenue from renewals"), "yuan"),
    caption=_l("Monthly deductions that succeeded, on the day WeChat Pay took them. The first month, paid at "
               "signing, is ordinary premium and not counted here."),
))
