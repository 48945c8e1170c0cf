"""What anyone on the internet can make WeChat Pay's webhooks store, and what they cannot stop.

Every request to a notify URL is recorded before its signature is checked (unit 1), so an
unsigned request must not be able to fill the disk: what it may store is bounded (a capped
body, only the headers verification reads, each capped) and marked where cut, and past an
allowance of rejected requests per client address per minute, nothing more from that address
is stored until a request verifies. Behind a proxy, WeChat's genuine notifications share an
address with forged ones: a notification that verifies is always applied, and kept whole.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.payments.models import PaymentNotification
from app.sandbox import notifications as wechat_pay
from tests.payments.helpers import signed_notification
from tests.support import agreement, plan_id

V2_NOTIFY = "/webhooks/wechatpay/notify"
V3_NOTIFY = "/webhooks/wechatpay/v3/notify"
PROXY = "10.0.0.7"  # the address every request below comes from, as a proxy in front of us would make it


def junk_headers(count: int = 90, size: int = 6000) -> dict:
    return {f"X-Padding-{index}": "x" * size for index in range(count)}


def unsigned_v3(body: bytes = b'{"id": "forged", "event_type": "TRANSACTION.SUCCESS"}', **headers) -> dict:
    return {"data": body, "headers": {"Content-Type": "application/json", **headers},
            "environ_base": {"REMOTE_ADDR": PROXY}}


def stored_bytes(app) -> int:
    """What the notification records hold: body and headers, as the database returns them."""
    with app.app_context():
        rows = db.session.execute(sa.select(PaymentNotification.body, PaymentNotification.headers)).all()
        db.session.remove()
    return sum(len(body.encode()) + len(repr(headers).encode()) for body, headers in rows)


def records(app) -> list[PaymentNotification]:
    with app.app_context():
        found = db.session.scalars(sa.select(PaymentNotification).order_by(PaymentNotification.id)).all()
        db.session.expunge_all()
        return found


@pytest.fixture
def order(client, catalog, alice, insured_adult):
    response = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                   **agreement(client, "accident-basic"),
                                                   "insured": insured_adult}, headers=alice["headers"])
    assert response.status_code == 201
    return response.get_json()


def v3_payment(app, order: dict) -> tuple[dict, bytes]:
    """A TRANSACTION.SUCCESS notification for ``order``, signed and encrypted as WeChat Pay v3 sends it."""
    with app.app_context():
        body = wechat_pay.payment_notification_body({
            "out_trade_no": order["order_no"], "total_fee": order["amount_fen"], "openid": "oSandboxPayer",
            "trade_state": "SUCCESS", "transaction_id": "4200000000202611260000000999", "time_end": "20261126101500"})
        return {"Content-Type": "application/json", **wechat_pay.platform_signature_headers(body)}, body


def order_view(client, alice, order) -> dict:
    return client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()


# -- a flood ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, content_type", [(V3_NOTIFY, "application/json"), (V2_NOTIFY, "text/xml")])
def test_fifty_unsigned_requests_with_ninety_large_headers_store_a_bounded_amount(app, client, path, content_type):
    arrived = 0
    before = stored_bytes(app)
    for index in range(50):
        headers = {**junk_headers(), "Content-Type": content_type, "Wechatpay-Signature": "A" * 6000}
        body = (b"<xml>" if content_type == "text/xml" else b"{") + b"x" * 60_000
        arrived += len(body) + sum(len(k) + len(v) for k, v in headers.items())
        response = client.post(path, data=body, headers=headers, environ_base={"REMOTE_ADDR": PROXY})
        assert response.status_code in (400, 401)  # refused in WeChat's format, stored or not
    stored = stored_bytes(app) - before

    print(f"\n{path}: 50 unsigned requests brought {arrived:,} bytes; the database keeps {stored:,}")
    assert arrived > 29_000_000
    # At most the allowance of rejected records, each at most a capped body and a few capped headers.
    assert stored < 400_000
    kept = records(app)
    assert 0 < len(kept) < 50 and all(r.outcome == "rejected" for r in kept)


def test_an_unverified_record_keeps_what_verification_reads_and_says_what_was_cut(app, client):
    body = b'{"id": "forged", "padding": "' + b"x" * 40_000 + b'"}'
    response = client.post(V3_NOTIFY, **unsigned_v3(body, **junk_headers(count=5), **{
        "Wechatpay-Serial": "PUB_KEY_ID_0", "Wechatpay-Signature": "S" * 6000, "Wechatpay-Timestamp": "1",
        "Wechatpay-Nonce": "n", "Authorization": "secret", "Cookie": "session=secret"}))
    assert response.status_code == 401 and response.get_json()["code"] == "FAIL"

    [record] = records(app)
    assert record.outcome == "rejected" and record.detail
    assert set(record.headers) == {"Content-Type", "Wechatpay-Serial", "Wechatpay-Signature", "Wechatpay-Timestamp",
                                   "Wechatpay-Nonce"}
    assert record.headers["Wechatpay-Serial"] == "PUB_KEY_ID_0"
    assert len(record.headers["Wechatpay-Signature"]) < 6000
    assert record.body.startswith('{"id": "forged"') and len(record.body.encode()) < 40_000
    assert record.cut["body"] == {"received_bytes": len(body), "kept_bytes": len(record.body.encode())}
    assert record.cut["headers_shortened"] == ["Wechatpay-Signature"]


def test_a_v2_record_keeps_only_its_content_type(app, client):
    response = client.post(V2_NOTIFY, data=b"<xml><sign>x</sign></xml>",
                           headers={"Content-Type": "text/xml", "Wechatpay-Serial": "x", **junk_headers(count=3)})
    assert response.status_code == 400
    [record] = records(app)
    assert record.headers == {"Content-Type": "text/xml"} and record.cut is None


def test_many_wechatpay_headers_are_kept_only_up_to_a_few(app, client):
    client.post(V3_NOTIFY, **unsigned_v3(**{f"Wechatpay-Extra-{i}": "x" for i in range(40)}))
    [record] = records(app)
    assert len(record.headers) <= 8 and record.cut["headers_left_out"] == 41 - len(record.headers)


def test_past_its_allowance_an_address_stores_no_more_rejected_requests(app, client):
    answers = [client.post(V3_NOTIFY, **unsigned_v3()).status_code for _ in range(50)]
    assert set(answers) == {401}  # every one refused the same way, stored or not
    kept = len(records(app))
    assert 0 < kept < 50

    other = client.post(V3_NOTIFY, data=b"{}", headers={"Content-Type": "application/json"},
                        environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert other.status_code == 401
    assert len(records(app)) == kept + 1  # another address still has its allowance


# -- the genuine notification behind the same proxy -------------------------------------------------------

def test_a_genuine_v2_notification_after_a_flood_from_its_address_is_applied_and_kept(app, client, alice, order):
    for _ in range(50):
        client.post(V2_NOTIFY, data=b"<xml><return_code>SUCCESS</return_code></xml>", content_type="text/xml",
                    headers=junk_headers(count=10, size=1000), environ_base={"REMOTE_ADDR": PROXY})
    genuine = signed_notification(app, order["order_no"], order["amount_fen"])

    response = client.post(V2_NOTIFY, data=genuine, content_type="text/xml", environ_base={"REMOTE_ADDR": PROXY})

    assert response.status_code == 200 and "SUCCESS" in response.get_data(as_text=True)
    view = order_view(client, alice, order)
    assert view["status"] == "fulfilled" and view["policy_no"]
    applied = [r for r in records(app) if r.outcome == "applied"]
    assert len(applied) == 1 and applied[0].body == genuine.decode() and applied[0].cut is None


def test_a_genuine_v3_notification_after_a_flood_from_its_address_is_applied_and_kept(app, client, alice, order):
    for _ in range(50):
        client.post(V3_NOTIFY, **unsigned_v3())
    headers, body = v3_payment(app, order)

    response = client.post(V3_NOTIFY, data=body, headers=headers, environ_base={"REMOTE_ADDR": PROXY})

    assert response.status_code == 204
    view = order_view(client, alice, order)
    assert view["status"] == "fulfilled" and view["policy_no"]
    [applied] = [r for r in records(app) if r.outcome == "applied"]
    assert applied.body == body.decode() and applied.kind == "TRANSACTION.SUCCESS"
    assert applied.headers["Wechatpay-Signature"] == headers["Wechatpay-Signature"]


def test_a_verified_notification_is_kept_whole_even_past_the_cap_for_unverified_ones(app, client, alice, order):
    # The cap is for what nobody vouches for; a signed body is WeChat's and kept as it came.
    with app.app_context():
        resource = wechat_pay.transaction_resource({
            "out_trade_no": order["order_no"], "total_fee": order["amount_fen"], "openid": "oSandboxPayer",
            "trade_state": "SUCCESS", "transaction_id": "4200000000202611260000000998", "time_end": "20261126101500",
            "attach": "a" * 30_000})
        body = wechat_pay.encrypted_notification("evt-1", "TRANSACTION.SUCCESS", "支付成功", "transaction", resource)
        headers = {"Content-Type": "application/json", **wechat_pay.platform_signature_headers(body)}

    assert client.post(V3_NOTIFY, data=body, headers=headers).status_code == 204
    [record] = records(app)
    assert record.outcome == "applied" and record.body == body.decode() and record.cut is None
