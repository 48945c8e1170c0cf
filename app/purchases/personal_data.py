"""Applications (投保单) in a user's copy of their personal information (``app.core.personal_data``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.core import events
from app.core.personal_data import Section, moment, revealed
from app.extensions import db
from app.orders.models import Order
from app.purchases.models import Application


@events.personal_data_copy.connect
def applications(user_id: int) -> Section:
    """What the user asked to be insured for on each order: the policyholder and the insured, names and
    identity numbers in the clear (the health answers are in the sale's trace, ``sale_traces``)."""
    found = db.session.execute(sa.select(Application, Order.order_no).join(Order, Order.id == Application.order_id)
                               .where(Order.user_id == user_id).order_by(Application.id))
    return Section("applications", _l("Applications"), ("applications",), [{
        "order_no": order_no, "applied_at": moment(application.created_at),
        "policyholder": {"name": revealed(application.holder_name_encrypted),
                         "id_number": revealed(application.holder_id_encrypted)},
        "insured": {"name": revealed(application.insured_name_encrypted),
                    "id_number": revealed(application.insured_id_encrypted)},
    } for application, order_no in found])
