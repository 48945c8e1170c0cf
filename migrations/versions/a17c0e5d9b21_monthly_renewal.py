"""monthly renewal: plans say whether they may renew (auto_renew); renewals, their periods and deduction attempts
(issue 17, WeChat Pay's insurance contract deduction)

Revision ID: a17c0e5d9b21
Revises: c3d5e7f9a1b2
Create Date: 2026-12-06 09:30:00.000000

"""
from alembic import op
import sqlalchemy as sa
import app.core.types


# revision identifiers, used by Alembic.
revision = 'a17c0e5d9b21'
down_revision = 'c3d5e7f9a1b2'
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
TIME = app.core.types.UTCDateTime(timezone=True)
#: The seed's monthly accident plans renew (the gift plan never does).
MONTHLY_CODES = ('accident-basic', 'accident-plus')


def upgrade():
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('auto_renew', sa.Boolean(), server_default=sa.false(), nullable=False))
    plans = sa.table('plans', sa.column('code'), sa.column('auto_renew'))
    op.execute(plans.update().where(plans.c.code.in_(MONTHLY_CODES)).values(auto_renew=True))

    op.create_table('renewals',
    sa.Column('id', ID, nullable=False),
    sa.Column('order_id', ID, nullable=False),
    sa.Column('policy_id', ID, nullable=True),
    sa.Column('user_id', ID, nullable=False),
    sa.Column('plan_id', ID, nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('out_contract_code', sa.String(length=32), nullable=False),
    sa.Column('wechat_plan_id', sa.BigInteger(), nullable=False),
    sa.Column('insured_display_name', sa.String(length=48), nullable=False),
    sa.Column('contract_id', sa.String(length=64), nullable=True),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('anchor_day', sa.Integer(), nullable=False),
    sa.Column('contract_periods', sa.Integer(), nullable=False),
    sa.Column('signed_at', TIME, nullable=True),
    sa.Column('ended_at', TIME, nullable=True),
    sa.Column('end_reason', sa.String(length=24), nullable=True),
    sa.Column('terminate_pending', sa.Boolean(), nullable=False),
    sa.Column('created_at', TIME, nullable=False),
    sa.CheckConstraint("status IN ('pending', 'active', 'retrying', 'cancelled', 'lapsed', 'unsigned')",
                       name=op.f('ck_renewals_status')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_renewals_order_id_orders')),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_renewals_plan_id_plans')),
    sa.ForeignKeyConstraint(['policy_id'], ['policies.id'], name=op.f('fk_renewals_policy_id_policies')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_renewals_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renewals')),
    sa.UniqueConstraint('contract_id', name=op.f('uq_renewals_contract_id')),
    sa.UniqueConstraint('order_id', name=op.f('uq_renewals_order_id')),
    sa.UniqueConstraint('out_contract_code', name=op.f('uq_renewals_out_contract_code')),
    sa.UniqueConstraint('policy_id', name=op.f('uq_renewals_policy_id'))
    )
    with op.batch_alter_table('renewals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_renewals_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_renewals_user_id'), ['user_id'], unique=False)

    op.create_table('renewal_periods',
    sa.Column('id', ID, nullable=False),
    sa.Column('renewal_id', ID, nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('estimated_on', sa.Date(), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('scheduled_on', sa.Date(), nullable=True),
    sa.Column('starts_at', TIME, nullable=True),
    sa.Column('ends_at', TIME, nullable=True),
    sa.Column('paid_at', TIME, nullable=True),
    sa.CheckConstraint("status IN ('scheduled', 'paid', 'lapsed', 'dropped')", name=op.f('ck_renewal_periods_status')),
    sa.ForeignKeyConstraint(['renewal_id'], ['renewals.id'], name=op.f('fk_renewal_periods_renewal_id_renewals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renewal_periods')),
    sa.UniqueConstraint('renewal_id', 'n', name=op.f('uq_renewal_periods_renewal_id_n'))
    )
    with op.batch_alter_table('renewal_periods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_renewal_periods_renewal_id'), ['renewal_id'], unique=False)

    op.create_table('renewal_charges',
    sa.Column('id', ID, nullable=False),
    sa.Column('renewal_id', ID, nullable=False),
    sa.Column('period_id', ID, nullable=False),
    sa.Column('out_trade_no', sa.String(length=32), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('transaction_id', sa.String(length=64), nullable=True),
    sa.Column('failure', sa.String(length=200), nullable=True),
    sa.Column('attempted_at', TIME, nullable=False),
    sa.Column('settled_at', TIME, nullable=True),
    sa.CheckConstraint("status IN ('submitted', 'succeeded', 'failed')", name=op.f('ck_renewal_charges_status')),
    sa.ForeignKeyConstraint(['period_id'], ['renewal_periods.id'],
                            name=op.f('fk_renewal_charges_period_id_renewal_periods')),
    sa.ForeignKeyConstraint(['renewal_id'], ['renewals.id'], name=op.f('fk_renewal_charges_renewal_id_renewals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renewal_charges')),
    sa.UniqueConstraint('out_trade_no', name=op.f('uq_renewal_charges_out_trade_no')),
    sa.UniqueConstraint('transaction_id', name=op.f('uq_renewal_charges_transaction_id'))
    )
    with op.batch_alter_table('renewal_charges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_renewal_charges_period_id'), ['period_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_renewal_charges_renewal_id'), ['renewal_id'], unique=False)


def downgrade():
    op.drop_table('renewal_charges')
    op.drop_table('renewal_periods')
    op.drop_table('renewals')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_column('auto_renew')
