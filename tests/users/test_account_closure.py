"""Closing an account (注销, PIPL Art. 47): refused while anything of the user's is unfinished, with the list; once
closed, every token of theirs is dead, what identified them is gone, and the sale's records stay."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import threading

import pytest
import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.catalog.models import Plan
from app.core import account_closure, clock
from app.coupons.models import Coupon
from app.extensions import db
from app.insured.models import InsuredPerson
from app.orders.models import Order
from app.policies.models import Policy
from app.users import services as users
from app.users.models import User
from tests.admin.test_personal_data import tables_holding_users_rows
from tests.claims.helpers import file_claim, policy_in_force
from tests.envelopes.helpers import create_paid_envelope
from tests.insured.helpers import saved_id
from tests.policies.test_policies import buy_and_pay
from tests.renewals.test_walk import buy_monthly, sign
from tests.support import agreement, login, plan_id, resident_id, run_jobs
from tests.users.test_profile import PNG_1x1

CLOSURE = "/api/v1/me/closure"


def close(client, who, body=None):
    return client.post(CLOSURE, json={"confirm": True} if body is None else body, headers=who["headers"])


def blockers(client, who, language="zh-CN") -> list[dict]:
    response = client.get(CLOSURE, headers=dict(who["headers"], **{"Accept-Language": language}))
    assert response.status_code == 200, response.get_json()
    answer = response.get_json()
    assert answer["closable"] is (answer["blockers"] == [])
    return answer["blockers"]


@contextlib.contextmanager
def after_the_cover_ends(app, client, policy_no: str):
    """The moment after the policy's cover ends, and the user logged in then (a token lives days, not a month)."""
    with app.app_context():
        ends_at = db.session.scalar(sa.select(Policy.ends_at).where(Policy.policy_no == policy_no))
        db.session.remove()
    with clock.frozen_at(ends_at + dt.timedelta(minutes=1)):
        token = login(client, "alice")["token"]
        yield {"headers": {"Authorization": f"Bearer {token}"}}


# -- every table of users' rows is handled on closure or kept with its reason ------------------------------------

def test_every_table_of_users_rows_is_handled_on_closure_or_kept_with_its_reason(app, client, alice):
    with app.app_context():
        handled = account_closure.erase(alice["user"]["id"])
        db.session.rollback()
        db.session.remove()
    holding = tables_holding_users_rows()
    assert sorted(holding - handled - set(account_closure.KEPT_ON_CLOSURE)) == []
    assert sorted((handled | set(account_closure.KEPT_ON_CLOSURE)) - set(db.metadata.tables)) == []
    assert sorted(handled & set(account_closure.KEPT_ON_CLOSURE)) == []
    assert {"users", "auth_tokens", "insured_persons", "werun_days", "visits"} <= handled


# -- a user with nothing unfinished closes at once -----------------------------------------------------------------

def test_closing_ends_every_session_forgets_the_person_and_a_new_login_starts_afresh(app, client, campaigns, alice,
                                                                                   coupon):
    other_device = login(client, "alice")
    other_headers = {"Authorization": f"Bearer {other_device['token']}"}
    saved_id(client, alice, "self", "张三", resident_id("19900307"))
    assert client.patch("/api/v1/me", json={"nickname": "小爱"}, headers=alice["headers"]).status_code == 200
    with app.app_context():
        budget_spent = db.session.scalar(sa.select(Campaign.spent_fen).join(Coupon, Coupon.campaign_id == Campaign.id)
                                         .where(Coupon.id == coupon["id"]))
        db.session.remove()
    assert blockers(client, alice) == []

    response = close(client, alice)

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["closed_at"]
    for headers in (alice["headers"], other_headers):  # every device, at once
        refused = client.get("/api/v1/me", headers=headers)
        assert refused.status_code == 401 and refused.get_json()["error"]["code"] == "invalid_token"
    user_id = alice["user"]["id"]
    with app.app_context():
        user = db.session.get(User, user_id)
        assert user.closed_at is not None and user.openid == f"closed:{user_id}"
        assert (user.nickname, user.unionid, user.phone_encrypted, user.session_key_encrypted) == (None,) * 4
        assert db.session.scalar(sa.select(sa.func.count()).select_from(InsuredPerson)
                                 .where(InsuredPerson.user_id == user_id)) == 0
        voided = db.session.get(Coupon, coupon["id"])
        assert voided.status == "revoked"
        assert db.session.get(Campaign, voided.campaign_id).spent_fen == budget_spent - voided.discount_fen
        db.session.remove()

    again = login(client, "alice")  # the same WeChat user
    assert again["user"]["id"] != user_id
    headers = {"Authorization": f"Bearer {again['token']}"}
    assert client.get("/api/v1/insured-persons", headers=headers).get_json() == []
    assert client.get("/api/v1/me", headers=headers).get_json()["nickname"] is None


def test_closing_needs_an_explicit_confirmation(client, alice):
    for body in ({}, {"confirm": False}):
        response = close(client, alice, body)
        assert response.status_code == 422, response.get_json()
    assert client.get("/api/v1/me", headers=alice["headers"]).status_code == 200


# -- unfinished business keeps the account open, and says what it is -------------------------------------------------

def test_cover_in_force_keeps_the_account_open_until_it_ends_and_the_policy_is_kept(app, client, catalog, alice,
                                                                                    insured_adult):
    policy_no = buy_and_pay(app, client, alice, insured_adult)

    [blocker] = blockers(client, alice)
    assert (blocker["code"], blocker["reference"]) == ("policy_in_force", policy_no)
    assert policy_no in blocker["message"] and "保障" in blocker["message"]
    refused = close(client, alice)
    assert refused.status_code == 409
    error = refused.get_json()["error"]
    assert error["code"] == "account_not_closable" and error["details"]["blockers"] == [blocker]
    assert client.get("/api/v1/me", headers=alice["headers"]).status_code == 200  # nothing happened

    with after_the_cover_ends(app, client, policy_no) as later:
        assert blockers(client, later) == []
        assert close(client, later).status_code == 200
    with app.app_context():
        kept = db.session.scalars(sa.select(Policy).where(Policy.policy_no == policy_no)).one()
        assert kept.user_id == alice["user"]["id"] and kept.insured_id_masked  # the sale's record stays
        db.session.remove()


def test_an_open_claim_keeps_the_account_open_after_the_cover_ends(app, client, catalog, alice, insured_adult):
    policy_no = buy_and_pay(app, client, alice, insured_adult)
    claim_no = file_claim(client, alice, policy_no)
    with after_the_cover_ends(app, client, policy_no) as later:
        [blocker] = blockers(client, later)
        assert (blocker["code"], blocker["reference"]) == ("claim_open", claim_no)
        assert close(client, later).status_code == 409


def test_an_unpaid_order_and_an_envelope_friends_can_grab_keep_the_account_open(app, client, catalog, alice, bob,
                                                                               insured_adult):
    order = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                **agreement(client, "accident-basic"), "insured": insured_adult},
                        headers=alice["headers"]).get_json()
    create_paid_envelope(app, client, bob)

    assert [(b["code"], b["reference"]) for b in blockers(client, alice)] == [("order_unpaid", order["order_no"])]
    [envelope] = blockers(client, bob, language="en")
    assert envelope["code"] == "envelope_open" and "can still be grabbed" in envelope["message"]
    assert close(client, bob).status_code == 409


def test_a_closed_account_cannot_be_closed_twice_or_used(client, alice):
    assert close(client, alice).status_code == 200
    assert close(client, alice).status_code == 401
    assert client.get(CLOSURE, headers=alice["headers"]).status_code == 401


@pytest.mark.parametrize("language, text", [("zh-CN", "还在保障期内"), ("en", "is still in force")])
def test_what_blocks_is_said_in_the_users_language(app, client, catalog, alice, insured_adult, language, text):
    buy_and_pay(app, client, alice, insured_adult)
    [blocker] = blockers(client, alice, language=language)
    assert text in blocker["message"]


def test_a_cancelled_policy_keeps_the_account_open_until_its_refund_is_back(app, client, catalog, alice,
                                                                            insured_adult):
    policy_no = policy_in_force(app, client, alice, insured_adult)
    assert client.post(f"/api/v1/policies/{policy_no}/cancel", headers=alice["headers"]).status_code == 200

    found = {b["code"]: b for b in blockers(client, alice)}
    assert set(found) == {"policy_in_force", "refund_on_its_way"}
    assert "正在退保" in found["policy_in_force"]["message"] and "退款还没到账" in found["refund_on_its_way"]["message"]
    assert close(client, alice).status_code == 409


# -- an order being created as the account closes (PostgreSQL: row locks between real transactions) -------------------

@pytest.mark.skipif(not (os.environ.get("DATABASE_URL") or "").startswith("postgresql"),
                    reason="row locks between concurrent transactions: SQLite serialises whole units of work")
def test_an_order_being_created_as_the_account_closes_is_waited_for_and_keeps_it_open(app, client, catalog, alice):
    """The order's insert holds a key-share lock on the user's row until it commits; the closing's FOR UPDATE waits
    for it, then sees the order and refuses, rather than closing an account that is about to owe a payment."""
    user_id = alice["user"]["id"]
    inserted, may_commit, closing_done = threading.Event(), threading.Event(), threading.Event()
    outcome, errors = {}, []

    def create_order():
        try:
            with app.app_context():
                plan = db.session.scalars(sa.select(Plan).where(Plan.code == "accident-basic")).one()
                now = clock.now()
                db.session.add(Order(order_no="RCRACE00000001", user_id=user_id, plan_id=plan.id, kind="policy",
                                     status="created", premium_fen=plan.premium_fen, discount_fen=0,
                                     amount_fen=plan.premium_fen, pay_version="v2", prepay_id="wx_race",
                                     created_at=now, expires_at=now + dt.timedelta(hours=2)))
                db.session.flush()
                inserted.set()
                assert may_commit.wait(30)
                db.session.commit()
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
            inserted.set()

    def close_account():
        try:
            with app.app_context():
                try:
                    users.close_account(user_id)
                    db.session.commit()
                    outcome["closed"] = True
                except users.AccountNotClosable as refused:
                    outcome["blockers"] = [b["code"] for b in refused.details["blockers"]]
                    db.session.rollback()
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        closing_done.set()

    creating = threading.Thread(target=create_order)
    creating.start()
    assert inserted.wait(30)
    closing = threading.Thread(target=close_account)
    closing.start()
    assert not closing_done.wait(1.0), "the closing did not wait for the order being created"
    may_commit.set()
    creating.join(30)
    closing.join(30)
    assert not errors, errors
    assert outcome == {"blockers": ["order_unpaid"]}
    assert client.get("/api/v1/me", headers=alice["headers"]).status_code == 200


def test_monthly_cover_still_renewing_is_named_by_its_policy_whose_page_turns_it_off(app, client, catalog, alice,
                                                                                   insured_adult):
    order = buy_monthly(client, alice, insured_adult)
    sign(client, order["contract"])
    run_jobs(app)
    policy_no = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()["policy_no"]

    found = {b["code"]: b for b in blockers(client, alice)}

    assert found["renewal_on"]["reference"] == policy_no
    assert "自动续费" in found["renewal_on"]["message"] and "保单页" in found["renewal_on"]["message"]
    assert close(client, alice).status_code == 409


def test_an_envelope_not_yet_paid_for_is_named_once_as_its_unpaid_order(client, catalog, bob):
    response = client.post("/api/v1/envelopes", json={
        "plan_id": plan_id(client, "gift-accident-30d"), "total_coverage_fen": 5_000_000, "shares": 5,
        "mode": "random", "greeting": "Stay safe!"}, headers=bob["headers"])
    assert response.status_code == 201, response.get_json()

    [blocker] = blockers(client, bob)

    assert blocker["code"] == "order_unpaid" and "等待支付" in blocker["message"]


def test_the_avatar_file_goes_with_the_account_unless_another_account_shows_it(app, client, alice, bob):
    def upload(who, picture: bytes) -> str:
        response = client.post("/api/v1/me/avatar", data={"file": (io.BytesIO(picture), "wxfile://tmp.png")},
                               headers=who["headers"], content_type="multipart/form-data")
        assert response.status_code == 200, response.get_json()
        return response.get_json()["avatar_url"].split("/media", 1)[1]

    own = upload(alice, PNG_1x1)
    shared = upload(bob, PNG_1x1 + b"\0")  # the same picture, one byte on: a file of its own
    carol = {"headers": {"Authorization": f"Bearer {login(client, 'carol')['token']}"}}
    assert upload(carol, PNG_1x1 + b"\0") == shared

    assert close(client, alice).status_code == 200
    assert close(client, bob).status_code == 200

    assert client.get("/media" + own).status_code == 404  # nobody shows it any more
    assert client.get("/media" + shared).status_code == 200  # carol still does
