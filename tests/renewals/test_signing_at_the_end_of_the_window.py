"""An order paid by signing its contract, near the end of its payment window: a contract offered in the window can
still be signed and pay, and none is offered after it. Driven as the user, WeChat and the periodic jobs drive it;
each test failed on the code before its fix."""

from __future__ import annotations

import datetime as dt

from app.core import clock
from tests.renewals.test_walk import buy_monthly, policy
from tests.support import bearer, login, run_jobs


def sweep_at(app, moment: dt.datetime) -> dict:
    """The money core's periodic sweep of unpaid orders, as the job worker runs it, at ``moment``."""
    from app.payments.tasks import sweep_unpaid_orders

    with app.app_context(), clock.frozen_at(moment):
        return sweep_unpaid_orders()


def test_a_contract_offered_near_the_end_of_the_orders_window_and_signed_in_its_life_buys_the_cover(
        app, client, catalog, alice, insured_adult):
    """The user came back to the order page 28 minutes after ordering with auto-renewal: the page asked for a fresh
    pre-sign (POST /orders/{no}/contract), which WeChat keeps 10 minutes. They signed it at minute 33, and WeChat
    took the first month. The unpaid-order sweep now closes orders paid by signing 30 minutes after they were made
    (it skipped them before), and WeChat was never told (such an order has no prepay to close): the payment was
    refunded as late, the contract ended, and the user was left with no cover for a contract we offered them."""
    start = clock.now()
    order = buy_monthly(client, alice, insured_adult)
    with clock.frozen_at(start + dt.timedelta(minutes=28)):
        headers = bearer(login(client, "alice")["token"])
        fresh = client.post(f"/api/v1/orders/{order['order_no']}/contract", headers=headers)
        assert fresh.status_code == 200, fresh.get_json()
        contract = fresh.get_json()["contract"]
    sweep_at(app, start + dt.timedelta(minutes=31))
    signed_at = start + dt.timedelta(minutes=33)
    signed = client.post("/sandbox/wechat/papay/confirm", json={"pre_entrustweb_id": contract["pre_entrustweb_id"]},
                         headers={"X-Sandbox-Now": signed_at.isoformat()})
    assert signed.status_code == 200, signed.get_json()  # WeChat signed it and took the first month
    with clock.frozen_at(signed_at):
        run_jobs(app)
    sweep_at(app, start + dt.timedelta(minutes=45))
    body = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()
    assert body["status"] == "fulfilled", body
    shown = policy(client, alice, order["order_no"])
    assert shown["status"] == "active" and shown["renewal"]["status"] == "active", shown


def test_no_contract_is_offered_for_an_order_past_its_window(app, client, catalog, alice, insured_adult):
    """Past the order's 30 minutes no fresh pre-sign is offered, even before the sweep has closed the order: one
    offered then would outlive the order."""
    start = clock.now()
    order = buy_monthly(client, alice, insured_adult)
    with clock.frozen_at(start + dt.timedelta(minutes=31)):
        headers = bearer(login(client, "alice")["token"])
        late = client.post(f"/api/v1/orders/{order['order_no']}/contract", headers=headers)
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "order_not_payable", late.get_json()
