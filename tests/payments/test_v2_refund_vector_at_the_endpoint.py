"""wechatpy's v2 refund-notification vector at our refund endpoint: kept, flagged, and nothing changed."""

from __future__ import annotations

from tests.wechat.test_v2_refund_vector import BODY


def test_the_endpoint_refuses_a_vector_for_another_merchant_and_changes_nothing(app, client, catalog):
    """Another merchant's genuine refund notification is encrypted with their key: we cannot tell it from a forgery
    naming their appid, so it is refused and counted like one (it used to be acknowledged as "signed, not ours")."""
    from app.extensions import db
    from app.payments.models import PaymentNotification

    response = client.post("/webhooks/wechatpay/refund-notify", data=BODY, content_type="text/xml")
    assert response.status_code == 400 and "FAIL" in response.get_data(as_text=True)
    with app.app_context():
        record = db.session.query(PaymentNotification).one()
        assert (record.kind, record.outcome, record.detail) == ("refund", "rejected", "undecryptable")
