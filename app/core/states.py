"""State machines as data: each stateful model declares its transition table, and every change of
its status goes through ``move_to``, which refuses a move that is not in the table.

Bulk moves (an UPDATE of many rows, or one guarded UPDATE that must win a race) take their
``WHERE status IN (...)`` from the same table with ``sources_of``, so a table is the whole
truth about which moves exist. The tables are written out in docs/domain.md.
"""

from __future__ import annotations

from typing import ClassVar

from flask_babel import gettext as _

from app.core.errors import Conflict


class IllegalTransition(Conflict):
    code = "illegal_transition"


class StateMachine:
    """Mixin for a model whose ``status`` column moves along ``TRANSITIONS`` (status -> next statuses)."""

    #: status -> the statuses it may move to; a status missing here, or mapped to nothing, is final.
    TRANSITIONS: ClassVar[dict[str, frozenset[str]]]
    #: What the model is called in a refusal, marked for translation ("This order ...").
    NOUN: ClassVar[str]

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, ())

    def ensure_can_move_to(self, status: str, message: str | None = None) -> None:
        if not self.can_move_to(status):
            raise IllegalTransition(
                message or _("This %(noun)s cannot be changed this way in its current state.", noun=self.NOUN),
                details={"from": self.status, "to": status})

    def move_to(self, status: str, message: str | None = None) -> None:
        """Change the status, or raise ``IllegalTransition`` (409) and change nothing."""
        self.ensure_can_move_to(status, message)
        self.status = status

    @classmethod
    def sources_of(cls, status: str) -> tuple[str, ...]:
        """Every status that may move to ``status``: the WHERE of a guarded or bulk UPDATE."""
        return tuple(sorted(source for source, targets in cls.TRANSITIONS.items() if status in targets))

