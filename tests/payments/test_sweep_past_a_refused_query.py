"""The unpaid-order sweep goes past an order whose query WeChat Pay refuses (v2 orderquery's documented SYSTEMERROR,
"系统异常，请再调用发起查询"): it raised out of the whole sweep, so every order after it in that run was neither
reconciled nor closed, and an order whose refusal persists stopped the sweep for good (it is the oldest due)."""

from __future__ import annotations

import datetime as dt

import requests
import sqlalchemy as sa

from app.core import clock
from app.extensions import db, redis_store
from app.orders.models import Order
from tests.payments.test_after_payment import run_sweep
from tests.renewals.test_pay_refusals import _v2_refusal
from tests.support import agreement, plan_id, prepay_id_of, wechat_answering_through


class _QueryRefused(requests.adapters.BaseAdapter):
    """WeChat Pay refusing every query of one order with SYSTEMERROR; every other call passed on."""

    def __init__(self, inner, order_no: str):
        super().__init__()
        self.inner, self.order_no = inner, order_no

    def send(self, request, **kwargs):
        if request.url.endswith("/pay/orderquery") and self.order_no.encode() in (request.body or b""):
            response = _v2_refusal("SYSTEMERROR", "系统异常，请再调用发起查询")
            response.request, response.url = request, request.url
            return response
        return self.inner.send(request, **kwargs)

    def close(self):
        self.inner.close()


def new_order(client, who, insured) -> dict:
    response = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-plus"),
                                                   **agreement(client, "accident-plus"), "insured": insured},
                           headers=who["headers"])
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_an_order_whose_query_is_refused_does_not_hold_up_the_others(app, client, catalog, alice, insured_adult):
    refused = new_order(client, alice, insured_adult)
    with clock.frozen_at(clock.now() + dt.timedelta(seconds=1)):
        paid = new_order(client, alice, insured_adult)
    with app.app_context():  # paid at WeChat, its notification lost on the way
        client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(paid["pay_params"])})
        redis_store.delete("rq:queue:default")
    with wechat_answering_through(app, lambda adapter: _QueryRefused(adapter, refused["order_no"])), \
            clock.frozen_at(clock.now() + dt.timedelta(minutes=4)):
        summary = run_sweep(app)
    assert summary == {"postponed": 1, "applied": 1}
    with app.app_context():
        statuses = dict(db.session.execute(sa.select(Order.order_no, Order.status)).all())
    assert statuses == {refused["order_no"]: "created", paid["order_no"]: "fulfilled"}
