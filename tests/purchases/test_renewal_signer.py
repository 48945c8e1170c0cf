"""The renewal signer: one, declared by the renewal feature, and the app does not start without it."""

from __future__ import annotations

import dataclasses

import pytest

from app import create_app
from app.purchases import services as purchases
from config import load_config


def test_the_renewal_feature_declares_the_one_signer_and_declaring_it_again_changes_nothing():
    declared = purchases.renewal_signer()

    purchases.declare_renewal_signer(declared)

    assert purchases.renewal_signer() is declared


def test_a_second_different_signer_is_refused_and_the_first_stays():
    declared = purchases.renewal_signer()
    other = dataclasses.replace(declared, fresh=lambda order: None)

    with pytest.raises(RuntimeError, match="second, different renewal signer"):
        purchases.declare_renewal_signer(other)
    assert purchases.renewal_signer() is declared


def test_without_a_declared_signer_the_app_does_not_start(backend_env, monkeypatch):
    # As if app.features no longer imported app.renewals: buying with auto_renew would be a 500.
    monkeypatch.setattr(purchases, "_renewal_signer", None)

    with pytest.raises(RuntimeError, match="no feature declares the renewal signer"):
        create_app(load_config(backend_env), REQUEST_LOG=False)
