"""admin users language: the language of each admin's pages, zh-CN (the default) or en

Revision ID: 3c1d9a7e5b20
Revises: 5d1e2c7a9b30
Create Date: 2026-12-06 07:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c1d9a7e5b20'
down_revision = '5d1e2c7a9b30'
branch_labels = None
depends_on = None


def upgrade():
    # Every admin there is today reads Chinese until they choose English.
    with op.batch_alter_table('admin_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), server_default='zh-CN', nullable=False))
        batch_op.create_check_constraint('language', sa.column('language').in_(('zh-CN', 'en')))


def downgrade():
    with op.batch_alter_table('admin_users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_admin_users_language'), type_='check')
        batch_op.drop_column('language')
