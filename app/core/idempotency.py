"""``Idempotency-Key`` for creates that involve money (docs/api.md, Idempotent creates).

The same key from the same user with the same request answers what the first request
created, as it is now; with a different request it is 409 ``idempotency_conflict``. The key
row is inserted in the same unit of work as the create, so two racing requests meet at the
unique key: the second waits for the first to commit, then answers from its row.

A replay does not repeat the first answer word for word: an order created, then paid,
would be answered "created" with payment details for a payment already made. The view
names a ``replay`` that rebuilds the answer from the first one (which names what was
created) and the response schema that dumps it.

What the first request created may be past use: an envelope whose order closed unpaid can
never be paid, and a sender sending the same envelope again wants one they can pay. Its
``replay`` then answers None, and the request is made afresh under the same key, with the
key's row locked (concurrent retries wait, then answer what the first of them made); from
then on the key names the new one.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable

import marshmallow as ma
import sqlalchemy as sa
from flask import Response, g, jsonify, request
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock, events
from app.core.types import BigIntPK, UTCDateTime
from app.core.errors import Conflict, ValidationFailed
from app.extensions import db

HEADER = "Idempotency-Key"


class IdempotencyKey(db.Model):
    __tablename__ = "idempotency_keys"
    __table_args__ = (sa.UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(sa.String(128))
    #: SHA-256 of method, path and the canonical JSON body: "the same request".
    request_hash: Mapped[str] = mapped_column(sa.String(64))
    status_code: Mapped[int | None] = mapped_column(sa.Integer)
    response_body: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)


class IdempotencyConflict(Conflict):
    code = "idempotency_conflict"
    message = _l("This Idempotency-Key was already used for a different request.")


def _request_hash() -> str:
    body = request.get_json(silent=True)
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")) if body is not None else request.get_data(
        as_text=True)
    return hashlib.sha256(f"{request.method} {request.path}\n{canonical}".encode()).hexdigest()


def idempotent(*, replay: Callable[[int, dict], object], schema: type[ma.Schema]):
    """Wrap a login-required create view (inside ``@login_required``, outside the schema decorators).

    ``replay(user_id, first_answer)`` gives what the first request created as it is now,
    for ``schema`` to dump; or None if that can no longer be used, to make the request afresh.
    """

    def answer_again(row: IdempotencyKey, request_hash: str) -> Response | None:
        if row.request_hash != request_hash or row.status_code is None:
            raise IdempotencyConflict()
        replayed = replay(g.user_id, json.loads(row.response_body))
        if replayed is None:
            return None
        response = jsonify(schema().dump(replayed))
        response.status_code = row.status_code
        response.headers["Idempotent-Replayed"] = "true"
        return response

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            key = request.headers.get(HEADER)
            if key is None:
                return view(*args, **kwargs)
            if not 1 <= len(key) <= 128 or not key.isprintable():
                raise ValidationFailed.for_field(HEADER, "Use 1 to 128 printable characters.")
            request_hash = _request_hash()
            lookup = sa.select(IdempotencyKey).where(IdempotencyKey.user_id == g.user_id, IdempotencyKey.key == key)
            row = db.session.scalars(lookup).one_or_none()
            first = row is None
            if first:
                row = IdempotencyKey(user_id=g.user_id, key=key, request_hash=request_hash)
                try:
                    with db.session.begin_nested():
                        db.session.add(row)
                except IntegrityError:
                    # A concurrent request with this key committed first (we waited on its lock).
                    db.session.rollback()
                    row, first = db.session.scalars(lookup).one(), False
            if not first:
                answer = answer_again(row, request_hash)
                if answer is None:
                    # What the first request made is past use: made afresh, the key's row locked. A retry that
                    # waited here answers what the one before it made.
                    row = db.session.scalars(lookup.with_for_update().execution_options(populate_existing=True)).one()
                    answer = answer_again(row, request_hash)
                if answer is not None:
                    return answer
            response = view(*args, **kwargs)
            if not isinstance(response, Response):
                raise TypeError("@idempotent must wrap a view that returns a Response")
            if response.status_code < 400:
                row.status_code = response.status_code
                row.response_body = response.get_data(as_text=True)
            elif first:
                db.session.delete(row)  # a refused request does not use up its key
            db.session.flush()
            return response

        return wrapper

    return decorate


@events.account_closed.connect
def forget_keys(user_id: int) -> tuple[str, ...]:
    """A closed account sends no more requests to replay; the first answers it kept go."""
    db.session.execute(sa.delete(IdempotencyKey).where(IdempotencyKey.user_id == user_id))
    return ("idempotency_keys",)
