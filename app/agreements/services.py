"""The buyer's agreement, checked before any cover is created, and the sale's trace it leaves.

``check`` runs after schema validation and before the insured person is checked: the product's
documents at their current versions (422 ``documents_not_accepted``), then, for a medical product,
the health declaration (422 ``health_declaration_required``, ``health_declined``). ``record`` writes
the trace in the same unit of work as the cover. The rules and their sources: docs/domain.md, Agreement.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from types import SimpleNamespace

import sqlalchemy as sa
from flask import has_request_context, request
from flask_babel import gettext as _

from app.agreements.models import SaleTrace
from app.catalog.documents import document_url
from app.catalog.models import EVERY_PRODUCTS_DOCUMENTS, HEALTH_DECLARATION, Product, ProductDocument
from app.core import clock, pii
from app.core.errors import Conflict, ValidationFailed
from app.core.i18n import localized
from app.extensions import db

#: Records of a sale are kept at least 5 years after a contract of one year or less ends (Insurance Law
#: Art. 87; every plan we sell is one year or shorter).
RETENTION = dt.timedelta(days=5 * 366)
#: How far a phone's clock may be from ours: a tap ``accepted_at`` more than this after the server received
#: the request, or before the version accepted was published, is not a moment the buyer could have agreed
#: to that text (docs/domain.md, Agreement and the sale's trace).
CLOCK_SKEW = dt.timedelta(minutes=5)
#: A purchase's policy is issued when its payment is confirmed, a little after the order; this margin
#: covers a payment confirmed late (the sweep) so the floor is never before the policy's end + 5 years.
LATE_ISSUE_MARGIN = dt.timedelta(days=30)


@dataclass(frozen=True)
class AcceptedDocument:
    code: str
    version: str
    accepted_at: dt.datetime


@dataclass(frozen=True)
class ClientInfo:
    app_version: str | None = None
    page_version: str | None = None
    platform: str | None = None


@dataclass(frozen=True)
class AgreementRequest:
    """What the client sent (``schemas.AgreementSchema``)."""

    accepted: tuple[AcceptedDocument, ...] = ()
    client: ClientInfo = field(default_factory=ClientInfo)
    health_answers: dict | None = None


@dataclass
class Agreement:
    """An agreement that passed ``check``: what ``record`` keeps."""

    product: Product
    documents: list[tuple[ProductDocument, AcceptedDocument]]
    client: ClientInfo
    health_document: ProductDocument | None
    health_answers: dict | None
    received_at: dt.datetime


class DocumentsUnavailable(Conflict):
    code = "documents_unavailable"


class DocumentsNotAccepted(ValidationFailed):
    code = "documents_not_accepted"


class HealthDeclarationRequired(ValidationFailed):
    code = "health_declaration_required"


class HealthDeclined(ValidationFailed):
    code = "health_declined"


def check(product: Product, sent: AgreementRequest) -> Agreement:
    """The buyer accepted every required document of ``product`` at its current version, and, for a
    medical product, answered every health question "no"; else 422, documents first. A product that
    lacks one of its documents (``flask seed`` or an operator publishes them) sells nothing: 409
    ``documents_unavailable``.

    ``documents_not_accepted`` lists ``details.missing`` as ``[{code, version}]``, the current version
    the client must show and have accepted (a stale version counts as missing, and so does one said to be
    accepted before that version was published). An ``accepted_at`` later than the request's arrival (beyond
    ``CLOCK_SKEW``) is 422 ``accepted_in_the_future`` naming it (a rule of the sale, not of the request's shape).
    ``health_declaration_required`` lists the unanswered question codes; ``health_declined`` says,
    kindly, that the plan cannot be bought online and where to ask.
    """
    received_at = clock.now()
    needed = EVERY_PRODUCTS_DOCUMENTS + ((HEALTH_DECLARATION,) if product.category == "medical" else ())
    if not set(needed) <= {document.code for document in product.current_documents}:
        raise DocumentsUnavailable(_("This cover is not on sale yet: its documents have not been published."))
    for index, doc in enumerate(sent.accepted):
        if doc.accepted_at > received_at + CLOCK_SKEW:
            raise ValidationFailed.for_field(f"accepted_documents.{index}.accepted_at", _(
                "The time you agreed is later than now; please check your phone's clock and agree again."),
                code="accepted_in_the_future")
    accepted = {(doc.code, doc.version): doc for doc in sent.accepted}
    agreed, missing = [], []
    for document in product.current_documents:
        match = accepted.get((document.code, document.version))
        if match is not None and match.accepted_at >= document.published_at - CLOCK_SKEW:
            agreed.append((document, match))
        elif document.required:
            missing.append({"code": document.code, "version": document.version})
    if missing:
        raise DocumentsNotAccepted(
            _("Please read and agree to the documents of this cover before buying it."),
            details={"missing": missing})
    health = product.health_declaration
    answers = None
    if health is not None and health.questions:
        given = sent.health_answers or {}
        unanswered = [q["code"] for q in health.questions if q["code"] not in given]
        if unanswered:
            raise HealthDeclarationRequired(_("Please answer every health question before buying this cover."),
                                            details={"missing": unanswered})
        answers = {q["code"]: bool(given[q["code"]]) for q in health.questions}
        said_yes = [code for code, yes in answers.items() if yes]
        if said_yes:
            raise HealthDeclined(
                _("Thank you for answering honestly. From your answers, this plan cannot be bought online. "
                  "Please call %(insurer)s on %(hotline)s: they can tell you what cover suits you.",
                  insurer=localized(product.insurer, "name"), hotline=product.insurer.hotline),
                details={"declared": said_yes, "hotline": product.insurer.hotline})
    return Agreement(product=product, documents=agreed, client=sent.client, health_document=health,
                     health_answers=answers, received_at=received_at)


def record(agreement: Agreement, *, user_id: int, source: str, term_days: int, order_id: int | None = None,
           policy_id: int | None = None) -> SaleTrace:
    """Keep the sale's trace beside the cover it created, in the same unit of work."""
    received = agreement.received_at
    documents = [{
        "document_id": document.id, "code": document.code, "version": document.version,
        "title_zh": document.title_zh, "title_en": document.title_en,
        "accepted_at": accepted.accepted_at.isoformat(), "received_at": received.isoformat(),
    } for document, accepted in agreement.documents]
    answers = agreement.health_answers
    trace = SaleTrace(
        user_id=user_id, product_id=agreement.product.id, source=source, order_id=order_id, policy_id=policy_id,
        documents=documents, client={k: v for k, v in asdict(agreement.client).items() if v is not None},
        client_ip=request.remote_addr if has_request_context() else None,
        user_agent=(request.headers.get("User-Agent") or "")[:255] or None if has_request_context() else None,
        health_declared=answers is not None,
        health_version=agreement.health_document.version if answers is not None else None,
        health_answers_encrypted=pii.encrypt(json.dumps(answers, sort_keys=True)) if answers is not None else None,
        received_at=received,
        retain_until=received + dt.timedelta(days=term_days + 1) + LATE_ISSUE_MARGIN + RETENTION,
    )
    db.session.add(trace)
    db.session.flush()
    return trace


# -- reading a trace back ------------------------------------------------------------------------

_PRODUCT_CODE = sa.select(Product.code).where(Product.id == SaleTrace.product_id).scalar_subquery()


def trace_columns(policy_id: sa.ColumnElement, order_id: sa.ColumnElement) -> list[sa.ColumnElement]:
    """A policy's trace, its own (gift cover) or its order's (a purchase), as columns of the policy's own
    view (``trace_of_row`` reads them back): a lookup reads it in the same statement."""
    where = sa.or_(SaleTrace.policy_id == policy_id, SaleTrace.order_id == order_id)
    return [sa.select(SaleTrace.documents).where(where).limit(1).scalar_subquery().label("trace_documents"),
            sa.select(SaleTrace.health_declared).where(where).limit(1).scalar_subquery()
            .label("trace_health_declared")]


def trace_of_row(row) -> SimpleNamespace | None:
    """The trace read by ``trace_columns`` (the row also has the product's ``product_code``); None without one."""
    if row.trace_documents is None:
        return None
    documents = row.trace_documents if isinstance(row.trace_documents, list) else json.loads(row.trace_documents)
    return SimpleNamespace(documents=documents, health_declared=row.trace_health_declared,
                           product_code=row.product_code)


def trace_of_order(order_id: int) -> SaleTrace | None:
    return db.session.scalars(sa.select(SaleTrace).where(SaleTrace.order_id == order_id)).one_or_none()


def documents_accepted(trace) -> list[dict]:
    """``[{code, version, title_zh, title_en, url, accepted_at}]`` of a trace, for the holder's view."""
    if trace is None:
        return []
    return [{"code": d["code"], "version": d["version"], "title_zh": d["title_zh"], "title_en": d["title_en"],
             "url": document_url(trace.product_code, d["code"], d["version"]),
             "accepted_at": dt.datetime.fromisoformat(d["accepted_at"])} for d in trace.documents]


def health_answers_of(trace: SaleTrace) -> dict | None:
    """The health answers a trace keeps, decrypted (for an operator's review)."""
    if trace is None or trace.health_answers_encrypted is None:
        return None
    return json.loads(pii.decrypt(trace.health_answers_encrypted))
