"""The WeChat sandbox answers like WeChat, and our wechatpy adapter talks to it over HTTP."""

from __future__ import annotations

import pytest
import requests

from app.wechat import client as wechat
from app.wechat.errors import InvalidCode


def sandbox(app, path):
    return app.config["LIVE_SERVER_URL"] + "/sandbox/wechat/" + path


def test_jscode2session_checks_our_credentials(app):
    params = {"appid": app.config["WECHAT_APPID"], "secret": "wrong", "js_code": "sandbox:alice",
              "grant_type": "authorization_code"}
    assert requests.get(sandbox(app, "sns/jscode2session"), params=params).json()["errcode"] == 40125
    params.update(secret=app.config["WECHAT_SECRET"], appid="wx-not-ours")
    assert requests.get(sandbox(app, "sns/jscode2session"), params=params).json()["errcode"] == 40013


def test_a_name_is_a_stable_openid_with_a_fresh_session_key_per_login(app_ctx):
    first = wechat.code_to_session("sandbox:alice")
    second = wechat.code_to_session("sandbox:alice")
    other = wechat.code_to_session("sandbox:bob")
    assert first["openid"] == second["openid"] != other["openid"]
    assert first["unionid"] == second["unionid"]
    assert first["session_key"] != second["session_key"]


def test_other_codes_are_rejected_as_wechat_does(app_ctx):
    for code in ("alice", "sandbox:", "sandbox:two words", "wx-code-123"):
        try:
            wechat.code_to_session(code)
        except InvalidCode as rejected:
            assert rejected.errcode == 40029
        else:
            raise AssertionError(f"{code!r} was accepted")


def test_phone_codes_give_the_phone_through_an_access_token(app_ctx):
    assert wechat.get_phone_number("sandbox-phone:13912345678") == {
        "phone": "13912345678", "pure_phone": "13912345678", "country_code": "86"}


def test_phone_endpoint_refuses_a_bad_access_token(app):
    response = requests.post(sandbox(app, "wxa/business/getuserphonenumber"), params={"access_token": "nope"},
                             json={"code": "sandbox-phone:13912345678"})
    assert response.json()["errcode"] == 40001


def test_subscribe_messages_are_recorded_for_the_user(app, app_ctx, client):
    openid = wechat.code_to_session("sandbox:alice")["openid"]
    allowed = client.post("/sandbox/wechat/subscribe/accept", json={"openid": openid, "template_ids": ["TEMPLATE-CLAIM"]})
    assert allowed.get_json()["opt_ins"] == {"TEMPLATE-CLAIM": 1}
    data = {"thing1": {"value": "Claim accepted"}, "time2": {"value": "2026-11-26 10:00"}}
    wechat.send_subscribe_message(openid, "TEMPLATE-CLAIM", data, page="pages/claim/claim?no=C1")

    listed = client.get(f"/sandbox/wechat/messages?openid={openid}").get_json()["messages"]
    assert len(listed) == 1
    assert listed[0]["template_id"] == "TEMPLATE-CLAIM"
    assert listed[0]["data"] == data
    assert listed[0]["page"] == "pages/claim/claim?no=C1"


def test_subscribe_message_to_an_unknown_openid_fails_like_wechat(app_ctx):
    from app.wechat.errors import WeChatUnavailable

    try:
        wechat.send_subscribe_message("o-nobody", "TEMPLATE", {})
    except WeChatUnavailable as refused:
        assert refused.errcode == 40003
    else:
        raise AssertionError("unknown openid accepted")


def test_each_allow_pays_for_one_message_and_then_wechat_answers_43101(app_ctx, client):
    from app.wechat.errors import WeChatUnavailable

    openid = wechat.code_to_session("sandbox:bob")["openid"]
    client.post("/sandbox/wechat/subscribe/accept", json={"openid": openid, "template_ids": ["T1", "T2"]})
    wechat.send_subscribe_message(openid, "T1", {"thing1": {"value": "one"}})
    with pytest.raises(WeChatUnavailable) as refused:
        wechat.send_subscribe_message(openid, "T1", {"thing1": {"value": "two"}})
    assert refused.value.errcode == 43101
    wechat.send_subscribe_message(openid, "T2", {"thing1": {"value": "other template"}})  # counted apart
    sent = client.get(f"/sandbox/wechat/messages?openid={openid}").get_json()["messages"]
    assert [m["data"]["thing1"]["value"] for m in sent] == ["one", "other template"]


def test_allowing_messages_needs_a_sandbox_user_and_template_ids(app_ctx, client):
    openid = wechat.code_to_session("sandbox:carol")["openid"]
    assert client.post("/sandbox/wechat/subscribe/accept",
                       json={"openid": "o-nobody", "template_ids": ["T1"]}).status_code == 404
    for template_ids in (None, [], "T1", [""], [1]):
        assert client.post("/sandbox/wechat/subscribe/accept",
                           json={"openid": openid, "template_ids": template_ids}).status_code == 400


def test_the_sandboxs_own_refusals_speak_the_callers_language(client):
    # The sandbox answers in the API's error shape, and its field messages followed the caller's language, but
    # its own messages were English only: a tester in Chinese saw "No sandbox user has this openid." when paying.
    cases = [
        ("/pay/confirm", b"not json", "请求内容不是有效的 JSON。", "The request body is not valid JSON."),
        ("/pay/confirm", b"[]", "请求内容必须是 JSON 对象。", "The request body must be a JSON object."),
        ("/pay/confirm", b"{}", "部分信息填写有误。", "Some of the information is not valid."),
        ("/pay/confirm", b'{"prepay_id": "wx-none"}', "没有等待用这个 prepay_id 付款的订单。",
         "No order waits for payment with this prepay_id."),
        ("/subscribe/accept", b'{"openid": "o-nobody", "template_ids": ["t"]}', "沙箱中没有这个 openid 的用户。",
         "No sandbox user has this openid."),
        ("/papay/terminate", b'{"contract_id": "c-none"}', "没有这个 contract_id 的签约。",
         "No contract has this contract_id."),
    ]
    for path, body, chinese, english in cases:
        answered = client.post("/sandbox/wechat" + path, data=body, content_type="application/json")
        assert 400 <= answered.status_code < 500 and answered.get_json()["error"]["message"] == chinese, (
            path, answered.get_json())
        answered = client.post("/sandbox/wechat" + path, data=body, content_type="application/json",
                               headers={"Accept-Language": "en"})
        assert answered.get_json()["error"]["message"] == english, (path, answered.get_json())
