"""partner event ids per webhook, and the insurer's time of a claim move

A partner's event ids are unique per webhook (partner, scope, event_id), no longer across its two webhooks: a
partner with both scopes numbers each feed from 1, and the second feed's event 1 was dropped as a duplicate.
Every row is kept as it is (a pair unique before is unique now). ``claim_events.insurer_changed_at`` keeps
when the insurer says a move happened at its end, so a late, older update is not applied over a newer one;
moves recorded before this release have none.

Downgrading puts the old constraint back, and refuses (naming how many) while a partner has used one event id
on both webhooks: the older release cannot hold both, and dropping either would lose an applied event.

Revision ID: c2f6a8d4e1b7
Revises: e7a1c5d3f9b2
Create Date: 2026-12-08 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
import app.core.types


# revision identifiers, used by Alembic.
revision = 'c2f6a8d4e1b7'
down_revision = 'e7a1c5d3f9b2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('partner_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_partner_events_partner_event_id'), type_='unique')
        batch_op.create_unique_constraint(op.f('uq_partner_events_partner_scope_event_id'),
                                          ['partner', 'scope', 'event_id'])
    with op.batch_alter_table('claim_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('insurer_changed_at', app.core.types.UTCDateTime(timezone=True),
                                      nullable=True))


def downgrade():
    shared = op.get_bind().execute(sa.text(
        "SELECT count(*) FROM (SELECT partner, event_id FROM partner_events GROUP BY partner, event_id "
        "HAVING count(*) > 1) AS shared")).scalar_one()
    if shared:
        raise RuntimeError(f"{shared} partner event id(s) were used on both webhooks; the previous release keeps "
                           "one event per partner and id, so it cannot hold them")
    with op.batch_alter_table('claim_events', schema=None) as batch_op:
        batch_op.drop_column('insurer_changed_at')
    with op.batch_alter_table('partner_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_partner_events_partner_scope_event_id'), type_='unique')
        batch_op.create_unique_constraint(op.f('uq_partner_events_partner_event_id'), ['partner', 'event_id'])
