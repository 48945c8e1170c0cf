"""The claims workbench: operators move claims along the allowed steps with a note; viewers only read."""

from __future__ import annotations

import io

import pytest

from app.claims.models import Claim, ClaimEvent
from tests.admin.support import audit_entries, file_claim, paid_order, post_form, rows


@pytest.fixture
def claim_no(app, client, catalog, alice, insured_adult):
    order = paid_order(app, client, alice, insured_adult)
    return file_claim(client, alice, order["policy_no"])


def move(client, claim_no, to_state, note="", paid="", final="y"):
    return post_form(client, f"/admin/claims/{claim_no}/move",
                     {"to_state": to_state, "note": note, "paid": paid, "final": final},
                     token_from=f"/admin/claims/{claim_no}")


def state_of(app, claim_no) -> str:
    return rows(app, Claim, Claim.claim_no == claim_no)[0].state


def test_an_operator_moves_a_claim_with_a_note_and_the_user_sees_it(app, client, alice, as_operator, claim_no):
    response = move(as_operator, claim_no, "accepted", note="Received, thank you.")
    assert response.status_code == 303
    assert state_of(app, claim_no) == "accepted"
    event = rows(app, ClaimEvent, ClaimEvent.to_state == "accepted")[0]
    assert (event.actor, event.actor_name, event.note) == ("operator", "olga", "Received, thank you.")
    seen = client.get(f"/api/v1/claims/{claim_no}", headers=alice["headers"]).get_json()
    assert seen["state"] == "accepted"
    [entry] = audit_entries(app, "claim.move")
    assert (entry.before["state"], entry.after["state"]) == ("submitted", "accepted")
    assert entry.note == "Received, thank you."


def test_the_claim_page_shows_the_cover_it_is_checked_against_and_opens_its_policy(app, as_operator, claim_no):
    # The handler saw a bare policy number: no sum insured, no period, no insured person, no way to open it.
    from app.policies.models import Policy

    claim = rows(app, Claim, Claim.claim_no == claim_no)[0]
    policy = rows(app, Policy, Policy.id == claim.policy_id)[0]
    page = as_operator.get(f"/admin/claims/{claim_no}").get_data(as_text=True)
    cover = page[page.index("data-policy-cover"):page.index("</dd>", page.index("data-policy-cover"))]
    assert f"¥{policy.coverage_fen / 100:,.2f}" in cover and policy.insured_name_masked in cover
    assert "购买" in cover
    assert f'href="/admin/policies/{policy.policy_no}"' in page
    assert as_operator.get(f"/admin/policies/{policy.policy_no}").status_code == 200


def test_a_final_step_needs_a_deliberate_tick(app, as_operator, claim_no):
    # Rejected and paid close a claim for good, and the user is told at once: one click was enough.
    response = move(as_operator, claim_no, "rejected", note="Not covered.", final="")
    assert response.status_code == 422 and "请勾选确认：这一步会让理赔就此结案。" in response.get_data(as_text=True)
    assert state_of(app, claim_no) == "submitted"
    assert move(as_operator, claim_no, "accepted", final="").status_code == 303  # a step that is not final: no tick


def test_the_claim_page_offers_only_the_moves_the_state_machine_allows(as_operator, claim_no):
    page = as_operator.get(f"/admin/claims/{claim_no}").get_data(as_text=True)
    form = page[page.index('class="claim-move"'):page.index("</form>", page.index('class="claim-move"'))]
    assert 'value="accepted"' in form
    assert 'value="approved"' not in form and 'value="paid"' not in form


def test_a_viewer_cannot_move_a_claim_and_nothing_changes(app, as_viewer, claim_no):
    response = move(as_viewer, claim_no, "accepted", note="sneaky")
    assert response.status_code == 403
    assert state_of(app, claim_no) == "submitted"
    assert rows(app, ClaimEvent, ClaimEvent.to_state == "accepted") == []
    assert audit_entries(app, "claim.move") == []
    assert "claim-move" not in as_viewer.get(f"/admin/claims/{claim_no}").get_data(as_text=True)


def test_an_illegal_move_is_refused_with_409_and_nothing_changes(app, as_english_operator, claim_no):
    # The claims service's own words, as an operator who reads English sees them.
    response = move(as_english_operator, claim_no, "approved")
    assert response.status_code == 409
    assert "cannot be moved to approved" in response.get_data(as_text=True)
    assert state_of(app, claim_no) == "submitted"
    assert audit_entries(app, "claim.move") == []


def test_a_rejection_needs_a_note_for_the_user(app, as_operator, claim_no):
    move(as_operator, claim_no, "accepted")
    move(as_operator, claim_no, "reviewing")
    response = move(as_operator, claim_no, "rejected")
    assert response.status_code == 422
    assert state_of(app, claim_no) == "reviewing"
    assert move(as_operator, claim_no, "rejected", note="Not covered: it happened before the policy began.") \
        .status_code == 303
    assert state_of(app, claim_no) == "rejected"


def test_an_operator_records_the_payment_in_yuan(app, as_operator, claim_no):
    for state in ("accepted", "reviewing", "assessing", "approved"):
        assert move(as_operator, claim_no, state).status_code == 303, state
    assert move(as_operator, claim_no, "paid", paid="480.50").status_code == 303
    [claim] = rows(app, Claim, Claim.claim_no == claim_no)
    assert (claim.state, claim.paid_fen) == ("paid", 48_050)


def test_an_amount_paid_on_another_step_is_refused_under_the_amount_field(app, as_operator, claim_no):
    # The service's refusal (named for the API's paid_fen) was shown at the top of the page only, with the API's
    # field name in its words; the amount field, where the operator must correct it, said nothing.
    response = move(as_operator, claim_no, "accepted", paid="100")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    field = page[page.index('name="paid"'):page.index("</label>", page.index('name="paid"'))]
    assert '<small class="error">赔付金额只能在改为“已赔付”时填写。</small>' in field
    assert "paid_fen" not in page
    assert state_of(app, claim_no) == "submitted"


def test_a_claims_documents_open_for_operators_only_and_each_viewing_is_logged(app, client, alice, as_operator,
                                                                               as_viewer, claim_no):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + b"\x00" * 64
    uploaded = client.post(f"/api/v1/claims/{claim_no}/materials", headers=alice["headers"],
                           data={"files": [(io.BytesIO(png), "xray.png")]},
                           content_type="multipart/form-data")
    assert uploaded.status_code in (200, 201), uploaded.get_json()
    material_id = uploaded.get_json()["materials"][0]["id"]
    listed = as_operator.get(f"/admin/claims/{claim_no}").get_data(as_text=True)
    assert f'<td class="num">{len(png)} B</td>' in listed  # its size as read: it said "0.1 KB", a 45-byte one "0.0 KB"
    path = f"/admin/claims/{claim_no}/materials/{material_id}"
    assert as_viewer.get(path).status_code == 403
    response = as_operator.get(path)
    assert response.status_code == 200 and response.data == png
    assert response.mimetype == "image/png"
    [entry] = audit_entries(app, "claim.material_view")
    assert entry.actor == "admin:olga" and entry.after["material_id"] == material_id
    assert as_operator.get(f"/admin/claims/C-OTHER/materials/{material_id}").status_code == 404
