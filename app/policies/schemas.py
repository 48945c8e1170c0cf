from __future__ import annotations

import marshmallow as ma

from app.catalog.schemas import InsurerSchema, in_the_requests_language
from app.core import clock
from app.core.i18n import localized
from app.policies import services
from app.policies.models import Policy


def _iso(moment):
    return None if moment is None else moment.isoformat()


# These dump the holder's view of a policy (``services._views()``): one row with the plan's
# and product's words beside the policy's columns.


class PolicySummarySchema(ma.Schema):
    policy_no = ma.fields.String()
    product_code = ma.fields.String()
    product_name = in_the_requests_language("product_name", metadata={"type": "string"})
    plan_name = in_the_requests_language("plan_name", metadata={"type": "string"})
    coverage_fen = ma.fields.Integer()
    # The model's rule (an active policy past its end shows expired), applied to the view's row.
    status = ma.fields.Function(lambda view: Policy.status_at(view, clock.now()),
                                metadata={"description": "active, cancelling, cancelled or expired"})
    starts_at = ma.fields.DateTime()
    ends_at = ma.fields.DateTime()
    source = ma.fields.String(metadata={"description": "purchase or envelope"})
    cancelled_at = ma.fields.DateTime(allow_none=True, metadata={
        "description": "When a cancelled policy's cover ended (its cooling-off refund succeeded); null otherwise"})


class _PolicyInsurerSchema(InsurerSchema):
    """The insurer's fields as the policy view names them (``insurer_name_zh`` ...)."""

    name = in_the_requests_language("insurer_name", metadata={"type": "string"})
    licence_no = ma.fields.String(attribute="insurer_licence_no")
    hotline = ma.fields.String(attribute="insurer_hotline")
    complaint_channel = in_the_requests_language("insurer_complaint_channel", metadata={"type": "string"})
    address = ma.fields.Function(lambda view: localized(view, "insurer_address") or None, allow_none=True,
                                 metadata={"type": "string"})


_POLICY_INSURER = _PolicyInsurerSchema()


class DocumentAcceptedSchema(ma.Schema):
    """A document the buyer accepted, at the version they accepted (readable at ``url`` forever)."""

    code = ma.fields.String()
    version = ma.fields.String()
    title = in_the_requests_language("title", metadata={"type": "string"})
    url = ma.fields.String()
    accepted_at = ma.fields.DateTime(metadata={"description": "As the client said the buyer tapped"})


class PolicyDetailSchema(PolicySummarySchema):
    insurer = ma.fields.Function(lambda view: _POLICY_INSURER.dump(view),
                                 metadata={"type": "object", "description": "The underwriter, as on the product: "
                                                                     "name, licence_no, hotline, complaint_channel, "
                                                                     "address"})
    premium_fen = ma.fields.Integer()
    insured_name = ma.fields.String(attribute="insured_name_masked")
    insured_id_number = ma.fields.String(attribute="insured_id_masked")
    illness_cover_starts_at = ma.fields.DateTime()
    waiting_period_days = ma.fields.Integer()
    issued_at = ma.fields.DateTime()
    covered = in_the_requests_language("covered", metadata={"type": "array", "items": {"type": "string"}})
    not_covered = in_the_requests_language("not_covered", metadata={"type": "array", "items": {"type": "string"}})
    verification_code = ma.fields.String(metadata={"description": "Printed on the e-policy; checks it at verify_url"})
    verify_url = ma.fields.Function(lambda view: services.verify_url(view.verification_code), metadata={
        "type": "string", "description": "The public page that shows the policy is genuine (no personal data)"})
    cooling_off_ends_at = ma.fields.Function(
        lambda view: _iso(services.cooling_off_ends_at(view)), metadata={
            "type": "string", "format": "date-time", "nullable": True,
            "description": "When the 15-day full refund ends (null for gift cover, which cost nothing)"})
    renewal = ma.fields.Function(lambda view: services.renewal_of(view), metadata={
        "type": "object", "nullable": True, "description": (
            "Monthly auto-renewal, null when the policy does not renew: status (pending, active, retrying, "
            "cancelled, lapsed), contract_id, next_charge_on (YYYY-MM-DD, Beijing), amount_fen, end_reason, "
            "periods [{n, starts_at, ends_at, amount_fen, status (paid, scheduled, lapsed, dropped)}]")})
    refund = ma.fields.Function(lambda view: services.refund_of(view), metadata={
        "type": "object", "nullable": True, "description": (
            "A bought policy's cancellation refund, once it is cancelling or cancelled (null otherwise): amount_fen "
            "(what was paid, all of which comes back) and status (on_its_way; returned; failed: WeChat Pay could not "
            "return it, and customer service pays it back another way)")})
    cancellable = ma.fields.Function(
        lambda view: services.cancellable(view), metadata={
            "type": "boolean", "description": "Whether POST /cancel would refund it now: bought, in force, within "
                                              "the cooling-off period, and no claim open, approved or paid"})
    documents_accepted = ma.fields.List(ma.fields.Nested(DocumentAcceptedSchema), metadata={
        "description": "What the buyer agreed to before the cover was created, at those versions"})
    health_declared = ma.fields.Boolean(metadata={
        "description": "A health declaration was made (medical products): every question answered no"})
