"""A customer's copy of their personal information, for the hotline (PIPL Arts. 45 and 50; docs/domain.md,
"Personal information: access and copy").

A caller gives a number they hold (a policy's, an order's, a claim's); the features that issue those numbers
say whose it is (``personal_data.owner_of``), and every feature that keeps personal data writes its own part
of the copy (``personal_data.gather``). This module knows none of their tables: it puts the parts in a
reading order and writes the file, in the customer's own language.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from flask_babel import gettext as _

from app.core import clock
from app.core.errors import NotFound
from app.core.i18n import in_language
from app.core.personal_data import NumberKind, Section, gather, moment, owner_of
from app.users import services as users

#: The order a reader meets the sections in: who they are, what they bought and agreed to, what they paid
#: and were paid, then the rest. A section a feature adds later comes after these, by key.
SECTION_ORDER = ("account", "insured_persons", "orders", "applications", "sale_traces", "policies", "renewals",
                 "payments", "refunds", "claims", "subscribe_opt_ins", "coupons", "campaign_allowances", "rewards",
                 "werun_days", "envelopes_sent", "envelope_grabs", "shares", "referrals", "visits")
#: Every number we issue is capitals and digits (RC…, P…, C…) and at most 32 long; anything else names nobody,
#: and is not even looked up.
NUMBER = re.compile(r"[A-Z0-9]{1,32}")


@dataclass(frozen=True)
class Customer:
    #: The number as the caller gave it, tidied (``normalized_number``): the page's address.
    number: str
    #: What kind of number found them.
    kind: NumberKind
    #: The account (``users.get_user``), for the page's heading and the copy's language.
    user: users.User


def normalized_number(text: str | None) -> str | None:
    """A number as read out over the phone, tidied: spaces gone, letters in capitals; None when it cannot be one."""
    number = re.sub(r"\s+", "", text or "").upper()
    return number if NUMBER.fullmatch(number) else None


def find_customer(text: str | None) -> Customer:
    """The customer whose policy, order or claim number ``text`` is (exact match); 404 for any other."""
    number = normalized_number(text)
    found = owner_of(number) if number else None
    if found is None:
        raise NotFound(_("No policy, order or claim has this number. Check it with the caller and try again."))
    kind, user_id = found
    return Customer(number=number, kind=kind, user=users.get_user(user_id))


def sections(customer: Customer) -> list[Section]:
    """Every feature's part of the customer's copy, in reading order."""
    rank = {key: position for position, key in enumerate(SECTION_ORDER)}
    return sorted(gather(customer.user.id), key=lambda section: (rank.get(section.key, len(rank)), section.key))


def copy_of(customer: Customer, parts: list[Section]) -> tuple[str, bytes]:
    """The copy as a file: its name and its UTF-8 JSON, Chinese as Chinese (not ``\\u`` escapes), written in
    the customer's language (the one their mini-program reads), since it is for them."""
    made_at = clock.now()
    with in_language(customer.user.language):
        document = {
            "title": _("Copy of your personal information"),
            "about": _("Everything we hold about you, as the Personal Information Protection Law (Art. 45) entitles "
                       "you to see and copy. Identity numbers, phone and health answers are shown in full: keep "
                       "this file safe. Times are Beijing time; amounts are in fen and in yuan."),
            "user_id": customer.user.id,
            "made_at": moment(made_at),
            "sections": {part.key: {"title": str(part.title), "records": part.records} for part in parts},
            "not_included": [
                _("Login tokens and WeChat's session key: keys to your account, not information about you."),
                _("The files you uploaded for claims: listed here by name, size and fingerprint (SHA-256); ask "
                  "the hotline for the files themselves."),
                _("Other people's information: who grabbed your red envelopes, who joined through your shares, "
                  "whose share you came through, and which of our staff handled your claims."),
            ],
        }
    name = f"personal-data-{customer.user.id}-{clock.to_shanghai(made_at):%Y%m%d-%H%M%S}.json"
    return name, json.dumps(document, ensure_ascii=False, indent=2).encode()


def record_counts(parts: list[Section]) -> dict[str, int]:
    """How many records each section holds: what the audit entry and the customer's page show (no content)."""
    return {part.key: len(part.records) for part in parts}
