"""Grabs under faults of PostgreSQL and Redis met between the gate's yes and the answer (a review, 7 December,
branch review-17). Each test failed on the code before its fix."""

from __future__ import annotations

import contextlib
import hashlib
import socket
import threading
import time

import redis
import sqlalchemy as sa

from app import create_app

from app.envelopes import gate
from app.envelopes.models import Envelope
from app.extensions import db, redis_store
from config import load_config
from tests.envelopes.helpers import create_paid_envelope, gate_state, grab
from tests.envelopes.test_grabs_in_flight import EnvelopeRowLock, grab_in_thread, grabs_of, postgres_only, user
from tests.support import on_own_redis

#: The Redis client's socket timeout (``extensions.RedisStore``): the gate's answer after it is not heard.
SOCKET_TIMEOUT = 2


def _backends(app, exclude_pid):
    """Our test database's other backends: (pid, state, wait_event_type, query)."""
    with app.app_context():
        with db.engine.connect() as connection:
            return connection.execute(sa.text(
                "SELECT pid, state, wait_event_type, query FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), :lock)"),
                {"lock": exclude_pid}).all()


def _terminate(app, pids):
    with app.app_context():
        with db.engine.connect() as connection:
            connection.execute(sa.text("SELECT pg_terminate_backend(pid) FROM unnest(CAST(:pids AS int[])) AS pid "
                                       "WHERE pid <> pg_backend_pid()"), {"pids": list(pids)})
            connection.commit()


def test_a_grab_committed_by_the_writer_is_answered_201_when_the_requests_own_connection_is_lost(
        app, client, catalog, alice):
    """The writer commits the grab on its own connection; the request's session still holds the read transaction
    of the gate's rebuild (the first grab after a Redis restart). PostgreSQL drops that connection (a restart,
    a failover, idle_in_transaction_session_timeout) after the writer's commit: the request's commit failed, so
    the user was answered 503 for a grab that is in the database, and the rollback handed the share back to the
    gate as free (the next grabber of it met it taken)."""
    postgres_only(app)
    envelope = create_paid_envelope(app, client, alice)
    public_id = envelope["envelope_id"]
    bob = user(client, "bob")
    with app.app_context():
        gate.drop(public_id)  # Redis restarted: the gate is rebuilt from the database by the next grab
    answers: dict = {}
    with EnvelopeRowLock(app, public_id) as lock:
        lock_pid = lock.connection.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        thread = grab_in_thread(app, bob, public_id, answers, "bob")
        # The writer's insert waits on the envelope row (lock_timeout is 1 s): the request's session has read
        # the database for the rebuild, and waits for the writer with its transaction open.
        deadline = time.monotonic() + 5
        rows = []
        while time.monotonic() < deadline and not any(row.wait_event_type == "Lock" for row in rows):
            rows = _backends(app, lock_pid)
            time.sleep(0.01)
        assert any(row.wait_event_type == "Lock" for row in rows), "the grab's insert never waited on the lock"
        # Every connection but the writer's (and the lock's) is dropped: the request's own among them.
        _terminate(app, [row.pid for row in rows if row.wait_event_type != "Lock"])
        lock.release()
        thread.join(30)
    with app.app_context():
        db.engine.dispose()  # the pool's idle connections were dropped too: what follows reads on fresh ones
    status, body, _took = answers["bob"]
    recorded = grabs_of(app, bob["id"])
    assert (status == 201) == bool(recorded), (status, body, recorded)
    assert status == 201, (status, body)
    with app.app_context():
        free = [gate.decode_share(share)[0] for share in redis_store.lrange(gate.keys(public_id)["shares"], 0, -1)]
        assert recorded[0].share_id not in free, "a share committed to bob is offered again"
        assert db.session.scalar(sa.select(Envelope.status).where(Envelope.public_id == public_id)) == "active"
        db.session.remove()
        db.engine.dispose()  # the pool's connections were dropped: the next test starts on fresh ones


class FaultyProxy:
    """A TCP proxy in front of a server (PostgreSQL, Redis) that, once armed, forwards the next request carrying
    ``marker`` and then mishandles the server's answer to it on that connection: cuts the connection instead of
    passing the answer on (``delay`` None: the statement has run, and the client sees its connection lost, as when
    the network or a proxy fails at that moment), or holds the answer back ``delay`` seconds (a server or network
    that answers after the client's socket timeout). ``connect`` opens a connection to the server."""

    def __init__(self, connect, marker: bytes, delay: float | None = None):
        self.connect, self.marker, self.delay = connect, marker, delay
        self.armed = False
        #: Answers cut, or held back.
        self.cut = 0
        #: New connections are accepted and never answered (PostgreSQL hung, or a pooler queueing them).
        self.hang_new = False
        self.hung: list[socket.socket] = []
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                downstream, _ = self.listener.accept()
            except OSError:
                return
            if self.hang_new:
                self.hung.append(downstream)
                continue
            upstream = self.connect()
            state = {"doomed": False}
            threading.Thread(target=self._pump, args=(downstream, upstream, state, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, downstream, state, False), daemon=True).start()

    def _pump(self, source, sink, state, from_client):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if from_client and self.armed and self.marker in data:
                    self.armed, state["doomed"] = False, True
                elif not from_client and state["doomed"]:
                    self.cut += 1
                    if self.delay is None:
                        break
                    state["doomed"] = False
                    time.sleep(self.delay)  # the client has given up by now: what follows goes nowhere
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def close(self):
        self.listener.close()
        for hung in self.hung:
            hung.close()


@contextlib.contextmanager
def _app_behind(proxy: FaultyProxy, env: dict, **settings):
    """(proxy, an app of its own on ``env``, whose connections go through the proxy); both closed after."""
    proxied = create_app(load_config(env), REQUEST_LOG=False, **settings)
    try:
        yield proxy, proxied
    finally:
        proxy.close()
        with proxied.app_context():
            db.engine.dispose()


def behind_a_cutting_proxy(backend_env, **settings):
    """An app of its own whose PostgreSQL connections go through a ``FaultyProxy`` that cuts the answer to an
    insert into the grabs' table: (proxy, app). ``settings`` go to the app's config."""
    url = sa.engine.make_url(backend_env["DATABASE_URL"])
    target = (url.host or "127.0.0.1", url.port or 5432)
    proxy = FaultyProxy(lambda: socket.create_connection(target), b"INSERT INTO envelope_grabs")
    return _app_behind(proxy, dict(backend_env, DATABASE_URL=url.set(
        host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)), **settings)


def test_a_grab_whose_commit_was_not_heard_is_answered_for_what_it_is(app, client, catalog, alice, backend_env):
    """The writer's batch is committed, and its connection is lost before PostgreSQL's answer arrives. The writer
    took that as a failure: a lone grab was answered 503 though it is in the database (a batch of several was
    written again row by row, and each row, meeting itself, was answered 409 "already grabbed"), and in both
    cases the share, committed, was handed back to the gate as free."""
    postgres_only(app)
    envelope = create_paid_envelope(app, client, alice)
    public_id = envelope["envelope_id"]
    bob = user(client, "bob")
    with behind_a_cutting_proxy(backend_env) as (proxy, proxied):
        proxy.armed = True
        response = proxied.test_client().post(f"/api/v1/envelopes/{public_id}/grab", headers=bob["headers"])
        assert proxy.cut == 1, "the proxy never cut the writer's connection"
        recorded = grabs_of(app, bob["id"])
        assert len(recorded) == 1, "the insert did not reach the database"
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["grab_id"] == recorded[0].public_id
        with app.app_context():
            free = [gate.decode_share(share)[0] for share in redis_store.lrange(gate.keys(public_id)["shares"], 0, -1)]
            assert recorded[0].share_id not in free, "a share committed to bob is offered again"


def test_a_grab_decided_by_postgresql_whose_commit_was_not_heard_is_answered_201(app, client, catalog, alice,
                                                                                backend_env):
    """ENVELOPE_GRAB_GATE=postgres: the grab's one statement is committed as it runs, and the connection is lost
    before its answer arrives. The user was answered 503 for a grab in the database (and, tapping again, 409)."""
    postgres_only(app)
    envelope = create_paid_envelope(app, client, alice)
    public_id = envelope["envelope_id"]
    bob = user(client, "bob")
    with behind_a_cutting_proxy(backend_env, ENVELOPE_GRAB_GATE="postgres") as (proxy, proxied):
        proxy.armed = True
        response = proxied.test_client().post(f"/api/v1/envelopes/{public_id}/grab", headers=bob["headers"])
        assert proxy.cut == 1, "the proxy never cut the grab's connection"
        recorded = grabs_of(app, bob["id"])
        assert len(recorded) == 1, "the insert did not reach the database"
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["grab_id"] == recorded[0].public_id
        assert response.get_json()["coverage_fen"] == recorded[0].coverage_fen


def test_a_grab_is_answered_when_postgresql_accepts_the_writers_connection_and_never_answers(
        app, client, catalog, alice, backend_env):
    """The grab writer opens a connection after a failure (its connection lost, here just after a batch went in).
    A PostgreSQL that accepts it and never answers (hung, or a pooler queueing it) held the writer in that connect
    for ever: libpq waits without limit unless told a connect_timeout. The grab in its batch waited for ever, and
    every later grab of the process was answered 503 after 10 s, even once PostgreSQL was back, until the
    process was restarted."""
    postgres_only(app)
    envelope = create_paid_envelope(app, client, alice)
    public_id = envelope["envelope_id"]
    bob, carol = user(client, "bob"), user(client, "carol")
    with behind_a_cutting_proxy(backend_env) as (proxy, proxied):
        # The process's connections are open already; only a new one meets the hung server.
        for _ in range(3):
            assert proxied.test_client().get(f"/api/v1/envelopes/{public_id}", headers=bob["headers"]).status_code == 200
        proxy.armed = proxy.hang_new = True
        answers: dict = {}
        first = grab_in_thread(proxied, bob, public_id, answers, "bob")
        first.join(25)
        assert proxy.cut == 1, "the proxy never cut the writer's connection"
        assert "bob" in answers, "the grab was never answered"
        # Its batch went in, and whether it did could not be told: 503 (its share stays held: no one else gets it).
        assert answers["bob"][0] in (201, 503), answers["bob"]
        proxy.hang_new = False  # PostgreSQL is back: the process's next grab is served
        second = grab_in_thread(proxied, carol, public_id, answers, "carol")
        second.join(25)
        assert answers.get("carol", (None,))[0] == 201, answers.get("carol")


def test_a_grab_is_not_told_the_envelope_is_empty_while_its_last_share_may_still_come_back(app, client, catalog,
                                                                                           alice):
    """The gate has handed the last share out and its grab is still being written. A grab meanwhile was answered
    410 envelope_empty ("every share has been grabbed": final, the client stops); then PostgreSQL refused that
    write (here: it waited on a lock past the writer's lock_timeout), the share went back to the gate, and the
    next user got it. The one told "empty" is now told the truth once the write has ended either way."""
    postgres_only(app)
    envelope = create_paid_envelope(app, client, alice, total=2_000_000, shares=2)
    public_id = envelope["envelope_id"]
    bob, carol, dave, erin = (user(client, name) for name in ("bob", "carol", "dave", "erin"))
    assert grab(client, bob, public_id).status_code == 201
    answers: dict = {}
    with EnvelopeRowLock(app, public_id) as lock:
        first = grab_in_thread(app, carol, public_id, answers, "carol")  # takes the last share; its write waits
        lock.wait_for_a_waiter()
        second = grab_in_thread(app, dave, public_id, answers, "dave")
        first.join(30)  # the lock outlives the writer's lock_timeout: carol's write is refused
        lock.release()
        second.join(30)
    assert answers["carol"][0] == 503 and not grabs_of(app, carol["id"]), answers["carol"]
    last = grab(client, erin, public_id)
    if last.status_code == 201:  # the share came back: dave, told meanwhile, must not have been told "empty"
        assert answers["dave"][0] != 410, answers["dave"]
    assert answers["dave"][0] == 201 or last.status_code == 201, (answers["dave"], last.get_json())


def behind_a_slow_redis(backend_env, delay: float):
    """An app of its own whose Redis connections go through a ``FaultyProxy`` that, once armed, holds back the
    gate's answer to a grab (its script's EVALSHA) ``delay`` seconds: (proxy, app)."""
    server = redis.connection.parse_url(backend_env["REDIS_URL"])
    if "path" in server:
        def connect():
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(server["path"])
            return upstream
    else:
        def connect():
            return socket.create_connection((server.get("host", "127.0.0.1"), server.get("port", 6379)))
    grab_script = hashlib.sha1(gate.GRAB.encode()).hexdigest().encode()
    proxy = FaultyProxy(connect, grab_script, delay=delay)
    return _app_behind(proxy, on_own_redis(backend_env, f"redis://127.0.0.1:{proxy.port}/{server.get('db', 0)}"))


def test_a_grab_whose_gate_answered_after_the_timeout_is_never_refused_as_already_grabbed(app, client, catalog,
                                                                                          alice, backend_env):
    """Redis answers the gate's script after the client's socket timeout: the script has run, a share is held for
    bob, and the request never heard which. Bob was told 409 "already grabbed" (by the request itself, whose Redis
    client sends the script again after a timeout and hears "already", or by his next tap) with no grab recorded
    and none in his list, and the share stayed out of circulation until the hold went stale. He is given the share
    the gate holds for him, recorded (201), on that request or his next tap."""
    envelope = create_paid_envelope(app, client, alice)
    public_id = envelope["envelope_id"]
    assert grab(client, user(client, "first"), public_id).status_code == 201  # the gate is built
    bob = user(client, "bob")
    with behind_a_slow_redis(backend_env, delay=SOCKET_TIMEOUT + 0.5) as (proxy, proxied):
        proxy.armed = True
        late = proxied.test_client().post(f"/api/v1/envelopes/{public_id}/grab", headers=bob["headers"])
        assert proxy.cut == 1, "the proxy never held the gate's answer back"
    recorded = grabs_of(app, bob["id"])
    assert late.status_code in (201, 503), late.get_json()  # never 409 "already grabbed" without a grab
    assert (late.status_code == 201) == bool(recorded), (late.get_json(), recorded)
    again = grab(client, bob, public_id)
    recorded = grabs_of(app, bob["id"])
    assert len(recorded) == 1, (late.get_json(), again.get_json())
    assert (late.status_code, again.status_code) in ((201, 409), (503, 201)), (late.get_json(), again.get_json())
    listed = client.get("/api/v1/envelope-grabs", headers=bob["headers"]).get_json()
    assert [mine["grab_id"] for mine in listed] == [recorded[0].public_id]
    free, held = gate_state(app, public_id, bob["id"])
    # the share the gate handed out is the one recorded: nothing given twice, nothing out of circulation
    assert held == recorded[0].share_id and held not in free and len(free) == 3
    statuses = [grab(client, user(client, f"friend{i}"), public_id).status_code for i in range(4)]
    assert statuses == [201, 201, 201, 410]


def test_a_second_tap_while_the_first_is_being_written_records_one_grab_and_keeps_its_share(app, client, catalog,
                                                                                            alice):
    """Bob taps twice: his first grab's insert is still being written (it waits on the envelope's row) when the
    second finds the share the gate holds for him and records it too. The database lets one in; the other is told
    "already grabbed", truly, and the share stays his in the gate (given back as free, the gate would offer a share
    that is in the database)."""
    postgres_only(app)
    public_id = create_paid_envelope(app, client, alice)["envelope_id"]
    assert grab(client, user(client, "first"), public_id).status_code == 201  # the gate is built
    bob = user(client, "bob")
    answers: dict = {}
    with EnvelopeRowLock(app, public_id) as lock:
        first = grab_in_thread(app, bob, public_id, answers, "first")
        lock.wait_for_a_waiter()
        second = grab_in_thread(app, bob, public_id, answers, "second")
        time.sleep(0.3)  # the second reaches the writer, queued behind the first (lock_timeout is 1 s)
        lock.release()
        first.join(30)
        second.join(30)
    assert sorted(answer[0] for answer in answers.values()) == [201, 409], answers
    [recorded] = grabs_of(app, bob["id"])
    free, held = gate_state(app, public_id, bob["id"])
    assert held == recorded.share_id and held not in free and len(free) == 3, (recorded.share_id, free)


def test_a_redis_that_lost_its_scripts_still_hands_out_shares(app, client, catalog, alice, bob):
    """A Redis restarted or flushed forgets the scripts loaded into it (SCRIPT FLUSH here); the gate's script is
    loaded again by the grab that finds it missing, and the grab goes through."""
    envelope = create_paid_envelope(app, client, alice, shares=3)
    assert grab(client, bob, envelope["envelope_id"]).status_code == 201
    with app.app_context():
        redis_store.client.script_flush()
    response = grab(client, user(client, "carol"), envelope["envelope_id"])
    assert response.status_code == 201, response.get_json()
