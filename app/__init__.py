"""The Redcover application factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

# ``models`` puts every table on the metadata (the ORM resolves foreign keys across features).
from app import cli, features, models, sandbox  # noqa: F401
from app.core import db as core_db
from app.core import i18n, observability, ratelimit, untrusted
from app.core.api import Api
from app.core.errors import register_error_handlers
from app.extensions import csrf, db, login_manager, migrate, redis_cache, redis_store
from config import BaseConfig, load_config

ROOT_DIR = Path(__file__).resolve().parent.parent


#: What every operation shares and a schema cannot say (docs/api.md, Conventions).
API_DESCRIPTION = (
    "Redcover micro-insurance API. Money is integer fen; times are ISO 8601 with offset. Every error is "
    '`{"error": {"code", "message", "details"}}`. No text anywhere in a request (path, query string, body, '
    "object keys included) may hold a NUL character or an unpaired UTF-16 surrogate: 400 in the address, 422 "
    "naming the field in a body. JSON nested more than 100 levels deep is 400 `malformed_json`; bodies are at "
    "most 64 KiB (413).")


class RedcoverFlask(Flask):
    """Flask whose request is one unit of work: committed after the view, rolled back on any error."""

    def dispatch_request(self):
        with core_db.unit_of_work():
            return super().dispatch_request()


def create_app(settings: BaseConfig | None = None, **overrides) -> Flask:
    """Build the app for ``settings`` (default: read from the environment).

    ``overrides`` are plain config keys set last; tests use them. Nothing here touches
    the database or Redis: connections open on first use.
    """
    settings = settings or load_config()
    app = RedcoverFlask(__name__)
    untrusted.init_readers(app)  # before any route: <int:...> is bounded to 64 bits
    app.config.from_object(settings)
    app.config.update(overrides)
    app.json.sort_keys = False
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", core_db.engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))
    Path(app.config["VAR_DIR"]).mkdir(parents=True, exist_ok=True)

    observability.configure_logging(app.config["LOG_LEVEL"])
    if app.config.get("TRUSTED_PROXY_COUNT"):
        count = app.config["TRUSTED_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    db.init_app(app)
    with app.app_context():
        core_db.tune_engine(db.engine)
    migrate.init_app(app, db, directory=str(ROOT_DIR / "migrations"))
    redis_store.init_app(app)
    redis_cache.init_app(app)  # the token cache: short timeouts and a circuit breaker
    login_manager.init_app(app)  # admin sessions
    csrf.init_app(app)  # checked by the admin blueprint only (WTF_CSRF_CHECK_DEFAULT is off)
    # One Api (and OpenAPI document) per app: tests build several apps, each with its own features.
    api = Api(app, spec_kwargs={"info": {"description": API_DESCRIPTION}})
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})

    features.check_declarations()
    for blueprint in features.BLUEPRINTS:
        app.register_blueprint(blueprint)
    for blueprint in features.API_BLUEPRINTS:
        api.register_blueprint(blueprint)
    if app.config["WECHAT_SANDBOX"]:
        sandbox.install(app, api.spec, guide=features.sandbox_guide())

    i18n.init_app(app)
    ratelimit.init_app(app)
    register_error_handlers(app)
    observability.init_app(app)
    _limit_json_bodies(app)
    untrusted.init_app(app)
    cli.init_app(app)
    return app


def _limit_json_bodies(app: Flask) -> None:
    """JSON bodies are small: refuse a large one with 413 before reading it."""
    limit = app.config["MAX_JSON_BODY_BYTES"]

    @app.before_request
    def _check_body_size():
        if request.path.startswith("/api/") and request.mimetype != "multipart/form-data":
            request.max_content_length = limit
            if request.content_length is not None and request.content_length > limit:
                raise RequestEntityTooLarge()
