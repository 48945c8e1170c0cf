"""A user's copy of their personal information (PIPL Arts. 45 and 50; docs/domain.md, "Personal information:
access and copy").

The admin asks (``gather``) and every feature that keeps a user's data answers through the
``personal_data_copy`` event with its sections; a number a caller reads out (a policy's, an order's, a
claim's) finds whose data it is through the finders features declare (``declare_number``). Neither side
imports the other: a feature alone knows what its columns mean and which of them are encrypted, so it writes
its own rows out; the admin only orders what comes back and serialises it.

A section holds every row of the user's in the tables it names, with each column a person could want:
names, identity numbers, phone and health answers decrypted (it is the person's own copy), amounts in fen
and in yuan, moments in Beijing time with their offset. What stays out: secrets that say nothing about the
person (token hashes, WeChat's session key, the keyed lookup hashes), other people's data (who grabbed a
user's envelope, whom they brought in, which staff member moved a claim) and the bytes of uploaded files
(named, sized and hashed instead). A table that holds users' rows and that no section covers is in
``NOT_IN_COPY`` with the reason; tests/admin/test_personal_data.py walks the schema and fails on any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from app.core import clock, events, pii

#: Tables that hold users' rows and are deliberately left out of the copy, with the reason. Every other such
#: table is covered by a section (the tests check both ways: each name here is a real table).
NOT_IN_COPY = {
    "auth_tokens": "bearer tokens, kept only as hashes: a credential to the account, not information about "
                   "the person; a copy of one would be a key to it",
    "idempotency_keys": "the first answer to a create, kept to answer a retried request alike: a technical "
                        "copy of what the orders and envelopes sections hold, under a random key the app made",
}


@dataclass(frozen=True)
class Section:
    """One feature's part of the copy."""

    #: The section's key in the copy (``orders``, ``claims``): stable, for whoever reads the file by program.
    key: str
    #: What a person calls it: a lazy translation, written in the user's language when the copy is made.
    title: object
    #: The tables whose rows of this user it holds (the tests check every users' table is some section's).
    tables: tuple[str, ...]
    #: One dict per row, JSON-ready (``moment``, ``amount``, ``revealed`` write the values).
    records: list[dict]


def yuan_text(fen: int) -> str:
    """Fen as yuan with two decimals (``500`` → ``5.00``), exactly: no float rounds a large amount."""
    whole, cents = divmod(abs(fen), 100)
    return f"{'-' if fen < 0 else ''}{whole}.{cents:02d}"


def amount(fen: int | None) -> dict | None:
    """An amount as the copy writes it: ``{"fen": 500, "yuan": "5.00"}``."""
    return None if fen is None else {"fen": fen, "yuan": yuan_text(fen)}


def moment(value: dt.datetime | dt.date | None) -> str | None:
    """A moment in Beijing time with its offset (``2026-12-06T14:30:00+08:00``), a day as ``2026-12-06``."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return clock.to_shanghai(value).isoformat()
    return value.isoformat()


def revealed(ciphertext: str | None) -> str | None:
    """A value kept encrypted (``app.core.pii``), in the clear: the person's own copy shows it whole."""
    return None if ciphertext is None else pii.decrypt(ciphertext)


def gather(user_id: int) -> list[Section]:
    """Every section the features answer with for ``user_id``, in the order they answered."""
    sections: list[Section] = []
    for receiver, answer in events.personal_data_copy.send(user_id):
        found = [answer] if isinstance(answer, Section) else list(answer or ())
        if not all(isinstance(section, Section) for section in found):
            raise TypeError(f"{receiver!r} answered personal_data_copy with something other than Sections")
        sections += found
    keys = [section.key for section in sections]
    if len(keys) != len(set(keys)):
        raise ValueError(f"two features answered with the same section key: {sorted(keys)}")
    return sections


# -- the numbers a caller can read out --------------------------------------------------------------

@dataclass(frozen=True)
class NumberKind:
    #: ``policy``, ``order``, ``claim``: what the admin's page and audit entry say the number was.
    code: str
    #: What staff call it (a lazy translation).
    label: object
    #: The user whose number it is, or None; exact match only.
    find: Callable[[str], int | None]


_NUMBERS: dict[str, NumberKind] = {}


def declare_number(code: str, label, find: Callable[[str], int | None]) -> None:
    """A feature declares a number its customers hold, and how to find whose it is (one finder per kind)."""
    if code in _NUMBERS and _NUMBERS[code].find is not find:
        raise ValueError(f"number kind {code!r} is declared twice")
    _NUMBERS[code] = NumberKind(code, label, find)


def number_kinds() -> list[NumberKind]:
    return sorted(_NUMBERS.values(), key=lambda kind: kind.code)


def owner_of(number: str) -> tuple[NumberKind, int] | None:
    """Whose ``number`` is (a policy's, an order's or a claim's, matched exactly), and which kind it was."""
    for kind in number_kinds():
        user_id = kind.find(number)
        if user_id is not None:
            return kind, user_id
    return None
