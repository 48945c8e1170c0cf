"""The audit log: every admin write, with who, what, when, and the object before and after."""

from __future__ import annotations

import datetime as dt
import decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.admin.models import AdminUser, AuditEntry
from app.core import clock
from app.core.errors import Conflict
from app.extensions import db


class AlreadySent(Conflict):
    """The same one-time form came back: its work was done once, by the first sending."""

    code = "form_already_sent"
    message = _l("This form was sent already and what it asked for was done once; nothing was done again. "
                 "The page shows how things stand now.")


def _json_value(value):
    if isinstance(value, dt.datetime):
        # Beijing time, with its offset: operators read the entry as it is shown, and compare it with the form
        # they typed it in (a campaign's start) and the times on every page.
        return clock.to_shanghai(value).isoformat()
    if isinstance(value, (dt.date, decimal.Decimal)):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    return value


def snapshot(obj, fields: tuple[str, ...] | list[str]) -> dict:
    """The named attributes of ``obj`` as a JSON-ready dict (times in ISO 8601, Beijing time)."""
    return {name: _json_value(getattr(obj, name)) for name in fields}


def record(action: str, *, admin: AdminUser | None, actor: str | None = None, target_type: str | None = None,
           target_id=None, before: dict | None = None, after: dict | None = None, note: str | None = None,
           ip: str | None = None, form_key: str | None = None) -> AuditEntry:
    """Add an entry in the caller's transaction: it commits with the change, or not at all.

    ``form_key`` is the one-time key of the form that made the write: a second entry with the same key raises
    ``AlreadySent``, and the caller rolls back what that sending did. The unique key decides, so two sendings at
    the same moment meet there too: the second waits for the first to commit, then is refused."""
    entry = AuditEntry(
        at=clock.now(), admin_user_id=admin.id if admin is not None else None,
        actor=(actor or (admin.actor if admin is not None else "system"))[:64], action=action,
        target_type=target_type, target_id=None if target_id is None else str(target_id)[:64],
        before=_json_value(before) if before is not None else None,
        after=_json_value(after) if after is not None else None,
        note=(note or None) and note[:500], ip=ip, form_key=form_key,
    )
    if form_key is None:
        db.session.add(entry)
        db.session.flush()
        return entry
    db.session.flush()  # the change itself, outside the savepoint: only the key's clash is caught below
    try:
        with db.session.begin_nested():
            db.session.add(entry)
    except IntegrityError:
        raise AlreadySent() from None
    return entry


def entries_query(*, action: str = "", actor: str = "", target_type: str = "", target_id: str = ""):
    """Entries newest first, filtered by exact action, actor and target."""
    query = sa.select(AuditEntry).order_by(AuditEntry.id.desc())
    if action:
        query = query.where(AuditEntry.action == action)
    if actor:
        query = query.where(AuditEntry.actor == actor)
    if target_type:
        query = query.where(AuditEntry.target_type == target_type)
    if target_id:
        query = query.where(AuditEntry.target_id == target_id)
    return query


def actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).distinct().order_by(AuditEntry.action)))
