"""WeChat Pay's contract, through the one ``PayGateway`` interface: both API versions, the same tests.

Each runs against the sandbox in WeChat's wire format (v2 XML, v3 signed JSON), through the
gateway the app builds for that version; what the money core sees must not depend on it.
"""

from __future__ import annotations

import datetime as dt
import secrets

import pytest

from app.core import clock
from app.sandbox import notifications
from app.sandbox.pay_state import load_order, load_refund, settle_refund
from app.wechat import pay
from app.wechat.signing import sign_v2
from app.wechat.xml import to_xml

VERSIONS = ("v2", "v3")


@pytest.fixture(params=VERSIONS)
def version_app(request):
    """The app configured for one Pay version (its gateway is ``pay.gateway()``)."""
    return request.getfixturevalue("app" if request.param == "v2" else "v3_app")


def new_order_no() -> str:
    return "RC" + clock.to_shanghai(clock.now()).strftime("%Y%m%d%H%M%S") + f"{secrets.randbelow(10**8):08d}"


def prepay(gateway: pay.PayGateway, total_fee: int = 500):
    out_trade_no = new_order_no()
    now = clock.now()
    prepaid = gateway.prepay(out_trade_no=out_trade_no, total_fee=total_fee, description="Redcover - contract",
                             openid="o-contract-payer", client_ip="127.0.0.1", created_at=now,
                             expires_at=now + dt.timedelta(minutes=30))
    return out_trade_no, prepaid


def pay_at_wechat(version_app, prepay_id: str) -> dict:
    confirmed = version_app.test_client().post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id})
    assert confirmed.status_code == 200, confirmed.get_json()
    return confirmed.get_json()


def delivered_payment(version_app, out_trade_no: str) -> tuple[dict, bytes]:
    """The notification WeChat delivers for a paid order: (headers, body), in the order's version's format."""
    order = load_order(out_trade_no)
    if order.get("version") == "v3":
        body = notifications.payment_notification_body(order)
        return notifications.platform_signature_headers(body), body
    fields = notifications.payment_notification_fields(order)
    return {"Content-Type": "text/xml"}, to_xml(fields, sign_v2(fields, version_app.config["WECHAT_PAY_API_KEY"])).encode()


def delivered_refund(out_refund_no: str) -> tuple[dict, bytes]:
    refund = load_refund(out_refund_no)
    if refund.get("version") == "v3":
        body = notifications.refund_notification_body(refund)
        return notifications.platform_signature_headers(body), body
    return {"Content-Type": "text/xml"}, to_xml(notifications.refund_notification_fields(refund)).encode()


def test_the_gateway_is_the_configured_version_and_both_implement_the_interface(version_app):
    with version_app.app_context():
        gateway = pay.gateway()
        assert gateway.version == version_app.config["WECHAT_PAY_VERSION"]
        for name in ("prepay", "query", "close", "refund", "query_refund", "parse_notification"):
            assert callable(getattr(gateway, name))


def test_prepay_answers_signed_pay_params_and_the_order_waits_unpaid(version_app):
    with version_app.app_context():
        gateway = pay.gateway()
        out_trade_no, prepaid = prepay(gateway)
        assert prepaid.pay_params["package"] == f"prepay_id={prepaid.prepay_id}"
        assert set(prepaid.pay_params) == {"timeStamp", "nonceStr", "package", "signType", "paySign"}
        assert prepaid.pay_params["signType"] == {"v2": "MD5", "v3": "RSA"}[gateway.version]
        assert load_order(out_trade_no)["notify_url"] == pay.notify_url(version_app.config, gateway.version, "payment")
        state = gateway.query(out_trade_no)
        assert (state.state, state.notice) == ("NOTPAY", None)


def test_a_paid_order_is_reported_alike_by_query_and_by_notification(version_app):
    with version_app.app_context():
        gateway = pay.gateway()
        out_trade_no, prepaid = prepay(gateway, total_fee=1600)
        transaction_id = pay_at_wechat(version_app, prepaid.prepay_id)["transaction_id"]
        queried = gateway.query(out_trade_no)
        notified = gateway.parse_notification(*delivered_payment(version_app, out_trade_no))
    assert queried.state == "SUCCESS"
    assert notified.event_type == "TRANSACTION.SUCCESS" and notified.refund is None
    for notice in (queried.notice, notified.payment):
        assert (notice.out_trade_no, notice.transaction_id, notice.total_fee, notice.succeeded) == (
            out_trade_no, transaction_id, 1600, True)
        assert (notice.appid, notice.mch_id) == (version_app.config["WECHAT_APPID"], version_app.config["WECHAT_MCH_ID"])
        assert notice.openid == "o-contract-payer" and notice.paid_at is not None


def test_a_tampered_notification_is_rejected(version_app):
    with version_app.app_context():
        gateway = pay.gateway()
        out_trade_no, prepaid = prepay(gateway, total_fee=500)
        pay_at_wechat(version_app, prepaid.prepay_id)
        headers, body = delivered_payment(version_app, out_trade_no)
        tampered = body.replace(b"500", b"5") if gateway.version == "v2" else body.replace(b'"id":"', b'"id":"x')
        with pytest.raises(pay.NotificationRejected):
            gateway.parse_notification(headers, tampered)


def test_an_order_wechat_does_not_know_is_not_found(version_app):
    with version_app.app_context():
        assert pay.gateway().query(new_order_no()).state == "NOTFOUND"


def test_close_waits_five_minutes_then_closes_once_and_a_paid_order_cannot_close(version_app):
    with version_app.app_context():
        gateway = pay.gateway()
        unpaid, _ = prepay(gateway)
        with pytest.raises(pay.PayRequestFailed):
            gateway.close(unpaid)  # WeChat refuses a close within five minutes of the order
        paid, prepaid = prepay(gateway)
        pay_at_wechat(version_app, prepaid.prepay_id)
        with clock.frozen_at(clock.now() + dt.timedelta(minutes=6)):
            gateway.close(unpaid)
            assert gateway.query(unpaid).state == "CLOSED"
            gateway.close(unpaid)  # closing a closed order is no error
            with pytest.raises(pay.PayRequestFailed) as refused:
                gateway.close(paid)
    assert refused.value.err_code == "ORDERPAID"


def test_paying_an_order_closed_at_wechat_is_refused_as_closed(version_app):
    """WeChat's documented answer to a prepay of a closed order: ORDERCLOSED (v2) / ORDER_CLOSED (v3), "当前订单已关闭，
    请重新下单" (the sandbox answered a v2 INVALID_REQUEST / v3 OUT_TRADE_NO_USED, a reused number)."""
    with version_app.app_context():
        gateway = pay.gateway()
        unpaid, _ = prepay(gateway)
        later = clock.now() + dt.timedelta(minutes=6)
        with clock.frozen_at(later):
            gateway.close(unpaid)
            with pytest.raises(pay.PayRequestFailed) as refused:
                gateway.prepay(out_trade_no=unpaid, total_fee=500, description="Redcover - contract",
                               openid="o-contract-payer", client_ip="127.0.0.1", created_at=later,
                               expires_at=later + dt.timedelta(minutes=30))
    assert refused.value.err_code == {"v2": "ORDERCLOSED", "v3": "ORDER_CLOSED"}[gateway.version]


def test_a_refund_is_accepted_queried_and_notified_alike(version_app):
    with version_app.app_context():
        gateway = pay.gateway()
        out_trade_no, prepaid = prepay(gateway, total_fee=1600)
        transaction_id = pay_at_wechat(version_app, prepaid.prepay_id)["transaction_id"]
        out_refund_no = "RF" + new_order_no()[2:]
        accepted = gateway.refund(out_trade_no=out_trade_no, transaction_id=transaction_id,
                                  out_refund_no=out_refund_no, total_fee=1600, refund_fee=600, reason="contract")
        assert accepted.refund_id
        assert load_refund(out_refund_no)["notify_url"] == pay.notify_url(version_app.config, gateway.version,
                                                                           "refund")
        assert gateway.query_refund(out_refund_no).status == "PROCESSING"
        settle_refund(load_refund(out_refund_no), now=clock.now())
        queried = gateway.query_refund(out_refund_no)
        notified = gateway.parse_notification(*delivered_refund(out_refund_no))
        assert gateway.query_refund("RF" + new_order_no()[2:]) is None
    assert notified.event_type == "REFUND.SUCCESS" and notified.payment is None
    for result in (queried, notified.refund):
        assert (result.refund_no, result.status, result.refund_fee, result.wechat_refund_id) == (
            out_refund_no, "SUCCESS", 600, accepted.refund_id)
        assert result.succeeded_at is not None
    assert notified.out_trade_no == out_trade_no and notified.transaction_id == transaction_id


def test_refunding_more_than_was_paid_is_refused(version_app):
    with version_app.app_context():
        gateway = pay.gateway()
        out_trade_no, prepaid = prepay(gateway, total_fee=500)
        transaction_id = pay_at_wechat(version_app, prepaid.prepay_id)["transaction_id"]
        with pytest.raises(pay.PayRequestFailed) as refused:
            gateway.refund(out_trade_no=out_trade_no, transaction_id=transaction_id, out_refund_no="RF-too-much",
                           total_fee=500, refund_fee=501, reason="contract")
    assert refused.value.err_code == "INVALID_REQUEST"


def test_a_version_the_merchant_holds_no_keys_for_is_not_configured(app):
    from tests.support import config_set

    with config_set(app, WECHAT_PAY_APIV3_KEY=None), app.app_context():
        app.extensions["wechat_pay"].pop("v3", None)
        with pytest.raises(pay.PayNotConfigured) as refused:
            pay.gateway("v3")
    assert "WECHAT_PAY_APIV3_KEY" in str(refused.value)
