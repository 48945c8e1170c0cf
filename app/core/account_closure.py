"""Closing an account (注销; PIPL Art. 47, GB/T 35273-2020 §8.5; docs/domain.md, "Closing an account").

The user asks, and every feature answers through two events, as for the copy (``app.core.personal_data``):
``account_closing`` asks what of the user's is unfinished (cover in force, a claim, money on its way back to
them), and the account closes only when nothing is; ``account_closed`` then has each feature delete or void what
the law does not ask it to keep, in the closing unit of work. A table that holds users' rows and that no
feature handles on closure is in ``KEPT_ON_CLOSURE`` with the reason; tests/users/test_account_closure.py walks
the schema and fails on any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core import events

#: The sale and its money, kept after the account closes, with the reason. Every other table of users' rows is
#: handled by a feature on closure (the tests check both ways).
_SALE_RECORDS = ("the sale's record, kept at least 5 years after the contract ends (Insurance Law art. 87; the "
                 "2020 notice on traceable internet sales, 可回溯): the insurer answers for it after the account is gone")
_ACCOUNTS = ("money records, kept as accounting records (会计档案管理办法: 30 years for vouchers) and for "
             "the insurer's reconciliation with WeChat Pay")
KEPT_ON_CLOSURE = {
    "orders": _ACCOUNTS,
    "payments": _ACCOUNTS,
    "refunds": _ACCOUNTS,
    "renewal_charges": _ACCOUNTS,
    "policies": _SALE_RECORDS,
    "applications": _SALE_RECORDS,
    "sale_traces": _SALE_RECORDS,
    "renewals": _SALE_RECORDS,
    "renewal_periods": _SALE_RECORDS,
    "claims": _SALE_RECORDS,
    "claim_events": _SALE_RECORDS,
    "claim_materials": _SALE_RECORDS,
    "envelopes": "a sent envelope is an order's cover given away: other users' policies came from its shares",
    "envelope_shares": "the shares of a sent envelope, which other users grabbed",
    "envelope_grabs": "a grab is the record of cover given (activated into a policy, kept as the sale's record) "
                      "or offered and lapsed; the sender's envelope accounts for every share",
    "referrals": "a referral names two users and the reward one earned: the campaign's budget accounts for it",
    "shares": "the share a referral came through; the referral it led to points at it",
    "campaign_allowances": "what a campaign granted, counted against its budget",
}


@dataclass(frozen=True)
class Blocker:
    """Something of the user's that must finish before the account can close."""

    #: ``policy_in_force``, ``claim_open``, ``refund_on_its_way``, ``order_unpaid``, ``envelope_open``,
    #: ``renewal_on``: stable, for the mini-program.
    code: str
    #: The number the user knows it by (a policy's, a claim's, an order's), or None.
    reference: str | None
    #: What the user reads, a lazy translation turned to text in their language when answered.
    message: object


def blockers(user_id: int) -> list[Blocker]:
    """What every feature says stands in the way of closing ``user_id``'s account, in the order they said it."""
    found: list[Blocker] = []
    for receiver, answer in events.account_closing.send(user_id):
        answered = list(answer or ())
        if not all(isinstance(blocker, Blocker) for blocker in answered):
            raise TypeError(f"{receiver!r} answered account_closing with something other than Blockers")
        found += answered
    return found


def erase(user_id: int) -> set[str]:
    """Every feature deletes or voids its data of ``user_id``'s; the tables they handled."""
    handled: set[str] = set()
    for receiver, answer in events.account_closed.send(user_id):
        tables = tuple(answer or ())
        if not tables or not all(isinstance(table, str) for table in tables):
            raise TypeError(f"{receiver!r} answered account_closed without the names of the tables it handled")
        handled.update(tables)
    return handled
