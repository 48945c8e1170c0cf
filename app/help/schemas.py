from __future__ import annotations

import marshmallow as ma

from app.catalog.schemas import InsurerSchema


class FaqEntrySchema(ma.Schema):
    q = ma.fields.String()
    a = ma.fields.String()


class ComplaintSchema(ma.Schema):
    steps = ma.fields.List(ma.fields.String(), metadata={
        "description": "In order: the insurer's hotline, the insurer's complaint channel, then the regulator's 12378"})


class HelpInsurerSchema(InsurerSchema):
    class Meta:
        fields = ("name", "hotline", "complaint_channel")


class HelpSchema(ma.Schema):
    faq = ma.fields.List(ma.fields.Nested(FaqEntrySchema))
    complaint = ma.fields.Nested(ComplaintSchema)
    insurers = ma.fields.List(ma.fields.Nested(HelpInsurerSchema), metadata={
        "description": "Each insurer underwriting a product on sale"})
    service_hours = ma.fields.String(metadata={"description": "When customer service answers, in words"})
