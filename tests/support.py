"""Test helpers: free ports, a live server thread, logging in."""

from __future__ import annotations

import contextlib
import socket
import threading
import time

from werkzeug.serving import make_server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """The app served over real HTTP from a thread: the app calls its own sandbox through it.

    It counts the requests it is serving, so a test's cleanup can wait for the last ones a browser sent
    before the test closed it (``wait_idle``)."""

    def __init__(self, app, port: int):
        self.in_flight = 0
        self._changed = threading.Condition()
        self.server = make_server("127.0.0.1", port, self._counted(app), threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, name="live-server", daemon=True)
        self.url = f"http://127.0.0.1:{port}"

    def _counted(self, app):
        def serve(environ, start_response):
            with self._changed:
                self.in_flight += 1
            try:
                # Counted until the app returns: it has committed (and torn down) by then. Not until the
                # server closes the body: a browser that reuses the connection can keep that open.
                return app(environ, start_response)
            finally:
                self._done()

        return serve

    def _done(self) -> None:
        with self._changed:
            self.in_flight -= 1
            self._changed.notify_all()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until no request is being served; False if some still were after ``timeout`` seconds."""
        with self._changed:
            return self._changed.wait_for(lambda: self.in_flight == 0, timeout)

    def start(self) -> "LiveServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(5)


def app_without_wechat(backend_env: dict):
    """The app as it runs when WeChat cannot be reached: no sandbox, and WeChat's address a port
    nobody listens on."""
    from app import create_app
    from config import load_config

    dead = f"http://127.0.0.1:{free_port()}/"
    return create_app(load_config(dict(backend_env, WECHAT_SANDBOX="0")), REQUEST_LOG=False,
                      WECHAT_PAY_BASE_URL=dead, WECHAT_API_BASE_URL=dead)


def on_own_redis(backend_env: dict, redis_url: str, **env) -> dict:
    """The test's environment with all of the app's Redis at ``redis_url`` (a test's own server, to stop or
    hang), the web path's cluster, if the run has one, included."""
    own = {name: value for name, value in backend_env.items() if name != "REDIS_CLUSTER_URL"}
    return dict(own, REDIS_URL=redis_url, **env)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def login(client, name: str = "alice") -> dict:
    """Log a sandbox user in; returns the login response body."""
    response = client.post("/api/v1/auth/login", json={"code": f"sandbox:{name}"})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def run_periodic_jobs(app) -> None:
    """Run every ``@periodic`` job once, in the order the worker knows them, as its timer would."""
    from app.core.jobs import PERIODIC

    with app.app_context():
        for periodic in PERIODIC:
            periodic.func()


def run_jobs(app, timeout: float = 15.0, horizon: float = 5.0) -> None:
    """Run the job worker in burst mode until no job is queued or due within ``horizon`` seconds.

    Jobs delayed further (a WeChat close five minutes out) stay scheduled.
    """
    import time

    from rq import Queue, SimpleWorker
    from rq.registry import ScheduledJobRegistry

    from app.extensions import redis_store
    from app.core.jobs import QUEUES

    deadline = time.monotonic() + timeout
    with app.app_context():
        connection = redis_store.single
        queues = [Queue(name, connection=connection) for name in QUEUES]
        while True:
            SimpleWorker(queues, connection=connection).work(burst=True, with_scheduler=True, logging_level="WARNING")
            due_by = time.time() + horizon
            pending = sum(len(q) + connection.zcount(ScheduledJobRegistry(queue=q).key, 0, due_by) for q in queues)
            if pending == 0:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{pending} jobs still pending after {timeout}s")
            time.sleep(0.02)


def resident_id(birth: str, region: str = "110105", sequence: str = "001") -> str:
    """A valid 18-character Chinese resident identity number for ``birth`` (YYYYMMDD)."""
    from stdnum.cn import ric

    body = region + birth + sequence
    return body + ric.calc_check_digit(body + "0")


def plan_id(client, plan_code: str) -> int:
    for product in client.get("/api/v1/products").get_json():
        for plan in product["plans"]:
            if plan["code"] == plan_code:
                return plan["id"]
    raise LookupError(plan_code)


def agreement(client, code: str) -> dict:
    """What a buyer sends on agreeing to a product (``code``: the product's or one of its plans'): every
    document at the version the product API says is current, and, for a medical product, every health
    question answered "no". Merge it into an order, activation or redemption body. ``client`` is a test
    client, or the product list already read (from a server the test reaches over HTTP)."""
    import datetime as dt

    products = client if isinstance(client, list) else client.get("/api/v1/products").get_json()
    for product in products:
        if code == product["code"] or code in {plan["code"] for plan in product["plans"]}:
            break
    else:
        raise LookupError(code)
    from app.core import clock

    # The app's clock (a test may have moved it): the tap is a moment before the request arrives.
    tapped = clock.now().astimezone(dt.timezone(dt.timedelta(hours=8))).isoformat(timespec="seconds")
    body = {"accepted_documents": [{"code": document["code"], "version": document["version"], "accepted_at": tapped}
                                   for document in product["documents"]],
            "client": {"app_version": "test", "page_version": "test", "platform": "devtools"}}
    if product["health_questions"]:
        body["health_answers"] = {question["code"]: False for question in product["health_questions"]}
    return body


def prepay_id_of(pay_params: dict) -> str:
    assert pay_params["package"].startswith("prepay_id=")
    return pay_params["package"][len("prepay_id="):]


@contextlib.contextmanager
def config_set(app, **values):
    """Change settings of the running test app for one block (the live server sees them too)."""
    previous = {key: app.config[key] for key in values}
    app.config.update(values)
    try:
        yield
    finally:
        app.config.update(previous)


class GunicornServer:
    """The app under the project's own gunicorn.conf.py, in a subprocess, on the test's backends."""

    def __init__(self, env: dict, workers: int = 2, threads: int = 8):
        import os

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "REDIS_CLUSTER_URL")}
        self.env.update(env, PORT=str(self.port), PUBLIC_BASE_URL=self.url, WEB_CONCURRENCY=str(workers),
                        GUNICORN_THREADS=str(threads), LOG_LEVEL="WARNING")
        self.process = None

    def __enter__(self) -> "GunicornServer":
        import subprocess
        import sys
        import time
        from pathlib import Path

        import requests

        import tempfile

        root = Path(__file__).resolve().parent.parent
        # A file, not a pipe: nobody reads a pipe while the test runs, and a full one blocks the workers.
        self.log = tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log", delete=False)
        self.process = subprocess.Popen([sys.executable, "-m", "gunicorn", "wsgi:app"], cwd=root, env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited: " + self.log_tail())
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def log_tail(self, size: int = 12000) -> str:
        with open(self.log.name, errors="replace") as handle:
            return handle.read()[-size:]

    def __exit__(self, *exc) -> None:
        import os

        self.process.terminate()
        try:
            self.process.wait(20)
        except Exception:
            self.process.kill()
        self.log.close()
        os.unlink(self.log.name)


def make_users(app, count: int, prefix: str = "load") -> list[str]:
    """``count`` logged-in users, made through the services (200 sandbox logins would dominate a test)."""
    from app.auth.services import issue_token
    from app.extensions import db
    from app.users.services import record_wechat_login

    tokens = []
    with app.app_context():
        for index in range(count):
            user, _ = record_wechat_login(f"o-{prefix}-{index:04d}", "AAAAAAAAAAAAAAAAAAAAAA==", None)
            user.nickname = f"{prefix} {index}"
            tokens.append(issue_token(user.id)[0])
        db.session.commit()
    return tokens


def partner_post(client, app, path: str, payload, partner: str = "hospital", timestamp: int | None = None,
                 secret: str | None = None):
    """POST a partner webhook signed as docs/api.md says (X-Redcover-Partner / -Timestamp / -Signature)."""
    import json as _json

    from app.core import clock
    from app.partners.services import sign

    body = payload if isinstance(payload, bytes) else _json.dumps(payload).encode()
    stamp = str(timestamp if timestamp is not None else int(clock.now().timestamp()))
    key = secret if secret is not None else app.config["PARTNER_SECRETS"][partner]["secret"]
    headers = {"X-Redcover-Partner": partner, "X-Redcover-Timestamp": stamp,
               "X-Redcover-Signature": sign(key, stamp, body), "Content-Type": "application/json"}
    return client.post(path, data=body, headers=headers)


class LoopbackRedis:
    """A stand-in for a Redis server on a loopback port (``url``): each connection a client opens is handed to
    ``serve`` in the accepting thread; every socket kept in ``sockets`` is closed on the way out."""

    def __init__(self, database: str = "0"):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(512)
        self.url = f"redis://127.0.0.1:{self.listener.getsockname()[1]}/{database}"
        self.sockets: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, name=type(self).__name__, daemon=True)

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed
                return
            self.sockets.append(connection)
            self.serve(connection)

    def serve(self, connection: socket.socket) -> None:
        raise NotImplementedError

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        # shutdown() wakes the accepting thread; close() alone leaves it waiting on Linux.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self.thread.join(5)
        for connection in self.sockets:
            with contextlib.suppress(OSError):
                connection.close()


class HangingRedis(LoopbackRedis):
    """A "Redis" that accepts connections and never answers: a hung server, or a network that
    drops packets. ``url`` points a client at it; every command waits for its timeout."""

    def serve(self, connection: socket.socket) -> None:
        pass  # kept open, and silent


class ReplyLosingRedis(LoopbackRedis):
    """A proxy to a real Redis that loses one reply: the first command holding every one of ``marker``'s byte
    strings is passed on and carried out, and its client's connection is then cut before the answer reaches it, as
    a network that fails at the wrong moment does. A client that retries (redis-py's cluster client) sends the
    command again on a new connection. ``url`` points a client at it (the Redis of ``upstream_url``, its
    database kept)."""

    def __init__(self, upstream_url: str, marker: tuple[bytes, ...]):
        from urllib.parse import urlsplit

        parts = urlsplit(upstream_url)
        if parts.scheme == "unix":
            self.upstream, self.family = parts.path, socket.AF_UNIX
            database = dict(pair.split("=", 1) for pair in parts.query.split("&") if "=" in pair).get("db", "0")
        else:
            self.upstream, self.family = (parts.hostname, parts.port or 6379), socket.AF_INET
            database = parts.path.strip("/") or "0"
        super().__init__(database)
        self.marker, self.lost = marker, threading.Event()
        self._cut: socket.socket | None = None  # the server side of the connection whose answer is lost

    def serve(self, client: socket.socket) -> None:
        server = socket.socket(self.family)
        server.connect(self.upstream)
        self.sockets.append(server)
        threading.Thread(target=self._answers, args=(server, client), daemon=True).start()
        threading.Thread(target=self._commands, args=(client, server), daemon=True).start()

    def _commands(self, client: socket.socket, server: socket.socket) -> None:
        """Commands one way until the marked command: it is carried out, and its answer is read and dropped."""
        while data := self._recv(client):
            marked = not self.lost.is_set() and all(part in data for part in self.marker)
            if marked:
                self._cut = server
                self.lost.set()
            try:
                server.sendall(data)
            except OSError:  # the test is over, or Redis went away
                return
            if marked:
                time.sleep(0.05)  # carried out by now; its answer is not passed on
                for end in (client, server):
                    with contextlib.suppress(OSError):
                        end.shutdown(socket.SHUT_RDWR)
                return

    def _answers(self, server: socket.socket, client: socket.socket) -> None:
        while data := self._recv(server):
            if self._cut is server:
                return  # the lost answer
            with contextlib.suppress(OSError):
                client.sendall(data)

    @staticmethod
    def _recv(end: socket.socket) -> bytes:
        try:
            return end.recv(65536)
        except OSError:
            return b""


class RunCommand:
    """``scripts/serve.py``, what ``./scripts/run`` starts, on the zero-setup default (SQLite and the
    embedded redis-server in ``var_dir``), with its output in a file the test reads as it goes."""

    #: The banner's last line: everything before it is startup.
    READY_LINE = "Press Ctrl-C to stop."

    def __init__(self, var_dir, port: int | None = None, **env):
        import os

        self.var_dir = var_dir
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("DATABASE_URL", "REDIS_URL", "REDCOVER_ENV", "LOG_LEVEL")}
        self.env.update(REDCOVER_VAR_DIR=str(var_dir), PORT=str(self.port), WEB_CONCURRENCY="1",
                        GUNICORN_THREADS="4", **env)
        self.process = None

    def __enter__(self) -> "RunCommand":
        import subprocess
        import sys
        import tempfile
        import time
        from pathlib import Path

        root = Path(__file__).resolve().parent.parent
        self.log = tempfile.NamedTemporaryFile(prefix="run-", suffix=".log")
        # A session of its own, like a terminal's foreground job: Ctrl-C goes to its whole group.
        self.process = subprocess.Popen([sys.executable, "scripts/serve.py"], cwd=root, env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 90
        while self.READY_LINE not in self.output():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise AssertionError("the run command did not get going:\n" + self.output()[-5000:])
            time.sleep(0.1)
        return self

    def output(self) -> str:
        from pathlib import Path

        return Path(self.log.name).read_text(errors="replace")

    def stop(self) -> int:
        """Ctrl-C in its terminal; its exit status."""
        import os
        import signal

        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            return self.process.wait(60)
        except Exception:
            os.killpg(self.process.pid, signal.SIGKILL)
            raise

    def __exit__(self, *exc) -> None:
        self.stop()
        self.log.close()


@contextlib.contextmanager
def wechat_answering_through(app, wrap):
    """Every WeChat call of ``app`` goes through ``wrap(adapter)``, an adapter around the sandbox's that changes what
    WeChat answers on the wire (refuses, delays, loses an answer), never our own code. The WeChat Pay clients are
    built afresh on the way in and out, so each carries the transports of the moment."""
    transports = app.extensions["wechat_transports"]
    saved = dict(transports)
    transports.update({prefix: wrap(adapter) for prefix, adapter in saved.items()})
    app.extensions.pop("wechat_pay", None)
    try:
        yield
    finally:
        transports.update(saved)
        app.extensions.pop("wechat_pay", None)


def rename_in_catalog(app, plan_code: str, *, product: tuple[str, str], plan: tuple[str, str]) -> None:
    """An operator renames a plan and its product, (Chinese, English) each, through the services the admin's
    product page calls; every other text stays as it is."""
    import sqlalchemy as sa

    from app.catalog import services as catalog
    from app.catalog.models import Plan
    from app.extensions import db

    with app.app_context():
        found = db.session.scalars(sa.select(Plan).where(Plan.code == plan_code)).one()
        texts = {f"{field}_{language}": getattr(found.product, f"{field}_{language}")
                 for field in ("summary", "covered", "not_covered", "faq") for language in ("zh", "en")}
        catalog.update_product(found.product_id, texts={**texts, "name_zh": product[0], "name_en": product[1]})
        catalog.update_plan(found.id, name_zh=plan[0], name_en=plan[1], premium_fen=found.premium_fen)
        db.session.commit()
        db.session.remove()
