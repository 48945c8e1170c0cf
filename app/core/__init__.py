"""Pieces every feature shares: the clock, column types, PII crypto, the unit of work."""
