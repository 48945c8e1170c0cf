"""Claims test helpers: policies in force, claims filed through the API, moves by the insurer or an operator."""

from __future__ import annotations

import datetime as dt
import itertools

from app.core import clock
from app.extensions import db
from tests.policies.test_policies import buy_and_pay
from tests.support import partner_post

CLAIMS = "/api/v1/claims"
INSURER_WEBHOOK = "/webhooks/insurer/claims"
TEMPLATE = "sandbox-claim-progress"

#: How an operator or the insurer takes a fresh claim to each state (withdrawn is the user's).
PATHS = {
    "submitted": [],
    "accepted": ["accepted"],
    "reviewing": ["accepted", "reviewing"],
    "investigating": ["accepted", "reviewing", "investigating"],
    "assessing": ["accepted", "reviewing", "assessing"],
    "approved": ["accepted", "reviewing", "assessing", "approved"],
    "paid": ["accepted", "reviewing", "assessing", "approved", "paid"],
    "more_info_required": ["accepted", "reviewing", "more_info_required"],
    "rejected": ["accepted", "reviewing", "rejected"],
}
NOTES = {"more_info_required": "Please send the hospital invoice", "rejected": "Not covered: a pre-existing condition"}
CLAIMED_FEN = 120_000

_event_ids = itertools.count(1)


def move_fields(state: str, paid_fen: int = 100_000) -> dict:
    """The extra fields a move to ``state`` needs (a note, or the amount paid)."""
    fields = {}
    if state in NOTES:
        fields["note"] = NOTES[state]
    if state == "paid":
        fields["paid_fen"] = paid_fen
    return fields


def policy_in_force(app, client, who, insured, plan_code: str = "accident-basic") -> str:
    return buy_and_pay(app, client, who, insured, plan_code)


def claim_body(policy_no: str, **changes) -> dict:
    body = {"policy_no": policy_no, "kind": "accident", "claimed_fen": CLAIMED_FEN,
            "occurred_at": clock.isoformat(clock.now()), "description": "Fell off my bike: X-ray and six stitches."}
    body.update(changes)
    return body


def file_claim(client, who, policy_no: str, **changes) -> str:
    response = client.post(CLAIMS, json=claim_body(policy_no, **changes), headers=who["headers"])
    assert response.status_code == 201, response.get_json()
    return response.get_json()["claim_no"]


def get_claim(client, who, claim_no: str) -> dict:
    response = client.get(f"{CLAIMS}/{claim_no}", headers=who["headers"])
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def operator_moves(app, claim_no: str, *states: str) -> None:
    """Move a claim as an operator would from the dashboard, one committed move per state."""
    from app.claims import services

    with app.app_context():
        for state in states:
            services.move(claim_no, state, "operator", actor_id="7", actor_name="Operator Li", **move_fields(state))
            db.session.commit()
        db.session.remove()


def bring_to(app, client, who, claim_no: str, state: str) -> None:
    if state == "withdrawn":
        response = client.post(f"{CLAIMS}/{claim_no}/withdraw", headers=who["headers"])
        assert response.status_code == 200, response.get_json()
    else:
        operator_moves(app, claim_no, *PATHS[state])


def insurer_update(client, claim_no: str, state: str, event_id: str | None = None, **fields):
    """POST the insurer's signed webhook (the development insurer partner, scope claims)."""
    payload = {"event_id": event_id or f"ins-{next(_event_ids)}", "claim_no": claim_no, "state": state, **fields}
    return partner_post(client, client.application, INSURER_WEBHOOK, payload, partner="insurer")


def openid_of(client, who) -> str:
    return client.get("/api/v1/me", headers=who["headers"]).get_json()["openid"]


def messages_to(client, openid: str) -> list[dict]:
    return client.get(f"/sandbox/wechat/messages?openid={openid}").get_json()["messages"]


def step(body: dict, name: str) -> dict:
    return next(entry for entry in body["timeline"] if entry["step"] == name)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)
