"""Forged notifications that got past the bounds on what an unverified request may store, or answered 500
(docs/wechat.md, Notifications): an XML encoding expat cannot read, a refund body naming another merchant, a v3
timestamp of superscript digits. Each test failed before its fix; found by a review on 7 December."""

from __future__ import annotations

import base64

import pytest
import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.payments import notifications as notes
from app.payments.models import PaymentNotification
from tests.payments import v3_helpers as v3

V2_NOTIFY = "/webhooks/wechatpay/notify"
V2_REFUND_NOTIFY = "/webhooks/wechatpay/refund-notify"
SENDER = "10.0.0.9"


def records(app) -> list[PaymentNotification]:
    with app.app_context():
        found = db.session.scalars(sa.select(PaymentNotification).order_by(PaymentNotification.id)).all()
        db.session.expunge_all()
        db.session.remove()
        return found


def assert_xml(response, status: int, code: str):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "text/xml"
    assert f"<return_code><![CDATA[{code}]]></return_code>" in response.get_data(as_text=True)


# -- v2: an XML declaration naming an encoding expat cannot use ----------------------------------------

@pytest.mark.parametrize("encoding", ["GBK", "bogus"])
def test_a_v2_body_declaring_an_encoding_expat_cannot_read_is_rejected_not_a_500(app, client, catalog, encoding):
    body = (f'<?xml version="1.0" encoding="{encoding}"?>'
            "<xml><return_code>SUCCESS</return_code><out_trade_no>RC1</out_trade_no></xml>").encode()
    response = client.post(V2_NOTIFY, data=body, content_type="text/xml", environ_base={"REMOTE_ADDR": SENDER})
    assert_xml(response, 400, "FAIL")
    [record] = records(app)
    assert record.outcome == "rejected"


def test_forged_v2_bodies_declaring_gbk_count_against_their_address_allowance(app, client, catalog):
    body = (b'<?xml version="1.0" encoding="GBK"?><xml><return_code>SUCCESS</return_code><pad>'
            + b"x" * 60_000 + b"</pad></xml>")
    with clock.frozen_at(clock.now()):  # one minute's allowance, however slow the posts
        for _ in range(notes.REJECTED_RECORDS_PER_MINUTE + 15):
            client.post(V2_NOTIFY, data=body, content_type="text/xml", environ_base={"REMOTE_ADDR": SENDER})
    assert len(records(app)) <= notes.REJECTED_RECORDS_PER_MINUTE


# -- v2 refund: appid / mch_id read from the unauthenticated outer fields --------------------------------

@pytest.mark.parametrize("path", [V2_REFUND_NOTIFY, V2_NOTIFY])
def test_an_unsigned_v2_refund_body_naming_another_appid_is_bounded_like_any_forgery(app, client, catalog, path):
    """wechatpy compares the outer <appid>/<mch_id> before it decrypts req_info: anyone can name another
    merchant, and the notification is then kept whole, acknowledged and never counted as a refusal."""
    req_info = base64.b64encode(b"\x00" * 45_000)
    body = (b"<xml><return_code>SUCCESS</return_code><appid>wxSomeoneElse</appid><mch_id>1</mch_id><req_info>"
            + req_info + b"</req_info></xml>")
    with clock.frozen_at(clock.now()):  # one minute's allowance: thirty 60 KiB posts can straddle a minute's turn
        answers = [client.post(path, data=body, content_type="text/xml", environ_base={"REMOTE_ADDR": SENDER})
                   for _ in range(notes.REJECTED_RECORDS_PER_MINUTE + 10)]
    kept = records(app)
    assert max(len(r.body.encode()) for r in kept) <= notes.MAX_UNVERIFIED_BODY  # stored whole: ~60 KiB each
    assert len(kept) <= notes.REJECTED_RECORDS_PER_MINUTE  # never counted: every one is stored
    assert {a.status_code for a in answers} == {400}  # not verified: refused like any forgery (it is acknowledged)


# -- v3: a Wechatpay-Timestamp that str.isdigit() accepts and int() does not ---------------------------------

@pytest.mark.parametrize("stamp", ["\u00b2", "1\u00b3"])
def test_a_v3_timestamp_of_superscript_digits_is_refused_with_401_not_a_500(v3_app, v3_client, catalog, stamp):
    headers, body = v3.notification(v3_app, "TRANSACTION.SUCCESS", v3.transaction(v3_app, "RC1", 100))
    headers["Wechatpay-Timestamp"] = stamp  # U+00B2 is one byte in ISO-8859-1, as HTTP headers arrive
    response = v3_client.post(v3.NOTIFY_PATH, data=body, headers=headers, environ_base={"REMOTE_ADDR": SENDER})
    assert response.status_code == 401, response.get_data(as_text=True)
    assert response.get_json()["code"] == "FAIL"
    [record] = records(v3_app)
    assert record.outcome == "rejected"



# -- the allowance under a crowd: counted and enforced in one step ------------------------------------------------

def test_a_crowd_of_forgeries_from_one_address_stores_no_more_than_its_allowance(app, catalog):
    """Each request checked the allowance, stored its record, and only then was counted: forgeries arriving together
    all passed the check before any was counted, and stored more records than the allowance. A refusal that finds
    the allowance spent by the time it is counted now takes its record back."""
    import threading

    crowd = notes.REJECTED_RECORDS_PER_MINUTE * 4
    start = threading.Barrier(crowd)
    statuses: list[int] = []

    def forge():
        client = app.test_client()
        start.wait()
        statuses.append(client.post(V2_NOTIFY, data=b"<xml><return_code>SUCCESS</return_code></xml>",
                                    content_type="text/xml", environ_base={"REMOTE_ADDR": SENDER}).status_code)

    threads = [threading.Thread(target=forge) for _ in range(crowd)]
    # In one minute of the clock: the allowance is per minute, and a crowd that crossed into the next minute on a
    # slow machine rightly stored that minute's too (27 records, on SQLite, once in CI's way).
    with clock.frozen_at(clock.now()):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert statuses == [400] * crowd
    assert len(records(app)) <= notes.REJECTED_RECORDS_PER_MINUTE
