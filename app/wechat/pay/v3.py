"""WeChat Pay API v3 (JSON, RSA, AES-GCM), behind ``PayGateway``.

Requests are signed with wechatpayv3's ``build_authorization`` (WeChat's
``WECHATPAY2-SHA256-RSA2048`` scheme) and its ``rsa_sign`` (the JSAPI ``paySign``), and
sent on our own session (``app.wechat.transport``): its client cannot take a session,
so the sandbox could only be reached by patching its internals. Answers and
notifications are verified one way (``check_signature``): the serial names a key in
``WECHAT_PAY_PLATFORM_KEYS`` (an unknown serial is refused, never fetched), the
timestamp is within five minutes of ``clock.now()``, and the RSA signature covers the
raw bytes.

Notifications do not depend on ``WECHAT_PAY_VERSION``: ``gateway("v3")`` needs only the
v3 credentials, so orders created under v3 keep settling after a switch back to v2.
The pure layer (``check_signature``, ``decrypt_resource``, ``open_notification``) takes
its keys and clock as arguments, for tests and vectors.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

import requests
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask_babel import gettext as _
from wechatpayv3.utils import build_authorization, rsa_sign

from app.core import clock, untrusted
from app.wechat import transport
from app.wechat.errors import WeChatUnavailable
from app.wechat.pay.papay_types import is_papay, papay_event
from app.wechat.pay.types import (
    Notification,
    NotificationRejected,
    PaymentNotice,
    PayRequestFailed,
    Prepay,
    RefundAccepted,
    RefundResult,
    TradeState,
    notify_url,
    wechat_id,
)
from app.wechat.signing import V3_SIGNATURE_TYPE, load_private_key_file, load_public_key_file, v3_message, verify_v3

log = logging.getLogger(__name__)

#: A notification or answer signed further than this from now (either way) is refused.
#: Tencent's own SDKs use the same window; there is deliberately no setting to widen it.
MAX_CLOCK_SKEW = dt.timedelta(minutes=5)
#: The only resource encryption v3 uses.
RESOURCE_ALGORITHM = "AEAD_AES_256_GCM"
#: WeChat's business errors for a close that has nothing left to do.
ALREADY_CLOSED = {"ORDER_CLOSED", "ORDERCLOSED"}

#: Sent to the WeChat sandbox while our clock is overridden (``clock.frozen_at``): the sandbox judges
#: WeChat's windows at that moment, and its notifications carry the header back. Never sent to WeChat.
SANDBOX_NOW_HEADER = "X-Sandbox-Now"

PAYMENT_EVENT = "TRANSACTION.SUCCESS"
REFUND_EVENTS = frozenset({"REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED"})


@dataclass(frozen=True)
class V3Notification:
    """A verified and decrypted v3 notification."""

    id: str | None
    event_type: str
    #: The decrypted ``resource`` (a transaction, a refund, ...), as WeChat sent it.
    resource: dict
    summary: str | None = None
    create_time: str | None = None


# -- the pure layer: verify and decrypt ---------------------------------------------------------

def check_signature(headers: Mapping[str, str], body: bytes, public_key_for, *, now: dt.datetime) -> None:
    """Check a v3 notification's or answer's signature; raises ``NotificationRejected``.

    ``public_key_for(serial)`` returns the platform key for a ``Wechatpay-Serial``
    (a certificate serial or a ``PUB_KEY_ID_...``), or None for one we do not know.
    ``body`` is the raw bytes as received.
    """
    lower = {str(k).lower(): v for k, v in headers.items()}
    timestamp = lower.get("wechatpay-timestamp")
    nonce = lower.get("wechatpay-nonce")
    signature = lower.get("wechatpay-signature")
    serial = lower.get("wechatpay-serial")
    if not (timestamp and nonce and signature and serial):
        raise NotificationRejected("missing_signature")
    # Absent in some genuine captures; anything else named there is not a scheme we verify.
    if lower.get("wechatpay-signature-type", V3_SIGNATURE_TYPE) != V3_SIGNATURE_TYPE:
        raise NotificationRejected("unsupported_signature_type")
    public_key = public_key_for(serial)
    if public_key is None:
        raise NotificationRejected("unknown_serial")
    if not (timestamp.isascii() and timestamp.isdecimal()) or len(timestamp) > 12:  # "²".isdigit() is True
        raise NotificationRejected("bad_timestamp")
    skew = abs(now.timestamp() - int(timestamp))
    if skew > MAX_CLOCK_SKEW.total_seconds():
        raise NotificationRejected("stale_timestamp")
    if not verify_v3(public_key, v3_message(timestamp, nonce, body), signature):
        raise NotificationRejected("bad_signature")


def decrypt_resource(resource: Mapping, apiv3_key: str | bytes) -> bytes:
    """Decrypt a notification's ``resource`` with the APIv3 key; raises ``NotificationRejected``."""
    if not isinstance(resource, Mapping):
        raise NotificationRejected("no_resource")
    if resource.get("algorithm", RESOURCE_ALGORITHM) != RESOURCE_ALGORITHM:
        raise NotificationRejected("unsupported_algorithm")
    nonce, ciphertext = resource.get("nonce"), resource.get("ciphertext")
    associated_data = resource.get("associated_data") or ""
    if not (isinstance(nonce, str) and isinstance(ciphertext, str) and isinstance(associated_data, str)):
        raise NotificationRejected("no_resource")
    key = apiv3_key.encode("utf-8") if isinstance(apiv3_key, str) else apiv3_key
    try:
        return AESGCM(key).decrypt(nonce.encode("utf-8"), base64.b64decode(ciphertext, validate=True),
                                   associated_data.encode("utf-8"))
    except (InvalidTag, ValueError):
        # A wrong key, a tampered ciphertext or associated data, or not base64: all look alike.
        raise NotificationRejected("undecryptable") from None


def open_notification(headers: Mapping[str, str], body: bytes, *, public_key_for, apiv3_key: str | bytes,
                      now: dt.datetime) -> V3Notification:
    """Verify a v3 notification, then decrypt its resource; raises ``NotificationRejected``."""
    check_signature(headers, body, public_key_for, now=now)
    try:
        envelope = untrusted.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise NotificationRejected("malformed_json") from None
    if not isinstance(envelope, dict) or not isinstance(envelope.get("event_type"), str):
        raise NotificationRejected("malformed_json")
    if untrusted.unstorable_field(envelope) is not None:  # a NUL or a lone surrogate: no column holds it
        raise NotificationRejected("malformed_json")
    if envelope.get("resource_type", "encrypt-resource") != "encrypt-resource":
        raise NotificationRejected("not_encrypted")
    plaintext = decrypt_resource(envelope.get("resource"), apiv3_key)
    try:
        resource = untrusted.loads(plaintext)
    except (UnicodeDecodeError, ValueError):
        raise NotificationRejected("malformed_resource") from None
    if not isinstance(resource, dict) or untrusted.unstorable_field(resource) is not None:
        raise NotificationRejected("malformed_resource")
    return V3Notification(id=envelope.get("id"), event_type=envelope["event_type"], resource=resource,
                          summary=envelope.get("summary"), create_time=envelope.get("create_time"))


def platform_keys(config: Mapping):
    """``public_key_for(serial)`` over ``WECHAT_PAY_PLATFORM_KEYS`` (serials compared case-insensitively)."""
    by_serial = {str(k).upper(): v for k, v in (config.get("WECHAT_PAY_PLATFORM_KEYS") or {}).items()}

    def public_key_for(serial: str):
        path = by_serial.get(serial.upper())
        return load_public_key_file(path) if path else None

    return public_key_for


# -- resources in our terms -----------------------------------------------------------------------

def payment_notice(transaction: Mapping) -> PaymentNotice:
    """A v3 transaction (a notification's resource or a query's answer) as a ``PaymentNotice``."""
    amount = transaction.get("amount") if isinstance(transaction.get("amount"), Mapping) else {}
    payer = transaction.get("payer") if isinstance(transaction.get("payer"), Mapping) else {}
    total = amount.get("total")
    # Our premiums are in CNY fen; an amount in anything else cannot match one (flagged as amount_mismatch).
    if amount.get("currency", "CNY") != "CNY" or not isinstance(total, int) or isinstance(total, bool):
        total = None
    return PaymentNotice(
        out_trade_no=str(transaction.get("out_trade_no") or ""),
        transaction_id=wechat_id(transaction.get("transaction_id")),
        total_fee=total,
        appid=transaction.get("appid"),
        mch_id=transaction.get("mchid"),
        succeeded=transaction.get("trade_state") == "SUCCESS",
        paid_at=parse_rfc3339(transaction.get("success_time")),
        openid=payer.get("openid"),
        raw=dict(transaction),
    )


def refund_result(refund: Mapping) -> RefundResult:
    """A v3 refund notification's resource as a ``RefundResult`` (status SUCCESS, ABNORMAL or CLOSED)."""
    amount = refund.get("amount") if isinstance(refund.get("amount"), Mapping) else {}
    refunded = amount.get("refund")
    return RefundResult(
        refund_no=str(refund.get("out_refund_no") or ""),
        status=str(refund.get("refund_status") or ""),
        refund_fee=refunded if isinstance(refunded, int) and not isinstance(refunded, bool) else None,
        wechat_refund_id=wechat_id(refund.get("refund_id")),
        succeeded_at=parse_rfc3339(refund.get("success_time")),
        mch_id=refund.get("mchid"),
        raw=dict(refund),
    )


def parse_rfc3339(value) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
        return moment.astimezone(clock.UTC) if moment.tzinfo else None
    except (ValueError, OverflowError):  # OverflowError: a time UTC cannot hold (year 1 at +14:00, year 9999 at -12:00)
        return None


def rfc3339(moment: dt.datetime) -> str:
    """WeChat's time format: RFC 3339 in Beijing time, e.g. ``2026-11-26T10:45:00+08:00``."""
    return clock.to_shanghai(moment).isoformat(timespec="seconds")


# -- the gateway ----------------------------------------------------------------------------------

class PayV3Gateway:
    """WeChat Pay v3: prepay, query, close, refund, refund query, notifications."""

    version = "v3"

    def __init__(self, config, transports: Mapping = ()):
        self.config = config
        self._merchant_key = load_private_key_file(config["WECHAT_PAY_PRIVATE_KEY_PATH"])
        self._base_url = config["WECHAT_PAY_BASE_URL"].rstrip("/")
        self._platform_key_id = self._request_serial()
        self._http = transport.mount_on(requests.Session(), dict(transports))
        self.notify_url = notify_url(config, self.version, "payment")
        self.refund_notify_url = notify_url(config, self.version, "refund")

    def _request_serial(self) -> str:
        """The platform key our requests name in ``Wechatpay-Serial``: a public key id if we hold one."""
        keys = self.config.get("WECHAT_PAY_PLATFORM_KEYS") or {}
        if not keys:
            raise RuntimeError("WECHAT_PAY_PLATFORM_KEYS names no WeChat Pay platform key; v3 needs one")
        return sorted(keys, key=lambda k: (not str(k).upper().startswith("PUB_KEY_ID_"), str(k)))[0]

    # -- calls to WeChat ------------------------------------------------------------------

    def prepay(self, *, out_trade_no: str, total_fee: int, description: str, openid: str, client_ip: str,
               created_at: dt.datetime, expires_at: dt.datetime) -> Prepay:
        """JSAPI order (``/v3/pay/transactions/jsapi``) and the RSA-signed ``wx.requestPayment`` parameters."""
        answer = self._call("POST", "/v3/pay/transactions/jsapi", {
            "appid": self.config["WECHAT_APPID"], "mchid": self.config["WECHAT_MCH_ID"],
            "description": description[:127], "out_trade_no": out_trade_no, "time_expire": rfc3339(expires_at),
            "notify_url": self.notify_url, "amount": {"total": total_fee, "currency": "CNY"},
            "payer": {"openid": openid}, "scene_info": {"payer_client_ip": client_ip},
        })
        prepay_id = answer.get("prepay_id")
        if not isinstance(prepay_id, str) or not prepay_id:
            raise WeChatUnavailable(_("WeChat Pay answered without a prepay id."))
        timestamp = str(int(clock.now().timestamp()))
        nonce = secrets.token_hex(16)
        package = f"prepay_id={prepay_id}"
        # WeChat's JSAPI scheme: RSA over "appId\ntimeStamp\nnonceStr\npackage\n".
        pay_sign = rsa_sign(self._merchant_key, v3_message(self.config["WECHAT_APPID"], timestamp, nonce,
                                                           package).decode("utf-8"))
        # wx.requestPayment in a mini-program takes no appId (as in v2).
        return Prepay(prepay_id=prepay_id, pay_params={
            "timeStamp": timestamp, "nonceStr": nonce, "package": package, "signType": "RSA", "paySign": pay_sign})

    def query(self, out_trade_no: str) -> TradeState:
        """The order at WeChat Pay: SUCCESS, NOTPAY, CLOSED, REFUND, PAYERROR, USERPAYING, REVOKED or NOTFOUND."""
        try:
            answer = self._call("GET", f"/v3/pay/transactions/out-trade-no/{out_trade_no}"
                                       f"?mchid={self.config['WECHAT_MCH_ID']}")
        except PayRequestFailed as failed:
            if failed.err_code == "ORDER_NOT_EXIST":
                return TradeState("NOTFOUND", None)
            raise
        self._check_merchant(answer)
        state = str(answer.get("trade_state") or "")
        return TradeState(state, payment_notice(answer) if state == "SUCCESS" else None)

    def close(self, out_trade_no: str) -> None:
        """Close an unpaid order at WeChat. ``PayRequestFailed("ORDERPAID")`` if it was paid meanwhile.

        WeChat refuses a close within 5 minutes of the order's creation: that refusal
        is a ``PayRequestFailed`` too (our orders wait before closing at WeChat).
        """
        try:
            self._call("POST", f"/v3/pay/transactions/out-trade-no/{out_trade_no}/close",
                       {"mchid": self.config["WECHAT_MCH_ID"]})
        except PayRequestFailed as failed:
            if failed.err_code in ALREADY_CLOSED:
                return
            # v3 documents no error code for "already paid": ask, so a payment is never missed.
            state = self.query(out_trade_no).state
            if state in ("SUCCESS", "REFUND"):
                raise PayRequestFailed("ORDERPAID", failed.message) from None
            if state == "CLOSED":
                return
            raise

    def refund(self, *, out_trade_no: str, transaction_id: str | None, out_refund_no: str, total_fee: int,
               refund_fee: int, reason: str) -> RefundAccepted:
        """Ask for a refund (``/v3/refund/domestic/refunds``); its result arrives as a REFUND.* notification."""
        payment = {"transaction_id": transaction_id} if transaction_id else {"out_trade_no": out_trade_no}
        answer = self._call("POST", "/v3/refund/domestic/refunds", {
            "notify_url": self.refund_notify_url, "out_refund_no": out_refund_no, **payment, "reason": reason[:80],
            "amount": {"refund": refund_fee, "total": total_fee, "currency": "CNY"},
        })
        return RefundAccepted(refund_id=answer.get("refund_id"))

    def query_refund(self, out_refund_no: str) -> RefundResult | None:
        """The refund at WeChat Pay (``/v3/refund/domestic/refunds/{out_refund_no}``); None if
        WeChat has no such refund. Its status is PROCESSING, SUCCESS, CLOSED or ABNORMAL."""
        try:
            answer = self._call("GET", f"/v3/refund/domestic/refunds/{out_refund_no}")
        except PayRequestFailed as failed:
            if failed.err_code == "RESOURCE_NOT_EXISTS":
                return None
            raise
        # The query's answer names the status ``status``; a notification's resource ``refund_status``.
        return refund_result({**answer, "refund_status": answer.get("status")})

    # -- notifications --------------------------------------------------------------------

    def parse_notification(self, headers: Mapping[str, str], body: bytes) -> Notification:
        """Verify and decrypt a notification: a payment (TRANSACTION.SUCCESS), a refund (REFUND.*),
        or another event, kept unread; ``NotificationRejected`` if untrustworthy."""
        event = open_notification(headers, body, public_key_for=platform_keys(self.config),
                                  apiv3_key=self.config["WECHAT_PAY_APIV3_KEY"], now=clock.now())
        if is_papay(event.event_type, event.resource):
            return Notification(event.event_type, papay=papay_event(
                event.event_type, event.resource, notification_id=event.id, sandbox_now=self.sandbox_now(headers)))
        if event.event_type == PAYMENT_EVENT:
            return Notification(event.event_type, payment=payment_notice(event.resource))
        if event.event_type in REFUND_EVENTS:
            return Notification(event.event_type, refund=refund_result(event.resource))
        return Notification(event.event_type)

    def sandbox_now(self, headers: Mapping[str, str]) -> dt.datetime | None:
        """The sandbox's time travel a notification carries (``X-Sandbox-Now``); None from WeChat, or
        whenever the sandbox is off (the header is outside the signature: only the sandbox's is read)."""
        if not self.config.get("WECHAT_SANDBOX"):
            return None
        value = {str(k).lower(): v for k, v in headers.items()}.get(SANDBOX_NOW_HEADER.lower())
        return parse_rfc3339(value)

    # -- internals ------------------------------------------------------------------------

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        """One signed v3 call and its verified answer (``{}`` for a 204), for the v3-only products built on
        this gateway's keys and transport (``papay``); raises ``PayRequestFailed`` / ``WeChatUnavailable``."""
        return self._call(method, path, body)

    def _call(self, method: str, path: str, body: dict | None = None) -> dict:
        """One v3 call: the verified 2xx answer as a dict, or our exceptions."""
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")) if body is not None else ""
        headers = {
            "Authorization": build_authorization(path, method, self.config["WECHAT_MCH_ID"],
                                                 self.config["WECHAT_PAY_CERT_SERIAL"], self._merchant_key, data=data),
            "Accept": "application/json", "Content-Type": "application/json",
            "Wechatpay-Serial": self._platform_key_id,
        }
        travelled = clock.overridden()
        if travelled is not None and self.config.get("WECHAT_SANDBOX"):
            headers[SANDBOX_NOW_HEADER] = rfc3339(travelled)
        try:
            response = self._http.request(method, self._base_url + path, data=data.encode("utf-8") or None,
                                          headers=headers, timeout=self.config["WECHAT_HTTP_TIMEOUT"])
        except requests.RequestException as exc:
            log.warning("wechat pay v3 unreachable: %s", type(exc).__name__)
            raise WeChatUnavailable(_("WeChat Pay is not answering right now; please try again.")) from None
        status = response.status_code
        if 200 <= status < 300:
            try:
                check_signature(response.headers, response.content, platform_keys(self.config), now=clock.now())
            except NotificationRejected as rejected:
                log.warning("wechat pay v3 answer failed verification: %s", rejected.reason)
                raise WeChatUnavailable(_("WeChat Pay's answer could not be verified.")) from None
            answer = _json_object(response.content)
            if answer is None:
                raise WeChatUnavailable(_("WeChat Pay's answer could not be read."))
            return answer
        error = _json_object(response.content) or {}
        code, message = error.get("code"), error.get("message")
        if status == 401:
            # WeChat could not verify *us*: WECHAT_PAY_CERT_SERIAL or the merchant key is wrong.
            log.error("wechat pay v3 refused our signature (%s): check the merchant key and serial", code)
            raise WeChatUnavailable(_("WeChat Pay refused our credentials."))
        if status == 429 or status >= 500 or not code:
            log.warning("wechat pay v3 answered %s %s", status, code)
            raise WeChatUnavailable(_("WeChat Pay is not answering right now; please try again."))
        raise PayRequestFailed(str(code), message if isinstance(message, str) else None)

    def _check_merchant(self, answer: Mapping) -> None:
        if answer.get("appid") not in (None, self.config["WECHAT_APPID"]) or answer.get("mchid") not in (
            None, self.config["WECHAT_MCH_ID"]
        ):
            raise WeChatUnavailable(_("WeChat Pay answered for another merchant."))


def _json_object(text) -> dict | None:
    """A 2xx or error answer's JSON object; ``{}`` for an empty body (204), None when unreadable."""
    if text in (None, b"", ""):
        return {}
    try:
        value = untrusted.loads(text)
    except (UnicodeDecodeError, ValueError, TypeError):
        return None
    return value if isinstance(value, dict) else None
