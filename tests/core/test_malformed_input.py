"""Malformed outside input is a clear 4xx in our error shape, on every backend, never a 500.

Three kinds of input that no handler can use, each refused once for the whole app:

- text no database column can hold: a NUL character (PostgreSQL refuses it in TEXT and
  VARCHAR) or half of a UTF-16 surrogate pair (no UTF-8 encoding exists), wherever it comes
  in: the path, the query string, a JSON body, a form;
- integers past 64 bits, where an id or an amount is expected, in a body or a path;
- JSON nested deeper than any of our bodies, which overflowed Python's stack.

NUL was a 500 only on PostgreSQL and the rest on both backends; every test makes its
assertions on whichever backend the suite runs on.
"""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.payments.models import PaymentNotification
from tests.support import partner_post

TOO_BIG = 2**63  # one past the largest BIGINT
HUGE = "9" * 40
DEEP = "[" * 1000 + "]" * 1000


def assert_refused(response, statuses=(400, 422)):
    """A 4xx in our shape (docs/api.md, Conventions), naming the field when it is a field's fault."""
    assert response.status_code in statuses, (response.status_code, response.get_data(as_text=True)[:300])
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}, body
    assert body["error"]["message"]
    return body["error"]


def send(client, method, path, who=None, **kwargs):
    return client.open(path, method=method, headers=who["headers"] if who else None, **kwargs)


# -- NUL and lone surrogates ------------------------------------------------------------------------

NUL_IN_JSON = [
    ("PATCH", "/api/v1/me", {"nickname": "a\x00b"}, "nickname"),
    ("POST", "/api/v1/visits", {"page": "pages/index\x00"}, "page"),
    ("POST", "/api/v1/shares", {"kind": "product", "target": "accident\x00"}, "target"),
    ("POST", "/api/v1/subscriptions", {"template_ids": {"T\x00": "accept"}}, "template_ids"),
    ("POST", "/api/v1/orders", {"plan_id": 1, "insured": {"name": "张\x00三", "id_number": "110105199003070017"}},
     "insured.name"),
    ("POST", "/api/v1/claims", {"policy_no": "P\x00", "kind": "accident", "claimed_fen": 100,
                                "occurred_at": "2026-01-01T00:00:00+08:00", "description": "x"}, "policy_no"),
    ("POST", "/api/v1/envelopes", {"plan_id": 1, "total_coverage_fen": 100_000, "shares": 1, "mode": "equal",
                                   "campaign_code": "promo\x00"}, "campaign_code"),
    ("POST", "/api/v1/auth/phone", {"code": "sandbox-phone:\x00"}, "code"),
]


@pytest.mark.parametrize("method, path, payload, field", NUL_IN_JSON, ids=[c[1] + ":" + c[3] for c in NUL_IN_JSON])
def test_a_nul_in_a_json_string_is_refused_naming_the_field(client, alice, method, path, payload, field):
    error = assert_refused(send(client, method, path, alice, json=payload), (422,))
    assert error["code"] == "validation_error"
    assert any(name == field or name.startswith(field + ".") for name in error["details"]["fields"]), error


def test_a_nul_on_login_is_refused_before_anyone_is_logged_in(client):
    response = client.post("/api/v1/auth/login", json={"code": "sandbox:x", "share_token": "a\x00"})
    assert assert_refused(response, (422,))["details"]["fields"] == {"share_token": [
        "文字中不能含有 NUL 字符或不成对的代理字符。"]}


def test_text_no_column_can_hold_is_refused_in_the_users_language(client, alice):
    # The refusals were English whatever the user read: a Chinese user saw "Text may not contain NUL
    # characters..." under the nickname they typed, and "The address contains a NUL character." for a link.
    chinese = client.patch("/api/v1/me", json={"nickname": "a\x00b"}, headers=alice["headers"])
    assert assert_refused(chinese, (422,))["details"]["fields"] == {"nickname": ["文字中不能含有 NUL 字符或不成对的代理字符。"]}
    english = client.patch("/api/v1/me", json={"nickname": "a\x00b"},
                           headers=dict(alice["headers"], **{"Accept-Language": "en"}))
    assert assert_refused(english, (422,))["details"]["fields"] == {
        "nickname": ["Text may not contain NUL characters or unpaired surrogates."]}
    assert assert_refused(client.get("/api/v1/products/a%00b"))["message"] == "网址中含有 NUL 字符。"
    assert assert_refused(client.get("/api/v1/products?q=a%00b"))["message"] == "查询参数中含有 NUL 字符。"
    assert assert_refused(client.get("/api/v1/products?q=a%00b", headers={"Accept-Language": "en"}))["message"] == (
        "The query string contains a NUL character.")


@pytest.mark.parametrize("raw", [b'{"nickname": "\\ud800"}', b'{"nickname": "a\\udfffb"}'], ids=["high", "low"])
def test_a_lone_surrogate_is_refused_like_a_nul(app, client, alice, raw):
    response = client.patch("/api/v1/me", data=raw, content_type="application/json", headers=alice["headers"])
    assert "nickname" in assert_refused(response, (422,))["details"]["fields"]
    assert client.get("/api/v1/me", headers=alice["headers"]).get_json()["nickname"] is None


def test_the_profile_is_unchanged_after_a_refused_nul(client, alice):
    client.patch("/api/v1/me", json={"nickname": "Alice"}, headers=alice["headers"])
    client.patch("/api/v1/me", json={"nickname": "Al\x00ice"}, headers=alice["headers"])
    assert client.get("/api/v1/me", headers=alice["headers"]).get_json()["nickname"] == "Alice"


NUL_IN_URL = [
    ("GET", "/api/v1/orders/a%00b"),
    ("POST", "/api/v1/orders/a%00b/cancel"),
    ("GET", "/api/v1/policies/P%00"),
    ("GET", "/api/v1/claims/C%00"),
    ("GET", "/api/v1/envelopes/e%00"),
    ("POST", "/api/v1/envelope-grabs/g%00/activate"),
    ("GET", "/api/v1/products/accident%00"),
    ("GET", "/api/v1/claims?kind=a%00"),
]


@pytest.mark.parametrize("method, path", NUL_IN_URL, ids=[c[1] for c in NUL_IN_URL])
def test_a_nul_in_the_address_is_refused(client, alice, method, path):
    assert assert_refused(send(client, method, path, alice))["code"] == "bad_request"


def test_a_nul_in_a_signed_partner_event_is_refused(app, client):
    response = partner_post(client, app, "/webhooks/scenarios", {
        "event_id": "e-1", "scenario": "hospital_payment", "openid": "o\x00", "occurred_at": "2026-01-01T00:00:00Z"})
    assert "openid" in assert_refused(response, (422,))["details"]["fields"]


def test_a_nul_in_an_admin_search_is_refused_on_the_admin_error_page(app):
    from tests.admin.support import log_in, make_admin

    make_admin(app, "sam", "viewer")
    admin = app.test_client()
    assert log_in(admin, "sam").status_code == 302
    for path in ("/admin/orders?q=a%00b", "/admin/claims?q=%00", "/admin/users?q=%00", "/admin/envelopes?q=%00",
                 "/admin/refunds?q=%00", "/admin/audit?actor=%00"):
        response = admin.get(path)
        assert response.status_code == 400, (path, response.status_code)
        assert response.mimetype == "text/html"


# -- integers past 64 bits ----------------------------------------------------------------------------

TOO_BIG_IN_JSON = [
    ("/api/v1/orders", {"plan_id": TOO_BIG, "insured": {"name": "张三", "id_number": "110105199003070017"}}, "plan_id"),
    ("/api/v1/orders", {"plan_id": 1, "coupon_id": TOO_BIG,
                        "insured": {"name": "张三", "id_number": "110105199003070017"}}, "coupon_id"),
    ("/api/v1/envelopes", {"plan_id": TOO_BIG, "total_coverage_fen": 100_000, "shares": 1, "mode": "equal"}, "plan_id"),
    ("/api/v1/envelopes", {"plan_id": 1, "total_coverage_fen": 2**64, "shares": 1, "mode": "equal"},
     "total_coverage_fen"),
    ("/api/v1/claims", {"policy_no": "P1", "kind": "accident", "claimed_fen": 2**64,
                        "occurred_at": "2026-01-01T00:00:00+08:00", "description": "x"}, "claimed_fen"),
]


@pytest.mark.parametrize("path, payload, field", TOO_BIG_IN_JSON, ids=[c[0] + ":" + c[2] for c in TOO_BIG_IN_JSON])
def test_an_integer_past_64_bits_in_a_body_is_refused_naming_the_field(client, catalog, alice, path, payload, field):
    error = assert_refused(client.post(path, json=payload, headers=alice["headers"]), (422,))
    assert field in error["details"]["fields"], error


def test_the_largest_64_bit_id_is_still_an_id_we_do_not_have(client, catalog, alice):
    response = client.post("/api/v1/orders", json={"plan_id": TOO_BIG - 1, "insured": {
        "name": "张三", "id_number": "110105199003070017"}}, headers=alice["headers"])
    assert assert_refused(response, (422,))["code"] == "unknown_plan"


TOO_BIG_IN_PATH = [
    ("GET", f"/api/v1/claims/C1/materials/{TOO_BIG}"),
    ("GET", f"/api/v1/claims/C1/materials/{HUGE}"),
    ("GET", "/api/v1/claims/C1/materials/" + "1" * 5000),
    ("POST", f"/api/v1/rewards/{TOO_BIG}/redeem"),
    ("POST", f"/api/v1/rewards/{HUGE}/redeem"),
]


@pytest.mark.parametrize("method, path", TOO_BIG_IN_PATH, ids=[c[1][:60] for c in TOO_BIG_IN_PATH])
def test_an_id_past_64_bits_in_the_address_names_nothing(client, alice, method, path):
    kwargs = {"json": {"insured": {"name": "张三", "id_number": "110105199003070017"}}} if method == "POST" else {}
    assert assert_refused(send(client, method, path, alice, **kwargs), (404,))["code"] == "not_found"


def test_the_api_documents_its_ids_as_64_bit(client):
    spec = client.get("/api/openapi.json").get_json()
    material_id = next(p for p in spec["paths"]["/api/v1/claims/{claim_no}/materials/{material_id}"]["parameters"]
                       if p["name"] == "material_id")
    assert material_id["schema"]["maximum"] == TOO_BIG - 1
    order = spec["components"]["schemas"]["OrderCreate"]["properties"]
    assert order["plan_id"]["maximum"] == TOO_BIG - 1 and order["plan_id"]["minimum"] == 1


# -- JSON nested without end ----------------------------------------------------------------------------

DEEP_BODIES = [
    ("POST", "/api/v1/auth/login", '{"code": "sandbox:x", "share_token": %s}' % DEEP, False),
    ("POST", "/api/v1/auth/login", DEEP, False),
    ("PATCH", "/api/v1/me", '{"nickname": %s}' % DEEP, True),
    ("POST", "/api/v1/orders", '{"plan_id": 1, "insured": %s}' % DEEP, True),
    ("POST", "/api/v1/subscriptions", '{"template_ids": {"T": %s}}' % DEEP, True),
    ("POST", "/api/v1/visits", '{"page": %s}' % ("{" + '"a":{' * 999 + "}" * 1000), True),
]


@pytest.mark.parametrize("method, path, raw, logged_in", DEEP_BODIES,
                         ids=[f"{c[1]}-{i}" for i, c in enumerate(DEEP_BODIES)])
def test_json_nested_a_thousand_deep_is_malformed(client, alice, method, path, raw, logged_in):
    response = send(client, method, path, alice if logged_in else None, data=raw, content_type="application/json")
    assert assert_refused(response, (400,))["code"] == "malformed_json"


#: A number of more digits than Python converts to an int (4300): a ValueError from inside the decoder
#: that is not a JSONDecodeError, so the API, the partners' webhooks and the sandbox all answered 500.
LONG_NUMBER = "9" * 5000

LONG_NUMBER_BODIES = [
    ("POST", "/api/v1/auth/login", '{"code": "sandbox:x", "share_token": %s}' % LONG_NUMBER, False),
    ("PATCH", "/api/v1/me", '{"nickname": %s}' % LONG_NUMBER, True),
    ("POST", "/api/v1/orders", '{"plan_id": %s}' % LONG_NUMBER, True),
    ("POST", "/api/v1/claims", '{"claimed_fen": -%s}' % LONG_NUMBER, True),
    ("POST", "/api/v1/visits", '[%s]' % LONG_NUMBER, True),
]


@pytest.mark.parametrize("method, path, raw, logged_in", LONG_NUMBER_BODIES,
                         ids=[c[1] for c in LONG_NUMBER_BODIES])
def test_a_number_of_thousands_of_digits_is_malformed_json(client, alice, method, path, raw, logged_in):
    response = send(client, method, path, alice if logged_in else None, data=raw, content_type="application/json")
    assert assert_refused(response, (400,))["code"] == "malformed_json"


def test_a_signed_partner_event_with_a_number_of_thousands_of_digits_is_malformed(app, client):
    body = ('{"event_id": "e-1", "scenario": "hospital_payment", "openid": "o", '
            '"occurred_at": "2026-01-01T00:00:00Z", "data": %s}' % LONG_NUMBER).encode()
    assert assert_refused(partner_post(client, app, "/webhooks/scenarios", body), (400,))["code"] == "malformed_json"


def test_the_sandbox_refuses_a_number_of_thousands_of_digits(client):
    response = client.post("/sandbox/wechat/pay/confirm", data='{"prepay_id": %s}' % LONG_NUMBER,
                           content_type="application/json")
    assert 400 <= response.status_code < 500


def test_json_as_deep_as_our_bodies_go_is_read(client, alice):
    # A few levels are ordinary (an order's insured person); the limit leaves plenty of room above them.
    nested = {"template_ids": {"T1": "accept"}}
    assert client.post("/api/v1/subscriptions", json=nested, headers=alice["headers"]).status_code == 200


def test_a_signed_partner_event_nested_a_thousand_deep_is_malformed(app, client):
    body = ('{"event_id": "e-1", "scenario": "hospital_payment", "openid": "o", '
            '"occurred_at": "2026-01-01T00:00:00Z", "data": %s}' % DEEP).encode()
    assert assert_refused(partner_post(client, app, "/webhooks/scenarios", body), (400,))["code"] == "malformed_json"


def test_the_sandbox_refuses_json_nested_a_thousand_deep(client):
    response = client.post("/sandbox/wechat/pay/confirm", data=DEEP, content_type="application/json")
    assert 400 <= response.status_code < 500


# -- WeChat Pay's webhooks: stored as received, refused in WeChat's format ------------------------------

NUL_XML = b"<xml><return_code>SUCCESS</return_code><out_trade_no>RC\x00</out_trade_no></xml>"
UTF16_XML = "<xml><return_code>SUCCESS</return_code></xml>".encode("utf-16")
V3_WITH_NUL = b'{"id": "x\x00", "event_type": "TRANSACTION.SUCCESS"}'
V3_UTF16 = json.dumps({"id": "x", "event_type": "TRANSACTION.SUCCESS"}).encode("utf-16")


def stored_notifications(app):
    with app.app_context():
        rows = db.session.scalars(sa.select(PaymentNotification).order_by(PaymentNotification.id)).all()
        db.session.expunge_all()
        return rows


@pytest.mark.parametrize("path", ["/webhooks/wechatpay/notify", "/webhooks/wechatpay/refund-notify"])
@pytest.mark.parametrize("body", [NUL_XML, UTF16_XML], ids=["nul", "utf16"])
def test_a_v2_body_no_column_can_hold_is_stored_readably_and_refused_with_fail(app, client, path, body):
    response = client.post(path, data=body, content_type="text/xml")
    assert response.status_code == 400 and response.mimetype == "text/xml"
    assert "<return_code><![CDATA[FAIL]]></return_code>" in response.get_data(as_text=True)
    [record] = stored_notifications(app)
    assert record.outcome == "rejected" and "\x00" not in record.body and record.body


@pytest.mark.parametrize("body", [V3_WITH_NUL, V3_UTF16], ids=["nul", "utf16"])
def test_a_v3_body_no_column_can_hold_is_stored_readably_and_refused_with_fail(app, client, body):
    response = client.post("/webhooks/wechatpay/v3/notify", data=body, content_type="application/json")
    assert response.status_code == 401 and response.get_json()["code"] == "FAIL"
    [record] = stored_notifications(app)
    assert record.outcome == "rejected" and "\x00" not in record.body and record.body


def test_a_nul_stays_visible_in_the_stored_body(app, client):
    client.post("/webhooks/wechatpay/notify", data=NUL_XML, content_type="text/xml")
    [record] = stored_notifications(app)
    assert record.body.startswith("<xml><return_code>SUCCESS") and "RC\ufffd" not in record.body
    assert "RC\u2400</out_trade_no>" in record.body  # shown as the symbol for NUL, never dropped silently


def test_an_admin_page_number_past_64_bits_is_an_empty_page(app):
    from tests.admin.support import log_in, make_admin

    make_admin(app, "sam", "viewer")
    admin = app.test_client()
    assert log_in(admin, "sam").status_code == 302
    for page in (str(TOO_BIG), HUGE, "1" * 5000):
        response = admin.get(f"/admin/orders?page={page}")
        assert response.status_code == 200, (page[:20], response.status_code)


@pytest.mark.parametrize("changes, shown", [
    ({"budget": "9" * 30}, "金额过大。"),
    # An exponent past decimal's context overflowed multiplying it into fen: a 500 on every amount field.
    ({"budget": "1E+999999999"}, "金额过大。"),
    ({"discount": "-1e1000000"}, "金额过大。"),
    ({"settings": DEEP}, None),
], ids=["budget", "budget-exponent", "discount-exponent", "settings"])
def test_an_admin_form_past_what_a_column_holds_is_shown_as_a_form_error(app, changes, shown):
    from tests.admin.support import log_in, make_admin, post_form

    make_admin(app, "root", "admin")
    admin = app.test_client()
    assert log_in(admin, "root").status_code == 302
    data = {"code": "spring", "name_zh": "春季", "name_en": "Spring", "kind": "referral", "budget": "1000.00", "per_user_limit": "1",
            "starts_at": "", "ends_at": "", "settings": "{}", **changes}
    response = post_form(admin, "/admin/campaigns", data)
    assert response.status_code == 422
    if shown:
        assert shown in response.get_data(as_text=True)


def test_a_signed_partner_event_sent_with_curls_form_type_still_verifies(app, client):
    # `curl -d` labels a JSON body as a form: the refusal of NUL in forms must not read (and use up) it.
    import time

    from app.partners.services import sign

    body = json.dumps({"event_id": "e-form", "scenario": "hospital_payment", "openid": "o-nobody",
                       "occurred_at": "2026-01-01T00:00:00Z"}).encode()
    stamp = str(int(time.time()))
    headers = {"X-Redcover-Partner": "hospital", "X-Redcover-Timestamp": stamp,
               "X-Redcover-Signature": sign(app.config["PARTNER_SECRETS"]["hospital"]["secret"], stamp, body)}
    response = client.post("/webhooks/scenarios", data=body, headers=headers,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and response.get_json() == {"ignored": "unknown_user"}


def test_a_nul_in_an_admin_form_is_refused_on_the_admin_error_page(app):
    from tests.admin.support import csrf_token

    admin = app.test_client()
    response = admin.post("/admin/login", data={"csrf_token": csrf_token(admin), "username": "ro\x00ot",
                                                "password": "correct horse battery staple"})
    assert response.status_code == 422 and response.mimetype == "text/html"
