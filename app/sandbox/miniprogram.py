"""WeChat's mini-program API as the sandbox plays it: login, access tokens, phone numbers, subscribe
messages; answered as WeChat answers, HTTP 200 with an errcode."""

from __future__ import annotations

import hmac
import time

from flask import current_app, jsonify, request

from app.sandbox import users
from app.sandbox.blueprint import blp


def wechat_error(errcode: int, errmsg: str):
    return jsonify({"errcode": errcode, "errmsg": f"{errmsg} rid: sandbox"})


def _credentials_ok(appid: str | None, secret: str | None):
    config = current_app.config
    if not hmac.compare_digest((appid or "").encode(), config["WECHAT_APPID"].encode()):
        return wechat_error(40013, "invalid appid")
    if not hmac.compare_digest((secret or "").encode(), config["WECHAT_SECRET"].encode()):
        return wechat_error(40125, "invalid appsecret")
    return None


def _json_body() -> dict:
    body = request.get_json(silent=True, force=True)
    return body if isinstance(body, dict) else {}


@blp.get("/sns/jscode2session")
def jscode2session():
    args = request.args
    refused = _credentials_ok(args.get("appid"), args.get("secret"))
    if refused:
        return refused
    if args.get("grant_type") != "authorization_code":
        return wechat_error(40002, "invalid grant_type")
    match = users.LOGIN_CODE.match(args.get("js_code", ""))
    if not match:
        return wechat_error(40029, "invalid code")
    return jsonify(users.start_session(match["name"]))


@blp.get("/cgi-bin/token")
def access_token():
    args = request.args
    refused = _credentials_ok(args.get("appid"), args.get("secret"))
    if refused:
        return refused
    if args.get("grant_type") != "client_credential":
        return wechat_error(40002, "invalid grant_type")
    return jsonify({"access_token": users.issue_access_token(), "expires_in": 7200})


@blp.post("/wxa/business/getuserphonenumber")
def phone_number():
    if not users.access_token_valid(request.args.get("access_token")):
        return wechat_error(40001, "invalid credential, access_token is invalid or not latest")
    match = users.PHONE_CODE.match(str(_json_body().get("code", "")))
    if not match:
        return wechat_error(40029, "invalid code")
    phone = match["phone"]
    return jsonify({
        "errcode": 0,
        "errmsg": "ok",
        "phone_info": {
            "phoneNumber": phone,
            "purePhoneNumber": phone,
            "countryCode": "86",
            "watermark": {"timestamp": int(time.time()), "appid": current_app.config["WECHAT_APPID"]},
        },
    })


#: What each kind of keyword holds, in characters, as subscribeMessage.send documents it.
KEYWORD_LIMITS = {"thing": 20, "phrase": 5, "character_string": 32, "name": 10, "number": 32, "letter": 32,
                  "symbol": 5, "time": 64, "date": 64, "amount": 32, "phone_number": 17, "car_number": 8}


def _too_long(data) -> str | None:
    """The first keyword whose value is longer than its kind holds: WeChat refuses the whole message."""
    for keyword, value in (data or {}).items():
        limit = KEYWORD_LIMITS.get(keyword.rstrip("0123456789"))
        text = value.get("value") if isinstance(value, dict) else None
        if limit and isinstance(text, str) and len(text) > limit:
            return keyword
    return None


@blp.post("/cgi-bin/message/subscribe/send")
def subscribe_send():
    if not users.access_token_valid(request.args.get("access_token")):
        return wechat_error(40001, "invalid credential, access_token is invalid or not latest")
    body = _json_body()
    openid, template_id = body.get("touser"), body.get("template_id")
    if not openid or not users.is_known_openid(openid):
        return wechat_error(40003, "invalid openid")
    if not template_id:
        return wechat_error(40037, "invalid template_id")
    too_long = _too_long(body.get("data"))
    if too_long:
        return wechat_error(47003, f"argument invalid! data.{too_long}.value exceeds limit")
    if not users.spend_subscription(openid, template_id):
        return wechat_error(43101, "user refuse to accept the msg")
    users.record_message(openid, {"template_id": template_id, "page": body.get("page"), "data": body.get("data")})
    return jsonify({"errcode": 0, "errmsg": "ok"})
