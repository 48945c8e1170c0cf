"""The money figures the dashboard shows (declared to ``app.core.figures``): net premium and refunds.

Both count money as it actually moved, by the Beijing day it moved on:

- received: every payment WeChat Pay confirmed (``payments.paid_at``, WeChat's time of payment),
  whatever it paid for, including a late or double payment that is then refunded, and the money
  features take by other WeChat Pay products, which they declare (``declare_receipts``: monthly
  renewal's contract deductions);
- refunded: every refund that succeeded (``refunds.finished_at``, when WeChat Pay settled it);
  a refund pending, submitted or failed has moved no money yet;
- net premium: received minus refunded. A refund counts on the day it settles, so a day's net
  premium can be negative.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.core import figures
from app.core.figures import Chart, Column, Figure, Result, Series, Window, in_window, shanghai_day
from app.payments.models import Payment, Refund


#: Money received outside ``payments``, declared by the features that take it (``declare_receipts``): each a
#: function giving ``(when, fen, condition)`` columns.
_RECEIPTS: list[tuple[sa.ColumnElement, sa.ColumnElement, tuple]] = []


def declare_receipts(at: sa.ColumnElement, fen: sa.ColumnElement, *where: sa.ColumnElement) -> None:
    """A feature that takes money by another WeChat Pay product (monthly renewal's deductions) declares it once:
    the rows where ``where`` holds were received at ``at``, ``fen`` each. Net premium counts them as payments."""
    _RECEIPTS.append((at, fen, where))


def money_in_and_out(win: Window) -> Series:
    """Per Beijing day: payments received (count, fen), refunds settled (count, fen), and the net (fen)."""
    sources = [sa.select(Payment.paid_at.label("at"), Payment.amount_fen.label("fen"))
               .where(in_window(Payment.paid_at, win))]
    sources += [sa.select(at.label("at"), fen.label("fen")).where(in_window(at, win), *where)
                for at, fen, where in _RECEIPTS]
    moved = sa.union_all(*sources).subquery("received")
    paid_day = shanghai_day(moved.c.at)
    received = (sa.select(paid_day, sa.func.count(), sa.func.coalesce(sa.func.sum(moved.c.fen), 0))
                .group_by(paid_day))
    refund_day = shanghai_day(Refund.finished_at)
    refunded = (sa.select(refund_day, sa.func.count(Refund.id), sa.func.coalesce(sa.func.sum(Refund.amount_fen), 0))
                .where(Refund.status == "succeeded", in_window(Refund.finished_at, win)).group_by(refund_day))
    series = figures.by_day(win, ["payments", "received_fen", "refunds", "refunded_fen"],
                            (received, ["payments", "received_fen"]), (refunded, ["refunds", "refunded_fen"]))
    for row in series.rows:
        row["net_fen"] = row["received_fen"] - row["refunded_fen"]
    series.columns.append("net_fen")
    return series


def _totals(series: Series) -> dict:
    return {column: series.total(column) for column in series.columns}


def money(win: Window, now: dt.datetime | None = None) -> Result:
    """Money in and out over the window: the day rows and their totals (net premium and refunds both read it)."""
    series = money_in_and_out(win)
    return Result(series=series, totals=_totals(series))


NET_PREMIUM = figures.declare(Figure(
    key="net-premium", order=10,
    title=_l("Net premium per day (yuan): received minus refunded"),
    compute=money,
    columns=(Column("received_fen", _l("Received ¥"), "yuan"), Column("refunded_fen", _l("Refunded ¥"), "yuan"),
             Column("net_fen", _l("Net ¥"), "yuan")),
    chart=Chart("lines", ("received_fen", "refunded_fen", "net_fen")),
    headline=Column("net_fen", _l("net premium"), "yuan"),
    caption=_l("Payments WeChat Pay confirmed (monthly renewal's deductions included), on the day they were paid, "
               "minus refunds, on the day each refund succeeded."),
))

REFUNDS = figures.declare(Figure(
    key="refunds", order=20,
    title=_l("Refunds per day (yuan)"),
    compute=money,
    columns=(Column("refunds", _l("Refunds made"), "count"), Column("refunded_fen", _l("Refunded ¥"), "yuan")),
    chart=Chart("bars", ("refunded_fen",)),
    headline=Column("refunded_fen", _l("refunded"), "yuan"),
    caption=_l("Refunds that succeeded, on the day WeChat Pay settled them, whoever asked for them (the payer within "
               "the cooling-off period, an operator, a late or double payment)."),
))
