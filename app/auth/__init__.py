"""Logging in with WeChat: opaque bearer tokens, stored hashed, expiring and revocable."""
