from __future__ import annotations

import marshmallow as ma


class PlanSchema(ma.Schema):
    id = ma.fields.Integer()
    code = ma.fields.String()
    name = ma.fields.String()
    premium_fen = ma.fields.Integer(metadata={"description": "Price of one term in fen (gift: per coverage unit)"})
    coverage_fen = ma.fields.Integer(metadata={"description": "Sum insured in fen (gift: the coverage unit)"})
    period = ma.fields.String(metadata={"description": "month, year or trip"})
    term_days = ma.fields.Integer()
    age_min = ma.fields.Integer()
    age_max = ma.fields.Integer()
    waiting_period_days = ma.fields.Integer(metadata={"description": "Days before illness is covered"})


class ProductSchema(ma.Schema):
    code = ma.fields.String()
    name = ma.fields.String()
    category = ma.fields.String(metadata={"description": "accident, medical, travel or gift"})
    summary = ma.fields.String()
    plans = ma.fields.Method("active_plans")

    def active_plans(self, product):
        return PlanSchema(many=True).dump([plan for plan in product.plans if plan.active])


class FaqSchema(ma.Schema):
    q = ma.fields.String()
    a = ma.fields.String()


class ProductDetailSchema(ProductSchema):
    covered = ma.fields.List(ma.fields.String())
    not_covered = ma.fields.List(ma.fields.String())
    faq = ma.fields.List(ma.fields.Nested(FaqSchema))
