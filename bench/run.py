#!/usr/bin/env python3
"""Redcover's throughput benchmark (issues 3 and 5): policies issued per second from WeChat
Pay v2 notifications, policy lookups per second by their owner, and red-envelope grabs per
second by a crowd, through the Redis gate and through PostgreSQL alone, each beside
``/healthz`` measured on the same gunicorn settings in the same run.

    .venv/bin/python bench/run.py                 # 3 rounds of 10 s per scenario
    .venv/bin/python bench/run.py --rounds 5 --duration 15
    .venv/bin/python bench/run.py --scenarios healthz,grab,grab_pg

Needs wrk (``apt-get install -y wrk``), PostgreSQL and Redis (``--pg``, ``--redis``).
It creates a throwaway database (``redcover_bench_<pid>``, dropped at the end), wipes
Redis database ``--redis-db`` (14 by default) before and after, migrates and seeds,
starts gunicorn with the project's own ``gunicorn.conf.py`` (and a second one with
``ENVELOPE_GRAB_GATE=postgres`` for ``grab_pg``), then runs the scenarios in turn,
``--rounds`` times, and prints medians. Results go to ``bench/results/latest.json``
(``--out``). See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import runpy
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
LUA_DIR = BENCH / "wrk"
VENV_BIN = ROOT / ".venv" / "bin"
sys.path.insert(0, str(ROOT))

#: The issues' goals (issue 19, "the red-envelope peak"): each rate as a share of the /healthz rate
#: measured beside it (grab_pg has none: it is the comparison the Redis gate is measured against).
GOALS = {"notify": 0.20, "lookup": 0.35, "grab": 0.30}
#: ... and p99 latency goals, in ms.
P99_GOALS_MS = {"grab": 100.0}
SCENARIOS = ("healthz", "notify", "lookup", "grab", "grab_pg")
#: The gunicorn each scenario runs on (Stack.servers), and its wrk script when not its own name.
SERVER_OF = {"grab_pg": "postgres-gate"}
SCRIPT_OF = {"grab_pg": "grab"}
#: ``--against``'s gunicorn, and the suffix of the scenarios measured on it ("lookup@against").
AGAINST = "against"


def base_of(scenario: str) -> str:
    """The scenario a name measures: "lookup" for "lookup@against"."""
    return scenario.partition("@")[0]


def server_of(scenario: str) -> str:
    _, at, server = scenario.partition("@")
    return server if at else SERVER_OF.get(scenario, "main")
#: Shares per bench envelope: the most one may hold (the API's limit and a CHECK constraint).
ENVELOPE_SHARES = 100
BENCH_INSURED = {"name": "张三", "id_number": "110105199003070017"}  # born 1990: within every age band


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=3, help="rounds of all the scenarios (default 3)")
    p.add_argument("--duration", type=int, default=10, help="seconds per measurement (default 10)")
    p.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per scenario before round 1")
    p.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    p.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (default 2, as issue 19's harness)")
    p.add_argument("--users", type=int, default=50, help="sandbox users who own the orders and policies")
    p.add_argument("--max-rate", type=int, default=1500,
                   help="notifications/s the order pool is sized for (pool = max-rate x duration)")
    p.add_argument("--grab-users", type=int, default=500,
                   help="users in the grabbing crowd (each envelope's 100 grabs are by 100 of them, in turn); "
                        "500, as issue 19's harness (until 7 December: 2,000)")
    p.add_argument("--max-grab-rate", type=int, default=2000,
                   help="grabs/s the envelope pool is sized for (pool = max-grab-rate x duration)")
    p.add_argument("--log-level", default=None,
                   help="LOG_LEVEL for the server (default: unset, so the app's own default for "
                        "REDCOVER_ENV=development, WARNING; INFO, production's default, writes a JSON line per request)")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--pg", default=os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
                   help="PostgreSQL server (any database on it; the bench creates its own)")
    p.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379"),
                   help="Redis server, without a database number")
    p.add_argument("--redis-db", type=int, default=14, help="Redis database the bench wipes and uses (default 14)")
    p.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated subset of " + ",".join(SCENARIOS))
    p.add_argument("--profile", default="", metavar="SCENARIOS",
                   help="after the rounds, measure these scenarios once more under py-spy (not counted in the "
                        "medians) and record where the web workers' CPU went")
    p.add_argument("--out", default=str(BENCH / "results" / "latest.json"))
    p.add_argument("--keep", action="store_true", help="keep the database and temp dir (for debugging)")
    p.add_argument("--gunicorn-env", action="append", default=[], metavar="KEY=VALUE",
                   help="extra environment for gunicorn (e.g. GUNICORN_THREADS=4); recorded in the results")
    p.add_argument("--against", action="append", default=[], metavar="KEY=VALUE",
                   help="also start a second gunicorn with this environment on top (e.g. GUNICORN_THREADS=4) and "
                        "measure every scenario on it right beside the first, in alternating order, each against "
                        "its own server's /healthz: a comparison that the machine's drift between runs cannot "
                        "decide (reported as scenario@against)")
    return p.parse_args(argv)


# -- the environment -----------------------------------------------------------------------


def require_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("bench: wrk is not installed. Install it with `apt-get install -y wrk` (Debian/Ubuntu) "
                 "or build wrk from source (wg/wrk), then run this again.")
    return wrk


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def machine_info() -> dict:
    info = {"python": platform.python_version(), "kernel": platform.release(), "cores": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        info["memory_gib"] = round(mem_kb / 1024 / 1024, 1)
    except (OSError, AttributeError):
        pass
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    info["wrk"] = (wrk.stdout or wrk.stderr).split("Copyright")[0].strip()
    return info


def gunicorn_settings(env: dict) -> dict:
    """The settings gunicorn.conf.py gives under ``env`` (what the server actually ran with)."""
    saved = dict(os.environ)
    try:
        os.environ.update(env)
        conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    keys = ("bind", "workers", "worker_class", "threads", "reuse_port", "keepalive", "timeout", "preload_app",
            "loglevel")
    return {k: conf.get(k) for k in keys if k in conf}


# -- the throwaway stack -----------------------------------------------------------------------


class Server:
    """One gunicorn under the project's gunicorn.conf.py, on its own port, logging to a file."""

    def __init__(self, name: str, port: int, env: dict, log_path: Path):
        self.name, self.port, self.env, self.log_path = name, port, env, log_path
        self.base_url = f"http://127.0.0.1:{port}"
        self.process = None

    @property
    def pid(self) -> int:
        return self.process.pid

    def start(self) -> "Server":
        import requests

        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "wsgi:app"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"bench: gunicorn exited with {self.process.returncode}; see {self.log_path}")
            try:
                if requests.get(self.base_url + "/healthz", timeout=1).ok:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise SystemExit(f"bench: gunicorn ({self.name}) did not answer /healthz within 30 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # gunicorn's arbiter stops its workers
            try:
                self.process.wait(25)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class Stack:
    """A database, a Redis db, a var dir and the gunicorns for one run; ``close()`` removes them.

    ``main`` serves every scenario but ``grab_pg``, which runs on a second gunicorn (the
    next port, started only when that scenario is asked for) that differs from ``main``
    only by ``ENVELOPE_GRAB_GATE=postgres``: same gunicorn.conf.py, same database and Redis.
    """

    def __init__(self, args):
        import psycopg
        import redis

        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="redcover-bench-"))
        self.db_name = f"redcover_bench_{os.getpid()}"
        self.admin_url = args.pg
        self.database_url = with_database(args.pg, self.db_name)
        self.redis_url = f"{args.redis.rstrip('/')}/{args.redis_db}"
        self.redis = redis.Redis.from_url(self.redis_url)
        self.servers: dict[str, Server] = {}
        self.base_url = f"http://127.0.0.1:{args.port}"
        self.env = {
            **os.environ,
            "REDCOVER_ENV": "development",
            "REDCOVER_VAR_DIR": str(self.tmp / "var"),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "PORT": str(args.port),
            "PUBLIC_BASE_URL": self.base_url,
            "LOGIN_RATE_LIMIT": "1000000/minute",  # the bench logs its users in from one address
            "SANDBOX_DUPLICATE_RATE": "0",
            "PROMETHEUS_MULTIPROC_DIR": str(self.tmp / "metrics"),
        }
        if args.log_level:
            self.env["LOG_LEVEL"] = args.log_level
        else:
            self.env.pop("LOG_LEVEL", None)
        for item in args.gunicorn_env:
            key, _, value = item.partition("=")
            self.env[key] = value
        (self.tmp / "metrics").mkdir()
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.db_name}"')
        self.redis.flushdb()

    def flask(self, *command: str) -> None:
        subprocess.run([str(VENV_BIN / "flask"), "--app", "wsgi", *command], cwd=ROOT, env=self.env, check=True,
                       stdout=subprocess.DEVNULL)

    def start_server(self, name: str = "main", **env: str) -> Server:
        """Start gunicorn ``name`` (``main`` on ``--port``, each further one on the next port)."""
        port = self.args.port + len(self.servers)
        url = f"http://127.0.0.1:{port}"
        server = Server(name, port, {**self.env, "PORT": str(port), "PUBLIC_BASE_URL": url, **env},
                        self.tmp / ("server.log" if name == "main" else f"server-{name}.log"))
        self.servers[name] = server
        return server.start()

    def log_summary(self) -> dict[str, int]:
        """Warnings and errors the servers logged, counted by message (a failed request says why here)."""
        counts: dict[str, int] = {}
        for server in self.servers.values():
            log = server.log_path
            for line in log.read_text(errors="replace").splitlines() if log.exists() else []:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # gunicorn's own lines
                if isinstance(entry, dict) and entry.get("level") in ("warning", "error", "critical"):
                    key = f"{entry['level']} {entry.get('logger')}: {entry.get('msg')}"[:200]
                    if server.name != "main":
                        key = f"[{server.name}] {key}"
                    counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: -item[1])[:10])

    def show_server_log(self, lines: int = 30) -> None:
        for server in self.servers.values():
            log = server.log_path
            if log.exists():
                print(f"--- last {lines} lines of {log.name}", file=sys.stderr)
                print("\n".join(log.read_text(errors="replace").splitlines()[-lines:]), file=sys.stderr)

    def close(self) -> None:
        import psycopg

        for server in self.servers.values():
            server.stop()
        if self.args.keep:
            print(f"kept: database {self.db_name}, Redis {self.redis_url}, {self.tmp}")
            return
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        self.redis.flushdb()
        shutil.rmtree(self.tmp, ignore_errors=True)


# -- test data -------------------------------------------------------------------------------


class Data:
    """Users (logged in through the API and the sandbox), and unpaid orders made in the database."""

    def __init__(self, stack: Stack):
        from app import create_app
        from config import load_config

        self.stack = stack
        self.app = create_app(load_config(stack.env), REQUEST_LOG=False)
        self.tokens: dict[int, str] = {}
        self.batches = 0
        self.grabbers: list[str] = []
        self.envelope_batches: dict[int, list[int]] = {}

    def login_users(self, count: int) -> None:
        import requests

        with requests.Session() as http:
            for i in range(count):
                response = http.post(self.stack.base_url + "/api/v1/auth/login",
                                     json={"code": f"sandbox:bench-{i}"}, timeout=10)
                response.raise_for_status()
                body = response.json()
                self.tokens[body["user"]["id"]] = body["token"]

    def notification_file(self, count: int) -> tuple[Path, int]:
        """Make ``count`` unpaid orders in the database and a file of their signed notifications."""
        import sqlalchemy as sa
        from wechatpy.pay.utils import calculate_signature, dict_to_xml

        from app.catalog.models import Plan
        from app.core import clock
        from app.extensions import db
        from app.insured.services import validate_insured
        from app.orders.models import Order
        from app.purchases.models import Application

        self.batches += 1
        batch = self.batches
        config = self.app.config
        user_ids = sorted(self.tokens)
        with self.app.app_context():
            plan = db.session.scalars(sa.select(Plan).where(Plan.code == "accident-basic")).one()
            insured = validate_insured(BENCH_INSURED).stored_fields()
            now = clock.now()
            rows = [dict(
                order_no=f"RCBENCH{batch:03d}{i:08d}", user_id=user_ids[i % len(user_ids)], plan_id=plan.id,
                kind="policy", status="created", premium_fen=plan.premium_fen, discount_fen=0,
                amount_fen=plan.premium_fen, pay_version="v2", prepay_id=f"wx_bench_{batch}_{i}",
                created_at=now, expires_at=now + dt.timedelta(hours=6),
            ) for i in range(count)]
            order_ids = db.session.scalars(sa.insert(Order).returning(Order.id, sort_by_parameter_order=True),
                                           rows).all()
            # What buying keeps beside each order: the insured person its policy is issued for.
            db.session.execute(sa.insert(Application), [dict(order_id=order_id, created_at=now, **insured)
                                                        for order_id in order_ids])
            db.session.commit()
            amount = plan.premium_fen
        path = self.stack.tmp / f"notify-{batch}.txt"
        with open(path, "w") as out:
            for i in range(count):
                fields = {
                    "appid": config["WECHAT_APPID"], "mch_id": config["WECHAT_MCH_ID"],
                    "nonce_str": os.urandom(16).hex(), "return_code": "SUCCESS", "result_code": "SUCCESS",
                    "openid": "oBenchPayer", "is_subscribe": "N", "trade_type": "JSAPI", "bank_type": "OTHERS",
                    "total_fee": str(amount), "cash_fee": str(amount), "fee_type": "CNY",
                    "transaction_id": f"4200{batch:04d}{i:020d}", "out_trade_no": f"RCBENCH{batch:03d}{i:08d}",
                    "time_end": clock.to_shanghai(now).strftime("%Y%m%d%H%M%S"),
                }
                xml = dict_to_xml(fields, calculate_signature(fields, config["WECHAT_PAY_API_KEY"]))
                out.write(xml.replace("\n", "") + "\n")
        return path, batch

    def batch_outcome(self, batch: int) -> dict:
        """What became of one batch's notifications: policies issued and notifications not applied."""
        import sqlalchemy as sa

        from app.extensions import db

        prefix = f"RCBENCH{batch:03d}%"
        with self.app.app_context():
            issued = db.session.execute(sa.text(
                "SELECT count(*), min(p.issued_at), max(p.issued_at) FROM policies p "
                "JOIN orders o ON o.id = p.order_id WHERE o.order_no LIKE :prefix"), {"prefix": prefix}).one()
            outcomes = dict(db.session.execute(sa.text(
                "SELECT outcome, count(*) FROM payment_notifications WHERE out_trade_no LIKE :prefix "
                "GROUP BY outcome"), {"prefix": prefix}).all())
            unparsed = db.session.scalar(sa.text(
                "SELECT count(*) FROM payment_notifications WHERE out_trade_no IS NULL"))
            db.session.remove()
        spread = (issued[2] - issued[1]).total_seconds() if issued[0] > 1 else None
        return {"policies": issued[0], "issued_spread_s": spread, "outcomes": outcomes,
                "unattributed_notifications": unparsed}

    def lookup_file(self, limit: int = 5000) -> Path:
        import sqlalchemy as sa

        from app.extensions import db

        with self.app.app_context():
            rows = db.session.execute(sa.text(
                "SELECT policy_no, user_id FROM policies ORDER BY id LIMIT :limit"), {"limit": limit}).all()
            db.session.remove()
        if not rows:
            raise SystemExit("bench: no policies to look up (did the notification warm-up fail?)")
        path = self.stack.tmp / "lookup.txt"
        path.write_text("".join(f"{no} {self.tokens[user_id]}\n" for no, user_id in rows))
        return path

    # -- grabs -----------------------------------------------------------------------------------

    def make_grabbers(self, count: int) -> None:
        """``count`` users with tokens, made through the auth services (thousands of sandbox
        logins would take minutes): the crowd that grabs."""
        from app.auth.services import issue_token
        from app.extensions import db
        from app.users.services import record_wechat_login

        with self.app.app_context():
            for index in range(count):
                user, _ = record_wechat_login(f"o-bench-grabber-{index:05d}", "AAAAAAAAAAAAAAAAAAAAAA==", None)
                user.nickname = f"grabber {index}"
                self.grabbers.append(issue_token(user.id)[0])
            db.session.commit()
            db.session.remove()

    def prime_token_cache(self) -> None:
        """Validate every grabber's token afresh, so each is in the token cache for the next
        ``AUTH_TOKEN_CACHE_SECONDS`` (5 minutes): a crowd that has just opened the envelope.
        Without it, the entries the warm-up made would expire together in some later round."""
        from app.auth.services import CACHE_PREFIX, authenticate, hash_token
        from app.extensions import db

        self.stack.redis.delete(*(CACHE_PREFIX + hash_token(token) for token in self.grabbers))
        with self.app.app_context():
            for token in self.grabbers:
                authenticate(token)
            db.session.remove()

    def envelope_file(self, grabs: int) -> tuple[Path, int]:
        """Active promo envelopes of 100 shares (the most one may hold) inserted in the
        database, enough for ``grabs`` grabs, and a file of "<envelope_id> <token>" lines,
        envelope after envelope, 100 different grabbers on each."""
        import secrets

        import sqlalchemy as sa

        from app.catalog.models import Plan
        from app.core import clock
        from app.envelopes import split
        from app.envelopes.grabs import open_gate
        from app.envelopes.models import Envelope, EnvelopeShare
        from app.envelopes.services import ENVELOPE_LIFETIME, premium_for
        from app.extensions import db
        from app.users.services import record_wechat_login

        if len(self.grabbers) < ENVELOPE_SHARES:
            raise SystemExit(f"bench: --grab-users must be at least {ENVELOPE_SHARES}")
        self.batches += 1
        batch = self.batches
        count = -(-grabs // ENVELOPE_SHARES)
        total = ENVELOPE_SHARES * 300_000
        lines = []
        with self.app.app_context():
            plan = db.session.scalars(sa.select(Plan).where(Plan.code == "gift-accident-30d")).one()
            now = clock.now()
            # A sender of its own: the sender cannot grab their own envelope (409 own_envelope).
            sender = record_wechat_login("o-bench-sender", "AAAAAAAAAAAAAAAAAAAAAA==", None)[0].id
            public_ids = [secrets.token_urlsafe(16) for _ in range(count)]
            ids = db.session.scalars(sa.insert(Envelope).returning(Envelope.id, sort_by_parameter_order=True), [dict(
                public_id=public_id, sender_id=sender, plan_id=plan.id, total_coverage_fen=total,
                shares=ENVELOPE_SHARES, mode="random", greeting=f"bench batch {batch}", status="active",
                funding="campaign", premium_fen=premium_for(plan, total), created_at=now, activated_at=now,
                expires_at=now + ENVELOPE_LIFETIME) for public_id in public_ids]).all()
            db.session.execute(sa.insert(EnvelopeShare), [
                {"envelope_id": envelope_id, "position": position, "coverage_fen": amount}
                for envelope_id in ids
                for position, amount in enumerate(split.split(total, ENVELOPE_SHARES, "random"))])
            db.session.commit()
            db.session.remove()
            for public_id in public_ids:  # as the job queued by an envelope's activation does
                open_gate(public_id)
        users = len(self.grabbers)
        for e, public_id in enumerate(public_ids):
            for j in range(ENVELOPE_SHARES):
                lines.append(f"{public_id} {self.grabbers[(e * ENVELOPE_SHARES + j) % users]}\n")
        path = self.stack.tmp / f"grab-{batch}.txt"
        path.write_text("".join(lines))
        self.envelope_batches[batch] = ids
        return path, batch

    def grab_outcome(self, batch: int) -> dict:
        """What the database recorded for one batch of envelopes: grabs, and any share given
        twice, any user twice on an envelope, any grab whose coverage is not its share's, any
        fully grabbed envelope whose grabs do not sum to its total."""
        import sqlalchemy as sa

        from app.extensions import db

        ids = self.envelope_batches[batch]
        with self.app.app_context():
            row = db.session.execute(sa.text("""
                SELECT count(*) AS grabs,
                       count(*) - count(DISTINCT g.share_id) AS shares_twice,
                       count(*) - count(DISTINCT (g.envelope_id, g.user_id)) AS users_twice,
                       count(*) FILTER (WHERE s.envelope_id <> g.envelope_id OR s.coverage_fen <> g.coverage_fen)
                           AS wrong_share
                FROM envelope_grabs g JOIN envelope_shares s ON s.id = g.share_id
                WHERE g.envelope_id = ANY(:ids)"""), {"ids": ids}).one()
            sums = db.session.execute(sa.text("""
                SELECT count(*) FILTER (WHERE n = e.shares) AS full,
                       count(*) FILTER (WHERE n = e.shares AND total <> e.total_coverage_fen) AS not_summing,
                       count(*) FILTER (WHERE n = e.shares AND e.status <> 'exhausted') AS not_marked
                FROM envelopes e JOIN (SELECT envelope_id, count(*) AS n, sum(coverage_fen) AS total
                                       FROM envelope_grabs WHERE envelope_id = ANY(:ids) GROUP BY envelope_id) g
                  ON g.envelope_id = e.id"""), {"ids": ids}).one()
            db.session.remove()
        return {"grabs": row.grabs, "shares_twice": row.shares_twice, "users_twice": row.users_twice,
                "wrong_share": row.wrong_share, "envelopes_full": sums.full,
                "envelopes_full_not_summing": sums.not_summing,
                # Informational: under a crowd the last grab to commit may not see the others
                # (services._MARK_EXHAUSTED); the gate and the unique keys still refuse more grabs.
                "envelopes_full_still_active": sums.not_marked}


# -- where the CPU went ------------------------------------------------------------------------


class CpuMeter:
    """CPU used during a measurement (in cores) by the server, our PostgreSQL backends (and
    its background writers), Redis and wrk, and by the whole machine: which one is the
    limit, and how much a neighbour took (the machine is shared)."""

    def __init__(self, server_pid: int, port: int, db_name: str, duration: float):
        self.server_pid = server_pid
        self.port = port
        self.db_name = db_name
        self.duration = duration

    def _group(self, proc, server_pids) -> str | None:
        if proc.pid in server_pids:
            return "server"
        name = proc.info["name"]
        if name == "redis-server":
            return "redis"
        if name == "postgres":
            cmdline = " ".join(proc.info["cmdline"] or [])
            client = "(" in cmdline or "[local]" in cmdline  # a client backend: "user db host(port) state"
            return "postgres" if not client or f" {self.db_name} " in cmdline else None
        return None

    def _snapshot(self) -> tuple[dict, object]:
        import psutil

        try:
            server = psutil.Process(self.server_pid)
            server_pids = {server.pid} | {c.pid for c in server.children(recursive=True)}
        except psutil.Error:
            server_pids = set()
        used = {}
        for proc in psutil.process_iter(["name", "cmdline", "cpu_times"]):
            group = self._group(proc, server_pids)
            times = proc.info["cpu_times"]
            if group and times is not None:
                used[proc.pid] = (group, times.user + times.system)
        return used, psutil.cpu_times()

    def connections_per_worker(self) -> list[int]:
        """wrk's connections held by each worker: gthread workers keep the connections they
        accepted, so a worker that took most of them leaves the other one's core idle."""
        import psutil

        try:
            workers = psutil.Process(self.server_pid).children()
            return sorted((sum(1 for c in w.net_connections("tcp")
                               if c.status == psutil.CONN_ESTABLISHED and c.laddr.port == self.port)
                           for w in workers), reverse=True)
        except psutil.Error:
            return []

    def __enter__(self):
        import resource
        import threading

        self.children = resource.getrusage(resource.RUSAGE_CHILDREN)  # wrk, once it has exited
        self.start = self._snapshot()
        self.started = time.monotonic()
        self.spread: list[int] = []
        self._stop = threading.Event()

        def sample_midway():
            if not self._stop.wait(self.duration / 2):
                self.spread = self.connections_per_worker()

        self._sampler = threading.Thread(target=sample_midway, daemon=True)
        self._sampler.start()
        return self

    def __exit__(self, *exc):
        import resource

        self._stop.set()
        self._sampler.join()
        used, machine = self._snapshot()
        wall = time.monotonic() - self.started
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        before, machine_before = self.start
        groups = {"server": 0.0, "postgres": 0.0, "redis": 0.0}
        for pid, (group, seconds) in used.items():
            groups[group] += seconds - before.get(pid, (group, 0.0))[1]  # new processes count from zero
        groups["wrk"] = children.ru_utime + children.ru_stime - self.children.ru_utime - self.children.ru_stime
        self.result = {group: round(seconds / wall, 2) for group, seconds in groups.items()}
        cores = os.cpu_count() or 1
        total = sum(machine) - sum(machine_before)
        if total:
            def share(field):
                return round((getattr(machine, field, 0.0) - getattr(machine_before, field, 0.0)) / total * cores, 2)

            idle, iowait, steal = share("idle"), share("iowait"), share("steal")
            self.result["machine_busy"] = round(cores - idle - iowait - steal, 2)
            self.result["machine_iowait"] = iowait
            self.result["machine_steal"] = steal
            self.result["others"] = round(self.result["machine_busy"] - sum(groups.values()) / wall, 2)
        return False


# -- wrk ---------------------------------------------------------------------------------------


def run_wrk(args, server: Server, scenario: str, duration: int, requests_file: Path | None = None) -> dict:
    path = "/healthz" if scenario == "healthz" else "/"
    env = dict(os.environ, BENCH_LUA_DIR=str(LUA_DIR), BENCH_WRK_THREADS=str(args.wrk_threads))
    if requests_file is not None:
        env["BENCH_REQUESTS"] = str(requests_file)
    script = SCRIPT_OF.get(base_of(scenario), base_of(scenario))
    command = ["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{duration}s", "--timeout", "5s",
               "-s", str(LUA_DIR / f"{script}.lua"), server.base_url + path]
    with CpuMeter(server.pid, server.port, args.db_name, duration) as cpu:
        done = subprocess.run(command, capture_output=True, text=True, env=env)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"bench: wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    result = json.loads(line[len("BENCH_JSON "):])
    result["duration_s"] = result.pop("duration_us") / 1e6
    result["exhausted"] = "BENCH_EXHAUSTED" in done.stderr
    result["ok"] = result["requests"] - result["errors"]["status"]
    result["server"] = server.name
    result["cpu_cores"] = cpu.result
    result["connections_per_worker"] = cpu.spread
    return result


def measure(args, stack: Stack, data: Data, scenario: str, duration: int) -> dict:
    result = _measure(args, stack, data, scenario, duration)
    cpu = result["cpu_cores"]
    # CPU the service spent per request (web workers, PostgreSQL, Redis): unlike the rate, it
    # hardly depends on what else the shared machine runs, so it cross-checks the ratios.
    service = cpu["server"] + cpu["postgres"] + cpu["redis"]
    result["service_cpu_ms"] = round(1000 * service / result["rate"], 3) if result["rate"] else None
    return result


def _measure(args, stack: Stack, data: Data, name: str, duration: int) -> dict:
    server, scenario = stack.servers[server_of(name)], base_of(name)
    if scenario == "healthz":
        result = run_wrk(args, server, "healthz", duration)
        result["rate"] = result["ok"] / result["duration_s"]
        return result
    if scenario == "lookup":
        result = run_wrk(args, server, "lookup", duration, data.lookup_path)
        result["rate"] = result["ok"] / result["duration_s"]
        return result
    if scenario in ("grab", "grab_pg"):
        return measure_grabs(args, server, data, scenario, duration)
    # notify: the rate is what matters to a customer, policies issued per second.
    requests_file, batch = data.notification_file(max(200, args.max_rate * duration))
    result = run_wrk(args, server, "notify", duration, requests_file)
    time.sleep(0.5)  # requests still in flight when wrk stopped finish on the server
    result.update(data.batch_outcome(batch))
    # Counted as answered within the window (wrk's own count), each checked to have issued a policy.
    result["rate"] = min(result["ok"], result["policies"]) / result["duration_s"]
    not_applied = {k: v for k, v in result["outcomes"].items() if k != "applied"}
    # wrk stops mid-request: a few notifications it counted as unanswered still finish.
    result["consistent"] = (not not_applied and result["errors"]["status"] == 0
                            and result["ok"] <= result["policies"] <= result["ok"] + args.connections)
    return result


def measure_grabs(args, server: Server, data: Data, scenario: str, duration: int) -> dict:
    """Grabs per second: a fresh batch of envelopes, every request a real grab (a user new to
    its envelope), the rate counted from the 201s answered and checked in the database."""
    requests_file, batch = data.envelope_file(max(ENVELOPE_SHARES, args.max_grab_rate * duration))
    data.prime_token_cache()
    result = run_wrk(args, server, scenario, duration, requests_file)
    time.sleep(0.5)  # grabs in flight when wrk stopped finish on the server
    result.update(data.grab_outcome(batch))
    result["answered_201"] = result["statuses"].get("201", 0)
    result["rate"] = min(result["answered_201"], result["grabs"]) / result["duration_s"]
    # wrk stops mid-request: a few grabs it counted as unanswered are still recorded.
    result["consistent"] = (result["answered_201"] <= result["grabs"] <= result["answered_201"] + args.connections
                            and result["answered_201"] == result["requests"]
                            and not (result["shares_twice"] or result["users_twice"] or result["wrong_share"]
                                     or result["envelopes_full_not_summing"]))
    return result


# -- a profile -----------------------------------------------------------------------------------

#: Where a request's Python time goes: each of py-spy's samples counts once, for the first
#: part (in this order) one of whose needles is in one of its frames ("function (file)").
PROFILE_PARTS = (
    ("grab: gate missing, built or waited for", ("_rebuild_or_refuse (app/envelopes/grabs.py",)),
    ("grab: Redis gate, gate.try_grab (EVALSHA)", ("try_grab (app/envelopes/gate.py",)),
    ("grab: the insert (SQLAlchemy Core, psycopg)", ("_insert_grab (app/envelopes/grabs.py",)),
    ("grab: PostgreSQL alone, the one statement", ("_grab_in_database (app/envelopes/grabs.py",)),
    ("grab: autocommit connection, out and back", ("single_statement_units (app/core/db.py",)),
    ("grab: the rest of the service", ("take (app/envelopes/grabs.py",)),
    ("grab: the view's commit (core.db.commit)", ("commit (app/core/db.py",)),
    ("response schema (marshmallow)", ("marshmallow/",)),
    ("grab: the rest of the view", ("grab (app/envelopes/routes.py",)),
    ("token check (auth.services.authenticate)", ("authenticate (app/auth/services.py",)),
    ("around the view: login guard, flask-smorest's response, the request's commit",
     ("RedcoverFlask.dispatch_request",)),
    ("rate limiter (flask_limiter)", ("flask_limiter/",)),
    ("request log and metrics (core/observability)", ("(app/core/observability.py",)),
    ("Flask, werkzeug, flask-smorest: the rest", ("Flask.__call__ (flask/app.py",)),
    ("gunicorn: accept, parse, write, threads", ("",)),
)


def profile_summary(raw: Path) -> dict:
    """Shares of py-spy's samples (``--gil``: Python holding the GIL) by PROFILE_PARTS, and the
    functions the most samples were in (self time)."""
    stacks: list[tuple[list[str], int]] = []
    for line in raw.read_text(errors="replace").splitlines():
        frames, _, count = line.rpartition(" ")
        if frames and count.isdigit():
            stacks.append((frames.split(";"), int(count)))
    total = sum(count for _, count in stacks) or 1
    parts = {label: 0 for label, _ in PROFILE_PARTS}
    leaves: dict[str, int] = {}
    for frames, count in stacks:
        label = next(label for label, needles in PROFILE_PARTS
                     if any(needle in frame for needle in needles for frame in frames))
        parts[label] += count
        leaves[frames[-1]] = leaves.get(frames[-1], 0) + count
    top = sorted(leaves.items(), key=lambda item: -item[1])[:15]
    return {"samples": total,
            "percent_of_samples": {label: round(100 * n / total, 1) for label, n in parts.items() if n},
            "top_self_percent": {frame: round(100 * n / total, 1) for frame, n in top}}


def collapsed_stacks(raw: Path) -> str:
    """py-spy's stacks without the process frames (gunicorn's command line on every line),
    merged: what flamegraph tools read ("frame;frame;... count"), small enough to keep."""
    merged: dict[str, int] = {}
    for line in raw.read_text(errors="replace").splitlines():
        frames, _, count = line.rpartition(" ")
        if frames and count.isdigit():
            key = ";".join(f for f in frames.split(";") if not f.startswith("process "))
            merged[key] = merged.get(key, 0) + int(count)
    return "".join(f"{key} {count}\n" for key, count in sorted(merged.items(), key=lambda item: -item[1]))


def profile(args, stack: Stack, data: Data, scenario: str) -> dict:
    """One more measurement of ``scenario`` with py-spy sampling its gunicorn's workers."""
    server = stack.servers[server_of(scenario)]
    raw = stack.tmp / f"profile-{scenario}.txt"
    spy = subprocess.Popen([str(VENV_BIN / "py-spy"), "record", "--pid", str(server.pid), "--subprocesses",
                            "--gil", "--nonblocking", "--nolineno", "--format", "raw", "--rate", "250",
                            "--duration", str(args.duration + 1), "--output", str(raw)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1)  # py-spy attaches to the workers
    result = measure(args, stack, data, scenario, args.duration)
    _, err = spy.communicate(timeout=args.duration + 30)
    if spy.returncode != 0 or not raw.exists():
        raise SystemExit(f"bench: py-spy failed ({spy.returncode}): {err.decode(errors='replace')[-2000:]}")
    summary = profile_summary(raw)
    keep = BENCH / "results" / f"profile-{scenario}.txt"
    keep.write_text(collapsed_stacks(raw))
    summary.update(rate=round(result["rate"], 1), p99_ms=round(result["latency_us"]["p99"] / 1000, 1),
                   cpu_cores=result["cpu_cores"], stacks=str(keep.relative_to(ROOT)))
    return summary


# -- the run -------------------------------------------------------------------------------------


def summarise(rounds: list[dict], scenarios: list[str]) -> dict:
    summary = {}
    for scenario in scenarios:
        base = base_of(scenario)
        healthz = "healthz" + scenario[len(base):]  # the same server's
        rates = [r[scenario]["rate"] for r in rounds]
        median_p99_ms = statistics.median(r[scenario]["latency_us"]["p99"] for r in rounds) / 1000
        entry = {"rates": [round(x, 1) for x in rates], "median_rate": round(statistics.median(rates), 1),
                 "median_p50_ms": round(statistics.median(r[scenario]["latency_us"]["p50"] for r in rounds) / 1000, 1),
                 "median_p99_ms": round(median_p99_ms, 1),
                 "median_service_cpu_ms": round(statistics.median(r[scenario]["service_cpu_ms"] for r in rounds), 3),
                 "median_others_cores": round(statistics.median(r[scenario]["cpu_cores"].get("others", 0)
                                                                for r in rounds), 2)}
        if base != "healthz" and healthz in scenarios:
            ratios = [r[scenario]["rate"] / r[healthz]["rate"] for r in rounds]
            entry["ratios"] = [round(x, 3) for x in ratios]
            median_ratio = statistics.median(ratios)
            entry["median_ratio"] = round(median_ratio, 3)
            cpu_ratios = [r[healthz]["service_cpu_ms"] / r[scenario]["service_cpu_ms"] for r in rounds]
            entry["median_cpu_ratio"] = round(statistics.median(cpu_ratios), 3)
            # Goals are judged on the medians as measured: rounded first, 0.2996 passed for 0.30.
            if base in GOALS:
                entry["goal_ratio"] = GOALS[base]
                entry["goal_met"] = median_ratio >= GOALS[base]
            if base in P99_GOALS_MS:
                entry["goal_p99_ms"] = P99_GOALS_MS[base]
                entry["goal_met"] = entry.get("goal_met", True) and median_p99_ms < P99_GOALS_MS[base]
        if scenario == "grab_pg" and "grab" in scenarios:
            ratios = [r["grab_pg"]["rate"] / r["grab"]["rate"] for r in rounds]
            entry["median_ratio_to_grab"] = round(statistics.median(ratios), 3)
        summary[scenario] = entry
    return summary


def print_table(summary: dict, rounds: list[dict]) -> None:
    print()
    print(f"{'scenario':<15} {'rates per round (/s)':<28} {'median/s':>9} {'p50 ms':>7} {'p99 ms':>7} "
          f"{'÷healthz':>9} {'goal':>7} {'cpu ms/req':>10} {'cpu ratio':>9} {'others':>6}")
    for scenario, entry in summary.items():
        rates = ", ".join(f"{x:,.0f}" for x in entry["rates"])
        ratio = f"{entry['median_ratio']:.3f}" if "median_ratio" in entry else "1"
        cpu_ratio = f"{entry['median_cpu_ratio']:.3f}" if "median_cpu_ratio" in entry else "1"
        goal = ("" if "goal_met" not in entry else
                f"{entry.get('goal_ratio', 0):.2f}{' ok' if entry['goal_met'] else ' NO'}")
        print(f"{scenario:<15} {rates:<28} {entry['median_rate']:>9,.1f} {entry['median_p50_ms']:>7.1f} "
              f"{entry['median_p99_ms']:>7.1f} {ratio:>9} "
              f"{goal:>7} {entry['median_service_cpu_ms']:>10.3f} {cpu_ratio:>9} {entry['median_others_cores']:>6}")
    print("cpu ms/req: web workers + PostgreSQL + Redis CPU per request; cpu ratio: healthz's over the scenario's "
          "(roughly the rate ratio on a machine running nothing else); others: cores used by other processes; "
          f"goals: grab also needs p99 < {P99_GOALS_MS['grab']:.0f} ms")
    if "median_ratio_to_grab" in summary.get("grab_pg", {}):
        print(f"grab_pg ÷ grab: {summary['grab_pg']['median_ratio_to_grab']:.3f}")
    problems = [f"round {i + 1} {name}: {detail}" for i, r in enumerate(rounds) for name, detail in problems_of(r)]
    for problem in problems:
        print("WARNING:", problem)


def problems_of(round_results: dict):
    for name, result in round_results.items():
        if result["errors"]["status"]:
            yield name, f"{result['errors']['status']} non-2xx answers"
        if result["errors"]["timeout"] or result["errors"]["connect"]:
            yield name, f"socket errors {result['errors']}"
        if result.get("exhausted"):
            yield name, ("the envelope pool ran out; raise --max-grab-rate" if name.startswith("grab")
                         else "the notification pool ran out; raise --max-rate")
        if base_of(name) == "notify" and not result["consistent"]:
            yield name, (f"{result['ok']} answered 2xx, {result['policies']} policies, "
                         f"outcomes {result['outcomes']}")
        if name.startswith("grab") and not result["consistent"]:
            yield name, (f"{result['answered_201']} answered 201 of {result['requests']} ({result['statuses']}), "
                         f"{result['grabs']} grabs recorded; shares given twice {result['shares_twice']}, users "
                         f"twice {result['users_twice']}, wrong share {result['wrong_share']}, full envelopes "
                         f"not summing {result['envelopes_full_not_summing']}; error answers such as "
                         f"{result.get('error_samples')}")


def main(argv=None) -> int:
    args = parse_args(argv)
    require_wrk()
    if args.redis_db == 15:
        sys.exit("bench: Redis database 15 belongs to the test suite (.ci/run); pick another --redis-db")
    scenarios = [s for s in args.scenarios.split(",") if s]
    unknown = set(scenarios) - set(SCENARIOS)
    if unknown:
        sys.exit(f"bench: unknown scenarios {sorted(unknown)}")
    if set(s for s in args.profile.split(",") if s) - set(scenarios):
        sys.exit("bench: --profile takes scenarios that --scenarios runs")
    stack = Stack(args)
    started = dt.datetime.now(dt.timezone.utc)
    try:
        print(f"bench: database {stack.db_name}, Redis {stack.redis_url}, temp {stack.tmp}")
        stack.flask("db", "upgrade")
        stack.flask("seed")
        main_server = stack.start_server()
        if "grab_pg" in scenarios:
            stack.start_server(SERVER_OF["grab_pg"], ENVELOPE_GRAB_GATE="postgres")
        if args.against:
            if "grab_pg" in scenarios:
                sys.exit("bench: --against compares the main scenarios; leave grab_pg out")
            stack.start_server(AGAINST, **dict(item.partition("=")[::2] for item in args.against))
        args.db_name = stack.db_name
        data = Data(stack)
        data.login_users(args.users)
        if "grab" in scenarios or "grab_pg" in scenarios:
            data.make_grabbers(args.grab_users)
        # Warm-up: every worker imports, connects and fills its caches; the notification
        # warm-up also issues the policies that the lookups read.
        print(f"bench: warming up ({args.warmup} s per scenario)")
        for server in stack.servers.values():
            run_wrk(args, server, "healthz", args.warmup)
        if "notify" in scenarios or "lookup" in scenarios:
            warm_file, warm_batch = data.notification_file(max(2000, args.max_rate * args.warmup))
            warm = run_wrk(args, main_server, "notify", args.warmup, warm_file)
            time.sleep(0.5)
            if warm["errors"]["status"]:
                sys.exit(f"bench: {warm['errors']['status']} notifications failed in the warm-up; "
                         f"see {stack.tmp}/server.log (rerun with --keep to keep it)")
        compared = [AGAINST] if args.against else []
        if "lookup" in scenarios:
            data.lookup_path = data.lookup_file()
            for name in ("main", *compared):
                run_wrk(args, stack.servers[name], "lookup", args.warmup, data.lookup_path)
        for scenario in ("grab", "grab_pg", *(f"grab@{name}" for name in compared)):
            if base_of(scenario) in scenarios:
                warm = measure_grabs(args, stack.servers[server_of(scenario)], data, scenario, args.warmup)
                broken = (warm["shares_twice"] or warm["users_twice"] or warm["wrong_share"]
                          or warm["envelopes_full_not_summing"] or warm["answered_201"] < 0.99 * warm["requests"])
                if broken:  # a few other answers (409 busy, say) are findings, reported for each round
                    sys.exit(f"bench: the {scenario} warm-up went wrong: {dict(problems_of({scenario: warm}))}; "
                             f"see {stack.tmp} (rerun with --keep to keep it)")

        rounds = []
        for number in range(1, args.rounds + 1):
            results = {}
            # With --against, each scenario runs on both servers back to back, first one then the other in turn.
            order = [[s, *(f"{s}@{name}" for name in compared)] for s in scenarios]
            order = [name for pair in order for name in (pair if number % 2 else pair[::-1])]
            for scenario in order:
                results[scenario] = measure(args, stack, data, scenario, args.duration)
                result = results[scenario]
                cpu = " ".join(f"{k} {v}" for k, v in result["cpu_cores"].items())
                print(f"round {number} {scenario:<14} {result['rate']:>9,.1f}/s "
                      f"p50 {result['latency_us']['p50'] / 1000:6.1f} ms "
                      f"p99 {result['latency_us']['p99'] / 1000:6.1f} ms  connections per worker "
                      f"{result['connections_per_worker']}  cores used: {cpu}")
            rounds.append(results)
        profiles = {}
        for scenario in [s for s in args.profile.split(",") if s]:
            print(f"bench: profiling {scenario} (py-spy; not counted in the medians)")
            profiles[scenario] = profile(args, stack, data, scenario)
        server_settings = gunicorn_settings(stack.env)
        server_log = stack.log_summary()
    except BaseException:
        stack.show_server_log()
        raise
    finally:
        stack.close()

    summary = summarise(rounds, list(rounds[0]))  # round 1's order: each scenario, then its --against twin
    print_table(summary, rounds)
    for message, count in server_log.items():
        print(f"server logged {count} x {message}")
    for scenario, found in profiles.items():
        print(f"\nprofile of {scenario} ({found['rate']:,.0f}/s under py-spy; {found['samples']} samples of Python "
              f"holding the GIL in the web workers; stacks in {found['stacks']}):")
        for label, percent in found["percent_of_samples"].items():
            print(f"  {percent:5.1f}%  {label}")
    record = {
        "started_at": started.isoformat(timespec="seconds"),
        "git": subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip(),
        "settings": {"rounds": args.rounds, "duration_s": args.duration, "warmup_s": args.warmup,
                     "wrk": f"-t{args.wrk_threads} -c{args.connections}", "users": args.users,
                     "grab_users": args.grab_users, "envelope_shares": ENVELOPE_SHARES,
                     "grab_pg_server_env": {"ENVELOPE_GRAB_GATE": "postgres"},
                     "log_level": args.log_level, "gunicorn_env": args.gunicorn_env, "against_env": args.against},
        "gunicorn": server_settings,
        "machine": machine_info(),
        "summary": summary,
        "server_warnings": server_log,
        "profiles": profiles,
        "rounds": rounds,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(record, indent=2, default=str) + "\n")
    tmp.replace(out)
    print(f"\nbench: results in {out}")
    return 0 if all(entry.get("goal_met", True) for entry in summary.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
