"""The renewal figures on the dashboard (issue 17, item 7), checked against sums worked out by hand.

The first test walks monthly policies through the real flow in the sandbox (signing, paying a month by hand,
``flask renewals run --now``, a declined charge paid on retry, one that never is and lapses); the second puts
periods, charges and ended renewals on contracts signed through the sandbox, around Beijing day and month
edges, where the flow would take too long.
"""

from __future__ import annotations

import datetime as dt
import re

import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.renewals.models import Renewal, RenewalCharge, RenewalPeriod
from tests.admin.test_dashboard_figures import admin_client, at, day, declared, user
from tests.renewals.test_walk import buy_monthly, renewals_run, sign
from tests.support import agreement, plan_id, prepay_id_of, resident_id, run_jobs
from tests.wechat.test_papay import openid_of
from tests.renewals.helpers import signed_without_its_payment


def insured(born: str) -> dict:
    return {"name": "张三", "id_number": resident_id(born)}


def signed(app, client, name: str, when: str, born: str = "19900307") -> str:
    """A monthly plan bought with auto-renewal and signed (signing pays the first month) at a Beijing time."""
    with clock.frozen_at(at(when)):
        who = user(client, name)
        order = buy_monthly(client, who, insured(born))
        sign(client, order["contract"])
        run_jobs(app)
    return order["order_no"]


def paid_by_hand(app, client, name: str, when: str, auto_renew: bool) -> str:
    """A monthly plan paid one month by hand: with auto-renewal asked and not signed, or an ordinary order."""
    with clock.frozen_at(at(when)):
        who = user(client, name)
        if auto_renew:
            order = buy_monthly(client, who, insured("19900307"))
            paying = client.post(f"/api/v1/orders/{order['order_no']}/pay", headers=who["headers"]).get_json()
        else:
            paying = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                         "insured": insured("19900307"),
                                                         **agreement(client, "accident-basic")},
                                 headers=who["headers"]).get_json()
        prepay = prepay_id_of(paying["pay_params"])
        assert client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay}).status_code == 200
        run_jobs(app)
    return paying["order_no"]


def decline(client, name: str, times: int) -> None:
    with clock.frozen_at(clock.now()):
        who = user(client, name)
    assert client.post("/sandbox/wechat/papay/decline",
                       json={"openid": openid_of(client, who), "times": times}).status_code == 200


def month(result, key: str) -> tuple:
    row = next(row for row in result.series.rows if row["month"] == key)
    return row["due"], row["charged"], row["rate"]


def test_the_renewal_figures_of_policies_walked_through_the_sandbox(app, client, catalog):
    # Signing share. alice signs at 00:10 on 1 Oct Beijing (16:10 UTC on 30 Sep): paid on 1 Oct.
    signed(app, client, "alice", "2026-10-01T00:10:00")
    # bob asks for auto-renewal but pays the month by hand at 23:50 on 30 Sep; cat buys the monthly plan
    # without auto-renewal on 1 Oct. Both are paid monthly-plan orders without a contract.
    paid_by_hand(app, client, "bob", "2026-09-30T23:50:00", auto_renew=True)
    paid_by_hand(app, client, "cat", "2026-10-01T12:00:00", auto_renew=False)
    share = declared(app, at("2026-10-05T12:00:00"))["signing-share"]      # the window: 6 Sep to 5 Oct
    assert (day(share, "2026-09-30")["orders"], day(share, "2026-09-30")["signed"]) == (1, 0)   # bob
    # 1 Oct: alice (signed) and cat (not): 1 ÷ 2 = 50%.
    assert (day(share, "2026-10-01")["orders"], day(share, "2026-10-01")["signed"],
            day(share, "2026-10-01")["share"]) == (2, 1, 50.0)
    # Over the window: 1 signed of 3 paid monthly orders = 33.3%.
    assert share.totals == {"orders": 3, "signed": 1, "share": 33.3}

    # alice's period 2: estimated 31 Oct (a month after 1 Oct, less a day), scheduled on the 30th, declined
    # on the 31st, paid on retry at 09:00 on 1 Nov. It counts in October, the month of its estimated date.
    renewals_run(app, at("2026-10-30T09:00:00"))
    decline(client, "alice", 1)
    renewals_run(app, at("2026-10-31T09:00:00"))
    assert "submitted=1" in renewals_run(app, at("2026-11-01T09:00:00"))
    # Period 3: estimated 30 Nov, every charge declined from then on.
    renewals_run(app, at("2026-11-29T09:00:00"))
    decline(client, "alice", 50)
    renewals_run(app, at("2026-11-30T09:00:00"))

    result = declared(app, at("2026-12-02T12:00:00"))
    rate = result["renewal-rate"]
    # October: period 2 due and charged (on its retry): 1 ÷ 1 = 100%. November: period 3 due on the 30th,
    # in its retry window, not charged: 0 ÷ 1 = 0%. Period 1 (paid at signing) counts nowhere.
    assert month(rate, "2026-10") == (1, 1, 100.0) and month(rate, "2026-11") == (1, 0, 0.0)
    assert month(rate, "2026-09") == (0, 0, None) and rate.series.rows[-1]["month"] == "2026-12"
    assert rate.totals == {"due": 2, "charged": 1, "rate": 50.0}   # 1 ÷ 2
    revenue = result["renewal-revenue"]                             # the window: 3 Nov to 2 Dec
    # The one deduction that succeeded was on 1 Nov, outside this window; nothing failed counts.
    assert revenue.totals == {"charges": 0, "revenue_fen": 0}
    revenue = declared(app, at("2026-11-01T12:00:00"))["renewal-revenue"]
    # 5.00 yuan on 1 Nov; alice's first month (5.00 at signing on 1 Oct, in this window too) is not renewal revenue.
    assert day(revenue, "2026-11-01")["revenue_fen"] == 500 and revenue.totals == {"charges": 1, "revenue_fen": 500}
    # A deduction is premium received: net premium counts it on the day WeChat took it.
    net = declared(app, at("2026-11-01T12:00:00"))["net-premium"]
    assert day(net, "2026-11-01")["received_fen"] == 500 and day(net, "2026-11-01")["payments"] == 1

    # WeChat's window for period 3 closes after 30 Nov + 29 = 29 Dec: the pass on the 30th lapses it.
    assert "lapsed=1" in renewals_run(app, at("2026-12-30T09:00:00"))
    result = declared(app, at("2026-12-30T12:00:00"))
    assert day(result["renewal-lapses"], "2026-12-30")["lapses"] == 1
    assert result["renewal-lapses"].totals == {"lapses": 1}
    # The lapsed period stays due and uncharged in November: still 1 of 2.
    assert month(result["renewal-rate"], "2026-11") == (1, 0, 0.0)
    assert result["renewal-rate"].totals["rate"] == 50.0


def _add(app, order_no: str, *, periods=(), charges=(), ended: tuple[str, str] | None = None) -> None:
    """Periods (n, estimated, status), charges (n, status, settled Beijing time) and an end (status, Beijing time)
    on the renewal of a signed order."""
    with app.app_context():
        renewal = db.session.execute(sa.text("SELECT r.id FROM renewals r JOIN orders o ON o.id = r.order_id "
                                             "WHERE o.order_no = :no"), {"no": order_no}).scalar_one()
        made = {}
        for n, estimated, status in periods:
            period = RenewalPeriod(renewal_id=renewal, n=n, estimated_on=dt.date.fromisoformat(estimated),
                                   amount_fen=500, status=status, scheduled_on=dt.date.fromisoformat(estimated))
            db.session.add(period)
            db.session.flush()
            made[n] = period.id
        for index, (n, status, settled) in enumerate(charges):
            db.session.add(RenewalCharge(renewal_id=renewal, period_id=made[n], out_trade_no=f"RCD{order_no}{index}",
                                         amount_fen=500, status=status, attempted_at=at(settled),
                                         settled_at=at(settled)))
        if ended:
            db.session.execute(sa.update(Renewal).where(Renewal.id == renewal).values(
                status=ended[0], ended_at=at(ended[1]), end_reason=ended[0]))
        db.session.commit()
        db.session.remove()


NOW = "2026-11-25T12:00:00"  # the window: 27 Oct to 25 Nov; the months: December 2025 to November 2026


def test_renewal_figures_at_beijing_day_and_month_edges(app, client, catalog):
    # Five contracts signed at the window's first midnight (27 Oct 00:00 Beijing: in), one a minute before (out).
    orders = [signed(app, client, name, "2026-10-27T00:00:00") for name in ("u1", "u2", "u3", "u4", "u5")]
    orders.append(signed(app, client, "u6", "2026-10-26T23:59:00"))
    one, two, three, four, five, six = orders
    # u1: period 2 (estimated 31 Oct) paid on its retry, at 23:50 on 20 Nov Beijing (15:50 UTC): revenue on the
    # 20th; its failed attempt is no revenue. Period 3 (estimated 1 Nov) scheduled, unpaid: due in November.
    _add(app, one, periods=[(2, "2026-10-31", "paid"), (3, "2026-11-01", "scheduled")],
         charges=[(2, "failed", "2026-10-31T09:00:00"), (2, "succeeded", "2026-11-20T23:50:00")])
    # u2: period 2 (9 Nov) paid at 00:10 on 21 Nov Beijing (16:10 UTC on the 20th): revenue on the 21st.
    # Period 3 (30 Nov) scheduled, its date not come: not due.
    _add(app, two, periods=[(2, "2026-11-09", "paid"), (3, "2026-11-30", "scheduled")],
         charges=[(2, "succeeded", "2026-11-21T00:10:00")])
    # u3: stopped at 23:30 on 14 Nov, before period 2's date (15 Nov): dropped, owed nothing, not due.
    _add(app, three, periods=[(2, "2026-11-15", "dropped")], ended=("cancelled", "2026-11-14T23:30:00"))
    # u4: period 2 (26 Oct) lapsed at 00:30 on 24 Nov Beijing (16:30 UTC on the 23rd): a lapse on the 24th,
    # a period due in October and not charged.
    _add(app, four, periods=[(2, "2026-10-26", "lapsed")], ended=("lapsed", "2026-11-24T00:30:00"))
    # u5: stopped on 16 Nov while period 2 (15 Nov) was in its retry window: due in November, not charged.
    _add(app, five, periods=[(2, "2026-11-15", "dropped")], ended=("cancelled", "2026-11-16T10:00:00"))
    # u6: lapsed at 23:59 on 26 Oct, the day before the window; its charge that day is outside it too.
    # Period 2 was estimated 30 Sep (a month earlier than the flow would, for the month's edge): September.
    _add(app, six, periods=[(2, "2026-09-30", "paid"), (3, "2026-10-01", "lapsed")],
         charges=[(2, "succeeded", "2026-10-26T23:59:00")], ended=("lapsed", "2026-10-26T23:59:00"))

    result = declared(app, at(NOW))
    rate = result["renewal-rate"]
    # September: u6's period 2 (30 Sep), paid: 1 ÷ 1 = 100%.
    # October: u6's period 3 (1 Oct, lapsed), u4's period 2 (26 Oct, lapsed), u1's period 2 (31 Oct, paid):
    # 1 ÷ 3 = 33.3%.
    # November: u1's period 3 (1 Nov, scheduled), u2's period 2 (9 Nov, paid), u5's period 2 (15 Nov, dropped on
    # the 16th); not u3's (dropped on the 14th), not u2's period 3 (30 Nov, after today): 1 ÷ 3 = 33.3%.
    assert [month(rate, key) for key in ("2026-09", "2026-10", "2026-11")] == [
        (1, 1, 100.0), (3, 1, 33.3), (3, 1, 33.3)]
    assert [row["month"] for row in rate.series.rows][0] == "2025-12" and len(rate.series.rows) == 12
    # Over the 12 months: 1 + 1 + 1 = 3 charged of 1 + 3 + 3 = 7 due: 42.9%. Six periods 1 paid at signing: none.
    assert rate.totals == {"due": 7, "charged": 3, "rate": 42.9}

    revenue = result["renewal-revenue"]
    assert (day(revenue, "2026-11-20")["revenue_fen"], day(revenue, "2026-11-21")["revenue_fen"]) == (500, 500)
    assert revenue.totals == {"charges": 2, "revenue_fen": 1000}   # 26 Oct's is outside; the failure no money

    lapses = result["renewal-lapses"]
    assert (day(lapses, "2026-11-23")["lapses"], day(lapses, "2026-11-24")["lapses"]) == (0, 1)
    assert lapses.totals == {"lapses": 1}                        # u6's on 26 Oct is outside; cancellations no lapse

    share = result["signing-share"]                              # u1 to u5 on 27 Oct; u6 the day before: out
    assert (day(share, "2026-10-27")["orders"], day(share, "2026-10-27")["signed"]) == (5, 5)
    assert share.totals == {"orders": 5, "signed": 5, "share": 100.0}

    # Each figure drawn with its chart and table, in both languages.
    with clock.frozen_at(at(NOW)):
        chinese = admin_client(app, "victor", "viewer").get("/admin/").get_data(as_text=True)
        english = admin_client(app, "ellen", "admin", language="en").get("/admin/").get_data(as_text=True)
    for page in (chinese, english):
        for key in ("renewal-rate", "signing-share", "renewal-lapses", "renewal-revenue"):
            assert f'<svg data-chart="{key}"' in page and f'data-table="{key}"' in page
        assert 'data-kpi="renewal-rate">42.9%<' in page and 'data-kpi="renewal-revenue">¥10.00<' in page
        assert 'data-kpi="renewal-lapses">1<' in page and 'data-kpi="signing-share">100.0%<' in page
        table = page[page.index('data-table="renewal-revenue"'):]
        assert table[:table.index("</table>")].count('<tr data-day="2026-') == 30
    table = english[english.index('data-table="renewal-rate"'):]
    assert re.search(r'<tr data-month="2026-10"><td>Oct 2026</td><td class="num">3</td><td class="num">1</td>'
                     r'<td class="num">33.3%</td></tr>', table)
    assert "续保率" in chinese and "签约占比" in chinese and "Renewal rate" in english


def test_a_month_the_pass_never_booked_counts_as_due_and_unpaid_when_the_renewal_lapses(app, client, catalog):
    """The renewal pass did not run between period 2's scheduling window opening and closing (an outage):
    the renewal lapses, and the month it never charged is a renewal that did not happen, not one missing
    from the rate (it showed 100% of nothing before)."""
    order_no = signed(app, client, "alice", "2026-10-01T00:10:00")
    # Period 2's estimated date is 31 Oct; booking it closes 28 days later. The first pass runs on 29 Nov.
    assert "lapsed=1" in renewals_run(app, at("2026-11-29T09:00:00"))

    rate = declared(app, at("2026-11-29T12:00:00"))["renewal-rate"]
    assert month(rate, "2026-10") == (1, 0, 0.0)
    assert rate.totals == {"due": 1, "charged": 0, "rate": 0.0}
    with app.app_context():
        kept = db.session.execute(sa.text(
            "SELECT p.n, p.status, p.estimated_on FROM renewal_periods p JOIN renewals r ON r.id = p.renewal_id "
            "JOIN orders o ON o.id = r.order_id WHERE o.order_no = :no ORDER BY p.n"), {"no": order_no}).all()
    assert [(row.n, row.status) for row in kept] == [(1, "paid"), (2, "lapsed")]


def test_a_month_paid_by_hand_after_a_signing_that_did_not_pay_is_not_counted_signed(app, client, catalog):
    """dan signed at WeChat, but the first month was not paid with it; the SIGN came, and dan paid the month by
    hand (/pay): renewal off, the contract ended. The signing share counted every renewal holding a contract id,
    so dan's hand-paid month counted as paid by signing (the share says it is not)."""

    with clock.frozen_at(at("2026-10-01T12:00:00")):
        who = user(client, "dan")
        order = buy_monthly(client, who, insured("19900307"))
        signed_without_its_payment(app, client, who, order["order_no"])
        run_jobs(app)  # the SIGN arrives; no payment
        paying = client.post(f"/api/v1/orders/{order['order_no']}/pay", headers=who["headers"])
        assert paying.status_code == 200, paying.get_json()
        prepay = prepay_id_of(paying.get_json()["pay_params"])
        assert client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay}).status_code == 200
        run_jobs(app)
    share = declared(app, at("2026-10-05T12:00:00"))["signing-share"]
    assert share.totals == {"orders": 1, "signed": 0, "share": 0.0}
