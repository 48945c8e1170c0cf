"""insurers: every product names its underwriter (the seeded example until an operator names the real one)

Revision ID: a7c3e91f0b21
Revises: 3c1d9a7e5b20
Create Date: 2026-12-06 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

import app.core.types


# revision identifiers, used by Alembic.
revision = 'a7c3e91f0b21'
down_revision = '3c1d9a7e5b20'
branch_labels = None
depends_on = None

#: As app/catalog/seed.py had it when this migration was written.
EXAMPLE_INSURER = {
    'code': 'example',
    'name_zh': '示例保险股份有限公司',
    'name_en': 'Example Insurance Co., Ltd. (not a real company)',
    'licence_no': '示例-000000',
    'hotline': '95000',
    'complaint_channel_zh': '拨打客服热线95000转投诉，或在“我的-帮助与投诉”中留言；对处理结果不满意，可向当地金融监管部门反映。',
    'complaint_channel_en': ('Call 95000 and ask for complaints, or write to us under Me > Help and complaints. If you are '
                             'not satisfied with the answer, you may take it to your local financial regulator.'),
    'placeholder': True,
}


def upgrade():
    insurers = op.create_table(
        'insurers',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('name_zh', sa.String(length=80), nullable=False),
        sa.Column('name_en', sa.String(length=120), nullable=False),
        sa.Column('licence_no', sa.String(length=64), nullable=False),
        sa.Column('hotline', sa.String(length=32), nullable=False),
        sa.Column('complaint_channel_zh', sa.String(length=280), nullable=False),
        sa.Column('complaint_channel_en', sa.String(length=400), nullable=False),
        sa.Column('placeholder', sa.Boolean(), nullable=False),
        sa.Column('created_at', app.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_insurers')),
        sa.UniqueConstraint('code', name=op.f('uq_insurers_code')),
    )
    products = sa.table('products', sa.column('id'), sa.column('insurer_id'))
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('insurer_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True))
    connection = op.get_bind()
    has_products = connection.execute(sa.select(sa.func.count()).select_from(products)).scalar()
    if has_products:
        # The products there are today are sold under the example until an operator names the insurer.
        op.execute(insurers.insert().values(created_at=sa.func.now(), **EXAMPLE_INSURER))
        example = connection.execute(sa.select(insurers.c.id).where(insurers.c.code == 'example')).scalar_one()
        op.execute(products.update().values(insurer_id=example))
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.alter_column('insurer_id', existing_type=sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
                              nullable=False)
        batch_op.create_index(batch_op.f('ix_products_insurer_id'), ['insurer_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_products_insurer_id_insurers'), 'insurers', ['insurer_id'], ['id'])


def downgrade():
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_products_insurer_id_insurers'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_products_insurer_id'))
        batch_op.drop_column('insurer_id')
    op.drop_table('insurers')
