"""``flask worker``: the real job worker process runs the periodic jobs on its own."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.orders.models import Order
from app.sandbox.pay_state import load_order, save_order
from tests.support import agreement, plan_id

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.mark.slow
def test_the_worker_closes_an_expired_order_by_itself(app, backend_env, client, catalog, alice, insured_adult):
    order_no = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                   **agreement(client, "accident-basic"),
                                                   "insured": insured_adult},
                           headers=alice["headers"]).get_json()["order_no"]
    long_ago = clock.now() - dt.timedelta(minutes=40)
    with app.app_context():
        db.session.execute(sa.update(Order).values(created_at=long_ago, expires_at=long_ago + dt.timedelta(minutes=30)))
        db.session.commit()
        at_wechat = load_order(order_no)  # WeChat, too, has had the order for 40 minutes
        save_order(dict(at_wechat, created_at=long_ago.timestamp()))
    env = dict(os.environ, **backend_env, PUBLIC_BASE_URL=app.config["PUBLIC_BASE_URL"], LOG_LEVEL="WARNING")
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "worker"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        status = at_wechat = None
        while time.monotonic() < deadline and worker.poll() is None:
            with app.app_context():
                status = db.session.scalar(sa.select(Order.status).where(Order.order_no == order_no))
                at_wechat = load_order(order_no)["trade_state"]
                db.session.remove()
            if (status, at_wechat) == ("closed", "CLOSED"):
                break
            time.sleep(0.3)
        assert worker.poll() is None, worker.stderr.read().decode()[-3000:]
        assert (status, at_wechat) == ("closed", "CLOSED")  # closed here by the sweep, then at WeChat by its job
    finally:
        worker.terminate()
        worker.wait(20)
