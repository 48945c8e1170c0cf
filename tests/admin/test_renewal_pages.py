"""The order and policy pages show a monthly policy's contract, each period and each deduction attempt."""

from __future__ import annotations

import datetime as dt

from tests.renewals.test_walk import beijing, buy_monthly, policy, renewals_run, sign
from tests.support import run_jobs


def test_the_pages_show_the_contract_periods_and_attempts(app, client, catalog, alice, insured_adult, as_viewer,
                                                          as_english_admin):
    order = buy_monthly(client, alice, insured_adult)
    contract_id = sign(client, order["contract"])
    run_jobs(app)
    shown = policy(client, alice, order["order_no"])
    day = dt.date.fromisoformat(shown["renewal"]["next_charge_on"])
    client.post("/sandbox/wechat/papay/decline", json={"openid": client.get(
        "/api/v1/me", headers=alice["headers"]).get_json()["openid"]})
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    renewals_run(app, beijing(day, 9))

    page = as_viewer.get(f"/admin/orders/{order['order_no']}").get_data(as_text=True)
    assert "自动续保" in page and contract_id in page
    assert 'data-period="2"' in page and "用户余额不足" in page  # the declined attempt and WeChat's words
    english = as_english_admin.get(f"/admin/policies/{shown['policy_no']}").get_data(as_text=True)
    assert "Monthly auto-renewal" in english and "retrying a failed charge" in english
    assert as_viewer.get("/admin/policies/P000").status_code == 404
