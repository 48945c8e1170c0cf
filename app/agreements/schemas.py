"""What every request that creates cover sends besides the insured person: the documents accepted, the
health answers, and what the client is. ``NewCoverSchema`` is the one base those requests' schemas take."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from app.agreements.services import AcceptedDocument, AgreementRequest, ClientInfo
from app.insured.schemas import InsuredChoiceSchema


class AcceptedDocumentSchema(ma.Schema):
    code = ma.fields.String(required=True, validate=validate.Length(min=1, max=32),
                            metadata={"description": "A document's `code` from the product"})
    version = ma.fields.String(required=True, validate=validate.Length(min=1, max=20),
                               metadata={"description": "The version shown to the buyer: the product's current one"})
    accepted_at = ma.fields.AwareDateTime(required=True, metadata={
        "description": "When the buyer agreed, as the client saw the tap: ISO 8601 with its offset"})

    @ma.post_load
    def _as_accepted(self, data, **kwargs):
        return AcceptedDocument(**data)


class ClientSchema(ma.Schema):
    app_version = ma.fields.String(validate=validate.Length(max=32))
    page_version = ma.fields.String(validate=validate.Length(max=32))
    platform = ma.fields.String(validate=validate.Length(max=32), metadata={"description": "e.g. ios, android"})


class AgreementSchema(ma.Schema):
    """The buyer's agreement, loaded as ``agreement``, an ``AgreementRequest`` for ``agreements.services``."""

    accepted_documents = ma.fields.List(ma.fields.Nested(AcceptedDocumentSchema), load_default=list,
                                        validate=validate.Length(max=20), metadata={
        "description": "Every document of the product the buyer accepted, at its current version "
                       "(a missing one is 422 `documents_not_accepted`)"})
    client = ma.fields.Nested(ClientSchema, metadata={"description": "What the client is, kept in the sale's trace"})
    # Keys are not checked further: an answer to no question asked is ignored.
    health_answers = ma.fields.Dict(keys=ma.fields.String(),
                                    values=ma.fields.Boolean(truthy={True}, falsy={False}),
                                    validate=validate.Length(max=40), metadata={
        "description": "Medical products: `{question code: true|false}` for every `health_questions` entry; "
                       "ignored for other products"})

    @ma.post_load
    def _as_agreement(self, data, **kwargs):
        data["agreement"] = AgreementRequest(
            accepted=tuple(data.pop("accepted_documents")), client=ClientInfo(**data.pop("client", {})),
            health_answers=data.pop("health_answers", None))
        return data


class NewCoverSchema(AgreementSchema, InsuredChoiceSchema):
    """A request that creates cover (an order, an envelope share's activation, a reward's redemption):
    the agreement and the insured person. Checked in that order (docs/api.md, Agreement)."""
