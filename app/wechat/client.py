"""The mini-program side of WeChat: login, phone numbers, encrypted data, subscribe messages.

This package is the only code that imports wechatpy. Every call goes through
wechatpy's real request and parsing code; in development and testing its base URL
points at our sandbox instead of ``api.weixin.qq.com``, reached through the transport
the app mounts (``app.wechat.transport``).
"""

from __future__ import annotations

import logging
import time

import regex
import requests
from flask import current_app
from flask_babel import gettext as _
from wechatpy import WeChatClient
from wechatpy.crypto import WeChatWxaCrypto
from wechatpy.exceptions import InvalidAppIdException, WeChatClientException
from wechatpy.session.redisstorage import RedisStorage

from app.wechat import transport
from app.wechat.errors import (
    BUSY_ERRCODES,
    INVALID_CODE_ERRCODES,
    RATE_LIMITED_ERRCODES,
    DecryptionFailed,
    InvalidCode,
    WeChatRateLimited,
    WeChatUnavailable,
)

log = logging.getLogger(__name__)


class MiniProgramClient(WeChatClient):
    """wechatpy's client with every API group and the token URL under one base URL."""

    def __init__(self, appid: str, secret: str, base_url: str, session, timeout: float, transports=()):
        super().__init__(appid, secret, session=session, timeout=timeout)
        # wechatpy keeps its HTTP session there, and offers no other way to choose the transport.
        transport.mount_on(self._http, dict(transports))
        self.base_url = base_url
        self.API_BASE_URL = base_url + "cgi-bin/"
        self.wxa.API_BASE_URL = base_url

    def fetch_access_token(self):
        # wechatpy hard-codes WeChat's host for the token URL and sends no timeout.
        response = self._http.get(
            self.base_url + "cgi-bin/token",
            params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
            timeout=self.timeout,
        )
        result = self._handle_token_response(response)
        expires_in = int(result.get("expires_in", 7200))
        # Refresh a little early so a token never expires between our check and WeChat's.
        self.session.set(self.access_token_key, result["access_token"], max(expires_in - 300, 60))
        self.expires_at = int(time.time()) + expires_in
        return result

    def _handle_token_response(self, response):
        try:
            response.raise_for_status()
            result = response.json()
        except (requests.RequestException, ValueError):
            raise WeChatClientException(None, "token endpoint failed", client=self, response=response) from None
        if result.get("errcode", 0) != 0:
            raise WeChatClientException(result["errcode"], result.get("errmsg"), client=self, response=response)
        return result


def _client() -> MiniProgramClient:
    client = current_app.extensions.get("wechat_client")
    if client is None:
        config = current_app.config
        client = MiniProgramClient(
            config["WECHAT_APPID"],
            config["WECHAT_SECRET"],
            config["WECHAT_API_BASE_URL"],
            session=RedisStorage(current_app.extensions["redis"], prefix="wechatpy"),
            timeout=config["WECHAT_HTTP_TIMEOUT"],
            transports=transport.mounted_here(),
        )
        current_app.extensions["wechat_client"] = client
    return client


def _call(fn, *args, **kwargs):
    """Run one wechatpy call and translate its failures."""
    try:
        return fn(*args, **kwargs)
    except WeChatClientException as exc:
        errcode = exc.errcode
        log.info("wechat errcode %s on %s", errcode, getattr(fn, "__name__", fn))
        if errcode in INVALID_CODE_ERRCODES:
            raise InvalidCode(errcode) from None
        if errcode in RATE_LIMITED_ERRCODES:
            raise WeChatRateLimited() from None
        if errcode in BUSY_ERRCODES:
            raise WeChatUnavailable(errcode=errcode) from None
        raise WeChatUnavailable(_("WeChat refused our request; please try again later."), errcode=errcode) from None
    except requests.RequestException as exc:
        log.warning("wechat unreachable: %s", type(exc).__name__)
        raise WeChatUnavailable() from None


def code_to_session(js_code: str) -> dict:
    """Exchange a ``wx.login`` code for ``{openid, session_key, unionid?}``.

    Calls ``sns/jscode2session`` directly: wechatpy's ``wxa.code_to_session`` fetches
    an access token first, which this endpoint does not need (``access_token=None``
    is dropped by requests).
    """
    client = _client()
    config = current_app.config
    result = _call(
        client.wxa._get,
        "sns/jscode2session",
        params={
            "appid": config["WECHAT_APPID"],
            "secret": config["WECHAT_SECRET"],
            "js_code": js_code,
            "grant_type": "authorization_code",
            "access_token": None,
        },
    )
    if not isinstance(result, dict) or not result.get("openid") or not result.get("session_key"):
        raise WeChatUnavailable(_("WeChat answered login without an openid."))
    return {"openid": result["openid"], "session_key": result["session_key"], "unionid": result.get("unionid")}


def get_phone_number(code: str) -> dict:
    """Exchange a ``getPhoneNumber`` one-time code for ``{phone, pure_phone, country_code}``."""
    result = _call(_client().wxa.get_phone_number, code)
    info = result.get("phone_info") or {}
    pure = info.get("purePhoneNumber")
    if not pure:
        raise WeChatUnavailable(_("WeChat answered without a phone number."))
    return {"phone": info.get("phoneNumber") or pure, "pure_phone": pure, "country_code": info.get("countryCode")}


def decrypt_user_data(session_key: str, encrypted_data: str, iv: str, appid: str | None = None) -> dict:
    """Decrypt legacy ``encryptedData`` (user info, WeRun) and check its watermark appid."""
    try:
        crypto = WeChatWxaCrypto(session_key, iv, appid or current_app.config["WECHAT_APPID"])
        return crypto.decrypt_message(encrypted_data)
    except InvalidAppIdException:
        raise DecryptionFailed("the data was encrypted for another app") from None
    except Exception:  # padding, base64, JSON: all mean "not ours with this key"
        raise DecryptionFailed("the data does not decrypt with this session key") from None


def send_subscribe_message(openid: str, template_id: str, data: dict, page: str | None = None) -> dict:
    """Send one subscribe message (it spends one of the user's opt-ins at WeChat), each value cut to
    what its keyword's kind holds (``fit_keyword``): WeChat refuses the whole message otherwise."""
    fitted = {keyword: {**value, "value": fit_keyword(keyword, str(value["value"]))}
              for keyword, value in data.items()}
    return _call(_client().wxa.send_subscribe_message, openid, template_id, fitted, page=page)


#: The longest value each kind of subscribe-message keyword takes (WeChat's documentation of
#: subscribeMessage.send): a "thing" 20 characters, a "phrase" 5, a "character_string" 32, a
#: "name" 10 (its rule for Chinese names; 20 letters otherwise, kept to the stricter one).
KEYWORD_LENGTHS = {"thing": 20, "phrase": 5, "character_string": 32, "name": 10}


def fit_keyword(keyword: str, text: str) -> str:
    """``text`` within the length of ``keyword``'s kind (``thing2`` is a thing), ending in an ellipsis
    when cut, and cut only between characters as a reader sees them (Unicode's extended grapheme
    clusters): never inside an emoji, a flag or a letter with its accent.

    Length is counted in UTF-16 code units, the most any counting of WeChat's could make of it: a
    Chinese character is one, an emoji two or more, so a value that fits here fits there.
    """
    kind = keyword.rstrip("0123456789")
    longest = KEYWORD_LENGTHS.get(kind)
    if longest is None or _length(text) <= longest:
        return text
    ellipsis = "" if kind == "character_string" else "…"
    kept, room = [], longest - len(ellipsis)
    for character in regex.findall(r"\X", text):
        room -= _length(character)
        if room < 0:
            break
        kept.append(character)
    return "".join(kept) + ellipsis


def _length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
