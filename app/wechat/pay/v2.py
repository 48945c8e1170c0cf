"""WeChat Pay API v2 (XML), behind ``PayGateway``: calls through wechatpy, checks by us.

wechatpy makes the calls (its request signing and XML) and signs ``wx.requestPayment``
(MD5). It verifies neither WeChat's answers nor, in constant time or with HMAC-SHA256,
notifications: ``verify_v2`` does both, honouring each message's ``sign_type``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping

import requests
from flask_babel import gettext as _
from wechatpy.exceptions import WeChatPayException
from wechatpy.pay import WeChatPay

from app.core import clock
from app.wechat import transport
from app.wechat.errors import WeChatUnavailable
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
from app.wechat.signing import verify_v2
from app.wechat.xml import MalformedXML, UnsafeXML, parse_flat_xml

log = logging.getLogger(__name__)


class PayV2Gateway:
    version = "v2"

    def __init__(self, config, transports: Mapping = ()):
        self.config = config
        self.client = WeChatPay(
            appid=config["WECHAT_APPID"],
            api_key=config["WECHAT_PAY_API_KEY"],
            mch_id=config["WECHAT_MCH_ID"],
            mch_cert=config.get("WECHAT_PAY_CERT_PATH"),
            mch_key=config.get("WECHAT_PAY_KEY_PATH"),
            timeout=config["WECHAT_HTTP_TIMEOUT"],
        )
        self.client.API_BASE_URL = config["WECHAT_PAY_BASE_URL"]
        # wechatpy keeps its HTTP session there, and offers no other way to choose the transport.
        transport.mount_on(self.client._http, dict(transports))
        self.notify_url = notify_url(config, self.version, "payment")
        self.refund_notify_url = notify_url(config, self.version, "refund")

    # -- calls to WeChat ------------------------------------------------------------------

    def prepay(self, *, out_trade_no: str, total_fee: int, description: str, openid: str, client_ip: str,
               created_at: dt.datetime, expires_at: dt.datetime) -> Prepay:
        """JSAPI unified order; ``time_expire`` matches our own close."""
        result = self._call(
            self.client.order.create,
            trade_type="JSAPI", body=description[:128], total_fee=total_fee, notify_url=self.notify_url,
            client_ip=client_ip, user_id=openid, out_trade_no=out_trade_no,
            time_start=clock.to_shanghai(created_at), time_expire=clock.to_shanghai(expires_at),
        )
        prepay_id = result.get("prepay_id")
        if not prepay_id:
            raise WeChatUnavailable(_("WeChat Pay answered without a prepay id."))
        params = self.client.jsapi.get_jsapi_params(prepay_id)
        params.pop("appId", None)  # wx.requestPayment in a mini-program does not take it
        return Prepay(prepay_id=prepay_id, pay_params=params)

    def query(self, out_trade_no: str) -> TradeState:
        try:
            result = self._call(self.client.order.query, out_trade_no=out_trade_no)
        except PayRequestFailed as failed:
            if failed.err_code == "ORDERNOTEXIST":
                return TradeState("NOTFOUND", None)
            raise
        state = result.get("trade_state", "")
        return TradeState(state, self._notice(result) if state == "SUCCESS" else None)

    def close(self, out_trade_no: str) -> None:
        """Close an unpaid order at WeChat. ``PayRequestFailed("ORDERPAID")`` if it was paid meanwhile."""
        try:
            self._call(self.client.order.close, out_trade_no)
        except PayRequestFailed as failed:
            if failed.err_code == "ORDERCLOSED":
                return
            raise

    def refund(self, *, out_trade_no: str, transaction_id: str | None, out_refund_no: str, total_fee: int,
               refund_fee: int, reason: str) -> RefundAccepted:
        """Ask for a refund (secapi/pay/refund, with the merchant client certificate)."""
        result = self._call(
            self.client.refund.apply, total_fee=total_fee, refund_fee=refund_fee, out_refund_no=out_refund_no,
            transaction_id=transaction_id, out_trade_no=None if transaction_id else out_trade_no,
            refund_desc=reason[:80], notify_url=self.refund_notify_url,
        )
        return RefundAccepted(refund_id=result.get("refund_id"))

    def query_refund(self, out_refund_no: str) -> RefundResult | None:
        """The refund at WeChat Pay (``pay/refundquery``); None if WeChat has no such refund.

        Its status is PROCESSING, SUCCESS, REFUNDCLOSE or CHANGE, as in a refund notification.
        """
        try:
            answer = self._call(self.client.refund.query, out_refund_no=out_refund_no)
        except PayRequestFailed as failed:
            if failed.err_code == "REFUNDNOTEXIST":
                return None
            raise
        # Listed by index; we asked for one refund number, so find that one.
        index = next((i for i in range(int(answer.get("refund_count") or 0))
                      if answer.get(f"out_refund_no_{i}") == out_refund_no), None)
        if index is None:
            return None
        return RefundResult(
            refund_no=out_refund_no, status=answer.get(f"refund_status_{index}", ""),
            refund_fee=_int_or_none(answer.get(f"refund_fee_{index}")),
            wechat_refund_id=wechat_id(answer.get(f"refund_id_{index}")),
            succeeded_at=_parse_shanghai_time(answer.get(f"refund_success_time_{index}"), "%Y-%m-%d %H:%M:%S"),
            raw={k: v for k, v in answer.items() if k != "sign"},
        )

    # -- notifications --------------------------------------------------------------------

    def parse_notification(self, headers: Mapping[str, str], body: bytes) -> Notification:
        """Verify and read a payment notification (signed fields) or a refund notification
        (``req_info``, encrypted with our key); ``NotificationRejected`` if untrustworthy."""
        try:
            fields = parse_flat_xml(body)  # refuses DTDs and entities before anything else reads the body
        except UnsafeXML:
            raise NotificationRejected("dtd_or_entity") from None
        except MalformedXML:
            raise NotificationRejected("malformed_xml") from None
        if "req_info" in fields:
            refund = self._refund_result(fields)
            return Notification(event_type="REFUND." + refund.status, refund=refund)
        if not verify_v2(fields, self.config["WECHAT_PAY_API_KEY"]):
            raise NotificationRejected("bad_signature")
        if not fields.get("out_trade_no"):
            raise NotificationRejected("no_out_trade_no")
        try:
            notice = self._notice(fields)
        except ValueError:
            raise NotificationRejected("malformed_fields") from None
        return Notification(event_type="TRANSACTION." + ("SUCCESS" if notice.succeeded else "FAIL"), payment=notice)

    def _refund_result(self, outer: dict) -> RefundResult:
        """Decrypt a refund notification's ``req_info``: only a body encrypted with our key is WeChat's. Its outer
        appid and mch_id, which nothing signs, are compared with ours once it has decrypted."""
        if outer.get("return_code") != "SUCCESS" or not outer.get("req_info"):
            raise NotificationRejected("no_req_info")
        ours = {"appid": self.client.appid, "mch_id": self.client.mch_id}
        try:
            # wechatpy compares the outer fields before it decrypts, and a forgery naming another merchant would
            # pass for a verified notification of theirs (kept whole, never counted): it is given ours to compare.
            data = self.client.parse_refund_notify_result({**outer, **ours})
        except Exception:  # base64, padding, XML inside: not encrypted with our key
            raise NotificationRejected("undecryptable") from None
        if outer.get("appid") != ours["appid"]:
            raise NotificationRejected("appid_mismatch")
        if outer.get("mch_id") != ours["mch_id"]:
            raise NotificationRejected("mch_id_mismatch")
        if not isinstance(data, dict) or not data.get("out_refund_no"):
            raise NotificationRejected("malformed_fields")
        return RefundResult(
            refund_no=data["out_refund_no"], status=data.get("refund_status", ""),
            refund_fee=_int_or_none(data.get("refund_fee")), wechat_refund_id=wechat_id(data.get("refund_id")),
            succeeded_at=_parse_shanghai_time(data.get("success_time"), "%Y-%m-%d %H:%M:%S"), raw=dict(data),
        )

    # -- internals ------------------------------------------------------------------------

    def _notice(self, data: dict) -> PaymentNotice:
        """A notification's or query's fields in our terms; ``ValueError`` for a fee that is not a number."""
        total_fee = data.get("total_fee")
        return PaymentNotice(
            out_trade_no=data.get("out_trade_no", ""),
            transaction_id=wechat_id(data.get("transaction_id")),
            total_fee=int(total_fee) if total_fee not in (None, "") else None,
            appid=data.get("appid"),
            mch_id=data.get("mch_id"),
            succeeded=data.get("return_code") == "SUCCESS" and data.get("result_code") == "SUCCESS",
            paid_at=_parse_shanghai_time(data.get("time_end")),
            openid=data.get("openid"),
            raw={k: v for k, v in data.items() if k != "sign"},
        )

    def _call(self, fn, *args, **kwargs) -> dict:
        try:
            result = fn(*args, **kwargs)
        except WeChatPayException as exc:
            if exc.return_code == "SUCCESS" and exc.result_code == "FAIL":
                raise PayRequestFailed(exc.errcode, exc.errmsg) from None
            log.warning("wechat pay refused a call: return_code=%s", exc.return_code)
            raise WeChatUnavailable(_("WeChat Pay is not answering right now; please try again.")) from None
        except requests.RequestException as exc:
            log.warning("wechat pay unreachable: %s", type(exc).__name__)
            raise WeChatUnavailable(_("WeChat Pay is not answering right now; please try again.")) from None
        if not isinstance(result, dict) or not verify_v2(result, self.config["WECHAT_PAY_API_KEY"]):
            # wechatpy does not check WeChat's answers; an unsigned or forged one is not trusted.
            log.warning("wechat pay answer failed signature verification")
            raise WeChatUnavailable(_("WeChat Pay's answer could not be verified."))
        if result.get("appid") not in (None, self.config["WECHAT_APPID"]) or result.get("mch_id") not in (
            None, self.config["WECHAT_MCH_ID"]
        ):
            raise WeChatUnavailable(_("WeChat Pay answered for another merchant."))
        return result


#: WeChat Pay v2's time of payment: yyyyMMddHHmmss, Beijing time.
COMPACT_TIME = "%Y%m%d%H%M%S"


def _parse_shanghai_time(value: str | None, fmt: str = COMPACT_TIME) -> dt.datetime | None:
    """A Beijing time WeChat Pay wrote in ``fmt``, in UTC; None when it is not one."""
    if not value:
        return None
    try:
        if fmt == COMPACT_TIME:
            # Read by position, fourteen ASCII digits or nothing: strptime cost a notification more than checking
            # its signature, and accepted fields of any width.
            if len(value) != 14 or not value.isascii() or not value.isdigit():
                return None
            local = dt.datetime(int(value[:4]), int(value[4:6]), int(value[6:8]), int(value[8:10]), int(value[10:12]),
                                int(value[12:]), tzinfo=clock.SHANGHAI)
        else:
            local = dt.datetime.strptime(value, fmt).replace(tzinfo=clock.SHANGHAI)
        return local.astimezone(clock.UTC)
    except (ValueError, OverflowError):  # OverflowError: a time in year 1 that is before year 1 in UTC
        return None


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
