"""What a token check's copy and a grab's gate call cost the web worker's Python (bench/README.md, "a ninth stop").

    .venv/bin/python bench/redis_calls.py [--redis redis://127.0.0.1:6379/14]

- **a copy found** (``core.near_cache.NearCache.get`` of a key it holds), best of five rounds of 50,000;
- **the gate's script**, best of five rounds of 5,000, through redis-py's ``Script`` and as a bare ``EVALSHA``,
  with the grab's five keys and two arguments.

Each is ``time.process_time()`` per call (``inprocess.best_ms``): a round trip's wait is not CPU.

Redis database ``--redis`` is used for two keys, deleted at the end. Run it in each checkout to compare.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())  # the checkout being measured (run from its root)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from inprocess import best_ms  # noqa: E402 (the checkout's path first)


def best_us(call, calls: int) -> float:
    return best_ms(call, calls, rounds=5) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()

    import redis

    from app.core import near_cache

    client = redis.Redis.from_url(args.redis)
    client.set("bench:near:k", b"1:1900000000.0")
    copies = near_cache.for_client(client, "bench:near:", max_age=60)
    load = lambda: client.get("bench:near:k")  # noqa: E731
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # until its tracking connection is up and the copy kept
        copies.get("bench:near:k", load)
        time.sleep(0.01)
    print(f"a copy found: {best_us(lambda: copies.get('bench:near:k', load), 50_000):.2f} µs")

    script = client.register_script("return {KEYS[1], ARGV[1]}")
    keys = ["bench:{e}:a", "bench:{e}:b", "bench:{e}:c", "bench:{e}:d", "bench:{e}:e"]
    script(keys=keys, args=[1, 2.5])
    through_script = best_us(lambda: script(keys=keys, args=[1, 2.5]), 5000)
    bare = best_us(lambda: client.evalsha(script.sha, 5, *keys, 1, 2.5), 5000)
    print(f"the gate's script: {through_script:.1f} µs of CPU through Script, {bare:.1f} µs as EVALSHA")
    client.delete("bench:near:k")
    copies.close()


if __name__ == "__main__":
    main()
