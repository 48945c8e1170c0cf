from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import clock
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

CATEGORIES = ("accident", "medical", "travel", "gift")
PERIODS = ("month", "year", "trip")
#: The kinds of claim (``app.claims``) each category's cover pays for, as a careful insurer reads its
#: clauses (docs/domain.md, Claims): accident cover pays for accidents only (illness in hospital is
#: not an accident); the hospital plan pays for stays from illness and from accidents; travel cover
#: pays for accidents and mishaps on the trip, not illness. ``other`` is everywhere, so a claim that
#: fits no box still reaches the insurer, who decides.
CLAIM_KINDS = {
    "accident": ("accident", "other"),
    "medical": ("hospital", "accident", "other"),
    "travel": ("travel", "accident", "other"),
    "gift": ("accident", "other"),
}
#: A product's documents, in the order a buyer reads them (docs/domain.md, Product documents):
#: every product has the first four; a medical product also has its health declaration.
DOCUMENT_CODES = ("clauses", "purchase_notice", "exclusions", "privacy_consent", "health_declaration")
EVERY_PRODUCTS_DOCUMENTS = DOCUMENT_CODES[:4]
HEALTH_DECLARATION = "health_declaration"


class Insurer(db.Model):
    """The underwriter: the licensed company that carries the risk and pays the claims. Every
    product names one, and the buyer sees it before paying (docs/domain.md, The insurer)."""

    __tablename__ = "insurers"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name_zh: Mapped[str] = mapped_column(sa.String(80))
    name_en: Mapped[str] = mapped_column(sa.String(120))
    #: The number on its licence to carry on insurance business (经营保险业务许可证).
    licence_no: Mapped[str] = mapped_column(sa.String(64))
    #: Its customer-service hotline, as printed (95xxx, 400-xxx-xxxx).
    hotline: Mapped[str] = mapped_column(sa.String(32))
    #: Where and how to complain, in words.
    complaint_channel_zh: Mapped[str] = mapped_column(sa.String(280))
    complaint_channel_en: Mapped[str] = mapped_column(sa.String(400))
    #: Its registered address (住所), printed on every e-policy beside its name (Insurance Law Art. 18). Null
    #: only for an insurer named before addresses were kept: production sells nothing it underwrites until an
    #: operator enters it (``catalog.services.ensure_insurer_named``).
    address_zh: Mapped[str | None] = mapped_column(sa.String(200))
    address_en: Mapped[str | None] = mapped_column(sa.String(300))
    #: The seeded example: production sells nothing it underwrites.
    placeholder: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)


class Product(db.Model):
    __tablename__ = "products"
    __table_args__ = (sa.CheckConstraint(sa.column("category").in_(CATEGORIES), name="category"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    insurer_id: Mapped[int] = mapped_column(sa.ForeignKey("insurers.id"), index=True)
    # Every text in Simplified Chinese and in English (app.core.i18n.localized picks one).
    name_zh: Mapped[str] = mapped_column(sa.String(80))
    name_en: Mapped[str] = mapped_column(sa.String(80))
    #: accident, medical, travel, or gift (the cover red envelopes carry; never sold through /orders).
    category: Mapped[str] = mapped_column(sa.String(16))
    summary_zh: Mapped[str] = mapped_column(sa.String(280))
    summary_en: Mapped[str] = mapped_column(sa.String(280))
    #: Short sentences a non-expert understands: what is paid for ...
    covered_zh: Mapped[list] = mapped_column(sa.JSON, default=list)
    covered_en: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: ... and what is not.
    not_covered_zh: Mapped[list] = mapped_column(sa.JSON, default=list)
    not_covered_en: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: ``[{"q": ..., "a": ...}]``
    faq_zh: Mapped[list] = mapped_column(sa.JSON, default=list)
    faq_en: Mapped[list] = mapped_column(sa.JSON, default=list)
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(sa.Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)

    plans: Mapped[list["Plan"]] = relationship(back_populates="product", order_by="Plan.premium_fen")
    insurer: Mapped[Insurer] = relationship(lazy="joined")
    #: Every version of every document, oldest first (load with ``selectinload`` where many products are shown).
    documents: Mapped[list["ProductDocument"]] = relationship(order_by="ProductDocument.id", viewonly=True)

    @property
    def current_documents(self) -> list["ProductDocument"]:
        """The current version of each of its documents (the one published last), in reading order."""
        latest = {document.code: document for document in self.documents}
        return [latest[code] for code in DOCUMENT_CODES if code in latest]

    @property
    def health_declaration(self) -> "ProductDocument | None":
        return next((doc for doc in self.current_documents if doc.code == HEALTH_DECLARATION), None)

    @property
    def claim_kinds(self) -> tuple[str, ...]:
        """The kinds of claim this product pays for (``CLAIM_KINDS``)."""
        return CLAIM_KINDS[self.category]


class Plan(db.Model):
    __tablename__ = "plans"
    __table_args__ = (
        sa.CheckConstraint(sa.column("period").in_(PERIODS), name="period"),
        sa.CheckConstraint("premium_fen >= 0 AND coverage_fen > 0", name="money"),
        sa.CheckConstraint("age_min >= 0 AND age_max >= age_min", name="ages"),
        sa.CheckConstraint("death_benefit_fen >= 0", name="death_benefit"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id"), index=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name_zh: Mapped[str] = mapped_column(sa.String(80))
    name_en: Mapped[str] = mapped_column(sa.String(80))
    #: Price of one term, in fen. For the gift plan: the price of one coverage unit (coverage_fen).
    premium_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: Sum insured, in fen. For the gift plan: the coverage unit that premium_fen buys.
    coverage_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: What it pays if the insured dies, in fen: minors' death cover is capped (docs/domain.md,
    #: Insured persons). For the gift plan: per coverage unit, like coverage_fen.
    death_benefit_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: month, year or trip: how the term is described to users.
    period: Mapped[str] = mapped_column(sa.String(8))
    #: Days of cover after the day of issue; cover ends at midnight Asia/Shanghai.
    term_days: Mapped[int] = mapped_column(sa.Integer)
    age_min: Mapped[int] = mapped_column(sa.Integer)
    age_max: Mapped[int] = mapped_column(sa.Integer)
    #: Days after issue before illness is covered (accidents are covered from issue).
    waiting_period_days: Mapped[int] = mapped_column(sa.Integer, default=0)
    #: A monthly plan that may renew itself by WeChat Pay's contract deduction (never a gift plan).
    auto_renew: Mapped[bool] = mapped_column(sa.Boolean, default=False, server_default=sa.false())
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)

    product: Mapped[Product] = relationship(back_populates="plans")

    @property
    def is_gift(self) -> bool:
        return self.product.category == "gift"

    def premium_for(self, coverage_fen: int) -> int:
        """The premium of gift cover of ``coverage_fen`` under this plan: its price per coverage unit, rounded down
        to the fen but never below 1 fen for any cover (no cover, as an envelope with every share activated leaves
        unclaimed, costs nothing). Cover with a premium of 0 would be cover nobody paid for (a WeRun reward under
        500 yuan, at 2 fen per 1,000 yuan): its campaign's budget would pay nothing for real cover (docs/domain.md,
        Coupons and rewards)."""
        if coverage_fen <= 0:
            return 0
        return max(1, self.premium_fen * coverage_fen // self.coverage_fen)

    def death_benefit_for(self, coverage_fen: int) -> int:
        """The death benefit of cover of ``coverage_fen`` under this plan: one term's, or a gift share's
        in proportion to its coverage (rounded down to the fen)."""
        return self.death_benefit_fen * coverage_fen // self.coverage_fen


class ProductDocument(db.Model):
    """One version of one of a product's documents (条款, 投保须知, 责任免除, 个人信息授权, 健康告知).

    A version is never changed or deleted once published: a buyer agreed to exactly this text, and
    the sale's trace names it. Publishing a new version makes it the current one, the one buyers
    must accept from then on; the old one stays readable at its own address forever.
    """

    __tablename__ = "product_documents"
    __table_args__ = (
        sa.UniqueConstraint("product_id", "code", "version"),
        sa.CheckConstraint(sa.column("code").in_(DOCUMENT_CODES), name="code"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id"), index=True)
    #: clauses, purchase_notice, exclusions, privacy_consent or health_declaration.
    code: Mapped[str] = mapped_column(sa.String(32))
    #: What the buyer accepts and the trace keeps, e.g. ``1.0``: letters, digits, ``.``, ``-``, ``_``.
    version: Mapped[str] = mapped_column(sa.String(20))
    title_zh: Mapped[str] = mapped_column(sa.String(80))
    title_en: Mapped[str] = mapped_column(sa.String(120))
    #: Simple HTML only (h1, h2, p, ul, li, strong; no attributes): the mini-program's <rich-text> shows it.
    body_zh: Mapped[str] = mapped_column(sa.Text, deferred=True)
    body_en: Mapped[str] = mapped_column(sa.Text, deferred=True)
    #: A buyer must accept it before paying (every document is, today).
    required: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    #: The health declaration's questions: ``[{"code", "text_zh", "text_en"}]``; empty for other documents.
    questions: Mapped[list] = mapped_column(sa.JSON, default=list)
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=clock.now)
    #: ``seed`` or ``admin:<admin user id>``.
    published_by: Mapped[str] = mapped_column(sa.String(64))

    product: Mapped[Product] = relationship(viewonly=True, lazy="joined")

    @property
    def product_code(self) -> str:
        return self.product.code
