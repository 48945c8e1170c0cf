"""Splitting an envelope's coverage into shares, the way WeChat splits lucky money.

Coverage moves in steps of 10,000 fen (100 yuan); no share is below 100,000 fen
(1,000 yuan); an envelope holds at most 200,000,000 fen. ``random`` uses the
double-mean method: each share is uniform between the floor and twice the mean of
what remains (in whole steps, never leaving the rest short of its floors), and the
last share takes the rest. ``equal`` splits evenly, the first shares one step larger
when the total does not divide. Either way the shares sum to the total exactly.
"""

from __future__ import annotations

import random
import secrets

from flask_babel import gettext as _

from app.core.errors import ValidationFailed
from app.core.i18n import yuan

STEP_FEN = 10_000
FLOOR_FEN = 100_000
MAX_TOTAL_FEN = 200_000_000
MAX_SHARES = 100

_system_random = secrets.SystemRandom()


class InvalidSplit(ValidationFailed):
    code = "invalid_split"


def check(total_fen: int, shares: int) -> None:
    """422 ``invalid_split`` with the rule that is broken, or nothing."""
    if not 1 <= shares <= MAX_SHARES:
        raise InvalidSplit(_("An envelope holds 1 to %(most)s shares.", most=MAX_SHARES), details={"fields": {
            "shares": [_("Choose 1 to %(most)s shares.", most=MAX_SHARES)]}})
    problems = []
    if total_fen % STEP_FEN:
        problems.append(_("Cover goes in steps of 100 yuan."))
    if total_fen > MAX_TOTAL_FEN:
        problems.append(_("An envelope holds at most 2,000,000 yuan of cover."))
    if total_fen < shares * FLOOR_FEN:
        problems.append(_("Each share needs at least 1,000 yuan of cover: %(shares)s shares need %(amount)s yuan "
                          "or more.", shares=shares, amount=yuan(shares * FLOOR_FEN)))
    if problems:
        raise InvalidSplit(problems[0], details={"fields": {"total_coverage_fen": problems}})


def split(total_fen: int, shares: int, mode: str, rng: random.Random | None = None) -> list[int]:
    """The coverage of each share, in fen, in the order they will be handed out."""
    check(total_fen, shares)
    units, floor = total_fen // STEP_FEN, FLOOR_FEN // STEP_FEN
    if mode == "equal":
        base, extra = divmod(units, shares)
        amounts = [base + (1 if i < extra else 0) for i in range(shares)]
    elif mode == "random":
        rng = rng or _system_random
        amounts, remaining = [], units
        for left in range(shares, 1, -1):
            upper = min(2 * remaining // left, remaining - floor * (left - 1))
            amount = rng.randint(floor, max(floor, upper))
            amounts.append(amount)
            remaining -= amount
        amounts.append(remaining)
    else:
        raise InvalidSplit(_("The split is random or equal."), details={"fields": {"mode": ["random or equal"]}})
    return [amount * STEP_FEN for amount in amounts]
