"""The insured person as a client sends it: typed in, or one the user saved; and saved ones as shown."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import gettext as _
from marshmallow import validate

from app.core.fields import Id, VisibleText
from app.insured.models import RELATIONS
from app.insured.services import InsuredChoice


class InsuredSchema(ma.Schema):
    name = VisibleText(required=True, validate=validate.Length(min=1, max=40))
    id_number = ma.fields.String(required=True, validate=validate.Length(min=15, max=24),
                                 metadata={"description": "Chinese resident identity number (18 characters)"})


class InsuredChoiceSchema(ma.Schema):
    """Who a new cover insures, in every request that creates cover (an order, an envelope share's
    activation, a reward's redemption): typed in as ``insured``, or saved, as ``insured_person_id``;
    exactly one. It loads as ``insured``, an ``InsuredChoice``, for ``services.insured_for``."""

    #: The rule no field states, in the OpenAPI document as the server checks it (``app.core.api``).
    OPENAPI_KEYWORDS = {"oneOf": [{"required": ["insured"]}, {"required": ["insured_person_id"]}]}

    insured = ma.fields.Nested(InsuredSchema, metadata={
        "description": "The insured person, typed in (or send `insured_person_id`; exactly one of the two)"})
    insured_person_id = Id(metadata={"description": "One of the user's saved insured persons (`/insured-persons`)"})

    @ma.validates_schema
    def _exactly_one(self, data, **kwargs):
        if ("insured" in data) != ("insured_person_id" in data):
            return
        message = (_("Send the insured person or a saved insured person's id, not both.") if "insured" in data
                   else _("Say who is insured: the insured person, or a saved insured person's id."))
        raise ma.ValidationError({"insured": [message], "insured_person_id": [message]})

    @ma.post_load
    def _as_choice(self, data, **kwargs):
        data["insured"] = InsuredChoice(details=data.pop("insured", None),
                                        person_id=data.pop("insured_person_id", None))
        return data


class InsuredPersonCreateSchema(InsuredSchema):
    relation = ma.fields.String(required=True, validate=validate.OneOf(RELATIONS),
                                metadata={"description": "Who the person is to the user: " + ", ".join(RELATIONS)})


class InsuredPersonSchema(ma.Schema):
    id = ma.fields.Integer(metadata={"description": "What `insured_person_id` takes"})
    relation = ma.fields.String(metadata={"description": ", ".join(RELATIONS)})
    name_masked = ma.fields.String(metadata={"description": "The first character, then one * for each other"})
    id_number_masked = ma.fields.String(metadata={"description": "The first and last characters only"})
    age = ma.fields.Integer(metadata={"description": "Age today (Beijing time), from the identity number"})
