"""WeChat Pay, one interface for both API versions: ``gateway()`` and the types in ``types``.

``gateway()`` is the configured ``WECHAT_PAY_VERSION``'s; ``gateway("v2")`` or
``gateway("v3")`` the one asked for, so a notification is verified by the version that
sent it whatever is configured now (a late v2 notification after a switch to v3, say),
while the merchant holds that version's keys.
"""

from __future__ import annotations

from flask import current_app

from app.wechat import transport
from app.wechat.errors import WeChatUnavailable
from app.wechat.pay.types import (
    RETRYABLE_REFUND_ERRORS,
    Notification,
    NotificationRejected,
    PaymentNotice,
    PayGateway,
    PayNotConfigured,
    PayRequestFailed,
    Prepay,
    RefundAccepted,
    RefundResult,
    TradeState,
    notify_url,
)
from app.wechat.pay.papay import PapayClient
from app.wechat.pay.v2 import PayV2Gateway
from app.wechat.pay.v3 import PayV3Gateway

__all__ = [
    "RETRYABLE_REFUND_ERRORS", "Notification", "NotificationRejected", "PayGateway", "PayNotConfigured",
    "PayRequestFailed", "PaymentNotice", "Prepay", "RefundAccepted", "RefundResult", "TradeState",
    "WeChatUnavailable", "gateway", "notify_url", "papay",
]

#: Each version's gateway, and the settings it cannot work without.
GATEWAYS = {
    "v2": (PayV2Gateway, ("WECHAT_PAY_API_KEY",)),
    "v3": (PayV3Gateway, ("WECHAT_PAY_APIV3_KEY", "WECHAT_PAY_CERT_SERIAL", "WECHAT_PAY_PRIVATE_KEY_PATH",
                          "WECHAT_PAY_PLATFORM_KEYS")),
}


def gateway(version: str | None = None) -> PayGateway:
    """The gateway of ``version`` (default: ``WECHAT_PAY_VERSION``), built once per app.

    ``PayNotConfigured`` when the merchant holds no credentials for that version.
    """
    config = current_app.config
    version = version or config["WECHAT_PAY_VERSION"]
    built = current_app.extensions.setdefault("wechat_pay", {})
    if version not in built:
        cls, needs = GATEWAYS[version]
        missing = [key for key in needs if not config.get(key)]
        if missing:
            raise PayNotConfigured(f"WeChat Pay {version} needs {', '.join(missing)}")
        built[version] = cls(config, transport.mounted_here())
    return built[version]


def papay() -> PapayClient:
    """The insurance contract deduction client (API v3 whatever ``WECHAT_PAY_VERSION`` says), built once
    per app; ``PayNotConfigured`` when the merchant holds no v3 credentials."""
    config = current_app.config
    built = current_app.extensions.setdefault("wechat_pay", {})
    if "papay" not in built:
        missing = [key for key in GATEWAYS["v3"][1] if not config.get(key)]
        if missing:
            raise PayNotConfigured(f"WeChat Pay contract deduction (v3) needs {', '.join(missing)}")
        built["papay"] = PapayClient(config, transport.mounted_here())
    return built["papay"]
