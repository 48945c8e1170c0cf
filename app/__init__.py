"""The Redcover application factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from config import BaseConfig, load_config

ROOT_DIR = Path(__file__).resolve().parent.parent


class RedcoverFlask(Flask):
    """Flask whose request is one unit of work: commit after the view, roll back on any error."""

    def dispatch_request(self):
        from app.core.db import commit, rollback

        try:
            rv = super().dispatch_request()
        except BaseException:
            rollback()
            raise
        commit()
        return rv


def create_app(settings: BaseConfig | None = None, **overrides) -> Flask:
    """Build the app for ``settings`` (default: read from the environment).

    ``overrides`` are plain config keys set last; tests use them. Nothing here touches
    the database or Redis: connections open on first use.
    """
    from app import cli
    from app.core import db as core_db
    from app.core import observability
    from app.core.api import api
    from app.errors import register_error_handlers
    from app.core import ratelimit
    from app.extensions import csrf, db, login_manager, migrate, redis_store

    import app.models  # noqa: F401  (every table on the metadata: the ORM resolves foreign keys across features)

    settings = settings or load_config()
    app = RedcoverFlask(__name__)
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
    login_manager.init_app(app)  # admin sessions
    csrf.init_app(app)  # checked by the admin blueprint only (WTF_CSRF_CHECK_DEFAULT is off)
    api.init_app(app, spec_kwargs={"info": {"description": "Redcover micro-insurance API. Money is integer fen."}})
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})

    _register_blueprints(app, api)
    ratelimit.init_app(app)
    register_error_handlers(app)
    observability.init_app(app)
    _limit_json_bodies(app)
    cli.init_app(app)
    return app


def _register_blueprints(app: Flask, api) -> None:
    from app.admin.views import bp as admin_bp
    from app.auth.routes import blp as auth_blp
    from app.bundle.routes import bp as bundle_bp
    from app.catalog.routes import blp as products_blp
    from app.claims.routes import blp as claims_blp
    from app.claims.routes import insurer_blp, subscriptions_blp
    from app.coupons.routes import blp as coupons_blp
    from app.envelopes.routes import blp as envelopes_blp
    from app.orders.routes import blp as orders_blp
    from app.payments.routes import bp as wechatpay_webhooks
    from app.policies.routes import blp as policies_blp
    from app.referrals.routes import blp as shares_blp
    from app.rewards.routes import blp as rewards_blp
    from app.scenarios.routes import bp as scenarios_webhook
    from app.service.routes import blp as config_blp
    from app.service.routes import ops
    from app.users.routes import blp as me_blp
    from app.users.routes import media as media_bp
    from app.visits.routes import blp as visits_blp

    app.register_blueprint(ops)
    app.register_blueprint(bundle_bp)
    app.register_blueprint(media_bp)
    app.register_blueprint(wechatpay_webhooks)
    app.register_blueprint(scenarios_webhook)
    app.register_blueprint(admin_bp)
    for blueprint in (auth_blp, me_blp, config_blp, products_blp, orders_blp, policies_blp,
                      envelopes_blp, shares_blp, coupons_blp, rewards_blp, claims_blp, subscriptions_blp,
                      insurer_blp, visits_blp):
        api.register_blueprint(blueprint)

    if app.config["WECHAT_SANDBOX"]:
        from app.wechat.sandbox import bp as sandbox_bp

        app.register_blueprint(sandbox_bp)


def _limit_json_bodies(app: Flask) -> None:
    """JSON bodies are small: refuse a large one with 413 before reading it."""
    limit = app.config["MAX_JSON_BODY_BYTES"]

    @app.before_request
    def _check_body_size():
        if request.path.startswith("/api/") and request.mimetype != "multipart/form-data":
            request.max_content_length = limit
            if request.content_length is not None and request.content_length > limit:
                raise RequestEntityTooLarge()
