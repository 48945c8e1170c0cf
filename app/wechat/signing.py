"""WeChat Pay v2 signatures: one way to sign and one way to verify, constant-time.

Signing is wechatpy's (the canonical ``k=v&...&key=API_KEY`` string, MD5 or
HMAC-SHA256, upper-case hex). Verification recomputes it and compares with
``hmac.compare_digest``; wechatpy's own checks compare with ``!=``.

v3 signs with RSA instead (PKCS#1 v1.5, SHA-256) over newline-terminated lines:
``sign_v3`` / ``verify_v3`` below, and the PEM loaders for the keys they use.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hmac
import os

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from wechatpy.pay.utils import calculate_signature, calculate_signature_hmac

MD5 = "MD5"
HMAC_SHA256 = "HMAC-SHA256"


def sign_v2(params: dict, api_key: str, sign_type: str = MD5) -> str:
    """Sign ``params`` (without ``sign``); empty values are left out, as WeChat does."""
    unsigned = {k: v for k, v in params.items() if k != "sign"}
    if sign_type == HMAC_SHA256:
        return calculate_signature_hmac(unsigned, api_key)
    if sign_type == MD5:
        return calculate_signature(unsigned, api_key)
    raise ValueError(f"unknown sign_type {sign_type!r}")


def verify_v2(params: dict, api_key: str) -> bool:
    """Whether ``params["sign"]`` is the signature of the rest, by their ``sign_type`` (MD5 default)."""
    given = params.get("sign")
    if not isinstance(given, str) or not given:
        return False
    try:
        expected = sign_v2(params, api_key, params.get("sign_type") or MD5)
    except ValueError:
        return False
    return hmac.compare_digest(given.upper().encode(), expected.encode())


# -- v3: RSA-SHA256 over newline-terminated lines ------------------------------------------------

#: The only signature scheme WeChat Pay v3 uses (header ``Wechatpay-Signature-Type``).
V3_SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048"


def v3_message(*lines: str | bytes) -> bytes:
    """What v3 signs: each line followed by ``\n``. Bytes are kept exactly (a body is never re-serialised)."""
    return b"".join((line if isinstance(line, bytes) else line.encode("utf-8")) + b"\n" for line in lines)


def sign_v3(private_key: rsa.RSAPrivateKey, message: bytes) -> str:
    """Base64 RSA PKCS#1 v1.5 SHA-256 signature of ``message``."""
    return base64.b64encode(private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())).decode("ascii")


def verify_v3(public_key: rsa.RSAPublicKey, message: bytes, signature: str) -> bool:
    """Whether ``signature`` (base64) is ``public_key``'s signature of ``message``."""
    try:
        raw = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        return False
    try:
        public_key.verify(raw, message, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


class KeyFileError(ValueError):
    """A configured key file is not an RSA key in PEM (the message names the path, never the key)."""


def load_public_key_file(path: str) -> rsa.RSAPublicKey:
    """An RSA public key from a PEM file holding a public key or an X.509 certificate.

    WeChat Pay hands out platform *public keys* (``PUB_KEY_ID_...``) to newer merchants
    and platform *certificates* to older ones; both are accepted. Cached per file
    version, so a replaced file is read again without a restart.
    """
    stat = os.stat(path)
    return _load_public_key(path, stat.st_mtime_ns, stat.st_size)


def load_private_key_file(path: str) -> rsa.RSAPrivateKey:
    """An unencrypted RSA private key (PKCS#8 or PKCS#1 PEM), cached per file version."""
    stat = os.stat(path)
    return _load_private_key(path, stat.st_mtime_ns, stat.st_size)


def load_certificate_file(path: str) -> x509.Certificate:
    stat = os.stat(path)
    return _load_certificate(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _load_public_key(path: str, _mtime_ns: int, _size: int) -> rsa.RSAPublicKey:
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        key = (x509.load_pem_x509_certificate(data).public_key() if b"-----BEGIN CERTIFICATE-----" in data
               else serialization.load_pem_public_key(data))
    except ValueError:
        raise KeyFileError(f"{path} is not a PEM public key or certificate") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise KeyFileError(f"{path} does not hold an RSA key")
    return key


@functools.lru_cache(maxsize=8)
def _load_private_key(path: str, _mtime_ns: int, _size: int) -> rsa.RSAPrivateKey:
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise KeyFileError(f"{path} is not an unencrypted PEM private key") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise KeyFileError(f"{path} does not hold an RSA key")
    return key


@functools.lru_cache(maxsize=8)
def _load_certificate(path: str, _mtime_ns: int, _size: int) -> x509.Certificate:
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return x509.load_pem_x509_certificate(data)
    except ValueError:
        raise KeyFileError(f"{path} is not a PEM certificate") from None
