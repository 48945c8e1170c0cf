"""The grab gate: one Redis Lua script hands out each share once, atomically, under load.

Keys share the hash tag ``{envelope:<id>}``, so the script runs unchanged on Redis
Cluster. The database stays the system of record (unique envelope+user and
envelope+share): the gate only decides who goes first, and it can always be rebuilt
from the database (``rebuild``), automatically when it is missing, so a Redis restart
neither gives a share twice nor loses one.
"""

from __future__ import annotations

import random
import time

from flask import current_app

from app.extensions import redis_store

GRAB = """
if redis.call('EXISTS', KEYS[3]) == 0 then return {'missing'} end
local meta = redis.call('HMGET', KEYS[3], 'expires', 'id')
if tonumber(meta[1]) <= tonumber(ARGV[2]) then return {'expired'} end
local mine = redis.call('HGET', KEYS[2], ARGV[1])
if mine then return {'already', mine} end
local share = redis.call('LPOP', KEYS[1])
if not share then return {'empty'} end
redis.call('HSET', KEYS[2], ARGV[1], share)
return {'ok', share, meta[2], tostring(redis.call('LLEN', KEYS[1]))}
"""

#: The grab could not be recorded (the user already holds one): the share goes back.
RELEASE = """
if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('LPUSH', KEYS[1], ARGV[2])
  return 1
end
return 0
"""

#: The share turned out to be taken already (a stale gate): forget it, keep it out of the list.
FORGET = """
if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[2], ARGV[1])
  return 1
end
return 0
"""

REBUILD_LOCK_SECONDS = 10


def keys(public_id: str) -> list[str]:
    tag = "{envelope:%s}" % public_id
    return [f"{tag}:shares", f"{tag}:grabbed", f"{tag}:meta", f"{tag}:rebuild"]


def _script(name: str, source: str):
    scripts = current_app.extensions.setdefault("envelope_scripts", {})
    if name not in scripts:
        scripts[name] = redis_store.client.register_script(source)
    return scripts[name]


def encode_share(share_id: int, coverage_fen: int) -> str:
    return f"{share_id}:{coverage_fen}"


def decode_share(value) -> tuple[int, int]:
    share_id, coverage = (value.decode() if isinstance(value, bytes) else value).split(":")
    return int(share_id), int(coverage)


def try_grab(public_id: str, user_id: int, now_ts: float) -> list:
    """``['ok', share, envelope_db_id, left]``, ``['already', share]``, ``['empty']``, ``['expired']`` or ``['missing']``."""
    shares, grabbed, meta, _ = keys(public_id)
    result = _script("grab", GRAB)(keys=[shares, grabbed, meta], args=[user_id, now_ts])
    return [part.decode() if isinstance(part, bytes) else part for part in result]


def release(public_id: str, user_id: int, share: str) -> None:
    shares, grabbed, _, _ = keys(public_id)
    _script("release", RELEASE)(keys=[shares, grabbed], args=[user_id, share])


def forget(public_id: str, user_id: int, share: str) -> None:
    shares, grabbed, _, _ = keys(public_id)
    _script("forget", FORGET)(keys=[shares, grabbed], args=[user_id, share])


def rebuild(public_id: str, envelope_db_id: int, expires_ts: float, free_shares: list[tuple[int, int]],
            grabbed: dict[int, tuple[int, int]]) -> bool:
    """Replace the gate with the database's truth. Returns False if another process is rebuilding it."""
    shares_key, grabbed_key, meta_key, lock_key = keys(public_id)
    client = redis_store.client
    if not client.set(lock_key, "1", nx=True, ex=REBUILD_LOCK_SECONDS):
        return False
    try:
        order = list(free_shares)
        random.shuffle(order)
        ttl = max(int(expires_ts - time.time()) + 86_400, 60)
        pipe = client.pipeline(transaction=True)
        pipe.delete(shares_key, grabbed_key, meta_key)
        if order:
            pipe.rpush(shares_key, *[encode_share(*share) for share in order])
            pipe.expire(shares_key, ttl)
        if grabbed:
            pipe.hset(grabbed_key, mapping={user: encode_share(*share) for user, share in grabbed.items()})
            pipe.expire(grabbed_key, ttl)
        pipe.hset(meta_key, mapping={"id": envelope_db_id, "expires": expires_ts})
        pipe.expire(meta_key, ttl)
        pipe.execute()
        return True
    finally:
        client.delete(lock_key)


def drop(public_id: str) -> None:
    redis_store.delete(*keys(public_id))
