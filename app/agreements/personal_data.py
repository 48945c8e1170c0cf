"""The sale's traces in a user's copy of their personal information (``app.core.personal_data``): what they
agreed to, when, from which client and address, and their health declaration."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.agreements.models import SaleTrace
from app.catalog.models import HEALTH_DECLARATION, Product, ProductDocument
from app.core import events
from app.core.personal_data import Section, moment, revealed
from app.extensions import db


@events.personal_data_copy.connect
def sale_traces(user_id: int) -> Section:
    found = db.session.execute(sa.select(SaleTrace, Product.code).join(Product, Product.id == SaleTrace.product_id)
                               .where(SaleTrace.user_id == user_id).order_by(SaleTrace.id))
    return Section("sale_traces", _l("Agreements and health declarations"), ("sale_traces",), [{
        "source": trace.source, "product": product_code, "received_at": moment(trace.received_at),
        "documents_agreed": [{**{key: document.get(key) for key in ("code", "version", "title_zh", "title_en")},
                              # The tap's moment as the phone sent it; ours in Beijing time, as every moment here.
                              "accepted_at": document.get("accepted_at"),
                              "received_at": moment(dt.datetime.fromisoformat(document["received_at"]))}
                             for document in trace.documents],
        "client": trace.client, "client_ip": trace.client_ip, "user_agent": trace.user_agent,
        "health_declaration": _health_declaration(trace), "kept_until": moment(trace.retain_until),
    } for trace, product_code in found])


def _health_declaration(trace: SaleTrace) -> dict | None:
    """The answers in the clear, each beside the question as it was asked (the version answered)."""
    if not trace.health_declared or trace.health_answers_encrypted is None:
        return None
    answers = json.loads(revealed(trace.health_answers_encrypted))
    questions = db.session.scalar(sa.select(ProductDocument.questions).where(
        ProductDocument.product_id == trace.product_id, ProductDocument.code == HEALTH_DECLARATION,
        ProductDocument.version == trace.health_version)) or []
    asked = {question["code"]: question for question in questions}
    return {"version": trace.health_version, "answers": [{
        "code": code, "question_zh": asked.get(code, {}).get("text_zh"),
        "question_en": asked.get(code, {}).get("text_en"), "answer": answer,
    } for code, answer in answers.items()]}
