"""Configuration: zero-setup development, and production refusing to start unsafely."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app
from config import ConfigError, load_config, normalize_database_url

ROOT = Path(__file__).resolve().parent.parent

#: Random values of the shapes production asks for (WECHAT_SECRET is 32 hex, Pay keys 32 characters).
SECRET_KEY = "YHrnPJr1ckkPsmAFs38O2C2GcHK9s88WAX-tVZyUUgdF2sw2733CpdMLyAk13c6t"
PII_KEY = "73EN-YvjIHh37zCmmgDESK4s_I1R-F4dBWDWjL8XvYw"
WECHAT_SECRET = "ef36f8e0cc8e32a683a64348cf1de9e9"
PAY_API_KEY = "AiQ3BsX8Uk07OYctqdSp1WFvF68C9AcF"
PAY_APIV3_KEY = "PTBpaDXQyIPfSYxNB7L70BgLtIZpwqqg"
PARTNER_SECRET = "TIKobyIw47K3UEW_dfyLz0zaDpxhsSTkLQyN2El-Ldc"


def pem_file(directory: Path, name: str) -> str:
    """A file where production expects a certificate or key (only its presence is checked at start)."""
    path = directory / name
    path.write_text("-----BEGIN CERTIFICATE-----\nstand-in\n-----END CERTIFICATE-----\n")
    return str(path)


def production_env(tmp_path, **changes) -> dict:
    env = {
        "REDCOVER_ENV": "production",
        "REDCOVER_VAR_DIR": str(tmp_path),
        "SECRET_KEY": SECRET_KEY,
        "PII_KEY": PII_KEY,
        "DATABASE_URL": "postgresql://redcover@db/redcover",
        "REDIS_URL": "redis://cache:6379/0",
        "PUBLIC_BASE_URL": "https://insure.example.com",
        "WECHAT_APPID": "wx1234567890abcdef",
        "WECHAT_SECRET": WECHAT_SECRET,
        "WECHAT_MCH_ID": "1900000109",
        "WECHAT_PAY_API_KEY": PAY_API_KEY,
        "WECHAT_PAY_CERT_PATH": pem_file(tmp_path, "apiclient_cert.pem"),
        "WECHAT_PAY_KEY_PATH": pem_file(tmp_path, "apiclient_key.pem"),
        "PARTNER_SECRETS": json.dumps({"insurer": {"secret": PARTNER_SECRET, "scopes": ["claims"]}}),
        "AUTO_RENEW_PLANS": "none",
    }
    env.update(changes)
    return {k: v for k, v in env.items() if v is not None}


def production_v3_env(tmp_path, **changes) -> dict:
    v3 = {
        "WECHAT_PAY_VERSION": "v3",
        "WECHAT_PAY_APIV3_KEY": PAY_APIV3_KEY,
        "WECHAT_PAY_CERT_SERIAL": "ABC123",
        "WECHAT_PAY_PRIVATE_KEY_PATH": pem_file(tmp_path, "apiclient_key.pem"),
        "WECHAT_PAY_PLATFORM_KEYS": json.dumps({"PUB_KEY_ID_0114232134912410000": pem_file(tmp_path, "pub.pem")}),
    }
    return production_env(tmp_path, **dict(v3, **changes))


def test_a_complete_production_environment_loads(tmp_path):
    config = load_config(production_env(tmp_path))
    assert config.WECHAT_SANDBOX is False
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://redcover@db/redcover"
    assert config.WECHAT_API_BASE_URL == "https://api.weixin.qq.com/"
    assert config.SESSION_COOKIE_SECURE is True
    assert not (tmp_path / "dev").exists(), "production must not generate development secrets"


@pytest.mark.parametrize("changes, named", [
    ({"WECHAT_SANDBOX": "1"}, "WECHAT_SANDBOX"),
    ({"SECRET_KEY": None}, "SECRET_KEY"),
    ({"SECRET_KEY": "changeme"}, "SECRET_KEY"),
    ({"PII_KEY": "short"}, "PII_KEY"),
    ({"WECHAT_PAY_API_KEY": None}, "WECHAT_PAY_API_KEY"),
    ({"WECHAT_PAY_CERT_PATH": None}, "WECHAT_PAY_CERT_PATH"),
    ({"DATABASE_URL": None}, "DATABASE_URL"),
    ({"WECHAT_PAY_VERSION": "v3"}, "WECHAT_PAY_APIV3_KEY"),
])
def test_production_refuses_to_start_and_names_the_variable(tmp_path, changes, named):
    with pytest.raises(ConfigError) as refused:
        load_config(production_env(tmp_path, **changes))
    assert named in str(refused.value)


def test_production_v3_with_its_keys_loads(tmp_path):
    keys = {"PUB_KEY_ID_0114232134912410000": pem_file(tmp_path, "wechatpay_pub.pem")}
    config = load_config(production_v3_env(tmp_path, WECHAT_PAY_PLATFORM_KEYS=json.dumps(keys)))
    assert config.WECHAT_PAY_PLATFORM_KEYS == keys


MISSING = "/etc/redcover/no-such-file.pem"


@pytest.mark.parametrize("changes, named", [
    pytest.param({"WECHAT_PAY_API_KEY": "changeme"}, "WECHAT_PAY_API_KEY", id="pay-key-placeholder"),
    pytest.param({"WECHAT_PAY_API_KEY": "x"}, "WECHAT_PAY_API_KEY", id="pay-key-one-character"),
    pytest.param({"WECHAT_PAY_API_KEY": PAY_API_KEY + "Zq9"}, "WECHAT_PAY_API_KEY", id="pay-key-not-32"),
    pytest.param({"WECHAT_SECRET": "changeme"}, "WECHAT_SECRET", id="app-secret-placeholder"),
    pytest.param({"WECHAT_SECRET": PAY_API_KEY}, "WECHAT_SECRET", id="app-secret-not-hex"),
    pytest.param({"PARTNER_SECRETS": json.dumps({"insurer": {"secret": "a", "scopes": ["claims"]}})},
                 "PARTNER_SECRETS", id="partner-secret-one-character"),
    pytest.param({"PARTNER_SECRETS": json.dumps({"insurer": {"secret": "changeme-" + PARTNER_SECRET}})},
                 "PARTNER_SECRETS", id="partner-secret-placeholder"),
    pytest.param({"PARTNER_SECRETS": json.dumps({"insurer": {"scopes": ["claims"]}})},
                 "PARTNER_SECRETS", id="partner-without-secret"),
    pytest.param({"PARTNER_SECRETS": json.dumps({"insurer": {"secret": PARTNER_SECRET, "scopes": ["claims"],
                                                             "insurer": ""}})},
                 "PARTNER_SECRETS", id="partner-insurer-empty"),
    pytest.param({"PARTNER_SECRETS": json.dumps({"insurer": {"secret": PARTNER_SECRET, "scopes": ["claims"],
                                                             "insurer": ["example"]}})},
                 "PARTNER_SECRETS", id="partner-insurer-not-a-code"),
    pytest.param({"SECRET_KEY": "a" * 32}, "SECRET_KEY", id="secret-key-one-character-repeated"),
    pytest.param({"SECRET_KEY": "abcd" * 12}, "SECRET_KEY", id="secret-key-four-distinct-characters"),
    pytest.param({"SECRET_KEY": "abcdefgh" * 4}, "SECRET_KEY", id="secret-key-short-string-repeated"),
    pytest.param({"SECRET_KEY": "Changeme-" + SECRET_KEY}, "SECRET_KEY", id="secret-key-placeholder-word"),
    pytest.param({"PII_KEY": SECRET_KEY}, "PII_KEY", id="pii-key-same-as-secret-key"),
    pytest.param({"PUBLIC_BASE_URL": "http://insure.example.com"}, "PUBLIC_BASE_URL", id="public-url-http"),
    pytest.param({"WECHAT_PAY_CERT_PATH": MISSING}, "WECHAT_PAY_CERT_PATH", id="cert-path-missing"),
    pytest.param({"WECHAT_PAY_KEY_PATH": MISSING}, "WECHAT_PAY_KEY_PATH", id="key-path-missing"),
])
def test_production_refuses_placeholder_weak_and_unusable_values(tmp_path, changes, named):
    with pytest.raises(ConfigError) as refused:
        load_config(production_env(tmp_path, **changes))
    assert named in str(refused.value)


@pytest.mark.parametrize("changes, named", [
    pytest.param({"WECHAT_PAY_APIV3_KEY": PAY_APIV3_KEY[:16]}, "WECHAT_PAY_APIV3_KEY", id="apiv3-key-16-bytes"),
    pytest.param({"WECHAT_PAY_APIV3_KEY": PAY_APIV3_KEY + "K"}, "WECHAT_PAY_APIV3_KEY", id="apiv3-key-33-bytes"),
    pytest.param({"WECHAT_PAY_APIV3_KEY": PAY_APIV3_KEY[:31] + "é"}, "WECHAT_PAY_APIV3_KEY",
                 id="apiv3-key-32-characters-33-bytes"),
    pytest.param({"WECHAT_PAY_APIV3_KEY": PAY_APIV3_KEY[:16] * 2}, "WECHAT_PAY_APIV3_KEY",
                 id="apiv3-key-short-string-repeated"),
    pytest.param({"PUBLIC_BASE_URL": "http://insure.example.com"}, "PUBLIC_BASE_URL", id="public-url-http"),
    pytest.param({"WECHAT_PAY_PRIVATE_KEY_PATH": MISSING}, "WECHAT_PAY_PRIVATE_KEY_PATH",
                 id="private-key-path-missing"),
    pytest.param({"WECHAT_PAY_PLATFORM_KEYS": json.dumps({"PUB_KEY_ID_0114232134912410000": MISSING})},
                 "WECHAT_PAY_PLATFORM_KEYS", id="platform-key-path-missing"),
])
def test_production_v3_refuses_weak_and_unusable_values(tmp_path, changes, named):
    with pytest.raises(ConfigError) as refused:
        load_config(production_v3_env(tmp_path, **changes))
    assert named in str(refused.value)


@pytest.mark.parametrize("name, raw, secret", [
    ("SECRET_KEY", "abcdefgh" * 4, "abcdefgh" * 4),
    ("WECHAT_SECRET", PAY_API_KEY, PAY_API_KEY),
    ("WECHAT_PAY_API_KEY", PAY_API_KEY + "Zq9", PAY_API_KEY),
    ("PARTNER_SECRETS", '{"insurer": {"secret": "changeme-0123456789abcdefghijklm"}}', "0123456789abcdefghijklm"),
    ("PARTNER_SECRETS", '{"insurer": {"secret": "0123456789abcdefghijklmnopqrstuv"', "0123456789abcdefghijklm"),
])
def test_a_refused_secret_is_not_repeated_in_the_message(tmp_path, name, raw, secret):
    with pytest.raises(ConfigError) as refused:
        load_config(production_env(tmp_path, **{name: raw}))
    assert name in str(refused.value)
    assert secret not in str(refused.value)


def test_the_production_app_refuses_to_start_from_the_command_line(tmp_path):
    env = {"PATH": os.environ["PATH"], **production_env(tmp_path, SECRET_KEY=None)}
    result = subprocess.run([sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_development_needs_no_variables_and_keeps_its_generated_secrets(tmp_path):
    first = load_config({"REDCOVER_VAR_DIR": str(tmp_path)})
    second = load_config({"REDCOVER_VAR_DIR": str(tmp_path)})
    assert first.WECHAT_SANDBOX is True
    assert first.SQLALCHEMY_DATABASE_URI == f"sqlite:///{tmp_path / 'redcover.db'}"
    assert first.REDIS_URL == f"unix://{tmp_path / 'redis.sock'}"
    for key in ("SECRET_KEY", "PII_KEY", "WECHAT_APPID", "WECHAT_SECRET", "WECHAT_PAY_API_KEY"):
        assert getattr(first, key) and getattr(first, key) == getattr(second, key)
    assert Path(first.WECHAT_PAY_CERT_PATH).read_text().startswith("-----BEGIN CERTIFICATE-----")
    assert oct((tmp_path / "dev" / "secrets.json").stat().st_mode & 0o777) == "0o600"


def test_the_development_claims_partner_speaks_for_the_seeded_insurer(tmp_path):
    from app.catalog.seed import EXAMPLE_INSURER

    partners = load_config({"REDCOVER_VAR_DIR": str(tmp_path)}).PARTNER_SECRETS
    assert partners["insurer"]["scopes"] == ["claims"]
    assert partners["insurer"]["insurer"] == EXAMPLE_INSURER["code"]


def test_secrets_generated_before_partners_named_their_insurer_gain_it_and_keep_every_secret(tmp_path):
    """A developer's var/dev/secrets.json from an older release: its claims partner named no insurer, and would be
    refused (403) on every update; it gains the seeded one, and nothing else changes."""
    load_config({"REDCOVER_VAR_DIR": str(tmp_path)})
    path = tmp_path / "dev" / "secrets.json"
    older = json.loads(path.read_text())
    partners = json.loads(older["PARTNER_SECRETS"])
    del partners["insurer"]["insurer"]
    older["PARTNER_SECRETS"] = json.dumps(partners)
    path.write_text(json.dumps(older))
    config = load_config({"REDCOVER_VAR_DIR": str(tmp_path)})
    assert config.PARTNER_SECRETS == dict(partners, insurer=dict(partners["insurer"], insurer="example"))
    kept = json.loads(path.read_text())
    assert {k: v for k, v in kept.items() if k != "PARTNER_SECRETS"} == {
        k: v for k, v in older.items() if k != "PARTNER_SECRETS"}
    assert json.loads(kept["PARTNER_SECRETS"]) == config.PARTNER_SECRETS
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_a_variable_that_is_set_wins_over_the_generated_one(tmp_path):
    config = load_config({"REDCOVER_VAR_DIR": str(tmp_path), "WECHAT_APPID": "wxfromtheenvironment"})
    assert config.WECHAT_APPID == "wxfromtheenvironment"


@pytest.mark.parametrize("given, expected", [
    ("postgresql://u:p@h:5432/db", "postgresql+psycopg://u:p@h:5432/db"),
    ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
])
def test_plain_postgresql_urls_are_driven_by_psycopg3(given, expected):
    assert normalize_database_url(given) == expected


def test_grabs_go_through_the_redis_gate_unless_postgres_is_asked_for_and_present(tmp_path):
    base = {"REDCOVER_VAR_DIR": str(tmp_path)}
    assert load_config(base).ENVELOPE_GRAB_GATE == "redis"
    on_postgres = dict(base, DATABASE_URL="postgresql://u@h/db", ENVELOPE_GRAB_GATE="postgres")
    assert load_config(on_postgres).ENVELOPE_GRAB_GATE == "postgres"
    with pytest.raises(ConfigError, match="needs PostgreSQL"):
        load_config(dict(base, ENVELOPE_GRAB_GATE="postgres"))  # SQLite has no SKIP LOCKED
    with pytest.raises(ConfigError, match="ENVELOPE_GRAB_GATE"):
        load_config(dict(base, ENVELOPE_GRAB_GATE="memcached"))


def test_admin_login_limits_set_in_the_environment_reach_the_app(backend_env):
    env = dict(backend_env, ADMIN_LOGIN_RATE_LIMIT="3/minute", ADMIN_LOGIN_IP_RATE_LIMIT="20/hour")
    app = create_app(load_config(env), REQUEST_LOG=False)
    assert app.config["ADMIN_LOGIN_RATE_LIMIT"] == "3/minute"
    assert app.config["ADMIN_LOGIN_IP_RATE_LIMIT"] == "20/hour"


def test_admin_login_limits_default_to_ten_per_username_and_fifty_per_address(backend_env):
    config = load_config(backend_env)
    assert (config.ADMIN_LOGIN_RATE_LIMIT, config.ADMIN_LOGIN_IP_RATE_LIMIT) == ("10/15 minutes", "50/15 minutes")


def test_log_level_is_a_setting_of_the_app(backend_env):
    assert load_config(backend_env).LOG_LEVEL == "INFO"
    assert load_config(dict(backend_env, LOG_LEVEL="debug")).LOG_LEVEL == "DEBUG"


@pytest.mark.parametrize("name, value", [
    ("ADMIN_LOGIN_RATE_LIMIT", "ten a minute"),
    ("LOG_LEVEL", "LOUD"),
    ("PORT", "eighty"),
    ("WECHAT_SANDBOX", "maybe"),
    ("SANDBOX_DUPLICATE_RATE", "-1"),
    ("WECHAT_CONCURRENT_CALLS", "0"),  # no call to WeChat could ever be made
    ("WECHAT_CONCURRENT_CALLS", "four"),
    ("WECHAT_CALL_WAIT", "-0.5"),
    ("WECHAT_PAPAY_TEMPLATES", '["accident-monthly"]'),
    ("WECHAT_PAPAY_TEMPLATES", '{"accident-monthly": "twelve"}'),
    ("WECHAT_PAPAY_TEMPLATES", '{"accident-monthly": 0}'),
])
def test_a_value_that_cannot_be_read_is_refused_at_start_naming_the_variable(backend_env, name, value):
    with pytest.raises(ConfigError, match=name):
        load_config(dict(backend_env, **{name: value}))


def test_papay_templates_map_our_plan_codes_to_wechats_template_ids(backend_env):
    assert load_config(dict(backend_env, AUTO_RENEW_PLANS="none")).WECHAT_PAPAY_TEMPLATES == {}
    # Outside production each plan that may renew gets a sandbox template unless one is given.
    assert load_config(backend_env).WECHAT_PAPAY_TEMPLATES == {"accident-basic": 12535, "accident-plus": 12536}
    templates = '{"accident-monthly": 12535, "hospital-monthly": "7"}'
    config = load_config(dict(backend_env, WECHAT_PAPAY_TEMPLATES=templates, AUTO_RENEW_PLANS="none"))
    assert config.WECHAT_PAPAY_TEMPLATES == {"accident-monthly": 12535, "hospital-monthly": 7}


@pytest.mark.parametrize("changes, named", [
    ({}, "WECHAT_PAY_APIV3_KEY"),  # v2 for one-off payments, but renewal is v3
    ({"WECHAT_PAY_PRIVATE_KEY_PATH": None}, "WECHAT_PAY_PRIVATE_KEY_PATH"),
    ({"WECHAT_PAY_VERSION": "v3", "WECHAT_PAY_APIV3_KEY": PAY_APIV3_KEY, "WECHAT_PAY_CERT_SERIAL": "ABC123",
      "WECHAT_PAY_PRIVATE_KEY_PATH": "KEY", "WECHAT_PAY_PLATFORM_KEYS": "KEYS"}, "WECHAT_PAPAY_TEMPLATES"),
])
def test_production_refuses_auto_renewal_without_contract_deduction(tmp_path, changes, named):
    v3 = {"WECHAT_PAY_APIV3_KEY": PAY_APIV3_KEY, "WECHAT_PAY_CERT_SERIAL": "ABC123",
          "WECHAT_PAY_PRIVATE_KEY_PATH": pem_file(tmp_path, "apiclient_key.pem"),
          "WECHAT_PAY_PLATFORM_KEYS": json.dumps({"PUB_KEY_ID_0114232134912410000": pem_file(tmp_path, "pub.pem")})}
    if changes and named != "WECHAT_PAY_PRIVATE_KEY_PATH":
        changes = dict(v3, WECHAT_PAY_VERSION="v3")
    elif changes:
        changes = dict(v3, **changes)
    with pytest.raises(ConfigError) as refused:
        load_config(production_env(tmp_path, AUTO_RENEW_PLANS="accident-basic", **changes))
    assert named in str(refused.value)


def test_production_with_auto_renewal_configured_loads_even_on_pay_v2(tmp_path):
    config = load_config(production_env(
        tmp_path, AUTO_RENEW_PLANS="accident-basic,accident-plus",
        WECHAT_PAPAY_TEMPLATES=json.dumps({"accident-basic": 12535, "accident-plus": 12536}),
        WECHAT_PAY_APIV3_KEY=PAY_APIV3_KEY, WECHAT_PAY_CERT_SERIAL="ABC123",
        WECHAT_PAY_PRIVATE_KEY_PATH=pem_file(tmp_path, "apiclient_key.pem"),
        WECHAT_PAY_PLATFORM_KEYS=json.dumps({"PUB_KEY_ID_0114232134912410000": pem_file(tmp_path, "pub.pem")})))
    assert config.WECHAT_PAY_VERSION == "v2" and config.AUTO_RENEW_PLANS == ("accident-basic", "accident-plus")
