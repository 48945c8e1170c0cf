"""insured persons: the people a user saves to insure; plans and policies carry their death benefit, and a
lock row per person serialises the check of a minor's death-cover cap

Revision ID: bde941675428
Revises: a7c3e91f0b21
Create Date: 2026-12-06 08:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import app.core.types


# revision identifiers, used by Alembic.
revision = 'bde941675428'
down_revision = 'a7c3e91f0b21'
branch_labels = None
depends_on = None

BIGINT_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade():
    op.create_table(
        'death_cover_locks',
        sa.Column('id_hash', sa.String(length=64), nullable=False),
        sa.Column('locked_at', app.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id_hash', name=op.f('pk_death_cover_locks')),
    )
    op.create_table(
        'insured_persons',
        sa.Column('id', BIGINT_ID, autoincrement=True, nullable=False),
        sa.Column('user_id', BIGINT_ID, nullable=False),
        sa.Column('relation', sa.String(length=8), nullable=False),
        sa.Column('name_encrypted', sa.Text(), nullable=False),
        sa.Column('name_masked', sa.String(length=48), nullable=False),
        sa.Column('id_encrypted', sa.Text(), nullable=False),
        sa.Column('id_masked', sa.String(length=24), nullable=False),
        sa.Column('id_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', app.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("relation IN ('self', 'spouse', 'child', 'parent')",
                           name=op.f('ck_insured_persons_relation')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_insured_persons_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_insured_persons')),
        sa.UniqueConstraint('user_id', 'id_hash', name=op.f('uq_insured_persons_user_id_id_hash')),
        sqlite_autoincrement=True,
    )
    # One "self" per user, held by the database (a partial unique index, on SQLite and PostgreSQL alike).
    op.create_index('uq_insured_persons_user_id_self', 'insured_persons', ['user_id'], unique=True,
                    sqlite_where=sa.text("relation = 'self'"), postgresql_where=sa.text("relation = 'self'"))

    # The death benefit of the plans there are: accident and travel cover pay the sum insured on an
    # accidental death (the seeded travel product: "death or disability from an accident during the
    # trip: up to 200,000 yuan"), the gift plan a share's whole coverage (per coverage unit, like its
    # coverage_fen), and hospital medical cover pays bills, never a death benefit.
    plans = sa.table('plans', sa.column('id'), sa.column('product_id'), sa.column('coverage_fen'),
                     sa.column('death_benefit_fen'))
    products = sa.table('products', sa.column('id'), sa.column('category'))
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('death_benefit_fen', sa.BigInteger(), nullable=True))
    medical = sa.select(products.c.category).where(products.c.id == plans.c.product_id).scalar_subquery() == 'medical'
    op.execute(plans.update().values(death_benefit_fen=sa.case((medical, 0), else_=plans.c.coverage_fen)))
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.alter_column('death_benefit_fen', existing_type=sa.BigInteger(), nullable=False)
        batch_op.create_check_constraint(op.f('ck_plans_death_benefit'), 'death_benefit_fen >= 0')

    # Each policy's, as it was sold: its plan's, in proportion to its coverage (a gift share's).
    policies = sa.table('policies', sa.column('plan_id'), sa.column('coverage_fen'), sa.column('death_benefit_fen'))
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('death_benefit_fen', sa.BigInteger(), nullable=True))
    op.execute(policies.update().values(death_benefit_fen=sa.select(
        plans.c.death_benefit_fen * policies.c.coverage_fen / plans.c.coverage_fen
    ).where(plans.c.id == policies.c.plan_id).scalar_subquery()))
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.alter_column('death_benefit_fen', existing_type=sa.BigInteger(), nullable=False)


def downgrade():
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.drop_column('death_benefit_fen')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_plans_death_benefit'), type_='check')
        batch_op.drop_column('death_benefit_fen')
    op.drop_index('uq_insured_persons_user_id_self', table_name='insured_persons',
                  sqlite_where=sa.text("relation = 'self'"), postgresql_where=sa.text("relation = 'self'"))
    op.drop_table('insured_persons')
    op.drop_table('death_cover_locks')
