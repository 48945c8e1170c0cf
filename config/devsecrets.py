"""Development credentials, generated once into ``var/dev/`` and never committed.

Development and testing run with no environment at all: the app and its WeChat
sandbox need the same secrets, API keys and RSA keys, so they are generated on
first use and read back by every process afterwards (gunicorn workers, the job
worker, the test suite). A variable set in the environment always wins over these.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import secrets
from pathlib import Path

SECRETS_FILE = "secrets.json"
#: The seeded example insurer's code (``app.catalog.seed.EXAMPLE_INSURER``): the development ``insurer``
#: partner speaks for it, so it moves the claims of every policy development sells.
DEV_INSURER_CODE = "example"


def load_dev_secrets(directory: Path) -> dict:
    """Return the development secrets in ``directory``, generating them the first time (and bringing a file
    an older release generated up to date)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / SECRETS_FILE
    if path.exists():
        values = json.loads(path.read_text())
        if _brought_up_to_date(values) is None:
            return values
    with open(directory / ".lock", "w") as lock:
        # Several processes start at once (gunicorn workers, the job worker): one generates.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            _write(path, _generate(directory))
        else:
            updated = _brought_up_to_date(json.loads(path.read_text()))
            if updated is not None:
                _write(path, updated)
    return json.loads(path.read_text())


def _write(path: Path, values: dict) -> None:
    tmp = path.parent / f".{SECRETS_FILE}.{os.getpid()}"
    tmp.write_text(json.dumps(values, indent=2))
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def _brought_up_to_date(values: dict) -> dict | None:
    """``values`` with what later releases need added, or None when nothing is missing. Its secrets stay: a
    developer's partner scripts and data go on working. A claims partner must name the insurer it speaks for
    (docs/api.md, Partner webhooks); files generated before that name none for the ``insurer`` partner."""
    partners = json.loads(values.get("PARTNER_SECRETS") or "{}")
    insurer = partners.get("insurer")
    if not isinstance(insurer, dict) or "claims" not in insurer.get("scopes", ()) or "insurer" in insurer:
        return None
    insurer["insurer"] = DEV_INSURER_CODE
    return dict(values, PARTNER_SECRETS=json.dumps(partners))


def _generate(directory: Path) -> dict:
    merchant_key, merchant_cert, serial = _merchant_certificate()
    platform_key = _rsa_key()
    platform_key_id = "PUB_KEY_ID_" + secrets.token_hex(16).upper()

    files = {
        "apiclient_key.pem": _private_pem(merchant_key),
        "apiclient_cert.pem": merchant_cert,
        "sandbox_platform_key.pem": _private_pem(platform_key),
        "sandbox_platform_pub.pem": _public_pem(platform_key),
    }
    for name, data in files.items():
        target = directory / name
        target.write_bytes(data)
        os.chmod(target, 0o600)

    return {
        "SECRET_KEY": secrets.token_urlsafe(48),
        "PII_KEY": secrets.token_urlsafe(32),
        "WECHAT_APPID": "wx" + secrets.token_hex(8),
        "WECHAT_SECRET": secrets.token_hex(16),
        "WECHAT_MCH_ID": str(1_600_000_000 + secrets.randbelow(99_999_999)),
        "WECHAT_PAY_API_KEY": secrets.token_hex(16),
        "WECHAT_PAY_CERT_PATH": str(directory / "apiclient_cert.pem"),
        "WECHAT_PAY_KEY_PATH": str(directory / "apiclient_key.pem"),
        "WECHAT_PAY_APIV3_KEY": secrets.token_hex(16),
        "WECHAT_PAY_CERT_SERIAL": serial,
        "WECHAT_PAY_PRIVATE_KEY_PATH": str(directory / "apiclient_key.pem"),
        "WECHAT_PAY_PLATFORM_KEYS": json.dumps({platform_key_id: str(directory / "sandbox_platform_pub.pem")}),
        "SANDBOX_PLATFORM_PRIVATE_KEY_PATH": str(directory / "sandbox_platform_key.pem"),
        "SANDBOX_PLATFORM_KEY_ID": platform_key_id,
        "PARTNER_SECRETS": json.dumps({
            "insurer": {"secret": secrets.token_urlsafe(32), "scopes": ["claims"], "insurer": DEV_INSURER_CODE},
            "hospital": {"secret": secrets.token_urlsafe(32), "scopes": ["scenarios"]},
        }),
    }


def _rsa_key():
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _private_pem(key) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _public_pem(key) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _merchant_certificate():
    """A self-signed stand-in for the merchant API certificate WeChat Pay issues."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    key = _rsa_key()
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Redcover development merchant"),
        x509.NameAttribute(NameOID.COMMON_NAME, "Redcover sandbox"),
    ])
    now = dt.datetime.now(dt.timezone.utc)
    serial = x509.random_serial_number()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    return key, cert.public_bytes(serialization.Encoding.PEM), format(serial, "X")
