"""Applying a scenario partner's event once: the right campaign grants its coupon to the user."""

from __future__ import annotations

from flask_babel import gettext as _

from app.campaigns import services as campaigns
from app.coupons.services import GrantRefused, grant
from app.core.errors import ValidationFailed
from app.partners import services as partners
from app.users import services as users

#: Scenario name → the campaign kind that rewards it.
SCENARIOS = {"hospital_payment": "hospital_payment"}


def handle(request: partners.PartnerRequest, event: dict) -> dict:
    """The answer body for an accepted, verified event (docs/api.md, Partner webhooks)."""
    if event["scenario"] not in SCENARIOS:
        raise ValidationFailed.for_field("scenario", _("Unknown scenario; we handle %(names)s.", names=", ".join(SCENARIOS)),
                                         code="unknown_scenario")
    recorded = partners.record_event(request, event["event_id"])
    if recorded is None:
        return {"duplicate": True}
    user = users.find_by_openid(event["openid"])
    if user is None:
        recorded.outcome = "ignored:unknown_user"
        return {"ignored": "unknown_user"}
    refusal = "no_campaign"
    # Oldest first, the first campaign that grants: one refusing (its budget spent, the user's limit reached)
    # hands the event to the next, as the referral reward does. The campaigns are those running when the event
    # occurred (a bill paid at 23:50 on a campaign's last day and reported after midnight still earns it).
    for campaign in campaigns.running_of_kind(SCENARIOS[event["scenario"]], at=event["occurred_at"]):
        try:
            coupon = grant(campaign, user.id, f"{request.partner}:{event['event_id']}")
        except GrantRefused as refused:
            refusal = refused.reason
            continue
        recorded.outcome = "applied"
        return {"applied": True, "coupon_id": coupon.id}
    recorded.outcome = f"ignored:{refusal}"
    return {"ignored": refusal}
