from __future__ import annotations

import marshmallow as ma
from flask import current_app

from app.catalog.documents import document_url, questions_in_language
from app.core.i18n import localized


def in_the_requests_language(field: str, **kwargs) -> ma.fields.Function:
    """A text the catalog keeps in both languages, dumped in the request's (``Accept-Language``)."""
    return ma.fields.Function(lambda thing: localized(thing, field), **kwargs)


def _renews(plan) -> bool:
    """The plan's ``auto_renew``, where AUTO_RENEW_PLANS and WECHAT_PAPAY_TEMPLATES let it be offered."""
    config = current_app.config
    return bool(plan.auto_renew and plan.code in config["AUTO_RENEW_PLANS"]
                and plan.code in config["WECHAT_PAPAY_TEMPLATES"])


class PlanSchema(ma.Schema):
    id = ma.fields.Integer()
    code = ma.fields.String()
    name = in_the_requests_language("name", metadata={"type": "string"})
    premium_fen = ma.fields.Integer(metadata={"description": "Price of one term in fen (gift: per coverage unit)"})
    coverage_fen = ma.fields.Integer(metadata={"description": "Sum insured in fen (gift: the coverage unit)"})
    death_benefit_fen = ma.fields.Integer(metadata={
        "description": "What it pays on the insured's death, in fen (gift: per coverage unit); capped for minors"})
    period = ma.fields.String(metadata={"description": "month, year or trip"})
    term_days = ma.fields.Integer()
    age_min = ma.fields.Integer()
    age_max = ma.fields.Integer()
    waiting_period_days = ma.fields.Integer(metadata={"description": "Days before illness is covered"})
    auto_renew = ma.fields.Function(lambda plan: _renews(plan), metadata={
        "type": "boolean",
        "description": "Whether it may be bought with monthly auto-renewal (POST /orders auto_renew)"})


class InsurerSchema(ma.Schema):
    """The underwriter, as the buyer sees it before paying and on the policy."""

    name = in_the_requests_language("name", metadata={"type": "string"})
    licence_no = ma.fields.String(metadata={"description": "Its licence to carry on insurance business"})
    hotline = ma.fields.String(metadata={"description": "Customer service, as printed"})
    complaint_channel = in_the_requests_language("complaint_channel", metadata={"type": "string"})
    address = ma.fields.Function(lambda insurer: localized(insurer, "address") or None, allow_none=True, metadata={
        "type": "string",
        "description": "Its registered address (住所), as the e-policy prints it; null while none is on record"})


class DocumentSchema(ma.Schema):
    """One of a product's documents at its current version: what the buyer reads and accepts."""

    code = ma.fields.String(metadata={
        "description": "clauses, purchase_notice, exclusions, privacy_consent, or health_declaration (medical)"})
    version = ma.fields.String(metadata={"description": "What `accepted_documents` must name"})
    title = in_the_requests_language("title", metadata={"type": "string"})
    url = ma.fields.Function(lambda doc: document_url(doc.product_code, doc.code, doc.version), metadata={
        "type": "string", "description": "The text as a small HTML page (`?format=fragment` for its body, `?lang=`)"})
    required = ma.fields.Boolean(metadata={"description": "It must be accepted before the cover is created"})


class HealthQuestionSchema(ma.Schema):
    code = ma.fields.String(metadata={"description": "The key of its answer in `health_answers`"})
    text = ma.fields.String()


class ProductSchema(ma.Schema):
    code = ma.fields.String()
    insurer = ma.fields.Nested(InsurerSchema)
    name = in_the_requests_language("name", metadata={"type": "string"})
    category = ma.fields.String(metadata={"description": "accident, medical, travel or gift"})
    summary = in_the_requests_language("summary", metadata={"type": "string"})
    claim_kinds = ma.fields.List(ma.fields.String(), metadata={
        "description": "The claim kinds this cover pays for (accident, hospital, travel, other): offer only these"})
    plans = ma.fields.Method("active_plans")
    documents = ma.fields.Method("current_documents", metadata={
        "type": "array", "items": {"type": "object", "properties": {
            "code": {"type": "string"}, "version": {"type": "string"}, "title": {"type": "string"},
            "url": {"type": "string"}, "required": {"type": "boolean"}}},
        "description": "Its documents at their current versions, in reading order: all to be accepted"})
    health_questions = ma.fields.Method("current_health_questions", metadata={
        "type": "array", "items": {"type": "object", "properties": {
            "code": {"type": "string"}, "text": {"type": "string"}}},
        "description": "Medical products: the health declaration's questions (empty for others)"})

    def active_plans(self, product):
        return PlanSchema(many=True).dump([plan for plan in product.plans if plan.active])

    def current_documents(self, product):
        return _DOCUMENTS.dump(product.current_documents)

    def current_health_questions(self, product):
        return questions_in_language(product.health_declaration)


class FaqSchema(ma.Schema):
    q = ma.fields.String()
    a = ma.fields.String()


class ProductDetailSchema(ProductSchema):
    covered = in_the_requests_language("covered", metadata={"type": "array", "items": {"type": "string"}})
    not_covered = in_the_requests_language("not_covered", metadata={"type": "array", "items": {"type": "string"}})
    faq = in_the_requests_language("faq", metadata={"type": "array", "items": {
        "type": "object", "properties": {"q": {"type": "string"}, "a": {"type": "string"}}}})


_DOCUMENTS = DocumentSchema(many=True)
