"""Tencent's v3 notification vector (wechatpay-go) at our v3 endpoint: kept raw, acknowledged or refused."""

from __future__ import annotations

import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.payments.models import Payment, PaymentNotification
from tests.support import config_set
from tests.wechat.test_v3_vectors import BODY, CERT_PATH, NOTIFY, SIGNED_AT


def test_the_endpoint_keeps_the_vector_and_acknowledges_an_event_we_do_not_handle(app, client, catalog):
    # WECHAT_PAY_VERSION is v2 here: the v3 endpoint needs only the v3 credentials.
    with config_set(app, WECHAT_PAY_PLATFORM_KEYS={"D7CE59D1F522D701": CERT_PATH},
                    WECHAT_PAY_APIV3_KEY=NOTIFY["apiv3_key"]), clock.frozen_at(SIGNED_AT):
        response = client.post("/webhooks/wechatpay/v3/notify", data=BODY, headers=NOTIFY["headers"])
    assert response.status_code == 204 and response.get_data() == b""
    with app.app_context():
        record = db.session.scalars(sa.select(PaymentNotification)).one()
        assert (record.provider, record.kind, record.outcome, record.detail) == (
            "wechatpay_v3", "PAYSCORE.USER_OPEN_SERVICE", "flagged", "unhandled_event")
        assert record.body.encode() == BODY
        assert record.headers["Wechatpay-Serial"] == "D7CE59D1F522D701"
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Payment)) == 0


def test_the_endpoint_refuses_the_vector_replayed_now_with_401(app, client, catalog):
    with config_set(app, WECHAT_PAY_PLATFORM_KEYS={"D7CE59D1F522D701": CERT_PATH},
                    WECHAT_PAY_APIV3_KEY=NOTIFY["apiv3_key"]):
        response = client.post("/webhooks/wechatpay/v3/notify", data=BODY, headers=NOTIFY["headers"])
    assert response.status_code == 401
    assert response.get_json()["code"] == "FAIL"
    with app.app_context():
        record = db.session.scalars(sa.select(PaymentNotification)).one()
        assert (record.kind, record.outcome, record.detail) == ("unverified", "rejected", "stale_timestamp")


def test_the_endpoint_refuses_the_vector_when_its_serial_is_not_configured(app, client, catalog):
    with clock.frozen_at(SIGNED_AT):  # the app's own platform key only
        response = client.post("/webhooks/wechatpay/v3/notify", data=BODY, headers=NOTIFY["headers"])
    assert response.status_code == 401 and response.get_json()["code"] == "FAIL"
    with app.app_context():
        assert db.session.scalars(sa.select(PaymentNotification.detail)).one() == "unknown_serial"
