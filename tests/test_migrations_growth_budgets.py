"""The migration that lets coupons and rewards give their budget back, on data the release before it left."""

from __future__ import annotations

import sqlalchemy as sa

from tests import test_migrations

#: A database of its own to migrate, as tests/test_migrations.py makes one.
empty_database = test_migrations.empty_database
_at_the_last_release_with_its_rows = test_migrations._at_the_last_release_with_its_rows

#: The revision before coupons could be revoked or expired and rewards kept their premium.
BEFORE_BUDGETS_GIVEN_BACK = "c4f7a2e9d1b6"

ROWS = [
    "INSERT INTO campaigns (id, code, name_zh, name_en, kind, budget_fen, spent_fen, per_user_limit, active, settings, "
    "created_at) VALUES (1, 'hospital-payment', '住院', 'Hospital', 'hospital_payment', 100000, 2000, 1, true, '{}', "
    "'2026-12-01 01:00:00+00')",
    "INSERT INTO campaigns (id, code, name_zh, name_en, kind, budget_fen, spent_fen, per_user_limit, active, settings, "
    "created_at) VALUES (2, 'werun-10k', '走路', 'Walk', 'werun', 100000, 520, 0, true, '{}', '2026-12-01 01:00:00+00')",
    # A 1-fen order's coupon, stuck reserved after the order was paid (order 1: fulfilled, discount 0), and another.
    "INSERT INTO coupons (id, user_id, campaign_id, source_key, name_zh, name_en, discount_fen, status, valid_until, "
    "order_id, granted_at) VALUES (1, 1, 1, 'hospital:evt-1', '住院', 'Hospital', 1000, 'reserved', "
    "'2026-12-31 01:00:00+00', 1, '2026-12-01 01:00:00+00')",
    "INSERT INTO coupons (id, user_id, campaign_id, source_key, name_zh, name_en, discount_fen, status, valid_until, "
    "granted_at) VALUES (2, 1, 1, 'hospital:evt-2', '住院', 'Hospital', 1000, 'available', '2026-12-31 01:00:00+00', "
    "'2026-12-01 01:00:00+00')",
    "INSERT INTO products (id, code, name_zh, name_en, category, summary_zh, summary_en, covered_zh, covered_en, "
    "not_covered_zh, not_covered_en, faq_zh, faq_en, active, sort_order, created_at, insurer_id) SELECT 3, "
    "'gift-accident', '红包', 'Gift', 'gift', '', '', '[]', '[]', '[]', '[]', '[]', '[]', true, 90, "
    "'2026-11-26 01:00:00+00', insurer_id FROM products WHERE id = 1",
    "INSERT INTO plans (id, product_id, code, name_zh, name_en, premium_fen, coverage_fen, death_benefit_fen, period, "
    "term_days, age_min, age_max, waiting_period_days, active) VALUES (3, 3, 'gift-accident-30d', '30天', '30 days', "
    "2, 100000, 100000, 'month', 30, 18, 60, 0, true)",
    # One reward left available (its premium: the gift plan's price), one redeemed (its policy's premium).
    "INSERT INTO rewards (id, user_id, campaign_id, source_key, name_zh, name_en, coverage_fen, status, valid_until, "
    "granted_at) VALUES (1, 1, 2, 'werun:1:2026-12-01', '走路', 'Walk', 1000000, 'available', "
    "'2026-12-08 16:00:00+00', '2026-12-01 01:00:00+00')",
    "INSERT INTO rewards (id, user_id, campaign_id, source_key, name_zh, name_en, coverage_fen, status, valid_until, "
    "granted_at, redeemed_at, policy_id) VALUES (2, 1, 2, 'werun:1:2026-12-02', '走路', 'Walk', 1000000, 'redeemed', "
    "'2026-12-09 16:00:00+00', '2026-12-02 01:00:00+00', '2026-12-02 02:00:00+00', 1)",
]


def test_stuck_coupons_come_free_and_rewards_keep_their_premium_and_downgrading_works(backend_env, empty_database,
                                                                                    tmp_path):
    """A coupon a paid 1-fen order held, never marked used, is the user's again; each reward keeps the premium its
    campaign paid (its policy's, or the gift plan's price for its cover). Downgrading makes a revoked coupon used
    and an expired coupon or reward available (past its validity: shown expired), and upgrading again works."""
    from flask_migrate import downgrade, upgrade

    from app.extensions import db

    def rows():
        with db.engine.connect() as connection:
            coupons = connection.exec_driver_sql("SELECT id, status, order_id FROM coupons ORDER BY id").all()
            rewards = connection.exec_driver_sql("SELECT id, status, premium_fen FROM rewards ORDER BY id").all()
        return [tuple(row) for row in coupons], [tuple(row) for row in rewards]

    with _at_the_last_release_with_its_rows(backend_env, empty_database, tmp_path):
        upgrade(revision=BEFORE_BUDGETS_GIVEN_BACK)
        with db.engine.begin() as connection:
            for statement in ROWS:
                connection.exec_driver_sql(statement)
        upgrade()
        upgraded = rows()
        with db.engine.begin() as connection:
            connection.execute(sa.text("UPDATE coupons SET status = 'revoked', revoked_at = :at WHERE id = 1"),
                               {"at": "2026-12-03 01:00:00+00"})
            connection.exec_driver_sql("UPDATE coupons SET status = 'expired' WHERE id = 2")
            connection.exec_driver_sql("UPDATE rewards SET status = 'expired' WHERE id = 1")
        downgrade(revision=BEFORE_BUDGETS_GIVEN_BACK)
        with db.engine.connect() as connection:
            downgraded = ([tuple(r) for r in connection.exec_driver_sql("SELECT id, status FROM coupons ORDER BY id")],
                          [tuple(r) for r in connection.exec_driver_sql("SELECT id, status FROM rewards ORDER BY id")])
        upgrade()
        db.engine.dispose()
    assert upgraded == ([(1, "available", None), (2, "available", None)], [(1, "available", 20), (2, "redeemed", 500)])
    assert downgraded == ([(1, "used"), (2, "available")], [(1, "available"), (2, "redeemed")])
