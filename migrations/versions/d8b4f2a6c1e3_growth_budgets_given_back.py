"""growth budgets given back: a coupon can be revoked or expired, a reward expired, and a reward keeps the premium
its campaign paid

A referral coupon is taken back (revoked) when the friend's purchase that earned it is cancelled in cooling-off,
and a coupon or reward that expires unused is marked expired by a sweep: either move gives its value back to the
campaign's budget, once. A reward keeps the premium its campaign's budget paid (``premium_fen``): the policy it
becomes costs that, and an expired one gives that back, whatever the gift plan costs by then. Rewards granted
before keep the premium of the policy they became, or the gift plan's price for their cover now, rounded down to
the fen as it was then.

Coupons a 1-fen order held and never marked used (the discount applied was 0, so paying did not use them) are
free again: they took nothing off, so the user has them back.

Downgrading: an expired coupon or reward is available again (past its validity, the release before showed it
expired), a revoked coupon is used (that release had no other status it cannot be used in); budgets given back
stay given back.

Revision ID: d8b4f2a6c1e3
Revises: c4f7a2e9d1b6
Create Date: 2026-12-07 11:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
import app.core.types


# revision identifiers, used by Alembic.
revision = 'd8b4f2a6c1e3'
down_revision = 'c4f7a2e9d1b6'
branch_labels = None
depends_on = None

COUPONS_BEFORE = ('available', 'reserved', 'used')
COUPONS_AFTER = COUPONS_BEFORE + ('revoked', 'expired')
REWARDS_BEFORE = ('available', 'redeemed')
REWARDS_AFTER = REWARDS_BEFORE + ('expired',)

coupons = sa.table('coupons', sa.column('status', sa.String), sa.column('order_id', sa.BigInteger))
orders = sa.table('orders', sa.column('id', sa.BigInteger), sa.column('status', sa.String),
                  sa.column('discount_fen', sa.BigInteger))
rewards = sa.table('rewards', sa.column('status', sa.String), sa.column('coverage_fen', sa.BigInteger),
                   sa.column('policy_id', sa.BigInteger), sa.column('premium_fen', sa.BigInteger))
policies = sa.table('policies', sa.column('id', sa.BigInteger), sa.column('premium_fen', sa.BigInteger))
plans = sa.table('plans', sa.column('id', sa.BigInteger), sa.column('product_id', sa.BigInteger),
                 sa.column('premium_fen', sa.BigInteger), sa.column('coverage_fen', sa.BigInteger),
                 sa.column('active', sa.Boolean))
products = sa.table('products', sa.column('id', sa.BigInteger), sa.column('category', sa.String))


def _statuses(table, allowed):
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(f'ck_{table}_status'), type_='check')
        batch_op.create_check_constraint('status', sa.column('status').in_(allowed))


def upgrade():
    _statuses('coupons', COUPONS_AFTER)
    with op.batch_alter_table('coupons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revoked_at', app.core.types.UTCDateTime(), nullable=True))
    paid_without_discount = sa.select(orders.c.id).where(orders.c.status.in_(('fulfilled', 'refunded')),
                                                         orders.c.discount_fen == 0)
    op.execute(coupons.update().where(coupons.c.status == 'reserved', coupons.c.order_id.in_(paid_without_discount))
               .values(status='available', order_id=None))

    _statuses('rewards', REWARDS_AFTER)
    with op.batch_alter_table('rewards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('premium_fen', sa.BigInteger(), nullable=True))
    of_its_policy = sa.select(policies.c.premium_fen).where(policies.c.id == rewards.c.policy_id).scalar_subquery()
    gift_price = (sa.select(rewards.c.coverage_fen * plans.c.premium_fen / plans.c.coverage_fen)
                  .select_from(plans.join(products, products.c.id == plans.c.product_id))
                  .where(products.c.category == 'gift').order_by(plans.c.active.desc(), plans.c.id).limit(1)
                  .scalar_subquery())
    op.execute(rewards.update().values(premium_fen=sa.func.coalesce(of_its_policy, gift_price, 0)))
    with op.batch_alter_table('rewards', schema=None) as batch_op:
        batch_op.alter_column('premium_fen', existing_type=sa.BigInteger(), nullable=False)
        batch_op.create_check_constraint('premium', 'premium_fen >= 0')


def downgrade():
    with op.batch_alter_table('rewards', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_rewards_premium'), type_='check')
        batch_op.drop_column('premium_fen')
    op.execute(rewards.update().where(rewards.c.status == 'expired').values(status='available'))
    _statuses('rewards', REWARDS_BEFORE)

    op.execute(coupons.update().where(coupons.c.status == 'expired').values(status='available'))
    op.execute(coupons.update().where(coupons.c.status == 'revoked').values(status='used'))
    with op.batch_alter_table('coupons', schema=None) as batch_op:
        batch_op.drop_column('revoked_at')
    _statuses('coupons', COUPONS_BEFORE)
