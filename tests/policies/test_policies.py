"""Policies: issued once at payment, cover from issue to the end of the term, seen only by their holder."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core import clock
from app.policies.services import cover_period
from tests.payments.helpers import post_notification, signed_notification
from tests.support import agreement, bearer, login, plan_id


def buy_and_pay(app, client, who, insured, plan_code="accident-basic") -> str:
    order = client.post("/api/v1/orders", json={"plan_id": plan_id(client, plan_code), **agreement(client, plan_code),
                                                "insured": insured},
                        headers=who["headers"]).get_json()
    response = post_notification(client, signed_notification(app, order["order_no"], order["amount_fen"]))
    assert response.status_code == 200
    return client.get(f"/api/v1/orders/{order['order_no']}", headers=who["headers"]).get_json()["policy_no"]


class FakePlan:
    def __init__(self, term_days, waiting_period_days=0):
        self.term_days, self.waiting_period_days = term_days, waiting_period_days


def test_cover_runs_from_issue_to_midnight_shanghai_after_the_term():
    issued = dt.datetime(2026, 3, 1, 10, 0, tzinfo=clock.SHANGHAI)
    ends_at, illness_from = cover_period(FakePlan(30), issued)
    assert ends_at == dt.datetime(2026, 4, 1, 0, 0, tzinfo=clock.SHANGHAI)  # 24:00 on 31 March
    assert illness_from == issued


def test_cover_issued_just_before_midnight_utc_counts_the_shanghai_day():
    issued = dt.datetime(2026, 3, 1, 23, 30, tzinfo=clock.UTC)  # 07:30 on 2 March in Shanghai
    ends_at, _ = cover_period(FakePlan(365), issued)
    assert ends_at == dt.datetime(2027, 3, 3, 0, 0, tzinfo=clock.SHANGHAI)


def test_the_hospital_plan_covers_illness_after_its_waiting_period(app, client, catalog, alice):
    from tests.support import resident_id

    policy_no = buy_and_pay(app, client, alice, {"name": "赵六", "id_number": resident_id("20100101")},
                            "hospital-basic")
    body = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()
    starts = dt.datetime.fromisoformat(body["starts_at"])
    assert dt.datetime.fromisoformat(body["illness_cover_starts_at"]) - starts == dt.timedelta(days=30)
    assert body["waiting_period_days"] == 30
    assert (dt.datetime.fromisoformat(body["ends_at"]) - starts).days in (365, 366)


def test_policy_detail_shows_the_insured_masked(app, client, catalog, alice, insured_adult):
    policy_no = buy_and_pay(app, client, alice, insured_adult)
    body = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()
    assert body["insured_name"] == "张*"
    assert body["insured_id_number"] == insured_adult["id_number"][:1] + "*" * 16 + insured_adult["id_number"][-1:]
    assert insured_adult["id_number"] not in str(body)
    assert body["premium_fen"] == 500 and body["coverage_fen"] == 30_000_000
    assert body["covered"] and body["not_covered"]
    assert dt.datetime.fromisoformat(body["starts_at"]).utcoffset() is not None


def test_another_users_policy_is_404_and_lists_are_private(app, client, catalog, alice, bob, insured_adult):
    policy_no = buy_and_pay(app, client, alice, insured_adult)
    response = client.get(f"/api/v1/policies/{policy_no}", headers=bob["headers"])
    assert response.status_code == 404
    assert response.get_json() == client.get("/api/v1/policies/P000", headers=bob["headers"]).get_json()
    assert client.get("/api/v1/policies", headers=bob["headers"]).get_json() == []


def test_policy_numbers_are_unique_and_readable(app, client, catalog, alice, insured_adult):
    numbers = {buy_and_pay(app, client, alice, insured_adult) for _ in range(5)}
    assert len(numbers) == 5
    for number in numbers:
        assert number.startswith("P") and len(number) == 19 and number[1:].isdigit()


def test_a_policy_past_its_end_shows_expired(app, client, catalog, alice, insured_adult):
    policy_no = buy_and_pay(app, client, alice, insured_adult)
    with clock.frozen_at(clock.now() + dt.timedelta(days=32)):
        token = login(client, "alice")["token"]  # the first login's token has expired by now too
        body = client.get(f"/api/v1/policies/{policy_no}", headers=bearer(token)).get_json()
    assert body["status"] == "expired"


@pytest.mark.parametrize("path", ["/api/v1/policies", "/api/v1/policies/P1"])
def test_policies_need_a_login(client, path):
    assert client.get(path).status_code == 401
