"""The insurer's webhook: signed, fresh, scoped, applied once per event id, and a refusal uses nothing up."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.partners.models import PartnerEvent
from tests.claims.helpers import INSURER_WEBHOOK, file_claim, get_claim, insurer_update, policy_in_force
from tests.support import config_set, partner_post


@pytest.fixture
def claim_no(app, client, catalog, alice, insured_adult):
    return file_claim(client, alice, policy_in_force(app, client, alice, insured_adult))


def accept(event_id="evt-1", claim_no="C0"):
    return {"event_id": event_id, "claim_no": claim_no, "state": "accepted", "note": "Case handler: Li Lei"}


def recorded_events(app):
    with app.app_context():
        rows = db.session.execute(sa.select(PartnerEvent.partner, PartnerEvent.event_id, PartnerEvent.outcome)
                                  .order_by(PartnerEvent.id)).all()
        db.session.remove()
    return [tuple(row) for row in rows]


def assert_event_id_still_usable(client, alice, claim_no, event_id="evt-1"):
    response = partner_post(client, client.application, INSURER_WEBHOOK, accept(event_id, claim_no), partner="insurer")
    assert response.status_code == 200, response.get_json()
    assert get_claim(client, alice, claim_no)["state"] == "accepted"


def test_an_applied_update_answers_the_new_state_and_shows_in_the_timeline(app, client, alice, claim_no):
    response = partner_post(client, app, INSURER_WEBHOOK, accept("evt-1", claim_no), partner="insurer")
    assert response.status_code == 200
    assert response.get_json() == {"claim_no": claim_no, "state": "accepted"}
    accepted = get_claim(client, alice, claim_no)["timeline"][1]
    assert accepted["status"] == "current" and accepted["note"] == "Case handler: Li Lei"
    assert recorded_events(app) == [("insurer", "evt-1", "applied")]


def test_a_replayed_event_id_is_a_duplicate_with_no_effect(app, client, alice, claim_no):
    assert insurer_update(client, claim_no, "accepted", event_id="evt-1").status_code == 200
    for replay in (accept("evt-1", claim_no), dict(accept("evt-1", claim_no), state="reviewing")):
        response = partner_post(client, app, INSURER_WEBHOOK, replay, partner="insurer")
        assert response.status_code == 200
        assert response.get_json() == {"duplicate": True}
    assert get_claim(client, alice, claim_no)["state"] == "accepted"
    assert len(recorded_events(app)) == 1


@pytest.mark.parametrize("tamper", ["signature", "secret", "partner", "body"])
def test_a_forged_request_is_401_and_does_not_use_up_its_event_id(app, client, alice, claim_no, tamper):
    body = json.dumps(accept("evt-1", claim_no)).encode()
    stamp = str(int(clock.now().timestamp()))
    from app.partners.services import sign

    secret = app.config["PARTNER_SECRETS"]["insurer"]["secret"]
    headers = {"X-Redcover-Partner": "insurer", "X-Redcover-Timestamp": stamp,
               "X-Redcover-Signature": sign(secret, stamp, body), "Content-Type": "application/json"}
    if tamper == "signature":
        headers["X-Redcover-Signature"] = "0" * 64
    elif tamper == "secret":
        headers["X-Redcover-Signature"] = sign("not-the-secret", stamp, body)
    elif tamper == "partner":
        headers["X-Redcover-Partner"] = "mallory"
    else:
        body = body.replace(b"accepted", b"rejected")  # signed for one body, sent with another
    response = client.post(INSURER_WEBHOOK, data=body, headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_signature"
    assert get_claim(client, alice, claim_no)["state"] == "submitted"
    assert recorded_events(app) == []
    assert_event_id_still_usable(client, alice, claim_no)


@pytest.mark.parametrize("skew", [-301, 301])
def test_a_request_more_than_five_minutes_off_is_stale(app, client, alice, claim_no, skew):
    stamp = int(clock.now().timestamp()) + skew
    response = partner_post(client, app, INSURER_WEBHOOK, accept("evt-1", claim_no), partner="insurer",
                            timestamp=stamp)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "stale_request"
    assert_event_id_still_usable(client, alice, claim_no)


def test_a_partner_without_the_claims_scope_is_403(app, client, alice, claim_no):
    partners = dict(app.config["PARTNER_SECRETS"], hospital={"secret": "h" * 32, "scopes": ["scenarios"]})
    with config_set(app, PARTNER_SECRETS=partners):
        response = partner_post(client, app, INSURER_WEBHOOK, accept("evt-1", claim_no), partner="hospital")
    assert response.status_code == 403
    assert response.get_json()["error"]["message"]
    assert get_claim(client, alice, claim_no)["state"] == "submitted"
    assert recorded_events(app) == []


def test_an_illegal_move_is_409_and_does_not_use_up_its_event_id(app, client, alice, claim_no):
    response = insurer_update(client, claim_no, "approved", event_id="evt-1")
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "illegal_transition"
    assert recorded_events(app) == []
    assert_event_id_still_usable(client, alice, claim_no)


def test_an_unknown_claim_is_404_and_does_not_use_up_its_event_id(app, client, alice, claim_no):
    response = insurer_update(client, "C1999010100000000", "accepted", event_id="evt-1")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    assert_event_id_still_usable(client, alice, claim_no)


@pytest.mark.parametrize("payload, field", [
    ({"claim_no": "C1", "state": "accepted"}, "event_id"),
    ({"event_id": "e", "state": "accepted"}, "claim_no"),
    ({"event_id": "e", "claim_no": "C1", "state": "lost_in_the_post"}, "state"),
    ({"event_id": "e", "claim_no": "C1", "state": "paid", "paid_fen": "100"}, "paid_fen"),
    ({"event_id": "e", "claim_no": "C1", "state": "accepted", "priority": "high"}, "priority"),
])
def test_an_invalid_body_is_422_naming_the_field(app, client, claim_no, payload, field):
    response = partner_post(client, app, INSURER_WEBHOOK, payload, partner="insurer")
    assert response.status_code == 422
    assert field in response.get_json()["error"]["details"]["fields"]
    assert recorded_events(app) == []


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]"])
def test_a_body_that_is_not_a_json_object_is_400(app, client, body):
    response = partner_post(client, app, INSURER_WEBHOOK, body, partner="insurer")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"


def test_an_oversized_body_is_413_before_anything_else(app, client, alice, claim_no):
    payload = dict(accept("evt-1", claim_no), note="x" * (70 * 1024))
    response = partner_post(client, app, INSURER_WEBHOOK, payload, partner="insurer")
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"
    assert_event_id_still_usable(client, alice, claim_no)
