"""admin audit form key: a refund form sent twice (a double click, a resend after a slow answer) refunds once

Each admin write that must not happen twice records its form's one-time key on its audit entry; the key is
unique, so the second sending of the same form is refused by the database with everything it did.

Revision ID: c4f7a2e9d1b6
Revises: f2c6a8e4b1d9
Create Date: 2026-12-08 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4f7a2e9d1b6'
down_revision = 'f2c6a8e4b1d9'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('admin_audit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('form_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_admin_audit_form_key'), ['form_key'])


def downgrade():
    with op.batch_alter_table('admin_audit', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_admin_audit_form_key'), type_='unique')
        batch_op.drop_column('form_key')
