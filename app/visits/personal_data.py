"""Visits in a user's copy of their personal information (``app.core.personal_data``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.core import events
from app.core.personal_data import Section, moment
from app.extensions import db
from app.visits.models import FirstVisit, Visit


@events.personal_data_copy.connect
def visits(user_id: int) -> Section:
    """Every app open recorded, the first one marked (it is also kept apart, for the conversion figures)."""
    first = db.session.scalar(sa.select(FirstVisit).where(FirstVisit.user_id == user_id))
    opens = db.session.scalars(sa.select(Visit).where(Visit.user_id == user_id).order_by(Visit.visited_at, Visit.id))
    records = [{"page": visit.page, "visited_at": moment(visit.visited_at)} for visit in opens]
    if first is not None:
        records.insert(0, {"page": first.page, "visited_at": moment(first.visited_at), "first_visit": True})
    return Section("visits", _l("Visits"), ("visits", "first_visits"), records)


@events.account_closed.connect
def forget_visits(user_id: int) -> tuple[str, ...]:
    db.session.execute(sa.delete(Visit).where(Visit.user_id == user_id))
    db.session.execute(sa.delete(FirstVisit).where(FirstVisit.user_id == user_id))
    return ("visits", "first_visits")
