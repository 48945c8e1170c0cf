"""Marshmallow fields every feature's input schemas share.

An integer from outside is bounded to what the column it meets can hold: ``Id`` for ids,
``Int64`` for amounts and counts. Without the bound, 2**63 reached the database and came
back as a 500 (PostgreSQL: bigint out of range; SQLite: int too large). Both are strict
(``1.5`` and ``"1"`` are refused, not rounded or parsed) and document their range.
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from app.core.untrusted import INT64_MAX

INT64_MIN = -INT64_MAX - 1


class Int64(ma.fields.Integer):
    """An integer a BIGINT column holds; ``minimum`` / ``maximum`` narrow it further."""

    def __init__(self, *, minimum: int = INT64_MIN, maximum: int = INT64_MAX, **kwargs):
        kwargs.setdefault("strict", True)
        bounds = validate.Range(min=max(minimum, INT64_MIN), max=min(maximum, INT64_MAX))
        extra = kwargs.pop("validate", None)
        validators = [bounds] + ([] if extra is None else list(extra) if isinstance(extra, (list, tuple)) else [extra])
        super().__init__(validate=validators, **kwargs)


class Id(Int64):
    """A row's id: 1 to 2**63 - 1."""

    def __init__(self, **kwargs):
        super().__init__(minimum=1, **kwargs)
