"""The gate's rebuild lock, on real Redis with real timing (the lock's expiry lowered to a second): a
rebuild slower than the lock (PostgreSQL slow under load) lost it, yet deleted the lock a later rebuild had taken
since, so a third could start, and it wrote the gate from what it had read before, over a newer gate, offering again
a share grabbed meanwhile. Both tests failed before the lock had an owner token (a review, 8 December)."""

from __future__ import annotations

import threading
import time

import pytest
import redis
import sqlalchemy as sa
from redis.backoff import NoBackoff
from redis.retry import Retry

from app import create_app
from app.core import clock
from app.envelopes import gate, grabs
from app.envelopes.models import Envelope
from app.extensions import db, redis_store
from tests.envelopes.helpers import create_paid_envelope, gate_state, grab
from tests.envelopes.test_grabs_in_flight import EnvelopeRowLock, grab_in_thread, grabs_of, postgres_only
from config import load_config
from tests.support import ReplyLosingRedis, login, on_own_redis

LOCK_SECONDS = 1  # whole seconds: the lock before its fix took them only (SET EX)


def user(client, name):
    body = login(client, name)
    return {"headers": {"Authorization": f"Bearer {body['token']}"}, "id": body["user"]["id"]}


class SlowRebuild:
    """``grabs.rebuild_gate`` in a thread of its own whose database read stalls, once read, until ``go()``: a
    rebuild slower than its lock."""

    stalled: dict[str, SlowRebuild] = {}

    def __init__(self, app, public_id: str, name: str):
        self.app, self.public_id, self.name = app, public_id, name
        self.read, self.resume = threading.Event(), threading.Event()
        self.result: list = []
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    def _run(self):
        with self.app.app_context():
            try:
                envelope = db.session.scalar(sa.select(Envelope).where(Envelope.public_id == self.public_id))
                self.result.append(grabs.rebuild_gate(envelope))
            except Exception as error:  # reported by the test, not lost in the thread
                self.result.append(error)
            finally:
                db.session.remove()

    def start(self) -> SlowRebuild:
        SlowRebuild.stalled[self.name] = self
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.read.wait(0.01):
            assert self.thread.is_alive() and time.monotonic() < deadline, \
                f"rebuild {self.name} never read the database: {self.result}"
        return self

    def go(self):
        self.resume.set()
        self.thread.join(10)
        assert not self.thread.is_alive()
        [result] = self.result
        if isinstance(result, Exception):
            raise result
        return result


@pytest.fixture
def slow_rebuilds(monkeypatch):
    """The lock lasts ``LOCK_SECONDS``; rebuilds run as ``SlowRebuild`` stall after their read."""
    monkeypatch.setattr(gate, "REBUILD_LOCK_SECONDS", LOCK_SECONDS)
    read_free_shares = grabs._free_shares

    def free_shares(envelope_db_id):
        shares = read_free_shares(envelope_db_id)
        slow = SlowRebuild.stalled.get(threading.current_thread().name)
        if slow is not None:
            db.session.rollback()  # end the read (SQLite's BEGIN IMMEDIATE would hold the write lock)
            slow.read.set()
            assert slow.resume.wait(10)
        return shares

    monkeypatch.setattr(grabs, "_free_shares", free_shares)
    yield
    for slow in SlowRebuild.stalled.values():
        slow.resume.set()
    SlowRebuild.stalled.clear()


def wait_for_the_lock_to_expire(app, public_id):
    lock = gate.keys(public_id)["rebuild"]
    deadline = time.monotonic() + 10
    with app.app_context():
        while redis_store.exists(lock):
            assert time.monotonic() < deadline, "the rebuild lock never expired"
            time.sleep(0.01)


def rebuild_now(app, public_id) -> bool:
    with app.app_context():
        try:
            return grabs.rebuild_gate(db.session.scalar(sa.select(Envelope).where(Envelope.public_id == public_id)))
        finally:
            db.session.remove()


def test_a_rebuild_that_outlasted_its_lock_leaves_the_next_rebuilds_lock_alone(app, client, catalog, alice,
                                                                               slow_rebuilds, monkeypatch):
    envelope = create_paid_envelope(app, client, alice)["envelope_id"]
    first = SlowRebuild(app, envelope, "first-rebuild").start()
    wait_for_the_lock_to_expire(app, envelope)  # the first is still reading: it has lost the lock
    monkeypatch.setattr(gate, "REBUILD_LOCK_SECONDS", 30)  # the second's lasts: the test does not race it
    second = SlowRebuild(app, envelope, "second-rebuild").start()

    first_wrote = first.go()
    with app.app_context():
        assert redis_store.exists(gate.keys(envelope)["rebuild"]), "the first rebuild deleted the second's lock"
    assert rebuild_now(app, envelope) is False  # so no third rebuild starts while the second runs
    assert first_wrote is False  # and the first, its lock lost, wrote nothing

    assert second.go() is True
    with app.app_context():
        assert not redis_store.exists(gate.keys(envelope)["rebuild"])  # released by its holder
        assert gate.shares_left(envelope) == 5
    assert rebuild_now(app, envelope) is True


def test_a_rebuild_that_outlasted_its_lock_does_not_overwrite_a_newer_gate(app, client, catalog, alice, slow_rebuilds):
    envelope = create_paid_envelope(app, client, alice)["envelope_id"]
    stale = SlowRebuild(app, envelope, "stale-rebuild").start()  # it reads five free shares, then stalls
    wait_for_the_lock_to_expire(app, envelope)
    assert rebuild_now(app, envelope) is True  # a newer rebuild writes the gate
    bob = user(client, "bob")
    assert grab(client, bob, envelope).status_code == 201
    with app.app_context():
        assert gate.shares_left(envelope) == 4

    stale_wrote = stale.go()

    with app.app_context():
        assert gate.shares_left(envelope) == 4, "the stale rebuild offered bob's share again"
        assert redis_store.hexists(gate.keys(envelope)["grabbed"], bob["id"])
    assert stale_wrote is False  # it lost its lock while it read: it wrote nothing
    assert grab(client, bob, envelope).status_code == 409
    statuses = [grab(client, user(client, f"friend{i}"), envelope).status_code for i in range(5)]
    assert statuses == [201, 201, 201, 201, 410]


# -- grabs in flight while the gate is rebuilt ---------------------------------------------------------------------

def test_rebuilding_a_gate_keeps_the_share_of_a_grab_in_flight(app, client, catalog, alice):
    """The gate handed bob a share, and his grab is still being written when an operator rebuilds the gates
    (``flask rebuild-envelope-gates``). The rebuild read the database without his grab and wrote his share back as
    free, and forgot it was his: the gate offered it again (the database's unique key refusing whoever came
    second), and counted a share more than it had."""
    public_id = create_paid_envelope(app, client, alice)["envelope_id"]
    assert grab(client, user(client, "first"), public_id).status_code == 201  # the gate is built
    bob = user(client, "bob")
    with app.app_context():  # bob's request is between the gate's yes and its insert
        handed = gate.try_grab(public_id, bob["id"], clock.now().timestamp())
    assert handed[0] == "ok"
    share_id = gate.decode_share(handed[1])[0]

    result = app.test_cli_runner().invoke(args=["rebuild-envelope-gates"])
    assert result.exit_code == 0 and "1 envelope gates rebuilt" in result.output, result.output

    free, held = gate_state(app, public_id, bob["id"])
    assert share_id not in free and held == share_id and len(free) == 3, (share_id, free, held)
    mine = grab(client, bob, public_id)  # his grab lands: the share is his
    assert mine.status_code == 201, mine.get_json()
    assert [g.share_id for g in grabs_of(app, bob["id"])] == [share_id]
    statuses = [grab(client, user(client, f"friend{i}"), public_id).status_code for i in range(4)]
    assert statuses == [201, 201, 201, 410]


def test_a_grab_that_lands_while_its_gate_is_rebuilt_keeps_its_share_out_of_the_gate(app, client, catalog, alice):
    """On PostgreSQL, with a real grab in flight: its insert waits on the envelope's row (a job holds it), the
    gate is rebuilt meanwhile, then the insert lands. The rebuilt gate offered bob's share again."""
    postgres_only(app)
    public_id = create_paid_envelope(app, client, alice)["envelope_id"]
    assert grab(client, user(client, "first"), public_id).status_code == 201
    bob = user(client, "bob")
    answers: dict = {}
    with EnvelopeRowLock(app, public_id) as lock:
        thread = grab_in_thread(app, bob, public_id, answers, "bob")
        lock.wait_for_a_waiter()  # bob's insert: the gate has handed him his share
        assert rebuild_now(app, public_id) is True  # within the writer's 1 s lock_timeout
        lock.release()
        thread.join(30)
    assert answers["bob"][0] == 201, answers["bob"]
    [recorded] = grabs_of(app, bob["id"])
    free, held = gate_state(app, public_id, bob["id"])
    assert recorded.share_id not in free and held == recorded.share_id and len(free) == 3, (recorded.share_id, free)



#: The rebuild lock's SET NX as redis-py sends it (RESP), for ``ReplyLosingRedis`` to lose the answer of.
LOCK_COMMAND = (b"\r\n$3\r\nSET\r\n", b":rebuild\r\n", b"\r\n$2\r\nNX\r\n")


def envelope_whose_gate_is_lost(app, client, sender) -> tuple[dict, str]:
    """A paid envelope whose gate has gone since it was opened (a Redis restarted), so the next grab rebuilds it;
    and the test's Redis URL, for a proxy in front of it."""
    envelope = create_paid_envelope(app, client, sender, shares=3)
    with app.app_context():
        gate.drop(envelope["envelope_id"])
    return envelope, app.config["REDIS_URL"]


def timed_grab(node, who, envelope) -> tuple:
    """``who``'s grab of ``envelope`` through ``node`` (a second app), and how long it took."""
    started = time.monotonic()
    answer = grab(node.test_client(), who, envelope["envelope_id"])
    return answer, time.monotonic() - started


def dispose(node) -> None:
    with node.app_context():
        db.engine.dispose()


def test_a_rebuild_lock_taken_by_a_command_whose_answer_was_lost_is_still_ours(app, client, backend_env, catalog):
    """redis-py's cluster client sends a command again when its connection fails before the answer comes: the lock's
    SET NX, carried out the first time, then finds the lock taken (by us). The grab waited for "another" rebuild
    until the lock expired, and answered busy, where it should have built the gate and been given its share. Here
    the web path's client is a single Redis's that retries as the cluster's does (``from_url`` alone does not)."""
    sender, grabber = user(client, "sender"), user(client, "grabber")
    envelope, redis_url = envelope_whose_gate_is_lost(app, client, sender)
    with ReplyLosingRedis(redis_url, marker=LOCK_COMMAND) as losing:
        node = create_app(load_config(on_own_redis(backend_env, redis_url)), REQUEST_LOG=False)
        node.extensions["redis"] = redis.Redis.from_url(losing.url, socket_timeout=2, retry=Retry(NoBackoff(), 3),
                                                        retry_on_error=[redis.ConnectionError])
        answer, took = timed_grab(node, grabber, envelope)
        dispose(node)
    assert losing.lost.is_set(), "the lock's answer was never lost: the test did not test"
    assert answer.status_code == 201, answer.get_json()
    assert took < gate.REBUILD_LOCK_SECONDS / 2, f"the grab waited {took:.1f}s on its own lock"


def test_a_rebuild_lock_whose_answer_was_lost_does_not_hold_back_the_next_grab(app, client, backend_env, catalog):
    """A single Redis's client does not send a command again: the grab whose lock's answer was lost fails (503). Its
    SET was carried out, and the lock it took, which nobody would use, held every other grab of the envelope back
    until it expired (10 s), each answered busy. The failed request takes its lock back."""
    sender, first, second = user(client, "sender"), user(client, "first"), user(client, "second")
    envelope, redis_url = envelope_whose_gate_is_lost(app, client, sender)
    with ReplyLosingRedis(redis_url, marker=LOCK_COMMAND) as losing:
        node = create_app(load_config(on_own_redis(backend_env, losing.url)), REQUEST_LOG=False)
        unlucky = timed_grab(node, first, envelope)[0]
        answer, took = timed_grab(node, second, envelope)
        dispose(node)
    assert losing.lost.is_set(), "the lock's answer was never lost: the test did not test"
    assert unlucky.status_code == 503
    assert answer.status_code == 201, answer.get_json()
    assert took < gate.REBUILD_LOCK_SECONDS / 2, f"the next grab waited {took:.1f}s on a lock nobody held"
