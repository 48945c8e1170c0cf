"""The claim state machine as data: docs/domain.md's transition table, and nothing else.

Every move a claim makes is checked here; a move that is not in ``TRANSITIONS`` for
that actor is ``409 illegal_transition`` and changes nothing.
"""

from __future__ import annotations

from app.errors import Conflict

#: The seven steps a user follows, in order (``investigating`` may be skipped).
STEPS = ("submitted", "accepted", "reviewing", "investigating", "assessing", "approved", "paid")
#: Off the main line: waiting for the user, or ended without payment.
SIDE_STATES = ("more_info_required", "rejected", "withdrawn")
STATES = STEPS + SIDE_STATES
#: States a claim never leaves.
FINAL_STATES = frozenset({"paid", "rejected", "withdrawn"})

USER, INSURER, OPERATOR = "user", "insurer", "operator"
ACTORS = (USER, INSURER, OPERATOR)
_STAFF = frozenset({INSURER, OPERATOR})

#: The user may withdraw from any step before ``approved``.
WITHDRAWABLE = ("submitted", "accepted", "reviewing", "investigating", "assessing", "more_info_required")

#: (from, to) -> who may make that move.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    ("submitted", "accepted"): _STAFF,
    ("accepted", "reviewing"): _STAFF,
    ("reviewing", "investigating"): _STAFF,
    ("reviewing", "assessing"): _STAFF,
    ("reviewing", "more_info_required"): _STAFF,
    ("reviewing", "rejected"): _STAFF,
    # The user's move is made for them when they upload materials (services.add_materials).
    ("more_info_required", "reviewing"): frozenset({USER, INSURER, OPERATOR}),
    ("investigating", "assessing"): _STAFF,
    ("investigating", "rejected"): _STAFF,
    ("assessing", "approved"): _STAFF,
    ("assessing", "rejected"): _STAFF,
    ("approved", "paid"): _STAFF,
    **{(state, "withdrawn"): frozenset({USER}) for state in WITHDRAWABLE},
}

#: Moves that must say why (the user reads it: what to send, why not approved).
NOTE_REQUIRED = frozenset({"more_info_required", "rejected"})


class IllegalTransition(Conflict):
    code = "illegal_transition"

    def __init__(self, from_state: str, to_state: str, actor: str):
        allowed = sorted(to for (frm, to), actors in TRANSITIONS.items() if frm == from_state and actor in actors)
        super().__init__(
            f"A claim that is {from_state} cannot be moved to {to_state} by the {actor}.",
            details={"from": from_state, "to": to_state, "actor": actor, "allowed": allowed},
        )


def check(from_state: str, to_state: str, actor: str) -> None:
    """Raise ``IllegalTransition`` unless ``actor`` may move a claim from ``from_state`` to ``to_state``."""
    if actor not in TRANSITIONS.get((from_state, to_state), ()):
        raise IllegalTransition(from_state, to_state, actor)


def allowed_moves(from_state: str, actor: str) -> list[str]:
    """The states ``actor`` may move a claim in ``from_state`` to (the admin workbench offers these)."""
    return [to for (frm, to), actors in TRANSITIONS.items() if frm == from_state and actor in actors]


def is_forward(from_state: str, to_state: str) -> bool:
    """A move along the seven steps (what the expected durations learn from)."""
    return from_state in STEPS and to_state in STEPS and STEPS.index(to_state) > STEPS.index(from_state)
