"""The saved insured persons' part of a user's copy of their personal information (``app.core.personal_data``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.core import events
from app.core.personal_data import Section, moment, revealed
from app.extensions import db
from app.insured.models import InsuredPerson


@events.personal_data_copy.connect
def insured_persons(user_id: int) -> Section:
    """The people the user saved (常用被保险人), names and identity numbers in the clear."""
    people = db.session.scalars(sa.select(InsuredPerson).where(InsuredPerson.user_id == user_id)
                                .order_by(InsuredPerson.id))
    return Section("insured_persons", _l("Saved insured persons"), ("insured_persons",), [{
        "relation": person.relation, "name": revealed(person.name_encrypted),
        "id_number": revealed(person.id_encrypted), "saved_at": moment(person.created_at),
    } for person in people])


@events.account_closed.connect
def forget_saved_persons(user_id: int) -> tuple[str, ...]:
    """The people the user saved to insure go; cover bought for them keeps its own copy, as the sale's record."""
    db.session.execute(sa.delete(InsuredPerson).where(InsuredPerson.user_id == user_id))
    return ("insured_persons",)
