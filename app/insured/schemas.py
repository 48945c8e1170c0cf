"""The insured person as a client sends it."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate


class InsuredSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=40))
    id_number = ma.fields.String(required=True, validate=validate.Length(min=15, max=24),
                                 metadata={"description": "Chinese resident identity number (18 characters)"})
