from __future__ import annotations

import marshmallow as ma

from app.core import clock


class PolicySummarySchema(ma.Schema):
    policy_no = ma.fields.String()
    product_code = ma.fields.Function(lambda p: p.plan.product.code)
    product_name = ma.fields.Function(lambda p: p.plan.product.name)
    plan_name = ma.fields.Function(lambda p: p.plan.name)
    coverage_fen = ma.fields.Integer()
    status = ma.fields.Function(lambda p: p.status_at(clock.now()),
                                metadata={"description": "active, cancelling, cancelled or expired"})
    starts_at = ma.fields.DateTime()
    ends_at = ma.fields.DateTime()
    source = ma.fields.String(metadata={"description": "purchase or envelope"})


class PolicyDetailSchema(PolicySummarySchema):
    premium_fen = ma.fields.Integer()
    insured_name = ma.fields.String(attribute="insured_name_masked")
    insured_id_number = ma.fields.String(attribute="insured_id_masked")
    illness_cover_starts_at = ma.fields.DateTime()
    waiting_period_days = ma.fields.Function(lambda p: p.plan.waiting_period_days)
    issued_at = ma.fields.DateTime()
    covered = ma.fields.Function(lambda p: p.plan.product.covered)
    not_covered = ma.fields.Function(lambda p: p.plan.product.not_covered)
