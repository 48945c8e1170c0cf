"""Contract deduction notifications: the sandbox's signed, encrypted bodies verify and decrypt into typed
events; a tampered one is refused, at the client and at the webhook; the webhook hands each event to
whoever subscribed to ``papay_event`` and records what they made of it."""

from __future__ import annotations

import base64
import json

import pytest
import sqlalchemy as sa

from app.core import events
from app.extensions import db
from app.payments.models import PaymentNotification
from app.payments.services import Outcome
from app.sandbox import notifications as built
from app.wechat import pay
from app.wechat.pay.papay_types import USER_TERMINATE, ContractEvent, DeductionEvent
from tests.payments.v3_helpers import NOTIFY_PATH, notification, sign, transaction


def terminated_contract(app) -> dict:
    return {"mchid": app.config["WECHAT_MCH_ID"], "appid": app.config["WECHAT_APPID"], "plan_id": 12535,
            "out_contract_code": "RCC0001", "contract_id": "200000000000000001", "contract_state": "TERMINATED",
            "contract_signed_time": "2026-12-01T10:00:00+08:00", "contract_expired_time": "2027-11-30T23:59:59+08:00",
            "openid": "oSandboxPayer", "insured_display_name": "**明",
            "contract_terminate_info": {"contract_termination_mode": USER_TERMINATE,
                                        "contract_terminated_time": "2027-01-06T22:00:00+08:00",
                                        "contract_termination_remark": "用户在微信支付中关闭自动续费"}}


def sandbox_built(app, event_type: str, resource: dict, original_type: str = "contract") -> tuple[dict, bytes]:
    """A notification exactly as the sandbox delivers it: encrypted under the APIv3 key, platform-signed."""
    with app.extensions["wechat_sandbox"].app_context():
        body = built.encrypted_notification("EV-1", event_type, "保险委托代扣解约通知", original_type, resource)
        return {"Content-Type": "application/json", **built.platform_signature_headers(body)}, body


def parse(app, headers, body):
    with app.app_context():
        return pay.papay().parse_notification(headers, body)


def test_a_sandbox_notification_verifies_and_decrypts_into_a_typed_event(app):
    headers, body = sandbox_built(app, "INSURANCE_ENTRUST.TERMINATE", terminated_contract(app))
    event = parse(app, headers, body)
    assert isinstance(event, ContractEvent) and event.event_type == "INSURANCE_ENTRUST.TERMINATE"
    assert (event.notification_id, event.contract.contract_id, event.contract.state) == (
        "EV-1", "200000000000000001", "TERMINATED")
    assert (event.contract.termination_mode, event.contract.termination_remark) == (
        USER_TERMINATE, "用户在微信支付中关闭自动续费")
    assert event.contract.terminated_at.isoformat() == "2027-01-06T14:00:00+00:00"
    assert event.sandbox_now is None  # no time travel on this one


def test_a_deduction_is_told_from_an_ordinary_payment_by_its_trade_type(app):
    headers, body = sandbox_built(app, "TRANSACTION.FAIL", transaction(
        app, "RCD1", 500, trade_type="PAP", trade_state="PAY_FAIL", trade_state_desc="用户余额不足（NOTENOUGH）",
        success_time=None), original_type="transaction")
    event = parse(app, headers, body)
    assert isinstance(event, DeductionEvent)
    assert (event.deduction.out_trade_no, event.deduction.trade_state, event.deduction.succeeded) == (
        "RCD1", "PAY_FAIL", False)
    # The user's own JSAPI payment is not contract deduction's.
    headers, body = sandbox_built(app, "TRANSACTION.SUCCESS", transaction(app, "RC1", 500),
                                  original_type="transaction")
    with pytest.raises(pay.NotificationRejected) as rejected:
        parse(app, headers, body)
    assert rejected.value.reason == "not_papay"


def test_a_tampered_notification_is_refused(app):
    headers, body = sandbox_built(app, "INSURANCE_ENTRUST.TERMINATE", terminated_contract(app))
    envelope = json.loads(body)
    sealed = bytearray(base64.b64decode(envelope["resource"]["ciphertext"]))
    sealed[0] ^= 1
    envelope["resource"]["ciphertext"] = base64.b64encode(bytes(sealed)).decode()
    tampered = json.dumps(envelope).encode()

    # Changed after signing: the signature no longer covers it.
    with pytest.raises(pay.NotificationRejected) as unsigned:
        parse(app, headers, tampered)
    assert unsigned.value.reason == "bad_signature"
    # Re-signed by someone holding the platform key but not the APIv3 key: AES-GCM refuses it.
    with pytest.raises(pay.NotificationRejected) as undecryptable:
        parse(app, sign(app, tampered), tampered)
    assert undecryptable.value.reason == "undecryptable"


def records(app) -> list[PaymentNotification]:
    with app.app_context():
        found = db.session.scalars(sa.select(PaymentNotification).order_by(PaymentNotification.id)).all()
        db.session.expunge_all()
        return found


def test_the_webhook_refuses_a_tampered_one_and_keeps_it(app, client):
    headers, body = sandbox_built(app, "INSURANCE_ENTRUST.TERMINATE", terminated_contract(app))
    response = client.post(NOTIFY_PATH, data=body.replace(b'"INSURANCE_ENTRUST.TERMINATE"',
                                                          b'"INSURANCE_ENTRUST.SIGN"'), headers=headers)
    assert response.status_code == 401 and response.get_json()["code"] == "FAIL"
    [record] = records(app)
    assert (record.outcome, record.detail) == ("rejected", "bad_signature")


def test_the_webhook_announces_each_event_and_records_what_its_receiver_made_of_it(app, client):
    seen = []

    def renewals(event, notification_id=None):
        seen.append((event, notification_id))
        return Outcome.APPLIED

    headers, body = sandbox_built(app, "INSURANCE_ENTRUST.TERMINATE", terminated_contract(app))
    with events.papay_event.connected_to(renewals):
        response = client.post(NOTIFY_PATH, data=body, headers=headers)
    assert response.status_code == 204
    [(event, notification_id)] = seen
    [record] = records(app)
    assert (record.id, record.kind, record.outcome) == (notification_id, "INSURANCE_ENTRUST.TERMINATE", "applied")
    assert event.contract.termination_mode == USER_TERMINATE

    # Nobody subscribed: kept, flagged for an operator, and acknowledged (WeChat's retry could not help).
    unhandled = client.post(NOTIFY_PATH, data=body, headers=headers)
    assert unhandled.status_code == 204
    assert (records(app)[-1].outcome, records(app)[-1].detail) == ("flagged", "unhandled_event")


def test_an_event_for_another_merchant_is_flagged_not_announced(app, client):
    seen = []
    headers, body = notification(app, "INSURANCE_ENTRUST.SIGN", dict(terminated_contract(app), mchid="1900000000"),
                                 original_type="contract")
    with events.papay_event.connected_to(lambda event, **kw: seen.append(event)):
        assert client.post(NOTIFY_PATH, data=body, headers=headers).status_code == 204
    assert seen == []
    assert (records(app)[-1].outcome, records(app)[-1].detail) == ("flagged", "mch_id_mismatch")


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"])
def test_a_contract_time_utc_cannot_hold_is_read_as_unreadable_not_a_500(app, client, moment):
    contract = terminated_contract(app)
    contract["contract_terminate_info"] = dict(contract["contract_terminate_info"], contract_terminated_time=moment)
    headers, body = sandbox_built(app, "INSURANCE_ENTRUST.TERMINATE", dict(contract, contract_signed_time=moment))
    event = parse(app, headers, body)
    assert (event.contract.signed_at, event.contract.terminated_at) == (None, None)
    # At the webhook: verified, kept and acknowledged (the converting overflowed: a 500, retried forever).
    assert client.post(NOTIFY_PATH, data=body, headers=headers).status_code == 204
