"""policy verification codes: every policy carries a random code, printed on its e-policy with a QR code to the
public check page /verify/<code>

Revision ID: c4e81f2a9d37
Revises: bde941675428
Create Date: 2026-12-06 09:00:00.000000

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4e81f2a9d37'
down_revision = 'bde941675428'
branch_labels = None
depends_on = None

#: As app/policies/models.py had it when this migration was written.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 16


def upgrade():
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verification_code', sa.String(length=24), nullable=True))
    # Policies issued before this revision get a code of their own, so every e-policy can be checked.
    policies = sa.table('policies', sa.column('id'), sa.column('verification_code'))
    connection = op.get_bind()
    ids = connection.execute(sa.select(policies.c.id).where(policies.c.verification_code.is_(None))).scalars().all()
    codes = set()
    while len(codes) < len(ids):
        codes.add("".join(secrets.choice(ALPHABET) for _position in range(LENGTH)))
    if ids:
        connection.execute(
            policies.update().where(policies.c.id == sa.bindparam('policy_id'))
            .values(verification_code=sa.bindparam('code')),
            [{'policy_id': policy_id, 'code': code} for policy_id, code in zip(ids, sorted(codes))])
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.alter_column('verification_code', existing_type=sa.String(length=24), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_policies_verification_code'), ['verification_code'])


def downgrade():
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_policies_verification_code'), type_='unique')
        batch_op.drop_column('verification_code')
