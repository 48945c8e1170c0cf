"""The dashboard: the last 30 days in charts, each with its numbers in a table beside it."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _

from app.admin import access
from app.admin.blueprint import blp
from app.admin import charts, formats
from app.admin.labels import label
from app.admin.services import kpis
from app.core.figures import DAYS, Figure, Result

#: How each column kind is written on a chart's axis and tooltips.
FORMATTERS = {"count": None, "yuan": charts.yuan, "percent": charts.percent, "ratio": charts.percent}


@blp.route("/")
@access.requires("viewer")
def dashboard():
    figures = kpis.dashboard()
    days = figures["window"].keys
    users, orders, visits, conversion = (figures["users"], figures["orders"], figures["visits"],
                                         figures["conversion"])
    claim_steps = figures["claims"]["steps"]
    waits = [row for row in claim_steps if row["step"] in kpis.CLAIM_DURATION_STEPS]
    rendered = {
        "users": charts.daily_bars(
            "new-users", _("New users per day"), days,
            [(_("Direct"), users.values("direct")), (_("Through friends"), users.values("via_friends"))],
            stacked=True),
        "orders": charts.daily_bars(
            "orders", _("Orders per day"), days,
            [(_("Orders created"), orders.values("created")), (_("Orders paid"), orders.values("paid"))]),
        "premium": charts.daily_lines(
            "premium", _("Premium received per day (yuan)"), days,
            [(_("Premium"), [fen / 100 for fen in orders.values("premium_fen")])], formatter=charts.yuan),
        "visits": charts.daily_bars(
            "visits", _("Visitors per day: new and returning"), days,
            [(_("New"), visits.values("new")), (_("Returning"), visits.values("returning"))], stacked=True),
        "conversion": charts.daily_lines(
            "conversion", _("First-visit conversion (bought within %(days)s days)",
                            days=kpis.CONVERSION_WINDOW_DAYS), days,
            [(_("Converted"), conversion.values("rate"))], formatter=charts.percent, range_=(0, 100)),
        "funnel": charts.funnel(
            "envelope-funnel", _("Red envelopes: shares sent → grabbed → activated"),
            [(str(label("funnel_stage", stage["stage"])), stage["count"]) for stage in figures["funnel"]["stages"]]),
        "referrals": charts.daily_lines(
            "referral-share", _("Share of new users who came through friends"), days,
            [(_("Through friends"), users.values("friends_share"))], formatter=charts.percent, range_=(0, 100)),
        "claims_by_step": charts.categories(
            "claims-by-step", _("Claims now at each step"), [(_("Claims"), [row["count"] for row in claim_steps])],
            [str(label("claim_state", row["step"])) for row in claim_steps]),
        "claims_durations": charts.categories(
            "claims-durations", _("Median time at each step (hours)"),
            [(_("Median hours"), [None if row["median_seconds"] is None
                                  else round(row["median_seconds"] / 3600, 1) for row in waits])],
            [str(label("claim_state", row["step"])) for row in waits], formatter=charts.hours,
            no_data=_("Not enough claims have moved on yet (a median needs %(count)s)",
                      count=figures["claims"]["min_samples"])),
    }
    declared = [(figure, result, declared_chart(figure, result, days)) for figure, result in figures["declared"]]
    return render_template("admin/dashboard.html", f=figures, charts=rendered, declared=declared,
                           window_days=DAYS, conversion_days=kpis.CONVERSION_WINDOW_DAYS,
                           claim_duration_steps=kpis.CLAIM_DURATION_STEPS)


def declared_chart(figure: Figure, result: Result, days: list[str]):
    """The chart of a figure a feature declared (``app.core.figures``), in the admin's language: fen drawn in yuan,
    percentages from 0 to 100 (a ratio, such as the loss ratio, may pass 100); a monthly figure as bars over its
    months."""
    columns = {column.key: column for column in figure.columns}
    kind = columns[figure.chart.columns[0]].kind
    series = []
    for key in figure.chart.columns:
        values = result.series.values(key)
        series.append((str(columns[key].label), [None if v is None else v / 100 for v in values]
                       if kind == "yuan" else values))
    if figure.period == "month":
        return charts.categories(figure.key, str(figure.title), series,
                                 [formats.year_month(row["month"]) for row in result.series.rows],
                                 formatter=FORMATTERS[kind])
    if figure.chart.kind == "bars":
        return charts.daily_bars(figure.key, str(figure.title), days, series, stacked=figure.chart.stacked,
                                 formatter=FORMATTERS[kind])
    return charts.daily_lines(figure.key, str(figure.title), days, series, formatter=FORMATTERS[kind],
                              range_=(0, 100) if kind == "percent" else None)
