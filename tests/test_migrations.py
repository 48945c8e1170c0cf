"""The migrations build the schema from empty and match the models, on this run's backend."""

from __future__ import annotations

import contextlib
import re
from urllib.parse import urlsplit, urlunsplit

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask_migrate import check

from config import normalize_database_url


def test_database_is_at_the_single_head(app, app_ctx):
    from app.extensions import db

    config = app.extensions["migrate"].migrate.get_config()
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1
    with db.engine.connect() as connection:
        current = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    assert current == heads[0]


def test_alembic_check_finds_no_drift_between_models_and_migrations(app_ctx):
    # Raises (and the CLI exits non-zero) when autogenerate would produce operations.
    check()


#: The last revision an installation ran before this round's migrations (they move data).
LAST_RELEASE = "0e56a8fa8eff"


@pytest.fixture
def empty_database(backend_env, tmp_path):
    """A database of its own, on this run's backend, for migrating with data in it."""
    url = backend_env["DATABASE_URL"]
    if not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'upgrade.db'}"
        return
    name = urlsplit(url).path.lstrip("/") + "_upgrade"
    admin = sa.create_engine(normalize_database_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def _app_on(backend_env, database_url: str, tmp_path):
    """An app on ``database_url`` (an empty database, for the test to migrate)."""
    from app import create_app
    from config import load_config

    return create_app(load_config(dict(backend_env, DATABASE_URL=database_url, REDCOVER_VAR_DIR=str(tmp_path))),
                      REQUEST_LOG=False)


@contextlib.contextmanager
def _at_the_last_release_with_its_rows(backend_env, database_url: str, tmp_path):
    """An app context on ``database_url`` migrated to the last release, holding its rows (LAST_RELEASE_ROWS)."""
    from flask_migrate import upgrade

    from app.extensions import db

    with _app_on(backend_env, database_url, tmp_path).app_context():
        upgrade(revision=LAST_RELEASE)
        with db.engine.begin() as connection:
            for statement in LAST_RELEASE_ROWS:
                connection.exec_driver_sql(statement)
        yield


def through_the_migration(backend_env, database_url: str, tmp_path, before: str, rows, read) -> tuple:
    """The last release's rows, and ``rows`` (SQL, or a callable given a connection) added at ``before``, taken to
    the head, down to ``before`` and up again: what ``read()`` finds after each of the three."""
    from flask_migrate import downgrade, upgrade

    from app.extensions import db

    with _at_the_last_release_with_its_rows(backend_env, database_url, tmp_path):
        upgrade(revision=before)
        with db.engine.begin() as connection:
            for row in rows:
                row(connection) if callable(row) else connection.exec_driver_sql(row)
        upgrade()
        upgraded = read()
        downgrade(revision=before)
        downgraded = read()
        upgrade()
        again = read()
        db.engine.dispose()
    return upgraded, downgraded, again


def test_a_database_with_data_from_the_last_release_migrates_to_head(backend_env, empty_database, tmp_path):
    """Orders, refunds and the catalog as the last release kept them come through this round's
    migrations: the insured moves to the application, the catalog gains its Chinese, masks
    shorten. (On SQLite a table is rebuilt to change it, which rows pointing at it used to refuse.)"""
    from flask_migrate import upgrade

    from app.extensions import db

    with _at_the_last_release_with_its_rows(backend_env, empty_database, tmp_path):
        upgrade()
        with db.engine.connect() as connection:
            product = connection.exec_driver_sql("SELECT name_zh, name_en FROM products WHERE id = 1").one()
            application = connection.exec_driver_sql(
                "SELECT o.order_no, a.insured_name_masked, a.insured_id_masked FROM applications a "
                "JOIN orders o ON o.id = a.order_id").one()
            refund = connection.exec_driver_sql("SELECT reason, description FROM refunds").one()
            policy_mask = connection.exec_driver_sql("SELECT insured_id_masked FROM policies").scalar_one()
            death_benefits = connection.exec_driver_sql(
                "SELECT code, death_benefit_fen FROM plans ORDER BY id").all()
            policy_death_benefit = connection.exec_driver_sql("SELECT death_benefit_fen FROM policies").scalar_one()
            verification_code = connection.exec_driver_sql("SELECT verification_code FROM policies").scalar_one()
        db.engine.dispose()
    assert product == ("意外保障", "Accident cover")
    assert application == ("RC2026112600000001", "张*", "1****************7")
    assert refund == ("cooling_off", "Cancelled within the cooling-off period")  # written by the last release
    assert policy_mask == "1****************7"
    # Accident cover pays its sum insured on death, hospital cover nothing; a policy as its plan.
    assert [tuple(row) for row in death_benefits] == [("accident-basic", 30000000), ("hospital-basic", 0)]
    assert policy_death_benefit == 30000000
    # A policy from before verification codes has one of its own, so its e-policy can be checked.
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{16}", verification_code)


LAST_RELEASE_ROWS = [
    "INSERT INTO users (id, openid, created_at) VALUES (1, 'o-upgrade', '2026-11-26 01:00:00+00')",
    "INSERT INTO products (id, code, name, category, summary, covered, not_covered, faq, active, sort_order, "
    "created_at) VALUES (1, 'accident', 'Accident cover', 'accident', 'From 5 yuan a month', '[\"a\"]', '[\"b\"]', "
    "'[]', TRUE, 10, '2026-11-26 01:00:00+00')",
    "INSERT INTO plans (id, product_id, code, name, premium_fen, coverage_fen, period, term_days, age_min, age_max, "
    "waiting_period_days, active) VALUES (1, 1, 'accident-basic', '300,000 yuan cover', 500, 30000000, 'month', 30, "
    "18, 60, 0, TRUE)",
    "INSERT INTO products (id, code, name, category, summary, covered, not_covered, faq, active, sort_order, "
    "created_at) VALUES (2, 'hospital', 'Hospital medical cover', 'medical', '60 yuan a year', '[\"a\"]', '[\"b\"]', "
    "'[]', TRUE, 20, '2026-11-26 01:00:00+00')",
    "INSERT INTO plans (id, product_id, code, name, premium_fen, coverage_fen, period, term_days, age_min, age_max, "
    "waiting_period_days, active) VALUES (2, 2, 'hospital-basic', '500,000 yuan a year', 6000, 50000000, 'year', 365, "
    "0, 60, 30, TRUE)",
    "INSERT INTO orders (id, order_no, user_id, plan_id, kind, status, premium_fen, discount_fen, amount_fen, "
    "pay_version, created_at, expires_at, paid_at, insured_name_encrypted, insured_name_masked, "
    "insured_id_encrypted, insured_id_masked, insured_id_hash, insured_birth_date) VALUES (1, "
    "'RC2026112600000001', 1, 1, 'policy', 'fulfilled', 500, 0, 500, 'v2', '2026-11-26 01:00:00+00', "
    "'2026-11-26 01:30:00+00', '2026-11-26 01:05:00+00', 'x', '张*', 'y', '1101**********4477', 'h', '1990-03-07')",
    "INSERT INTO payments (id, order_id, transaction_id, amount_fen, status, paid_at, source, created_at) VALUES "
    "(1, 1, '4200000001', 500, 'refund_pending', '2026-11-26 01:05:00+00', 'notification', '2026-11-26 01:05:00+00')",
    "INSERT INTO policies (id, policy_no, order_id, user_id, plan_id, source, status, coverage_fen, premium_fen, "
    "starts_at, ends_at, illness_cover_starts_at, issued_at, insured_name_masked, insured_id_masked, "
    "insured_birth_date) VALUES (1, 'P202611260000000001', 1, 1, 1, 'purchase', 'cancelling', 30000000, 500, "
    "'2026-11-26 01:05:00+00', '2026-12-26 16:00:00+00', '2026-11-26 01:05:00+00', '2026-11-26 01:05:00+00', "
    "'张*', '1101**********4477', '1990-03-07')",
    "INSERT INTO refunds (id, refund_no, order_id, payment_id, amount_fen, reason, status, policy_id, "
    "requested_by, attempts, created_at) VALUES (1, 'RF2026112600000001', 1, 1, 500, 'cooling_off', 'pending', 1, "
    "'user:1', 0, '2026-11-26 02:00:00+00')",
]


#: The revision before insurers kept an address, and the one that added it.
BEFORE_ADDRESSES, ADDRESSES = "a17c0e5d9b21", "e2a8f4c61d07"


def test_insurer_addresses_go_to_the_example_only_and_come_off_on_downgrade(backend_env, empty_database, tmp_path):
    """The example gets its made-up address; an insurer an operator already named gets none (we do not guess a
    real company's registered office). Downgrading drops the columns, and upgrading again works."""
    from flask_migrate import downgrade, upgrade

    from app.extensions import db

    migrated = _app_on(backend_env, empty_database, tmp_path)

    def addresses():
        with db.engine.connect() as connection:
            return dict(connection.exec_driver_sql(
                "SELECT code, address_zh FROM insurers ORDER BY code").all())

    def columns():
        return {column["name"] for column in sa.inspect(db.engine).get_columns("insurers")}

    with migrated.app_context():
        upgrade(revision=BEFORE_ADDRESSES)
        with db.engine.begin() as connection:
            for code, placeholder in (("example", True), ("renamed", False)):
                connection.execute(sa.text(
                    "INSERT INTO insurers (code, name_zh, name_en, licence_no, hotline, complaint_channel_zh, "
                    "complaint_channel_en, placeholder, created_at) VALUES (:code, '某保险', 'Some Insurance', "
                    "'000123', '95000', '拨打95000', 'Call 95000', :placeholder, '2026-12-06 01:00:00+00')"),
                    {"code": code, "placeholder": placeholder})
        upgrade(revision=ADDRESSES)
        assert addresses() == {"example": "上海市浦东新区示例路100号示例大厦18层", "renamed": None}
        downgrade(revision=BEFORE_ADDRESSES)
        assert {"address_zh", "address_en"}.isdisjoint(columns()) and "complaint_channel_zh" in columns()
        upgrade()
        assert {"address_zh", "address_en"} <= columns()
        db.engine.dispose()


#: The revision before campaign names had two languages, and the one that gave them two.
BEFORE_NAMES, NAMES = "e2a8f4c61d07", "b7d3c2a91e40"


def test_campaign_coupon_and_reward_names_gain_their_chinese_and_lose_it_on_downgrade(backend_env, empty_database,
                                                                                      tmp_path):
    """The seeded campaign's English name stays its English and gains the seeded Chinese; an operator's own name is
    both until the Chinese is written; a coupon or reward granted under the name its campaign still has gets the
    campaign's Chinese, one granted under an older name keeps that name in both."""
    from flask_migrate import downgrade, upgrade

    from app.extensions import db

    migrated = _app_on(backend_env, empty_database, tmp_path)
    seeded = "Paid a hospital bill? 10 yuan off medical cover"

    def names(table):
        with db.engine.connect() as connection:
            return {row[0]: tuple(row[1:]) for row in connection.exec_driver_sql(
                f"SELECT id, {'name_zh, name_en' if table != 'old' else 'name'} FROM "
                f"{table if table != 'old' else 'coupons'} ORDER BY id").all()}

    with migrated.app_context():
        upgrade(revision=BEFORE_NAMES)
        with db.engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO users (id, openid, created_at) VALUES (1, 'o-names', '2026-12-01 01:00:00+00')")
            for campaign_id, code, name in ((1, "hospital-payment", seeded), (2, "spring", "春季立减券")):
                connection.execute(sa.text(
                    "INSERT INTO campaigns (id, code, name, kind, budget_fen, spent_fen, per_user_limit, active, "
                    "settings, created_at) VALUES (:id, :code, :name, 'hospital_payment', 100000, 0, 1, true, '{}', "
                    "'2026-12-01 01:00:00+00')"), {"id": campaign_id, "code": code, "name": name})
            for coupon_id, campaign_id, name in ((1, 1, seeded), (2, 1, "Hospital bill coupon"), (3, 2, "春季立减券")):
                connection.execute(sa.text(
                    "INSERT INTO coupons (id, user_id, campaign_id, source_key, name, discount_fen, status, "
                    "valid_until, granted_at) VALUES (:id, 1, :campaign, :key, :name, 1000, 'available', "
                    "'2026-12-31 01:00:00+00', '2026-12-01 01:00:00+00')"),
                    {"id": coupon_id, "campaign": campaign_id, "key": f"test:{coupon_id}", "name": name})
            connection.exec_driver_sql(
                "INSERT INTO rewards (id, user_id, campaign_id, source_key, name, coverage_fen, status, valid_until, "
                f"granted_at) VALUES (1, 1, 1, 'test:reward', '{seeded}', 1000000, 'available', "
                "'2026-12-31 01:00:00+00', '2026-12-01 01:00:00+00')")
        upgrade(revision=NAMES)
        chinese = "刚交过住院费？医疗保障立减10元"
        assert names("campaigns") == {1: (chinese, seeded), 2: ("春季立减券", "春季立减券")}
        assert names("coupons") == {1: (chinese, seeded), 2: ("Hospital bill coupon", "Hospital bill coupon"),
                                    3: ("春季立减券", "春季立减券")}
        assert names("rewards") == {1: (chinese, seeded)}
        downgrade(revision=BEFORE_NAMES)
        assert names("old") == {1: (seeded,), 2: ("Hospital bill coupon",), 3: ("春季立减券",)}
        upgrade()
        db.engine.dispose()


#: The revision before a sale and its policy kept their policyholder.
BEFORE_HOLDERS = "c8e2f4a6b1d3"
#: The revision before policies kept their cover and exclusions.
BEFORE_COVER_WORDS = "d4b6e8f0a2c5"
#: The revision before policies kept the names they were sold under.
BEFORE_SOLD_NAMES = "c5f1a3e7b9d4"


def test_a_policy_insuring_the_holders_own_saved_self_gets_them_as_policyholder(backend_env, empty_database,
                                                                                 tmp_path):
    """Where the insured is the user's own saved 本人 (the same identity number), the holder is certain: the policy
    gets that person. A policy insuring someone else gets nobody, and its e-policy names the WeChat account."""
    from flask_migrate import upgrade

    from app.extensions import db

    with _at_the_last_release_with_its_rows(backend_env, empty_database, tmp_path):
        upgrade(revision=BEFORE_HOLDERS)
        with db.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE policies SET insured_id_hash = 'hash-zhang'")
            connection.exec_driver_sql(
                "INSERT INTO policies (id, policy_no, order_id, user_id, plan_id, source, status, coverage_fen, "
                "death_benefit_fen, premium_fen, starts_at, ends_at, illness_cover_starts_at, issued_at, "
                "insured_name_masked, insured_id_masked, insured_id_hash, verification_code) SELECT 2, "
                "'P202611260000000002', NULL, user_id, plan_id, 'envelope', 'active', coverage_fen, death_benefit_fen, "
                "0, starts_at, ends_at, illness_cover_starts_at, issued_at, '李*', '2****************1', "
                "'hash-li', 'ABCDEFGHJKMNPQRS' FROM policies WHERE id = 1")
            connection.exec_driver_sql(
                "INSERT INTO insured_persons (user_id, relation, name_encrypted, name_masked, id_encrypted, "
                "id_masked, id_hash, created_at) VALUES (1, 'self', 'enc-name', '张*', 'enc-id', "
                "'1****************7', 'hash-zhang', '2026-11-26 01:00:00+00')")
        upgrade()
        with db.engine.connect() as connection:
            holders = connection.exec_driver_sql(
                "SELECT id, holder_name_encrypted, holder_name_masked, holder_id_encrypted, holder_id_masked "
                "FROM policies ORDER BY id").all()
        db.engine.dispose()
    assert [tuple(row) for row in holders] == [(1, "enc-name", "张*", "enc-id", "1****************7"),
                                               (2, None, None, None, None)]


def _policy_one_through_the_upgrade(backend_env, database_url: str, tmp_path, before: str, catalog_sql: str,
                                    kept_sql: str) -> tuple:
    """The last release's policy 1 migrated from ``before`` to the head and down again: (``catalog_sql``'s row read
    at ``before``, ``kept_sql``'s at the head, the policies' columns at the head {name: nullable}, their names
    after the downgrade)."""
    from flask_migrate import downgrade, upgrade

    from app.extensions import db

    with _at_the_last_release_with_its_rows(backend_env, database_url, tmp_path):
        upgrade(revision=before)
        with db.engine.connect() as connection:
            catalog = connection.exec_driver_sql(catalog_sql).one()
        upgrade()
        with db.engine.connect() as connection:
            kept = connection.exec_driver_sql(kept_sql).one()
            at_head = {column["name"]: column["nullable"] for column in sa.inspect(connection).get_columns("policies")}
        downgrade(revision=before)
        with db.engine.connect() as connection:
            after = {column["name"] for column in sa.inspect(connection).get_columns("policies")}
        db.engine.dispose()
    return catalog, kept, at_head, after


def test_policies_sold_before_they_kept_their_cover_words_get_their_products_and_lose_them_on_downgrade(
        backend_env, empty_database, tmp_path):
    """Policies sold before they kept their cover and exclusions get their product's words as they are at the
    upgrade (the best record of what they were sold with); a downgrade drops the columns again."""
    import json

    product, kept, _at_head, columns = _policy_one_through_the_upgrade(
        backend_env, empty_database, tmp_path, BEFORE_COVER_WORDS,
        "SELECT pr.covered_zh, pr.not_covered_en FROM products pr JOIN plans pl ON pl.product_id = pr.id "
        "JOIN policies po ON po.plan_id = pl.id WHERE po.id = 1",
        "SELECT covered_zh, not_covered_en FROM policies WHERE id = 1")

    def read(value):
        return json.loads(value) if isinstance(value, str) else value

    assert [read(value) for value in kept] == [read(value) for value in product] and read(kept[0])
    assert "covered_zh" not in columns and "not_covered_en" not in columns


#: The revision before an envelope whose order closed unpaid was closed.
BEFORE_CLOSED_ENVELOPES = "a7c3e9f1b5d2"


def test_an_envelope_stuck_waiting_for_a_closed_orders_payment_closes_and_waits_again_on_downgrade(
        backend_env, empty_database, tmp_path):
    """The last release left an envelope whose order closed unpaid waiting for payment for ever: it closes. One
    whose order is still open keeps waiting. Downgrading puts it back, and upgrading again works."""
    from app.extensions import db

    def statuses():
        with db.engine.connect() as connection:
            return [tuple(row) for row in connection.exec_driver_sql(
                "SELECT public_id, status FROM envelopes ORDER BY id")]

    rows = []
    for order_id, status in ((2, "closed"), (3, "created")):
        rows.append(
            "INSERT INTO orders (id, order_no, user_id, plan_id, kind, status, premium_fen, discount_fen, "
            "amount_fen, pay_version, created_at, expires_at) SELECT %d, 'RC2026112600000%03d', user_id, "
            "plan_id, 'envelope', '%s', 20, 0, 20, pay_version, created_at, expires_at FROM orders WHERE id = 1"
            % (order_id, order_id, status))
        rows.append(
            "INSERT INTO envelopes (public_id, sender_id, plan_id, total_coverage_fen, shares, mode, greeting, "
            "status, funding, premium_fen, order_id, created_at) VALUES ('env-%d', 1, 1, 1000000, 2, "
            "'equal', 'Stay safe!', 'pending_payment', 'wechat_pay', 20, %d, '2026-11-26 01:00:00+00')"
            % (order_id, order_id))
    upgraded, downgraded, again = through_the_migration(backend_env, empty_database, tmp_path,
                                                        BEFORE_CLOSED_ENVELOPES, rows, statuses)
    assert upgraded == again == [("env-2", "closed"), ("env-3", "pending_payment")]
    assert downgraded == [("env-2", "pending_payment"), ("env-3", "pending_payment")]


#: The migration that made partner event ids unique per webhook.
EVENT_IDS_PER_WEBHOOK = "c2f6a8d4e1b7"


def test_partner_events_keep_their_rows_and_an_event_id_may_come_to_each_webhook(backend_env, empty_database,
                                                                                  tmp_path):
    """Every recorded event is kept; afterwards a partner's claims and scenarios feeds may both use an id. The
    downgrade refuses while one id is on both webhooks (the older release cannot hold them), and works once it is
    not."""
    from flask import current_app
    from flask_migrate import downgrade, upgrade

    from app.extensions import db

    insert = ("INSERT INTO partner_events (partner, event_id, scope, body, outcome, received_at) VALUES "
              "('both', 'evt-1', '%s', '{}', 'applied', '2026-12-01 01:00:00+00')")

    def events():
        with db.engine.connect() as connection:
            return [tuple(row) for row in connection.exec_driver_sql(
                "SELECT partner, scope, event_id, outcome FROM partner_events ORDER BY id")]

    with _at_the_last_release_with_its_rows(backend_env, empty_database, tmp_path):
        scripts = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
        before = scripts.get_revision(EVENT_IDS_PER_WEBHOOK).down_revision
        upgrade(revision=before)
        with db.engine.begin() as connection:
            connection.exec_driver_sql(insert % "claims")
            with pytest.raises(sa.exc.IntegrityError):  # what lost the second feed's event
                with connection.begin_nested():
                    connection.exec_driver_sql(insert % "scenarios")
        kept = events()
        upgrade()
        assert events() == kept and ("both", "claims", "evt-1", "applied") in kept
        with db.engine.begin() as connection:
            connection.exec_driver_sql(insert % "scenarios")
        with pytest.raises(SystemExit):
            downgrade(revision=before)
        assert len(events()) == len(kept) + 1
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM partner_events WHERE partner = 'both' AND scope = 'scenarios'")
        downgrade(revision=before)
        assert events() == kept
        upgrade()
        db.engine.dispose()


def test_policies_sold_before_they_kept_their_names_get_their_products_and_plans_and_lose_them_on_downgrade(
        backend_env, empty_database, tmp_path):
    """Policies sold before they kept the names they were sold under get their product's and plan's names as they
    are at the upgrade (the best record of what they were sold under), which no policy may then lack; a downgrade
    drops the columns again."""
    names = ("product_name_zh", "product_name_en", "plan_name_zh", "plan_name_en")
    catalog, kept, at_head, columns = _policy_one_through_the_upgrade(
        backend_env, empty_database, tmp_path, BEFORE_SOLD_NAMES,
        "SELECT pr.name_zh, pr.name_en, pl.name_zh, pl.name_en FROM products pr "
        "JOIN plans pl ON pl.product_id = pr.id JOIN policies po ON po.plan_id = pl.id WHERE po.id = 1",
        f"SELECT {', '.join(names)} FROM policies WHERE id = 1")

    assert tuple(kept) == tuple(catalog) == ("意外保障", "Accident cover", "30万元保额", "300,000 yuan cover")
    assert not any(at_head[name] for name in names)
    assert not columns & set(names)
