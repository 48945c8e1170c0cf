"""The Python CPU one request costs, in-process: ``/healthz`` and a policy lookup through the Flask test client.

It leaves out gunicorn, the network and the stores' own CPU, which ``bench/run.py`` measures, and keeps what
this code decides: the per-request hooks, the view, the statements it builds and the answer it serializes.
Process CPU time hardly depends on what else the machine runs, so two checkouts compare on a busy machine too:

    .venv/bin/python bench/inprocess.py 2>/dev/null          # this checkout (the request log goes to stderr)
    (cd ../old-checkout && ../main/.venv/bin/python ../main/bench/inprocess.py 2>/dev/null)

It needs PostgreSQL and Redis (``--pg``, ``--redis``); it creates and drops its own database and uses Redis
database ``--redis-db`` (wiped). A policy is bought as a user buys it: the order (with the documents agreed
when the product lists any), paid in the sandbox, issued from the notification.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379")
    parser.add_argument("--redis-db", type=int, default=9)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--log-level", default="INFO",
                        help="the app's LOG_LEVEL: INFO, production's default, writes a line per request (to stderr)")
    args = parser.parse_args()

    from config import load_config
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db, redis_store
    from tests.support import LiveServer, free_port, resident_id, run_jobs

    name = f"redcover_bench_inprocess_{os.getpid()}"
    with psycopg.connect(args.pg, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    port = free_port()
    env = dict(os.environ, REDCOVER_ENV="testing", REDCOVER_VAR_DIR=tempfile.mkdtemp(prefix="redcover-inprocess-"),
               LOG_LEVEL=args.log_level, REDIS_URL=f"{args.redis}/{args.redis_db}",
               DATABASE_URL=args.pg.rsplit("/", 1)[0] + "/" + name, PORT=str(port),
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
        for _ in range(300):  # warm: statement caches, the token cache
            client.get(lookup, headers=headers)
            client.get("/healthz")
        healthz = best_ms(lambda: client.get("/healthz"), args.requests, args.rounds)
        policy = best_ms(lambda: client.get(lookup, headers=headers), args.requests, args.rounds)
        print(f"{Path.cwd().name} (LOG_LEVEL={args.log_level}): /healthz {healthz:.3f} ms, lookup {policy:.3f} ms of Python CPU per request "
              f"(best of {args.rounds} x {args.requests})")
    finally:
        if server is not None:
            server.stop()
        with app.app_context():
            db.engine.dispose()
            redis_store.flushdb()
        with psycopg.connect(args.pg, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
