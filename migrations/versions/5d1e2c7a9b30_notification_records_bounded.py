"""notification records bounded: what was cut from an unverified request's record

Revision ID: 5d1e2c7a9b30
Revises: f914a8ed3f1f
Create Date: 2026-12-06 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d1e2c7a9b30'
down_revision = 'f914a8ed3f1f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('payment_notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cut', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('payment_notifications', schema=None) as batch_op:
        batch_op.drop_column('cut')
