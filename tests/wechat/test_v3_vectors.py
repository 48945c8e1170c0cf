"""Our v3 verification and decryption against Tencent's own test data (wechatpay-go)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from app.core import clock
from app.wechat.pay import NotificationRejected
from app.wechat.pay.v3 import check_signature, decrypt_resource, open_notification
from app.wechat.signing import load_public_key_file
from tests.payments.v3_helpers import another_rsa_key

VECTORS = Path(__file__).parent.parent / "vectors"
NOTIFY = json.loads((VECTORS / "v3_notify_wechatpay_go.json").read_text())
#: The raw bytes as WeChat sent them: never re-serialised.
BODY = (VECTORS / "v3_notify_wechatpay_go_body.json").read_bytes()
CERT_PATH = str(VECTORS / "v3_wechatpay_go_platform_cert.pem")
SIGNED_AT = dt.datetime.fromtimestamp(int(NOTIFY["headers"]["Wechatpay-Timestamp"]), clock.UTC)
AES = json.loads((VECTORS / "v3_aes_gcm_wechatpay_go.json").read_text())


def tencents_key(serial: str):
    return load_public_key_file(CERT_PATH) if serial == "D7CE59D1F522D701" else None


def open_vector(headers=None, body=BODY, now=SIGNED_AT, public_key_for=tencents_key, apiv3_key=NOTIFY["apiv3_key"]):
    return open_notification(headers or NOTIFY["headers"], body, public_key_for=public_key_for,
                             apiv3_key=apiv3_key, now=now)


def reason(**kwargs) -> str:
    with pytest.raises(NotificationRejected) as rejected:
        open_vector(**kwargs)
    return rejected.value.reason


# -- the notification vector, directly ----------------------------------------------------------

def test_the_vector_verifies_and_decrypts_to_its_plaintext():
    event = open_vector()
    assert event.event_type == "PAYSCORE.USER_OPEN_SERVICE"
    assert event.id == "3119dfba-e649-5eec-ab1e-3412bc4d2e17"
    assert event.resource == json.loads(NOTIFY["expected_plaintext"])


def test_the_vector_is_verified_over_the_raw_bytes_not_a_reserialisation():
    reserialised = json.dumps(json.loads(BODY), ensure_ascii=False).encode()
    assert reserialised != BODY
    assert reason(body=reserialised) == "bad_signature"


def test_the_vectors_signature_fails_for_a_single_changed_byte():
    tampered = BODY.replace(b'"summary":"', b'"summary":"!')
    assert reason(body=tampered) == "bad_signature"


@pytest.mark.parametrize("seconds", [301, -301, 3600])
def test_the_vector_is_stale_more_than_five_minutes_from_its_time(seconds):
    assert reason(now=SIGNED_AT + dt.timedelta(seconds=seconds)) == "stale_timestamp"


@pytest.mark.parametrize("seconds", [299, -299])
def test_the_vector_is_fresh_within_five_minutes(seconds):
    assert open_vector(now=SIGNED_AT + dt.timedelta(seconds=seconds)).event_type == "PAYSCORE.USER_OPEN_SERVICE"


def test_the_vector_replayed_today_is_stale():
    assert reason(now=clock.now()) == "stale_timestamp"


def test_an_unknown_serial_is_refused_not_fetched():
    assert reason(public_key_for=lambda serial: None) == "unknown_serial"


def test_the_vector_under_another_platform_key_is_refused(tmp_path):
    other = tmp_path / "other.pem"
    other.write_bytes(another_rsa_key().public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    assert reason(public_key_for=lambda serial: load_public_key_file(str(other))) == "bad_signature"


def test_the_vector_with_another_apiv3_key_does_not_decrypt():
    assert reason(apiv3_key="testMchAPIv3Key1") == "undecryptable"


@pytest.mark.parametrize("missing", ["Wechatpay-Signature", "Wechatpay-Timestamp", "Wechatpay-Nonce",
                                     "Wechatpay-Serial"])
def test_a_missing_signature_header_is_refused(missing):
    headers = {k: v for k, v in NOTIFY["headers"].items() if k != missing}
    assert reason(headers=headers) == "missing_signature"


def test_header_names_are_matched_case_insensitively():
    lower = {k.lower(): v for k, v in NOTIFY["headers"].items()}
    check_signature(lower, BODY, tencents_key, now=SIGNED_AT)


def test_a_signature_type_other_than_rsa_sha256_is_refused():
    headers = dict(NOTIFY["headers"], **{"Wechatpay-Signature-Type": "WECHATPAY2-SM2-WITH-SM3"})
    assert reason(headers=headers) == "unsupported_signature_type"


# -- the AES-GCM vector --------------------------------------------------------------------------

def aes_resource():
    return {"algorithm": "AEAD_AES_256_GCM", "nonce": AES["nonce"], "ciphertext": AES["ciphertext"],
            "associated_data": AES["associated_data"]}


def test_the_aes_gcm_vector_decrypts_to_its_plaintext():
    assert decrypt_resource(aes_resource(), AES["apiv3_key"]).decode() == AES["expected_plaintext"]


def test_the_aes_gcm_vector_fails_with_the_wrong_key():
    with pytest.raises(NotificationRejected) as rejected:
        decrypt_resource(aes_resource(), AES["wrong_key_must_fail"])
    assert rejected.value.reason == "undecryptable"


def test_the_aes_gcm_vector_fails_with_other_associated_data():
    with pytest.raises(NotificationRejected):
        decrypt_resource(dict(aes_resource(), associated_data="transaction"), AES["apiv3_key"])
