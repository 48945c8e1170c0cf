"""Refunds: the one way money goes back, whoever asks (cooling-off, late payments, envelopes, operators)."""
