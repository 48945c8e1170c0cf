"""The claims figures the dashboard shows (declared to ``app.core.figures``): claims paid and the loss ratio.

- claims paid: the ``paid_fen`` of each claim whose move to ``paid`` (its ``ClaimEvent``, by
  the insurer's webhook or an operator) falls on that Beijing day. ``paid`` is final, so a
  claim is paid once and counted once.
- loss ratio: claims paid ÷ net premium (``app.payments.figures``: payments received minus
  refunds settled) over the same days, in percent; none ("—") when the net premium is zero or
  less, where a ratio says nothing.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.claims.models import Claim, ClaimEvent
from app.core import figures
from app.core.figures import Chart, Column, Figure, Result, Series, Window, in_window, shanghai_day
from app.payments.figures import money_in_and_out


def paid_by_day(win: Window) -> Series:
    """Per Beijing day: how many claims were paid and what was paid (fen)."""
    day = shanghai_day(ClaimEvent.at)
    query = (sa.select(day, sa.func.count(Claim.id), sa.func.coalesce(sa.func.sum(Claim.paid_fen), 0))
             .join(Claim, Claim.id == ClaimEvent.claim_id)
             .where(ClaimEvent.to_state == "paid", in_window(ClaimEvent.at, win)).group_by(day))
    return figures.by_day(win, ["claims_paid", "paid_fen"], (query, ["claims_paid", "paid_fen"]))


def claims_paid(win: Window, now: dt.datetime | None = None) -> Result:
    series = paid_by_day(win)
    return Result(series=series, totals={column: series.total(column) for column in series.columns})


def loss_ratio(win: Window, now: dt.datetime | None = None) -> Result:
    """Claims paid ÷ net premium, per day and over the window."""
    paid = paid_by_day(win)
    money = money_in_and_out(win)
    rows = []
    for paid_row, money_row in zip(paid.rows, money.rows):
        rows.append({"day": paid_row["day"], "paid_fen": paid_row["paid_fen"], "net_fen": money_row["net_fen"],
                     "loss_ratio": figures.ratio(paid_row["paid_fen"], money_row["net_fen"])})
    series = Series(columns=["paid_fen", "net_fen", "loss_ratio"], rows=rows)
    paid_fen, net_fen = series.total("paid_fen"), series.total("net_fen")
    return Result(series=series, totals={"paid_fen": paid_fen, "net_fen": net_fen,
                                         "loss_ratio": figures.ratio(paid_fen, net_fen)})


CLAIMS_PAID = figures.declare(Figure(
    key="claims-paid", order=30,
    title=_l("Claims paid per day (yuan)"),
    compute=claims_paid,
    columns=(Column("claims_paid", _l("Claims paid"), "count"), Column("paid_fen", _l("Paid ¥"), "yuan")),
    chart=Chart("bars", ("paid_fen",)),
    headline=Column("paid_fen", _l("claims paid"), "yuan"),
    caption=_l("What the insurer paid on each claim, on the day the claim was marked paid."),
))

LOSS_RATIO = figures.declare(Figure(
    key="loss-ratio", order=40,
    title=_l("Loss ratio: claims paid ÷ net premium"),
    compute=loss_ratio,
    columns=(Column("paid_fen", _l("Claims paid ¥"), "yuan"), Column("net_fen", _l("Net premium ¥"), "yuan"),
             Column("loss_ratio", _l("Loss ratio"), "ratio")),
    chart=Chart("lines", ("loss_ratio",)),
    headline=Column("loss_ratio", _l("loss ratio"), "ratio"),
    caption=_l("Claims paid ÷ net premium over the same days. “—” where the net premium is zero or less."),
))
