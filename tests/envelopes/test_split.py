"""The split: exact sums, floors, steps and limits, for any envelope (property-based)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.envelopes.split import FLOOR_FEN, MAX_TOTAL_FEN, STEP_FEN, InvalidSplit, check, split


@st.composite
def valid_envelopes(draw):
    shares = draw(st.integers(min_value=1, max_value=100))
    units = draw(st.integers(min_value=shares * FLOOR_FEN // STEP_FEN, max_value=MAX_TOTAL_FEN // STEP_FEN))
    return units * STEP_FEN, shares


@settings(max_examples=400, deadline=None)
@given(valid_envelopes(), st.sampled_from(["random", "equal"]), st.integers(min_value=0, max_value=2**32))
def test_every_split_sums_exactly_with_floors_and_steps(envelope, mode, seed):
    total, shares = envelope
    amounts = split(total, shares, mode, random.Random(seed))
    assert len(amounts) == shares
    assert sum(amounts) == total
    assert all(amount >= FLOOR_FEN for amount in amounts)
    assert all(amount % STEP_FEN == 0 for amount in amounts)
    if mode == "equal":
        assert max(amounts) - min(amounts) <= STEP_FEN


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=-10, max_value=400_000_000), st.integers(min_value=-5, max_value=120))
def test_anything_outside_the_rules_is_refused(total, shares):
    allowed = 1 <= shares <= 100 and total % STEP_FEN == 0 and shares * FLOOR_FEN <= total <= MAX_TOTAL_FEN
    if allowed:
        check(total, shares)
    else:
        with pytest.raises(InvalidSplit) as refused:
            check(total, shares)
        assert refused.value.code == "invalid_split" and refused.value.status == 422


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=100), st.integers(min_value=0, max_value=2**32))
def test_double_mean_never_takes_more_than_twice_the_mean_of_what_remains(shares, seed):
    total = shares * 5 * FLOOR_FEN
    amounts = split(total, shares, "random", random.Random(seed))
    remaining = total
    for index, amount in enumerate(amounts[:-1]):
        left = shares - index
        assert amount <= max(FLOOR_FEN, 2 * remaining // left // STEP_FEN * STEP_FEN)
        remaining -= amount


def test_random_splits_differ_and_are_not_all_equal():
    outcomes = {tuple(split(10_000_000, 10, "random")) for _ in range(20)}
    assert len(outcomes) > 1
    assert any(len(set(amounts)) > 1 for amounts in outcomes)


def test_the_minimum_envelope_is_one_floor_per_share():
    assert split(3 * FLOOR_FEN, 3, "random") == [FLOOR_FEN] * 3
