"""The timeline a user follows: seven steps, each done, current, pending with an expected date, skipped or
not reached, and the current step in one plain sentence. Expected dates are learned from past claims."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core import jobs
from app.claims import tasks
from app.core import clock
from tests.claims.helpers import (
    CLAIMS,
    at,
    file_claim,
    get_claim,
    operator_moves,
    policy_in_force,
    step,
)
from tests.support import run_jobs

HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)


@pytest.fixture
def policy_no(app, client, catalog, alice, insured_adult):
    return policy_in_force(app, client, alice, insured_adult)


def statuses(body):
    return [(entry["step"], entry["status"]) for entry in body["timeline"]]


def day_words(moment: dt.datetime) -> str:
    """A day this year as the explanation writes it in Chinese: 12月7日."""
    local = clock.to_shanghai(moment)
    return f"{local.month}月{local.day}日"


def test_a_new_claim_expects_each_step_by_the_default_durations(client, alice, policy_no):
    claim_no = file_claim(client, alice, policy_no)
    body = get_claim(client, alice, claim_no)
    filed = at(body["created_at"])
    assert statuses(body) == [("submitted", "current"), ("accepted", "pending"), ("reviewing", "pending"),
                              ("investigating", "pending"), ("assessing", "pending"), ("approved", "pending"),
                              ("paid", "pending")]
    assert at(step(body, "submitted")["at"]) == filed
    # Accept in a day, start review in another, review 3 days, assess 3 days, pay 2 days after approval.
    assert at(step(body, "accepted")["expected_at"]) == filed + 1 * DAY
    assert at(step(body, "reviewing")["expected_at"]) == filed + 2 * DAY
    assert at(step(body, "assessing")["expected_at"]) == filed + 5 * DAY
    assert at(step(body, "approved")["expected_at"]) == filed + 8 * DAY
    assert at(step(body, "paid")["expected_at"]) == filed + 10 * DAY
    assert "expected_at" not in step(body, "investigating")  # most claims skip it
    assert step(body, "investigating")["note"]
    assert body["explanation"] == f"保险公司已收到你的理赔，预计{day_words(filed + DAY)}前受理。"
    english = client.get(f"{CLAIMS}/{claim_no}", headers={**alice["headers"], "Accept-Language": "en-GB"}).get_json()
    local = clock.to_shanghai(filed + DAY)
    assert english["explanation"] == (f"The insurer has your claim; we expect them to accept it by "
                                      f"{local.day} {local:%B}.")
    assert [entry["step"] for entry in english["timeline"]] == [entry["step"] for entry in body["timeline"]]


def test_a_paid_claim_that_skipped_investigation_shows_every_reached_step_done(app, client, alice, policy_no):
    claim_no = file_claim(client, alice, policy_no)
    operator_moves(app, claim_no, "accepted", "reviewing", "assessing", "approved", "paid")
    body = get_claim(client, alice, claim_no)
    assert body["state"] == "paid" and body["paid_fen"] == 100_000
    assert statuses(body) == [("submitted", "done"), ("accepted", "done"), ("reviewing", "done"),
                              ("investigating", "skipped"), ("assessing", "done"), ("approved", "done"),
                              ("paid", "done")]
    assert all("at" in entry for entry in body["timeline"] if entry["status"] == "done")
    assert not any("expected_at" in entry for entry in body["timeline"])
    assert body["explanation"].startswith("保险公司已于") and body["explanation"].endswith("向你赔付1,000元。")


def test_an_investigated_claim_shows_all_seven_steps_done_once_paid(app, client, alice, policy_no):
    claim_no = file_claim(client, alice, policy_no)
    operator_moves(app, claim_no, "accepted", "reviewing", "investigating", "assessing", "approved", "paid")
    assert {status for _, status in statuses(get_claim(client, alice, claim_no))} == {"done"}


def test_investigation_shows_as_skipped_as_soon_as_the_claim_passes_it(app, client, alice, policy_no):
    claim_no = file_claim(client, alice, policy_no)
    operator_moves(app, claim_no, "accepted", "reviewing", "assessing")
    body = get_claim(client, alice, claim_no)
    assert statuses(body)[3:5] == [("investigating", "skipped"), ("assessing", "current")]
    assert "核算赔付金额" in body["explanation"]


def test_a_rejected_claim_shows_where_it_stopped_and_why(app, client, alice, policy_no):
    claim_no = file_claim(client, alice, policy_no)
    operator_moves(app, claim_no, "accepted", "reviewing", "assessing", "rejected")
    body = get_claim(client, alice, claim_no)
    assert statuses(body) == [("submitted", "done"), ("accepted", "done"), ("reviewing", "done"),
                              ("investigating", "skipped"), ("assessing", "done"), ("approved", "not_reached"),
                              ("paid", "not_reached")]
    assert step(body, "assessing")["note"] == "Not covered: a pre-existing condition"
    assert body["explanation"] == "保险公司未通过这次理赔：Not covered: a pre-existing condition。"


def test_a_withdrawn_claim_leaves_the_rest_not_reached(app, client, alice, policy_no):
    claim_no = file_claim(client, alice, policy_no)
    operator_moves(app, claim_no, "accepted")
    body = client.post(f"{CLAIMS}/{claim_no}/withdraw", headers=alice["headers"]).get_json()
    assert statuses(body) == [("submitted", "done"), ("accepted", "done")] + [
        (name, "not_reached") for name in ("reviewing", "investigating", "assessing", "approved", "paid")]
    assert body["explanation"].startswith("你已于") and body["explanation"].endswith("撤销这次理赔。")
    again = client.post(f"{CLAIMS}/{claim_no}/withdraw", headers=alice["headers"])
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "illegal_transition"


def test_while_more_is_needed_review_is_current_and_the_explanation_says_what(app, client, alice, policy_no):
    claim_no = file_claim(client, alice, policy_no)
    operator_moves(app, claim_no, "accepted", "reviewing", "more_info_required")
    body = get_claim(client, alice, claim_no)
    assert body["state"] == "more_info_required"
    assert step(body, "reviewing")["status"] == "current"
    assert step(body, "reviewing")["note"] == "Please send the hospital invoice"
    assert body["explanation"] == "保险公司需要你补充：Please send the hospital invoice。在本页补充后，审核会继续。"
    # The clock waits for the user, so no date is promised meanwhile.
    assert not any("expected_at" in entry for entry in body["timeline"])
    # The insurer may also take it back to review itself.
    operator_moves(app, claim_no, "reviewing")
    assert get_claim(client, alice, claim_no)["state"] == "reviewing"


# --- expected dates learned from history --------------------------------------------------

#: For three past claims: how long each stayed at each step before moving on.
PAST = {
    "accepted": [2 * HOUR, 4 * HOUR, 9 * HOUR],  # time at submitted: median 4h
    "reviewing": [HOUR, HOUR, HOUR],  # at accepted: 1h
    "assessing": [20 * HOUR, 30 * HOUR, 40 * HOUR],  # at reviewing: 30h
    "approved": [5 * HOUR, 10 * HOUR, 50 * HOUR],  # at assessing: 10h
    "paid": [3 * HOUR, 6 * HOUR, 6 * HOUR],  # at approved: 6h
}


def seed_history(app, client, alice, policy_no, start: dt.datetime) -> None:
    """Three claims filed at ``start`` and paid, each step taking the time PAST says."""
    for index in range(3):
        with clock.frozen_at(start):
            claim_no = file_claim(client, alice, policy_no)
        moment = start
        for state, durations in PAST.items():
            moment += durations[index]
            with clock.frozen_at(moment):
                operator_moves(app, claim_no, state)


@pytest.fixture
def history_start(app, client, catalog, alice, insured_adult):
    """A policy bought 20 days ago and a start for the history a day later: ``(policy_no, start)``."""
    bought = clock.now() - 20 * DAY
    with clock.frozen_at(bought):
        policy_no = policy_in_force(app, client, alice, insured_adult)
    return policy_no, bought + DAY


def test_expected_dates_come_from_the_median_of_past_claims_even_before_the_job_runs(app, client, alice,
                                                                                     history_start):
    policy_no, start = history_start
    seed_history(app, client, alice, policy_no, start)
    filed = start + 10 * DAY
    with clock.frozen_at(filed):
        body = get_claim(client, alice, file_claim(client, alice, policy_no))
    assert at(step(body, "accepted")["expected_at"]) == filed + 4 * HOUR
    assert at(step(body, "reviewing")["expected_at"]) == filed + 5 * HOUR
    assert at(step(body, "assessing")["expected_at"]) == filed + 35 * HOUR
    assert at(step(body, "approved")["expected_at"]) == filed + 45 * HOUR
    assert at(step(body, "paid")["expected_at"]) == filed + 51 * HOUR


def test_expected_dates_count_from_the_start_of_the_current_step(app, client, alice, history_start):
    policy_no, start = history_start
    seed_history(app, client, alice, policy_no, start)
    filed = start + 10 * DAY
    with clock.frozen_at(filed):
        claim_no = file_claim(client, alice, policy_no)
    with clock.frozen_at(filed + 3 * HOUR):
        operator_moves(app, claim_no, "accepted")
    review_started = filed + 5 * HOUR
    with clock.frozen_at(review_started):
        operator_moves(app, claim_no, "reviewing")
    with clock.frozen_at(review_started + 2 * HOUR):
        body = get_claim(client, alice, claim_no)
    assert at(step(body, "reviewing")["at"]) == review_started
    assert at(step(body, "accepted")["at"]) == filed + 3 * HOUR
    assert at(step(body, "assessing")["expected_at"]) == review_started + 30 * HOUR
    assert at(step(body, "approved")["expected_at"]) == review_started + 40 * HOUR
    assert at(step(body, "paid")["expected_at"]) == review_started + 46 * HOUR
    assert body["explanation"] == f"你的材料正在审核中，预计{day_words(review_started + 30 * HOUR)}前完成。"

    late = review_started + 40 * HOUR  # 10 hours past the usual 30
    with clock.frozen_at(late):
        body = get_claim(client, alice, claim_no)
    assert at(step(body, "assessing")["expected_at"]) == late
    assert at(step(body, "paid")["expected_at"]) == late + 16 * HOUR
    assert body["explanation"] == "你的材料正在审核中，比平时慢一些。"


def test_once_the_periodic_job_has_run_its_figures_are_used_until_it_runs_again(app, client, alice,
                                                                                history_start):
    policy_no, start = history_start
    seed_history(app, client, alice, policy_no, start)
    with app.app_context():
        jobs.enqueue(tasks.refresh_step_durations)
    run_jobs(app)
    later = start + 2 * DAY
    for index in range(3):  # three more claims, accepted 20 hours after filing
        with clock.frozen_at(later + index * HOUR):
            claim_no = file_claim(client, alice, policy_no)
        with clock.frozen_at(later + index * HOUR + 20 * HOUR):
            operator_moves(app, claim_no, "accepted")
    filed = start + 10 * DAY
    with clock.frozen_at(filed):
        claim_no = file_claim(client, alice, policy_no)
        assert at(step(get_claim(client, alice, claim_no), "accepted")["expected_at"]) == filed + 4 * HOUR
        with app.app_context():
            jobs.enqueue(tasks.refresh_step_durations)
        run_jobs(app)
        # 2h, 4h, 9h, 20h, 20h, 20h: the median is halfway between 9 and 20 hours.
        assert at(step(get_claim(client, alice, claim_no), "accepted")["expected_at"]) == filed + 14.5 * HOUR


def test_rejections_and_withdrawals_do_not_teach_how_long_a_step_takes(app, client, alice, history_start):
    policy_no, start = history_start
    for index in range(3):
        with clock.frozen_at(start + index * HOUR):
            claim_no = file_claim(client, alice, policy_no)
        with clock.frozen_at(start + index * HOUR + dt.timedelta(minutes=1)):
            operator_moves(app, claim_no, "accepted", "reviewing", "rejected")
            other = file_claim(client, alice, policy_no)
            client.post(f"{CLAIMS}/{other}/withdraw", headers=alice["headers"])
    filed = start + 5 * DAY
    with clock.frozen_at(filed):
        body = get_claim(client, alice, file_claim(client, alice, policy_no))
    # Three accepts a minute after filing are history; the quick rejections and withdrawals are not.
    assert at(step(body, "accepted")["expected_at"]) == filed + dt.timedelta(minutes=1)
    assert at(step(body, "assessing")["expected_at"]) - at(step(body, "reviewing")["expected_at"]) == 3 * DAY
