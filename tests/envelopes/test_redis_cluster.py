"""The web path's Redis work is cluster-safe: each script or transaction touches keys of one hash slot, so
`REDIS_CLUSTER_URL` spreads envelopes over shards and every grab still runs as one atomic step on one of them."""

from __future__ import annotations

import os

import pytest
from redis.cluster import RedisCluster
from redis.crc import key_slot

from app.envelopes import gate
from app.extensions import redis_store
from tests.envelopes.helpers import create_paid_envelope, grab


def test_every_key_of_an_envelopes_gate_is_in_one_slot_and_envelopes_spread_over_slots():
    slots = set()
    for public_id in ("e0t7Z1vgnXBDaryJjZGBbw", "26sj2F-fJ8i7bdSGePCVyQ", "x", "{odd}", "a:b"):
        envelope_slots = {key_slot(key.encode()) for key in gate.keys(public_id).values()}
        assert len(envelope_slots) == 1, public_id
        slots |= envelope_slots
    assert len(slots) > 1, "every envelope on one shard: the cluster would add no capacity"


@pytest.mark.skipif(not os.environ.get("REDIS_CLUSTER_URL"),
                    reason="needs a Redis Cluster (REDIS_CLUSTER_URL): .ci/run starts one and runs this in its pass")
def test_on_a_cluster_the_gate_lives_on_the_cluster_and_the_job_queue_on_the_single_redis(app, client, catalog,
                                                                                          alice, bob):
    envelope = create_paid_envelope(app, client, alice, shares=3)  # paid through a job: the queue works
    assert grab(client, bob, envelope["envelope_id"]).status_code == 201
    with app.app_context():
        assert isinstance(redis_store.client, RedisCluster)
        assert not isinstance(redis_store.single, RedisCluster)
        meta = gate.keys(envelope["envelope_id"])["meta"]
        assert redis_store.client.exists(meta) and not redis_store.single.exists(meta)


@pytest.mark.skipif(not os.environ.get("REDIS_CLUSTER_URL"),
                    reason="needs a Redis Cluster (REDIS_CLUSTER_URL): .ci/run starts one and runs this in its pass")
def test_a_cluster_too_slow_to_answer_skips_the_token_cache_and_the_request_is_served(app, client, alice):
    """Every node paused (as a node stalls on a slow disk or a long script): the token cache's client times out, and
    redis-py's cluster client then says RedisClusterException, which is not a RedisError. The cache is skipped and
    the token is checked in the database, as when a single Redis hangs; it used to be a 500."""
    assert client.get("/api/v1/me", headers=alice["headers"]).status_code == 200  # cached now
    with app.app_context():
        nodes = redis_store.client.get_nodes()
        for node in nodes:
            redis_store.client.get_redis_connection(node).execute_command("CLIENT", "PAUSE", 1500, "ALL")
    response = client.get("/api/v1/me", headers=alice["headers"])
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["openid"]
