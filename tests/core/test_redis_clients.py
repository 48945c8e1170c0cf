"""The app's Redis Cluster clients, the rate limits' included, leave alone a connection another thread is reading on.

After any timeout or lost connection, redis-py's cluster client re-reads the cluster's layout and disconnects the
pool of a node (``NodesManager.initialize``). Its pools used to disconnect the connections in use too: a thread
waiting for a reply on one then failed, with redis-py 7.1 an AttributeError the app answered with a 500 (a grab
in CI's two-node crowd on the cluster), or read a socket closed under it. The `limits` library builds its own client,
which kept redis-py's pools until it was given the app's options (``extensions.cluster_client_options``). Runs in CI's
Redis Cluster job.
"""

from __future__ import annotations

import os
import threading
import time

import pytest
from redis.cluster import RedisCluster

from app.extensions import redis_cache, redis_store

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_CLUSTER_URL"),
                                reason="needs a Redis Cluster (REDIS_CLUSTER_URL): .ci/run starts one and runs this in "
                                       "its pass")


def _cluster_client(app, which: str) -> RedisCluster:
    with app.app_context():
        if which == "rate limits":  # the `limits` library's client, which it builds itself
            return app.extensions["rate_limiter"].storage.storage
        return redis_store.client if which == "store" else redis_cache.client


@pytest.mark.parametrize("which", ["store", "cache", "rate limits"])
def test_a_read_in_progress_gets_its_reply_when_the_client_drops_its_nodes_connections(app, which):
    client = _cluster_client(app, which)
    assert isinstance(client, RedisCluster)
    key = f"test:{{in-progress}}:{which.replace(' ', '-')}"
    client.delete(key)
    pool = client.get_redis_connection(client.get_node_from_key(key)).connection_pool
    connection = pool.get_connection()
    answer: dict = {}

    def wait_for_the_reply() -> None:
        try:
            connection.send_command("BLPOP", key, 5)
            answer["reply"] = connection.read_response()
        except Exception as error:  # noqa: BLE001 - the failure this test is about
            answer["error"] = f"{type(error).__name__}: {error}"

    reader = threading.Thread(target=wait_for_the_reply)
    reader.start()
    try:
        deadline = time.monotonic() + 5
        while b"cmd=blpop" not in client.get_redis_connection(client.get_node_from_key(key)).execute_command(
                "CLIENT", "LIST") and time.monotonic() < deadline:
            time.sleep(0.01)
        pool.disconnect()  # what the client does to a node's pool after another thread's timeout
        client.rpush(key, b"share")
        reader.join(10)
    finally:
        pool.release(connection)
        client.delete(key)
    assert answer == {"reply": [key.encode(), b"share"]}
