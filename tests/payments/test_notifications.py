"""WeChat Pay v2 payment notifications: verified, stored raw, applied exactly once."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import time

import pytest
import requests
import sqlalchemy as sa

from app import create_app
from app.extensions import db
from app.orders.models import Order
from app.payments.models import Payment, PaymentNotification
from app.policies.models import Policy
from config import load_config
from tests.payments.helpers import post_notification, signed_notification
from tests.support import agreement, config_set, plan_id, prepay_id_of, run_jobs

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<xml><return_code>SUCCESS</return_code><out_trade_no>&lol9;</out_trade_no></xml>"""


@pytest.fixture
def order(client, catalog, alice, insured_adult):
    """A created (unpaid) accident-basic order of alice's: its JSON body."""
    response = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                   **agreement(client, "accident-basic"),
                                                   "insured": insured_adult}, headers=alice["headers"])
    assert response.status_code == 201
    return response.get_json()


def counts(app) -> dict:
    with app.app_context():
        return {model.__tablename__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
                for model in (Payment, Policy, PaymentNotification)}


def notifications(app) -> list[PaymentNotification]:
    with app.app_context():
        rows = db.session.scalars(sa.select(PaymentNotification).order_by(PaymentNotification.id)).all()
        db.session.expunge_all()
        return rows


def order_status(app, order_no) -> str:
    with app.app_context():
        return db.session.scalar(sa.select(Order.status).where(Order.order_no == order_no))


def assert_xml(response, status: int, code: str):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "text/xml"
    assert f"<return_code><![CDATA[{code}]]></return_code>" in response.get_data(as_text=True)


# -- the whole flow through the sandbox ---------------------------------------------------------

def test_paying_through_the_sandbox_issues_the_policy(app, client, alice, order):
    confirm = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])})
    assert confirm.status_code == 200
    run_jobs(app)

    body = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()
    assert body["status"] == "fulfilled"
    assert body["policy_no"].startswith("P")
    policies = client.get("/api/v1/policies", headers=alice["headers"]).get_json()
    assert [p["policy_no"] for p in policies] == [body["policy_no"]]
    assert policies[0]["product_name"] == "意外保障" and policies[0]["coverage_fen"] == 30_000_000
    assert policies[0]["status"] == "active" and policies[0]["source"] == "purchase"
    [record] = notifications(app)
    assert record.outcome == "applied" and record.out_trade_no == order["order_no"]
    assert "<sign>" in record.body and record.headers["Content-Type"] == "text/xml"


def test_duplicate_deliveries_still_issue_one_policy(app, client, alice, order):
    with config_set(app, SANDBOX_DUPLICATE_RATE=1.0):
        client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])})
        run_jobs(app)
    assert [n.outcome for n in notifications(app)] == ["applied", "duplicate"]
    assert counts(app) == {"payments": 1, "policies": 1, "payment_notifications": 2}
    assert order_status(app, order["order_no"]) == "fulfilled"


def test_a_failed_payment_issues_nothing(app, client, order):
    response = client.post("/sandbox/wechat/pay/confirm",
                           json={"prepay_id": prepay_id_of(order["pay_params"]), "fail": True})
    assert response.get_json()["trade_state"] == "PAYERROR"
    run_jobs(app)
    assert counts(app) == {"payments": 0, "policies": 0, "payment_notifications": 0}
    assert order_status(app, order["order_no"]) == "created"


def test_an_unacknowledged_notification_is_retried_until_it_lands(app, client, order):
    from rq import Queue, SimpleWorker

    from app.extensions import redis_store

    with app.app_context():  # hide the order: our webhook answers FAIL (unknown order) to the first delivery
        db.session.execute(sa.update(Order).values(order_no="RC-HIDDEN"))
        db.session.commit()
    client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])})
    with app.app_context():  # the first delivery only; its retry waits in the scheduler
        queue = Queue("default", connection=redis_store.single)
        SimpleWorker([queue], connection=redis_store.single).work(burst=True, logging_level="WARNING")
        db.session.execute(sa.update(Order).values(order_no=order["order_no"]))
        db.session.commit()
    run_jobs(app)
    assert [n.outcome for n in notifications(app)] == ["unknown_order", "applied"]
    assert counts(app)["policies"] == 1


# -- exactly once ---------------------------------------------------------------------------

def test_twenty_identical_notifications_in_parallel_give_one_policy(app, order):
    body = signed_notification(app, order["order_no"], order["amount_fen"], "4200000000202611260000000001")
    url = app.config["LIVE_SERVER_URL"] + "/webhooks/wechatpay/notify"

    def deliver(_):
        return requests.post(url, data=body, headers={"Content-Type": "text/xml"}, timeout=30)

    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(deliver, range(20)))
    assert all(r.status_code == 200 and "SUCCESS" in r.text for r in responses)
    assert counts(app) == {"payments": 1, "policies": 1, "payment_notifications": 20}
    outcomes = sorted(n.outcome for n in notifications(app))
    assert outcomes == ["applied"] + ["duplicate"] * 19


def test_a_second_transaction_for_a_paid_order_is_recorded_and_flagged_not_a_second_policy(app, client, order):
    post_notification(client, signed_notification(app, order["order_no"], order["amount_fen"], "4200000000000000000001"))
    response = post_notification(client, signed_notification(app, order["order_no"], order["amount_fen"],
                                                             "4200000000000000000002"))
    assert_xml(response, 200, "SUCCESS")
    with app.app_context():
        anomalies = db.session.scalars(sa.select(Payment.anomaly).order_by(Payment.id)).all()
    assert anomalies == [None, "double_payment"]
    assert counts(app)["policies"] == 1


# -- refused and flagged ------------------------------------------------------------------------

def test_a_forged_signature_is_rejected_and_kept(app, client, order):
    forged = signed_notification(app, order["order_no"], order["amount_fen"], api_key="0" * 32)
    response = post_notification(client, forged)
    assert_xml(response, 400, "FAIL")
    [record] = notifications(app)
    assert (record.outcome, record.detail) == ("rejected", "bad_signature")
    assert record.body == forged.decode()
    assert order_status(app, order["order_no"]) == "created"
    assert counts(app)["payments"] == 0


def test_a_tampered_amount_fails_the_signature(app, client, order):
    genuine = signed_notification(app, order["order_no"], order["amount_fen"])
    tampered = genuine.replace(b"<total_fee>500</total_fee>", b"<total_fee>1</total_fee>")
    assert tampered != genuine
    assert_xml(post_notification(client, tampered), 400, "FAIL")
    assert order_status(app, order["order_no"]) == "created"


@pytest.mark.parametrize("changes, detail", [
    ({"total_fee": "1", "cash_fee": "1"}, "amount_mismatch"),
    ({"appid": "wx00000000000000ff"}, "appid_mismatch"),
    ({"mch_id": "1900000000"}, "mch_id_mismatch"),
    ({"result_code": "FAIL", "err_code": "SYSTEMERROR"}, "not_successful"),
])
def test_a_signed_notification_that_is_not_ours_is_flagged_and_acknowledged(app, client, order, changes, detail):
    fee = int(changes.get("total_fee", order["amount_fen"]))
    body = signed_notification(app, order["order_no"], fee, **{k: v for k, v in changes.items() if k != "total_fee"})
    response = post_notification(client, body)
    assert_xml(response, 200, "SUCCESS")  # a retry cannot help: an operator looks at it
    [record] = notifications(app)
    assert (record.outcome, record.detail) == ("flagged", detail)
    assert order_status(app, order["order_no"]) == "created"
    assert counts(app)["payments"] == 0


def test_a_signed_transaction_id_longer_than_any_of_wechats_is_flagged_not_a_500(app, client, order):
    # Stored as the payment's id it was a 503 on PostgreSQL (VARCHAR(64)), and kept whole on SQLite.
    body = signed_notification(app, order["order_no"], order["amount_fen"], transaction_id="4200" + "9" * 96)
    assert_xml(post_notification(client, body), 200, "SUCCESS")  # a retry cannot help: an operator looks at it
    [record] = notifications(app)
    assert (record.outcome, record.detail) == ("flagged", "no_transaction_id")
    assert order_status(app, order["order_no"]) == "created"
    assert counts(app)["payments"] == 0


@pytest.mark.parametrize("time_end", ["00010101000000", "00010101080000"])
def test_a_signed_time_of_payment_before_year_one_in_utc_is_not_a_500(app, client, order, time_end):
    # 1 January of year 1 in Beijing is before year 1 in UTC: converting it overflowed (a 500, retried forever).
    body = signed_notification(app, order["order_no"], order["amount_fen"], time_end=time_end)
    assert_xml(post_notification(client, body), 200, "SUCCESS")
    assert order_status(app, order["order_no"]) == "fulfilled"  # paid now, as for a time that cannot be read


@pytest.mark.parametrize(("time_end", "paid_at_utc"), [
    ("20261126101500", dt.datetime(2026, 11, 26, 2, 15, tzinfo=dt.timezone.utc)),  # Beijing time, 8 hours ahead
    ("20261231235959", dt.datetime(2026, 12, 31, 15, 59, 59, tzinfo=dt.timezone.utc)),
    ("2026112610150", None),  # a digit short: not a time WeChat writes
    ("２０２６１１２６１０１５００", None),  # full-width digits
    ("20261326101500", None),  # a 13th month
])
def test_the_time_of_payment_is_read_as_beijing_time_or_not_at_all(app, client, order, time_end, paid_at_utc):
    body = signed_notification(app, order["order_no"], order["amount_fen"], time_end=time_end)
    before = dt.datetime.now(dt.timezone.utc)
    assert_xml(post_notification(client, body), 200, "SUCCESS")
    with app.app_context():
        paid_at = db.session.scalar(sa.select(Payment.paid_at))
        db.session.remove()
    if paid_at_utc is not None:
        assert paid_at == paid_at_utc
    else:  # paid when we heard of it, as for any time that cannot be read
        assert before <= paid_at <= dt.datetime.now(dt.timezone.utc)


def test_a_notification_for_an_unknown_order_is_kept_and_answered_fail(app, client, catalog):
    body = signed_notification(app, "RC20261126000000NOSUCH", 500)
    response = post_notification(client, body)
    assert_xml(response, 404, "FAIL")
    [record] = notifications(app)
    assert (record.outcome, record.out_trade_no) == ("unknown_order", "RC20261126000000NOSUCH")


def test_an_entity_expansion_document_is_refused_without_being_expanded(app, client, catalog):
    started = time.perf_counter()
    response = post_notification(client, BILLION_LAUGHS)
    elapsed = time.perf_counter() - started
    assert_xml(response, 400, "FAIL")
    [record] = notifications(app)
    assert (record.outcome, record.detail) == ("rejected", "dtd_or_entity")
    assert record.body == BILLION_LAUGHS.decode()
    assert "lollollol" not in response.get_data(as_text=True)
    assert elapsed < 5  # a billion expansions would take minutes and gigabytes


def test_an_external_entity_is_refused(app, client, order):
    xxe = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
           b"<xml><out_trade_no>&e;</out_trade_no></xml>")
    response = post_notification(client, xxe)
    assert_xml(response, 400, "FAIL")
    assert "root:" not in response.get_data(as_text=True)
    assert notifications(app)[0].detail == "dtd_or_entity"


@pytest.mark.parametrize("body, detail", [
    (b"<xml><return_code>SUCCESS</return_code>", "malformed_xml"),
    (b"not xml at all", "malformed_xml"),
    (b"<other><a>1</a></other>", "malformed_xml"),
    (b"\xff\xfe<xml></xml>", "malformed_xml"),
    (b"<xml><return_code>SUCCESS</return_code></xml>", "bad_signature"),
])
def test_malformed_bodies_are_rejected_and_kept(app, client, catalog, body, detail):
    assert_xml(post_notification(client, body), 400, "FAIL")
    [record] = notifications(app)
    assert (record.outcome, record.detail) == ("rejected", detail)


def test_an_oversized_body_is_refused_and_not_stored(app, client, catalog):
    response = post_notification(client, b"<xml>" + b"a" * (70 * 1024) + b"</xml>")
    assert_xml(response, 413, "FAIL")
    assert notifications(app) == []


def test_database_down_answers_fail_with_503(backend_env, tmp_path, app, order):
    broken = dict(backend_env, DATABASE_URL=(
        "postgresql://nobody@127.0.0.1:1/none" if backend_env["DATABASE_URL"].startswith("postgres")
        else f"sqlite:///{tmp_path}/missing/none.db"))
    offline = create_app(load_config(broken), REQUEST_LOG=False)
    response = post_notification(offline.test_client(),
                                 signed_notification(app, order["order_no"], order["amount_fen"]))
    assert_xml(response, 503, "FAIL")
    assert counts(app)["payment_notifications"] == 0
