"""Request logs: one JSON line each with a request id, and never a token, phone or credential."""

from __future__ import annotations

import io
import json
import logging

import pytest
from wechatpy.pay.utils import calculate_signature

from app import create_app
from app.core.observability import QUIET_LOGGERS, JsonFormatter, configure_logging
from config import load_config
from tests.support import config_set


def test_request_log_is_json_with_request_id_and_no_secrets(app, client, caplog):
    with config_set(app, REQUEST_LOG=True), caplog.at_level(logging.INFO, logger="redcover.request"):
        token = client.post("/api/v1/auth/login", json={"code": "sandbox:alice"}).get_json()["token"]
        client.post("/api/v1/auth/phone", json={"code": "sandbox-phone:13800138000"},
                    headers={"Authorization": f"Bearer {token}", "X-Request-Id": "req-42"})
    formatter = JsonFormatter()
    lines = [formatter.format(r) for r in caplog.records if r.name == "redcover.request"]
    entries = [json.loads(line) for line in lines]
    assert {e["path"] for e in entries} >= {"/api/v1/auth/login", "/api/v1/auth/phone"}
    phone_entry = next(e for e in entries if e["path"] == "/api/v1/auth/phone")
    assert phone_entry["request_id"] == "req-42" and phone_entry["status"] == 200 and phone_entry["user_id"]
    everything = "\n".join(lines)
    for secret in (token, "13800138000", "sandbox-phone", app.config["WECHAT_SECRET"]):
        assert secret not in everything


# -- LOG_LEVEL=DEBUG writes no credentials -----------------------------------------------------

API_KEY = "Wq3LmZ8vR2nT6yK1pB9cX4dF7gH0jS5a"
APP_SECRET = "9f2c4e6a8b0d1f3e5a7c9b2d4f6e8a0c"


@pytest.fixture
def bare_root_logger():
    """A root logger with no handlers; the test session's (pytest's, and the one the migrations'
    logging config leaves) come back afterwards, with every level configure_logging sets."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    saved_levels = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    root.handlers = []
    try:
        yield root
    finally:
        root.handlers = saved_handlers
        root.setLevel(saved_level)
        for name, level in saved_levels.items():
            logging.getLogger(name).setLevel(level)


@pytest.fixture
def debug_log(bare_root_logger):
    """The handler ``configure_logging("DEBUG")`` installs, writing to a buffer.

    Returns a function giving the messages (and tracebacks) written so far, each line
    checked to be one of the handler's JSON lines.
    """
    configure_logging("DEBUG")
    written = io.StringIO()
    (handler,) = bare_root_logger.handlers
    handler.setStream(written)

    def messages() -> str:
        entries = [json.loads(line) for line in written.getvalue().splitlines()]
        return "\n".join(entry["msg"] + "\n" + entry.get("exc", "") for entry in entries)

    return messages


def test_debug_logging_writes_no_credential_that_urllib3_or_wechatpy_logs(debug_log):
    logging.getLogger("redcover.test").debug("debug lines are written")
    # urllib3's line for each request it sends: jscode2session takes the AppSecret in its query.
    logging.getLogger("urllib3.connectionpool").debug(
        '%s://%s:%s "%s %s %s" %s %s', "https", "api.weixin.qq.com", 443, "GET",
        f"/sns/jscode2session?appid=wx1&secret={APP_SECRET}&js_code=abc", "HTTP/1.1", 200, None,
    )
    # wechatpy's own debug line: the v2 signing string, which ends with the API key.
    calculate_signature({"appid": "wx1", "mch_id": "1900000109", "nonce_str": "n1"}, API_KEY)
    logging.getLogger("wechatpy.pay").debug(
        "Request to WeChat API: %s %s\n%s", "POST", "https://api.mch.weixin.qq.com/pay/unifiedorder",
        {"data": f"appid=wx1&mch_id=1900000109&key={API_KEY}".encode()},
    )
    written = debug_log()
    assert "debug lines are written" in written
    assert APP_SECRET not in written and API_KEY not in written
    # Their DEBUG lines are not written at all; the masking is for what gets through.
    assert "jscode2session" not in written and "Calculate Signature URL" not in written


@pytest.mark.parametrize("logger, args, kept", [
    pytest.param("urllib3.connectionpool",  # a retry warning names the URL, query and all
                 ("Retrying (%r) after connection broken by '%r': %s", "Retry(total=2)", "ReadTimeoutError()",
                  f"/sns/jscode2session?appid=wx1&secret={APP_SECRET}&js_code=abc"),
                 "appid=wx1", id="query-string"),
    pytest.param("wechatpy.pay", ("signing %s", f"appid=wx1&nonce_str=n1&key={API_KEY}".encode()),
                 "appid=wx1", id="v2-signing-string"),
    pytest.param("wechatpy.client", ("answer %s", f'{{"session_key": "{APP_SECRET}", "openid": "o1"}}'),
                 '"openid": "o1"', id="json"),
    pytest.param("redcover.wechat", ("params %s", {"appId": "wx1", "paySign": API_KEY, "key": API_KEY}),
                 "'appId': 'wx1'", id="dict"),
    pytest.param("wechatpy.pay", ("body %s", f"<xml><appid>wx1</appid><key><![CDATA[{API_KEY}]]></key></xml>"),
                 "<appid>wx1</appid>", id="xml"),
    pytest.param("wechatpayv3", ("headers %s", {"Authorization": f'WECHATPAY2-SHA256-RSA2048 signature="{API_KEY}"'}),
                 "headers", id="authorization-header"),
])
def test_a_credential_in_a_warning_is_masked_and_the_rest_kept(debug_log, logger, args, kept):
    logging.getLogger(logger).warning(*args)
    written = debug_log()
    assert kept in written
    assert APP_SECRET not in written and API_KEY not in written


def test_a_credential_in_a_traceback_is_masked(debug_log):
    try:
        raise ConnectionError(f"Max retries exceeded with url: /sns/jscode2session?appid=wx1&secret={APP_SECRET}")
    except ConnectionError:
        logging.getLogger("redcover.wechat").exception("wechat unreachable")
    written = debug_log()
    assert "Max retries exceeded" in written and APP_SECRET not in written


def test_log_level_reaches_the_root_logger(backend_env, bare_root_logger):
    create_app(load_config(dict(backend_env, LOG_LEVEL="WARNING")), REQUEST_LOG=False)
    assert logging.getLogger().level == logging.WARNING
    create_app(load_config(dict(backend_env, LOG_LEVEL="DEBUG")), REQUEST_LOG=False)
    assert logging.getLogger().level == logging.DEBUG
    assert logging.getLogger("urllib3").level == logging.WARNING  # capped, whatever LOG_LEVEL says
