"""Insurance red envelopes: funded, grabbed once per person, activated into policies, expired and refunded."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.core import clock
from app.envelopes import gate
from app.envelopes.models import Envelope, EnvelopeGrab
from app.extensions import db, redis_store
from app.policies.models import Policy
from app.payments.models import Refund
from tests.envelopes.helpers import GATES, create_paid_envelope, gate_state, grab, grab_gate
from tests.support import agreement, login, on_own_redis, plan_id, rename_in_catalog, resident_id, run_jobs


def user(client, name):
    body = login(client, name)
    return {"headers": {"Authorization": f"Bearer {body['token']}"}, "id": body["user"]["id"]}


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


@pytest.fixture
def paid(app, client, catalog, alice):
    return create_paid_envelope(app, client, alice)


# -- creating ---------------------------------------------------------------------------------

def test_a_paid_envelope_turns_active_through_the_payment_path(app, client, alice, paid):
    assert paid["amount_fen"] == 5_000_000 * 2 // 100_000 == 100
    assert paid["share_token"]
    body = client.get(f"/api/v1/envelopes/{paid['envelope_id']}", headers=alice["headers"]).get_json()
    assert body["status"] == "active"
    assert (body["shares"], body["shares_left"], body["grabs"]) == (5, 5, [])
    assert body["greeting"] == "Stay safe!"
    expires = dt.datetime.fromisoformat(body["expires_at"])
    assert dt.timedelta(hours=23, minutes=59) < expires - clock.now() <= dt.timedelta(hours=24)
    assert body["share_card"]["path"].endswith(paid["envelope_id"])


def test_the_share_card_speaks_the_senders_language_and_names_a_nameless_sender_plainly(client, alice, paid):
    path = f"/api/v1/envelopes/{paid['envelope_id']}"
    assert client.get(path, headers=alice["headers"]).get_json()["share_card"]["title"] == "一位好友送你一份意外保障"
    english = client.get(path, headers={**alice["headers"], "Accept-Language": "en"}).get_json()
    assert english["share_card"]["title"] == "A friend sent you accident cover"
    assert client.patch("/api/v1/me", json={"nickname": "李梅"}, headers=alice["headers"]).status_code == 200
    assert client.get(path, headers=alice["headers"]).get_json()["share_card"]["title"] == "李梅送你一份意外保障"


def test_an_unpaid_envelope_cannot_be_grabbed(client, catalog, alice, bob):
    body = client.post("/api/v1/envelopes", json={
        "plan_id": plan_id(client, "gift-accident-30d"), "total_coverage_fen": 1_000_000, "shares": 2,
        "mode": "equal"}, headers=alice["headers"]).get_json()
    response = grab(client, bob, body["envelope_id"])
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "envelope_not_active"


@pytest.mark.parametrize("total, shares", [(150_000, 2), (1_005_000, 2), (300_000_000, 10), (1_000_000, 0),
                                           (20_000_000, 101)])
def test_a_split_outside_the_rules_is_422_invalid_split(client, catalog, alice, total, shares):
    response = client.post("/api/v1/envelopes", json={
        "plan_id": plan_id(client, "gift-accident-30d"), "total_coverage_fen": total, "shares": shares,
        "mode": "random"}, headers=alice["headers"])
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "invalid_split"


def test_only_gift_cover_goes_in_an_envelope(client, catalog, alice):
    response = client.post("/api/v1/envelopes", json={
        "plan_id": plan_id(client, "accident-basic"), "total_coverage_fen": 1_000_000, "shares": 2,
        "mode": "random"}, headers=alice["headers"])
    assert response.status_code == 422 and response.get_json()["error"]["code"] == "not_a_gift_plan"


def test_a_promo_envelope_is_free_and_takes_the_campaign_budget_atomically(app, client, catalog, alice, bob):
    with app.app_context():
        db.session.add(Campaign(code="welcome", name_zh="新人红包", name_en="Welcome envelope", kind="envelope_promo", budget_fen=30,
                                per_user_limit=1, settings={"max_coverage_fen": 1_000_000}))
        db.session.commit()
    body = {"plan_id": plan_id(client, "gift-accident-30d"), "total_coverage_fen": 1_000_000, "shares": 2,
            "mode": "equal", "campaign_code": "welcome"}
    created = client.post("/api/v1/envelopes", json=body, headers=alice["headers"])
    assert created.status_code == 201
    assert (created.get_json()["status"], created.get_json()["amount_fen"]) == ("active", 0)
    assert "pay_params" not in created.get_json() or created.get_json()["pay_params"] is None
    again = client.post("/api/v1/envelopes", json=body, headers=alice["headers"])
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "campaign_limit_reached"
    with app.app_context():
        assert db.session.scalar(sa.select(Campaign.spent_fen)) == 20
    # 10 fen of budget left: a second user's 20-fen envelope would overspend it.
    refused = client.post("/api/v1/envelopes", json=body, headers=bob["headers"])
    assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "budget_exhausted"
    too_big = client.post("/api/v1/envelopes", json=dict(body, total_coverage_fen=2_000_000), headers=bob["headers"])
    assert too_big.status_code == 422


# -- grabbing ---------------------------------------------------------------------------------

@pytest.mark.parametrize("gate", GATES)
def test_each_user_grabs_once_and_the_shares_add_up(app, client, alice, paid, backend_env, gate):
    friends = [user(client, f"friend{i}") for i in range(6)]
    with grab_gate(app, backend_env, gate):
        results = [grab(client, friend, paid["envelope_id"]) for friend in friends]
        repeat = grab(client, friends[0], paid["envelope_id"])
    assert [r.status_code for r in results] == [201] * 5 + [410]
    assert results[-1].get_json()["error"]["code"] == "envelope_empty"
    coverages = [r.get_json()["coverage_fen"] for r in results[:5]]
    assert sum(coverages) == 5_000_000 and all(c >= 100_000 for c in coverages)
    assert repeat.status_code == 409 and repeat.get_json()["error"]["code"] == "already_grabbed"

    body = client.get(f"/api/v1/envelopes/{paid['envelope_id']}", headers=alice["headers"]).get_json()
    assert body["status"] == "exhausted" and body["shares_left"] == 0
    assert sorted(g["coverage_fen"] for g in body["grabs"]) == sorted(coverages)
    assert body["luckiest"]["coverage_fen"] == max(coverages)


@pytest.mark.parametrize("gate", GATES)
def test_the_sender_cannot_grab_their_own_envelope_and_no_share_is_held(app, client, alice, bob, paid, backend_env,
                                                                        gate):
    with grab_gate(app, backend_env, gate):
        own = grab(client, alice, paid["envelope_id"])
        assert own.status_code == 409
        error = own.get_json()["error"]
        assert error["code"] == "own_envelope" and "朋友" in error["message"]
        friends = [user(client, f"friend{i}") for i in range(5)]
        assert [grab(client, friend, paid["envelope_id"]).status_code for friend in friends] == [201] * 5
    assert count(app, EnvelopeGrab) == 5  # every share went to a friend: none was held for the sender
    body = client.get(f"/api/v1/envelopes/{paid['envelope_id']}", headers=alice["headers"]).get_json()
    assert body["is_sender"] is True and body["my_grab"] is None and body["status"] == "exhausted"
    assert client.get(f"/api/v1/envelopes/{paid['envelope_id']}",
                      headers=friends[0]["headers"]).get_json()["is_sender"] is False


def test_a_gate_built_before_gates_kept_their_sender_learns_it_and_still_refuses_the_sender(app, client, alice,
                                                                                         bob, paid):
    assert grab(client, bob, paid["envelope_id"]).status_code == 201  # the gate is built
    meta = gate.keys(paid["envelope_id"])["meta"]
    with app.app_context():
        redis_store.client.hdel(meta, "sender")  # as a gate built by the code before this rule
    assert grab(client, alice, paid["envelope_id"]).get_json()["error"]["code"] == "own_envelope"
    with app.app_context():
        assert int(redis_store.client.hget(meta, "sender")) == alice["user"]["id"]
    assert count(app, EnvelopeGrab) == 1


def test_the_sender_is_told_in_english_too(client, alice, paid):
    response = client.post(f"/api/v1/envelopes/{paid['envelope_id']}/grab",
                           headers=dict(alice["headers"], **{"Accept-Language": "en"}))
    assert response.status_code == 409 and "friends" in response.get_json()["error"]["message"]


def test_a_viewer_sees_their_own_grab(client, alice, bob, paid):
    mine = grab(client, bob, paid["envelope_id"]).get_json()
    body = client.get(f"/api/v1/envelopes/{paid['envelope_id']}", headers=bob["headers"]).get_json()
    assert body["my_grab"]["grab_id"] == mine["grab_id"] and body["my_grab"]["status"] == "grabbed"
    assert body["is_sender"] is False


def test_an_expired_envelope_is_410(client, bob, paid):
    with clock.frozen_at(clock.now() + dt.timedelta(hours=24, seconds=1)):
        response = grab(client, bob, paid["envelope_id"])
    assert response.status_code == 410 and response.get_json()["error"]["code"] == "envelope_expired"


def test_an_unknown_envelope_is_404(client, catalog, bob):
    assert grab(client, bob, "no-such-envelope").status_code == 404


def test_a_missing_gate_is_rebuilt_from_the_database_without_double_grants(app, client, paid):
    first = [user(client, f"early{i}") for i in range(2)]
    for friend in first:
        assert grab(client, friend, paid["envelope_id"]).status_code == 201
    with app.app_context():
        redis_store.flushdb()  # Redis restarted empty
    assert grab(client, first[0], paid["envelope_id"]).status_code == 409
    later = [user(client, f"late{i}") for i in range(4)]
    statuses = [grab(client, friend, paid["envelope_id"]).status_code for friend in later]
    assert statuses == [201, 201, 201, 410]
    with app.app_context():
        shares = db.session.scalars(sa.select(EnvelopeGrab.share_id)).all()
        assert len(shares) == len(set(shares)) == 5
        assert db.session.scalar(sa.select(sa.func.sum(EnvelopeGrab.coverage_fen))) == 5_000_000


def test_a_share_lost_from_the_gate_is_found_again(app, client, paid):
    from app.envelopes import gate

    grab(client, user(client, "warmup"), paid["envelope_id"])
    with app.app_context():  # a request was handed a share and died before recording it
        assert gate.try_grab(paid["envelope_id"], 999_999, clock.now().timestamp())[0] == "ok"
    statuses = [grab(client, user(client, f"f{i}"), paid["envelope_id"]).status_code for i in range(4)]
    # The lost share is in flight for a while: not handed out twice, and not "empty" either (it comes back below).
    assert statuses == [201, 201, 201, 503]
    later = clock.now() + dt.timedelta(seconds=gate.STALE_HOLD_SECONDS + 1)
    with clock.frozen_at(later):
        assert grab(client, user(client, "patient"), paid["envelope_id"]).status_code == 201
        assert grab(client, user(client, "too-late"), paid["envelope_id"]).status_code == 410
    assert count(app, EnvelopeGrab) == 5


def test_redis_down_is_503_and_records_nothing(app, backend_env, tmp_path, client, bob, paid):
    from app import create_app
    from app.core.embedded_redis import EmbeddedRedis
    from config import load_config

    server = EmbeddedRedis(tmp_path).start()
    own = create_app(load_config(on_own_redis(backend_env, server.url)))
    server.stop()
    response = own.test_client().post(f"/api/v1/envelopes/{paid['envelope_id']}/grab", headers=bob["headers"])
    assert response.status_code == 503
    assert count(app, EnvelopeGrab) == 0


# -- activating -------------------------------------------------------------------------------

def activation(client, insured: dict) -> dict:
    """An activation's body: the gift cover's documents accepted, and who it insures."""
    return {**agreement(client, "gift-accident"), "insured": insured}


def test_activating_a_grab_issues_one_policy_with_the_grabbed_cover(app, client, bob, paid):
    mine = grab(client, bob, paid["envelope_id"]).get_json()
    insured = {"name": "钱七", "id_number": resident_id("19880808")}
    response = client.post(f"/api/v1/envelope-grabs/{mine['grab_id']}/activate", json=activation(client, insured),
                           headers=bob["headers"])
    assert response.status_code == 201
    policy_no = response.get_json()["policy_no"]
    seen = client.get(f"/api/v1/envelopes/{paid['envelope_id']}", headers=bob["headers"]).get_json()["my_grab"]
    assert (seen["status"], seen["policy_no"]) == ("activated", policy_no)
    policy = client.get(f"/api/v1/policies/{policy_no}", headers=bob["headers"]).get_json()
    assert (policy["source"], policy["coverage_fen"], policy["status"]) == ("envelope", mine["coverage_fen"], "active")
    assert policy["product_code"] == "gift-accident"
    assert (dt.datetime.fromisoformat(policy["ends_at"]) - dt.datetime.fromisoformat(policy["starts_at"])).days >= 30
    again = client.post(f"/api/v1/envelope-grabs/{mine['grab_id']}/activate", json=activation(client, insured),
                        headers=bob["headers"])
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_activated"
    assert count(app, Policy) == 1


def test_gift_cover_keeps_the_names_it_was_activated_under_when_the_gift_product_is_renamed(app, client, bob, paid):
    """Gift cover is issued when its share is activated, with the names the gift product and plan have then: one
    activated before an operator renames them keeps the old names; one activated after is issued under the new."""
    def activate(who, birth: str) -> dict:
        mine = grab(client, who, paid["envelope_id"]).get_json()
        response = client.post(f"/api/v1/envelope-grabs/{mine['grab_id']}/activate", headers=who["headers"],
                               json=activation(client, {"name": "钱七", "id_number": resident_id(birth)}))
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def names(who, policy_no: str, language: str = "zh") -> tuple[str, str]:
        shown = client.get(f"/api/v1/policies/{policy_no}", headers={**who["headers"], "Accept-Language": language})
        return shown.get_json()["product_name"], shown.get_json()["plan_name"]

    before = activate(bob, "19880808")
    rename_in_catalog(app, "gift-accident-30d", product=("好友送的意外险", "Accident cover from a friend"),
                      plan=("一个月意外保障", "A month of accident cover"))
    carol = user(client, "carol")
    after = activate(carol, "19900101")
    assert names(bob, before["policy_no"]) == ("红包意外保障", "30天意外保障")
    assert names(bob, before["policy_no"], "en") == ("Gift accident cover", "30 days of accident cover")
    assert names(carol, after["policy_no"]) == ("好友送的意外险", "一个月意外保障")
    assert names(carol, after["policy_no"], "en") == ("Accident cover from a friend", "A month of accident cover")


def test_only_the_grabber_can_activate(client, bob, alice, paid):
    mine = grab(client, bob, paid["envelope_id"]).get_json()
    insured = {"name": "钱七", "id_number": resident_id("19880808")}
    response = client.post(f"/api/v1/envelope-grabs/{mine['grab_id']}/activate", json=activation(client, insured),
                           headers=alice["headers"])
    assert response.status_code == 404


def test_activation_checks_identity_and_age(client, bob, paid):
    mine = grab(client, bob, paid["envelope_id"]).get_json()
    for insured, field in (({"name": "x", "id_number": "110105198808080000"}, "insured.id_number"),
                           ({"name": "老人", "id_number": resident_id("19400101")}, "insured.id_number")):
        response = client.post(f"/api/v1/envelope-grabs/{mine['grab_id']}/activate", json=activation(client, insured),
                               headers=bob["headers"])
        assert response.status_code == 422 and field in response.get_json()["error"]["details"]["fields"]


def test_a_grab_not_activated_within_7_days_lapses(client, bob, paid):
    mine = grab(client, bob, paid["envelope_id"]).get_json()
    insured = {"name": "钱七", "id_number": resident_id("19880808")}
    with clock.frozen_at(clock.now() + dt.timedelta(days=7, minutes=1)):
        token = login(client, "bob")["token"]
        response = client.post(f"/api/v1/envelope-grabs/{mine['grab_id']}/activate", json=activation(client, insured),
                               headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 410 and response.get_json()["error"]["code"] == "grab_lapsed"


# -- expiring and the single refund -------------------------------------------------------------

def test_unclaimed_cover_is_refunded_once_after_the_last_window_closes(app, client, alice, bob, paid):
    from app.envelopes.tasks import expire_envelopes

    mine = grab(client, bob, paid["envelope_id"]).get_json()
    carol = user(client, "carol")
    hers = grab(client, carol, paid["envelope_id"]).get_json()
    insured = {"name": "钱七", "id_number": resident_id("19880808")}
    client.post(f"/api/v1/envelope-grabs/{mine['grab_id']}/activate", json=activation(client, insured),
                headers=bob["headers"])

    with clock.frozen_at(clock.now() + dt.timedelta(hours=25)), app.app_context():
        # carol's window is still open
        assert expire_envelopes() == {"exhausted": 0, "expired": 1, "lapsed": 0, "settled": 0}
    assert count(app, Refund) == 0
    with clock.frozen_at(clock.now() + dt.timedelta(days=8)), app.app_context():
        assert expire_envelopes() == {"exhausted": 0, "expired": 0, "lapsed": 1, "settled": 1}
        assert expire_envelopes() == {"exhausted": 0, "expired": 0, "lapsed": 0, "settled": 0}
    run_jobs(app)

    with app.app_context():
        refund = db.session.scalars(sa.select(Refund)).one()
        unused = 5_000_000 - mine["coverage_fen"]
        assert (refund.reason, refund.amount_fen, refund.status) == (
            "envelope_unclaimed", unused * 2 // 100_000, "succeeded")
        assert hers["coverage_fen"] <= unused
    sent = client.get("/api/v1/envelopes", headers=alice["headers"]).get_json()
    assert sent[0]["refund"] == {"amount_fen": refund.amount_fen, "status": "succeeded"}
    assert sent[0]["status"] == "expired"


def test_a_fully_grabbed_envelope_still_marked_active_is_marked_exhausted_by_the_periodic_job(app, client, alice,
                                                                                             paid):
    """Under a crowd, the grab that takes the last share may commit before it sees the others."""
    from app.envelopes.tasks import expire_envelopes

    for i in range(5):
        assert grab(client, user(client, f"crowd{i}"), paid["envelope_id"]).status_code == 201
    with app.app_context():
        db.session.execute(sa.update(Envelope).values(status="active"))  # as the race leaves it
        db.session.commit()
        assert expire_envelopes() == {"exhausted": 1, "expired": 0, "lapsed": 0, "settled": 0}
        db.session.commit()
        assert db.session.scalar(sa.select(Envelope.status)) == "exhausted"
    body = client.get(f"/api/v1/envelopes/{paid['envelope_id']}", headers=alice["headers"]).get_json()
    assert body["luckiest"] is not None


def test_a_fully_activated_envelope_refunds_nothing(app, client, catalog, alice):
    from app.envelopes.tasks import expire_envelopes

    envelope = create_paid_envelope(app, client, alice, total=200_000, shares=2, mode="equal")
    for name in ("g1", "g2"):
        friend = user(client, name)
        mine = grab(client, friend, envelope["envelope_id"]).get_json()
        client.post(f"/api/v1/envelope-grabs/{mine['grab_id']}/activate",
                    json=activation(client, {"name": name, "id_number": resident_id("19900101")}),
                    headers=friend["headers"])
    with app.app_context():
        assert expire_envelopes()["settled"] == 1
        assert db.session.scalar(sa.select(Envelope.refund_id)) is None
    assert count(app, Refund) == 0


# -- sharing ----------------------------------------------------------------------------------

def test_a_friend_who_arrives_through_the_envelope_is_attributed_to_the_sender(app, client, alice, paid):
    response = client.post("/api/v1/auth/login", json={"code": "sandbox:newcomer", "share_token": paid["share_token"]})
    assert response.status_code == 200
    referrals = client.get("/api/v1/me/referrals", headers=alice["headers"]).get_json()
    assert [(r["via"], r["target"]) for r in referrals] == [("envelope", paid["envelope_id"])]


def test_an_envelope_turning_active_has_its_gate_built_before_anyone_grabs(app, client, catalog, alice, bob):
    """The crowd that follows the sender's share found the gate missing, and all but its first grab waited while
    that one built it from the database. The commit that makes an envelope active now queues its building."""
    paid = create_paid_envelope(app, client, alice, shares=3)  # paid in the sandbox, its jobs run
    with app.app_context():
        assert gate.exists(paid["envelope_id"])
    free, held = gate_state(app, paid["envelope_id"], bob["user"]["id"])
    assert len(free) == 3 and held is None
    assert grab(client, bob, paid["envelope_id"]).status_code == 201
