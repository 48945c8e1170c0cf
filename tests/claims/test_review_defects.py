"""Defects a review found in claims, each driven as the user, the insurer or an operator would meet it."""

from __future__ import annotations

import io
import threading

import pytest

from tests.claims.helpers import (
    CLAIMS,
    claim_body,
    file_claim,
    get_claim,
    insurer_update,
    operator_moves,
    policy_in_force,
)

#: accident-basic: 300,000 yuan of cover.
COVERAGE_FEN = 30_000_000


@pytest.fixture
def policy_no(app, client, catalog, alice, insured_adult):
    return policy_in_force(app, client, alice, insured_adult)


def test_claims_on_one_policy_are_never_paid_more_than_its_sum_insured_in_total(app, client, alice, policy_no):
    # Two claims of 200,000 yuan each on 300,000 yuan of cover: each was checked against the whole sum insured
    # alone, so both were paid in full and the insurer paid out 400,000 yuan on a 300,000 yuan policy.
    first = file_claim(client, alice, policy_no, claimed_fen=20_000_000)
    second = file_claim(client, alice, policy_no, claimed_fen=20_000_000)
    operator_moves(app, first, "accepted", "reviewing", "assessing", "approved")
    operator_moves(app, second, "accepted", "reviewing", "assessing", "approved")
    assert insurer_update(client, first, "paid", paid_fen=20_000_000).status_code == 200

    refused = insurer_update(client, second, "paid", paid_fen=20_000_000)

    assert refused.status_code == 422, refused.get_json()
    error = refused.get_json()["error"]
    assert error["code"] == "exceeds_coverage" and "paid_fen" in error["details"]["fields"]
    assert "100,000" in error["message"], error["message"]  # what is left of the cover
    assert get_claim(client, alice, second)["state"] == "approved"
    # What is left of the cover can still be paid.
    assert insurer_update(client, second, "paid", paid_fen=10_000_000).status_code == 200
    assert get_claim(client, alice, second)["paid_fen"] == 10_000_000



def test_two_payouts_at_the_same_moment_never_pay_more_than_the_sum_insured(app, client, catalog, alice,
                                                                          insured_adult):
    """Each payout locks the policy's row before it counts what was paid: whichever comes second sees the first."""
    start, results = threading.Barrier(2), {}

    def pay(claim_no):
        with app.test_client() as own:
            start.wait()
            results[claim_no] = insurer_update(own, claim_no, "paid", paid_fen=20_000_000).status_code

    for _round in range(3):
        number = policy_in_force(app, client, alice, insured_adult)
        claim_nos = [file_claim(client, alice, number, claimed_fen=20_000_000) for _claim in range(2)]
        for claim_no in claim_nos:
            operator_moves(app, claim_no, "accepted", "reviewing", "assessing", "approved")
        start.reset()
        results.clear()
        threads = [threading.Thread(target=pay, args=(claim_no,)) for claim_no in claim_nos]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert sorted(results.values()) == [200, 422], results
        assert sum(get_claim(client, alice, claim_no).get("paid_fen", 0) for claim_no in claim_nos) == 20_000_000

def test_a_claim_for_more_than_the_cover_left_is_refused_at_filing(app, client, alice, policy_no):
    first = file_claim(client, alice, policy_no, claimed_fen=25_000_000)
    operator_moves(app, first, "accepted", "reviewing", "assessing", "approved")
    assert insurer_update(client, first, "paid", paid_fen=25_000_000).status_code == 200

    response = client.post(CLAIMS, json=claim_body(policy_no, claimed_fen=10_000_000), headers=alice["headers"])

    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "exceeds_coverage" and "claimed_fen" in error["details"]["fields"]
    assert "50,000" in error["message"], error["message"]  # what is left of the cover
    file_claim(client, alice, policy_no, claimed_fen=5_000_000)  # what is left may still be claimed


def _upload(client, who, claim_no, content: bytes, name: str, headers: dict | None = None):
    return client.post(f"{CLAIMS}/{claim_no}/materials", data={"files": [(io.BytesIO(content), name, "text/plain")]},
                       headers={**who["headers"], **(headers or {})}, content_type="multipart/form-data")


def test_a_document_refused_is_explained_in_chinese_first_and_in_english_to_an_english_reader(app, client, alice,
                                                                                             policy_no):
    # The refusal of a Word file or an empty file was English whatever the user read: the only messages of the
    # claims API written as f-strings, past the translations.
    claim_no = file_claim(client, alice, policy_no)

    wrong = _upload(client, alice, claim_no, b"PK\x03\x04 a Word document", "诊断书.docx")
    empty = _upload(client, alice, claim_no, b"", "发票.jpg")

    assert wrong.status_code == 422 and empty.status_code == 422
    assert wrong.get_json()["error"]["details"]["fields"]["files.0"] == ["“诊断书.docx”不是 JPEG、PNG 或 PDF 文件。"]
    assert empty.get_json()["error"]["details"]["fields"]["files.0"] == ["“发票.jpg”是空文件，请重新选择。"]
    english = _upload(client, alice, claim_no, b"PK\x03\x04", "report.docx", headers={"Accept-Language": "en"})
    assert english.get_json()["error"]["details"]["fields"]["files.0"] == [
        "“report.docx” is not a JPEG, PNG or PDF file."]


def test_a_file_too_large_is_explained_in_chinese(app, client, alice, policy_no):
    claim_no = file_claim(client, alice, policy_no)
    too_big = b"\xff\xd8\xff\xe0" + bytes(10 * 1024 * 1024)

    response = _upload(client, alice, claim_no, too_big, "CT片.jpg")

    assert response.status_code == 413
    assert response.get_json()["error"]["details"]["fields"]["files.0"] == ["“CT片.jpg”超过10MB，请压缩后再上传。"]


def test_a_description_too_long_is_explained_in_chinese(client, alice, policy_no):
    response = client.post(CLAIMS, json=claim_body(policy_no, description="摔" * 2001), headers=alice["headers"])

    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["fields"]["description"] == ["请简单描述事情经过（最多 2000 字）。"]
