"""Insurer updates that arrive out of order: ``changed_at`` says when the claim changed at the insurer, and an
update older than the insurer's newest move of the claim is acknowledged as stale, recorded, and not applied."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.core import clock
from tests.claims.helpers import INSURER_WEBHOOK, file_claim, get_claim, insurer_update, policy_in_force
from tests.claims.test_materials import jpeg, upload
from tests.claims.test_webhook import recorded_events
from tests.support import partner_post


@pytest.fixture
def claim_no(app, client, catalog, alice, insured_adult):
    return file_claim(client, alice, policy_in_force(app, client, alice, insured_adult))


@pytest.fixture
def t0():
    """An hour ago, to the second: the insurer's clock when it started on the claim."""
    return clock.now().replace(microsecond=0) - dt.timedelta(hours=1)


def at(moment: dt.datetime) -> str:
    """As the insurer's system writes it: Beijing time with its offset."""
    return clock.to_shanghai(moment).isoformat()


def moved(response) -> dict:
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_late_older_update_is_acknowledged_as_stale_and_not_applied(app, client, alice, claim_no, t0):
    minute = dt.timedelta(minutes=1)
    moved(insurer_update(client, claim_no, "accepted", event_id="e1", changed_at=at(t0)))
    moved(insurer_update(client, claim_no, "reviewing", event_id="e2", changed_at=at(t0 + minute)))
    moved(insurer_update(client, claim_no, "more_info_required", event_id="e3", changed_at=at(t0 + 2 * minute),
                         note="Please send the hospital invoice"))
    assert upload(client, alice, claim_no, (jpeg(b"invoice"), "invoice.jpg", "image/jpeg")).status_code == 201
    # The insurer had the invoice by e-mail (reviewing, at t0+3) and then asked for the X-ray (t0+4); the first
    # of the two reached us last. Applied, it sent the claim back to review while the insurer waits for the X-ray.
    moved(insurer_update(client, claim_no, "more_info_required", event_id="e5", changed_at=at(t0 + 4 * minute),
                         note="Please also send the X-ray"))
    late = insurer_update(client, claim_no, "reviewing", event_id="e4", changed_at=at(t0 + 3 * minute))
    assert moved(late) == {"claim_no": claim_no, "state": "more_info_required", "stale": True}
    claim = get_claim(client, alice, claim_no)
    assert claim["state"] == "more_info_required"
    assert claim["explanation"] and "X-ray" in json.dumps(claim["timeline"])
    assert recorded_events(app)[-1] == ("insurer", "e4", "ignored:stale")
    # Its event id is used: sent again, it is a duplicate.
    again = insurer_update(client, claim_no, "reviewing", event_id="e4", changed_at=at(t0 + 3 * minute))
    assert moved(again) == {"duplicate": True}
    assert get_claim(client, alice, claim_no)["state"] == "more_info_required"


def test_updates_in_the_same_instant_or_without_a_time_are_applied_as_they_come(app, client, alice, claim_no, t0):
    moved(insurer_update(client, claim_no, "accepted", changed_at=at(t0 + dt.timedelta(minutes=5))))
    # The same instant cannot be ordered by time: the state table decides.
    moved(insurer_update(client, claim_no, "reviewing", changed_at=at(t0 + dt.timedelta(minutes=5))))
    # A partner integrated before changed_at (or one that sends null) is applied as it always was.
    moved(insurer_update(client, claim_no, "assessing"))
    moved(insurer_update(client, claim_no, "approved", changed_at=None))
    assert get_claim(client, alice, claim_no)["state"] == "approved"
    assert [outcome for _partner, _event, outcome in recorded_events(app)] == ["applied"] * 4


def test_a_time_compares_across_offsets_as_the_same_instant(app, client, alice, claim_no, t0):
    moved(insurer_update(client, claim_no, "accepted", changed_at=at(t0)))
    # 30 seconds earlier, written in UTC: older, though its wall-clock reading is 8 hours "later".
    earlier = (t0 - dt.timedelta(seconds=30)).astimezone(dt.timezone.utc).isoformat()
    assert moved(insurer_update(client, claim_no, "reviewing", changed_at=earlier))["stale"] is True
    assert get_claim(client, alice, claim_no)["state"] == "accepted"


def test_a_time_more_than_five_minutes_ahead_is_422_and_does_not_use_up_its_event_id(app, client, alice, claim_no):
    ahead = clock.now() + dt.timedelta(minutes=6)
    response = insurer_update(client, claim_no, "accepted", event_id="e1", changed_at=at(ahead))
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "changed_in_future"
    assert "changed_at" in response.get_json()["error"]["details"]["fields"]
    assert recorded_events(app) == []
    # A partner's clock a little ahead of ours is within the signature's 5 minutes.
    within = clock.now() + dt.timedelta(minutes=4)
    assert moved(insurer_update(client, claim_no, "accepted", event_id="e1", changed_at=at(within)))["state"] == \
        "accepted"


@pytest.mark.parametrize("changed_at", [
    pytest.param("yesterday", id="words"),
    pytest.param("2026-12-01T10:00:00", id="no-offset"),
    pytest.param("2026-12-01T10:00:00+25:00", id="offset-out-of-range"),
    pytest.param("0001-01-01T00:00:00+14:00", id="before-year-1-in-utc"),
    pytest.param("9999-12-31T23:59:59-14:00", id="after-9999-in-utc"),
    pytest.param("+0020261-01-01T00:00:00Z", id="six-digit-year"),
    pytest.param(1_764_554_400, id="unix-seconds"),
    pytest.param(10**400, id="huge-number"),
    pytest.param(1e308, id="huge-float"),
    pytest.param(True, id="boolean"),
    pytest.param(["2026-12-01T10:00:00+08:00"], id="list"),
    pytest.param({"at": "2026-12-01T10:00:00+08:00"}, id="object"),
    pytest.param("", id="empty"),
])
def test_a_changed_at_that_is_not_a_time_is_422_naming_it_never_a_server_error(app, client, alice, claim_no,
                                                                               changed_at):
    body = json.dumps({"event_id": "e1", "claim_no": claim_no, "state": "accepted", "changed_at": changed_at})
    response = partner_post(client, app, INSURER_WEBHOOK, body.encode(), partner="insurer")
    assert response.status_code == 422, response.get_data()
    assert "changed_at" in response.get_json()["error"]["details"]["fields"]
    assert get_claim(client, alice, claim_no)["state"] == "submitted"
    assert recorded_events(app) == []


def test_a_stale_update_is_judged_before_the_move_it_asks_for(app, client, alice, claim_no, t0):
    """An old update the state table would refuse now is still only stale: acknowledged, not a 409 the partner
    would chase for a move it has long made."""
    moved(insurer_update(client, claim_no, "accepted", changed_at=at(t0 + dt.timedelta(minutes=2))))
    late = insurer_update(client, claim_no, "accepted", changed_at=at(t0 + dt.timedelta(minutes=1)))
    assert moved(late) == {"claim_no": claim_no, "state": "accepted", "stale": True}
