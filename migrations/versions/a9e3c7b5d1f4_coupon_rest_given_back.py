"""coupon rest given back: what a used coupon could not take off its order goes back to its campaign's budget

A coupon worth more than the premium (a 10-yuan coupon on a 3-yuan plan) took all but 1 fen off its order and was
used up, but its campaign's budget stayed charged its whole value. From now on paying the order gives the rest back
(``coupons.consume``); this gives it back for the coupons used so, so each campaign's spent budget counts what its
coupons took off (docs/domain.md, Coupons and rewards).

Downgrading charges it again, as the release before counted it (never above the budget), so upgrading once more
gives it back once.

Revision ID: a9e3c7b5d1f4
Revises: d8b4f2a6c1e3
Create Date: 2026-12-07 18:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a9e3c7b5d1f4'
down_revision = 'd8b4f2a6c1e3'
branch_labels = None
depends_on = None

campaigns = sa.table('campaigns', sa.column('id', sa.BigInteger), sa.column('budget_fen', sa.BigInteger),
                     sa.column('spent_fen', sa.BigInteger))
coupons = sa.table('coupons', sa.column('campaign_id', sa.BigInteger), sa.column('status', sa.String),
                   sa.column('order_id', sa.BigInteger), sa.column('discount_fen', sa.BigInteger))
orders = sa.table('orders', sa.column('id', sa.BigInteger), sa.column('discount_fen', sa.BigInteger))

#: Per campaign, what its used coupons could not take off their orders.
rest = sa.func.coalesce(
    sa.select(sa.func.sum(coupons.c.discount_fen - orders.c.discount_fen))
    .select_from(coupons.join(orders, orders.c.id == coupons.c.order_id))
    .where(coupons.c.campaign_id == campaigns.c.id, coupons.c.status == 'used',
           orders.c.discount_fen < coupons.c.discount_fen)
    .scalar_subquery(), 0)


def upgrade():
    op.execute(campaigns.update().values(
        spent_fen=sa.case((campaigns.c.spent_fen >= rest, campaigns.c.spent_fen - rest), else_=0)))


def downgrade():
    op.execute(campaigns.update().values(
        spent_fen=sa.case((campaigns.c.spent_fen + rest <= campaigns.c.budget_fen, campaigns.c.spent_fen + rest),
                          else_=campaigns.c.budget_fen)))
