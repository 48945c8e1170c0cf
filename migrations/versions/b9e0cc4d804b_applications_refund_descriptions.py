"""applications beside orders, refund descriptions; order kinds and refund reasons declared in code

The insured person of a purchase moves from the order (the money core, which no longer
knows what it sells) to the purchase's application. Refunds say what WeChat Pay shows the
payer, instead of the money core mapping each feature's reason to words, and no longer
point at a policy: the order's kind settles what a refund means. The CHECKs listing order
kinds and refund reasons go: features declare those in code.

Revision ID: b9e0cc4d804b
Revises: 0e56a8fa8eff
Create Date: 2026-12-06 04:56:10.176016

"""
from alembic import op
import sqlalchemy as sa
import app.core.types


# revision identifiers, used by Alembic.
revision = 'b9e0cc4d804b'
down_revision = '0e56a8fa8eff'
branch_labels = None
depends_on = None

INSURED = ('insured_name_encrypted', 'insured_name_masked', 'insured_id_encrypted', 'insured_id_masked',
           'insured_id_hash', 'insured_birth_date')

#: What WeChat Pay showed for each reason before refunds carried their own words.
DESCRIPTIONS = {
    'cooling_off': 'Cancelled within the cooling-off period',
    'late_payment': 'Paid after the order had closed',
    'double_payment': 'Paid twice for one order',
    'envelope_unclaimed': 'Red envelope cover not claimed',
    'operator': 'Refund by customer service',
}


def upgrade():
    op.create_table('applications',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('order_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('created_at', app.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('insured_name_encrypted', sa.Text(), nullable=True),
    sa.Column('insured_name_masked', sa.String(length=48), nullable=True),
    sa.Column('insured_id_encrypted', sa.Text(), nullable=True),
    sa.Column('insured_id_masked', sa.String(length=24), nullable=True),
    sa.Column('insured_birth_date', sa.Date(), nullable=True),
    sa.Column('insured_id_hash', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_applications_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications')),
    sa.UniqueConstraint('order_id', name=op.f('uq_applications_order_id'))
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_applications_insured_id_hash'), ['insured_id_hash'], unique=False)

    columns = ', '.join(INSURED)
    op.execute(f"INSERT INTO applications (order_id, created_at, {columns}) "
               f"SELECT id, created_at, {columns} FROM orders WHERE kind = 'policy'")

    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_orders_kind'), type_='check')
        batch_op.drop_index(batch_op.f('ix_orders_insured_id_hash'))
        for column in INSURED:
            batch_op.drop_column(column)

    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('description', sa.String(length=80), nullable=True))
        batch_op.drop_constraint(op.f('ck_refunds_reason'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_refunds_policy_id_policies'), type_='foreignkey')
        batch_op.drop_column('policy_id')
    refunds = sa.table('refunds', sa.column('reason', sa.String), sa.column('description', sa.String))
    for reason, description in DESCRIPTIONS.items():
        op.execute(refunds.update().where(refunds.c.reason == reason).values(description=description))


def downgrade():
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('policy_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_refunds_policy_id_policies'), 'policies', ['policy_id'], ['id'])
        batch_op.create_check_constraint('reason', sa.column('reason').in_(tuple(DESCRIPTIONS)))
        batch_op.drop_column('description')
    op.execute("UPDATE refunds SET policy_id = (SELECT policies.id FROM policies WHERE policies.order_id = "
               "refunds.order_id) WHERE reason = 'cooling_off'")

    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('insured_id_encrypted', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('insured_name_encrypted', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('insured_birth_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('insured_id_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('insured_id_masked', sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column('insured_name_masked', sa.String(length=48), nullable=True))
        batch_op.create_index(batch_op.f('ix_orders_insured_id_hash'), ['insured_id_hash'], unique=False)
        batch_op.create_check_constraint('kind', sa.column('kind').in_(('policy', 'envelope')))
    for column in INSURED:
        op.execute(f"UPDATE orders SET {column} = (SELECT applications.{column} FROM applications "
                   f"WHERE applications.order_id = orders.id)")

    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applications_insured_id_hash'))

    op.drop_table('applications')
