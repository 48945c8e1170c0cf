"""A stop and the renewal pass at the same moment, on PostgreSQL with real connections: two threads, the stop's
transaction held open while WeChat is asked to end the contract, as a slow answer from WeChat holds it in
production. Each test failed on the code before its fix."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time

import requests
import pytest
import sqlalchemy as sa

from app.core import clock
from app.core.db import unit_of_work
from app.extensions import db
from app.renewals import services
from app.renewals.models import Renewal, RenewalCharge
from tests.renewals.test_reconcile import cli
from tests.renewals.test_review_weaknesses import hold_back
from tests.renewals.test_stopping import next_charge_day, signed_policy
from tests.renewals.test_walk import beijing, policy, renewals_run
from tests.support import bearer, login, run_jobs, wechat_answering_through
from tests.wechat.test_papay import openid_of

#: How long the stop's call to end the contract waits for a charge to reach WeChat first: past it (the pass is
#: waiting for the stop's lock, as it should) the stop goes on.
HELD_FOR = 3.0


class _SlowTerminate(requests.adapters.BaseAdapter):
    """WeChat's network, where a call to end a contract is answered only once a charge has reached WeChat (or
    after ``HELD_FOR`` seconds): ``terminating`` is set when the call is on its way."""

    def __init__(self, inner, terminating: threading.Event, charged: threading.Event):
        super().__init__()
        self.inner, self.terminating, self.charged = inner, terminating, charged

    def send(self, request, **kwargs):
        if request.method == "POST" and request.url.endswith("/terminate"):
            self.terminating.set()
            self.charged.wait(HELD_FOR)
        answer = self.inner.send(request, **kwargs)
        if request.url.endswith("/transactions/apply"):
            self.charged.set()
        return answer

    def close(self):
        self.inner.close()


@contextlib.contextmanager
def terminate_held(app):
    terminating, charged = threading.Event(), threading.Event()
    with wechat_answering_through(app, lambda adapter: _SlowTerminate(adapter, terminating, charged)):
        yield terminating, charged


def stop_in_a_thread(app, policy_no: str, headers: dict, answers: dict) -> threading.Thread:
    def stop():
        with app.test_client() as own:
            response = own.delete(f"/api/v1/policies/{policy_no}/renewal", headers=headers)
            answers["stop"] = (response.status_code, response.get_json())

    thread = threading.Thread(target=stop, name="stop")
    thread.start()
    return thread


def test_a_charge_sent_again_while_the_user_stops_is_not_sent(app, client, catalog, alice, insured_adult):
    """Period 2's charge was recorded and the process died before asking WeChat. At 10:00 the user stops renewal
    just as the pass finds that charge unsent: the pass read the renewal without a lock, saw it running and sent
    the charge, while the stop (its transaction open, ending the contract at WeChat) told the user renewal had
    stopped. The user was charged for a month after stopping."""
    order, _ = signed_policy(app, client, alice, insured_adult)
    shown = policy(client, alice, order["order_no"])
    day = next_charge_day(shown)
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    with app.app_context(), clock.frozen_at(beijing(day, 9)), unit_of_work():
        renewal_id = db.session.scalar(sa.select(Renewal.id))
        assert services.step(renewal_id, beijing(day, 9)).outcome == "charging"  # and the process dies
    answers: dict = {}
    with clock.frozen_at(beijing(day, 10)), terminate_held(app) as (terminating, _charged):
        headers = bearer(login(client, "alice")["token"])
        stopping = stop_in_a_thread(app, shown["policy_no"], headers, answers)
        assert terminating.wait(10)  # the stop holds the renewal's row, asking WeChat to end the contract
        cli(app, beijing(day, 10))
        stopping.join(30)
    assert answers["stop"][0] == 200, answers
    assert answers["stop"][1]["renewal"]["status"] == "cancelled"
    run_jobs(app)
    renewals_run(app, beijing(day, 11))
    shown = policy(client, alice, order["order_no"])
    assert shown["renewal"]["status"] == "cancelled"
    assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid", "dropped"]
    with app.app_context():
        assert [(c.status, c.transaction_id) for c in db.session.scalars(sa.select(RenewalCharge))] == [
            ("failed", None)]



def deliver_in_a_thread(app, held: list, acknowledged: list) -> threading.Thread:
    """WeChat delivers the notifications ``held`` (as the job worker would, one after the other) from a thread;
    ``acknowledged`` gets whether we answered each with a 2xx the first time."""
    def deliver():
        with app.app_context():
            for _queue, job in held:
                acknowledged.append(job.func(*job.args, **job.kwargs))

    thread = threading.Thread(target=deliver, name="wechat-delivery")
    thread.start()
    return thread


def waiting_on_a_lock(app, statement: str) -> bool:
    """Whether a connection of ours is waiting for a row lock in a statement starting with ``statement``."""
    with app.app_context():
        try:
            return bool(db.session.scalar(sa.text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE :start"),
                {"start": statement + "%"}))
        finally:
            db.session.remove()


def test_a_charge_paid_as_the_user_ends_the_contract_is_acknowledged_the_first_time(app, client, catalog, alice,
                                                                                     insured_adult):
    """Period 2 was declined on its day (renewal retrying); the next morning's retry took the money, and its
    notification came as the user ended the contract in WeChat's settings, while a claim being filed held the
    policy's row. The payment's notification had taken the period's row and waited for the policy's; the TERMINATE
    took the renewal's and waited for the period's; the payment then wanted the renewal's: PostgreSQL broke the
    deadlock by failing one, answered WeChat 503 (a 5xx to outside input), to be sent again later. Both take the
    renewal's row first now: the second waits for the first."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("PostgreSQL's row locks: SQLite takes one write lock for a whole transaction, and never deadlocks")
    order, contract_id = signed_policy(app, client, alice, insured_adult)
    shown = policy(client, alice, order["order_no"])
    day = next_charge_day(shown)
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    assert client.post("/sandbox/wechat/papay/decline", json={"openid": openid_of(client, alice)}).status_code == 200
    renewals_run(app, beijing(day, 9))
    assert policy(client, alice, order["order_no"])["renewal"]["status"] == "retrying"
    retry = beijing(day + dt.timedelta(days=1), 9)
    assert "submitted=1" in cli(app, retry)  # WeChat took the money; its notification is on its way
    payment = hold_back(app, "TRANSACTION.SUCCESS")
    assert payment
    acknowledged: list = []
    with app.app_context():
        engine = db.engine
        policy_id = db.session.scalar(sa.select(Renewal.policy_id))
        db.session.remove()
    with clock.frozen_at(retry + dt.timedelta(minutes=5)), engine.connect() as claim:
        # A claim being filed holds the policy's row.
        claim.execute(sa.text("SELECT id FROM policies WHERE id = :id FOR UPDATE"), {"id": policy_id})
        paid = deliver_in_a_thread(app, payment, acknowledged)
        deadline = time.monotonic() + 10
        while not waiting_on_a_lock(app, "UPDATE policies"):
            assert time.monotonic() < deadline, "the payment's notification never reached the policy's row"
            time.sleep(0.05)
        ended = client.post("/sandbox/wechat/papay/terminate", json={"contract_id": contract_id})
        assert ended.status_code == 200, ended.get_json()
        terminated = deliver_in_a_thread(app, hold_back(app, "INSURANCE_ENTRUST.TERMINATE"), acknowledged)
        terminated.join(HELD_FOR)  # it waits on the renewal's row while the payment holds it
        claim.rollback()  # the claim's transaction ends
        paid.join(30)
        terminated.join(30)
    assert acknowledged == [True, True]  # neither answered 503 for a deadlock, to be sent again
    run_jobs(app)
    shown = policy(client, alice, order["order_no"])
    assert (shown["renewal"]["status"], shown["renewal"]["end_reason"]) == ("cancelled", "user")
    assert shown["renewal"]["next_charge_on"] is None
    # The money was taken before the contract ended: the month it paid for is the user's.
    assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid", "paid"]
    assert shown["ends_at"] == shown["renewal"]["periods"][1]["ends_at"]

