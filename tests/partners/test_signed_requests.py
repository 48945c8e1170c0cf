"""Signed partner requests, through the scenario webhook: forged, stale, unscoped and tampered ones are
refused, and a refusal does not use up the event id."""

from __future__ import annotations

from app.core import clock
from tests.coupons.helpers import coupons_of, hospital_event, openid_of
from tests.support import partner_post


def test_forged_and_stale_events_grant_nothing_and_do_not_use_up_the_id(app, client, campaigns, alice):
    event = hospital_event(openid_of(client, alice))
    forged = partner_post(client, app, "/webhooks/scenarios", event, secret="not-the-secret")
    assert forged.status_code == 401 and forged.get_json()["error"]["code"] == "invalid_signature"
    stale = partner_post(client, app, "/webhooks/scenarios", event,
                         timestamp=int(clock.now().timestamp()) - 301)
    assert stale.status_code == 401 and stale.get_json()["error"]["code"] == "stale_request"
    unknown_partner = partner_post(client, app, "/webhooks/scenarios", event, partner="insurer",
                                   secret="x")
    assert unknown_partner.status_code == 401
    assert coupons_of(client, alice) == []
    # The refusals did not use up the event id: the genuine event still applies.
    assert partner_post(client, app, "/webhooks/scenarios", event).get_json()["applied"] is True


def test_a_partner_without_the_scope_is_403(app, client, campaigns, alice):
    response = partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, alice)),
                            partner="insurer")
    assert response.status_code == 403


def test_a_tampered_body_fails_the_signature(app, client, campaigns, alice):
    import json

    from app.partners.services import sign

    stamp = str(int(clock.now().timestamp()))
    body = json.dumps(hospital_event(openid_of(client, alice))).encode()
    signature = sign(app.config["PARTNER_SECRETS"]["hospital"]["secret"], stamp, body)
    tampered = body.replace(b"evt-1", b"evt-2")
    response = client.post("/webhooks/scenarios", data=tampered, headers={
        "X-Redcover-Partner": "hospital", "X-Redcover-Timestamp": stamp, "X-Redcover-Signature": signature})
    assert response.status_code == 401


def test_a_signed_timestamp_far_beyond_any_clock_is_stale_not_a_server_error(app, client, campaigns, alice):
    # The signature was right, but a timestamp of 400 digits made the skew check overflow a float: 500.
    event = hospital_event(openid_of(client, alice))
    for far in (10**400, -(10**400)):
        response = partner_post(client, app, "/webhooks/scenarios", event, timestamp=far)
        assert response.status_code == 401, response.get_data()
        assert response.get_json()["error"]["code"] == "stale_request"
    assert coupons_of(client, alice) == []
    assert partner_post(client, app, "/webhooks/scenarios", event).get_json()["applied"] is True


def test_an_event_sent_as_utf16_json_is_kept_as_the_partner_wrote_it(app, client, campaigns, alice):
    # JSON may arrive as UTF-16 (RFC 8259's older readers, and our own reader, accept it). Its body was stored
    # decoded as UTF-8, so every ASCII character was followed by a NUL: PostgreSQL refused the row (a 500 the
    # partner retried for ever), and SQLite kept text no auditor could read.
    import json

    import sqlalchemy as sa

    from app.extensions import db
    from app.partners.models import PartnerEvent

    event = hospital_event(openid_of(client, alice))
    response = partner_post(client, app, "/webhooks/scenarios", json.dumps(event).encode("utf-16"))
    assert response.status_code == 200, response.get_data()
    assert response.get_json()["applied"] is True
    with app.app_context():
        assert json.loads(db.session.scalar(sa.select(PartnerEvent.body))) == event
