"""Campaign budgets and per-user limits: each taken in one atomic statement, so concurrent grants
can never overspend a budget or give one user more than the campaign allows."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.dialects import postgresql, sqlite

from app.campaigns.models import Campaign, CampaignAllowance
from app.core import clock
from app.core.errors import Conflict, ValidationFailed
from app.extensions import db


class BudgetExhausted(Conflict):
    code = "budget_exhausted"
    message = _l("This promotion has run out; please try again another time.")


def running_campaign(code: str, kind: str, field: str = "campaign_code") -> Campaign:
    campaign = db.session.scalars(sa.select(Campaign).where(Campaign.code == code, Campaign.kind == kind)).one_or_none()
    if campaign is None or not campaign.running_at(clock.now()):
        raise ValidationFailed.for_field(field, _("This promotion is not running."), code="campaign_not_running")
    return campaign


def take_budget(campaign_id: int, amount_fen: int) -> None:
    """Spend ``amount_fen`` of the campaign's budget in one guarded UPDATE, or raise ``BudgetExhausted``."""
    taken = db.session.execute(
        sa.update(Campaign)
        .where(Campaign.id == campaign_id, Campaign.active.is_(True),
               Campaign.spent_fen + amount_fen <= Campaign.budget_fen)
        .values(spent_fen=Campaign.spent_fen + amount_fen)
        .execution_options(synchronize_session=False)
    ).rowcount
    if taken != 1:
        raise BudgetExhausted()


def _allowance_statement(dialect: str):
    """Count one more grant for a user, unless they have had ``limit``: one upsert that answers the
    new count, or no row at the limit. Two requests at once meet at the unique key and the row's
    lock, so "count, then insert" can never let both through."""
    table = CampaignAllowance.__table__
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect](table).values(
        campaign_id=sa.bindparam("campaign_id"), user_id=sa.bindparam("user_id"), used=1)
    return (insert.on_conflict_do_update(index_elements=[table.c.campaign_id, table.c.user_id],
                                         set_={"used": table.c.used + 1},
                                         where=table.c.used < sa.bindparam("limit"))
            .returning(table.c.used))


_ALLOWANCES = {dialect: _allowance_statement(dialect) for dialect in ("postgresql", "sqlite")}


def take_allowance(campaign: Campaign, user_id: int) -> bool:
    """Count one grant of ``campaign`` to the user, atomically; False once they have had
    ``per_user_limit`` (never, for a campaign without one). It rolls back with the unit of work:
    a grant that fails later gives the allowance back."""
    if not campaign.per_user_limit:
        return True
    connection = db.session.connection()
    used = connection.execute(_ALLOWANCES[connection.dialect.name], {
        "campaign_id": campaign.id, "user_id": user_id, "limit": campaign.per_user_limit}).scalar_one_or_none()
    return used is not None


def return_budget(campaign_id: int, amount_fen: int) -> None:
    """Give back what a grant did not use (an envelope's unclaimed cover, a coupon or reward expired or revoked)."""
    db.session.execute(
        sa.update(Campaign).where(Campaign.id == campaign_id)
        .values(spent_fen=sa.case((Campaign.spent_fen >= amount_fen, Campaign.spent_fen - amount_fen), else_=0))
        .execution_options(synchronize_session=False)
    )


def expire_grants(grant, value: sa.ColumnElement, now: dt.datetime) -> int:
    """Grants of a campaign (``grant``: coupons, rewards) past their validity unused turn ``expired``, and the
    ``value`` each took from its campaign's budget goes back: a budget counts what is committed to users, as a
    promo envelope's unclaimed cover goes back. The one UPDATE that moves a grant is what gives its value back,
    so a grant gives it back once, however many sweeps run; how many moved."""
    return _take_back_grants(grant, value, "expired", grant.valid_until <= now)


def void_grants_of(grant, value: sa.ColumnElement, user_id: int, status: str) -> int:
    """A closing account's grants still ``available`` turn ``status`` (``revoked``, ``expired``), their value back
    in their campaigns' budgets, as ``expire_grants`` gives it back; how many moved. (One an unpaid order holds
    cannot be among them: an unpaid order keeps the account open.)"""
    return _take_back_grants(grant, value, status, sa.and_(grant.user_id == user_id, grant.status == "available"))


def _take_back_grants(grant, value: sa.ColumnElement, status: str, which: sa.ColumnElement) -> int:
    moved = db.session.execute(
        sa.update(grant).where(grant.status.in_(grant.sources_of(status)), which)
        .values(status=status).returning(grant.campaign_id, value)
        .execution_options(synchronize_session=False)).all()
    totals: dict[int, int] = {}
    for campaign_id, amount_fen in moved:
        totals[campaign_id] = totals.get(campaign_id, 0) + amount_fen
    for campaign_id, total in sorted(totals.items()):  # campaigns in one order: two sweeps never wait on each other
        return_budget(campaign_id, total)
    return len(moved)


def _active_of_kind(kind: str) -> list[Campaign]:
    return list(db.session.scalars(
        sa.select(Campaign).where(Campaign.kind == kind, Campaign.active.is_(True)).order_by(Campaign.id)))


def running_of_kind(kind: str, at: dt.datetime | None = None) -> list[Campaign]:
    """Running campaigns of a kind, oldest first (the first one with budget left grants): running now, or at ``at``,
    when what earns happened (a partner's event, reported after it occurred; never later than now). A paused one
    grants nothing (its budget cannot be spent)."""
    now = clock.now()
    moment = now if at is None else min(at, now)
    return [c for c in _active_of_kind(kind) if c.running_at(moment)]


def running_on_day(kind: str, day: dt.date) -> list[Campaign]:
    """Campaigns of a kind that ran at some moment of the Beijing ``day`` and have started by now, oldest first:
    what a day's activity earns from when it is reported later (a WeRun walk synced the morning after). A walk
    before a campaign began earns nothing from it; one on its last day, synced after it ended, still does. A
    paused campaign grants nothing."""
    now = clock.now()
    day_starts = dt.datetime.combine(day, dt.time(), tzinfo=clock.SHANGHAI)  # ends_at is exclusive, as in running_at
    day_ends = clock.end_of_beijing_day(day)
    return [c for c in _active_of_kind(kind)
            if (c.starts_at is None or (c.starts_at <= now and c.starts_at <= day_ends))
            and (c.ends_at is None or c.ends_at > day_starts)]
