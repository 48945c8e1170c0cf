"""The claim state machine as data: docs/domain.md's transition table, and nothing else.

Every move a claim makes is checked here; a move that is not in ``TRANSITIONS`` for
that actor is ``409 illegal_transition`` and changes nothing.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core.errors import Conflict

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

#: Each state as the user reads it: on the timeline, in errors, and as a subscribe message's step
#: (a WeChat "thing" of 20 characters at most).
STATE_NAMES = {
    "submitted": _l("claim sent"), "accepted": _l("accepted"), "reviewing": _l("checking documents"),
    "investigating": _l("investigating"), "assessing": _l("working out amount"), "approved": _l("approved"),
    "paid": _l("paid"), "more_info_required": _l("documents needed"), "rejected": _l("not approved"),
    "withdrawn": _l("withdrawn"),
}
#: Who moved a claim, as the user and the operators read it.
ACTOR_NAMES = {USER: _l("the user"), INSURER: _l("the insurer"), OPERATOR: _l("an operator")}

#: Moves that must say why (the user reads it: what to send, why not approved).
NOTE_REQUIRED = frozenset({"more_info_required", "rejected"})


class IllegalTransition(Conflict):
    code = "illegal_transition"

    def __init__(self, from_state: str, to_state: str, actor: str):
        allowed = sorted(to for (frm, to), actors in TRANSITIONS.items() if frm == from_state and actor in actors)
        super().__init__(
            _("A claim that is %(from_state)s cannot be moved to %(to_state)s by %(actor)s.",
              from_state=STATE_NAMES[from_state], to_state=STATE_NAMES[to_state], actor=ACTOR_NAMES[actor]),
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
