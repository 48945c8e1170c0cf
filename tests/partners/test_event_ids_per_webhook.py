"""A partner's event ids are its own per webhook: a partner with both scopes numbers its claims feed and its
scenarios feed each from 1, and the same id on both webhooks is two events, each applied."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.partners.models import PartnerEvent
from tests.claims.helpers import INSURER_WEBHOOK, file_claim, get_claim, policy_in_force
from tests.coupons.helpers import coupons_of, hospital_event, openid_of
from tests.support import config_set, partner_post

BOTH = "insurer-and-hospital"


@pytest.fixture
def partner_with_both_scopes(app):
    partners = dict(app.config["PARTNER_SECRETS"], **{BOTH: {
        "secret": "b0th-sc0pes-partner-secret-for-tests", "scopes": ["claims", "scenarios"], "insurer": "example"}})
    with config_set(app, PARTNER_SECRETS=partners):
        yield BOTH


def events_of(app, partner):
    with app.app_context():
        rows = db.session.execute(sa.select(PartnerEvent.scope, PartnerEvent.event_id, PartnerEvent.outcome)
                                  .where(PartnerEvent.partner == partner).order_by(PartnerEvent.id)).all()
        db.session.remove()
    return [tuple(row) for row in rows]


def test_the_same_event_id_on_both_webhooks_is_applied_on_both(app, client, campaigns, alice, insured_adult,
                                                               partner_with_both_scopes):
    claim_no = file_claim(client, alice, policy_in_force(app, client, alice, insured_adult))
    moved = partner_post(client, app, INSURER_WEBHOOK, {"event_id": "1", "claim_no": claim_no, "state": "accepted"},
                         partner=BOTH)
    assert moved.get_json() == {"claim_no": claim_no, "state": "accepted"}
    # The scenarios feed's own event 1: it was answered {"duplicate": true} and its coupon never granted.
    granted = partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, alice), "1"),
                           partner=BOTH)
    assert granted.status_code == 200, granted.get_json()
    assert granted.get_json()["applied"] is True
    assert len(coupons_of(client, alice)) == 1
    assert get_claim(client, alice, claim_no)["state"] == "accepted"
    assert events_of(app, BOTH) == [("claims", "1", "applied"), ("scenarios", "1", "applied")]


def test_a_replay_is_a_duplicate_on_its_own_webhook_only(app, client, campaigns, alice, insured_adult,
                                                         partner_with_both_scopes):
    claim_no = file_claim(client, alice, policy_in_force(app, client, alice, insured_adult))
    event = hospital_event(openid_of(client, alice), "7")
    assert partner_post(client, app, "/webhooks/scenarios", event, partner=BOTH).get_json()["applied"] is True
    assert partner_post(client, app, "/webhooks/scenarios", event, partner=BOTH).get_json() == {"duplicate": True}
    update = {"event_id": "7", "claim_no": claim_no, "state": "accepted"}
    assert partner_post(client, app, INSURER_WEBHOOK, update, partner=BOTH).get_json()["state"] == "accepted"
    replay = dict(update, state="reviewing")
    assert partner_post(client, app, INSURER_WEBHOOK, replay, partner=BOTH).get_json() == {"duplicate": True}
    assert get_claim(client, alice, claim_no)["state"] == "accepted"
    assert len(coupons_of(client, alice)) == 1
    assert events_of(app, BOTH) == [("scenarios", "7", "applied"), ("claims", "7", "applied")]
