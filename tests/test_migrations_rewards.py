"""The migration that makes a WeRun reward one per user and day, on data the release before it left."""

from __future__ import annotations

import sqlalchemy as sa

from tests import test_migrations

#: A database of its own to migrate, as tests/test_migrations.py makes one.
empty_database = test_migrations.empty_database


#: The revision before a reward was one per user and source, whichever campaign granted it.
BEFORE_ONE_REWARD_A_DAY = "c2f6a8d4e1b7"


def test_a_walk_rewarded_by_two_campaigns_keeps_both_rewards_with_the_later_one_marked(backend_env, empty_database,
                                                                                       tmp_path):
    """Rewards granted twice for one day by two WeRun campaigns stay (users hold them), the later one's source
    marked with its id, so the unique user and source can hold from now on; downgrading and upgrading again work."""
    from app.extensions import db

    def sources():
        with db.engine.connect() as connection:
            return [tuple(row) for row in connection.exec_driver_sql(
                "SELECT id, campaign_id, source_key FROM rewards ORDER BY id")]

    def two_campaigns_rewarding_one_day(connection):
        for campaign_id, code in ((1, "werun-10k"), (2, "werun-winter")):
            connection.execute(sa.text(
                "INSERT INTO campaigns (id, code, name_zh, name_en, kind, budget_fen, spent_fen, per_user_limit, "
                "active, settings, created_at) VALUES (:id, :code, '走路', 'Walk', 'werun', 100000, 0, 0, true, "
                "'{}', '2026-12-01 01:00:00+00')"), {"id": campaign_id, "code": code})
        for reward_id, campaign_id, day in ((1, 1, "2026-12-01"), (2, 2, "2026-12-01"), (3, 2, "2026-12-02")):
            connection.execute(sa.text(
                "INSERT INTO rewards (id, user_id, campaign_id, source_key, name_zh, name_en, coverage_fen, status, "
                "valid_until, granted_at) VALUES (:id, 1, :campaign, :key, '走路', 'Walk', 1000000, 'available', "
                "'2026-12-31 01:00:00+00', '2026-12-01 01:00:00+00')"),
                {"id": reward_id, "campaign": campaign_id, "key": f"werun:1:{day}"})

    upgraded, _downgraded, again = test_migrations.through_the_migration(
        backend_env, empty_database, tmp_path, BEFORE_ONE_REWARD_A_DAY, [two_campaigns_rewarding_one_day], sources)
    assert upgraded == again == [(1, 1, "werun:1:2026-12-01"), (2, 2, "werun:1:2026-12-01#2"),
                                 (3, 2, "werun:1:2026-12-02")]
