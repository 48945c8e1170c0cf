"""campaign allowances: a campaign's per-user limit counted in one atomic statement

"Count, then insert" let twenty concurrent requests past a limit of one. The counts start
from what each user has had so far: coupons and rewards granted, promo envelopes sent.

Revision ID: 2e4a63138645
Revises: 1cbfd4565d34
Create Date: 2026-12-06 05:19:39.491799

"""
from alembic import op
import sqlalchemy as sa
import app.core.types


# revision identifiers, used by Alembic.
revision = '2e4a63138645'
down_revision = '1cbfd4565d34'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('campaign_allowances',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('campaign_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('used', sa.Integer(), nullable=False),
    sa.CheckConstraint('used >= 1', name=op.f('ck_campaign_allowances_used')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_campaign_allowances_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_campaign_allowances_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_allowances')),
    sa.UniqueConstraint('campaign_id', 'user_id', name=op.f('uq_campaign_allowances_campaign_id_user_id'))
    )
    with op.batch_alter_table('campaign_allowances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_allowances_user_id'), ['user_id'], unique=False)

    op.execute("INSERT INTO campaign_allowances (campaign_id, user_id, used) "
               "SELECT campaign_id, user_id, count(*) FROM ("
               "SELECT campaign_id, user_id FROM coupons "
               "UNION ALL SELECT campaign_id, user_id FROM rewards "
               "UNION ALL SELECT campaign_id, sender_id FROM envelopes WHERE campaign_id IS NOT NULL"
               ") granted GROUP BY campaign_id, user_id")


def downgrade():
    with op.batch_alter_table('campaign_allowances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_allowances_user_id'))

    op.drop_table('campaign_allowances')
