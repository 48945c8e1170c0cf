"""The migration that gives back what used coupons could not take off, on data the release before it left."""

from __future__ import annotations

from tests import test_migrations

#: A database of its own to migrate, as tests/test_migrations.py makes one.
empty_database = test_migrations.empty_database

#: The revision before a used coupon gave back what it could not take off.
BEFORE_REST_GIVEN_BACK = "d8b4f2a6c1e3"

ROWS = [
    "INSERT INTO campaigns (id, code, name_zh, name_en, kind, budget_fen, spent_fen, per_user_limit, active, settings, "
    "created_at) VALUES (1, 'hospital-payment', '住院', 'Hospital', 'hospital_payment', 100000, 2000, 1, true, '{}', "
    "'2026-12-01 01:00:00+00')",
    # A 10-yuan coupon used on a 3-yuan order (2.99 yuan off), and one still available.
    "UPDATE orders SET premium_fen = 300, discount_fen = 299, amount_fen = 1 WHERE id = 1",
    "INSERT INTO coupons (id, user_id, campaign_id, source_key, name_zh, name_en, discount_fen, status, valid_until, "
    "order_id, granted_at, used_at) VALUES (1, 1, 1, 'hospital:evt-1', '住院', 'Hospital', 1000, 'used', "
    "'2026-12-31 01:00:00+00', 1, '2026-12-01 01:00:00+00', '2026-12-01 02:00:00+00')",
    "INSERT INTO coupons (id, user_id, campaign_id, source_key, name_zh, name_en, discount_fen, status, valid_until, "
    "granted_at) VALUES (2, 1, 1, 'hospital:evt-2', '住院', 'Hospital', 1000, 'available', '2026-12-31 01:00:00+00', "
    "'2026-12-01 01:00:00+00')",
]


def test_what_used_coupons_could_not_take_off_goes_back_once_and_downgrading_charges_it_again(
        backend_env, empty_database, tmp_path):
    from app.extensions import db

    def spent():
        with db.engine.connect() as connection:
            return connection.exec_driver_sql("SELECT spent_fen FROM campaigns WHERE id = 1").scalar_one()

    upgraded, downgraded, again = test_migrations.through_the_migration(backend_env, empty_database, tmp_path,
                                                                        BEFORE_REST_GIVEN_BACK, ROWS, spent)
    assert (upgraded, downgraded, again) == (1299, 2000, 1299)
