"""a policy keeps its cover and exclusions (保障责任, 责任免除) as its product stated them when it was issued: an
admin's later edit of the product's words rewrote what every policy already sold said it covered

Existing policies get their product's words as they are now, the best record there is of what they were sold with.

Revision ID: a7c3e9f1b5d2
Revises: d4b6e8f0a2c5
Create Date: 2026-12-08 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e9f1b5d2'
down_revision = 'd4b6e8f0a2c5'
branch_labels = None
depends_on = None

COLUMNS = ('covered_zh', 'covered_en', 'not_covered_zh', 'not_covered_en')


def upgrade():
    with op.batch_alter_table('policies', schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.JSON(), nullable=True))

    policies = sa.table('policies', sa.column('plan_id', sa.BigInteger), *(sa.column(name, sa.JSON) for name in COLUMNS))
    plans = sa.table('plans', sa.column('id', sa.BigInteger), sa.column('product_id', sa.BigInteger))
    products = sa.table('products', sa.column('id', sa.BigInteger), *(sa.column(name, sa.JSON) for name in COLUMNS))

    def of_product(name):
        return (sa.select(products.c[name]).join(plans, plans.c.product_id == products.c.id)
                .where(plans.c.id == policies.c.plan_id).scalar_subquery())

    op.execute(policies.update().values(**{name: of_product(name) for name in COLUMNS}))


def downgrade():
    with op.batch_alter_table('policies', schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
