from __future__ import annotations

import marshmallow as ma
from marshmallow import validate


class VisitCreateSchema(ma.Schema):
    page = ma.fields.String(validate=validate.Length(max=128), allow_none=True,
                            metadata={"description": "The page the app opened on, e.g. pages/index/index"})


class VisitSchema(ma.Schema):
    page = ma.fields.String(allow_none=True)
    visited_at = ma.fields.DateTime()
    first = ma.fields.Boolean(metadata={"description": "Whether this was the user's first recorded app open"})
