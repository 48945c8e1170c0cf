"""Settings for Redcover, read from the environment.

Every environment variable the app reads is one ``Setting`` in ``SETTINGS`` below: its
name, how its text becomes a value, its default, and what production demands of it.
``load_config()`` reads them in that order and returns the settings class for
``REDCOVER_ENV`` filled in; ``create_app`` copies it into ``app.config``. Development
and testing need no variables at all: every secret and WeChat credential left unset is
generated once into ``var/`` (see ``config.devsecrets``) and shared by the app and its
WeChat sandbox. (gunicorn.conf.py reads its own few variables before the app exists;
README.md's table lists those too, and tests/test_readme_settings.py keeps the two in step.)
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import limits

from config.devsecrets import load_dev_secrets

ROOT_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENTS = ("development", "testing", "production")

#: Values of ENVELOPE_GRAB_GATE.
GRAB_GATES = ("redis", "postgres")

#: Values that people paste from examples; production refuses them as secrets (ignoring case).
PLACEHOLDER_SECRETS = {
    "", "dev", "secret", "changeme", "change-me", "please-change", "test", "default",
    "changeit", "password", "secret-key", "secret_key", "xxx", "none", "null",
}
#: Production also refuses a secret containing one of these (ignoring case): they are too long
#: to turn up in a random value by chance, and they mark an example's ``changeme-...-0001``.
PLACEHOLDER_WORDS = ("changeme", "change-me", "change_me", "replaceme", "replace-me", "replace_me",
                     "placeholder", "example")
#: Production's floor for a secret: 32 characters (128 bits even as hex), at least 8 of them
#: distinct, and not a shorter string repeated. A random value of 32+ characters passes all
#: three (32 random hex digits show fewer than 8 distinct ones in under 1 of 10^7 draws);
#: ``a`` x 32, ``abab...`` and ``abcdefgh`` x 4 do not.
MIN_SECRET_LENGTH = 32
MIN_DISTINCT_CHARACTERS = 8

#: Values of LOG_LEVEL: the levels both logging and gunicorn's ``loglevel`` know.
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

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


class ConfigError(RuntimeError):
    """The environment cannot run Redcover; the message names the variable to set."""


@dataclass(frozen=True)
class Setting:
    """One environment variable the app reads.

    ``parse`` and ``production_check`` raise ``ValueError`` with a predicate ("must be
    ...", "is too short ..."); ``load_config`` puts the variable's name in front of it.
    """

    name: str
    #: Turns the variable's text into the value the app uses.
    parse: Callable[[str], Any] = str
    #: The value when the variable is unset or empty; a function gets the settings read so far.
    default: Any = None
    #: Where the value goes in the config, when that is not the variable's own name.
    key: str | None = None
    #: Never repeated in an error message.
    secret: bool = False
    #: Development and testing fill it from the generated ``var/dev/secrets.json`` when unset.
    generated: bool = False
    #: Production refuses to start without it (PAY_VERSION_KEYS adds the pay version's own).
    required_in_production: bool = False
    #: Production refuses a value this raises ValueError for.
    production_check: Callable[[Any], None] | None = None

    @property
    def config_key(self) -> str:
        return self.key or self.name

    def read(self, raw: str | None, config: BaseConfig) -> Any:
        if raw is None or raw == "":
            return self.default(config) if callable(self.default) else self.default
        try:
            return self.parse(raw)
        except ValueError as exc:
            shown = "" if self.secret else f", not {raw!r}"
            raise ConfigError(f"{self.name} {exc}{shown}") from None


# -- parsers: text to value, or ValueError("must be ...") ------------------------------------

def _one_of(*choices: str, normalize: Callable[[str], str] = str.lower) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        value = normalize(raw.strip())
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return value

    return parse


def _flag(raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError("must be 1 or 0 (or true/false, yes/no, on/off)")


def _whole_number(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ValueError("must be a whole number") from None
    if value < 0:
        raise ValueError("must not be negative")
    return value


def _positive_whole_number(raw: str) -> int:
    value = _whole_number(raw)
    if value == 0:
        raise ValueError("must be at least 1")
    return value


def _number(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ValueError("must be a number") from None
    if value < 0:
        raise ValueError("must not be negative")
    return value


def _json_object(raw: str) -> dict:
    try:
        value = json.loads(raw)
    except ValueError as exc:
        # json's message gives the position, never the text: safe for secrets too.
        raise ValueError(f"is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise ValueError("must be a JSON object")
    return value


def _papay_templates(raw: str) -> dict[str, int]:
    """Our plan code -> WeChat Pay's contract deduction template ``plan_id`` (a positive whole number)."""
    templates = _json_object(raw)
    parsed = {}
    for code, plan_id in templates.items():
        if isinstance(plan_id, str) and plan_id.isdigit():
            plan_id = int(plan_id)
        if not isinstance(plan_id, int) or isinstance(plan_id, bool) or plan_id <= 0:
            raise ValueError(f"entry {code!r} must be WeChat's template plan_id, a positive whole number")
        parsed[code] = plan_id
    return parsed


#: The seed's monthly plans that renew (``AUTO_RENEW_PLANS``'s default): the app reads no plan from the
#: database while it starts, so the settings name the plan codes that may offer ``auto_renew``.
SEED_AUTO_RENEW_PLANS = ("accident-basic", "accident-plus")


def _plan_codes(raw: str) -> tuple[str, ...]:
    """Comma-separated plan codes; ``none`` for no plan at all."""
    if raw.strip().lower() == "none":
        return ()
    return tuple(code.strip() for code in raw.split(",") if code.strip())


def _rate_limit(raw: str) -> str:
    """A ``limits`` string, checked now rather than at the first request that needs it."""
    try:
        limits.parse(raw)
    except ValueError:
        raise ValueError("must be a rate limit such as '10/15 minutes' or '300/minute'") from None
    return raw


def _directory(raw: str) -> str:
    return str(Path(raw).resolve())


def _base_url(raw: str) -> str:
    return raw.rstrip("/")


# -- production checks: ValueError("is ...") refuses the value ---------------------------------

def _off(sandbox: bool) -> None:
    if sandbox:
        raise ValueError("must be off in production: unset it or set WECHAT_SANDBOX=0")


def _refuse_weak_secret(value: str) -> None:
    """The floor every production secret meets (see MIN_SECRET_LENGTH); never shows the value."""
    lowered = value.strip().lower()
    if lowered in PLACEHOLDER_SECRETS or any(word in lowered for word in PLACEHOLDER_WORDS):
        raise ValueError("is a placeholder: set it to a random value")
    if len(value) < MIN_SECRET_LENGTH:
        raise ValueError(f"is too short: {len(value)} characters, a secret needs {MIN_SECRET_LENGTH}+")
    if len(set(value)) < MIN_DISTINCT_CHARACTERS:
        raise ValueError(f"is too repetitive: {len(set(value))} distinct characters, "
                         f"a random value has far more than {MIN_DISTINCT_CHARACTERS}")
    if value in (value + value)[1:-1]:
        raise ValueError("is too repetitive: a shorter string repeated; set it to a random value")


def _wechat_app_secret(value: str) -> None:
    _refuse_weak_secret(value)
    if not re.fullmatch(r"[0-9a-fA-F]{32}", value):
        raise ValueError("must be the mini-program's AppSecret: 32 hex characters, as WeChat issues it")


def _pay_v2_api_key(value: str) -> None:
    _refuse_weak_secret(value)
    if len(value) != 32:
        raise ValueError(f"must be exactly 32 characters, as WeChat Pay's API key is; it has {len(value)}")


def _pay_v3_api_key(value: str) -> None:
    _refuse_weak_secret(value)
    size = len(value.encode())
    if size != 32:
        # AES-GCM takes 16, 24 or 32 bytes; anything but 32 would silently run as AES-128/192 or fail on
        # the first notification.
        raise ValueError(f"must be exactly 32 bytes (WeChat Pay v3's AES-256-GCM key); it has {size}")


def _partner_secrets(partners: dict) -> None:
    for partner, entry in partners.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("secret"), str):
            raise ValueError(f"entry {partner!r} must be an object with a \"secret\" string")
        if "insurer" in entry and not (isinstance(entry["insurer"], str) and entry["insurer"]):
            raise ValueError(f"entry {partner!r}: \"insurer\" must be the code of the insurer it speaks for")
        try:
            _refuse_weak_secret(entry["secret"])
        except ValueError as exc:
            raise ValueError(f"entry {partner!r}: its secret {exc}") from None


def _https_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        raise ValueError("must be an https:// URL in production: WeChat Pay sends notifications there")


def _readable_file(path: str) -> None:
    if not (os.path.isfile(path) and os.access(path, os.R_OK)):
        raise ValueError(f"names no readable file: {path}")


def _readable_files(paths_by_key: dict) -> None:
    for key, path in paths_by_key.items():
        if not (isinstance(path, str) and os.path.isfile(path) and os.access(path, os.R_OK)):
            raise ValueError(f"entry {key!r} names no readable file: {path}")


def normalize_database_url(url: str) -> str:
    """Accept the plain ``postgres(ql)://`` form hosts hand out; we drive it with psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


# -- the settings ----------------------------------------------------------------------------

SETTINGS: tuple[Setting, ...] = (
    #: Chooses the settings class; read before everything else.
    Setting("REDCOVER_ENV", _one_of(*ENVIRONMENTS), default="development", key="ENV_NAME"),
    #: The SQLite database, the embedded Redis socket, uploads, and the generated development secrets.
    Setting("REDCOVER_VAR_DIR", _directory, default=lambda config: _directory(str(ROOT_DIR / "var")), key="VAR_DIR"),
    Setting("PORT", _whole_number, default=8000),
    #: The URL WeChat calls back; WeChat Pay v3 takes https notify URLs only.
    Setting("PUBLIC_BASE_URL", _base_url, default=lambda config: f"http://127.0.0.1:{config.PORT}",
            required_in_production=True, production_check=_https_url),
    Setting("WECHAT_SANDBOX", _flag, default=lambda config: config.WECHAT_SANDBOX_DEFAULT, production_check=_off),
    Setting("WECHAT_PAY_VERSION", _one_of(*PAY_VERSION_KEYS), default="v2"),
    Setting("SECRET_KEY", secret=True, generated=True, required_in_production=True, production_check=_refuse_weak_secret),
    #: Must differ from SECRET_KEY (load_config checks): one leaked key must not unlock the other's data.
    Setting("PII_KEY", secret=True, generated=True, required_in_production=True, production_check=_refuse_weak_secret),
    Setting("WECHAT_APPID", generated=True, required_in_production=True),
    Setting("WECHAT_SECRET", secret=True, generated=True, required_in_production=True,
            production_check=_wechat_app_secret),
    Setting("WECHAT_MCH_ID", generated=True, required_in_production=True),
    Setting("WECHAT_PAY_API_KEY", secret=True, generated=True, production_check=_pay_v2_api_key),
    Setting("WECHAT_PAY_CERT_PATH", generated=True, production_check=_readable_file),
    Setting("WECHAT_PAY_KEY_PATH", generated=True, production_check=_readable_file),
    Setting("WECHAT_PAY_APIV3_KEY", secret=True, generated=True, production_check=_pay_v3_api_key),
    Setting("WECHAT_PAY_CERT_SERIAL", generated=True),
    Setting("WECHAT_PAY_PRIVATE_KEY_PATH", generated=True, production_check=_readable_file),
    #: Serial or public-key id -> PEM path of the keys WeChat Pay signs with.
    Setting("WECHAT_PAY_PLATFORM_KEYS", _json_object, default=lambda config: {}, generated=True,
            production_check=_readable_files),
    #: The sandbox's side of v3: the key it signs notifications with, and its id.
    Setting("SANDBOX_PLATFORM_PRIVATE_KEY_PATH", generated=True),
    Setting("SANDBOX_PLATFORM_KEY_ID", generated=True),
    #: Partner -> {"secret": ..., "scopes": [...], "insurer": "<insurer code>"}, for the partner webhooks; a
    #: claims partner moves the claims of its insurer's policies only, and none without one.
    Setting("PARTNER_SECRETS", _json_object, default=lambda config: {}, secret=True, generated=True,
            production_check=_partner_secrets),
    #: Event -> subscribe-message template id.
    Setting("WECHAT_SUBSCRIBE_TEMPLATES", _json_object, default=lambda config: {}),
    #: Our plan code -> WeChat Pay's insurance contract deduction template (plan_id), for monthly renewal.
    Setting("WECHAT_PAPAY_TEMPLATES", _papay_templates, default=lambda config: {}),
    #: The plan codes that may offer auto-renewal (with ``plans.auto_renew`` on); ``none`` for none.
    Setting("AUTO_RENEW_PLANS", _plan_codes, default=SEED_AUTO_RENEW_PLANS),
    #: Unset: SQLite in VAR_DIR (EMBEDDED_DATABASE).
    Setting("DATABASE_URL", normalize_database_url, secret=True, required_in_production=True),
    #: Unset: the private redis-server on a socket in VAR_DIR (EMBEDDED_REDIS).
    Setting("REDIS_URL", secret=True, required_in_production=True),
    #: A Redis Cluster for the web path (grab gates, token cache, rate limits); REDIS_URL keeps the job
    #: queue, which RQ needs on one server. Unset: the web path uses REDIS_URL too.
    Setting("REDIS_CLUSTER_URL", secret=True),
    #: Each process keeps its own copies of cached tokens, dropped the moment Redis announces a change
    #: (app/core/near_cache.py). Off: every request asks Redis. Never used on a Redis Cluster.
    Setting("REDIS_NEAR_CACHE", _flag, default=True),
    #: Who decides which share a grab gets: the Redis gate (the default), or PostgreSQL alone
    #: (``SELECT ... FOR UPDATE SKIP LOCKED``; bench/README.md compares the two).
    Setting("ENVELOPE_GRAB_GATE", _one_of(*GRAB_GATES), default="redis"),
    #: Mini-program logins per client address.
    Setting("LOGIN_RATE_LIMIT", _rate_limit, default="300/minute"),
    #: Admin login attempts per username and per client address; past them, 429.
    Setting("ADMIN_LOGIN_RATE_LIMIT", _rate_limit, default="10/15 minutes"),
    Setting("ADMIN_LOGIN_IP_RATE_LIMIT", _rate_limit, default="50/15 minutes"),
    #: How many proxies in front of us set X-Forwarded-For (0: trust none).
    Setting("TRUSTED_PROXY_COUNT", _whole_number, default=0),
    #: The sandbox's WeChat retry schedule is multiplied by this (tests run it in milliseconds).
    Setting("SANDBOX_NOTIFY_TIME_SCALE", _number, default=1.0),
    #: The share of notifications the sandbox delivers twice, as WeChat sometimes does.
    Setting("SANDBOX_DUPLICATE_RATE", _number, default=0.05),
    #: Seconds we wait for WeChat's API before giving up on a call.
    Setting("WECHAT_HTTP_TIMEOUT", _number, default=5.0),
    #: Calls to WeChat one process makes at once (half of gunicorn's 8 threads): a slow WeChat then holds
    #: at most these threads, and the others go on serving grabs and pages (docs/capacity.md).
    Setting("WECHAT_CONCURRENT_CALLS", _positive_whole_number, default=4),
    #: Seconds a call waits for one of those turns before the request answers 503, WeChat busy.
    Setting("WECHAT_CALL_WAIT", _number, default=0.5),
    #: Seconds the sandbox takes to answer each call, to see the app with a slow WeChat (0: at once).
    Setting("SANDBOX_WECHAT_LATENCY", _number, default=0.0),
    #: INFO writes one line per request and per job; development keeps to warnings unless asked.
    Setting("LOG_LEVEL", _one_of(*LOG_LEVELS, normalize=str.upper), default=lambda config: config.LOG_LEVEL_DEFAULT),
)

#: Secrets and credentials generated for development and testing when unset.
GENERATED_KEYS = tuple(setting.name for setting in SETTINGS if setting.generated)


class BaseConfig:
    ENV_NAME = "development"
    DEBUG = False
    TESTING = False
    WECHAT_SANDBOX_DEFAULT = True
    LOG_LEVEL_DEFAULT = "INFO"

    #: Largest request body we read; webhooks set tighter limits of their own.
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    #: A JSON API body is small; anything larger is refused with 413 before parsing.
    MAX_JSON_BODY_BYTES = 64 * 1024

    AUTH_TOKEN_TTL_SECONDS = 30 * 24 * 3600
    #: How long a validated token may be served from Redis before the database is asked again.
    AUTH_TOKEN_CACHE_SECONDS = 300
    #: How long a cache read or write (the token cache) waits for Redis before the database answers
    #: instead: a Redis that hangs must not hold up every request.
    REDIS_CACHE_TIMEOUT_SECONDS = 0.1
    #: After Redis failed to answer the cache in time, it is skipped this long (then one request tries it).
    REDIS_CACHE_BREAKER_SECONDS = 5.0

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

    RATELIMIT_ENABLED = True

    #: The mini-program sources /miniprogram.zip packs (default: miniprogram/ beside app/).
    MINIPROGRAM_DIR = None

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"

    #: CSRF is checked for the admin's forms only (the admin blueprint calls protect()); a form's token
    #: lasts as long as an admin session may.
    WTF_CSRF_CHECK_DEFAULT = False
    WTF_CSRF_TIME_LIMIT = 12 * 3600


class DevelopmentConfig(BaseConfig):
    ENV_NAME = "development"
    #: A person reads these logs (``scripts/run``): warnings and errors, not a line per request and job.
    LOG_LEVEL_DEFAULT = "WARNING"


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

    Raises ``ConfigError``, naming the variable, when a value cannot be read, or when
    production lacks something it needs or is given something unsafe.
    """
    env = os.environ if environ is None else environ
    environment, *others = SETTINGS
    config = CONFIG_CLASSES[environment.read(env.get(environment.name), None)]()
    production = isinstance(config, ProductionConfig)

    dev_secrets = None
    #: The settings filled from the generated development secrets, not from the environment.
    config.GENERATED_SETTINGS = set()
    for setting in others:
        raw = env.get(setting.name)
        if not raw and setting.generated and not production:
            if dev_secrets is None:
                dev_secrets = load_dev_secrets(Path(config.VAR_DIR) / "dev")
            raw = dev_secrets.get(setting.name)
            config.GENERATED_SETTINGS.add(setting.name)
        setattr(config, setting.config_key, setting.read(raw, config))

    if production:
        _check_production(config)
    else:
        # The sandbox takes any template id, and the mini-program needs one to ask the user about.
        config.WECHAT_SUBSCRIBE_TEMPLATES.setdefault("claim_progress", "sandbox-claim-progress")
        config.WECHAT_SUBSCRIBE_TEMPLATES.setdefault("renewal_notice", "sandbox-renewal-notice")
        # The sandbox takes any contract deduction template: each renewing plan gets one to sign with.
        for number, code in enumerate(config.AUTO_RENEW_PLANS):
            config.WECHAT_PAPAY_TEMPLATES.setdefault(code, 12535 + number)

    config.EMBEDDED_DATABASE = config.DATABASE_URL is None
    config.SQLALCHEMY_DATABASE_URI = config.DATABASE_URL or f"sqlite:///{Path(config.VAR_DIR) / 'redcover.db'}"
    config.EMBEDDED_REDIS = config.REDIS_URL is None
    config.REDIS_URL = config.REDIS_URL or f"unix://{Path(config.VAR_DIR) / 'redis.sock'}"
    config.RATELIMIT_STORAGE_URI = _limits_storage_uri(config.REDIS_CLUSTER_URL or config.REDIS_URL,
                                                       cluster=bool(config.REDIS_CLUSTER_URL))
    if config.ENVELOPE_GRAB_GATE == "postgres" and not config.SQLALCHEMY_DATABASE_URI.startswith("postgresql"):
        raise ConfigError("ENVELOPE_GRAB_GATE=postgres needs PostgreSQL (SKIP LOCKED): set DATABASE_URL to one")
    wechat = config.PUBLIC_BASE_URL + "/sandbox/wechat/" if config.WECHAT_SANDBOX else None
    config.WECHAT_API_BASE_URL = wechat or "https://api.weixin.qq.com/"
    config.WECHAT_PAY_BASE_URL = wechat or "https://api.mch.weixin.qq.com/"
    return config


def _check_production(config: BaseConfig) -> None:
    needed_for_pay = PAY_VERSION_KEYS[config.WECHAT_PAY_VERSION]
    for setting in SETTINGS:
        value = getattr(config, setting.config_key)
        if not value and (setting.required_in_production or setting.name in needed_for_pay):
            raise ConfigError(
                f"{setting.name} is not set; production with WECHAT_PAY_VERSION={config.WECHAT_PAY_VERSION} needs it"
            )
        if setting.production_check is not None and value is not None:
            try:
                setting.production_check(value)
            except ValueError as exc:
                raise ConfigError(f"{setting.name} {exc}") from None
    if config.PII_KEY == config.SECRET_KEY:
        raise ConfigError("PII_KEY must differ from SECRET_KEY: set each to its own random value")
    _check_auto_renewal(config)


def _check_auto_renewal(config: BaseConfig) -> None:
    """A plan that offers auto-renewal needs contract deduction, which is WeChat Pay API v3 whatever
    WECHAT_PAY_VERSION says: the APIv3 key, the merchant's key and serial, the platform keys, and the
    plan's template."""
    if not config.AUTO_RENEW_PLANS:
        return
    for name in PAY_VERSION_KEYS["v3"]:
        if not getattr(config, name):
            raise ConfigError(f"{name} is not set; AUTO_RENEW_PLANS offers monthly auto-renewal, which is WeChat "
                              f"Pay API v3 whatever WECHAT_PAY_VERSION says (set AUTO_RENEW_PLANS=none to offer none)")
    for code in config.AUTO_RENEW_PLANS:
        if code not in config.WECHAT_PAPAY_TEMPLATES:
            raise ConfigError(f"WECHAT_PAPAY_TEMPLATES has no template for plan {code!r}, which AUTO_RENEW_PLANS "
                              f"offers auto-renewal")


def _limits_storage_uri(redis_url: str, cluster: bool = False) -> str:
    """The `limits` library names a unix-socket Redis ``redis+unix://`` and a cluster ``redis+cluster://``."""
    if cluster:
        return "redis+cluster://" + redis_url.split("://", 1)[1]
    if redis_url.startswith("unix://"):
        return "redis+unix://" + redis_url[len("unix://"):]
    return redis_url
