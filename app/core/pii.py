"""Personal data at rest: phones and identity numbers are encrypted, with a keyed hash beside.

Two keys are derived from ``PII_KEY`` with HKDF: one for AES-GCM encryption (a fresh
nonce per value, so equal phones encrypt differently) and one for the HMAC-SHA256
lookup hash (deterministic, so operators can find a user by exact phone without
decrypting every row). Neither the plaintext nor a key is ever logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

_VERSION = b"\x01"


@lru_cache(maxsize=8)
def _keys(pii_key: str) -> tuple[AESGCM, bytes]:
    material = HKDF(algorithm=hashes.SHA256(), length=64, salt=b"redcover-pii", info=b"v1").derive(
        pii_key.encode()
    )
    return AESGCM(material[:32]), material[32:]


def _current_keys() -> tuple[AESGCM, bytes]:
    return _keys(current_app.config["PII_KEY"])


def encrypt(plaintext: str) -> str:
    aead, _ = _current_keys()
    nonce = os.urandom(12)
    sealed = aead.encrypt(nonce, plaintext.encode(), _VERSION)
    return base64.urlsafe_b64encode(_VERSION + nonce + sealed).decode()


def decrypt(token: str) -> str:
    aead, _ = _current_keys()
    raw = base64.urlsafe_b64decode(token.encode())
    if raw[:1] != _VERSION:
        raise ValueError("unknown PII ciphertext version")
    try:
        return aead.decrypt(raw[1:13], raw[13:], _VERSION).decode()
    except InvalidTag:
        raise ValueError("PII ciphertext does not match PII_KEY") from None


def lookup_hash(value: str) -> str:
    """Keyed hash for exact-match search (an HMAC, so a table dump cannot be brute-forced offline)."""
    _, hash_key = _current_keys()
    return hmac.new(hash_key, value.encode(), hashlib.sha256).hexdigest()


def mask_phone(phone: str | None) -> str | None:
    """``13800138000`` → ``138****8000``."""
    if not phone:
        return None
    if len(phone) <= 7:
        return phone[:1] + "*" * (len(phone) - 1)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_id_number(id_number: str | None) -> str | None:
    """``110101199003074477`` → ``1****************7``: the first and last characters alone.

    More would be a clue: the region (4 digits), the check digit and a birth date known from
    elsewhere leave few enough candidates to try them all (docs/domain.md, Users and identity).
    """
    if not id_number:
        return None
    return id_number[:1] + "*" * (len(id_number) - 2) + id_number[-1:]


def mask_name(name: str | None) -> str | None:
    """``张三丰`` → ``张**``; ``Alice`` → ``A****``."""
    if not name:
        return None
    return name[0] + "*" * (len(name) - 1)
