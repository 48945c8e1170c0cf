"""A customer's copy of their personal information (PIPL Art. 45), made by an admin for the hotline: found by a
number the caller holds, complete (every table that holds users' rows), theirs alone, and audited."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import sqlalchemy as sa

from app.core import clock, personal_data
from app.extensions import db
from app.policies.models import Policy
from tests.admin.support import audit_entries, csrf_token
from tests.claims.helpers import file_claim
from tests.coupons.helpers import order as order_with_coupon
from tests.envelopes.helpers import create_paid_envelope, grab
from tests.payments.helpers import post_notification, signed_notification
from tests.policies.test_policies import buy_and_pay
from tests.renewals.test_walk import beijing, buy_monthly, renewals_run, sign
from tests.support import agreement, login, plan_id, resident_id, run_jobs

ALICE_ID_NUMBER = resident_id("19900307")
BOB_ID_NUMBER = resident_id("19850505", region="310115", sequence="003")


# -- complete: the schema's every table of users' rows is some section's -------------------------------

def tables_holding_users_rows() -> set[str]:
    """Tables with a user_id column or a foreign key to users, or a foreign key to a table that has one (an
    order's payments, a claim's materials): every row of theirs belongs to some user."""
    holding = {"users"} | {table.name for table in db.metadata.tables.values() if "user_id" in table.c}
    while True:
        more = {table.name for table in db.metadata.tables.values() if table.name not in holding
                and any(key.column.table.name in holding for key in table.foreign_keys)}
        if not more:
            return holding
        holding |= more


def test_every_table_of_users_rows_is_in_a_section_or_left_out_with_its_reason(app):
    with app.app_context():
        covered = {table for section in personal_data.gather(1) for table in section.tables}
        every_table = set(db.metadata.tables)
        holding = tables_holding_users_rows()
        db.session.remove()
    assert "user_id" in db.metadata.tables["visits"].c and "visits" in holding  # the walk sees user_id columns
    assert {"applications", "payments", "refunds", "claim_materials", "renewal_charges"} <= holding
    assert sorted(holding - covered - set(personal_data.NOT_IN_COPY)) == []
    # What a section or the exclusions name is a real table, and nothing is both left out and copied.
    assert sorted((covered | set(personal_data.NOT_IN_COPY)) - every_table) == []
    assert sorted(covered & set(personal_data.NOT_IN_COPY)) == []
    assert all(reason.strip() for reason in personal_data.NOT_IN_COPY.values())


# -- the scene: alice bought, claimed, grabbed, used a coupon; bob did the same things beside her ----------

def pay(app, client, order: dict) -> None:
    assert post_notification(client, signed_notification(app, order["order_no"], order["amount_fen"])).status_code == 200


@pytest.fixture
def scene(app, client, catalog, campaigns, alice, bob, coupon):
    """Alice: an accident policy for herself (claimed, with a document), a hospital policy for 孙八 bought with her
    coupon, an envelope of her own, a share of bob's grabbed. Bob: a policy of his own, claimed, an envelope
    that alice grabbed from, and a share of hers."""
    accident_no = buy_and_pay(app, client, alice, {"name": "张三", "id_number": ALICE_ID_NUMBER})
    claim_no = file_claim(client, alice, accident_no)
    uploaded = client.post(f"/api/v1/claims/{claim_no}/materials", headers=alice["headers"],
                           content_type="multipart/form-data",
                           data={"files": [(io.BytesIO(b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n"), "发票.pdf",
                                            "application/pdf")]})
    assert uploaded.status_code == 201, uploaded.get_json()
    response = order_with_coupon(client, alice, coupon_id=coupon["id"])
    assert response.status_code == 201, response.get_json()
    hospital = response.get_json()
    pay(app, client, hospital)

    bob_policy_no = buy_and_pay(app, client, bob, {"name": "李四", "id_number": BOB_ID_NUMBER})
    bob_claim_no = file_claim(client, bob, bob_policy_no)
    bobs_envelope = create_paid_envelope(app, client, bob, greeting="鲍勃的红包")
    alices_envelope = create_paid_envelope(app, client, alice, greeting="爱丽丝的红包")
    assert grab(client, alice, bobs_envelope["envelope_id"]).status_code == 201
    assert grab(client, bob, alices_envelope["envelope_id"]).status_code == 201
    me = {who: client.get("/api/v1/me", headers=person["headers"]).get_json() for who, person in
          (("alice", alice), ("bob", bob))}
    return {"accident_no": accident_no, "claim_no": claim_no, "hospital_order_no": hospital["order_no"],
            "bob_policy_no": bob_policy_no, "bob_claim_no": bob_claim_no, "me": me,
            "bobs_envelope": bobs_envelope["envelope_id"], "alices_envelope": alices_envelope["envelope_id"]}


def export(client, number: str, **form):
    page = f"/admin/customers/{number}"
    return client.post(f"{page}/personal-data",
                       data={"csrf_token": csrf_token(client, page), "identity_checked": "y", **form})


def test_the_copy_holds_everything_of_alices_with_her_identity_numbers_in_the_clear_and_nothing_of_bobs(
        client, as_admin, scene):
    response = export(as_admin, scene["accident_no"])
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="personal-data-')
    assert response.headers["Cache-Control"] == "no-store"
    raw = response.get_data()
    assert "张三".encode() in raw and "个人信息".encode() in raw  # Chinese as Chinese, not \u escapes
    copy = json.loads(raw)
    sections = copy["sections"]
    alice = scene["me"]["alice"]

    assert sections["account"]["title"] == "账户"  # alice reads Chinese: her copy is in Chinese
    [account] = sections["account"]["records"]
    assert (account["user_id"], account["openid"]) == (alice["id"], alice["openid"])
    # Identity numbers decrypted, on the application and on the policy.
    applications = {record["order_no"]: record for record in sections["applications"]["records"]}
    policies = {record["policy_no"]: record for record in sections["policies"]["records"]}
    assert policies[scene["accident_no"]]["insured"] == {"name": "张三", "id_number": ALICE_ID_NUMBER}
    assert any(record["insured"]["id_number"] == ALICE_ID_NUMBER for record in applications.values())
    assert applications[scene["hospital_order_no"]]["insured"]["name"] == "孙八"
    # The health declaration's answers, beside their questions.
    [declared] = [trace for trace in sections["sale_traces"]["records"] if trace["health_declaration"]]
    answers = declared["health_declaration"]["answers"]
    assert answers and all(answer["answer"] is False and answer["question_zh"] for answer in answers)
    assert {document["code"] for document in declared["documents_agreed"]} >= {"privacy_consent", "clauses"}
    # The claim, its filing step and its document by name, size and hash.
    [claim] = sections["claims"]["records"]
    assert claim["claim_no"] == scene["claim_no"] and claim["policy_no"] == scene["accident_no"]
    assert claim["events"][0]["to_state"] == "submitted"
    [material] = claim["materials"]
    assert material["name"] == "发票.pdf" and len(material["sha256"]) == 64 and material["size_bytes"] > 0
    # The coupon she used, the payments in fen and yuan, the share she grabbed, the envelope she sent.
    [used] = sections["coupons"]["records"]
    assert used["status"] == "used" and used["order_no"] == scene["hospital_order_no"]
    assert all(set(payment["amount"]) == {"fen", "yuan"} for payment in sections["payments"]["records"])
    assert len(sections["payments"]["records"]) == 3  # two policies and her envelope
    [grabbed] = sections["envelope_grabs"]["records"]
    assert grabbed["envelope_id"] == scene["bobs_envelope"]
    [sent] = sections["envelopes_sent"]["records"]
    assert sent["envelope_id"] == scene["alices_envelope"]
    assert sum(share["grab_status"] == "grabbed" for share in sent["shares"]) == 1  # grabbed, never by whom

    bob = scene["me"]["bob"]
    for bobs in (bob["openid"], BOB_ID_NUMBER, "李四", scene["bob_policy_no"], scene["bob_claim_no"], "鲍勃的红包"):
        assert bobs.encode() not in raw, bobs
    assert all(record.get("user_id") in (None, alice["id"]) for part in sections.values() for record in part["records"])


def test_the_copy_is_in_the_customers_own_language(client, as_admin, catalog, alice, insured_adult):
    assert client.patch("/api/v1/me", json={"language": "en"}, headers=alice["headers"]).status_code == 200
    policy_no = buy_and_pay(client.application, client, alice, insured_adult)
    copy = json.loads(export(as_admin, policy_no).get_data())  # root reads Chinese; alice, English
    assert copy["sections"]["account"]["title"] == "Account" and copy["title"] == "Copy of your personal information"


def test_the_copy_holds_renewals_and_charges_werun_rewards_referrals_opt_ins_and_visits(
        app, client, as_admin, catalog, campaigns, alice, insured_adult):
    order = buy_monthly(client, alice, insured_adult)
    sign(client, order["contract"])
    run_jobs(app)
    first_day = clock.to_shanghai(clock.now()).date()
    for days in range(27, 33):  # booked at WeChat, then charged in its window: days and hours (08:00-19:30 Beijing)
        renewals_run(app, beijing(first_day + dt.timedelta(days=days), 10))
    openid = client.get("/api/v1/me", headers=alice["headers"]).get_json()["openid"]
    steps = client.post("/sandbox/wechat/werun", json={"openid": openid, "steps": [12_000]}).get_json()
    assert client.post("/api/v1/rewards/werun", json=steps, headers=alice["headers"]).status_code == 200
    assert client.post("/sandbox/wechat/subscribe/accept",
                       json={"openid": openid, "template_ids": ["sandbox-claim-progress"]}).status_code == 200
    assert client.post("/api/v1/subscriptions", json={"template_ids": {"sandbox-claim-progress": "accept"}},
                       headers=alice["headers"]).status_code == 200
    assert client.post("/api/v1/visits", json={"page": "pages/index/index"}, headers=alice["headers"]).status_code < 300
    token = client.post("/api/v1/shares", json={"kind": "product", "target": "accident"},
                        headers=alice["headers"]).get_json()["share_token"]
    friend = client.post("/api/v1/auth/login", json={"code": "sandbox:carol", "share_token": token}).get_json()

    raw = export(as_admin, order["order_no"]).get_data()
    sections = json.loads(raw)["sections"]
    [renewal] = sections["renewals"]["records"]
    assert renewal["order_no"] == order["order_no"] and renewal["status"] in ("active", "retrying")
    assert renewal["periods"][0]["status"] == "paid" and renewal["charges"], renewal
    assert renewal["charges"][0]["period"] == 2 and set(renewal["charges"][0]["amount"]) == {"fen", "yuan"}
    assert [day["steps"] for day in sections["werun_days"]["records"]] == [12_000]
    assert [reward["granted_for"] for reward in sections["rewards"]["records"]] == ["werun"]
    assert sections["subscribe_opt_ins"]["records"][0]["remaining"] == 1
    assert sections["visits"]["records"][0]["page"] == "pages/index/index"
    [share] = sections["shares"]["records"]
    assert share["people_who_joined_through_it"] == 1
    [brought] = sections["referrals"]["records"]
    assert brought["role"] == "referrer" and set(brought) == {"role", "friend_joined_at"}  # never who
    carol = client.get("/api/v1/me", headers={"Authorization": f"Bearer {friend['token']}"}).get_json()
    assert carol["openid"].encode() not in raw


# -- who may: admins only ------------------------------------------------------------------------------------

@pytest.fixture
def policy_no(app, client, catalog, alice, insured_adult):
    return buy_and_pay(app, client, alice, insured_adult)


@pytest.mark.parametrize("role", ["as_viewer", "as_operator"])
def test_viewers_and_operators_can_neither_find_a_customer_nor_export(request, app, policy_no, role):
    other = request.getfixturevalue(role)
    assert other.get(f"/admin/customers?number={policy_no}").status_code == 403
    assert other.get(f"/admin/customers/{policy_no}").status_code == 403
    refused = other.post(f"/admin/customers/{policy_no}/personal-data",
                         data={"csrf_token": csrf_token(other, "/admin/"), "identity_checked": "y"})
    assert refused.status_code == 403 and b"ID_NUMBER" not in refused.get_data()
    assert audit_entries(app, "personal_data.export") == []
    assert "/admin/customers" not in other.get("/admin/").get_data(as_text=True)  # not offered either


# -- audited ---------------------------------------------------------------------------------------------------

def test_each_export_is_in_the_audit_log_with_who_and_whose_but_no_personal_data(app, client, as_admin, alice,
                                                                                   insured_adult, policy_no):
    assert export(as_admin, policy_no).status_code == 200
    [entry] = audit_entries(app, "personal_data.export")
    user_id = client.get("/api/v1/me", headers=alice["headers"]).get_json()["id"]
    assert (entry.actor, entry.target_type, entry.target_id) == ("admin:root", "user", str(user_id))
    assert entry.after["found_by"] == "policy" and entry.after["records"]["policies"] == 1
    written = json.dumps([entry.before, entry.after, entry.note], ensure_ascii=False)
    assert insured_adult["id_number"] not in written and insured_adult["name"] not in written
    log = as_admin.get("/admin/audit?action=personal_data.export").get_data(as_text=True)
    assert "导出了客户的个人信息副本" in log and policy_no in log


def test_without_confirming_the_callers_identity_nothing_is_exported_or_logged(app, as_admin, policy_no):
    response = export(as_admin, policy_no, identity_checked="")
    assert response.status_code == 422
    assert response.headers["Content-Type"].startswith("text/html")
    assert "请勾选" in response.get_data(as_text=True)
    assert audit_entries(app, "personal_data.export") == []


# -- found by what a caller can read out ---------------------------------------------------------------------

def test_a_customer_is_found_by_policy_order_or_claim_number_as_read_out(app, client, as_admin, catalog, alice,
                                                                         insured_adult):
    order = client.post("/api/v1/orders", headers=alice["headers"], json={
        "plan_id": plan_id(client, "accident-basic"), **agreement(client, "accident-basic"), "insured": insured_adult})
    order_no = order.get_json()["order_no"]
    pay(app, client, order.get_json())
    policy_no = client.get(f"/api/v1/orders/{order_no}", headers=alice["headers"]).get_json()["policy_no"]
    claim_no = file_claim(client, alice, policy_no)
    user_id = client.get("/api/v1/me", headers=alice["headers"]).get_json()["id"]
    for number, kind in ((policy_no, "policy"), (order_no, "order"), (claim_no, "claim"),
                         (f" {claim_no[:6].lower()} {claim_no[6:]} ", "claim")):
        found = as_admin.get("/admin/customers", query_string={"number": number})
        assert found.status_code == 303, number
        page = as_admin.get(found.headers["Location"])
        text = page.get_data(as_text=True)
        assert page.status_code == 200 and f'data-found-by="{kind}"' in text and f"#{user_id}" in text
        assert 'data-section="claims"' in text and insured_adult["id_number"] not in text  # counts, never content


@pytest.mark.parametrize("number", ["P000000000000", "RC2026", "not a number!", "x" * 500, "C1' OR '1'='1",
                                    "１２３", "P" * 33])
def test_an_unknown_number_is_a_plain_not_found_page(as_admin, policy_no, number):
    for response in (as_admin.get("/admin/customers", query_string={"number": number}),
                     as_admin.get(f"/admin/customers/{number.replace('/', '')}")):
        assert response.status_code == 404
        assert response.headers["Content-Type"].startswith("text/html")
        assert "未找到" in response.get_data(as_text=True)


def test_the_search_page_offers_no_list_of_customers(as_admin):
    page = as_admin.get("/admin/customers")
    assert page.status_code == 200
    assert 'name="number"' in page.get_data(as_text=True)


def test_a_number_of_another_users_policy_finds_that_user_alone(app, client, as_admin, alice, bob, insured_adult,
                                                                catalog):
    buy_and_pay(app, client, alice, insured_adult)
    bobs = buy_and_pay(app, client, bob, {"name": "李四", "id_number": BOB_ID_NUMBER})
    copy = json.loads(export(as_admin, bobs).get_data())
    assert [record["policy_no"] for record in copy["sections"]["policies"]["records"]] == [bobs]
    with app.app_context():
        assert db.session.scalar(sa.text("SELECT count(*) FROM policies")) == 2
        db.session.remove()


def test_the_copy_says_when_a_coupon_was_taken_back_and_what_a_rewards_cover_cost_its_campaign(
        app, client, as_admin, catalog, campaigns, alice, coupon, insured_adult):
    """The columns added on 7 December are the customer's too: a coupon's ``revoked_at`` (when a friend's cancelled
    purchase took it back) and a WeRun reward's ``premium_fen`` (the gift cover's premium, which its policy states)."""
    from app.coupons import services as coupons
    from app.coupons.models import Coupon
    from app.rewards.models import Reward

    policy_no = buy_and_pay(app, client, alice, insured_adult)
    openid = client.get("/api/v1/me", headers=alice["headers"]).get_json()["openid"]
    steps = client.post("/sandbox/wechat/werun", json={"openid": openid, "steps": [12_000]}).get_json()
    assert client.post("/api/v1/rewards/werun", json=steps, headers=alice["headers"]).status_code == 200
    with app.app_context():
        granted = db.session.get(Coupon, coupon["id"])
        coupons.revoke(granted.user_id, granted.source_key)  # what a referred friend's cancellation does
        db.session.commit()
        revoked_at = clock.to_shanghai(db.session.get(Coupon, coupon["id"]).revoked_at).isoformat()
        premium_fen = db.session.scalar(sa.select(Reward.premium_fen))
        db.session.remove()

    sections = json.loads(export(as_admin, policy_no).get_data())["sections"]
    [taken_back] = sections["coupons"]["records"]
    assert (taken_back["status"], taken_back["revoked_at"]) == ("revoked", revoked_at)
    [reward] = sections["rewards"]["records"]
    assert premium_fen > 0 and reward["premium"] == {"fen": premium_fen, "yuan": personal_data.yuan_text(premium_fen)}


def test_a_closed_account_is_still_found_by_its_policy_number_with_the_sale_kept_and_the_person_gone(
        app, client, as_admin, catalog, alice, insured_adult):
    policy_no = buy_and_pay(app, client, alice, insured_adult)
    with app.app_context():
        ends_at = db.session.scalar(sa.select(Policy.ends_at).where(Policy.policy_no == policy_no))
        db.session.remove()
    with clock.frozen_at(ends_at + dt.timedelta(minutes=1)):
        later = {"Authorization": f"Bearer {login(client, 'alice')['token']}"}
        assert client.post("/api/v1/me/closure", json={"confirm": True}, headers=later).status_code == 200

    found = as_admin.get("/admin/customers", query_string={"number": policy_no})
    page = as_admin.get(found.headers["Location"]).get_data(as_text=True)
    assert "data-closed-at=" in page and "应客户要求注销" in page
    copy = json.loads(export(as_admin, policy_no).get_data())["sections"]
    [account] = copy["account"]["records"]
    assert account["closed_at"] and account["openid"].startswith("closed:") and account["nickname"] is None
    [policy] = copy["policies"]["records"]
    assert policy["policy_no"] == policy_no and insured_adult["id_number"] in json.dumps(policy, ensure_ascii=False)
