"""catalog in two languages: every product and plan text in Simplified Chinese and in English

The texts so far were English: they become the English ones. The Chinese of the launch
catalog's products and plans is filled in from the catalog this revision ships with
(app.catalog.seed); any other product gets its English text in both until an operator
writes the Chinese on the product page.

Revision ID: f914a8ed3f1f
Revises: f09d03e6c5dc
Create Date: 2026-12-06 05:46:44.091818

"""
from alembic import op
import sqlalchemy as sa

from app.catalog.seed import CATALOG
import app.core.types

# revision identifiers, used by Alembic.
revision = 'f914a8ed3f1f'
down_revision = 'f09d03e6c5dc'
branch_labels = None
depends_on = None


TEXTS = ('name', 'summary')
LISTS = ('covered', 'not_covered', 'faq')


def upgrade():
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.alter_column('name', new_column_name='name_en', existing_type=sa.String(length=80))
        batch_op.add_column(sa.Column('name_zh', sa.String(length=80), nullable=True))
    with op.batch_alter_table('products', schema=None) as batch_op:
        for field in TEXTS:
            batch_op.alter_column(field, new_column_name=f'{field}_en',
                                  existing_type=sa.String(length=80 if field == 'name' else 280))
        for field in LISTS:
            batch_op.alter_column(field, new_column_name=f'{field}_en', existing_type=sa.JSON())
        batch_op.add_column(sa.Column('name_zh', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('summary_zh', sa.String(length=280), nullable=True))
        for field in LISTS:
            batch_op.add_column(sa.Column(f'{field}_zh', sa.JSON(), nullable=True))

    products = sa.table('products', sa.column('code', sa.String), *(sa.column(f'{field}_{language}', sa.JSON
                        if field in LISTS else sa.String) for field in TEXTS + LISTS for language in ('zh', 'en')))
    plans = sa.table('plans', sa.column('code', sa.String), sa.column('name_zh', sa.String),
                     sa.column('name_en', sa.String))
    for entry in CATALOG:
        op.execute(products.update().where(products.c.code == entry['code']).values(
            {f'{field}_zh': entry[f'{field}_zh'] for field in TEXTS + LISTS}))
        for plan in entry['plans']:
            op.execute(plans.update().where(plans.c.code == plan['code']).values(name_zh=plan['name_zh']))
    for field in TEXTS + LISTS:
        op.execute(products.update().where(products.c[f'{field}_zh'].is_(None))
                   .values({f'{field}_zh': products.c[f'{field}_en']}))
    op.execute(plans.update().where(plans.c.name_zh.is_(None)).values(name_zh=plans.c.name_en))

    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.alter_column('name_zh', nullable=False, existing_type=sa.String(length=80))
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.alter_column('name_zh', nullable=False, existing_type=sa.String(length=80))
        batch_op.alter_column('summary_zh', nullable=False, existing_type=sa.String(length=280))
        for field in LISTS:
            batch_op.alter_column(f'{field}_zh', nullable=False, existing_type=sa.JSON())


def downgrade():
    # Back to one language: the English texts stay, the Chinese go.
    with op.batch_alter_table('products', schema=None) as batch_op:
        for field in TEXTS + LISTS:
            batch_op.drop_column(f'{field}_zh')
        for field in TEXTS:
            batch_op.alter_column(f'{field}_en', new_column_name=field,
                                  existing_type=sa.String(length=80 if field == 'name' else 280))
        for field in LISTS:
            batch_op.alter_column(f'{field}_en', new_column_name=field, existing_type=sa.JSON())
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_column('name_zh')
        batch_op.alter_column('name_en', new_column_name='name', existing_type=sa.String(length=80))
