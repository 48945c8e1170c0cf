"""The order and policy pages show a monthly policy's contract, each period and each deduction attempt."""

from __future__ import annotations

import datetime as dt
import re

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
    # A renewal's money words, not a claim's or a refund's (they read 已赔付, 退款失败 and 已报案).
    first_period = re.search(r'<tr data-period="1">.*?</tr>', page, re.S).group(0)
    assert 'data-status="paid">已扣款<' in first_period
    assert 'data-status="failed">扣款失败<' in page
    assert not {"已赔付", "退款失败", "已报案"} & set(re.findall(r'data-status="\w+">([^<]+)<', page))
    english = as_english_admin.get(f"/admin/policies/{shown['policy_no']}").get_data(as_text=True)
    assert "Monthly auto-renewal" in english and "retrying a failed charge" in english
    missing = as_viewer.get("/admin/policies/P000")
    assert missing.status_code == 404 and "没有找到这个保单号对应的已购保单。" in missing.get_data(as_text=True)


def test_the_order_page_never_shows_more_of_the_insured_name_than_its_first_character(app, client, catalog, alice,
                                                                                      as_viewer):
    order = buy_monthly(client, alice, {"name": "张翼", "id_number": _adult_number()})
    sign(client, order["contract"])
    run_jobs(app)
    page = as_viewer.get(f"/admin/orders/{order['order_no']}").get_data(as_text=True)
    assert "自动续保" in page and "张*" in page
    # WeChat's signing page masks all but the last character (**翼); beside our 张* that is the whole name.
    assert "翼" not in page


def _adult_number() -> str:
    from tests.support import resident_id

    return resident_id("19900307")
