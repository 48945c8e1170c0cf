"""An envelope whose order closes unpaid (the sender never paid: the periodic sweep closes the order after its
30-minute payment window) is closed for good: friends are told so, the sender's list and the envelope's page say
it, the same create sent again makes a new envelope to pay instead of handing back the closed order's payment, and
a payment that still slips through is refunded without opening the envelope. Each test failed on the code before
the fix: the envelope stayed ``pending_payment`` for ever."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.orders.models import Order
from app.payments.models import Payment, Refund
from tests.envelopes.helpers import GATES, grab, grab_gate
from tests.support import plan_id, prepay_id_of, run_jobs

#: Past the order's 30-minute payment window.
AFTER_THE_WINDOW = dt.timedelta(minutes=31)


def send_envelope(client, sender, key: str | None = None):
    headers = dict(sender["headers"], **({"Idempotency-Key": key} if key else {}))
    return client.post("/api/v1/envelopes", json={
        "plan_id": plan_id(client, "gift-accident-30d"), "total_coverage_fen": 1_000_000, "shares": 2,
        "mode": "equal", "greeting": "Stay safe!"}, headers=headers)


def sweep_unpaid_orders(app, at: dt.datetime) -> dict:
    """The periodic job that reconciles and closes unpaid orders, run as the worker runs it, at ``at``; then the
    jobs it queued (WeChat's close)."""
    from app.payments.tasks import sweep_unpaid_orders as job

    with clock.frozen_at(at):
        with app.app_context():
            summary = job()
        run_jobs(app)
    return summary


def order_of(app, envelope_id: str) -> Order:
    from app.envelopes.models import Envelope

    with app.app_context():
        order = db.session.scalars(sa.select(Order).join(Envelope, Envelope.order_id == Order.id)
                                   .where(Envelope.public_id == envelope_id)).one()
        db.session.expunge(order)
        return order


@pytest.fixture
def closed(app, client, catalog, alice):
    """Alice wrapped an envelope, never paid, and its order closed after its payment window."""
    created = send_envelope(client, alice)
    assert created.status_code == 201
    body = created.get_json()
    assert sweep_unpaid_orders(app, clock.now() + AFTER_THE_WINDOW) == {"closed": 1}
    assert order_of(app, body["envelope_id"]).status == "closed"
    return body


@pytest.mark.parametrize("gate", GATES)
def test_a_grab_of_an_envelope_closed_unpaid_is_410_in_chinese_then_english(app, backend_env, client, bob, closed,
                                                                            gate):
    """Before: 409 ``envelope_not_active``, "not paid yet", for ever."""
    with grab_gate(app, backend_env, gate):
        response = grab(client, bob, closed["envelope_id"])
        english = client.post(f"/api/v1/envelopes/{closed['envelope_id']}/grab",
                              headers=dict(bob["headers"], **{"Accept-Language": "en"}))
    assert response.status_code == 410, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "envelope_closed"
    assert "关闭" in error["message"]
    assert english.status_code == 410
    assert english.get_json()["error"]["message"] == "This envelope was never paid for and has closed."


def test_the_envelope_and_the_senders_list_say_it_closed_unpaid(client, alice, bob, closed):
    """Before: ``pending_payment``, with every share still left, for ever."""
    page = client.get(f"/api/v1/envelopes/{closed['envelope_id']}", headers=bob["headers"]).get_json()
    assert (page["status"], page["shares_left"], page["expires_at"]) == ("closed", 0, None)
    [sent] = client.get("/api/v1/envelopes", headers=alice["headers"]).get_json()
    assert (sent["envelope_id"], sent["status"], sent["refund"]) == (closed["envelope_id"], "closed", None)


def test_the_same_create_again_after_its_order_closed_makes_a_new_envelope_to_pay(app, client, catalog, alice, bob):
    """The mini-program keys a create by its body, so the sender tapping "send" again with the same envelope sends
    the same Idempotency-Key. Before: the replay handed back the closed order's pay_params, which WeChat refuses,
    so the sender could never pay."""
    first = send_envelope(client, alice, key="same-body").get_json()
    sweep_unpaid_orders(app, clock.now() + AFTER_THE_WINDOW)

    again = send_envelope(client, alice, key="same-body")
    assert again.status_code == 201, again.get_json()
    fresh = again.get_json()
    assert fresh["envelope_id"] != first["envelope_id"]
    assert fresh["status"] == "pending_payment" and fresh["amount_fen"] == first["amount_fen"] == 20
    assert prepay_id_of(fresh["pay_params"]) != prepay_id_of(first["pay_params"])
    # WeChat refuses the closed order's payment, and takes the new one
    stale = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(first["pay_params"])})
    assert stale.status_code == 409
    paid = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(fresh["pay_params"])})
    assert paid.status_code == 200
    run_jobs(app)
    assert grab(client, bob, fresh["envelope_id"]).status_code == 201

    # From now on the key names the new envelope: a retry answers it as it is, paid, with nothing more to pay.
    replayed = send_envelope(client, alice, key="same-body")
    assert replayed.status_code == 201 and replayed.headers["Idempotent-Replayed"] == "true"
    assert (replayed.get_json()["envelope_id"], replayed.get_json()["status"], replayed.get_json()["pay_params"]) == (
        fresh["envelope_id"], "active", None)
    statuses = {e["envelope_id"]: e["status"] for e in client.get("/api/v1/envelopes", headers=alice["headers"]).get_json()}
    assert statuses == {first["envelope_id"]: "closed", fresh["envelope_id"]: "active"}


def test_a_retry_while_the_envelope_still_waits_for_payment_answers_the_same_envelope(app, client, catalog, alice):
    """Within the payment window a retry is the first envelope with its payment, as before: nothing twice."""
    first = send_envelope(client, alice, key="k1").get_json()
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=29)):
        retry = send_envelope(client, alice, key="k1")
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert retry.get_json() == first


def test_a_payment_after_the_close_is_refunded_and_does_not_open_the_envelope(app, client, catalog, alice, bob):
    """The sweep asked WeChat (not paid) and closed the order; the sender paid in WeChat just then (WeChat's clock
    runs a little behind ours, so it still took the payment). The payment is recorded as late and refunded in full;
    the envelope stays closed, and nobody can grab cover nobody paid for."""
    # Read before the order is made: WeChat's time_expire is in whole seconds, so the order's window may end up to
    # a second before "created + 30 minutes" by a clock read after it (a CI run failed so, 7 December).
    created_at = clock.now()
    created = send_envelope(client, alice).get_json()
    with clock.frozen_at(created_at + AFTER_THE_WINDOW), app.app_context():
        from app.payments.tasks import sweep_unpaid_orders as job

        assert job() == {"closed": 1}  # WeChat's close is queued, not yet run
    with clock.frozen_at(created_at + dt.timedelta(minutes=29, seconds=58)):  # WeChat's clock
        paid = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(created["pay_params"])})
    assert paid.status_code == 200
    with clock.frozen_at(created_at + AFTER_THE_WINDOW):
        run_jobs(app)  # the payment's notification, and WeChat's close (ORDERPAID: reconciled)

    with app.app_context():
        payments = db.session.execute(sa.select(Payment.anomaly, Payment.amount_fen)).all()
        refunds = db.session.execute(sa.select(Refund.reason, Refund.amount_fen, Refund.status)).all()
    assert [tuple(p) for p in payments] == [("late_payment", 20)]
    assert [tuple(r) for r in refunds] == [("late_payment", 20, "succeeded")]
    assert order_of(app, created["envelope_id"]).status == "closed"
    page = client.get(f"/api/v1/envelopes/{created['envelope_id']}", headers=bob["headers"]).get_json()
    assert page["status"] == "closed"
    assert grab(client, bob, created["envelope_id"]).status_code == 410
