"""a policy keeps the names it was sold under (its product's and plan's, in both languages): an operator renaming a
product or plan in the admin renamed every policy already sold, on its page, e-policy, check page and claims

Existing policies get their product's and plan's names as they are now, the best record there is of what they were
sold under.

Revision ID: f2c6a8e4b1d9
Revises: c5f1a3e7b9d4
Create Date: 2026-12-08 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f2c6a8e4b1d9'
down_revision = 'c5f1a3e7b9d4'
branch_labels = None
depends_on = None

#: The policy's column, and the catalog's table and column it is copied from.
NAMES = (('product_name_zh', 'products', 'name_zh'), ('product_name_en', 'products', 'name_en'),
         ('plan_name_zh', 'plans', 'name_zh'), ('plan_name_en', 'plans', 'name_en'))


def upgrade():
    with op.batch_alter_table('policies', schema=None) as batch_op:
        for name, _table, _column in NAMES:
            batch_op.add_column(sa.Column(name, sa.String(length=80), nullable=True))

    policies = sa.table('policies', sa.column('plan_id', sa.BigInteger), *(sa.column(name) for name, _t, _c in NAMES))
    plans = sa.table('plans', sa.column('id', sa.BigInteger), sa.column('product_id', sa.BigInteger),
                     sa.column('name_zh'), sa.column('name_en'))
    products = sa.table('products', sa.column('id', sa.BigInteger), sa.column('name_zh'), sa.column('name_en'))

    def of_catalog(table, column):
        if table == 'plans':
            return sa.select(plans.c[column]).where(plans.c.id == policies.c.plan_id).scalar_subquery()
        return (sa.select(products.c[column]).join(plans, plans.c.product_id == products.c.id)
                .where(plans.c.id == policies.c.plan_id).scalar_subquery())

    op.execute(policies.update().values(**{name: of_catalog(table, column) for name, table, column in NAMES}))

    with op.batch_alter_table('policies', schema=None) as batch_op:
        for name, _table, _column in NAMES:
            batch_op.alter_column(name, existing_type=sa.String(length=80), nullable=False)


def downgrade():
    with op.batch_alter_table('policies', schema=None) as batch_op:
        for name, _table, _column in reversed(NAMES):
            batch_op.drop_column(name)
