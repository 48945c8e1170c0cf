"""A product's documents: each version kept forever, the current one what buyers accept, the text
served as a small page (docs/domain.md, Product documents)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from app.catalog.models import DOCUMENT_CODES, HEALTH_DECLARATION, Product, ProductDocument
from app.core import clock
from app.core.errors import Conflict, NotFound, ValidationFailed
from app.core.i18n import current_language
from app.extensions import db

#: The only tags a document's body may use, with no attributes: the mini-program shows it in <rich-text>.
ALLOWED_TAGS = frozenset({"h1", "h2", "p", "ul", "li", "strong"})
VERSION_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,19}")
QUESTION_CODE_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,39}")


class _TagCheck(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refused: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS or attrs:
            self.refused.add(tag)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag not in ALLOWED_TAGS:
            self.refused.add(tag)


def refused_tags(body: str) -> list[str]:
    """The tags of ``body`` outside the simple set, or carrying attributes (a script, a link, a style)."""
    check = _TagCheck()
    check.feed(body)
    check.close()
    return sorted(check.refused)


def document_path(product_code: str, code: str, version: str) -> str:
    return f"/documents/{quote(product_code)}/{quote(code)}/{quote(version)}"


def document_url(product_code: str, code: str, version: str) -> str:
    """Where anyone reads this version, absolute (``PUBLIC_BASE_URL``)."""
    return current_app.config["PUBLIC_BASE_URL"] + document_path(product_code, code, version)


def questions_in_language(document: ProductDocument | None) -> list[dict]:
    """A health declaration's questions, ``[{code, text}]`` in the current language."""
    if document is None:
        return []
    english = current_language() == "en"
    return [{"code": q["code"], "text": (q.get("text_en") if english else None) or q["text_zh"]}
            for q in document.questions or []]


def version_of(product_code: str, code: str, version: str) -> tuple[Product, ProductDocument]:
    """One version of a product's document, current or not (on sale or not); 404 when there is none."""
    row = db.session.execute(
        sa.select(Product, ProductDocument).join(ProductDocument, ProductDocument.product_id == Product.id)
        .where(Product.code == product_code, ProductDocument.code == code, ProductDocument.version == version)
    ).one_or_none()
    if row is None:
        raise NotFound(_("We have no such document."))
    return row[0], row[1]


def versions_of(product_id: int) -> list[ProductDocument]:
    """Every version of every document of the product, newest first in each document's order."""
    order = sa.case({code: index for index, code in enumerate(DOCUMENT_CODES)}, value=ProductDocument.code)
    return list(db.session.scalars(sa.select(ProductDocument).where(ProductDocument.product_id == product_id)
                                   .order_by(order, ProductDocument.id.desc())))


def codes_of(product: Product) -> tuple[str, ...]:
    """The documents a product may have: a health declaration only for medical cover."""
    return tuple(code for code in DOCUMENT_CODES if code != HEALTH_DECLARATION or product.category == "medical")


def publish(product_id: int, *, code: str, version: str, title_zh: str, title_en: str, body_zh: str,
            body_en: str, questions: list[dict] | None = None, published_by: str) -> ProductDocument:
    """Publish a new version of a product's document: from now on it is the current one, the one
    buyers must accept; earlier versions stay readable. 422 naming the field that is wrong; 409
    ``version_exists`` when that version was published before (a version is never rewritten)."""
    product = db.session.get(Product, product_id)
    if product is None:
        raise NotFound(_("We have no such product."))
    if code not in codes_of(product):
        raise ValidationFailed.for_field("code", _("This product has no such document."))
    version = (version or "").strip()
    if not VERSION_PATTERN.fullmatch(version):
        raise ValidationFailed.for_field("version", _(
            "A version has 1 to 20 letters, digits, dots, hyphens or underscores, e.g. 2.0."))
    values = {"title_zh": (title_zh or "").strip(), "title_en": (title_en or "").strip(),
              "body_zh": (body_zh or "").strip(), "body_en": (body_en or "").strip()}
    for key, longest in (("title_zh", 80), ("title_en", 120)):
        if not 1 <= len(values[key]) <= longest:
            raise ValidationFailed.for_field(key, _("Write 1 to %(longest)s characters.", longest=longest))
    for key in ("body_zh", "body_en"):
        if not values[key]:
            raise ValidationFailed.for_field(key, _("Write the document's text."))
        refused = refused_tags(values[key])
        if refused:
            raise ValidationFailed.for_field(key, _(
                "Use only h1, h2, p, ul, li and strong, without attributes (found: %(tags)s).",
                tags=", ".join(refused)))
    questions = _checked_questions(questions or []) if code == HEALTH_DECLARATION else []
    exists = db.session.scalar(sa.select(ProductDocument.id).where(
        ProductDocument.product_id == product_id, ProductDocument.code == code, ProductDocument.version == version))
    if exists is not None:
        raise Conflict(_("Version %(version)s of this document was published already; give the new one its own "
                         "version.", version=version), code="version_exists")
    document = ProductDocument(product_id=product_id, code=code, version=version, questions=questions,
                               required=True, published_at=clock.now(), published_by=published_by, **values)
    db.session.add(document)
    db.session.flush()
    db.session.expire(product, ["documents"])
    return document


def _checked_questions(questions: list[dict]) -> list[dict]:
    """A health declaration asks at least one question; each has a code and both languages' text."""
    checked, codes = [], set()
    for question in questions:
        code = (question.get("code") or "").strip()
        text_zh, text_en = (question.get("text_zh") or "").strip(), (question.get("text_en") or "").strip()
        if not QUESTION_CODE_PATTERN.fullmatch(code) or code in codes:
            raise ValidationFailed.for_field("questions", _(
                "Each question needs its own code: lower-case letters, digits and underscores."))
        if not text_zh or not text_en:
            raise ValidationFailed.for_field("questions", _("Each question needs its Chinese and English text."))
        codes.add(code)
        checked.append({"code": code, "text_zh": text_zh, "text_en": text_en})
    if not checked:
        raise ValidationFailed.for_field("questions", _("A health declaration asks at least one question."))
    return checked
