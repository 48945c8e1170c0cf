"""account closure (注销): a closed account keeps its row, anonymised, with when it closed

The row stays because the sale's records (orders, policies, claims) point at it and are kept as the law asks; what
identified the person on it goes (docs/domain.md, Closing an account). Its openid becomes ``closed:<id>``, which no
WeChat openid can be, so the same WeChat user logging in again gets a new account.

Revision ID: b3d7f1a9c5e2
Revises: a9e3c7b5d1f4
Create Date: 2026-12-07 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

import app.core.types


# revision identifiers, used by Alembic.
revision = 'b3d7f1a9c5e2'
down_revision = 'a9e3c7b5d1f4'
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN (no table rebuild on SQLite: rebuilding users would cascade deletes to its children).
    op.add_column('users', sa.Column('closed_at', app.core.types.UTCDateTime(timezone=True), nullable=True))


def downgrade():
    op.drop_column('users', 'closed_at')
