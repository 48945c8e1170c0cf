"""``POST /orders/{no}/pay`` when WeChat Pay refuses the prepay (review of 7 December): every refusal was 409
``order_not_payable`` "no longer awaiting payment", so WeChat being busy told the user their order could not be paid
any more. Only a refusal meaning so (paid, closed) is 409, saying which; WeChat busy is 503 and too many calls 429,
and the order stays payable. Each test failed on the code before its fix."""

from __future__ import annotations


import pytest
import requests

from tests.renewals.test_review_weaknesses import hold_back, release
from tests.renewals.test_walk import buy_monthly, policy, sign
from tests.support import run_jobs, wechat_answering_through


def _v2_refusal(code: str, text: str) -> requests.Response:
    """WeChat Pay v2's answer refusing a call: ``return_code`` SUCCESS, ``result_code`` FAIL and its ``err_code``."""
    response = requests.Response()
    response.status_code = 200
    response._content = (f"<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg>"
                         f"<result_code><![CDATA[FAIL]]></result_code><err_code><![CDATA[{code}]]></err_code>"
                         f"<err_code_des><![CDATA[{text}]]></err_code_des></xml>").encode()
    response.headers["Content-Type"] = "text/xml"
    return response


class _Refusing(requests.adapters.BaseAdapter):
    """WeChat Pay refusing the next unified order with ``code`` (its documented wire format); the rest passed on."""

    def __init__(self, inner, code: str, text: str):
        super().__init__()
        self.inner, self.code, self.text, self.refused = inner, code, text, False

    def send(self, request, **kwargs):
        if request.url.endswith("/pay/unifiedorder") and not self.refused:
            self.refused = True
            response = _v2_refusal(self.code, self.text)
            response.request, response.url = request, request.url
            return response
        return self.inner.send(request, **kwargs)

    def close(self):
        self.inner.close()


def wechat_refusing(app, code: str, text: str):
    return wechat_answering_through(app, lambda adapter: _Refusing(adapter, code, text))


@pytest.mark.parametrize(("code", "text", "status", "error"), [
    ("SYSTEMERROR", "系统超时", 503, "service_unavailable"),
    ("FREQUENCY_LIMITED", "你的操作过于频繁，请稍后再试。", 429, "rate_limited"),
])
def test_wechat_busy_is_not_an_order_that_cannot_be_paid(app, client, catalog, alice, insured_adult, code, text,
                                                          status, error):
    """The user came back without signing and asks to pay by hand; WeChat Pay is busy. They were told 409 "This
    order is no longer awaiting payment" and stopped; it is 503 (429) "try again", and trying again pays it."""
    order = buy_monthly(client, alice, insured_adult)
    with wechat_refusing(app, code, text):
        busy = client.post(f"/api/v1/orders/{order['order_no']}/pay", headers=alice["headers"])
    assert (busy.status_code, busy.get_json()["error"]["code"]) == (status, error), busy.get_json()
    again = client.post(f"/api/v1/orders/{order['order_no']}/pay", headers=alice["headers"])
    assert again.status_code == 200 and again.get_json()["pay_params"], again.get_json()


def test_an_order_wechat_closed_says_so(app, client, catalog, alice, insured_adult):
    """WeChat Pay has the order closed (ORDERCLOSED: "当前订单已关闭，请重新下单"): 409, saying it was closed and to
    order again, not that it is "no longer awaiting payment"."""
    order = buy_monthly(client, alice, insured_adult)
    with wechat_refusing(app, "ORDERCLOSED", "订单已关闭"):
        closed = client.post(f"/api/v1/orders/{order['order_no']}/pay", headers=alice["headers"])
    assert closed.status_code == 409 and closed.get_json()["error"]["code"] == "order_not_payable"
    assert closed.get_json()["error"]["message"] == "微信支付已关闭这笔订单，无法再支付；请重新下单。"


def test_an_order_signing_paid_says_it_is_paid(app, client, catalog, alice, insured_adult):
    """Signing paid the first month and its notification is on its way (the sandbox answers ORDERPAID): 409 saying
    the order is paid and will show so shortly, and then it does."""
    order = buy_monthly(client, alice, insured_adult)
    sign(client, order["contract"])
    held = hold_back(app, "TRANSACTION.SUCCESS")
    run_jobs(app)
    paid = client.post(f"/api/v1/orders/{order['order_no']}/pay", headers=alice["headers"])
    assert paid.status_code == 409 and paid.get_json()["error"]["code"] == "order_not_payable"
    assert paid.get_json()["error"]["message"] == "这笔订单已支付，稍后即会显示为已支付。"
    release(app, held)
    assert policy(client, alice, order["order_no"])["renewal"]["status"] == "active"


def test_an_order_made_while_wechat_is_busy_is_a_503_not_a_500(app, client, catalog, alice, insured_adult):
    """The same prepay makes every order: WeChat Pay answering SYSTEMERROR to a new order was a 500."""
    from tests.support import agreement, plan_id

    body = {"plan_id": plan_id(client, "accident-basic"), "insured": insured_adult, **agreement(client, "accident-basic")}
    with wechat_refusing(app, "SYSTEMERROR", "系统超时"):
        busy = client.post("/api/v1/orders", json=body, headers=alice["headers"])
    assert (busy.status_code, busy.get_json()["error"]["code"]) == (503, "service_unavailable"), busy.get_json()
    assert client.post("/api/v1/orders", json=body, headers=alice["headers"]).status_code == 201
