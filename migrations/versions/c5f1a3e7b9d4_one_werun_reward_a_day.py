"""one WeRun reward a day: a reward is unique per user and source, whichever campaign granted it

A day's walk earned one reward per WeRun campaign running, so an operator who replaced a campaign (or ran two)
gave the same walk a second gift cover. Rewards already granted twice for one source keep their history: the
later ones' source gets "#<id>" after it, so the first stands as the day's reward. Downgrading goes back to one
per campaign and source (the marked sources stay as they are: they are unique under that key too).

Revision ID: c5f1a3e7b9d4
Revises: c2f6a8d4e1b7
Create Date: 2026-12-07 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c5f1a3e7b9d4'
down_revision = 'c2f6a8d4e1b7'
branch_labels = None
depends_on = None

rewards = sa.table('rewards', sa.column('id', sa.BigInteger), sa.column('user_id', sa.BigInteger),
                   sa.column('source_key', sa.String))


def upgrade():
    earlier = rewards.alias('earlier')
    op.execute(rewards.update().where(sa.exists().where(
        earlier.c.user_id == rewards.c.user_id, earlier.c.source_key == rewards.c.source_key,
        earlier.c.id < rewards.c.id)).values(source_key=rewards.c.source_key + '#' + sa.cast(rewards.c.id, sa.String)))
    with op.batch_alter_table('rewards', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_rewards_campaign_id_source_key'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_rewards_user_id_source_key'), ['user_id', 'source_key'])


def downgrade():
    with op.batch_alter_table('rewards', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_rewards_user_id_source_key'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_rewards_campaign_id_source_key'),
                                          ['campaign_id', 'source_key'])
