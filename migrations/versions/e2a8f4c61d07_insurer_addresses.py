"""insurer addresses: each insurer's registered address (住所), in Chinese and English, for the e-policy
(Insurance Law Art. 18 lists the insurer's name and address among a policy's contents)

The seeded example (still marked `placeholder`) gets the example's address, as plainly made up as its name.
An insurer an operator has already named keeps no address until the operator enters it on the product page:
we do not guess a real company's registered office, and production sells nothing under an insurer without
one (docs/domain.md, The insurer).

Revision ID: e2a8f4c61d07
Revises: a17c0e5d9b21
Create Date: 2026-12-06 14:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e2a8f4c61d07'
down_revision = 'a17c0e5d9b21'
branch_labels = None
depends_on = None

#: As app/catalog/seed.py has it when this migration was written.
EXAMPLE_ADDRESS = {
    'address_zh': '上海市浦东新区示例路100号示例大厦18层',
    'address_en': '18/F, Example Tower, 100 Example Road, Pudong New Area, Shanghai (not a real address)',
}


def upgrade():
    with op.batch_alter_table('insurers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address_zh', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('address_en', sa.String(length=300), nullable=True))
    insurers = sa.table('insurers', sa.column('placeholder', sa.Boolean), sa.column('address_zh', sa.String),
                        sa.column('address_en', sa.String))
    # By the mark, not the code: an operator who named the real insurer kept the example's code.
    op.execute(insurers.update().where(insurers.c.placeholder.is_(True)).values(**EXAMPLE_ADDRESS))


def downgrade():
    with op.batch_alter_table('insurers', schema=None) as batch_op:
        batch_op.drop_column('address_en')
        batch_op.drop_column('address_zh')
