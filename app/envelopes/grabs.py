"""Grabbing a share of an envelope: who gets which share, decided once under a crowd.

``take`` is the grab, whichever gate ``ENVELOPE_GRAB_GATE`` names decides: the Redis gate
(the default: one Lua script hands out each share; the database only records), or
PostgreSQL alone (``FOR UPDATE SKIP LOCKED``). Both answer alike and the database's unique
keys (envelope + user, share) hold either way, so switching is safe at any time. The grab's
insert is its whole unit of work: on PostgreSQL it is committed with the other grabs of the
same moment in this process (``core.group_commit``: one transaction per batch, not per grab),
before the request is answered, outside the request's unit of work.

The Redis gate is rebuilt from the database whenever it is missing or has lost shares
(``_rebuild_or_refuse``, ``_shares_left_in_database``), so a Redis restart neither gives a
share twice nor loses one.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import time
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.dialects import postgresql

from app.core import clock
from app.core.db import UnitOfWork, commit, single_statement_units, unit_of_work
from app.core.errors import Conflict, Gone, NotFound, ServiceUnavailable
from app.core.group_commit import GroupInsert
from app.core.jobs import job
from app.core.types import UTCDateTime
from app.envelopes import gate
from app.envelopes.models import Envelope, EnvelopeGrab, EnvelopeShare
from app.envelopes.services import ACTIVATION_WINDOW, get_envelope, status_at, when_active
from app.extensions import db

log = logging.getLogger(__name__)

#: How often a grab retries when the gate turns out to be stale.
GRAB_ATTEMPTS = 8
#: A grab that finds the gate empty while every share the database has free is being written for someone waits
#: this long for them to land or come back (``_wait_for_shares_in_flight``), looking every ``IN_FLIGHT_POLL_SECONDS``.
#: Longer than the writer's lock_timeout (a write refused after it gives its share back).
IN_FLIGHT_WAIT_SECONDS = 3.0
IN_FLIGHT_POLL_SECONDS = 0.05
#: How often a grab decided by PostgreSQL alone looks again when the share it locked turns out
#: to be taken already (a crowd at the first free shares: each retry is one cheap statement).
GRAB_IN_DATABASE_ATTEMPTS = 8


class AlreadyGrabbed(Conflict):
    code = "already_grabbed"
    message = _l("You have already grabbed a share of this envelope.")


class EnvelopeEmpty(Gone):
    code = "envelope_empty"
    message = _l("Every share of this envelope has been grabbed.")


class EnvelopeExpired(Gone):
    code = "envelope_expired"
    message = _l("This envelope has expired.")


class EnvelopeClosed(Gone):
    """Its order closed unpaid: the envelope will never open (the sender may send a new one)."""
    code = "envelope_closed"
    message = _l("This envelope was never paid for and has closed.")


class EnvelopeBusy(ServiceUnavailable):
    """Every attempt met a share that turned out taken (a gate rebuilt moments ago, with grabs
    still in flight): nothing was recorded, and tapping again a moment later succeeds. A 503,
    not a 409: the client should retry, not conclude anything about the envelope."""
    code, message = "busy", _l("Many people are grabbing this envelope right now; please try again.")


class OwnEnvelope(Conflict):
    code = "own_envelope"
    message = _l("This red envelope is your gift to your friends, so you cannot grab a share of it yourself. "
                 "Share it with your friends instead.")


class EnvelopeNotActive(Conflict):
    code = "envelope_not_active"
    message = _l("This envelope has not been paid for yet.")


@dataclass
class GrabResult:
    grab_id: str
    coverage_fen: int
    envelope_public_id: str
    user_id: int
    #: The share as the Redis gate handed it out (None when PostgreSQL decided).
    share: str | None


def take(user_id: int, public_id: str, unit: UnitOfWork) -> GrabResult:
    """Take one share of the envelope for the user, in ``unit``: if that unit rolls back (its
    commit fails), the share goes back for someone else.

    Which share is decided by the gate ``ENVELOPE_GRAB_GATE`` names: the Redis gate (the
    default: the database only records), or PostgreSQL alone (``SKIP LOCKED``). Both answer
    alike and the database's unique keys hold either way, so switching is safe at any time
    (a Redis gate left from before is rebuilt or corrected by its stale-gate handling).
    The sender is refused by either gate (409 ``own_envelope``), before a share is held for them.
    """
    if current_app.config["ENVELOPE_GRAB_GATE"] == "postgres":
        return _grab_in_database(user_id, public_id)  # a rollback unlocks the share: nothing to undo
    result = _grab_through_redis(user_id, public_id)
    if not _committed_by_the_writer():
        # On SQLite the grab is inserted in ``unit``: its rollback undoes the grab, so the share goes back. On
        # PostgreSQL the writer has committed it already, and nothing the unit does later can undo that.
        unit.on_rollback(lambda: gate.release(result.envelope_public_id, result.user_id, result.share))
    return result


def _committed_by_the_writer() -> bool:
    """The grab's insert is committed by ``_GRAB_WRITER`` on a connection of its own (PostgreSQL), not in the
    request's unit of work (SQLite)."""
    return db.engine.dialect.name == "postgresql"


def _grab_through_redis(user_id: int, public_id: str) -> GrabResult:
    """The Redis gate decides, atomically; the database records."""
    for _attempt in range(GRAB_ATTEMPTS):
        now = clock.now()
        outcome = gate.try_grab(public_id, user_id, now.timestamp())
        kind = outcome[0]
        if kind == "ok":
            recorded = _record_grab(user_id, public_id, outcome[1], int(outcome[2]), int(outcome[3]), now)
            if recorded is not None:
                return recorded
            continue  # the share was taken already (a stale gate): try the next one
        if kind == "already":
            recorded = _record_held_share(user_id, public_id, outcome[1], int(outcome[2]), int(outcome[3]), now)
            if recorded is not None:
                return recorded
            continue  # the share it held was someone else's (a stale gate): the gate has forgotten it
        if kind == "own":
            raise OwnEnvelope()
        if kind == "no_sender":
            gate.set_sender(public_id, get_envelope(public_id).sender_id)
            continue
        if kind == "expired":
            raise EnvelopeExpired()
        if kind == "exhausted":
            raise EnvelopeEmpty()
        if kind == "empty":
            left = _shares_left_in_database(public_id, now)
            if left == "in_flight":
                left = _wait_for_shares_in_flight(public_id)
            if left == "in_flight":
                raise EnvelopeBusy()  # they may still come back: not "empty", which the client takes as final
            if left == "none":
                raise EnvelopeEmpty()
            continue  # the gate was rebuilt with the shares it had lost, or one in flight came back
        if kind == "rebuilding":  # the crowd's first grab is building the gate: no database work here
            gate.wait_for_rebuild(public_id)
        if kind == "missing":
            _rebuild_or_refuse(public_id, user_id, now)
    raise EnvelopeBusy()


# The grab's statements are Core, on the tables, built once, and run on the session's
# connection (in its transaction): the ORM's execute and result handling cost more than
# these statements themselves (bench/README.md).
_envelopes, _shares, _grabs = Envelope.__table__, EnvelopeShare.__table__, EnvelopeGrab.__table__

#: Marks the envelope exhausted when the database agrees every share is taken ("active" is the
#: status ``Envelope.TRANSITIONS`` lets become exhausted; a literal, since this runs per crowd).
_MARK_EXHAUSTED = sa.update(_envelopes).where(
    _envelopes.c.id == sa.bindparam("envelope_id"), _envelopes.c.status == "active",
    sa.select(sa.func.count()).select_from(_grabs).where(
        _grabs.c.envelope_id == sa.bindparam("envelope_id")).scalar_subquery() >= _envelopes.c.shares,
).values(status="exhausted")


#: Grabs that arrive together in a process commit together (bench/README.md: a commit per grab
#: was the ceiling). Its ``key`` tells the batch's rows apart.
_GRAB_WRITER = GroupInsert(_grabs, key="public_id")


def _insert_grab(user_id: int, envelope_db_id: int, share_id: int, coverage: int, now: dt.datetime) -> str | None:
    """Record the grab, committed when this returns (on PostgreSQL; on SQLite in the request's unit
    of work); its public id, or None if the user holds one or the share is taken."""
    grab_id = secrets.token_urlsafe(12)
    inserted = _GRAB_WRITER.insert({
        "public_id": grab_id, "envelope_id": envelope_db_id, "share_id": share_id, "user_id": user_id,
        "coverage_fen": coverage, "status": "grabbed", "grabbed_at": now, "activate_by": now + ACTIVATION_WINDOW,
    })
    return grab_id if inserted else None


def _record_held_share(user_id: int, public_id: str, share: str, envelope_db_id: int, left: int,
                       now: dt.datetime) -> GrabResult | None:
    """The gate holds ``share`` for the user. With a grab of theirs in the database, they have grabbed (409). Without
    one, an earlier attempt of theirs was handed the share and never heard it (Redis answered after the request's
    socket timeout, and it answered 503), or is recording it right now (a second tap): the share is theirs, so it is
    recorded for them here, and the database's unique keys (envelope + user, share) let only one of the two in.
    Telling them "already grabbed" left them with nothing to show for 30 s, and the share out of circulation."""
    if _grabbed_share(envelope_db_id, user_id) is not None:
        raise AlreadyGrabbed()
    return _record_grab(user_id, public_id, share, envelope_db_id, left, now)


def _grabbed_share(envelope_db_id: int, user_id: int) -> int | None:
    """The share of the user's grab of the envelope, if they have one in the database."""
    return db.session.scalar(sa.select(EnvelopeGrab.share_id).where(
        EnvelopeGrab.envelope_id == envelope_db_id, EnvelopeGrab.user_id == user_id))


def _record_grab(user_id: int, public_id: str, share: str, envelope_db_id: int, left: int,
                 now: dt.datetime) -> GrabResult | None:
    """Record the share the gate handed out, committed before we answer (with the other grabs of
    the moment: ``_GRAB_WRITER``). If it fails the share goes back to the gate."""
    share_id, coverage = gate.decode_share(share)
    try:
        if _committed_by_the_writer():
            # What the request read so far (its user, the gate's rebuild) ends here, before the grab is committed
            # elsewhere: a commit that failed after it (PostgreSQL dropping the request's connection) answered 503
            # for a grab in the database, and handed its share back to the gate as free.
            commit()
        grab_id = _insert_grab(user_id, envelope_db_id, share_id, coverage, now)
    except Exception:
        gate.release(public_id, user_id, share)
        raise
    if grab_id is not None and left == 0:
        # The gate is empty: exhausted, if the database agrees every share is taken. The grab is
        # committed whatever happens here; a grab that finds the gate empty marks it again.
        try:
            with single_statement_units() as connection:
                connection.execute(_MARK_EXHAUSTED, {"envelope_id": envelope_db_id})
        except sa.exc.SQLAlchemyError:
            log.warning("envelope %s: its last grab is recorded, but marking it exhausted failed", envelope_db_id,
                        exc_info=True)
    if grab_id is None:
        mine = _grabbed_share(envelope_db_id, user_id)
        if mine is not None:
            if mine != share_id:  # the gate handed them a second share: it goes back (their own stays theirs)
                gate.release(public_id, user_id, share)
            raise AlreadyGrabbed()
        gate.forget(public_id, user_id, share)
        return None
    return GrabResult(grab_id=grab_id, coverage_fen=coverage, envelope_public_id=public_id, user_id=user_id,
                      share=share)


def _free_share(envelope, user_id):
    """The first free share of ``envelope`` (a row of envelopes) that nobody else is taking
    right now, locked (``FOR UPDATE OF envelope_shares SKIP LOCKED``: a crowd spreads over
    the shares instead of queueing on one); none unless the envelope is active and unexpired
    and ``user_id`` holds no grab of it."""
    share, grab = _shares.c, _grabs.c
    return (sa.select(share.id, share.envelope_id, share.coverage_fen)
            .where(share.envelope_id == envelope.id, envelope.status == "active",
                   envelope.expires_at > sa.bindparam("now", type_=UTCDateTime), envelope.sender_id != user_id,
                   ~sa.exists().where(grab.share_id == share.id),
                   ~sa.exists().where(grab.envelope_id == envelope.id, grab.user_id == user_id)
                   .correlate_except(_grabs))
            .order_by(share.position).limit(1)
            .with_for_update(of=_shares, skip_locked=True))


def _grab_in_database_statement():
    """One statement, so one round trip and its own transaction: lock a free share, insert
    the grab for it, and say whether that worked (no row: no free share; ``inserted`` false:
    the insert conflicted) and whether it was the last free one."""
    envelope, share = _envelopes.c, _shares.c
    other, taken = _shares.alias("other"), _grabs.alias("taken")
    others_free = sa.exists().where(other.c.envelope_id == share.envelope_id, other.c.id != share.id,
                                    ~sa.exists().where(taken.c.share_id == other.c.id))
    free = (_free_share(envelope, sa.bindparam("user_id", type_=sa.BigInteger))
            .add_columns((~others_free).label("last"))
            .join_from(_shares, _envelopes, envelope.id == share.envelope_id)
            .where(envelope.public_id == sa.bindparam("public_id"))
            .cte("free"))
    values = sa.select(sa.bindparam("grab_id", type_=sa.String), free.c.envelope_id, free.c.id,
                       sa.bindparam("user_id", type_=sa.BigInteger), free.c.coverage_fen, sa.literal("grabbed"),
                       sa.bindparam("now", type_=UTCDateTime), sa.bindparam("activate_by", type_=UTCDateTime))
    columns = ["public_id", "envelope_id", "share_id", "user_id", "coverage_fen", "status", "grabbed_at",
               "activate_by"]
    inserted = (postgresql.insert(_grabs).from_select(columns, values).on_conflict_do_nothing()
                .returning(_grabs.c.share_id).cte("inserted"))
    return sa.select(free.c.envelope_id, free.c.coverage_fen, free.c.last,
                     inserted.c.share_id.is_not(None).label("inserted")).outerjoin_from(free, inserted, sa.true())


def _why_not_statement():
    """Why a grab in the database inserted nothing: the envelope, whether the user holds a
    grab of it, and whether a free share is there for the taking (locked only while this
    statement runs)."""
    envelope, grab = _envelopes.c, _grabs.c
    user_id = sa.bindparam("user_id", type_=sa.BigInteger)
    free = _free_share(envelope, user_id).lateral("free")
    mine = sa.exists().where(grab.envelope_id == envelope.id, grab.user_id == user_id)
    return (sa.select(envelope.status, envelope.expires_at, envelope.sender_id, mine.label("mine"),
                      free.c.id.label("share_id"))
            .select_from(_envelopes).outerjoin(free, sa.true())
            .where(envelope.public_id == sa.bindparam("public_id")))


_GRAB_IN_DATABASE = _grab_in_database_statement()
_WHY_NOT = _why_not_statement()


def _grab_in_database(user_id: int, public_id: str) -> GrabResult:
    """PostgreSQL alone decides: one statement locks a free share (skipping those others are
    taking) and inserts the grab, committed as it runs (``single_statement_units``).

    A share whose grab was committed just after the statement's snapshot was taken can still
    be locked (most often the first free one, where the crowd is); its insert then conflicts
    on the share's unique key and inserts nothing, and we look again with a fresh snapshot.
    """
    with single_statement_units() as connection:
        for _attempt in range(GRAB_IN_DATABASE_ATTEMPTS):
            now = clock.now()
            grab_id = secrets.token_urlsafe(12)
            try:
                row = connection.execute(_GRAB_IN_DATABASE, {
                    "grab_id": grab_id, "public_id": public_id, "user_id": user_id, "now": now,
                    "activate_by": now + ACTIVATION_WINDOW}).one_or_none()
            except sa.exc.DBAPIError as error:
                # Only a lost connection leaves the outcome unknown: PostgreSQL refusing the statement rolled it back.
                coverage = _landed_coverage(grab_id) if error.connection_invalidated else None
                if coverage is None:
                    raise
                return GrabResult(grab_id=grab_id, coverage_fen=coverage, envelope_public_id=public_id,
                                  user_id=user_id, share=None)
            if row is not None and row.inserted:
                if row.last:
                    connection.execute(_MARK_EXHAUSTED, {"envelope_id": row.envelope_id})
                return GrabResult(grab_id=grab_id, coverage_fen=row.coverage_fen, envelope_public_id=public_id,
                                  user_id=user_id, share=None)
            if row is not None:
                continue  # a conflict: taken after our snapshot (or the user's own grab, just committed)
            why = connection.execute(_WHY_NOT, {"public_id": public_id, "user_id": user_id, "now": now}).one_or_none()
            if why is None:
                raise NotFound(_("We could not find that envelope."))
            if why.sender_id == user_id:
                raise OwnEnvelope()
            if why.status == "pending_payment":
                raise EnvelopeNotActive()
            if why.status == "closed":
                raise EnvelopeClosed()
            if why.status == "expired" or (why.status == "active" and now >= why.expires_at):
                raise EnvelopeExpired()
            if why.mine:
                raise AlreadyGrabbed()
            if why.share_id is None:
                raise EnvelopeEmpty()  # exhausted, or every share left is being taken right now
            # A share has come free since (a grab that failed to commit): look again.
    raise EnvelopeBusy()


def _landed_coverage(grab_id: str) -> int | None:
    """The coverage of the grab ``grab_id`` if it is in the database, after its statement failed: PostgreSQL
    commits a statement in autocommit before it answers, so a connection lost while the answer was on its way
    failed a grab that went in (it must be answered 201, not 503). None if it is not there, or if that cannot
    be told (the statement's own failure is then the answer)."""
    try:
        with single_statement_units() as connection:
            return connection.execute(sa.select(_grabs.c.coverage_fen).where(_grabs.c.public_id == grab_id)).scalar()
    except sa.exc.SQLAlchemyError:
        log.warning("grab %s: its statement failed, and whether it went in could not be told", grab_id, exc_info=True)
        return None


def _rebuild_or_refuse(public_id: str, user_id: int, now: dt.datetime) -> None:
    """The gate is missing: build it from the database (the first of a crowd to get here), or
    wait while another request builds it; or answer for an envelope that has no gate."""
    with gate.rebuild_lock(public_id) as token:
        if token is None:
            gate.wait_for_rebuild(public_id)
            return
        envelope = get_envelope(public_id)
        status = status_at(envelope, now)
        if status == "pending_payment":
            raise EnvelopeNotActive()
        if status == "closed":
            raise EnvelopeClosed()
        if status == "expired":
            raise EnvelopeExpired()
        if _grabbed_share(envelope.id, user_id) is not None:
            raise AlreadyGrabbed()
        if status == "exhausted":
            raise EnvelopeEmpty()
        _build_gate(envelope, token, now)  # if it took longer than the lock, it wrote nothing: the grab looks again


def _shares_left_in_database(public_id: str, now: dt.datetime) -> str:
    """The gate is empty: ``"rebuilt"`` if the database has shares the gate lost (the gate now has them again),
    ``"in_flight"`` if every share the database has free was handed out moments ago and its grab is being
    recorded (it lands, or comes back if its write fails), else ``"none"``.

    A free share in the database that the gate handed out moments ago is in flight, not
    lost; one handed out longer ago than a request can live belonged to a request that
    died, and goes back.
    """
    envelope = get_envelope(public_id)
    free = _free_shares(envelope.id)
    if not free:
        if envelope.can_move_to("exhausted"):
            with unit_of_work():  # its own: the 410 that follows rolls the request's unit back, and this must stay
                envelope.move_to("exhausted")
        gate.mark_exhausted(public_id)
        return "none"
    if status_at(envelope, now) != "active":
        return "none"
    flight = gate.in_flight(public_id)
    now_ts = now.timestamp()
    free_keys = {gate.encode_share(*share) for share in free}
    recent = {share: held for share, held in flight.items()
              if share in free_keys and now_ts - held[1] <= gate.STALE_HOLD_SECONDS}
    if len(recent) == len(free):
        return "in_flight"
    log.warning("envelope %s: the gate lost %d shares; rebuilding it", envelope.id, len(free) - len(recent))
    rebuild_gate(envelope, now)  # the holds still in flight are kept (``gate.REBUILD``)
    return "rebuilt"


def _wait_for_shares_in_flight(public_id: str) -> str:
    """Every share left is being written for someone: wait (``IN_FLIGHT_WAIT_SECONDS`` at most) until they have
    landed (``"none"``: the envelope is empty, truly) or one has come back to the gate, its write refused
    (``"back"``). ``"in_flight"`` if they are still being written then. Answering "empty" at once told a user the
    envelope was over while a share they could have had was on its way back (PostgreSQL refusing a batch)."""
    deadline = time.monotonic() + IN_FLIGHT_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(IN_FLIGHT_POLL_SECONDS)
        if gate.shares_left(public_id):
            return "back"
        left = _shares_left_in_database(public_id, clock.now())
        if left != "in_flight":
            return left
    return "in_flight"


def _free_shares(envelope_db_id: int) -> list[tuple[int, int]]:
    taken = sa.select(EnvelopeGrab.share_id).where(EnvelopeGrab.envelope_id == envelope_db_id)
    return [tuple(row) for row in db.session.execute(
        sa.select(EnvelopeShare.id, EnvelopeShare.coverage_fen).where(
            EnvelopeShare.envelope_id == envelope_db_id, EnvelopeShare.id.not_in(taken))
        .order_by(EnvelopeShare.position))]


def rebuild_gate(envelope: Envelope, now: dt.datetime | None = None) -> bool:
    """Rebuild an active envelope's Redis gate from the database, keeping the old gate's shares in flight at ``now``
    (handed out, and not yet in the database: ``gate.REBUILD``).

    Returns False, doing nothing, if another process is rebuilding it right now, or if reading the database took
    longer than the rebuild lock lasts (``gate.REBUILD_LOCK_SECONDS``: what it read may be older than a gate
    another rebuild has written since)."""
    with gate.rebuild_lock(envelope.public_id) as token:
        return token is not None and _build_gate(envelope, token, now or clock.now())


def _build_gate(envelope: Envelope, token: str, now: dt.datetime) -> bool:
    """Write the gate from the database, holding the rebuild lock ``token``; False if the lock was lost meanwhile."""
    grabbed = {user_id: (share_id, coverage) for user_id, share_id, coverage in db.session.execute(
        sa.select(EnvelopeGrab.user_id, EnvelopeGrab.share_id, EnvelopeGrab.coverage_fen)
        .where(EnvelopeGrab.envelope_id == envelope.id))}
    return gate.rebuild(envelope.public_id, token, envelope.id, envelope.sender_id, envelope.expires_at.timestamp(),
                        now.timestamp(), _free_shares(envelope.id), grabbed)


@when_active
@job
def open_gate(public_id: str) -> str:
    """Build a newly active envelope's gate, queued by the commit that made it active, so the crowd that follows
    the sender's share finds it built instead of waiting while its first grab builds it from the database. A gate
    that is missing later (Redis restarted, or this job lost with it) is still built by the grab that finds it
    missing: that grab is this job's sweep."""
    if current_app.config["ENVELOPE_GRAB_GATE"] != "redis":
        return "skipped"  # PostgreSQL alone decides
    envelope = get_envelope(public_id)
    if status_at(envelope, clock.now()) != "active" or gate.exists(public_id):
        return "skipped"
    return "opened" if rebuild_gate(envelope) else "busy"


def rebuild_all_gates() -> int:
    """Rebuild the gate of every active envelope (after a Redis failover, say). Returns how many."""
    envelopes = db.session.scalars(sa.select(Envelope).where(
        Envelope.status == "active", Envelope.expires_at > clock.now())).all()
    return sum(1 for envelope in envelopes if rebuild_gate(envelope))
