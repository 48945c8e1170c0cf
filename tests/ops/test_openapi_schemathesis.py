"""Schemathesis over /api/openapi.json: the server does what its document says, for any input.

Every operation in the document is called with requests generated from it, valid and
invalid (the examples, coverage and fuzzing phases), as a logged-in user who holds one of
everything (a paid order and its policy, a claim with a document, a grabbed envelope, a
reward; half the valid requests name those). Every answer is checked: no 5xx; a status,
content type, headers and body the document declares for it, our error shape included;
invalid requests refused; valid ones never refused as malformed (``refused_only_by_domain_rules``).

The fuzz runs on PostgreSQL only (``DATABASE_URL`` set: CI's first run) and is skipped with a
notice on the SQLite default. PostgreSQL is production's database and the stricter one (a NUL
in text or an integer past 64 bits was a 500 there and not on SQLite), so a run there finds
what a run on SQLite would and more; CI runs the suite on both backends, and the fuzz is its
slowest test, so it runs once. It is bounded to about two minutes by ``MAX_EXAMPLES`` per
operation and phase, with a fixed seed, so a CI failure reproduces locally with
``DATABASE_URL=... pytest tests/ops/test_openapi_schemathesis.py``.

The plain tests at the end pin what the fuzz found, on both backends.
"""

from __future__ import annotations

import io
import os
import re
import zlib

import pytest

schemathesis = pytest.importorskip("schemathesis")  # requirements-dev.txt pins it

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.config import SchemathesisConfig  # noqa: E402
from schemathesis.core.parameters import ParameterLocation  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

from app.core import clock  # noqa: E402
from tests.support import agreement, login, plan_id, prepay_id_of, run_jobs  # noqa: E402


#: Generated requests per operation in each phase that draws them (the coverage phase adds its
#: own boundary cases). 44 operations: the run takes 1.5 to 2 minutes.
MAX_EXAMPLES = 40
SEED = 20261206

#: Statuses that refuse a well-formed request for a reason no schema can state: not logged in,
#: not yours, no such thing, not in this state, gone, too many.
NOT_ABOUT_THE_REQUEST = {401, 403, 404, 409, 410, 429}

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


@schemathesis.check
def refused_only_by_domain_rules(ctx, response, case) -> bool | None:
    """Schemathesis's positive_data_acceptance, knowing our error codes: a valid request may be
    refused by a rule of the domain (422 ``unknown_plan``, ``invalid_split``, ``invalid_code``:
    no plan with that id, shares that do not add up, a code WeChat did not issue), never as
    invalid input (422 ``validation_error``, 400 ``malformed_json``, 413, 415), which would
    mean the document promises what the server refuses."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if status < 400 or status >= 500 or status in NOT_ABOUT_THE_REQUEST:
        return None
    try:
        code = response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        code = "?"
    if status == 422 and code != "validation_error":
        return None
    raise AssertionError(f"Schema-valid request refused as malformed: {status} `{code}` (the document and the "
                         "server disagree on what is valid)")


# -- a user who holds one of everything ---------------------------------------------------------------

def _ok(response, status=200):
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    return response.get_json()


@pytest.fixture
def world(app, client, catalog, campaigns, insured_adult):
    """The fuzzing user's headers, and a real value for every path parameter the API takes."""
    alice, bob = login(client, "fuzz-alice"), login(client, "fuzz-bob")
    headers = {"Authorization": f"Bearer {alice['token']}"}
    bob_headers = {"Authorization": f"Bearer {bob['token']}"}

    order = _ok(client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                    **agreement(client, "accident-basic"),
                                                    "insured": insured_adult}, headers=headers), 201)
    _ok(client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])}))
    run_jobs(app)
    policy_no = _ok(client.get(f"/api/v1/orders/{order['order_no']}", headers=headers))["policy_no"]
    claim = _ok(client.post("/api/v1/claims", headers=headers, json={
        "policy_no": policy_no, "kind": "accident", "claimed_fen": 50_000,
        "occurred_at": clock.isoformat(clock.now()), "description": "Slipped on the stairs."}), 201)
    added = _ok(client.post(f"/api/v1/claims/{claim['claim_no']}/materials", headers=headers,
                            data={"files": [(io.BytesIO(PNG), "x-ray.png")]}, content_type="multipart/form-data"), 201)
    envelope = _ok(client.post("/api/v1/envelopes", headers=bob_headers, json={
        "plan_id": plan_id(client, "gift-accident-30d"), "total_coverage_fen": 200_000, "shares": 2, "mode": "equal",
        "campaign_code": "welcome-envelope"}), 201)
    grab = _ok(client.post(f"/api/v1/envelopes/{envelope['envelope_id']}/grab", headers=headers), 201)
    openid = _ok(client.get("/api/v1/me", headers=headers))["openid"]
    steps = _ok(client.post("/sandbox/wechat/werun", json={"openid": openid, "steps": [12_000]}))
    reward = _ok(client.post("/api/v1/rewards/werun", json=steps, headers=headers))["rewards"][0]
    person = _ok(client.post("/api/v1/insured-persons", json=dict(insured_adult, relation="spouse"), headers=headers),
                 201)
    return {"headers": headers, "path": {
        "order_no": order["order_no"], "policy_no": policy_no, "claim_no": claim["claim_no"],
        "material_id": added["materials"][0]["id"], "envelope_id": envelope["envelope_id"],
        "grab_id": grab["grab_id"], "reward_id": reward["id"], "person_id": person["id"], "code": "accident"}}


# -- the run --------------------------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request):
    # schemathesis 4.32.5 renames the running test through ``node._nodeid``, which pytest 9 no
    # longer has (it keeps ``nodeid``): give it one to read and rename.
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


@pytest.fixture
def api_schema(app):
    config = SchemathesisConfig.from_dict({
        "seed": SEED,
        # NUL is refused in every string, object key and parameter, as the document's description says
        # (tests/core/test_malformed_input.py); OpenAPI 3.0 cannot say it of keys, so it is not generated.
        "generation": {"max-examples": MAX_EXAMPLES, "allow-x00": False},
        "phases": {"examples": {"enabled": True}, "coverage": {"enabled": True}, "fuzzing": {"enabled": True}},
        # 413 refuses a request too large to read (more parts than an upload takes): a refusal like 400 or 422.
        "checks": {"negative_data_rejection": {"expected-statuses": [
            "400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]}},
    })
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app, config=config)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.schemathesis
@pytest.mark.once  # PostgreSQL only, and two minutes: CI runs it beside the other tests marked once
@pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason=(
    "schemathesis runs on PostgreSQL (CI's first run), the stricter backend; set DATABASE_URL to run it here"))
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
def test_the_api_answers_as_its_document_says(case, world, client):
    headers = world["headers"]
    if case.operation.path == "/api/v1/auth/logout":  # its own token to revoke, not the world's
        headers = {"Authorization": "Bearer " + login(client, "fuzz-leaving")["token"]}
    # Half the valid requests name what the user holds, so the answers to real things are checked
    # too; the other half keep their generated ids (the largest 64-bit one, say), which find nothing.
    if (case.path_parameters and not case.meta.is_negative_at(ParameterLocation.PATH)
            and zlib.crc32(repr(sorted(case.path_parameters.items())).encode()) % 2 == 0):
        case.path_parameters.update({name: world["path"][name] for name in case.path_parameters
                                     if name in world["path"]})
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance],
                           additional_checks=[refused_only_by_domain_rules])


# -- what the fuzz found, pinned on both backends ---------------------------------------------------------

def spec(client) -> dict:
    return client.get("/api/openapi.json").get_json()


def test_the_document_holds_the_partner_webhooks_and_the_sandboxs_own_endpoints(client):
    paths = spec(client)["paths"]
    for path in ("/webhooks/scenarios", "/webhooks/insurer/claims", "/sandbox/wechat/pay/confirm",
                 "/sandbox/wechat/subscribe/accept", "/sandbox/wechat/messages", "/sandbox/wechat/werun"):
        assert path in paths, path
    # WeChat's contracts are WeChat's: its webhooks and the endpoints the sandbox plays stay out.
    assert not [p for p in paths if p.startswith("/webhooks/wechatpay") or p.startswith("/sandbox/wechat/pay/")
                and p != "/sandbox/wechat/pay/confirm"]


def test_every_operation_documents_its_errors_in_our_shape(client):
    document = spec(client)
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method != "parameters":
                assert operation["responses"]["default"] == {"$ref": "#/components/responses/DEFAULT_ERROR"}, path
    assert document["components"]["schemas"]["Error"]["required"] == ["error"]
    assert sorted(document["components"]["schemas"]["ErrorDetail"]["required"]) == ["code", "details", "message"]


def test_a_sandbox_refusal_is_in_our_error_shape(client):
    missing = client.post("/sandbox/wechat/pay/confirm", json={})
    assert missing.status_code == 400
    assert missing.get_json()["error"]["details"]["fields"] == {"prepay_id": ["此项必填。"]}
    unknown_field = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": "wx1", "junk": 1})
    assert unknown_field.status_code == 400 and "junk" in unknown_field.get_json()["error"]["details"]["fields"]
    unknown = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": "wx-nobody"})
    assert unknown.status_code == 404 and unknown.get_json()["error"]["code"] == "unknown_prepay_id"
    walker = client.post("/sandbox/wechat/werun", json={"openid": "o-nobody", "steps": float("inf")},
                         content_type="application/json")
    assert walker.status_code == 400 and "steps" in walker.get_json()["error"]["details"]["fields"]


def test_bodies_documented_as_optional_are_optional(client, alice):
    operations = spec(client)["paths"]
    assert operations["/api/v1/me"]["patch"]["requestBody"]["required"] is False
    assert operations["/api/v1/visits"]["post"]["requestBody"]["required"] is False
    assert client.patch("/api/v1/me", headers=alice["headers"]).status_code == 200
    assert client.post("/api/v1/visits", headers=alice["headers"]).status_code == 201


def test_uploads_are_documented_and_refuse_parts_they_do_not_take(client, alice):
    operations = spec(client)["paths"]
    avatar = operations["/api/v1/me/avatar"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert spec(client)["components"]["schemas"][avatar["$ref"].rsplit("/", 1)[1]]["required"] == ["file"]
    stray = client.post("/api/v1/me/avatar", headers=alice["headers"], content_type="multipart/form-data",
                        data={"file": (io.BytesIO(PNG), "me.png"), "caption": "me"})
    assert stray.status_code == 422 and "caption" in stray.get_json()["error"]["details"]["fields"]
    text_for_a_file = client.post("/api/v1/me/avatar", headers=alice["headers"], content_type="multipart/form-data",
                                  data={"file": "not a file"})
    assert text_for_a_file.status_code == 422 and "file" in text_for_a_file.get_json()["error"]["details"]["fields"]
    upload = spec(client)["components"]["schemas"]["MaterialUpload"]["properties"]["files"]
    assert (upload["minItems"], upload["maxItems"]) == (1, 10)


def test_a_subscriptions_answer_is_documented_as_the_server_reads_it(client, alice):
    template_ids = spec(client)["components"]["schemas"]["Subscriptions"]["properties"]["template_ids"]
    assert (template_ids["minProperties"], template_ids["maxProperties"]) == (1, 20)
    # Any key is a template id, ignored unless it is one of ours: none is refused for its length.
    answer = client.post("/api/v1/subscriptions", json={"template_ids": {"": "accept", "x" * 300: "reject"}},
                         headers=alice["headers"])
    assert answer.status_code == 200 and answer.get_json()["ignored"] == ["", "x" * 300]


@pytest.mark.parametrize("url, accepted", [
    ("https://thirdwx.qlogo.cn/mmopen/vi_32/Q0j4/132", True), ("http://127.0.0.1:8000/media/avatars/a.png", True),
    ("https://example.com/a%20b?x=1#top", True), ("javascript:alert(1)", False), ("https://", False),
    ("https://example.com/a b", False), ("https://example.com/\n", False), ("ftp://example.com/a.png", False)])
def test_avatar_url_is_taken_exactly_as_its_documented_pattern_says(client, alice, url, accepted):
    field = spec(client)["components"]["schemas"]["ProfileUpdate"]["properties"]["avatar_url"]
    assert field["format"] == "uri" and bool(re.fullmatch(field["pattern"].strip("^$"), url)) is accepted
    response = client.patch("/api/v1/me", json={"avatar_url": url}, headers=alice["headers"])
    assert response.status_code == (200 if accepted else 422)
