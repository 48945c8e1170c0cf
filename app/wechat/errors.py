"""What can go wrong when we talk to WeChat, in our own terms.

wechatpy raises ``WeChatClientException`` with WeChat's errcode; the adapter turns
it into one of these. A rejected one-time code means different things to different
callers (a 401 on login makes the client log in again; on the phone endpoint that
would waste the user's consent), so ``InvalidCode`` is not an HTTP error yet: each
service decides.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.core.errors import RateLimited, ServiceUnavailable

#: errcodes that mean "this js_code / phone code is not valid (any more)".
INVALID_CODE_ERRCODES = {40029, 40163, 40226, 41008, 40037}
#: WeChat's "too many calls".
RATE_LIMITED_ERRCODES = {45011, 45009}
#: WeChat's "system busy".
BUSY_ERRCODES = {-1}


class InvalidCode(Exception):
    """WeChat rejected a login or phone code."""

    def __init__(self, errcode: int | None):
        super().__init__(f"WeChat rejected the code (errcode {errcode})")
        self.errcode = errcode


class DecryptionFailed(Exception):
    """Encrypted user data did not decrypt with the session key we hold."""


class WeChatRateLimited(RateLimited):
    message = _l("WeChat is receiving too many requests; please try again in a moment.")


class WeChatUnavailable(ServiceUnavailable):
    message = _l("WeChat is not answering right now; please try again.")

    def __init__(self, message: str | None = None, *, errcode: int | None = None):
        super().__init__(message, details={"dependency": "wechat", **({"errcode": errcode} if errcode else {})})
        self.errcode = errcode
