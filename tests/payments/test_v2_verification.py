"""v2 notifications are verified by us, in constant time, as each one says it was signed
(MD5 or HMAC-SHA256), and by the v2 key whatever the configured Pay version is now."""

from __future__ import annotations

import sqlalchemy as sa
from wechatpy.pay.utils import calculate_signature_hmac, dict_to_xml

from app.extensions import db
from app.payments.models import PaymentNotification
from app.policies.models import Policy
from tests.payments.helpers import notification_fields, post_notification, signed_notification
from tests.support import agreement, config_set, plan_id


def an_unpaid_order(client, alice, insured_adult) -> dict:
    response = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                   **agreement(client, "accident-basic"),
                                                   "insured": insured_adult}, headers=alice["headers"])
    assert response.status_code == 201
    return response.get_json()


def hmac_signed_notification(app, order, key=None) -> bytes:
    fields = notification_fields(app, order["order_no"], order["amount_fen"], sign_type="HMAC-SHA256")
    return dict_to_xml(fields, calculate_signature_hmac(fields, key or app.config["WECHAT_PAY_API_KEY"])).encode()


def policies(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Policy))


def last_outcome(app) -> tuple:
    with app.app_context():
        record = db.session.scalars(sa.select(PaymentNotification).order_by(PaymentNotification.id.desc())).first()
        return record.outcome, record.detail


def test_a_notification_signed_with_hmac_sha256_is_applied(app, client, catalog, alice, insured_adult):
    order = an_unpaid_order(client, alice, insured_adult)
    response = post_notification(client, hmac_signed_notification(app, order))
    assert response.status_code == 200 and "SUCCESS" in response.get_data(as_text=True)
    assert last_outcome(app) == ("applied", None) and policies(app) == 1


def test_an_hmac_sha256_notification_signed_with_another_key_is_rejected(app, client, catalog, alice, insured_adult):
    order = an_unpaid_order(client, alice, insured_adult)
    response = post_notification(client, hmac_signed_notification(app, order, key="k" * 32))
    assert response.status_code == 400 and "FAIL" in response.get_data(as_text=True)
    assert last_outcome(app) == ("rejected", "bad_signature") and policies(app) == 0


def test_a_late_v2_notification_after_the_switch_to_v3_is_still_verified_and_applied(app, client, v3_client, catalog,
                                                                                     alice, insured_adult):
    order = an_unpaid_order(client, alice, insured_adult)  # prepaid through v2, before the switch
    body = signed_notification(app, order["order_no"], order["amount_fen"],
                               transaction_id="4200000000000000000000000001")
    first = post_notification(v3_client, body)  # the server now runs WECHAT_PAY_VERSION=v3
    again = post_notification(v3_client, body)
    for response in (first, again):  # applied once, then acknowledged as the duplicate it is
        assert response.status_code == 200 and "SUCCESS" in response.get_data(as_text=True)
    assert last_outcome(app) == ("duplicate", None) and policies(app) == 1


def test_without_a_v2_key_a_v2_notification_is_refused_not_guessed(app, client, catalog, alice, insured_adult):
    order = an_unpaid_order(client, alice, insured_adult)
    body = signed_notification(app, order["order_no"], order["amount_fen"])
    with config_set(app, WECHAT_PAY_VERSION="v3", WECHAT_PAY_API_KEY=None):
        app.extensions["wechat_pay"].pop("v2", None)
        try:
            response = post_notification(client, body)
        finally:
            app.extensions["wechat_pay"].pop("v2", None)
    assert response.status_code == 400
    assert last_outcome(app) == ("rejected", "version_not_configured") and policies(app) == 0
