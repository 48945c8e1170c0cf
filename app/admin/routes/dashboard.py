"""The dashboard: the last 30 days in charts, each with its numbers in a table beside it."""

from __future__ import annotations

from flask import render_template

from app.admin import access
from app.admin.blueprint import blp
from app.admin import charts
from app.admin.services import kpis


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
            "new-users", "New users per day", days,
            [("Direct", users.values("direct")), ("Through friends", users.values("via_friends"))], stacked=True),
        "orders": charts.daily_bars(
            "orders", "Orders per day", days,
            [("Created", orders.values("created")), ("Paid", orders.values("paid"))]),
        "premium": charts.daily_lines(
            "premium", "Premium received per day (yuan)", days,
            [("Premium", [fen / 100 for fen in orders.values("premium_fen")])], formatter=charts.yuan),
        "visits": charts.daily_bars(
            "visits", "Visitors per day: new and returning", days,
            [("New", visits.values("new")), ("Returning", visits.values("returning"))], stacked=True),
        "conversion": charts.daily_lines(
            "conversion", "First-visit conversion (bought within 7 days)", days,
            [("Converted", conversion.values("rate"))], formatter=charts.percent, range_=(0, 100)),
        "funnel": charts.funnel(
            "envelope-funnel", "Red envelopes: shares sent → grabbed → activated",
            [(stage["stage"], stage["count"]) for stage in figures["funnel"]["stages"]]),
        "referrals": charts.daily_lines(
            "referral-share", "Share of new users who came through friends", days,
            [("Through friends", users.values("friends_share"))], formatter=charts.percent, range_=(0, 100)),
        "claims_by_step": charts.categories(
            "claims-by-step", "Claims now at each step", [("Claims", [row["count"] for row in claim_steps])],
            [row["step"].replace("_", " ") for row in claim_steps]),
        "claims_durations": charts.categories(
            "claims-durations", "Median time at each step (hours)",
            [("Median hours", [None if row["median_seconds"] is None else round(row["median_seconds"] / 3600, 1)
                               for row in waits])],
            [row["step"] for row in waits], formatter=charts.hours,
            no_data=f"Not enough claims have moved on yet (a median needs {figures['claims']['min_samples']})"),
    }
    return render_template("admin/dashboard.html", f=figures, charts=rendered,
                           window_days=kpis.DAYS, conversion_days=kpis.CONVERSION_WINDOW_DAYS,
                           claim_duration_steps=kpis.CLAIM_DURATION_STEPS)
