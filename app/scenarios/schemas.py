from __future__ import annotations

import marshmallow as ma
from marshmallow import validate


class ScenarioEventSchema(ma.Schema):
    event_id = ma.fields.String(required=True, validate=validate.Length(min=1, max=64))
    scenario = ma.fields.String(required=True, validate=validate.Length(min=1, max=40))
    openid = ma.fields.String(required=True, validate=validate.Length(min=1, max=64))
    occurred_at = ma.fields.AwareDateTime(required=True)
    data = ma.fields.Dict(load_default=dict)
