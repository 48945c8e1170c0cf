"""What each kind of order buys, declared by the feature that sells it.

The payment path fulfils an order through its kind and never asks what it is: a policy
purchase issues a policy, an envelope order turns its envelope active. A feature declares
its kind once, at import (``app.features`` imports every feature before the app serves):

    kinds.declare("policy", fulfil=issue_policies, refunded=confirm_cancellation)

``fulfil(orders)`` runs in the unit of work that records the payment, after the orders are
marked fulfilled: what it writes commits with the payment, and if it raises nothing does. It is
given every order of its kind that a batch of payments paid (``payments.services.apply_payments``),
so it can deliver them with one statement where one order would take one.
``refunding(order, refund, left_fen)`` runs when a refund of the payment that fulfilled one of the kind's orders
is decided, in the unit of work that records it: ``left_fen`` is what is left of that payment after it (0: all of
it is on its way back). ``refunded(order, refund)`` runs when a refund of one of the kind's orders has reached its
payer: WeChat Pay's refund succeeded, or an operator settled a failed one outside it (``refunds.record_follow_up``).
Neither runs for a late or double payment's refund, which bought nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class OrderKind:
    name: str
    fulfil: Callable
    refunded: Callable | None = None
    refunding: Callable | None = None


_declared: dict[str, OrderKind] = {}


def declare(name: str, *, fulfil: Callable, refunded: Callable | None = None,
            refunding: Callable | None = None) -> OrderKind:
    """Declare what paying for (and refunding) an order of kind ``name`` means; once per kind."""
    kind = OrderKind(name, fulfil, refunded, refunding)
    if _declared.get(name, kind) != kind:
        raise RuntimeError(f"order kind {name!r} is declared twice")
    _declared[name] = kind
    return kind


def of(name: str) -> OrderKind:
    """The declared kind; an order of an undeclared kind is a bug, never a state to work around."""
    try:
        return _declared[name]
    except KeyError:
        raise RuntimeError(f"no feature declares order kind {name!r}") from None
