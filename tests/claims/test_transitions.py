"""Every move in docs/domain.md's claims table is allowed to exactly the actors it names; every other move is 409 and
changes nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.claims import services
from app.claims.models import Claim, ClaimEvent
from app.claims.states import STATES, TRANSITIONS
from app.extensions import db
from tests.claims.helpers import (
    CLAIMED_FEN,
    CLAIMS,
    bring_to,
    file_claim,
    get_claim,
    insurer_update,
    move_fields,
    operator_moves,
    policy_in_force,
)

#: docs/domain.md's claims table, transcribed independently of app.claims.states.
DESIGN_TABLE = {
    ("submitted", "accepted"): {"insurer", "operator"},
    ("accepted", "reviewing"): {"insurer", "operator"},
    ("reviewing", "investigating"): {"insurer", "operator"},
    ("reviewing", "assessing"): {"insurer", "operator"},
    ("reviewing", "more_info_required"): {"insurer", "operator"},
    ("reviewing", "rejected"): {"insurer", "operator"},
    ("more_info_required", "reviewing"): {"user", "insurer", "operator"},
    ("investigating", "assessing"): {"insurer", "operator"},
    ("investigating", "rejected"): {"insurer", "operator"},
    ("assessing", "approved"): {"insurer", "operator"},
    ("assessing", "rejected"): {"insurer", "operator"},
    ("approved", "paid"): {"insurer", "operator"},
    **{(step, "withdrawn"): {"user"} for step in
       ("submitted", "accepted", "reviewing", "investigating", "assessing", "more_info_required")},
}
ALL_MOVES = [(frm, to) for frm in STATES for to in STATES]


def test_the_state_machine_is_exactly_the_design_table():
    assert {move: set(actors) for move, actors in TRANSITIONS.items()} == DESIGN_TABLE


@pytest.fixture
def policy_no(app, client, catalog, alice, insured_adult):
    return policy_in_force(app, client, alice, insured_adult)


def history(app, claim_no):
    with app.app_context():
        claim_id = db.session.scalar(sa.select(Claim.id).where(Claim.claim_no == claim_no))
        rows = db.session.execute(sa.select(ClaimEvent.from_state, ClaimEvent.to_state, ClaimEvent.actor,
                                            ClaimEvent.actor_name, ClaimEvent.note)
                                  .where(ClaimEvent.claim_id == claim_id).order_by(ClaimEvent.id)).all()
        db.session.remove()
    return [tuple(row) for row in rows]


@pytest.mark.parametrize("from_state, to_state", ALL_MOVES)
def test_the_insurer_and_operators_move_claims_exactly_as_the_table_says(app, client, alice, policy_no,
                                                                          from_state, to_state):
    by_insurer, by_operator = file_claim(client, alice, policy_no), file_claim(client, alice, policy_no)
    for claim_no in (by_insurer, by_operator):
        bring_to(app, client, alice, claim_no, from_state)
    allowed = (from_state, to_state) in DESIGN_TABLE and "insurer" in DESIGN_TABLE[(from_state, to_state)]
    before = history(app, by_insurer)

    response = insurer_update(client, by_insurer, to_state, **move_fields(to_state))
    with app.app_context():
        try:
            services.move(by_operator, to_state, "operator", actor_name="Operator Li", **move_fields(to_state))
            db.session.commit()
            operator_error = None
        except services.states.IllegalTransition as refused:
            db.session.rollback()
            operator_error = refused
        finally:
            db.session.remove()

    if allowed:
        assert response.status_code == 200, response.get_json()
        assert response.get_json() == {"claim_no": by_insurer, "state": to_state}
        assert history(app, by_insurer) == before + [(from_state, to_state, "insurer", "insurer",
                                                      move_fields(to_state).get("note"))]
        assert operator_error is None
        assert get_claim(client, alice, by_operator)["state"] == to_state
        assert history(app, by_operator)[-1][:4] == (from_state, to_state, "operator", "Operator Li")
    else:
        assert response.status_code == 409, response.get_json()
        error = response.get_json()["error"]
        assert error["code"] == "illegal_transition"
        assert error["details"]["from"] == from_state and error["details"]["to"] == to_state
        assert history(app, by_insurer) == before
        assert get_claim(client, alice, by_insurer)["state"] == from_state
        assert operator_error is not None and operator_error.code == "illegal_transition"
        assert get_claim(client, alice, by_operator)["state"] == from_state


@pytest.mark.parametrize("from_state", STATES)
def test_the_user_may_withdraw_before_approval_and_never_after(app, client, alice, policy_no, from_state):
    claim_no = file_claim(client, alice, policy_no)
    bring_to(app, client, alice, claim_no, from_state)
    before = history(app, claim_no)
    response = client.post(f"{CLAIMS}/{claim_no}/withdraw", headers=alice["headers"])
    if (from_state, "withdrawn") in DESIGN_TABLE:
        assert response.status_code == 200
        body = response.get_json()
        assert body["state"] == "withdrawn" and body["claim_no"] == claim_no
        assert "撤销" in body["explanation"]
        assert history(app, claim_no)[-1][:3] == (from_state, "withdrawn", "user")
    else:
        assert response.status_code == 409
        assert response.get_json()["error"]["code"] == "illegal_transition"
        assert history(app, claim_no) == before


@pytest.mark.parametrize("state", ["more_info_required", "rejected"])
def test_asking_for_more_or_rejecting_must_tell_the_user_why(app, client, alice, policy_no, state):
    claim_no = file_claim(client, alice, policy_no)
    operator_moves(app, claim_no, "accepted", "reviewing")
    for note in (None, "   "):
        response = insurer_update(client, claim_no, state, **({"note": note} if note is not None else {}))
        assert response.status_code == 422
        assert "note" in response.get_json()["error"]["details"]["fields"]
    assert get_claim(client, alice, claim_no)["state"] == "reviewing"


@pytest.mark.parametrize("paid_fen, accepted", [(None, False), (0, False), (CLAIMED_FEN + 1, False),
                                                (CLAIMED_FEN, True), (1, True)])
def test_paying_needs_an_amount_within_the_claim(app, client, alice, policy_no, paid_fen, accepted):
    claim_no = file_claim(client, alice, policy_no)
    operator_moves(app, claim_no, "accepted", "reviewing", "assessing", "approved")
    fields = {} if paid_fen is None else {"paid_fen": paid_fen}
    response = insurer_update(client, claim_no, "paid", **fields)
    body = get_claim(client, alice, claim_no)
    if accepted:
        assert response.status_code == 200
        assert body["state"] == "paid" and body["paid_fen"] == paid_fen
    else:
        assert response.status_code == 422
        assert "paid_fen" in response.get_json()["error"]["details"]["fields"]
        assert body["state"] == "approved" and "paid_fen" not in body


def test_an_amount_paid_goes_only_with_the_move_to_paid(app, client, alice, policy_no):
    claim_no = file_claim(client, alice, policy_no)
    response = insurer_update(client, claim_no, "accepted", paid_fen=100)
    assert response.status_code == 422
    assert get_claim(client, alice, claim_no)["state"] == "submitted"


def test_an_operator_cannot_pay_more_than_the_policy_covers(app, client, alice, policy_no):
    claim_no = file_claim(client, alice, policy_no, claimed_fen=30_000_000)
    operator_moves(app, claim_no, "accepted", "reviewing", "assessing", "approved")
    with app.app_context():
        with pytest.raises(services.ValidationFailed) as refused:
            services.move(claim_no, "paid", "operator", actor_name="Operator Li", paid_fen=30_000_001)
        db.session.rollback()
        db.session.remove()
    assert "paid_fen" in refused.value.details["fields"]


def test_the_admin_sees_every_event_and_the_moves_it_may_make(app, client, alice, policy_no):
    claim_no = file_claim(client, alice, policy_no)
    operator_moves(app, claim_no, "accepted", "reviewing")
    with app.app_context():
        detail = services.claim_detail(claim_no)
        counts = services.state_counts()
        db.session.remove()
    assert [(e["from_state"], e["to_state"], e["actor"]) for e in detail["events"]] == [
        (None, "submitted", "user"), ("submitted", "accepted", "operator"), ("accepted", "reviewing", "operator")]
    assert sorted(detail["allowed_moves"]) == ["assessing", "investigating", "more_info_required", "rejected"]
    assert detail["user_id"] == alice["user"]["id"]
    assert counts["reviewing"] == 1 and counts["submitted"] == 0
