"""What applying payment notifications together saves: the CPU per notification of the shipped batch path
(``payments.notifications._apply_together``, as ``notifications.receive`` runs it) at batch sizes 1 to 32,
in-process, with PostgreSQL's own CPU beside the web worker's:

    .venv/bin/python bench/batches.py 2>/dev/null

Each size applies ``--notifications`` fresh notifications (``bench/run.py``'s: signed v2 notifications of unpaid
orders, each issuing a policy) in batches of that size, twice, and reports the second. Python CPU is
``time.process_time()``; PostgreSQL's is the CPU of every ``postgres`` process on this machine over the same
time (read from ``/proc``, so PostgreSQL must run here, and nothing else may use it meanwhile). A notification's
verification is left out (the request thread does it before it joins a batch: ~0.1 ms), and so is Flask's
request (``/healthz``'s, which ``bench/inprocess.py`` gives). Setup as ``bench/inprocess.py``'s: its own
database, dropped at the end, and Redis database ``--redis-db`` (wiped).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())  # the checkout being measured (run from its root)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from inprocess import bought_policy, store_arguments, unpaid_orders  # noqa: E402 (the checkout's path first)

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def postgres_cpu_seconds() -> float:
    """User and system CPU of every ``postgres`` process running now."""
    ticks = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as comm:
                if comm.read().strip() != "postgres":
                    continue
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (FileNotFoundError, ProcessLookupError):
            continue
    return ticks / CLOCK_TICKS


def main() -> None:
    parser = store_arguments(__doc__)
    parser.add_argument("--notifications", type=int, default=640)
    parser.add_argument("--sizes", default="1,2,4,8,16,32")
    args = parser.parse_args()

    from app.core import clock
    from app.payments import notifications
    from app.payments.services import Outcome
    from app.wechat import pay

    headers = {"Content-Type": "text/xml"}
    with bought_policy(args.pg, args.redis, args.redis_db, "WARNING") as bench:
        app = bench.app
        print(f"{Path.cwd().name}: CPU per notification applied in batches ({args.notifications} notifications "
              "per size, the second of two runs)")
        for size in (int(size) for size in args.sizes.split(",")):
            for run in range(2):
                bodies = unpaid_orders(app, bench.user_id, args.notifications, f"B{size:02d}{run}")
                with app.test_request_context():
                    gateway = pay.gateway("v2")
                    received = [notifications._Received("v2", "payment", headers, body, "127.0.0.1", False,
                                                         clock.now(), gateway.parse_notification(headers, body))
                                for body in bodies]
                    python, postgres = time.process_time(), postgres_cpu_seconds()
                    for start in range(0, len(received), size):
                        outcomes = notifications._apply_together(received[start:start + size])
                        assert set(outcomes) == {Outcome.APPLIED}, outcomes
                    python, postgres = time.process_time() - python, postgres_cpu_seconds() - postgres
            per = 1000 / args.notifications
            print(f"  batches of {size:2d}: Python {python * per:.3f} ms, PostgreSQL {postgres * per:.3f} ms, "
                  f"together {(python + postgres) * per:.3f} ms")


if __name__ == "__main__":
    main()
