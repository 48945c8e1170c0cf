"""The dashboard's figures, per Asia/Shanghai day, and the charts that draw them."""

from __future__ import annotations

import datetime as dt
import re

from app.admin.services import kpis
from app.core import clock
from app.extensions import db
from tests.admin.support import file_claim, paid_order, post_form
from tests.envelopes.helpers import create_paid_envelope, grab
from tests.support import agreement, bearer, login, make_users, plan_id, resident_id

SHANGHAI = clock.SHANGHAI


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def figures(app, now: dt.datetime | None = None) -> dict:
    with app.app_context():
        result = kpis.dashboard(now=now)
        db.session.remove()
        return result


def row(series, day: str) -> dict:
    return next(r for r in series.rows if r["day"] == day)


def visit(client, token, page="pages/index/index"):
    response = client.post("/api/v1/visits", json={"page": page}, headers=bearer(token))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_users_are_counted_on_their_shanghai_day_not_their_utc_day(app):
    with clock.frozen_at(at("2026-11-20T23:30:00")):   # 15:30 UTC on the 20th
        make_users(app, 1, "late")
    with clock.frozen_at(at("2026-11-21T00:30:00")):   # 16:30 UTC, still the 20th in UTC
        make_users(app, 2, "early")
    result = figures(app, now=at("2026-11-25T12:00:00"))
    assert row(result["users"], "2026-11-20")["new_users"] == 1
    assert row(result["users"], "2026-11-21")["new_users"] == 2
    assert result["totals"]["new_users"] == 3
    assert len(result["users"].rows) == 30 and result["users"].rows[-1]["day"] == "2026-11-25"


def test_the_window_is_the_last_thirty_shanghai_days(app):
    with clock.frozen_at(at("2026-10-26T23:59:00")):   # 30 days before the 25th: just outside
        make_users(app, 1, "old")
    with clock.frozen_at(at("2026-10-27T00:01:00")):
        make_users(app, 1, "first-day")
    result = figures(app, now=at("2026-11-25T12:00:00"))
    assert result["users"].rows[0] == {**result["users"].rows[0], "day": "2026-10-27", "new_users": 1}
    assert result["totals"]["new_users"] == 1


def test_new_users_who_came_through_a_friends_share(app, client, catalog, alice):
    token = client.post("/api/v1/shares", json={"kind": "product", "target": "accident"},
                        headers=alice["headers"]).get_json()["share_token"]
    assert client.post("/api/v1/auth/login", json={"code": "sandbox:carol", "share_token": token}).status_code == 200
    login(client, "dave")
    today = clock.to_shanghai(clock.now()).date().isoformat()
    day = row(figures(app)["users"], today)
    assert (day["new_users"], day["via_friends"], day["direct"], day["friends_share"]) == (3, 1, 2, 33.3)


def test_orders_created_and_paid_and_the_premium_per_day(app, client, catalog, alice, insured_adult):
    paid_order(app, client, alice, insured_adult)                      # 16.00 yuan, paid
    client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                        **agreement(client, "accident-basic"),
                                        "insured": insured_adult},
                headers=alice["headers"])                              # created, never paid
    today = clock.to_shanghai(clock.now()).date().isoformat()
    day = row(figures(app)["orders"], today)
    assert (day["created"], day["paid"], day["premium_fen"]) == (2, 1, 1600)


def test_return_visits_and_first_visit_conversion(app, client, catalog, insured_adult):
    now = clock.now()
    today = clock.to_shanghai(now).date().isoformat()
    with clock.frozen_at(now - dt.timedelta(days=3)):
        erin = login(client, "erin")
        visit(client, erin["token"])                        # first visit, 3 days ago ...
    frank = login(client, "frank")
    assert visit(client, frank["token"])["first"] is True   # first visit today
    assert visit(client, frank["token"])["first"] is False  # and a second open
    visit(client, erin["token"])                            # ... and back today
    paid_order(app, client, {"headers": bearer(frank["token"])}, insured_adult)

    result = figures(app)
    day = row(result["visits"], today)
    assert (day["visitors"], day["new"], day["returning"], day["opens"]) == (2, 1, 1, 3)
    converted_today = row(result["conversion"], today)
    assert (converted_today["first_visits"], converted_today["converted"], converted_today["rate"]) == (1, 1, 100.0)
    three_days_ago = clock.to_shanghai(now - dt.timedelta(days=3)).date().isoformat()
    assert row(result["conversion"], three_days_ago)["converted"] == 0


def test_a_purchase_more_than_seven_days_after_the_first_visit_is_not_a_conversion(app, client, catalog,
                                                                                   insured_adult):
    now = clock.now()
    with clock.frozen_at(now - dt.timedelta(days=9)):
        gina = login(client, "gina")
        visit(client, gina["token"])
    paid_order(app, client, {"headers": bearer(gina["token"])}, insured_adult)
    nine_days_ago = clock.to_shanghai(now - dt.timedelta(days=9)).date().isoformat()
    day = row(figures(app)["conversion"], nine_days_ago)
    assert (day["first_visits"], day["converted"], day["open"]) == (1, 0, False)


def test_the_envelope_funnel(app, client, catalog, alice, bob):
    envelope = create_paid_envelope(app, client, alice, total=500_000, shares=5, mode="equal")
    grab_id = grab(client, bob, envelope["envelope_id"]).get_json()["grab_id"]
    carol = {"headers": bearer(login(client, "carol")["token"])}
    assert grab(client, carol, envelope["envelope_id"]).status_code == 201
    activated = client.post(f"/api/v1/envelope-grabs/{grab_id}/activate", headers=bob["headers"],
                            json={**agreement(client, "gift-accident"),
                                  "insured": {"name": "李四", "id_number": resident_id("19880101")}})
    assert activated.status_code == 201, activated.get_json()
    funnel = figures(app)["funnel"]
    assert funnel["envelopes"] == 1
    assert [(s["stage"], s["count"]) for s in funnel["stages"]] == [("sent", 5), ("grabbed", 2), ("activated", 1)]


def test_claims_by_step_and_no_median_until_enough_claims_have_moved(app, client, catalog, alice, insured_adult,
                                                                     as_operator):
    order = paid_order(app, client, alice, insured_adult)
    first = file_claim(client, alice, order["policy_no"])
    file_claim(client, alice, order["policy_no"])
    post_form(as_operator, f"/admin/claims/{first}/move", {"to_state": "accepted", "note": ""},
              token_from=f"/admin/claims/{first}")
    claims = figures(app)["claims"]
    by_step = {r["step"]: r for r in claims["steps"]}
    assert (by_step["submitted"]["count"], by_step["accepted"]["count"], claims["total"]) == (1, 1, 2)
    # One claim has moved on from "submitted": too few for a median, so none is shown (no default passed off).
    assert by_step["submitted"]["median_seconds"] is None and by_step["submitted"]["samples"] == 0


def test_the_dashboard_page_draws_every_chart_with_its_numbers_beside_it(app, client, catalog, alice,
                                                                         insured_adult, as_viewer):
    paid_order(app, client, alice, insured_adult)
    page = as_viewer.get("/admin/").get_data(as_text=True)
    charts = re.findall(r'<svg data-chart="([a-z-]+)"', page)
    assert set(charts) >= {"new-users", "orders", "premium", "visits", "conversion", "envelope-funnel",
                           "referral-share", "claims-by-step", "claims-durations"}
    for table in ("new-users", "orders", "visits", "conversion", "envelope-funnel", "referrals", "claims"):
        assert f'data-table="{table}"' in page, table
    assert 'data-kpi="premium">¥16.00<' in page
    # Nothing to fetch from elsewhere, and nothing to run.
    assert "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_the_median_time_at_a_step_once_enough_claims_have_moved_on(app, client, catalog, alice, insured_adult,
                                                                    as_operator, as_english_admin):
    order = paid_order(app, client, alice, insured_adult)
    filed = [file_claim(client, alice, order["policy_no"]) for _ in range(3)]
    later = clock.now()
    for hours, claim_no in zip((1, 2, 6), filed):
        with clock.frozen_at(later + dt.timedelta(hours=hours)):
            response = post_form(as_operator, f"/admin/claims/{claim_no}/move", {"to_state": "accepted"},
                                 token_from=f"/admin/claims/{claim_no}")
            assert response.status_code == 303
    with clock.frozen_at(later + dt.timedelta(hours=7)):
        steps = {r["step"]: r for r in figures(app)["claims"]["steps"]}
        chinese = as_operator.get("/admin/").get_data(as_text=True)
        english = as_english_admin.get("/admin/").get_data(as_text=True)
    assert (steps["submitted"]["samples"], steps["submitted"]["median_seconds"]) == (3, 2 * 3600)
    assert steps["accepted"]["count"] == 3 and steps["accepted"]["median_seconds"] is None
    for page, row in ((chinese, '<td title="submitted">已报案</td><td class="num">2小时0分</td>'),
                      (english, '<td title="submitted">submitted</td><td class="num">2h 0m</td>')):
        durations = page[page.index('data-table="claim-durations"'):]
        assert row in durations.replace("\n", "")


def test_a_day_is_still_filling_up_until_its_last_first_visitor_has_had_seven_days(app, client, catalog,
                                                                                  insured_adult):
    """Hana first opens the app at 20:00 on 10 Nov (Beijing) and has until 20:00 on the 17th to convert. At noon on
    the 17th her day is still filling up and must carry the * ("still filling up"); it was shown as final, and then
    rose when she bought that afternoon."""
    with clock.frozen_at(at("2026-11-10T20:00:00")):
        hana = login(client, "hana")
        visit(client, hana["token"])
    day = row(figures(app, at("2026-11-17T12:00:00"))["conversion"], "2026-11-10")
    assert (day["first_visits"], day["converted"], day["open"]) == (1, 0, True)
    with clock.frozen_at(at("2026-11-17T15:00:00")):                # within her 7 days: a conversion
        paid_order(app, client, {"headers": bearer(login(client, "hana")["token"])}, insured_adult)
    day = row(figures(app, at("2026-11-17T16:00:00"))["conversion"], "2026-11-10")
    assert (day["converted"], day["rate"], day["open"]) == (1, 100.0, True)
    # From midnight on the 18th every first visit of the 10th has had its 7 days: the day is final.
    assert row(figures(app, at("2026-11-18T00:00:00"))["conversion"], "2026-11-10")["open"] is False
    assert row(figures(app, at("2026-11-17T23:59:59"))["conversion"], "2026-11-10")["open"] is True
