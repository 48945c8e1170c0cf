"""Reading the catalog; plans are what orders and envelopes price from."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from app.catalog.models import Insurer, Plan, Product
from app.core.errors import Conflict, NotFound, ValidationFailed
from app.core.i18n import yuan
from app.extensions import db


def list_products() -> list[Product]:
    return list(db.session.scalars(
        sa.select(Product).where(Product.active.is_(True))
        .options(selectinload(Product.plans), selectinload(Product.documents))
        .order_by(Product.sort_order, Product.id)
    ))


def insurers_on_sale() -> list[Insurer]:
    """The insurers that underwrite a product on sale, in shop order (the help page lists their hotlines)."""
    return list(db.session.scalars(
        sa.select(Insurer).join(Product, Product.insurer_id == Insurer.id).where(Product.active.is_(True))
        .group_by(Insurer.id).order_by(sa.func.min(Product.sort_order), Insurer.id)))


def get_product(code: str) -> Product:
    product = db.session.scalars(
        sa.select(Product).where(Product.code == code, Product.active.is_(True))
        .options(selectinload(Product.plans), selectinload(Product.documents))
    ).one_or_none()
    if product is None:
        raise NotFound(_("We have no such product."))
    return product


def plan_for_sale(plan_id: int, field: str = "plan_id") -> Plan:
    """An active plan of an active product that can be bought through /orders; else 422 naming ``field``."""
    plan = db.session.get(Plan, plan_id)
    if plan is None or not plan.active or not plan.product.active:
        raise ValidationFailed.for_field(field, _("We have no such plan on sale."), code="unknown_plan")
    if plan.is_gift:
        raise ValidationFailed.for_field(
            field, _("This cover can only be given to friends in a red envelope, not bought directly."),
            code="plan_not_for_sale")
    _ensure_priced_within_cap(plan, field)
    ensure_insurer_named(plan)
    return plan


def gift_plan(plan_id: int, field: str = "plan_id") -> Plan:
    """The active gift plan red envelopes carry; else 422 naming ``field``."""
    plan = db.session.get(Plan, plan_id)
    if plan is None or not plan.active or not plan.is_gift:
        raise ValidationFailed.for_field(field, _("Red envelopes carry gift cover only."), code="not_a_gift_plan")
    _ensure_priced_within_cap(plan, field)
    ensure_insurer_named(plan)
    return plan


#: The most a plan's premium may be: 100,000 yuan (docs/domain.md, Products and plans). Micro-insurance sold in
#: WeChat costs yuan to hundreds of yuan a term; a price above this is a slip of the keyboard (a premium typed in
#: fen, a few zeros too many), and the payer would be asked for it at WeChat Pay.
MAX_PREMIUM_FEN = 100_000 * 100


def _ensure_priced_within_cap(plan: Plan, field: str) -> None:
    """A plan priced above ``MAX_PREMIUM_FEN`` (saved before there was a cap, or written outside the admin) is
    not sold: 422 naming ``field``, never an order asking the payer for it."""
    if plan.premium_fen > MAX_PREMIUM_FEN:
        raise ValidationFailed.for_field(
            field, _("This plan's premium is above %(most)s yuan, the most we sell cover for; it cannot be bought.",
                     most=yuan(MAX_PREMIUM_FEN)), code="premium_above_cap")


class InsurerNotNamed(Conflict):
    code = "insurer_not_named"


def insurer_named(plan: Plan) -> bool:
    """Whether the plan may be sold (or given) here: production sells nothing under the seeded example insurer,
    since a buyer must be told who really underwrites the cover (docs/domain.md, The insurer); development and
    tests sell under it.

    Nor under an insurer whose registered address is not on record (one named before addresses were kept):
    the policy must state the insurer's name and address (Insurance Law Art. 18), and its e-policy would not.
    """
    insurer = plan.product.insurer
    return not (current_app.config["ENV_NAME"] == "production" and (insurer.placeholder or not insurer.address_zh))


def ensure_insurer_named(plan: Plan) -> None:
    """409 ``insurer_not_named`` where the plan's insurer has not been named (``insurer_named``)."""
    if not insurer_named(plan):
        raise InsurerNotNamed(_("This cover is not on sale yet: its insurer has not been named."))


# -- managing the catalog (the admin dashboard's product pages) ---------------------------------

def all_products() -> list[Product]:
    """Every product with its plans, on sale or not, in shop order."""
    return list(db.session.scalars(
        sa.select(Product).options(selectinload(Product.plans)).order_by(Product.sort_order, Product.id)))


def product_by_id(product_id: int) -> Product:
    product = db.session.get(Product, product_id)
    if product is None:
        raise NotFound(_("We have no such product."))
    return product


def plan_by_id(plan_id: int) -> Plan:
    plan = db.session.get(Plan, plan_id)
    if plan is None:
        raise NotFound(_("We have no such plan."))
    return plan


#: A product's texts, each kept in Simplified Chinese and in English: (field, longest text).
PRODUCT_TEXTS = (("name", 80), ("summary", 280))
#: Its lists of plain sentences, in both languages.
PRODUCT_LISTS = ("covered", "not_covered")


def update_product(product_id: int, *, texts: dict) -> Product:
    """Rename or re-describe a product. Whether it is on sale is ``set_product_on_sale``'s alone: a form of
    texts drawn before someone took it off sale (or put it back) must not undo that.

    ``texts`` holds every text in both languages: ``name_zh``, ``name_en``, ``summary_zh``,
    ``summary_en``, ``covered_zh`` ... (lists of sentences) and ``faq_zh``/``faq_en`` (lists of
    ``{"q", "a"}``). Both languages are required: a user sees the one they read.
    """
    values = {}
    for field, longest in PRODUCT_TEXTS:
        for language in ("zh", "en"):
            key = f"{field}_{language}"
            text = (texts.get(key) or "").strip()
            if not 1 <= len(text) <= longest:
                raise ValidationFailed.for_field(key, _("Write 1 to %(longest)s characters.", longest=longest))
            values[key] = text
    for field in PRODUCT_LISTS:
        for language in ("zh", "en"):
            key = f"{field}_{language}"
            values[key] = [line.strip() for line in texts.get(key) or [] if line.strip()]
            if not values[key]:
                raise ValidationFailed.for_field(key, _("Write at least one sentence."))
    for language in ("zh", "en"):
        key = f"faq_{language}"
        values[key] = [{"q": item["q"].strip(), "a": item["a"].strip()} for item in texts.get(key) or []]
        if any(not item["q"] or not item["a"] for item in values[key]):
            raise ValidationFailed.for_field(key, _("Every question needs its answer."))
    product = product_by_id(product_id)
    for key, value in values.items():
        setattr(product, key, value)
    db.session.flush()
    return product


def set_product_on_sale(product_id: int, on_sale: bool) -> Product:
    product = product_by_id(product_id)
    product.active = on_sale
    db.session.flush()
    return product


def set_plan_on_sale(plan_id: int, on_sale: bool) -> Plan:
    plan = plan_by_id(plan_id)
    plan.active = on_sale
    db.session.flush()
    return plan


def update_plan(plan_id: int, *, name_zh: str, name_en: str, premium_fen: int) -> Plan:
    """Rename or reprice a plan (on or off sale: ``set_plan_on_sale``). Orders already created keep the premium they
    were priced at."""
    names = {"name_zh": (name_zh or "").strip(), "name_en": (name_en or "").strip()}
    for key, name in names.items():
        if not 1 <= len(name) <= 80:
            raise ValidationFailed.for_field(key, _("A plan name has 1 to 80 characters."))
    if premium_fen <= 0:
        raise ValidationFailed.for_field("premium_fen", _("A premium must be more than zero."))
    if premium_fen > MAX_PREMIUM_FEN:
        raise ValidationFailed.for_field("premium_fen", _("A premium is at most %(most)s yuan.",
                                                          most=yuan(MAX_PREMIUM_FEN)))
    plan = plan_by_id(plan_id)
    plan.name_zh, plan.name_en, plan.premium_fen = names["name_zh"], names["name_en"], premium_fen
    db.session.flush()
    return plan


def insurer_by_id(insurer_id: int) -> Insurer:
    insurer = db.session.get(Insurer, insurer_id)
    if insurer is None:
        raise NotFound(_("We have no such insurer."))
    return insurer


#: The insurer's texts: (column, longest).
INSURER_TEXTS = (("name_zh", 80), ("name_en", 120), ("licence_no", 64), ("hotline", 32),
                 ("complaint_channel_zh", 280), ("complaint_channel_en", 400), ("address_zh", 200),
                 ("address_en", 300))
#: What names an insurer: the example's must all be replaced before it is declared a real company (its
#: made-up address printed on a real insurer's policies would misstate the contract as much as its name).
_IDENTITY = ("name_zh", "name_en", "licence_no", "address_zh", "address_en")
#: A hotline as printed: digits, with spaces or hyphens between (95xxx, 400-xxx-xxxx).
_HOTLINE = re.compile(r"\d[\d -]{3,30}\d")


def update_insurer(insurer_id: int, *, texts: dict, placeholder: bool) -> Insurer:
    """Edit the underwriter's name, licence, hotline, complaint channel and registered address
    (docs/domain.md, The insurer).

    An insurer that underwrites a product on sale cannot be marked the example (``placeholder``):
    in production that would stop those sales. The example stays the example until both its
    names, its licence number and both its addresses are replaced: a real insurer is named, not
    just unticked.
    """
    insurer = insurer_by_id(insurer_id)
    values = {}
    for key, longest in INSURER_TEXTS:
        text = " ".join((texts.get(key) or "").split())
        if not 1 <= len(text) <= longest:
            raise ValidationFailed.for_field(key, _("Write 1 to %(longest)s characters.", longest=longest))
        values[key] = text
    if not _HOTLINE.fullmatch(values["hotline"]):
        raise ValidationFailed.for_field("hotline", _("Write the hotline as printed, digits only (95xxx, "
                                                      "400-xxx-xxxx)."), code="invalid_hotline")
    if placeholder and not insurer.placeholder and db.session.scalar(sa.select(sa.exists().where(
            Product.insurer_id == insurer.id, Product.active.is_(True)))):
        raise ValidationFailed.for_field("placeholder", _("This insurer underwrites products on sale; it cannot be "
                                                          "marked as an example."), code="insurer_on_sale")
    if insurer.placeholder and not placeholder and any(values[key] == getattr(insurer, key) for key in _IDENTITY):
        raise ValidationFailed.for_field("placeholder", _("To name a real insurer, replace the example's names, "
                                                          "licence number and address as well."),
                                         code="still_the_example")
    for key, value in values.items():
        setattr(insurer, key, value)
    insurer.placeholder = placeholder
    db.session.flush()
    return insurer


def products_of_insurer(insurer_id: int) -> list[Product]:
    return list(db.session.scalars(sa.select(Product).where(Product.insurer_id == insurer_id)
                                   .order_by(Product.sort_order, Product.id)))

