"""the insured shown less: identity numbers masked to their first and last characters, no plain birth date

A masked number that kept four and four characters, beside the plain birth date, left two
unknown digits that the check digit narrows to a handful: the number could be rebuilt. The
birth date is still in the encrypted number.

Revision ID: 1cbfd4565d34
Revises: b9e0cc4d804b
Create Date: 2026-12-06 06:02:18.120412

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1cbfd4565d34'
down_revision = 'b9e0cc4d804b'
branch_labels = None
depends_on = None

TABLES = ('applications', 'policies')


def upgrade():
    for table in TABLES:
        op.execute(f"UPDATE {table} SET insured_id_masked = substr(insured_id_masked, 1, 1) || "
                   f"'****************' || substr(insured_id_masked, length(insured_id_masked), 1) "
                   f"WHERE insured_id_masked IS NOT NULL AND length(insured_id_masked) = 18")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('insured_birth_date')


def downgrade():
    # The birth dates come back empty: they were dropped, and the masks keep less than before.
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('insured_birth_date', sa.Date(), nullable=True))
