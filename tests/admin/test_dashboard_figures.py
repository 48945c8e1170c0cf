"""The insurer's figures on the dashboard (issue 17, item 7), checked against sums worked out by hand.

Orders are paid through the WeChat sandbox, refunded by an operator, claims paid by the insurer's
signed webhook and visits recorded by ``POST /api/v1/visits``, each with the clock frozen at a
Beijing time close to a day's edge, so the figures must put each on its Beijing day and keep the
window's edges: the 30 days end with the day of ``now`` and include the first day's midnight.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa

from app.admin.services import kpis
from app.core import clock, figures
from app.core.figures import Chart, Column, Figure, Result, Series
from app.extensions import db
from app.orders.models import Order
from app.payments.models import Payment
from tests.admin.support import log_in, make_admin, paid_order, refund_form, rows
from tests.claims.helpers import file_claim, insurer_update
from tests.support import bearer, login, resident_id, run_jobs

ACCIDENT_PLUS_FEN = 1600  # what the seed's accident-plus plan costs


def at(text: str) -> dt.datetime:
    """A Beijing wall-clock time."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=clock.SHANGHAI)


def declared(app, now: dt.datetime) -> dict[str, Result]:
    with app.app_context():
        result = {figure.key: outcome for figure, outcome in kpis.dashboard(now=now)["declared"]}
        db.session.remove()
        return result


def day(result: Result, key: str) -> dict:
    return next(row for row in result.series.rows if row["day"] == key)


def user(client, name: str) -> dict:
    """Log in (again) at the frozen time, so the token is fresh whatever day the test travelled to."""
    return {"headers": bearer(login(client, name)["token"])}


def buy(app, client, name: str, when: str, insured: dict | None = None) -> dict:
    with clock.frozen_at(at(when)):
        return paid_order(app, client, user(client, name), insured or {"name": "张三",
                                                                       "id_number": resident_id("19900307")})


def open_app(client, name: str, when: str) -> None:
    with clock.frozen_at(at(when)):
        response = client.post("/api/v1/visits", json={"page": "pages/index/index"},
                               headers=user(client, name)["headers"])
        assert response.status_code == 201, response.get_json()


def admin_client(app, username: str, role: str, language: str = "zh-CN"):
    """An admin's browser, logged in at the (frozen) time of the call."""
    make_admin(app, username, role, language=language)
    browser = app.test_client()
    assert log_in(browser, username).status_code == 302
    return browser


@pytest.fixture
def money_story(app, client, catalog):
    """Five payments, a partial refund and a paid claim, around day edges in Beijing time."""
    outside = buy(app, client, "alice", "2026-10-26T23:59:59")   # the day before the window: out
    first = buy(app, client, "alice", "2026-10-27T00:00:00")     # the window's first midnight: in
    late = buy(app, client, "alice", "2026-11-20T23:50:00")      # 15:50 UTC on the 20th: the 20th
    early = buy(app, client, "alice", "2026-11-21T00:10:00")     # 16:10 UTC, still the 20th in UTC: the 21st
    after = buy(app, client, "alice", "2026-11-26T00:00:00")     # the midnight that ends the window: out

    with clock.frozen_at(at("2026-11-22T10:00:00")):             # 6.00 yuan of the 20th's order back
        operator = admin_client(app, "olga", "operator")
        [payment] = rows(app, Payment, Payment.order_id == _order_id(app, late["order_no"]))
        response = refund_form(operator, late["order_no"], payment.id, amount="6.00", note="goodwill")
        assert response.status_code == 303
        run_jobs(app)                                            # the sandbox settles it, on the 22nd

    with clock.frozen_at(at("2026-11-23T20:00:00")):
        claim_no = file_claim(client, user(client, "alice"), early["policy_no"])
        for state in ("accepted", "reviewing", "assessing", "approved"):
            assert insurer_update(client, claim_no, state).status_code == 200
    with clock.frozen_at(at("2026-11-24T00:30:00")):             # 16:30 UTC on the 23rd: paid on the 24th
        response = insurer_update(client, claim_no, "paid", paid_fen=1200)
        assert response.status_code == 200, response.get_json()
    return {"outside": outside, "first": first, "late": late, "early": early, "after": after}


def _order_id(app, order_no: str) -> int:
    [order] = rows(app, Order, Order.order_no == order_no)
    return order.id


NOW = "2026-11-25T12:00:00"  # the window: 27 Oct to 25 Nov 2026, Beijing days


def test_net_premium_refunds_claims_paid_and_the_loss_ratio(app, money_story):
    result = declared(app, at(NOW))
    money = result["net-premium"]
    # Received: 16.00 on 27 Oct (its midnight is in), 16.00 on 20 Nov (23:50), 16.00 on 21 Nov (00:10);
    # 26 Oct 23:59:59 and 26 Nov 00:00 are outside. 3 × 1600 = 4800 fen.
    assert [(key, day(money, key)["received_fen"]) for key in ("2026-10-27", "2026-11-20", "2026-11-21")] == [
        ("2026-10-27", 1600), ("2026-11-20", 1600), ("2026-11-21", 1600)]
    assert money.series.rows[0]["day"] == "2026-10-27" and money.series.rows[-1]["day"] == "2026-11-25"
    assert sum(row["payments"] for row in money.series.rows) == 3
    # Refunded: 600 fen on 22 Nov, the day it settled (not the 20th, when the order was paid).
    assert (day(money, "2026-11-20")["refunded_fen"], day(money, "2026-11-22")["refunded_fen"]) == (0, 600)
    # Net: 4800 − 600 = 4200 over the window; the 22nd alone is 0 − 600 = −600.
    assert (money.totals["received_fen"], money.totals["refunded_fen"], money.totals["net_fen"]) == (4800, 600, 4200)
    assert day(money, "2026-11-22")["net_fen"] == -600

    refunds = result["refunds"]
    assert (refunds.totals["refunds"], refunds.totals["refunded_fen"]) == (1, 600)

    claims = result["claims-paid"]
    # 12.00 yuan paid at 00:30 on 24 Nov Beijing (16:30 UTC on the 23rd): counted on the 24th.
    assert (day(claims, "2026-11-23")["paid_fen"], day(claims, "2026-11-24")["paid_fen"]) == (0, 1200)
    assert (claims.totals["claims_paid"], claims.totals["paid_fen"]) == (1, 1200)

    loss = result["loss-ratio"]
    # 1200 ÷ 4200 = 0.285714… → 28.6%.
    assert (loss.totals["paid_fen"], loss.totals["net_fen"], loss.totals["loss_ratio"]) == (1200, 4200, 28.6)
    # On the 24th the net premium is 0, on the 22nd −600: no ratio ("—"), not a division by nothing.
    assert day(loss, "2026-11-24")["loss_ratio"] is None and day(loss, "2026-11-22")["loss_ratio"] is None
    # On the 21st: nothing paid ÷ 1600 = 0%.
    assert day(loss, "2026-11-21")["loss_ratio"] == 0.0


def test_a_window_a_day_later_loses_the_first_day_and_gains_the_next(app, money_story):
    result = declared(app, at("2026-11-26T00:00:00"))  # the window: 28 Oct to 26 Nov
    # 16.00 on 20 Nov + 16.00 on 21 Nov + 16.00 at 00:00 on 26 Nov = 4800; 27 Oct has left the window.
    assert result["net-premium"].totals["received_fen"] == 4800
    assert day(result["net-premium"], "2026-11-26")["received_fen"] == 1600
    assert result["net-premium"].series.rows[0]["day"] == "2026-10-28"


def test_the_loss_ratio_is_a_dash_when_there_is_no_net_premium(app, as_english_admin):
    result = declared(app, clock.now())
    assert result["loss-ratio"].totals == {"paid_fen": 0, "net_fen": 0, "loss_ratio": None}
    page = as_english_admin.get("/admin/").get_data(as_text=True)
    assert 'data-kpi="loss-ratio">—<' in page
    assert 'data-kpi="net-premium">¥0.00<' in page


@pytest.fixture
def visit_story(app, client, catalog):
    """Seven users buying and opening the app around day edges; worked out in the test below."""
    open_app(client, "ann", "2026-11-09T12:00:00")     # ann opened the app the day before buying ...
    buy(app, client, "ann", "2026-11-10T23:50:00")
    open_app(client, "ann", "2026-11-10T23:58:00")     # ... and again the same Beijing day: not a return
    buy(app, client, "ben", "2026-11-10T23:50:00")
    open_app(client, "ben", "2026-11-11T00:05:00")     # 16:05 UTC, the same UTC day, a later Beijing day: a return
    buy(app, client, "cat", "2026-11-05T10:00:00")
    open_app(client, "cat", "2026-12-05T23:59:00")     # 30 days after the 5th, last minute: a return
    buy(app, client, "dan", "2026-11-05T10:00:00")
    open_app(client, "dan", "2026-12-06T00:01:00")     # 31 days after: too late
    buy(app, client, "eve", "2026-11-02T23:59:00")     # bought the day before the window
    open_app(client, "eve", "2026-11-04T09:00:00")
    buy(app, client, "fay", "2026-11-03T00:01:00")     # the window's first day; never comes back
    buy(app, client, "gus", "2026-11-20T10:00:00")     # gus buys on two days ...
    buy(app, client, "gus", "2026-11-21T10:00:00", {"name": "李四", "id_number": resident_id("19880101")})
    open_app(client, "gus", "2026-11-21T11:00:00")     # ... and opens the app after the second, on its day


def test_return_visits_after_purchase(app, visit_story):
    result = declared(app, at("2026-12-02T12:00:00"))["return-visits"]   # the window: 3 Nov to 2 Dec
    by_day = {row["day"]: (row["buyers"], row["returned"], row["rate"]) for row in result.series.rows
              if row["buyers"]}
    assert by_day == {
        "2026-11-03": (1, 0, 0.0),     # fay
        "2026-11-05": (2, 1, 50.0),    # cat came back on day 30, dan on day 31
        "2026-11-10": (2, 1, 50.0),    # ben the next Beijing day; ann's open was the same day
        "2026-11-20": (1, 1, 100.0),   # gus opened the app on the 21st, a later day
        "2026-11-21": (1, 0, 0.0),     # but on the day of his second purchase
    }
    # Buyers in the window: fay, cat, dan, ann, ben, gus = 6 (eve bought on 2 Nov, outside; gus counts once).
    # Came back after a purchase in the window: cat, ben, gus = 3. 3 ÷ 6 = 50%.
    assert result.totals == {"buyers": 6, "returned": 3, "rate": 50.0}


def test_the_page_shows_each_figure_with_its_chart_and_whole_day_table_in_both_languages(app, client, money_story):
    with clock.frozen_at(at(NOW)):
        chinese = admin_client(app, "victor", "viewer").get("/admin/").get_data(as_text=True)
        english = admin_client(app, "ellen", "admin", language="en").get("/admin/").get_data(as_text=True)
    for page in (chinese, english):
        charts = re.findall(r'<svg data-chart="([a-z-]+)"', page)
        assert len(charts) == len(set(charts))                          # each chart drawn once
        assert set(charts) >= {"net-premium", "refunds", "claims-paid", "loss-ratio", "return-visits"}
        assert re.search(r"<title>[^<]*</title>", page)                 # and nothing of them in the title
        for key in ("net-premium", "refunds", "claims-paid", "loss-ratio", "return-visits"):
            table = page[page.index(f'data-table="{key}"'):]
            table = table[:table.index("</table>")]
            assert table.count('<tr data-day="2026-') == 30, key    # the whole period, every day a row
            assert 'data-day="total"' in table
        assert 'data-kpi="net-premium">¥42.00<' in page               # 48.00 received − 6.00 refunded
        assert 'data-kpi="refunds">¥6.00<' in page
        assert 'data-kpi="claims-paid">¥12.00<' in page
        assert 'data-kpi="loss-ratio">28.6%<' in page                  # 12.00 ÷ 42.00
        assert "<script" not in page
    # The net premium's axis goes below zero for the −6.00 of the 22nd (ticks every 5 yuan, 16.00 at the top).
    chart = chinese[chinese.index('<svg data-chart="net-premium"'):]
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", chart[:chart.index("</svg>")])
    assert "¥-10.00" in labels and "¥20.00" in labels, labels
    net = chinese[chinese.index('data-table="net-premium"'):]
    assert re.search(r'<tr data-day="2026-11-22"><td>11月22日</td><td class="num">0.00</td>'
                     r'<td class="num">6.00</td><td class="num">-6.00</td></tr>', net)
    loss = english[english.index('data-table="loss-ratio"'):]
    assert re.search(r'<tr data-day="2026-11-24"><td>24 Nov</td><td class="num">12.00</td>'
                     r'<td class="num">0.00</td><td class="num">—</td></tr>', loss)
    assert "净保费" in chinese and "赔付率" in chinese and "Net premium" in english and "Loss ratio" in english
    assert "48%" in chinese and "48%" in english                      # the seed's figure, beside ours


def test_the_day_tables_are_not_a_scroll_box(app, client):
    css = client.get("/admin/static/admin.css").get_data(as_text=True)
    rule = re.search(r"\.chart-row \.numbers \{([^}]*)\}", css).group(1)
    assert "max-height" not in rule and "overflow" not in rule


def test_a_feature_declares_a_figure_and_the_dashboard_draws_it_without_importing_it(app, monkeypatch,
                                                                                       as_english_admin):
    """The extension point the renewal figures use: declare a figure, and it has its tile, chart and table."""
    def renewal_rate(win, now):
        series = Series(columns=["due", "charged", "rate"],
                        rows=[{"day": key, "due": 4, "charged": 3, "rate": 75.0} for key in win.keys])
        return Result(series=series, totals={"due": 120, "charged": 90, "rate": 75.0})

    figure = Figure(key="renewal-rate", title="Renewal rate", compute=renewal_rate,
                    columns=(Column("due", "Due"), Column("charged", "Charged"), Column("rate", "Rate", "percent")),
                    chart=Chart("lines", ("rate",)), headline=Column("rate", "renewal rate", "percent"), order=60)
    monkeypatch.setitem(figures._figures, figure.key, figure)
    page = as_english_admin.get("/admin/").get_data(as_text=True)
    assert '<svg data-chart="renewal-rate"' in page and 'data-kpi="renewal-rate">75.0%<' in page
    assert page.index('data-table="return-visits"') < page.index('data-table="renewal-rate"')   # by its order
    with pytest.raises(ValueError):
        figures.declare(Figure(key="bad", title="", compute=renewal_rate, columns=(Column("due", "Due", "euros"),),
                               chart=Chart("bars", ("due",)), headline=Column("due", "due")))


def test_a_feature_declares_a_figure_by_month_as_a_renewal_rate_by_month_will_be(app, client, catalog, monkeypatch):
    """A ``month`` figure counts rows per Beijing calendar month (here paid orders, standing in for charged periods)."""
    buy(app, client, "alice", "2026-10-31T23:59:00")   # 15:59 UTC on the 31st: October
    buy(app, client, "alice", "2026-11-01T00:01:00")   # 16:01 UTC on 31 Oct, but November in Beijing
    buy(app, client, "alice", "2026-11-30T23:59:00")   # still November
    buy(app, client, "alice", "2026-08-31T23:59:00")   # before the three months shown

    def paid_by_month(win, now):
        months = figures.months(3, now)                  # September, October, November 2026
        month = figures.shanghai_month(Order.paid_at)
        query = (sa.select(month, sa.func.count(Order.id))
                 .where(Order.paid_at.is_not(None), figures.in_window(Order.paid_at, months)).group_by(month))
        series = figures.by_day(months, ["paid"], (query, ["paid"]), period="month")
        return Result(series=series, totals={"paid": series.total("paid")})

    figure = Figure(key="paid-by-month", title="Paid by month", compute=paid_by_month, period="month",
                    columns=(Column("paid", "Paid"),), chart=Chart("bars", ("paid",)),
                    headline=Column("paid", "paid"))
    monkeypatch.setitem(figures._figures, figure.key, figure)
    result = declared(app, at("2026-11-30T23:59:59"))["paid-by-month"]
    # September 0; October 1 (31 Oct 23:59); November 2 (1 Nov 00:01, 30 Nov 23:59); 31 Aug is out. 0 + 1 + 2 = 3.
    assert [(row["month"], row["paid"]) for row in result.series.rows] == [
        ("2026-09", 0), ("2026-10", 1), ("2026-11", 2)]
    assert result.totals == {"paid": 3}
    with clock.frozen_at(at("2026-11-30T23:59:59")):
        page = admin_client(app, "ellen", "admin", language="en").get("/admin/").get_data(as_text=True)
    table = page[page.index('data-table="paid-by-month"'):]
    assert re.search(r'<tr data-month="2026-11"><td>Nov 2026</td><td class="num">2</td></tr>', table)
    assert '<svg data-chart="paid-by-month"' in page and "3 months" in table
