"""Reading the catalog; plans are what orders and envelopes price from."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.catalog.models import Plan, Product
from app.errors import NotFound, ValidationFailed
from app.extensions import db


def list_products() -> list[Product]:
    return list(db.session.scalars(
        sa.select(Product).where(Product.active.is_(True)).options(selectinload(Product.plans))
        .order_by(Product.sort_order, Product.id)
    ))


def get_product(code: str) -> Product:
    product = db.session.scalars(
        sa.select(Product).where(Product.code == code, Product.active.is_(True)).options(selectinload(Product.plans))
    ).one_or_none()
    if product is None:
        raise NotFound("We have no such product.")
    return product


def plan_for_sale(plan_id: int, field: str = "plan_id") -> Plan:
    """An active plan of an active product that can be bought through /orders; else 422 naming ``field``."""
    plan = db.session.get(Plan, plan_id)
    if plan is None or not plan.active or not plan.product.active:
        raise ValidationFailed.for_field(field, "We have no such plan on sale.", code="unknown_plan")
    if plan.is_gift:
        raise ValidationFailed.for_field(
            field, "This cover can only be given to friends in a red envelope, not bought directly.",
            code="plan_not_for_sale")
    return plan


def gift_plan(plan_id: int, field: str = "plan_id") -> Plan:
    """The active gift plan red envelopes carry; else 422 naming ``field``."""
    plan = db.session.get(Plan, plan_id)
    if plan is None or not plan.active or not plan.is_gift:
        raise ValidationFailed.for_field(field, "Red envelopes carry gift cover only.", code="not_a_gift_plan")
    return plan


# -- managing the catalog (the admin dashboard's product pages) ---------------------------------

def all_products() -> list[Product]:
    """Every product with its plans, on sale or not, in shop order."""
    return list(db.session.scalars(
        sa.select(Product).options(selectinload(Product.plans)).order_by(Product.sort_order, Product.id)))


def product_by_id(product_id: int) -> Product:
    product = db.session.get(Product, product_id)
    if product is None:
        raise NotFound("We have no such product.")
    return product


def plan_by_id(plan_id: int) -> Plan:
    plan = db.session.get(Plan, plan_id)
    if plan is None:
        raise NotFound("We have no such plan.")
    return plan


def update_product(product_id: int, *, name: str, summary: str, active: bool) -> Product:
    """Rename, re-describe, or take a product off sale (its plans stop selling with it)."""
    name, summary = (name or "").strip(), (summary or "").strip()
    if not 1 <= len(name) <= 80:
        raise ValidationFailed.for_field("name", "A product name has 1 to 80 characters.")
    if not 1 <= len(summary) <= 280:
        raise ValidationFailed.for_field("summary", "A summary has 1 to 280 characters.")
    product = product_by_id(product_id)
    product.name, product.summary, product.active = name, summary, active
    db.session.flush()
    return product


def update_plan(plan_id: int, *, name: str, premium_fen: int, active: bool) -> Plan:
    """Rename, reprice or take a plan off sale. Orders already created keep the premium they were priced at."""
    name = (name or "").strip()
    if not 1 <= len(name) <= 80:
        raise ValidationFailed.for_field("name", "A plan name has 1 to 80 characters.")
    if premium_fen <= 0:
        raise ValidationFailed.for_field("premium_fen", "A premium must be more than zero.")
    plan = plan_by_id(plan_id)
    plan.name, plan.premium_fen, plan.active = name, premium_fen, active
    db.session.flush()
    return plan
