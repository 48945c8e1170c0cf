"""users language: what each user reads, zh-CN (the default) or en

Revision ID: f09d03e6c5dc
Revises: 2e4a63138645
Create Date: 2026-12-06 05:22:22.139621

"""
from alembic import op
import sqlalchemy as sa
import app.core.types


# revision identifiers, used by Alembic.
revision = 'f09d03e6c5dc'
down_revision = '2e4a63138645'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), server_default='zh-CN', nullable=False))
        batch_op.create_check_constraint('language', sa.column('language').in_(('zh-CN', 'en')))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_language'), type_='check')
        batch_op.drop_column('language')

