"""Stopping: the user in WeChat's settings (a TERMINATE notification), the user through our API (DELETE), a
cooling-off cancellation; and the command's --now."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core import clock
from app.renewals.tasks import parse_now
from tests.renewals.test_walk import (
    beijing,
    buy_monthly,
    policy,
    redeliver_all_twice_in_reverse,
    renewals_run,
    sign,
)
from tests.support import resident_id, run_jobs


def signed_policy(app, client, user, insured) -> tuple[dict, str]:
    order = buy_monthly(client, user, insured)
    contract_id = sign(client, order["contract"])
    run_jobs(app)
    return order, contract_id


def next_charge_day(shown) -> dt.date:
    return dt.date.fromisoformat(shown["renewal"]["next_charge_on"])


def test_a_user_ends_it_in_wechat(app, client, catalog, alice, insured_adult):
    order, contract_id = signed_policy(app, client, alice, insured_adult)
    before = policy(client, alice, order["order_no"])
    assert client.post("/sandbox/wechat/papay/terminate", json={"contract_id": contract_id}).status_code == 200
    run_jobs(app)
    redeliver_all_twice_in_reverse(app, client)
    shown = policy(client, alice, order["order_no"])
    assert (shown["renewal"]["status"], shown["renewal"]["end_reason"]) == ("cancelled", "user")
    assert shown["ends_at"] == before["ends_at"] and shown["status"] == "active"  # paid cover runs on
    refused = client.delete(f"/api/v1/policies/{shown['policy_no']}/renewal", headers=alice["headers"])
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "renewal_not_active"
    assert "nothing" in renewals_run(app, beijing(next_charge_day(before), 9))


def test_a_user_stops_it_through_the_api(app, client, catalog, alice, bob, insured_adult):
    order, contract_id = signed_policy(app, client, alice, insured_adult)
    before = policy(client, alice, order["order_no"])
    path = f"/api/v1/policies/{before['policy_no']}/renewal"
    assert client.delete(path, headers=bob["headers"]).status_code == 404
    stopped = client.delete(path, headers=alice["headers"])
    assert stopped.status_code == 200
    assert (stopped.get_json()["renewal"]["status"], stopped.get_json()["renewal"]["end_reason"]) == (
        "cancelled", "merchant")
    run_jobs(app)  # WeChat's TERMINATE (MCH_API_TERMINATE) changes nothing more
    redeliver_all_twice_in_reverse(app, client)
    shown = policy(client, alice, order["order_no"])
    assert shown["renewal"]["status"] == "cancelled" and shown["ends_at"] == before["ends_at"]
    assert client.delete(path, headers=alice["headers"]).status_code == 409
    day = next_charge_day(before)
    assert "nothing" in renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    assert "nothing" in renewals_run(app, beijing(day, 9))


def test_a_cooling_off_cancellation_ends_the_contract(app, client, catalog, alice, insured_adult):
    order, contract_id = signed_policy(app, client, alice, insured_adult)
    shown = policy(client, alice, order["order_no"])
    cancelled = client.post(f"/api/v1/policies/{shown['policy_no']}/cancel", headers=alice["headers"])
    assert cancelled.status_code == 200
    assert (cancelled.get_json()["renewal"]["status"], cancelled.get_json()["renewal"]["end_reason"]) == (
        "cancelled", "cooling_off")
    run_jobs(app)  # the contract is ended at WeChat after commit
    query = client.post("/sandbox/wechat/papay/terminate", json={"contract_id": contract_id})
    assert query.status_code == 409  # already ended


def test_the_insured_past_the_age_limit_stops_renewal(app, client, catalog, alice):
    today = clock.to_shanghai(clock.now()).date()
    # 60 today, 61 in a month's time: the plan's ages are 18-60.
    birth = today.replace(year=today.year - 61) + dt.timedelta(days=20)
    order, _ = signed_policy(app, client, alice, {"name": "李四", "id_number": resident_id(birth.strftime("%Y%m%d"))})
    day = next_charge_day(policy(client, alice, order["order_no"]))
    assert "age_limit=1" in renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    shown = policy(client, alice, order["order_no"])
    assert (shown["renewal"]["status"], shown["renewal"]["end_reason"]) == ("cancelled", "age_limit")


def test_the_commands_now_needs_an_offset_and_is_never_ahead_in_production():
    assert parse_now("2027-01-31T09:00:00+08:00", production=False).isoformat() == "2027-01-31T01:00:00+00:00"
    with pytest.raises(ValueError):
        parse_now("2027-01-31T09:00:00", production=False)
    with pytest.raises(ValueError):
        parse_now((clock.now() + dt.timedelta(hours=1)).isoformat(), production=True)
    assert parse_now((clock.now() - dt.timedelta(days=1)).isoformat(), production=True) is not None
