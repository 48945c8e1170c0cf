"""product documents, each version kept forever, and the sale's trace: what a buyer agreed to, at which
versions, when (client and server), on which client, and the health declaration encrypted (issue 16)

Revision ID: c3d5e7f9a1b2
Revises: c4e81f2a9d37
Create Date: 2026-12-06 08:18:58.640922

"""
from alembic import op
import sqlalchemy as sa
import app.core.types


# revision identifiers, used by Alembic.
revision = 'c3d5e7f9a1b2'
down_revision = 'c4e81f2a9d37'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('product_documents',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('version', sa.String(length=20), nullable=False),
    sa.Column('title_zh', sa.String(length=80), nullable=False),
    sa.Column('title_en', sa.String(length=120), nullable=False),
    sa.Column('body_zh', sa.Text(), nullable=False),
    sa.Column('body_en', sa.Text(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('questions', sa.JSON(), nullable=False),
    sa.Column('published_at', app.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('published_by', sa.String(length=64), nullable=False),
    sa.CheckConstraint("code IN ('clauses', 'purchase_notice', 'exclusions', 'privacy_consent', "
                       "'health_declaration')", name=op.f('ck_product_documents_code')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_documents_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_documents')),
    sa.UniqueConstraint('product_id', 'code', 'version', name=op.f('uq_product_documents_product_id_code_version')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('product_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_documents_product_id'), ['product_id'], unique=False)

    op.create_table('sale_traces',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('product_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('policy_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('documents', sa.JSON(), nullable=False),
    sa.Column('client', sa.JSON(), nullable=False),
    sa.Column('client_ip', sa.String(length=45), nullable=True),
    sa.Column('user_agent', sa.String(length=255), nullable=True),
    sa.Column('health_declared', sa.Boolean(), nullable=False),
    sa.Column('health_version', sa.String(length=20), nullable=True),
    sa.Column('health_answers_encrypted', sa.Text(), nullable=True),
    sa.Column('received_at', app.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('retain_until', app.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("source IN ('purchase', 'envelope', 'reward')", name=op.f('ck_sale_traces_source')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_sale_traces_order_id_orders')),
    sa.ForeignKeyConstraint(['policy_id'], ['policies.id'], name=op.f('fk_sale_traces_policy_id_policies')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_sale_traces_product_id_products')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sale_traces_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale_traces')),
    sa.UniqueConstraint('order_id', name=op.f('uq_sale_traces_order_id')),
    sa.UniqueConstraint('policy_id', name=op.f('uq_sale_traces_policy_id')),
    sqlite_autoincrement=True,
    )
    # The retention floor: a purge, if one is ever written, selects traces past retain_until by this index.
    with op.batch_alter_table('sale_traces', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sale_traces_retain_until'), ['retain_until'], unique=False)
        batch_op.create_index(batch_op.f('ix_sale_traces_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('sale_traces', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sale_traces_user_id'))
        batch_op.drop_index(batch_op.f('ix_sale_traces_retain_until'))

    op.drop_table('sale_traces')
    with op.batch_alter_table('product_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_documents_product_id'))

    op.drop_table('product_documents')
