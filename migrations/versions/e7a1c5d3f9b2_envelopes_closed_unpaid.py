"""envelopes closed unpaid: an envelope whose order closes unpaid is closed for good, instead of waiting for a
payment that can never come

Envelopes already stuck waiting (their order closed unpaid before this release) close now: nothing was paid
for them, so nothing is refunded. Downgrading puts them back to pending_payment, as the last release kept them.

Revision ID: e7a1c5d3f9b2
Revises: a7c3e9f1b5d2
Create Date: 2026-12-07 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7a1c5d3f9b2'
down_revision = 'a7c3e9f1b5d2'
branch_labels = None
depends_on = None

BEFORE = ('pending_payment', 'active', 'exhausted', 'expired')
AFTER = BEFORE + ('closed',)

envelopes = sa.table('envelopes', sa.column('status', sa.String), sa.column('order_id', sa.BigInteger))
orders = sa.table('orders', sa.column('id', sa.BigInteger), sa.column('status', sa.String))


def _statuses(allowed):
    with op.batch_alter_table('envelopes', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_envelopes_status'), type_='check')
        batch_op.create_check_constraint('status', sa.column('status').in_(allowed))


def upgrade():
    _statuses(AFTER)
    closed_orders = sa.select(orders.c.id).where(orders.c.status == 'closed')
    op.execute(envelopes.update().where(envelopes.c.status == 'pending_payment',
                                        envelopes.c.order_id.in_(closed_orders)).values(status='closed'))


def downgrade():
    op.execute(envelopes.update().where(envelopes.c.status == 'closed').values(status='pending_payment'))
    _statuses(BEFORE)
