"""WeChat's mini-program endpoints, as WeChat answers them: HTTP 200 with an errcode."""

from __future__ import annotations

import hmac
import time

from flask import current_app, jsonify, request

from app.wechat.sandbox import bp, state


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


@bp.get("/sns/jscode2session")
def jscode2session():
    args = request.args
    refused = _credentials_ok(args.get("appid"), args.get("secret"))
    if refused:
        return refused
    if args.get("grant_type") != "authorization_code":
        return wechat_error(40002, "invalid grant_type")
    match = state.LOGIN_CODE.match(args.get("js_code", ""))
    if not match:
        return wechat_error(40029, "invalid code")
    return jsonify(state.start_session(match["name"]))


@bp.get("/cgi-bin/token")
def access_token():
    args = request.args
    refused = _credentials_ok(args.get("appid"), args.get("secret"))
    if refused:
        return refused
    if args.get("grant_type") != "client_credential":
        return wechat_error(40002, "invalid grant_type")
    return jsonify({"access_token": state.issue_access_token(), "expires_in": 7200})


@bp.post("/wxa/business/getuserphonenumber")
def phone_number():
    if not state.access_token_valid(request.args.get("access_token")):
        return wechat_error(40001, "invalid credential, access_token is invalid or not latest")
    match = state.PHONE_CODE.match(str(_json_body().get("code", "")))
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


@bp.post("/cgi-bin/message/subscribe/send")
def subscribe_send():
    if not state.access_token_valid(request.args.get("access_token")):
        return wechat_error(40001, "invalid credential, access_token is invalid or not latest")
    body = _json_body()
    openid, template_id = body.get("touser"), body.get("template_id")
    if not openid or not state.is_known_openid(openid):
        return wechat_error(40003, "invalid openid")
    if not template_id:
        return wechat_error(40037, "invalid template_id")
    if not state.spend_subscription(openid, template_id):
        return wechat_error(43101, "user refuse to accept the msg")
    state.record_message(openid, {"template_id": template_id, "page": body.get("page"), "data": body.get("data")})
    return jsonify({"errcode": 0, "errmsg": "ok"})


@bp.post("/subscribe/accept")
def accept_subscriptions():
    """The user allows messages in ``wx.requestSubscribeMessage``: WeChat counts one send per
    template accepted, and ``message/subscribe/send`` spends them (43101 when none is left).

    Not a WeChat endpoint: the sandbox plays the WeChat client here (as for ``/werun``); the
    mini-program then reports the same choices to our ``POST /api/v1/subscriptions``.
    """
    body = _json_body()
    openid, template_ids = str(body.get("openid", "")), body.get("template_ids")
    if not state.is_known_openid(openid):
        return jsonify({"error": "unknown sandbox openid"}), 404
    if not isinstance(template_ids, list) or not template_ids or not all(
            isinstance(t, str) and 0 < len(t) <= 128 for t in template_ids):
        return jsonify({"error": "template_ids must be a list of template ids"}), 400
    return jsonify({"openid": openid, "opt_ins": state.accept_subscriptions(openid, template_ids)})


@bp.get("/messages")
def sent_messages():
    openid = request.args.get("openid", "")
    return jsonify({"openid": openid, "messages": state.messages_for(openid)})


@bp.post("/werun")
def werun_data():
    """Encrypted WeRun data for a sandbox user, as ``wx.getWeRunData`` hands it to the mini-program.

    Not a WeChat endpoint: the sandbox plays the WeChat client here, encrypting with the
    user's current session_key, so a later login makes earlier data undecryptable.
    """
    body = _json_body()
    openid = str(body.get("openid", ""))
    session_key = state.session_key_of(openid)
    if session_key is None:
        return jsonify({"error": "unknown sandbox openid"}), 404
    try:
        steps = [int(s) for s in (body["steps"] if isinstance(body.get("steps"), list) else [body.get("steps", 0)])]
    except (TypeError, ValueError):
        return jsonify({"error": "steps must be a number or a list of numbers, today first"}), 400
    return jsonify(state.encrypt_werun(session_key, steps))
