"""Claims over time: the timeline after more documents, each month of renewed cover with its own sum insured, and a
document sent twice; each driven as the claimant, the insurer or an operator meets it."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core import clock
from app.renewals.services import add_months
from tests.claims.helpers import (
    CLAIMS,
    at,
    claim_body,
    file_claim,
    get_claim,
    insurer_update,
    operator_moves,
    policy_in_force,
    step,
)
from tests.claims.test_materials import jpeg, upload
from tests.support import bearer, login, run_jobs

HOUR, DAY = dt.timedelta(hours=1), dt.timedelta(days=1)
#: accident-basic: 300,000 yuan of cover.
COVERAGE_FEN = 30_000_000


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



def test_a_month_of_renewed_cover_pays_up_to_its_sum_insured_whatever_an_earlier_month_paid(app, client, catalog,
                                                                                            alice, insured_adult):
    # A monthly accident plan renewed by contract deduction: each month is a period of cover of its own
    # (the clause: 保险期间为一个月 … 每期保费扣款成功后续保一期), with its own 300,000 yuan. The month-1 accident was
    # paid in full; a month-2 accident was refused at filing ("claims already paid leave 0 yuan"), so the
    # premium of every later month bought cover that could pay nothing.
    from tests.renewals.test_walk import beijing, buy_monthly, policy, renewals_run, sign

    order = buy_monthly(client, alice, insured_adult)
    first_day = clock.to_shanghai(clock.now()).date()
    sign(client, order["contract"])
    run_jobs(app)
    policy_no = policy(client, alice, order["order_no"])["policy_no"]
    first = file_claim(client, alice, policy_no, claimed_fen=COVERAGE_FEN)
    operator_moves(app, first, "accepted", "reviewing", "assessing", "approved")
    assert insurer_update(client, first, "paid", paid_fen=COVERAGE_FEN).status_code == 200

    month_later = add_months(first_day, 1)
    renewals_run(app, beijing(month_later - dt.timedelta(days=2), 9))
    renewals_run(app, beijing(month_later - dt.timedelta(days=1), 9))
    assert [p["status"] for p in policy(client, alice, order["order_no"])["renewal"]["periods"]] == ["paid", "paid"]

    in_month_two = beijing(month_later + dt.timedelta(days=3), 12)
    with clock.frozen_at(in_month_two + HOUR):
        headers = bearer(login(client, "alice")["token"])
        response = client.post(CLAIMS, json=claim_body(policy_no, claimed_fen=COVERAGE_FEN,
                                                       occurred_at=in_month_two.isoformat()), headers=headers)
        assert response.status_code == 201, response.get_json()
        second = response.get_json()["claim_no"]
        operator_moves(app, second, "accepted", "reviewing", "assessing", "approved")
        assert insurer_update(client, second, "paid", paid_fen=COVERAGE_FEN).status_code == 200
        # Within the month, the sum insured is still what is paid in all.
        third = client.post(CLAIMS, json=claim_body(policy_no, claimed_fen=100, occurred_at=in_month_two.isoformat()),
                            headers=headers)
        assert third.status_code == 422 and third.get_json()["error"]["code"] == "exceeds_coverage"


def test_a_document_already_sent_does_not_answer_a_request_for_more(app, client, alice, policy_no):
    # The insurer asked for the hospital invoice; the user picked the photo of the X-ray they had sent with the
    # claim. The same content is one document, so nothing new reached the insurer, yet the claim went back to
    # review ("you sent 1 more document"): the assessor found nothing new, and the claimant read that the
    # review went on while the invoice was still missing.
    claim_no = file_claim(client, alice, policy_no)
    assert upload(client, alice, claim_no, (jpeg(b"x-ray"), "x-ray.jpg", "image/jpeg")).status_code == 201
    operator_moves(app, claim_no, "accepted", "reviewing", "more_info_required")

    again = upload(client, alice, claim_no, (jpeg(b"x-ray"), "x-ray (1).jpg", "image/jpeg"))

    assert again.status_code == 201, again.get_json()
    assert again.get_json()["state"] == "more_info_required"
    body = get_claim(client, alice, claim_no)
    assert body["state"] == "more_info_required"
    assert body["explanation"].startswith("保险公司需要你补充：Please send the hospital invoice")
    assert len(body["materials"]) == 1
    # The invoice itself sends the claim back to review.
    sent = upload(client, alice, claim_no, (jpeg(b"x-ray"), "x-ray.jpg", "image/jpeg"),
                  (jpeg(b"invoice"), "invoice.jpg", "image/jpeg"))
    assert sent.get_json()["state"] == "reviewing"
    assert step(get_claim(client, alice, claim_no), "reviewing")["note"] == "你补充了1份材料。"
