"""Referrals: share tokens for products and envelopes, forwarding, and first-touch attribution."""
