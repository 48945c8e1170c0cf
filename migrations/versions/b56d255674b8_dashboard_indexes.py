"""indexes for the dashboard's daily counts (users, orders and envelopes by day)

Revision ID: b56d255674b8
Revises: d009db537b95
Create Date: 2026-11-26 14:02:51.014883

On PostgreSQL the indexes are built CONCURRENTLY, outside a transaction: a plain
CREATE INDEX would block every new order and payment for as long as it takes on a
table of a year's orders.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b56d255674b8'
down_revision = 'd009db537b95'
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_envelopes_created_at", "envelopes", "created_at"),
    ("ix_orders_created_at", "orders", "created_at"),
    ("ix_orders_paid_at", "orders", "paid_at"),
    ("ix_users_created_at", "users", "created_at"),
)


def _on_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade():
    if _on_postgresql():
        with op.get_context().autocommit_block():
            for name, table, column in INDEXES:
                op.create_index(name, table, [column], postgresql_concurrently=True, if_not_exists=True)
        return
    for name, table, column in INDEXES:
        op.create_index(name, table, [column])


def downgrade():
    if _on_postgresql():
        with op.get_context().autocommit_block():
            for name, table, _ in INDEXES:
                op.drop_index(name, table_name=table, postgresql_concurrently=True, if_exists=True)
        return
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
