"""Filing a claim: only on your own policy in force, for an event within its cover, for no more than it pays."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app.core import clock
from tests.claims.helpers import CLAIMS, claim_body, file_claim, get_claim, policy_in_force
from tests.support import bearer, login, resident_id


@pytest.fixture
def policy_no(app, client, catalog, alice, insured_adult):
    return policy_in_force(app, client, alice, insured_adult)


def field_error(response, field):
    body = response.get_json()
    assert response.status_code == 422, body
    assert field in body["error"]["details"]["fields"], body
    return body["error"]


def test_a_filed_claim_is_submitted_and_readable_by_its_owner(client, alice, policy_no):
    body = claim_body(policy_no, claimed_fen=86_050)
    response = client.post(CLAIMS, json=body, headers=alice["headers"])
    assert response.status_code == 201
    created = response.get_json()
    assert created["state"] == "submitted"
    assert re.fullmatch(r"C\d{16}", created["claim_no"])
    claim = get_claim(client, alice, created["claim_no"])
    assert claim["policy_no"] == policy_no and claim["kind"] == "accident" and claim["claimed_fen"] == 86_050
    assert "paid_fen" not in claim
    assert dt.datetime.fromisoformat(claim["occurred_at"]) == dt.datetime.fromisoformat(body["occurred_at"])
    assert dt.datetime.fromisoformat(claim["created_at"]).utcoffset() is not None
    assert [entry["step"] for entry in claim["timeline"]] == [
        "submitted", "accepted", "reviewing", "investigating", "assessing", "approved", "paid"]
    assert claim["timeline"][0]["status"] == "current"


def test_claim_numbers_are_unique_and_carry_the_filing_date(client, alice, policy_no):
    numbers = {file_claim(client, alice, policy_no) for _ in range(6)}
    assert len(numbers) == 6
    today = clock.to_shanghai(clock.now()).strftime("%Y%m%d")
    assert all(number[1:9] == today for number in numbers)


def test_the_list_holds_the_users_own_claims_newest_first(app, client, alice, bob, policy_no):
    first = file_claim(client, alice, policy_no)
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=5)):
        second = file_claim(client, alice, policy_no)
    listed = client.get(CLAIMS, headers=alice["headers"]).get_json()
    assert [c["claim_no"] for c in listed] == [second, first]
    assert all(c["timeline"] and c["explanation"] for c in listed)
    assert client.get(CLAIMS, headers=bob["headers"]).get_json() == []


def test_another_users_claim_is_404_exactly_like_an_unknown_one(client, alice, bob, policy_no):
    claim_no = file_claim(client, alice, policy_no)
    unknown = client.get(f"{CLAIMS}/C000", headers=bob["headers"])
    for path, method in ((f"{CLAIMS}/{claim_no}", "get"), (f"{CLAIMS}/{claim_no}/withdraw", "post")):
        response = getattr(client, method)(path, headers=bob["headers"])
        assert response.status_code == 404
        assert response.get_json() == unknown.get_json()
    assert get_claim(client, alice, claim_no)["state"] == "submitted"  # bob's withdraw did nothing


def test_a_claim_on_another_users_or_an_unknown_policy_is_404(client, alice, bob, policy_no):
    assert client.post(CLAIMS, json=claim_body(policy_no), headers=bob["headers"]).status_code == 404
    assert client.post(CLAIMS, json=claim_body("P2026000000000"), headers=alice["headers"]).status_code == 404
    assert client.get(CLAIMS, headers=bob["headers"]).get_json() == []


def test_an_ended_policy_takes_claims_for_events_during_its_cover(client, alice, policy_no):
    during_cover = clock.isoformat(clock.now() + dt.timedelta(days=20))
    with clock.frozen_at(clock.now() + dt.timedelta(days=40)):
        token = login(client, "alice")["token"]
        late = client.post(CLAIMS, json=claim_body(policy_no, occurred_at=during_cover), headers=bearer(token))
        after_cover = client.post(CLAIMS, json=claim_body(policy_no), headers=bearer(token))
    assert late.status_code == 201
    assert field_error(after_cover, "occurred_at")["code"] == "outside_cover_period"


def test_claims_on_an_ended_policy_must_come_within_two_years(client, alice, policy_no):
    during_cover = clock.isoformat(clock.now() + dt.timedelta(days=20))
    with clock.frozen_at(clock.now() + dt.timedelta(days=31 + 731)):
        token = login(client, "alice")["token"]
        response = client.post(CLAIMS, json=claim_body(policy_no, occurred_at=during_cover), headers=bearer(token))
    error = field_error(response, "policy_no")
    assert error["code"] == "claim_time_limit"
    assert "到期" in error["details"]["fields"]["policy_no"][0]


def test_a_cancelled_policy_takes_no_claim(client, alice, policy_no):
    assert client.post(f"/api/v1/policies/{policy_no}/cancel", headers=alice["headers"]).status_code == 200
    error = field_error(client.post(CLAIMS, json=claim_body(policy_no), headers=alice["headers"]), "policy_no")
    assert error["code"] == "policy_not_active"


def test_an_event_before_the_cover_started_is_refused(client, alice, policy_no):
    body = claim_body(policy_no, occurred_at=clock.isoformat(clock.now() - dt.timedelta(days=2)))
    error = field_error(client.post(CLAIMS, json=body, headers=alice["headers"]), "occurred_at")
    assert error["code"] == "outside_cover_period"
    assert "不在保障期内" in error["details"]["fields"]["occurred_at"][0]


def test_an_event_in_the_minute_the_cover_began_is_taken_as_the_form_gives_it(app, client, catalog, alice):
    """The form gives times to the minute: hurt seconds after cover began at 10:15:30, a user can only say 10:15."""
    began = dt.datetime(2026, 12, 7, 10, 15, 30, tzinfo=clock.SHANGHAI)
    with clock.frozen_at(began):
        policy_no = policy_in_force(app, client, alice, {"name": "赵六", "id_number": resident_id("19850101")},
                                    "accident-basic")
    with clock.frozen_at(began + dt.timedelta(minutes=2)):
        headers = bearer(login(client, "alice")["token"])
        for before in ("2026-12-07T10:15:29+08:00", "2026-12-07T10:14:00+08:00"):
            error = field_error(client.post(CLAIMS, json=claim_body(policy_no, occurred_at=before), headers=headers),
                                "occurred_at")
            assert error["code"] == "outside_cover_period", before
        in_that_minute = claim_body(policy_no, occurred_at="2026-12-07T10:15:00+08:00")
        assert client.post(CLAIMS, json=in_that_minute, headers=headers).status_code == 201


def test_an_event_in_the_future_is_refused_but_a_phone_clock_a_minute_ahead_is_not(client, alice, policy_no):
    tomorrow = claim_body(policy_no, occurred_at=clock.isoformat(clock.now() + dt.timedelta(days=1)))
    error = field_error(client.post(CLAIMS, json=tomorrow, headers=alice["headers"]), "occurred_at")
    assert error["code"] == "occurred_in_future"
    a_minute_ahead = claim_body(policy_no, occurred_at=clock.isoformat(clock.now() + dt.timedelta(minutes=1)))
    assert client.post(CLAIMS, json=a_minute_ahead, headers=alice["headers"]).status_code == 201


def test_illness_within_the_hospital_plans_waiting_period_is_refused_but_an_accident_is_not(
        app, client, catalog, alice):
    policy_no = policy_in_force(app, client, alice, {"name": "赵六", "id_number": resident_id("19850101")},
                                "hospital-basic")
    with clock.frozen_at(clock.now() + dt.timedelta(days=10)):
        body = claim_body(policy_no, kind="hospital")
        error = field_error(client.post(CLAIMS, json=body, headers=alice["headers"]), "occurred_at")
        assert error["code"] == "waiting_period"
        assert "意外" in error["details"]["fields"]["occurred_at"][0]
        assert client.post(CLAIMS, json=dict(body, kind="accident"), headers=alice["headers"]).status_code == 201
    with clock.frozen_at(clock.now() + dt.timedelta(days=31)):
        token = login(client, "alice")["token"]
        illness = client.post(CLAIMS, json=claim_body(policy_no, kind="hospital"), headers=bearer(token))
        assert illness.status_code == 201


def test_the_amount_must_be_positive_and_within_the_coverage(client, alice, policy_no):
    over = claim_body(policy_no, claimed_fen=30_000_001)  # accident-basic pays 300,000 yuan
    error = field_error(client.post(CLAIMS, json=over, headers=alice["headers"]), "claimed_fen")
    assert error["code"] == "exceeds_coverage"
    assert "最多赔付300,000元" in error["details"]["fields"]["claimed_fen"][0]
    for amount in (0, -100):
        field_error(client.post(CLAIMS, json=claim_body(policy_no, claimed_fen=amount), headers=alice["headers"]),
                    "claimed_fen")
    assert client.post(CLAIMS, json=claim_body(policy_no, claimed_fen=30_000_000),
                       headers=alice["headers"]).status_code == 201


@pytest.mark.parametrize("changes, field", [
    ({"kind": "dental"}, "kind"),
    ({"claimed_fen": "1200"}, "claimed_fen"),
    ({"occurred_at": "2026-11-26T09:00:00"}, "occurred_at"),  # no offset: which 9 o'clock?
    ({"description": ""}, "description"),
    ({"surprise": 1}, "surprise"),
])
def test_malformed_fields_are_named(client, alice, policy_no, changes, field):
    field_error(client.post(CLAIMS, json=claim_body(policy_no, **changes), headers=alice["headers"]), field)


@pytest.mark.parametrize("method, path", [("get", CLAIMS), ("post", CLAIMS), ("get", f"{CLAIMS}/C1"),
                                          ("post", f"{CLAIMS}/C1/withdraw"), ("post", f"{CLAIMS}/C1/materials"),
                                          ("get", f"{CLAIMS}/C1/materials/1"), ("post", "/api/v1/subscriptions")])
def test_claims_need_a_login(client, method, path):
    assert getattr(client, method)(path).status_code == 401


def test_the_api_document_describes_claims_and_the_insurer_webhook(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    for path in ("/api/v1/claims", "/api/v1/claims/{claim_no}", "/api/v1/claims/{claim_no}/materials",
                 "/api/v1/claims/{claim_no}/withdraw", "/api/v1/subscriptions", "/webhooks/insurer/claims"):
        assert path in paths, path
    webhook = paths["/webhooks/insurer/claims"]["post"]
    assert {p["name"] for p in webhook["parameters"]} >= {"X-Redcover-Signature", "X-Redcover-Timestamp"}


def test_a_hospital_stay_cannot_be_filed_on_an_accident_policy(client, alice, policy_no):
    error = field_error(client.post(CLAIMS, json=claim_body(policy_no, kind="hospital"), headers=alice["headers"]),
                        "kind")
    assert error["code"] == "claim_kind_not_covered"
    assert "因病住院" in error["details"]["fields"]["kind"][0] and "意外" in error["details"]["fields"]["kind"][0]
    assert client.get(CLAIMS, headers=alice["headers"]).get_json() == []


@pytest.mark.parametrize("plan_code, covered, refused", [
    ("accident-basic", ["accident", "other"], ["hospital", "travel"]),
    ("hospital-basic", ["accident", "other"], ["travel"]),
    ("travel-7d", ["travel", "accident", "other"], ["hospital"]),
])
def test_each_product_takes_the_claim_kinds_it_lists(app, client, catalog, alice, insured_adult, plan_code, covered,
                                                     refused):
    policy_no = policy_in_force(app, client, alice, insured_adult, plan_code)
    product = client.get(f"/api/v1/products/{plan_code.split('-')[0]}").get_json()
    assert set(covered) <= set(product["claim_kinds"]) and not set(refused) & set(product["claim_kinds"])
    for kind in covered:
        assert client.post(CLAIMS, json=claim_body(policy_no, kind=kind), headers=alice["headers"]).status_code == 201
    for kind in refused:
        response = client.post(CLAIMS, json=claim_body(policy_no, kind=kind), headers=alice["headers"])
        assert field_error(response, "kind")["code"] == "claim_kind_not_covered"
