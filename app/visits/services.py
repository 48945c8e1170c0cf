"""Recording app opens: every open is a row; the first one per user is kept apart as well."""

from __future__ import annotations

from app.core import clock
from app.core.db import insert_unless_exists
from app.extensions import db
from app.visits.models import FirstVisit, Visit


def record_visit(user_id: int, page: str | None = None) -> dict:
    """Record that the user opened the app (on ``page``); returns the visit, ``first`` if it was their first."""
    now = clock.now()
    page = (page or "").strip() or None
    db.session.add(Visit(user_id=user_id, page=page, visited_at=now))
    first = insert_unless_exists(FirstVisit, {"user_id": user_id, "page": page, "visited_at": now},
                                 unique=["user_id"]) is not None
    db.session.flush()
    return {"page": page, "visited_at": now, "first": first}
