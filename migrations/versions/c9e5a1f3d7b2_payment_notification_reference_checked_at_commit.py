"""a payment's reference to the notification that reported it is checked at commit

Payment reports that arrive together are applied in one unit of work (payments.notifications): each report's
record is inserted last, with what became of it, after the payment that names it. The reference is checked when
the unit of work commits, so the record need not be inserted first and updated after (docs/architecture.md).

Revision ID: c9e5a1f3d7b2
Revises: b3d7f1a9c5e2
Create Date: 2026-12-07 21:40:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c9e5a1f3d7b2'
down_revision = 'b3d7f1a9c5e2'
branch_labels = None
depends_on = None

NAME = 'fk_payments_notification_id_payment_notifications'


def _set(deferred: bool) -> None:
    if op.get_bind().dialect.name == 'postgresql':
        # In place: no scan of the payments already recorded, which dropping and adding the constraint would make.
        timing = 'DEFERRABLE INITIALLY DEFERRED' if deferred else 'NOT DEFERRABLE'
        op.execute(f'ALTER TABLE payments ALTER CONSTRAINT {NAME} {timing}')
        return
    options = {'deferrable': True, 'initially': 'DEFERRED'} if deferred else {}
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_constraint(NAME, type_='foreignkey')
        batch_op.create_foreign_key(NAME, 'payment_notifications', ['notification_id'], ['id'], **options)


def upgrade():
    _set(deferred=True)


def downgrade():
    _set(deferred=False)
