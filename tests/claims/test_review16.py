"""Defects a second review found in claims, each driven as the claimant, the insurer or an operator meets it."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core import clock
from tests.claims.helpers import at, file_claim, get_claim, operator_moves, policy_in_force, step
from tests.claims.test_materials import jpeg, upload

HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)


@pytest.fixture
def policy_no(app, client, catalog, alice, insured_adult):
    return policy_in_force(app, client, alice, insured_adult)


def test_review_begun_again_after_more_documents_shows_when_it_began_again(app, client, alice, policy_no):
    # Review began at 10:00 on day 1, the insurer asked for an invoice, and the user sent it three days later:
    # the timeline's current step said review began on day 1, while its expected dates (and the sentence)
    # counted from the upload, so the claimant read "checking documents since 1 June, done by 7 June" when
    # the review of what they sent had begun on 4 June.
    filed = clock.now()
    claim_no = file_claim(client, alice, policy_no)
    with clock.frozen_at(filed + HOUR):
        operator_moves(app, claim_no, "accepted", "reviewing")
    with clock.frozen_at(filed + 2 * HOUR):
        operator_moves(app, claim_no, "more_info_required")
    sent = filed + 3 * DAY
    with clock.frozen_at(sent):
        assert upload(client, alice, claim_no, (jpeg(), "invoice.jpg", "image/jpeg")).status_code == 201
    with clock.frozen_at(sent + HOUR):
        body = get_claim(client, alice, claim_no)

    assert body["state"] == "reviewing"
    reviewing = step(body, "reviewing")
    assert reviewing["status"] == "current"
    assert at(reviewing["at"]) == sent
    assert at(step(body, "assessing")["expected_at"]) == sent + 3 * DAY
