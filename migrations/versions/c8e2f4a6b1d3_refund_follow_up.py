"""refund follow-up: an operator records how a failed refund was settled (paid back by hand, or refunded
again), and it leaves the admin's follow-up list; the refund's status stays failed

Revision ID: c8e2f4a6b1d3
Revises: b7d3c2a91e40
Create Date: 2026-12-06 23:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

import app.core.types


# revision identifiers, used by Alembic.
revision = 'c8e2f4a6b1d3'
down_revision = 'b7d3c2a91e40'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('followed_up_at', app.core.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('followed_up_by', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('follow_up_note', sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.drop_column('follow_up_note')
        batch_op.drop_column('followed_up_by')
        batch_op.drop_column('followed_up_at')
