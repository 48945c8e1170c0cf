"""Settings for Redcover, read from the environment.

One place for each configuration key. ``load_config()`` reads the environment once
and returns the settings class for ``REDCOVER_ENV`` filled in; ``create_app`` copies
it into ``app.config``. Development and testing need no variables at all: every
secret and WeChat credential left unset is generated once into ``var/`` (see
``config.devsecrets``) and shared by the app and its WeChat sandbox.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from config.devsecrets import load_dev_secrets

ROOT_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENTS = ("development", "testing", "production")

#: Values of ENVELOPE_GRAB_GATE.
GRAB_GATES = ("redis", "postgres")

#: Values that people paste from examples; production refuses them as secrets.
PLACEHOLDER_SECRETS = {"", "dev", "secret", "changeme", "change-me", "please-change", "test", "default"}

#: The credentials a WeChat Pay version needs in production.
PAY_VERSION_KEYS = {
    "v2": ("WECHAT_PAY_API_KEY", "WECHAT_PAY_CERT_PATH", "WECHAT_PAY_KEY_PATH"),
    "v3": (
        "WECHAT_PAY_APIV3_KEY",
        "WECHAT_PAY_CERT_SERIAL",
        "WECHAT_PAY_PRIVATE_KEY_PATH",
        "WECHAT_PAY_PLATFORM_KEYS",
    ),
}

#: Secrets and credentials generated for development and testing when unset.
GENERATED_KEYS = (
    "SECRET_KEY",
    "PII_KEY",
    "WECHAT_APPID",
    "WECHAT_SECRET",
    "WECHAT_MCH_ID",
    "WECHAT_PAY_API_KEY",
    "WECHAT_PAY_CERT_PATH",
    "WECHAT_PAY_KEY_PATH",
    "WECHAT_PAY_APIV3_KEY",
    "WECHAT_PAY_CERT_SERIAL",
    "WECHAT_PAY_PRIVATE_KEY_PATH",
    "WECHAT_PAY_PLATFORM_KEYS",
    "SANDBOX_PLATFORM_PRIVATE_KEY_PATH",
    "SANDBOX_PLATFORM_KEY_ID",
    "PARTNER_SECRETS",
)


class ConfigError(RuntimeError):
    """The environment cannot run Redcover; the message names the variable to set."""


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def normalize_database_url(url: str) -> str:
    """Accept the plain ``postgres(ql)://`` form hosts hand out; we drive it with psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class BaseConfig:
    ENV_NAME = "development"
    DEBUG = False
    TESTING = False
    WECHAT_SANDBOX_DEFAULT = True

    #: Largest request body we read; webhooks set tighter limits of their own.
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    #: A JSON API body is small; anything larger is refused with 413 before parsing.
    MAX_JSON_BODY_BYTES = 64 * 1024

    AUTH_TOKEN_TTL_SECONDS = 30 * 24 * 3600
    #: How long a validated token may be served from Redis before the database is asked again.
    AUTH_TOKEN_CACHE_SECONDS = 300

    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_RECORD_QUERIES = False

    API_TITLE = "Redcover API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "docs"
    #: Swagger UI's assets are served by the app itself (no CDN is reachable offline).
    OPENAPI_SWAGGER_UI_URL = "/api/docs/assets/"

    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_STRATEGY = "fixed-window"

    #: The mini-program sources /miniprogram.zip packs (default: miniprogram/ beside app/).
    MINIPROGRAM_DIR = None

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"

    #: CSRF is checked for the admin's forms only (the admin blueprint calls protect()); a form's token
    #: lasts as long as an admin session may.
    WTF_CSRF_CHECK_DEFAULT = False
    WTF_CSRF_TIME_LIMIT = 12 * 3600
    #: Admin login attempts per username and per client address (limits strings); past them, 429.
    ADMIN_LOGIN_RATE_LIMIT = "10/15 minutes"
    ADMIN_LOGIN_IP_RATE_LIMIT = "50/15 minutes"


class DevelopmentConfig(BaseConfig):
    ENV_NAME = "development"


class TestingConfig(BaseConfig):
    ENV_NAME = "testing"
    TESTING = True


class ProductionConfig(BaseConfig):
    ENV_NAME = "production"
    WECHAT_SANDBOX_DEFAULT = False
    SESSION_COOKIE_SECURE = True


CONFIG_CLASSES = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def load_config(environ: dict[str, str] | None = None) -> BaseConfig:
    """Build the settings for ``REDCOVER_ENV`` from ``environ`` (default: ``os.environ``).

    Raises ``ConfigError`` when production lacks something it needs.
    """
    env = dict(os.environ if environ is None else environ)
    env_name = env.get("REDCOVER_ENV", "development") or "development"
    if env_name not in CONFIG_CLASSES:
        raise ConfigError(f"REDCOVER_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env_name!r}")
    config = CONFIG_CLASSES[env_name]()
    production = env_name == "production"

    var_dir = Path(env.get("REDCOVER_VAR_DIR") or ROOT_DIR / "var").resolve()
    config.VAR_DIR = str(var_dir)
    config.PORT = int(env.get("PORT") or 8000)
    config.PUBLIC_BASE_URL = (env.get("PUBLIC_BASE_URL") or f"http://127.0.0.1:{config.PORT}").rstrip("/")
    config.WECHAT_SANDBOX = _flag(env.get("WECHAT_SANDBOX"), config.WECHAT_SANDBOX_DEFAULT)
    config.WECHAT_PAY_VERSION = (env.get("WECHAT_PAY_VERSION") or "v2").lower()
    if config.WECHAT_PAY_VERSION not in PAY_VERSION_KEYS:
        raise ConfigError("WECHAT_PAY_VERSION must be v2 or v3")

    if production:
        _check_production(env, config)
        secrets = {}
    else:
        secrets = load_dev_secrets(var_dir / "dev")

    for key in GENERATED_KEYS:
        value = env.get(key) or secrets.get(key)
        setattr(config, key, value)
    config.PARTNER_SECRETS = _json_setting(env, "PARTNER_SECRETS", config.PARTNER_SECRETS or "{}")
    config.WECHAT_PAY_PLATFORM_KEYS = _json_setting(
        env, "WECHAT_PAY_PLATFORM_KEYS", config.WECHAT_PAY_PLATFORM_KEYS or "{}"
    )
    config.WECHAT_SUBSCRIBE_TEMPLATES = _json_setting(
        env, "WECHAT_SUBSCRIBE_TEMPLATES", env.get("WECHAT_SUBSCRIBE_TEMPLATES") or "{}"
    )
    if not production:
        # The sandbox takes any template id, and the mini-program needs one to ask the user about.
        config.WECHAT_SUBSCRIBE_TEMPLATES.setdefault("claim_progress", "sandbox-claim-progress")

    database_url = env.get("DATABASE_URL")
    config.EMBEDDED_DATABASE = not database_url
    config.SQLALCHEMY_DATABASE_URI = normalize_database_url(
        database_url or f"sqlite:///{var_dir / 'redcover.db'}"
    )
    redis_url = env.get("REDIS_URL")
    config.EMBEDDED_REDIS = not redis_url
    config.REDIS_URL = redis_url or f"unix://{var_dir / 'redis.sock'}"
    config.RATELIMIT_STORAGE_URI = _limits_storage_uri(config.REDIS_URL)
    #: Who decides which share a grab gets: the Redis gate (the default), or PostgreSQL alone
    #: (``SELECT ... FOR UPDATE SKIP LOCKED``; bench/README.md compares the two).
    config.ENVELOPE_GRAB_GATE = (env.get("ENVELOPE_GRAB_GATE") or "redis").strip().lower()
    if config.ENVELOPE_GRAB_GATE not in GRAB_GATES:
        raise ConfigError(f"ENVELOPE_GRAB_GATE must be one of {', '.join(GRAB_GATES)}, "
                          f"not {config.ENVELOPE_GRAB_GATE!r}")
    if config.ENVELOPE_GRAB_GATE == "postgres" and not config.SQLALCHEMY_DATABASE_URI.startswith("postgresql"):
        raise ConfigError("ENVELOPE_GRAB_GATE=postgres needs PostgreSQL (SKIP LOCKED): set DATABASE_URL to one")
    config.LOGIN_RATE_LIMIT = env.get("LOGIN_RATE_LIMIT") or "300/minute"
    config.RATELIMIT_ENABLED = True
    #: How many proxies in front of us set X-Forwarded-For (0: trust none).
    config.TRUSTED_PROXY_COUNT = int(env.get("TRUSTED_PROXY_COUNT") or 0)

    config.SANDBOX_NOTIFY_TIME_SCALE = float(env.get("SANDBOX_NOTIFY_TIME_SCALE") or 1)
    config.SANDBOX_DUPLICATE_RATE = float(env.get("SANDBOX_DUPLICATE_RATE") or 0.05)
    config.WECHAT_API_BASE_URL = (
        config.PUBLIC_BASE_URL + "/sandbox/wechat/" if config.WECHAT_SANDBOX else "https://api.weixin.qq.com/"
    )
    config.WECHAT_PAY_BASE_URL = (
        config.PUBLIC_BASE_URL + "/sandbox/wechat/" if config.WECHAT_SANDBOX else "https://api.mch.weixin.qq.com/"
    )
    config.WECHAT_HTTP_TIMEOUT = float(env.get("WECHAT_HTTP_TIMEOUT") or 5)
    return config


def _check_production(env: dict[str, str], config: BaseConfig) -> None:
    if config.WECHAT_SANDBOX:
        raise ConfigError("WECHAT_SANDBOX must be off in production: unset it or set WECHAT_SANDBOX=0")
    for key in ("SECRET_KEY", "PII_KEY"):
        value = env.get(key, "")
        if value.strip().lower() in PLACEHOLDER_SECRETS or len(value) < 32:
            raise ConfigError(f"{key} is missing or a placeholder: set it to a random value of 32+ characters")
    required = ["DATABASE_URL", "REDIS_URL", "PUBLIC_BASE_URL", "WECHAT_APPID", "WECHAT_SECRET", "WECHAT_MCH_ID"]
    required += PAY_VERSION_KEYS[config.WECHAT_PAY_VERSION]
    for key in required:
        if not env.get(key):
            raise ConfigError(f"{key} is not set; production with WECHAT_PAY_VERSION={config.WECHAT_PAY_VERSION} needs it")


def _json_setting(env: dict[str, str], key: str, raw) -> dict:
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise ConfigError(f"{key} is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise ConfigError(f"{key} must be a JSON object")
    return value


def _limits_storage_uri(redis_url: str) -> str:
    """The `limits` library names a unix-socket Redis ``redis+unix://``."""
    if redis_url.startswith("unix://"):
        return "redis+unix://" + redis_url[len("unix://"):]
    return redis_url
