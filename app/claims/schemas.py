from __future__ import annotations

import marshmallow as ma
from flask import url_for
from flask_babel import lazy_gettext as _l
from marshmallow import validate

from app.claims.models import KINDS
from app.claims.states import STATES, STEPS
from app.core.fields import File, Int64, UTCDateTimeIn


class ClaimCreateSchema(ma.Schema):
    policy_no = ma.fields.String(required=True, validate=validate.Length(min=1, max=32))
    kind = ma.fields.String(required=True, validate=validate.OneOf(KINDS),
                            metadata={"description": "accident, hospital (illness: the waiting period applies), "
                                                     "travel or other"})
    claimed_fen = Int64(required=True, validate=validate.Range(min=1, error=_l("Enter an amount greater than zero.")),
                        metadata={"description": "At most what is left of the policy's coverage after the claims "
                                                 "paid on it (for a monthly renewed policy: paid for events in "
                                                 "the same month of cover)"})
    occurred_at = ma.fields.AwareDateTime(required=True, metadata={
        "description": "When it happened, ISO 8601 with offset; within the policy's cover, not in the future"})
    description = ma.fields.String(required=True, validate=validate.Length(
        min=1, max=2000, error=_l("Tell us briefly what happened (at most 2000 characters).")))


class TimelineEntrySchema(ma.Schema):
    step = ma.fields.String(metadata={"description": ", ".join(STEPS)})
    status = ma.fields.String(metadata={"description": "done, current, pending, skipped or not_reached"})
    at = ma.fields.DateTime(metadata={"description": "When the step was reached (done and current steps)"})
    expected_at = ma.fields.DateTime(metadata={"description": "When a pending step is expected, learned from past "
                                                              "claims"})
    note = ma.fields.String(metadata={"description": "What the insurer said at this step"})


class MaterialSchema(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String(metadata={"description": "The file's name as uploaded, cleaned, for display"})
    content_type = ma.fields.String(metadata={"description": "image/jpeg, image/png or application/pdf, "
                                                             "recognised from the content"})
    size_bytes = ma.fields.Integer()
    uploaded_at = ma.fields.DateTime()
    url = ma.fields.Function(
        lambda material: url_for("claims.download_material", claim_no=material["claim_no"],
                                 material_id=material["id"]),
        metadata={"description": "Where the owner downloads it"})


class ClaimSchema(ma.Schema):
    claim_no = ma.fields.String()
    state = ma.fields.String(metadata={"description": ", ".join(STATES)})
    policy_no = ma.fields.String()
    kind = ma.fields.String()
    claimed_fen = ma.fields.Integer()
    paid_fen = ma.fields.Integer(metadata={"description": "Present once the claim is paid"})
    occurred_at = ma.fields.DateTime()
    description = ma.fields.String()
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime(metadata={"description": "When the claim entered its current state"})
    explanation = ma.fields.String(metadata={"description": "The current step in one plain sentence"})
    timeline = ma.fields.List(ma.fields.Nested(TimelineEntrySchema),
                              metadata={"description": "The seven steps, in order"})
    materials = ma.fields.List(ma.fields.Nested(MaterialSchema))


class ClaimListedSchema(ClaimSchema):
    class Meta:
        exclude = ("materials",)


class MaterialUploadSchema(ma.Schema):
    # More than 10 is refused by the service, as 422 too_many_files; the document says so with maxItems.
    files = ma.fields.List(File(), required=True, validate=validate.Length(min=1), metadata={
        "maxItems": 10,
        "description": "JPEG, PNG or PDF (recognised by content), at most 10 MiB each and 10 per request; "
                       "a claim holds at most 30"})


class MaterialsAddedSchema(ma.Schema):
    claim_no = ma.fields.String()
    state = ma.fields.String(metadata={"description": "reviewing again if the claim was waiting for documents"})
    materials = ma.fields.List(ma.fields.Nested(MaterialSchema))


class SubscriptionsSchema(ma.Schema):
    template_ids = ma.fields.Dict(
        required=True,
        keys=ma.fields.String(),  # a template id we do not use, of any length, is ignored
        # wx.requestSubscribeMessage also answers "ban" and "filter"; like "reject", they add nothing.
        values=ma.fields.String(validate=validate.OneOf(["accept", "reject", "ban", "filter"])),
        validate=validate.Length(min=1, max=20),
        metadata={"description": "What wx.requestSubscribeMessage returned: template id -> accept or reject"},
    )


class OptInsSchema(ma.Schema):
    opt_ins = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer(), metadata={
        "description": "For each template we use: how many messages the user still allows"})
    ignored = ma.fields.List(ma.fields.String(), metadata={
        "description": "Template ids in the request that this server does not use"})


class InsurerClaimUpdateSchema(ma.Schema):
    event_id = ma.fields.String(required=True, validate=validate.Length(min=1, max=64))
    claim_no = ma.fields.String(required=True, validate=validate.Length(min=1, max=32))
    state = ma.fields.String(required=True, validate=validate.OneOf(STATES))
    note = ma.fields.String(allow_none=True, validate=validate.Length(max=500),
                            metadata={"description": "Shown to the user; required for more_info_required and "
                                                     "rejected"})
    paid_fen = Int64(allow_none=True, metadata={"description": "With state paid only: at most the claimed amount "
                                                               "and what is left of the coverage after the other "
                                                               "claims paid on the policy"})
    changed_at = UTCDateTimeIn(allow_none=True, metadata={
        "description": "When the claim changed at the insurer, ISO 8601 with offset (optional; send it). An update "
                       "older than the newest changed_at already applied to the claim is stale: 200 with "
                       "stale true, not applied. More than 5 minutes ahead of our clock is 422"})


class InsurerAnswerSchema(ma.Schema):
    claim_no = ma.fields.String()
    state = ma.fields.String(metadata={"description": "The claim's state after the move (after a stale update: "
                                                      "its state now, unchanged)"})
    duplicate = ma.fields.Boolean(metadata={"description": "True for a replayed event_id (nothing changed)"})
    stale = ma.fields.Boolean(metadata={"description": "True when changed_at is older than the insurer's last "
                                                       "move of the claim: acknowledged, not applied"})
