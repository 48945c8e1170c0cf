"""The sandbox's own endpoints in the app's OpenAPI document (``/api/openapi.json``).

Only the endpoints that play the WeChat user and client (``routes``), which the mini-program,
the tests and a developer call. The WeChat endpoints the sandbox mimics (``miniprogram``,
``pay_v2``, ``pay_v3``) stay out: their contract is WeChat's, documented by WeChat and
checked by our WeChat clients' contract tests (``tests/wechat``), and only our own clients,
in process, call them.
"""

from __future__ import annotations

from apispec import APISpec
from werkzeug.routing import Map, Rule

from app.sandbox.schemas import (
    SandboxMessagesQuerySchema,
    SandboxPapayConfirmSchema,
    SandboxPapayContractSchema,
    SandboxPapayDeclineSchema,
    SandboxPapayDeclinesSchema,
    SandboxPapayTerminateSchema,
    SandboxMessagesSchema,
    SandboxOptInsSchema,
    SandboxPayConfirmSchema,
    SandboxPaymentSchema,
    SandboxSubscribeAcceptSchema,
    SandboxWerunDataSchema,
    SandboxWerunRequestSchema,
)

TAG = "sandbox"
ERROR = {"$ref": "#/components/responses/DEFAULT_ERROR"}


def _rule(path: str) -> Rule:
    """The rule flask-smorest's spec plugin reads a path from (the app's own map does not hold the sandbox's)."""
    rule = Rule(path)
    Map([rule])
    return rule


def _json(schema) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def _operation(summary: str, answer, errors: dict[int, str], body=None, query=None) -> dict:
    operation = {"tags": [TAG], "summary": summary,
                 "description": "; ".join(f"{status}: {why}" for status, why in errors.items()) + ".",
                 "responses": {"200": {"description": "OK", **_json(answer)}, "default": ERROR,
                               **{str(status): ERROR for status in errors}}}
    if body is not None:
        operation["requestBody"] = {"required": True, **_json(body)}
    if query is not None:
        operation["parameters"] = [{"in": "query", "schema": query}]
    return operation


def document(spec: APISpec, mount_path: str) -> None:
    spec.tag({"name": TAG, "description": "The WeChat sandbox playing the user and the client (development and "
                                          "testing only). A refused request is 400 in the API's error shape."})
    unknown_user = "No sandbox user has this openid (`unknown_openid`)"
    spec.path(rule=_rule(f"{mount_path}/pay/confirm"), operations={"post": _operation(
        "The sandbox user pays an order (or, with `fail`, the payment fails); WeChat Pay's notification "
        "follows from the job worker.", SandboxPaymentSchema, {
            400: "Invalid body", 404: "No order waits with this prepay_id (`unknown_prepay_id`)",
            409: "The order is not waiting for payment, or its window has passed (`not_payable`)"},
        body=SandboxPayConfirmSchema)})
    spec.path(rule=_rule(f"{mount_path}/subscribe/accept"), operations={"post": _operation(
        "The user taps \"allow\" in `wx.requestSubscribeMessage`: one more message per template.",
        SandboxOptInsSchema, {400: "Invalid body", 404: unknown_user}, body=SandboxSubscribeAcceptSchema)})
    spec.path(rule=_rule(f"{mount_path}/messages"), operations={"get": _operation(
        "The subscribe messages sent to a sandbox user.", SandboxMessagesSchema, {400: "Invalid query"},
        query=SandboxMessagesQuerySchema)})
    spec.path(rule=_rule(f"{mount_path}/werun"), operations={"post": _operation(
        "WeRun data for a sandbox user, encrypted with their current session key as `wx.getWeRunData` "
        "hands it over.", SandboxWerunDataSchema, {400: "Invalid body", 404: unknown_user},
        body=SandboxWerunRequestSchema)})
    spec.path(rule=_rule(f"{mount_path}/papay/confirm"), operations={"post": _operation(
        "The user signs an insurance deduction contract (and pays its first period when the pre-sign carried "
        "one); INSURANCE_ENTRUST.SIGN and TRANSACTION.SUCCESS follow from the job worker. `X-Sandbox-Now` "
        "(ISO 8601 with offset, years 2000-2199) sets the moment.", SandboxPapayContractSchema, {
            400: "Invalid body or X-Sandbox-Now",
            404: "No pre-sign has this id (`unknown_pre_entrustweb_id`)",
            409: "Signed already (`already_signed`), older than 10 minutes (`presign_expired`), its order not "
                 "payable (`not_payable`), or WeChat would not sign: 10 contracts of the template in force, or "
                 "the code signed meanwhile (`sign_refused`)"},
        body=SandboxPapayConfirmSchema)})
    spec.path(rule=_rule(f"{mount_path}/papay/terminate"), operations={"post": _operation(
        "The user ends a contract in WeChat's settings (USER_TERMINATE); INSURANCE_ENTRUST.TERMINATE follows. "
        "`X-Sandbox-Now` (ISO 8601 with offset, years 2000-2199) sets the moment.",
        SandboxPapayContractSchema, {
            400: "Invalid body or X-Sandbox-Now", 404: "No contract has this id (`unknown_contract`)",
            409: "The contract has ended already (`contract_terminated`)"},
        body=SandboxPapayTerminateSchema)})
    spec.path(rule=_rule(f"{mount_path}/papay/decline"), operations={"post": _operation(
        "The user's next `times` contract deductions fail with NOTENOUGH (TRANSACTION.FAIL).",
        SandboxPapayDeclinesSchema, {400: "Invalid body", 404: unknown_user}, body=SandboxPapayDeclineSchema)})
