"""Every feature's models, imported in one place so Alembic and the tests see all tables."""

from app.auth.models import AuthToken  # noqa: F401
from app.users.models import User  # noqa: F401
