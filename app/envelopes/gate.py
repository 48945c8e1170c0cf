"""The grab gate: one Redis Lua script hands out each share once, atomically, under load.

Keys share the hash tag ``{envelope:<id>}``, so the scripts run unchanged on Redis
Cluster. The database stays the system of record (unique envelope+user and
envelope+share): the gate only decides who goes first, and it can always be rebuilt
from the database, automatically when it is missing, so a Redis restart neither
gives a share twice nor loses one.

Keys: ``shares`` (list of free shares), ``grabbed`` (user → share: in the database, or handed out and not yet
there, whose user is given it when they come back), ``holds`` (share → when it was handed out: a share handed out
but not yet in the database is "in flight", and only one held longer than ``STALE_HOLD_SECONDS`` counts as lost;
a rebuild keeps the younger ones),
``meta`` (database id, expiry, exhausted flag, the sender's user id: the sender takes no share), ``rebuild`` (held while one process
rebuilds the gate from the database: its value is that rebuild's token, so only it releases the lock, and its
gate is written only while the lock is still its own; ``rebuild_lock``).
"""

from __future__ import annotations

import contextlib
import logging
import random
import secrets
import time
from collections.abc import Iterator

from flask import current_app
from redis.exceptions import NoScriptError

from app.extensions import REDIS_ERRORS, redis_store

log = logging.getLogger(__name__)

GRAB = """
local meta = redis.call('HMGET', KEYS[3], 'expires', 'id', 'exhausted', 'sender')
if not meta[1] then
  if redis.call('EXISTS', KEYS[5]) == 1 then return {'rebuilding'} end
  return {'missing'}
end
if not meta[4] then return {'no_sender'} end
if meta[4] == ARGV[1] then return {'own'} end
if tonumber(meta[1]) <= tonumber(ARGV[2]) then return {'expired'} end
local mine = redis.call('HGET', KEYS[2], ARGV[1])
if mine then return {'already', mine, meta[2], tostring(redis.call('LLEN', KEYS[1]))} end
if meta[3] then return {'exhausted'} end
local share = redis.call('LPOP', KEYS[1])
if not share then return {'empty'} end
redis.call('HSET', KEYS[2], ARGV[1], share)
redis.call('HSET', KEYS[4], share, ARGV[2])
return {'ok', share, meta[2], tostring(redis.call('LLEN', KEYS[1]))}
"""

#: The grab could not be recorded (the user already holds one): the share goes back.
RELEASE = """
if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('HDEL', KEYS[3], ARGV[2])
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

#: A gate built before gates kept their sender learns it (unless it has expired meanwhile).
SET_SENDER = """
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'sender', ARGV[1]) end
"""

#: The rebuild lock is released by its holder only (its token), and a rebuild writes the gate only while it still
#: holds the lock: a rebuild slower than the lock's expiry (a slow database) neither frees a later rebuild's lock,
#: letting a third start, nor overwrites the gate a later rebuild wrote with what it read before (re-offering shares
#: grabbed since). Redis's single-instance lock: ``SET lock token NX PX``, then compare-and-delete.
UNLOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

#: Replace the gate, if the rebuild lock (KEYS[5]) still holds our token (ARGV[1]). ARGV: token, ttl, database id,
#: expiry, sender, now, ``STALE_HOLD_SECONDS``, how many free shares and holders (user, share), then those, in that
#: order. The old gate's holds younger than ``STALE_HOLD_SECONDS`` are carried over, in the same atomic step: a grab
#: that went through the old gate while we read the database (its share read as free, its insert not yet seen) keeps
#: its share, which stays out of the list. Only a hold on a share the database has free is kept (one the database
#: gives someone else was wrong), and only for a user the database has no grab of.
REBUILD = """
if redis.call('GET', KEYS[5]) ~= ARGV[1] then return 0 end
local old = redis.call('HGETALL', KEYS[2])
local since = {}
local old_holds = redis.call('HGETALL', KEYS[4])
for i = 1, #old_holds, 2 do since[old_holds[i]] = old_holds[i + 1] end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
local at = 10
local function put(command, key, count, width)
  local last = at + count * width - 1
  while at <= last do
    local upto = math.min(at + 1000 * width - 1, last)
    redis.call(command, key, unpack(ARGV, at, upto))
    at = upto + 1
  end
end
put('RPUSH', KEYS[1], tonumber(ARGV[8]), 1)
put('HSET', KEYS[2], tonumber(ARGV[9]), 2)
local fresh_after = tonumber(ARGV[6]) - tonumber(ARGV[7])
for i = 1, #old, 2 do
  local user, share = old[i], old[i + 1]
  local held = since[share]
  if held and tonumber(held) >= fresh_after and redis.call('HEXISTS', KEYS[2], user) == 0
     and redis.call('LREM', KEYS[1], 0, share) > 0 then
    redis.call('HSET', KEYS[2], user, share)
    redis.call('HSET', KEYS[4], share, held)
  end
end
redis.call('HSET', KEYS[3], 'id', ARGV[3], 'expires', ARGV[4], 'sender', ARGV[5])
for i = 1, 4 do redis.call('EXPIRE', KEYS[i], ARGV[2]) end
return 1
"""

#: A share handed out this long ago and still not in the database is lost (its request died).
STALE_HOLD_SECONDS = 30
#: How long a rebuild may hold the gate's rebuild lock (seconds; it may be a fraction). A rebuild still running
#: then has lost it: it writes nothing (``rebuild``), and another may rebuild.
REBUILD_LOCK_SECONDS = 10


def keys(public_id: str) -> dict[str, str]:
    tag = "{envelope:%s}" % public_id
    return {name: f"{tag}:{name}" for name in ("shares", "grabbed", "meta", "holds", "rebuild")}


def exists(public_id: str) -> bool:
    """Whether the envelope's gate is built (its meta is what ``GRAB`` reads first)."""
    return bool(redis_store.hexists(keys(public_id)["meta"], "expires"))


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


def _text(value):
    return value.decode() if isinstance(value, bytes) else value


def try_grab(public_id: str, user_id: int, now_ts: float) -> list:
    """``['ok', share, envelope_db_id, left]``, ``['already', share, envelope_db_id, left]`` (the gate holds
    ``share`` for the user: recorded, or still to be), ``['own']`` (the sender),
    ``['empty']``, ``['exhausted']``, ``['expired']``, ``['missing']``, ``['rebuilding']`` (missing, and
    another process is building it), or ``['no_sender']`` (a gate built before it kept its sender)."""
    k = keys(public_id)
    script = _script("grab", GRAB)
    gate_keys = (k["shares"], k["grabbed"], k["meta"], k["holds"], k["rebuild"])
    try:
        # EVALSHA itself, not ``script(...)``: redis-py's Script imports and checks on every call whether its client
        # is a pipeline (an isinstance of a Protocol class): 2-9 µs of a call's 36-45 µs of CPU (bench/redis_calls.py).
        result = redis_store.client.evalsha(script.sha, len(gate_keys), *gate_keys, user_id, now_ts)
    except NoScriptError:  # a Redis restarted, or its scripts flushed: Script loads it again and runs it
        result = script(keys=gate_keys, args=[user_id, now_ts])
    return [_text(part) for part in result]


def release(public_id: str, user_id: int, share: str) -> None:
    k = keys(public_id)
    _script("release", RELEASE)(keys=[k["shares"], k["grabbed"], k["holds"]], args=[user_id, share])


def forget(public_id: str, user_id: int, share: str) -> None:
    k = keys(public_id)
    _script("forget", FORGET)(keys=[k["shares"], k["grabbed"]], args=[user_id, share])


def in_flight(public_id: str) -> dict[str, tuple[int, float]]:
    """Shares handed out by the gate: share → (user id, when)."""
    k = keys(public_id)
    pipe = redis_store.client.pipeline(transaction=False)
    pipe.hgetall(k["grabbed"])
    pipe.hgetall(k["holds"])
    grabbed, holds = pipe.execute()
    return {_text(share): (int(_text(user)), float(_text(holds.get(share, b"0"))))
            for user, share in grabbed.items()}


def set_sender(public_id: str, sender_id: int) -> None:
    """Give a gate built before gates kept their sender its sender (only where the gate still exists)."""
    _script("set_sender", SET_SENDER)(keys=[keys(public_id)["meta"]], args=[sender_id])


def shares_left(public_id: str) -> int:
    """How many shares the gate has to hand out."""
    return redis_store.llen(keys(public_id)["shares"])


def mark_exhausted(public_id: str) -> None:
    redis_store.hset(keys(public_id)["meta"], "exhausted", "1")


@contextlib.contextmanager
def rebuild_lock(public_id: str) -> Iterator[str | None]:
    """Our token while we hold the right to rebuild the gate (pass it to ``rebuild``); None if another process
    holds it.

    Taken before the database is read, so a crowd that finds the gate missing reads the
    database once (the holder), not once per request, and the holder's reads are not
    overtaken by another rebuild. The lock expires after ``REBUILD_LOCK_SECONDS`` (a holder that died frees it);
    a holder slower than that has lost it: ``rebuild`` then writes nothing, and the release here leaves alone
    the lock another rebuild has taken since (compare-and-delete on the token).
    """
    lock = keys(public_id)["rebuild"]
    token = secrets.token_hex(16)
    try:
        taken = redis_store.client.set(lock, token, nx=True, px=max(int(REBUILD_LOCK_SECONDS * 1000), 1))
    except REDIS_ERRORS:
        # Carried out, perhaps, with its answer lost: a lock nobody will use would hold back every grab of the
        # envelope for REBUILD_LOCK_SECONDS. Ours is taken back if Redis answers again (the request still fails).
        with contextlib.suppress(*REDIS_ERRORS):
            _script("unlock", UNLOCK)(keys=[lock], args=[token])
        raise
    if not taken and redis_store.client.get(lock) != token.encode():
        # Taken, and not by us: a SET redis-py sent again after a lost answer finds the lock its first send took.
        yield None
        return
    try:
        yield token
    finally:
        _script("unlock", UNLOCK)(keys=[lock], args=[token])


def rebuild(public_id: str, token: str, envelope_db_id: int, sender_id: int, expires_ts: float, now_ts: float,
            free_shares: list[tuple[int, int]], grabbed: dict[int, tuple[int, int]]) -> bool:
    """Replace the gate with the database's truth, keeping the old gate's shares in flight (handed out less than
    ``STALE_HOLD_SECONDS`` before ``now_ts``, and not in the database when it was read), if we still hold
    ``rebuild_lock`` (its ``token``), checked in the script that writes the gate. False, writing nothing, if the
    lock expired while we read the database: what we read may be older than the gate another rebuild has written
    since."""
    k = keys(public_id)
    order = [encode_share(*share) for share in free_shares]
    random.shuffle(order)
    ttl = max(int(expires_ts - time.time()) + 86_400, 60)
    holders = {user: encode_share(*share) for user, share in grabbed.items()}
    args = [token, ttl, envelope_db_id, expires_ts, sender_id, now_ts, STALE_HOLD_SECONDS, len(order), len(holders),
            *order]
    for field, value in holders.items():
        args += [field, value]
    written = _script("rebuild", REBUILD)(keys=[k["shares"], k["grabbed"], k["meta"], k["holds"], k["rebuild"]],
                                          args=args)
    if not written:
        log.warning("envelope %s: its gate's rebuild outlasted its lock (%s s); it wrote nothing", envelope_db_id,
                    REBUILD_LOCK_SECONDS)
    return bool(written)


def wait_for_rebuild(public_id: str, timeout: float | None = None) -> None:
    """Another process is rebuilding the gate: wait until it is done (or has given up).

    A crowd reaches a new envelope together and finds its gate missing (it is built on the
    first grab); without this, each would spend its attempts while the first one builds
    it, and answer "busy".
    """
    lock = keys(public_id)["rebuild"]
    deadline = time.monotonic() + (REBUILD_LOCK_SECONDS if timeout is None else timeout)
    while redis_store.exists(lock) and time.monotonic() < deadline:
        time.sleep(0.005)


def drop(public_id: str) -> None:
    redis_store.delete(*keys(public_id).values())
