"""The Python CPU one request costs, in-process: ``/healthz``, a policy lookup and a payment notification
through the Flask test client.

It leaves out gunicorn, the network and the stores' own CPU, which ``bench/run.py`` measures, and keeps what
this code decides: the per-request hooks, the view, the statements it builds and the answer it serializes.
Process CPU time hardly depends on what else the machine runs, so two checkouts compare on a busy machine too:

    .venv/bin/python bench/inprocess.py 2>/dev/null          # this checkout (the request log goes to stderr)
    (cd ../old-checkout && ../main/.venv/bin/python ../main/bench/inprocess.py 2>/dev/null)

It needs PostgreSQL and Redis (``--pg``, ``--redis``); it creates and drops its own database and uses Redis
database ``--redis-db`` (wiped). A policy is bought as a user buys it: the order (with the documents agreed
when the product lists any), paid in the sandbox, issued from the notification. The notifications are
``bench/run.py``'s: signed WeChat Pay v2 notifications of unpaid orders made in the database, each
delivered once, each issuing a policy.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import psycopg

sys.path.insert(0, os.getcwd())  # the checkout being measured (run from its root)


def best_ms(call, requests: int, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(requests):
            call()
        best = min(best, time.process_time() - started)
    return best / requests * 1000


def unpaid_orders(app, user_id: int, count: int, tag: str) -> list[bytes]:
    """``count`` unpaid orders of the user's (as bench/run.py makes them) and their signed v2 notifications."""
    import sqlalchemy as sa
    from wechatpy.pay.utils import calculate_signature, dict_to_xml

    from app.catalog.models import Plan
    from app.core import clock
    from app.extensions import db
    from app.insured.services import validate_insured
    from app.orders.models import Order
    from app.purchases.models import Application
    from tests.support import resident_id

    config = app.config
    with app.app_context():
        plan = db.session.scalars(sa.select(Plan).where(Plan.code == "accident-basic")).one()
        insured = validate_insured({"name": "欧阳娜娜", "id_number": resident_id("19900101")}).stored_fields()
        now = clock.now()
        order_ids = db.session.scalars(sa.insert(Order).returning(Order.id, sort_by_parameter_order=True), [dict(
            order_no=f"RCIN{tag}{i:08d}", user_id=user_id, plan_id=plan.id, kind="policy", status="created",
            premium_fen=plan.premium_fen, discount_fen=0, amount_fen=plan.premium_fen, pay_version="v2",
            prepay_id=f"wx_in_{tag}_{i}", created_at=now, expires_at=now + dt.timedelta(hours=6),
        ) for i in range(count)]).all()
        db.session.execute(sa.insert(Application), [dict(order_id=order_id, created_at=now, **insured)
                                                    for order_id in order_ids])
        db.session.commit()
        amount = plan.premium_fen
    bodies = []
    for i in range(count):
        fields = {
            "appid": config["WECHAT_APPID"], "mch_id": config["WECHAT_MCH_ID"], "nonce_str": os.urandom(16).hex(),
            "return_code": "SUCCESS", "result_code": "SUCCESS", "openid": "oBenchPayer", "is_subscribe": "N",
            "trade_type": "JSAPI", "bank_type": "OTHERS", "total_fee": str(amount), "cash_fee": str(amount),
            "fee_type": "CNY", "transaction_id": f"4200{tag}{i:016d}", "out_trade_no": f"RCIN{tag}{i:08d}",
            "time_end": clock.to_shanghai(now).strftime("%Y%m%d%H%M%S"),
        }
        bodies.append(dict_to_xml(fields, calculate_signature(fields, config["WECHAT_PAY_API_KEY"])).encode())
    return bodies


def notify_ms(app, client, user_id: int, requests: int, rounds: int, tag: str = "") -> float:
    """Python CPU per notification, best of ``rounds``: each a fresh batch of orders (numbered after ``tag``), each
    notified once."""
    best = float("inf")
    for round_no in range(rounds + 1):  # the first round warms up
        bodies = unpaid_orders(app, user_id, requests, f"{tag}{round_no:04d}")
        started = time.process_time()
        for body in bodies:
            answer = client.post("/webhooks/wechatpay/notify", data=body, content_type="text/xml")
            assert b"SUCCESS" in answer.data, answer.data
        if round_no:
            best = min(best, time.process_time() - started)
    return best / requests * 1000


def notify_floor_ms(app, client, user_id: int, requests: int, rounds: int) -> float:
    """``notify_ms`` with the payment's application answered at once: what a notification costs besides applying
    it, which no batching of applications could take away."""
    from unittest import mock

    from app.payments import notifications
    from app.payments.services import Outcome

    def answered(notices, **_):
        return [(Outcome.APPLIED, None)] * len(notices)

    with mock.patch.object(notifications, "apply_payment", lambda *args, **kwargs: (Outcome.APPLIED, None)), \
            mock.patch.object(notifications, "apply_payments", answered):
        return notify_ms(app, client, user_id, requests, rounds, tag="F")


@contextlib.contextmanager
def bought_policy(pg: str, redis_url: str, redis_db: int, log_level: str) -> Iterator[SimpleNamespace]:
    """A throwaway database and Redis database with the catalog seeded and one sandbox user's policy bought as a
    user buys it; yields ``app``, ``client``, ``headers``, ``token``, ``user_id``, ``policy_no`` and ``lookup``
    (the policy's path). Dropped and wiped afterwards."""
    from config import load_config
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db, redis_store
    from tests.support import LiveServer, free_port, resident_id, run_jobs

    name = f"redcover_bench_inprocess_{os.getpid()}"
    with psycopg.connect(pg, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    port = free_port()
    env = dict(os.environ, REDCOVER_ENV="testing", REDCOVER_VAR_DIR=tempfile.mkdtemp(prefix="redcover-inprocess-"),
               LOG_LEVEL=log_level, REDIS_URL=f"{redis_url}/{redis_db}",
               DATABASE_URL=pg.rsplit("/", 1)[0] + "/" + name, PORT=str(port),
               PUBLIC_BASE_URL=f"http://127.0.0.1:{port}", SANDBOX_NOTIFY_TIME_SCALE="0.001",
               SANDBOX_DUPLICATE_RATE="0")
    app = create_app(load_config(env))
    server = None
    try:
        with app.app_context():
            upgrade()
            redis_store.flushdb()
        assert app.test_cli_runner().invoke(args=["seed"]).exit_code == 0
        server = LiveServer(app, port).start()  # the sandbox notifies the app over HTTP
        client = app.test_client()
        token = client.post("/api/v1/auth/login", json={"code": f"sandbox:{uuid.uuid4().hex[:8]}"}).get_json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        product = next(p for p in client.get("/api/v1/products").get_json()
                       if any(plan["code"] == "accident-basic" for plan in p["plans"]))
        body = {"plan_id": next(p["id"] for p in product["plans"] if p["code"] == "accident-basic"),
                "insured": {"name": "欧阳娜娜", "id_number": resident_id("19900101")}}
        if product.get("documents"):
            tapped = dt.datetime.now(dt.timezone.utc).isoformat()
            body["accepted_documents"] = [{"code": d["code"], "version": d["version"], "accepted_at": tapped}
                                          for d in product["documents"]]
        order = client.post("/api/v1/orders", json=body, headers=headers).get_json()
        prepay_id = order["pay_params"]["package"].split("=", 1)[1]
        assert client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id}).status_code == 200
        run_jobs(app)
        policy_no = client.get(f"/api/v1/orders/{order['order_no']}", headers=headers).get_json()["policy_no"]
        lookup = f"/api/v1/policies/{policy_no}"
        assert client.get(lookup, headers=headers).status_code == 200
        user_id = client.get("/api/v1/me", headers=headers).get_json()["id"]
        yield SimpleNamespace(app=app, client=client, headers=headers, token=token, user_id=user_id,
                              policy_no=policy_no, lookup=lookup)
    finally:
        if server is not None:
            server.stop()
        with app.app_context():
            db.engine.dispose()
            redis_store.flushdb()
        with psycopg.connect(pg, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def store_arguments(description: str) -> argparse.ArgumentParser:
    """A parser with the stores ``bought_policy`` uses: ``--pg``, ``--redis``, ``--redis-db``."""
    parser = argparse.ArgumentParser(description=description.split("\n\n")[0])
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379")
    parser.add_argument("--redis-db", type=int, default=9)
    return parser


def main() -> None:
    parser = store_arguments(__doc__)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--floor", action="store_true",
                        help="also time a notification whose payment is not applied (a measurement only: "
                             "apply_payment answers APPLIED at once), to show what set-wise application could "
                             "save at most: read, verify, parse, record raw, mark")
    parser.add_argument("--log-level", default="INFO",
                        help="the app's LOG_LEVEL: INFO, production's default, writes a line per request (to stderr)")
    args = parser.parse_args()

    with bought_policy(args.pg, args.redis, args.redis_db, args.log_level) as bench:
        app, client, headers, lookup = bench.app, bench.client, bench.headers, bench.lookup
        for _ in range(300):  # warm: statement caches, the token cache
            client.get(lookup, headers=headers)
            client.get("/healthz")
        healthz = best_ms(lambda: client.get("/healthz"), args.requests, args.rounds)
        policy = best_ms(lambda: client.get(lookup, headers=headers), args.requests, args.rounds)
        notify = notify_ms(app, client, bench.user_id, args.requests // 2, args.rounds)
        print(f"{Path.cwd().name} (LOG_LEVEL={args.log_level}): /healthz {healthz:.3f} ms, lookup {policy:.3f} ms, "
              f"notify {notify:.3f} ms of Python CPU per request "
              f"(best of {args.rounds} x {args.requests}; notify {args.requests // 2})")
        if args.floor:
            floor = notify_floor_ms(app, client, bench.user_id, args.requests // 2, args.rounds)
            print(f"notify without applying the payment {floor:.3f} ms ({floor / notify:.0%} of a notification; "
                  f"/healthz is {healthz / floor:.3f} of it)")


if __name__ == "__main__":
    main()
