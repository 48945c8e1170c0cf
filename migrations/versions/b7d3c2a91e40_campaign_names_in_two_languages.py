"""campaign, coupon and reward names in two languages: Simplified Chinese, and English beside it

The names so far were one text, which the seeded campaigns wrote in English: it becomes the English
name. The seeded campaigns get their Chinese names (as app/campaigns/seed.py has them when this
migration was written) if their English name is still the seeded one; any other campaign gets its one
name as the Chinese too, until an operator writes the Chinese on the campaign's page. A coupon or a
reward keeps the names of its campaign as they were when it was granted: the Chinese comes from the
campaign where the English is the same, and is the English otherwise.

Revision ID: b7d3c2a91e40
Revises: e2a8f4c61d07
Create Date: 2026-12-06 17:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7d3c2a91e40'
down_revision = 'e2a8f4c61d07'
branch_labels = None
depends_on = None

#: The seeded campaigns' names: code -> (English as seeded before, Chinese).
SEEDED = {
    'hospital-payment': ('Paid a hospital bill? 10 yuan off medical cover', '刚交过住院费？医疗保障立减10元'),
    'werun-10k': ('10,000 steps: 10,000 yuan of accident cover for 30 days', '走满1万步，送1万元意外保障30天'),
    'referral-first-purchase': ('A friend you invited bought cover: 5 yuan off your next',
                                '邀请的好友投保了，你下次投保立减5元'),
    'welcome-envelope': ('Send your first red envelope free (up to 10,000 yuan of cover)',
                         '第一个保险红包免费发（保额最高1万元）'),
}
TABLES = ('campaigns', 'coupons', 'rewards')


def upgrade():
    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.alter_column('name', new_column_name='name_en', existing_type=sa.String(length=80),
                                  existing_nullable=False)
            batch_op.add_column(sa.Column('name_zh', sa.String(length=80), nullable=True))

    campaigns = sa.table('campaigns', sa.column('id', sa.BigInteger), sa.column('code', sa.String),
                         sa.column('name_zh', sa.String), sa.column('name_en', sa.String))
    for code, (english, chinese) in SEEDED.items():
        op.execute(campaigns.update().where(campaigns.c.code == code, campaigns.c.name_en == english)
                   .values(name_zh=chinese))
    op.execute(campaigns.update().where(campaigns.c.name_zh.is_(None)).values(name_zh=campaigns.c.name_en))
    for name in ('coupons', 'rewards'):
        granted = sa.table(name, sa.column('campaign_id', sa.BigInteger), sa.column('name_zh', sa.String),
                           sa.column('name_en', sa.String))
        op.execute(granted.update().values(name_zh=sa.select(campaigns.c.name_zh).where(
            campaigns.c.id == granted.c.campaign_id, campaigns.c.name_en == granted.c.name_en).scalar_subquery()))
        op.execute(granted.update().where(granted.c.name_zh.is_(None)).values(name_zh=granted.c.name_en))

    for name in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.alter_column('name_zh', nullable=False, existing_type=sa.String(length=80))


def downgrade():
    # Back to one name: the English stays (or the Chinese, where no English was written).
    for name in TABLES:
        table = sa.table(name, sa.column('name_zh', sa.String), sa.column('name_en', sa.String))
        op.execute(table.update().where(table.c.name_en == '').values(name_en=table.c.name_zh))
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column('name_zh')
            batch_op.alter_column('name_en', new_column_name='name', existing_type=sa.String(length=80),
                                  existing_nullable=False)
