"""A monthly policy walked through its life in the sandbox (issue 17's "Done when"): signed with the first
payment, renewed three times by ``flask renewals run --now``, a declined charge that succeeds on retry, one
that never does and lapses; every notification delivered again, twice and in reverse order, still one period
per payment."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.payments.models import PaymentNotification
from app.renewals.services import add_months
from tests.payments.v3_helpers import NOTIFY_PATH
from tests.support import agreement, bearer, login, plan_id, run_jobs
from tests.wechat.test_papay import openid_of


def beijing(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=clock.SHANGHAI)


def midnight(day: dt.date) -> str:
    return beijing(day, 0).astimezone(clock.UTC).isoformat()


def renewals_run(app, moment: dt.datetime) -> str:
    result = app.test_cli_runner().invoke(args=["renewals", "run", "--now", moment.isoformat()])
    assert result.exit_code == 0, result.output
    run_jobs(app)
    return result.output


def buy_monthly(client, user, insured, **extra):
    response = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                   "insured": insured, "auto_renew": True,
                                                   **agreement(client, "accident-basic"), **extra},
                           headers=user["headers"])
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def sign(client, contract: dict):
    response = client.post("/sandbox/wechat/papay/confirm", json={"pre_entrustweb_id": contract["pre_entrustweb_id"]})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["contract_id"]


def policy(client, user, order_no: str) -> dict:
    no = client.get(f"/api/v1/orders/{order_no}", headers=user["headers"]).get_json()["policy_no"]
    return client.get(f"/api/v1/policies/{no}", headers=user["headers"]).get_json()


def redeliver_all_twice_in_reverse(app, client) -> None:
    """Every notification WeChat sent so far, again, twice, newest first (WeChat's retries, out of order)."""
    with app.app_context():
        records = db.session.execute(sa.select(PaymentNotification.headers, PaymentNotification.body).where(
            PaymentNotification.provider == "wechatpay_v3").order_by(PaymentNotification.id.desc())).all()
    for headers, body in records:
        for _ in range(2):
            response = client.post(NOTIFY_PATH, data=body.encode(), headers=headers)
            assert response.status_code in (200, 204), (response.status_code, response.get_data())


def test_a_monthly_policy_renews_retries_and_lapses(app, client, catalog, alice, insured_adult):
    order = buy_monthly(client, alice, insured_adult)
    assert order["pay_params"] is None and set(order["contract"]) == {
        "pre_entrustweb_id", "redirect_appid", "redirect_path"}
    first_day = clock.to_shanghai(clock.now()).date()
    contract_id = sign(client, order["contract"])
    run_jobs(app)
    redeliver_all_twice_in_reverse(app, client)

    # Signing paid the first month: one payment, the policy runs to the end of the calendar month.
    body = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()
    assert body["status"] == "fulfilled"
    shown = policy(client, alice, order["order_no"])
    renewal = shown["renewal"]
    month_later = add_months(first_day, 1)
    assert (renewal["status"], renewal["contract_id"], renewal["amount_fen"]) == ("active", contract_id, 500)
    assert renewal["next_charge_on"] == (month_later - dt.timedelta(days=1)).isoformat()
    assert [(p["n"], p["status"]) for p in renewal["periods"]] == [(1, "paid")]
    assert shown["ends_at"] == renewal["periods"][0]["ends_at"] == midnight(month_later)

    # Renewal 1 (period 2): scheduled the day before its date, charged on it; cover runs on without a gap.
    due = month_later - dt.timedelta(days=1)
    assert "nothing" in renewals_run(app, beijing(due - dt.timedelta(days=3), 9))  # too early
    assert "scheduled=1" in renewals_run(app, beijing(due - dt.timedelta(days=1), 9))
    assert "submitted=1" in renewals_run(app, beijing(due, 9))
    renewal = policy(client, alice, order["order_no"])["renewal"]
    assert [(p["n"], p["status"], p["starts_at"]) for p in renewal["periods"]][1] == (2, "paid", midnight(month_later))
    two_months = add_months(first_day, 2)
    assert renewal["periods"][1]["ends_at"] == midnight(two_months)

    # Renewal 2 (period 3): declined on its day, retried the next day (once a day), paid late: cover
    # restarts at the payment, and an accident in the gap is not covered.
    due = two_months - dt.timedelta(days=1)
    renewals_run(app, beijing(due - dt.timedelta(days=1), 10))
    assert client.post("/sandbox/wechat/papay/decline", json={"openid": openid_of(client, alice)}).status_code == 200
    renewals_run(app, beijing(due, 9))
    shown = policy(client, alice, order["order_no"])
    assert shown["renewal"]["status"] == "retrying"
    assert "nothing" in renewals_run(app, beijing(due, 15))  # at most one attempt a day
    late = beijing(two_months, 9)
    assert "submitted=1" in renewals_run(app, late)
    shown = policy(client, alice, order["order_no"])
    third = shown["renewal"]["periods"][2]
    assert shown["renewal"]["status"] == "active"
    assert (third["status"], third["starts_at"]) == ("paid", late.astimezone(clock.UTC).isoformat())
    assert third["ends_at"] == midnight(add_months(two_months, 1)) == shown["ends_at"]
    with clock.frozen_at(late + dt.timedelta(hours=2)):  # two months on: alice logs in again
        headers = bearer(login(client, "alice")["token"])

        def claim(occurred_at: dt.datetime):
            return client.post("/api/v1/claims", json={
                "policy_no": shown["policy_no"], "kind": "accident", "claimed_fen": 10000, "description": "摔伤",
                "occurred_at": occurred_at.isoformat()}, headers=headers)

        in_the_gap = claim(beijing(two_months, 3))
        assert in_the_gap.status_code == 422 and in_the_gap.get_json()["error"]["code"] == "outside_cover_period"
        in_period_two = claim(beijing(two_months - dt.timedelta(days=3), 12))
        assert in_period_two.status_code == 201, in_period_two.get_json()

    # Renewal 3 (period 4), on time from the new day of the month.
    three_months = add_months(two_months, 1)
    renewals_run(app, beijing(three_months - dt.timedelta(days=2), 9))
    renewals_run(app, beijing(three_months - dt.timedelta(days=1), 9))
    shown = policy(client, alice, order["order_no"])
    assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid"] * 4
    assert shown["ends_at"] == midnight(add_months(three_months, 1))

    # Period 5 never succeeds: retried daily inside WeChat's window, then lapsed and the contract ended.
    four_months = add_months(three_months, 1)
    client.post("/sandbox/wechat/papay/decline", json={"openid": openid_of(client, alice), "times": 50})
    renewals_run(app, beijing(four_months - dt.timedelta(days=2), 9))
    renewals_run(app, beijing(four_months - dt.timedelta(days=1), 9))
    renewals_run(app, beijing(four_months, 9))
    assert policy(client, alice, order["order_no"])["renewal"]["status"] == "retrying"
    estimated = add_months(first_day, 5) - dt.timedelta(days=1)
    assert "lapsed=1" in renewals_run(app, beijing(estimated + dt.timedelta(days=30), 9))
    shown = policy(client, alice, order["order_no"])
    assert shown["renewal"]["status"] == "lapsed" and shown["renewal"]["next_charge_on"] is None
    assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid"] * 4 + ["lapsed"]
    assert shown["ends_at"] == midnight(four_months)  # the end of the last paid period

    # Everything delivered again, twice, newest first: still one period per payment.
    redeliver_all_twice_in_reverse(app, client)
    again = policy(client, alice, order["order_no"])
    assert again["renewal"] == shown["renewal"] and again["ends_at"] == shown["ends_at"]
    assert "nothing" in renewals_run(app, beijing(estimated + dt.timedelta(days=31), 9))
