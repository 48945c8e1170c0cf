"""The migrations build the schema from empty and match the models, on this run's backend."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import check


def test_database_is_at_the_single_head(app, app_ctx):
    from app.extensions import db

    config = app.extensions["migrate"].migrate.get_config()
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1
    with db.engine.connect() as connection:
        current = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    assert current == heads[0]


def test_alembic_check_finds_no_drift_between_models_and_migrations(app_ctx):
    # Raises (and the CLI exits non-zero) when autogenerate would produce operations.
    check()
