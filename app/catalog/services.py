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
