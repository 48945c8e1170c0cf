"""the policyholder's identity on a sale and its policy: the 本人 the user had saved when the cover was taken out
(name and identity number, encrypted, with masked copies), for the e-policy's 投保人 (Insurance Law Art. 18)

Existing policies whose insured person is the holder's own saved 本人 (the same identity number) get that person
as their policyholder: those are certain. Every other existing policy keeps none, and its e-policy names the WeChat
account as before.

Revision ID: d4b6e8f0a2c5
Revises: c8e2f4a6b1d3
Create Date: 2026-12-06 23:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4b6e8f0a2c5'
down_revision = 'c8e2f4a6b1d3'
branch_labels = None
depends_on = None

TABLES = ('applications', 'policies')
COLUMNS = (('holder_name_encrypted', sa.Text()), ('holder_name_masked', sa.String(length=48)),
           ('holder_id_encrypted', sa.Text()), ('holder_id_masked', sa.String(length=24)))


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, type_ in COLUMNS:
                batch_op.add_column(sa.Column(name, type_, nullable=True))

    policies = sa.table('policies', sa.column('user_id', sa.BigInteger), sa.column('insured_id_hash', sa.String),
                        *(sa.column(name, type_) for name, type_ in COLUMNS))
    persons = sa.table('insured_persons', sa.column('user_id', sa.BigInteger), sa.column('relation', sa.String),
                       sa.column('id_hash', sa.String), sa.column('name_encrypted', sa.Text),
                       sa.column('name_masked', sa.String), sa.column('id_encrypted', sa.Text),
                       sa.column('id_masked', sa.String))

    holder_is_insured = (persons.c.user_id == policies.c.user_id, persons.c.relation == 'self',
                         persons.c.id_hash == policies.c.insured_id_hash)

    def own(column):
        return sa.select(column).where(*holder_is_insured).scalar_subquery()

    op.execute(policies.update().where(sa.exists().where(*holder_is_insured)).values(
        holder_name_encrypted=own(persons.c.name_encrypted), holder_name_masked=own(persons.c.name_masked),
        holder_id_encrypted=own(persons.c.id_encrypted), holder_id_masked=own(persons.c.id_masked)))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _type in reversed(COLUMNS):
                batch_op.drop_column(name)
