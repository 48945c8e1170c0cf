from __future__ import annotations

import marshmallow as ma
from marshmallow import validate


class ScenarioEventSchema(ma.Schema):
    event_id = ma.fields.String(required=True, validate=validate.Length(min=1, max=64))
    scenario = ma.fields.String(required=True, validate=validate.Length(min=1, max=40))
    openid = ma.fields.String(required=True, validate=validate.Length(min=1, max=64))
    occurred_at = ma.fields.AwareDateTime(required=True)
    data = ma.fields.Dict(load_default=dict)


class ScenarioAnswerSchema(ma.Schema):
    applied = ma.fields.Boolean(metadata={"description": "True when a coupon was granted"})
    coupon_id = ma.fields.Integer(metadata={"description": "The coupon granted"})
    ignored = ma.fields.String(metadata={"description": "Why nothing happened: unknown_user, no_campaign, or the "
                                                        "campaign's refusal (budget_exhausted, limit_reached)"})
    duplicate = ma.fields.Boolean(metadata={"description": "True for a replayed event_id (nothing changed)"})
