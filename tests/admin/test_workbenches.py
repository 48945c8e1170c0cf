"""Products, campaigns, admin users and envelopes: who may change what, and the audit entries it leaves."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from app.admin.models import AdminUser
from app.campaigns.models import Campaign
from app.catalog.models import Plan, Product
from app.extensions import db
from tests.admin.support import audit_entries, log_in, make_admin, paid_order, post_form, rows
from tests.envelopes.helpers import create_paid_envelope, grab
from tests.support import agreement, login


def plan_row(app, code) -> Plan:
    return rows(app, Plan, Plan.code == code)[0]


def edit_plan(client, plan: Plan, **changes):
    data = {"name_zh": plan.name_zh, "name_en": plan.name_en, "premium": f"{plan.premium_fen / 100:.2f}"}
    data.update(changes)
    return post_form(client, f"/admin/plans/{plan.id}", data, token_from=f"/admin/products/{plan.product_id}")


# -- products and plans ------------------------------------------------------------------------

def test_an_admin_reprices_a_plan_and_new_orders_use_the_new_premium(app, client, catalog, as_admin, alice,
                                                                     insured_adult):
    plan = plan_row(app, "accident-basic")
    assert edit_plan(as_admin, plan, premium="6.50").status_code == 303
    assert plan_row(app, "accident-basic").premium_fen == 650
    order = client.post("/api/v1/orders", json={"plan_id": plan.id, **agreement(client, "accident-basic"),
                                                "insured": insured_adult},
                        headers=alice["headers"]).get_json()
    assert order["amount_fen"] == 650
    [entry] = audit_entries(app, "plan.update")
    assert (entry.actor, entry.target_id) == ("admin:root", "accident-basic")
    assert (entry.before["premium_fen"], entry.after["premium_fen"]) == (500, 650)


def test_a_premium_above_the_cap_is_refused_under_the_premium_field(app, catalog, as_admin):
    # A premium of a trillion yuan was saved as it was typed: the shop then sold 5-yuan cover for it.
    plan = plan_row(app, "accident-basic")
    response = edit_plan(as_admin, plan, premium="1000000000000")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    field = page[page.index(f'action="/admin/plans/{plan.id}"'):]
    field = field[field.index('name="premium"'):field.index("</label>", field.index('name="premium"'))]
    assert '<small class="error">保费最高为 100,000 元。</small>' in field
    assert plan_row(app, "accident-basic").premium_fen == 500
    assert audit_entries(app, "plan.update") == []
    assert edit_plan(as_admin, plan, premium="100000").status_code == 303  # the cap itself is a price
    assert plan_row(app, "accident-basic").premium_fen == 10_000_000


def test_a_plan_priced_above_the_cap_before_there_was_one_is_not_sold(app, client, catalog, alice, insured_adult):
    plan = plan_row(app, "accident-basic")
    with app.app_context():
        db.session.execute(sa.update(Plan).where(Plan.id == plan.id).values(premium_fen=10**14))
        db.session.commit()
    refused = client.post("/api/v1/orders", json={"plan_id": plan.id, **agreement(client, "accident-basic"),
                                                  "insured": insured_adult}, headers=alice["headers"])
    assert refused.status_code == 422, refused.get_json()
    assert refused.get_json()["error"]["code"] == "premium_above_cap"


def test_a_deactivated_plan_can_no_longer_be_bought(app, client, catalog, as_admin, alice, insured_adult):
    plan = plan_row(app, "accident-basic")
    assert post_form(as_admin, f"/admin/plans/{plan.id}/deactivate").status_code == 303
    refused = client.post("/api/v1/orders", json={"plan_id": plan.id, **agreement(client, "accident"),
                                                  "insured": insured_adult},
                          headers=alice["headers"])
    assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "unknown_plan"
    [entry] = audit_entries(app, "plan.deactivate")
    assert (entry.before["active"], entry.after["active"]) == (True, False)
    assert post_form(as_admin, f"/admin/plans/{plan.id}/activate").status_code == 303
    assert client.post("/api/v1/orders", json={"plan_id": plan.id, **agreement(client, "accident"),
                                               "insured": insured_adult},
                       headers=alice["headers"]).status_code == 201


def test_a_product_taken_off_sale_leaves_the_shop(app, client, catalog, as_admin):
    [product] = rows(app, Product, Product.code == "travel")
    assert post_form(as_admin, f"/admin/products/{product.id}/deactivate", {"confirm": "y"},
                     token_from=f"/admin/products/{product.id}/deactivate").status_code == 303
    assert "travel" not in [p["code"] for p in client.get("/api/v1/products").get_json()]


@pytest.mark.parametrize("premium", ["0", "", "-1", "1.234"])
def test_a_premium_that_is_not_a_positive_amount_is_refused(app, catalog, as_admin, premium):
    plan = plan_row(app, "accident-basic")
    assert edit_plan(as_admin, plan, premium=premium).status_code == 422
    assert plan_row(app, "accident-basic").premium_fen == 500
    assert audit_entries(app, "plan.update") == []


def test_an_operator_cannot_change_the_catalog(app, catalog, as_operator):
    plan = plan_row(app, "accident-basic")
    assert edit_plan(as_operator, plan, premium="0.01").status_code == 403
    assert post_form(as_operator, f"/admin/plans/{plan.id}/deactivate").status_code == 403
    after = plan_row(app, "accident-basic")
    assert (after.premium_fen, after.active) == (500, True)


def product_texts(**changes) -> dict:
    texts = {"name_zh": "日常意外保障", "name_en": "Everyday accident cover", "summary_zh": "日常意外，都能赔。",
             "summary_en": "Plain cover for everyday accidents.", "covered_zh": "意外身故\n意外伤残",
             "covered_en": "Death from an accident\nDisability from an accident", "not_covered_zh": "生病",
             "not_covered_en": "Illness", "faq_zh": "什么时候生效？ | 付款后马上生效。",
             "faq_en": "When does it start? | As soon as you have paid."}
    texts.update(changes)
    return texts


def test_an_admin_edits_a_product_in_both_languages_and_the_api_answers_each(app, client, catalog, as_admin):
    [product] = rows(app, Product, Product.code == "accident")
    response = post_form(as_admin, f"/admin/products/{product.id}", product_texts(),
                         token_from=f"/admin/products/{product.id}")
    assert response.status_code == 303
    [entry] = audit_entries(app, "product.update")
    assert entry.after["name_zh"] == "日常意外保障" and entry.before["name_zh"] == product.name_zh
    assert entry.after["name_en"] == "Everyday accident cover" and entry.before["name_en"] == product.name_en
    chinese = client.get("/api/v1/products/accident").get_json()
    english = client.get("/api/v1/products/accident", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_json()
    assert (chinese["name"], chinese["covered"], chinese["faq"]) == (
        "日常意外保障", ["意外身故", "意外伤残"], [{"q": "什么时候生效？", "a": "付款后马上生效。"}])
    assert (english["name"], english["not_covered"]) == ("Everyday accident cover", ["Illness"])


def test_saving_a_products_texts_never_takes_it_off_sale(app, client, catalog, as_admin):
    """The texts' form had an "on sale" box: saved without it ticked (or from a page drawn while the product was
    off sale), the whole product left the shop in one click, past the confirmation that step asks for."""
    [product] = rows(app, Product, Product.code == "accident")
    response = post_form(as_admin, f"/admin/products/{product.id}", product_texts(active=""),
                         token_from=f"/admin/products/{product.id}")
    assert response.status_code == 303
    assert rows(app, Product, Product.code == "accident")[0].active is True
    assert "accident" in [p["code"] for p in client.get("/api/v1/products").get_json()]
    [entry] = audit_entries(app, "product.update")
    assert entry.before["active"] is entry.after["active"] is True
    page = as_admin.get(f"/admin/products/{product.id}").get_data(as_text=True)
    assert 'name="active"' not in page  # its own step instead: the confirmation page
    assert f'href="/admin/products/{product.id}/deactivate"' in page


def test_a_plan_saved_from_a_page_drawn_while_it_was_off_sale_stays_on_sale(app, catalog, as_admin):
    plan = plan_row(app, "accident-basic")
    assert post_form(as_admin, f"/admin/plans/{plan.id}/deactivate").status_code == 303
    drawn_off_sale = {"name_zh": plan.name_zh, "name_en": plan.name_en, "premium": "6.00", "active": ""}
    assert post_form(as_admin, f"/admin/plans/{plan.id}/activate").status_code == 303  # another admin, meanwhile
    assert post_form(as_admin, f"/admin/plans/{plan.id}", drawn_off_sale,
                     token_from=f"/admin/products/{plan.product_id}").status_code == 303
    after = plan_row(app, "accident-basic")
    assert (after.premium_fen, after.active) == (600, True)


def test_the_audit_log_keeps_a_campaigns_times_in_beijing_time_as_they_were_typed(app, as_admin):
    """An admin typed 09:00 Beijing time and the entry read 01:00 (UTC, +00:00): off by eight hours to whoever
    checks when a campaign was set to start."""
    assert create_campaign(as_admin, starts_at="2026-12-01T09:00", ends_at="2026-12-31T23:59").status_code == 303
    [entry] = audit_entries(app, "campaign.create")
    assert (entry.after["starts_at"], entry.after["ends_at"]) == ("2026-12-01T09:00:00+08:00",
                                                                  "2026-12-31T23:59:00+08:00")
    page = as_admin.get("/admin/audit?action=campaign.create").get_data(as_text=True)
    assert "2026-12-01T09:00:00+08:00" in page


@pytest.mark.parametrize("changes", [{"name_en": ""}, {"covered_zh": ""}, {"faq_en": "A question with no answer"}])
def test_a_product_missing_a_text_in_either_language_is_refused(app, catalog, as_admin, changes):
    [product] = rows(app, Product, Product.code == "accident")
    response = post_form(as_admin, f"/admin/products/{product.id}", product_texts(**changes),
                         token_from=f"/admin/products/{product.id}")
    assert response.status_code == 422
    assert audit_entries(app, "product.update") == []


# -- campaigns ---------------------------------------------------------------------------------

def create_campaign(client, **changes):
    data = {"code": "spring-coupons", "name_zh": "春季立减券", "name_en": "Spring coupons", "kind": "referral",
            "budget": "1000.00", "per_user_limit": "1", "starts_at": "", "ends_at": "",
            "discount": "5", "valid_days": "30", "category": "", "coverage": "", "min_steps": "", "max_coverage": ""}
    data.update(changes)
    return post_form(client, "/admin/campaigns", data)


def test_an_admin_creates_pauses_and_resumes_a_campaign(app, as_admin):
    assert create_campaign(as_admin).status_code == 303
    [campaign] = rows(app, Campaign)
    assert (campaign.code, campaign.name_zh, campaign.name_en, campaign.budget_fen, campaign.settings,
            campaign.active) == ("spring-coupons", "春季立减券", "Spring coupons", 100_000,
                                 {"discount_fen": 500, "valid_days": 30}, True)
    assert post_form(as_admin, f"/admin/campaigns/{campaign.id}/pause").status_code == 303
    assert rows(app, Campaign)[0].active is False
    assert post_form(as_admin, f"/admin/campaigns/{campaign.id}/resume").status_code == 303
    assert [e.action for e in audit_entries(app) if e.action.startswith("campaign.")] == [
        "campaign.create", "campaign.pause", "campaign.resume"]
    [paused] = audit_entries(app, "campaign.pause")
    assert (paused.before["active"], paused.after["active"]) == (True, False)


def test_a_campaign_with_bad_settings_or_a_taken_code_is_refused(app, as_admin):
    assert create_campaign(as_admin, kind="lottery").status_code == 422
    # A coupon campaign without its discount would fail at every grant: refused up front.
    assert create_campaign(as_admin, discount="").status_code == 422
    assert create_campaign(as_admin, kind="werun", discount="", coverage="lots").status_code == 422
    assert create_campaign(as_admin, valid_days="a month").status_code == 422
    assert create_campaign(as_admin, category="gift").status_code == 422  # gift cover is never bought
    # A browser's date picker goes back to the year 1, which has no UTC form: it was a 500.
    assert create_campaign(as_admin, starts_at="0001-01-01T00:00").status_code == 422
    assert create_campaign(as_admin).status_code == 303
    assert create_campaign(as_admin).status_code == 409
    assert len(rows(app, Campaign)) == 1


def test_a_budget_cannot_drop_below_what_was_spent(app, as_admin):
    create_campaign(as_admin)
    with app.app_context():
        db.session.execute(sa.update(Campaign).values(spent_fen=40_000))
        db.session.commit()
    [campaign] = rows(app, Campaign)
    form = {"name_zh": campaign.name_zh, "name_en": campaign.name_en, "budget": "399.99", "per_user_limit": "1",
            "starts_at": "", "ends_at": "", "discount": "5.00", "valid_days": "30", "category": ""}
    response = post_form(as_admin, f"/admin/campaigns/{campaign.id}", form,
                         token_from=f"/admin/campaigns/{campaign.id}")
    assert response.status_code == 422 and "该活动已花费 400.00 元" in response.get_data(as_text=True)
    assert rows(app, Campaign)[0].budget_fen == 100_000
    form["budget"] = "500"
    form["starts_at"], form["ends_at"] = "2026-12-01T09:00", "2026-12-31T23:59"
    assert post_form(as_admin, f"/admin/campaigns/{campaign.id}", form,
                     token_from=f"/admin/campaigns/{campaign.id}").status_code == 303
    updated = rows(app, Campaign)[0]
    assert updated.budget_fen == 50_000
    assert updated.starts_at.isoformat() == "2026-12-01T01:00:00+00:00"  # typed in Shanghai time
    [entry] = audit_entries(app, "campaign.update")
    assert (entry.before["budget_fen"], entry.after["budget_fen"]) == (100_000, 50_000)


def test_a_campaigns_settings_are_typed_in_yuan_and_days_for_its_kind(app, as_admin):
    page = as_admin.get("/admin/campaigns").get_data(as_text=True)
    assert "券面额（元）" in page and "Settings (JSON)" not in page and "设置（JSON）" not in page
    assert create_campaign(as_admin, kind="werun", code="steps", discount="", valid_days="", coverage="1000.50",
                           min_steps="8000").status_code == 303
    [campaign] = rows(app, Campaign)
    assert campaign.settings == {"coverage_fen": 100_050, "min_steps": 8000}
    page = as_admin.get(f"/admin/campaigns/{campaign.id}").get_data(as_text=True)
    assert 'name="coverage" type="text" value="1000.50"' in page and 'name="min_steps"' in page
    assert 'name="discount"' not in page  # a WeRun campaign grants cover, not coupons


def test_a_setting_its_kind_does_not_read_is_refused_under_its_field(app, as_admin):
    response = create_campaign(as_admin, kind="werun", coverage="100", discount="5", valid_days="")
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "券面额（元）：微信运动步数活动不用这一项。" in page
    assert rows(app, Campaign) == []


@pytest.mark.parametrize("kind, settings", [
    ("werun", {"coverage_fen": 1_000_000, "min_steps": "many"}),  # failed every user's reward with a 500
    ("werun", {"coverage_fen": 1_000_000, "valid_days": "7"}),
    ("referral", {"discount_fen": 500, "category": "medicale"}),  # matched no product: a coupon nobody could use
    ("envelope_promo", {"max_coverage_fen": "100"}),  # failed every promo envelope with a 500
    ("hospital_payment", {"discount_fen": 500, "discount": 5}),
])
def test_settings_a_grant_could_not_read_are_refused_before_any_user_meets_them(app, kind, settings):
    from app.admin.services import campaigns as campaign_admin
    from app.core.errors import ValidationFailed

    with app.test_request_context(), pytest.raises(ValidationFailed):
        campaign_admin.create(code="typo", name_zh="活动", kind=kind, budget_fen=100_000, settings=settings)


def test_an_operator_cannot_touch_campaigns(app, as_admin, as_operator):
    create_campaign(as_admin)
    [campaign] = rows(app, Campaign)
    assert create_campaign(as_operator, code="other").status_code == 403
    assert post_form(as_operator, f"/admin/campaigns/{campaign.id}/pause").status_code == 403
    assert rows(app, Campaign)[0].active is True and len(rows(app, Campaign)) == 1


# -- admin users -------------------------------------------------------------------------------

def test_an_admin_creates_an_operator_who_can_then_log_in(app, as_admin):
    response = post_form(as_admin, "/admin/users", {"username": "Olga", "role": "operator",
                                                    "password": "a long enough password"})
    assert response.status_code == 303
    assert log_in(app.test_client(), "olga", "a long enough password").status_code == 302
    [entry] = audit_entries(app, "admin_user.create")
    assert entry.after == {"username": "olga", "role": "operator", "active": True, "language": "zh-CN"}
    assert "password" not in json.dumps(entry.after)


def test_a_short_password_or_a_taken_name_is_refused(app, as_admin):
    assert post_form(as_admin, "/admin/users", {"username": "olga", "role": "operator",
                                                "password": "short"}).status_code == 422
    assert post_form(as_admin, "/admin/users", {"username": "root", "role": "viewer",
                                                "password": "a long enough password"}).status_code == 409
    # Long enough, and the first guess of anyone who knows the name.
    assert post_form(as_admin, "/admin/users", {"username": "olga", "role": "operator",
                                                "password": "Olga-password-2026"}).status_code == 422
    assert [a.username for a in rows(app, AdminUser)] == ["root"]


def test_a_role_change_applies_at_the_next_request_and_is_audited(app, as_admin):
    viewer_id = make_admin(app, "victor", "viewer")
    viewer = app.test_client()
    log_in(viewer, "victor")
    assert viewer.get("/admin/users").status_code == 403
    assert post_form(as_admin, f"/admin/users/{viewer_id}/role", {"role": "admin"}).status_code == 303
    assert viewer.get("/admin/users").status_code == 200
    [entry] = audit_entries(app, "admin_user.role")
    assert (entry.before["role"], entry.after["role"], entry.target_id) == ("viewer", "admin", str(viewer_id))


def test_the_last_active_admin_cannot_be_demoted_or_disabled(app, as_admin):
    [root] = rows(app, AdminUser)
    assert post_form(as_admin, f"/admin/users/{root.id}/role", {"role": "viewer"}).status_code == 409
    assert post_form(as_admin, f"/admin/users/{root.id}/disable").status_code == 409
    [root] = rows(app, AdminUser)
    assert (root.role, root.active) == ("admin", True)


# -- envelopes ---------------------------------------------------------------------------------

def test_the_envelope_page_shows_its_grabs_and_an_operator_rebuilds_its_gate(app, client, catalog, alice, bob,
                                                                            as_operator, as_viewer):
    envelope = create_paid_envelope(app, client, alice, total=300_000, shares=3, mode="equal")
    assert grab(client, bob, envelope["envelope_id"]).status_code == 201
    page = as_viewer.get(f"/admin/envelopes/{envelope['envelope_id']}").get_data(as_text=True)
    assert page.count("1,000.00") >= 3 and "grabbed" in page
    listed = as_viewer.get("/admin/envelopes?status=active").get_data(as_text=True)
    assert f'data-envelope="{envelope["envelope_id"]}"' in listed

    path = f"/admin/envelopes/{envelope['envelope_id']}/rebuild-gate"
    assert post_form(as_viewer, path).status_code == 403
    from app.extensions import redis_store

    with app.app_context():
        for key in redis_store.keys(f"*{envelope['envelope_id']}*"):
            redis_store.delete(key)
        assert redis_store.keys(f"*{envelope['envelope_id']}*") == []
    assert post_form(as_operator, path).status_code == 303
    with app.app_context():
        assert redis_store.keys(f"*{envelope['envelope_id']}*") != []  # rebuilt by the operator, not by a grab
    [entry] = audit_entries(app, "envelope.rebuild_gate")
    assert entry.after == {"rebuilt": True}
    # The rebuilt gate still knows bob has his share, and still has two to give.
    assert grab(client, bob, envelope["envelope_id"]).status_code == 409
    carol = {"headers": {"Authorization": f"Bearer {login(client, 'carol')['token']}"}}
    assert grab(client, carol, envelope["envelope_id"]).status_code == 201


def test_the_audit_log_page_lists_entries_with_before_and_after(app, catalog, as_admin):
    plan = plan_row(app, "accident-basic")
    edit_plan(as_admin, plan, premium="5.20")
    page = as_admin.get("/admin/audit?action=plan.update").get_data(as_text=True)
    assert 'data-audit="plan.update"' in page and "520" in page and "500" in page
    assert 'data-audit="session.login"' not in page


def test_rewriting_a_products_cover_leaves_the_policies_already_sold_as_they_were_sold(
        app, client, catalog, alice, insured_adult, as_admin):
    """What a sold policy covers and excludes is part of its contract: a later edit of the product's words
    applies to the policies sold after it, never to those sold before."""
    sold = paid_order(app, client, alice, insured_adult)
    before = client.get(f"/api/v1/policies/{sold['policy_no']}", headers=alice["headers"]).get_json()
    assert before["not_covered"] and "生病" not in before["not_covered"]
    [product] = rows(app, Product, Product.code == "accident")
    response = post_form(as_admin, f"/admin/products/{product.id}", product_texts(),
                         token_from=f"/admin/products/{product.id}")
    assert response.status_code == 303
    after = client.get(f"/api/v1/policies/{sold['policy_no']}", headers=alice["headers"]).get_json()
    assert (after["covered"], after["not_covered"]) == (before["covered"], before["not_covered"])
    english = client.get(f"/api/v1/policies/{sold['policy_no']}",
                         headers={**alice["headers"], "Accept-Language": "en"}).get_json()
    assert english["not_covered"] != ["Illness"]
    # A policy sold after the edit states the new words.
    later = paid_order(app, client, alice, insured_adult)
    new = client.get(f"/api/v1/policies/{later['policy_no']}", headers=alice["headers"]).get_json()
    assert (new["covered"], new["not_covered"]) == (["意外身故", "意外伤残"], ["生病"])


def test_renaming_a_product_and_plan_leaves_the_policies_already_sold_with_the_names_they_were_sold_under(
        app, client, catalog, alice, insured_adult, as_admin, tmp_path):
    """A contract's product is what was sold: after an operator renames the product and its plan in both languages,
    the policy sold before keeps its names on its page, in the list (the claim form's choices), on its e-policy, on
    its public check page and on the admin's policy page; the catalog, and a policy sold after, read the new."""
    from tests.policies.test_epolicy import pdf_text

    sold = paid_order(app, client, alice, insured_adult)
    policy_no = sold["policy_no"]
    [product] = rows(app, Product, Product.code == "accident")
    assert post_form(as_admin, f"/admin/products/{product.id}", product_texts(),
                     token_from=f"/admin/products/{product.id}").status_code == 303
    assert edit_plan(as_admin, plan_row(app, "accident-plus"), name_zh="百万意外保额",
                     name_en="A million of accident cover").status_code == 303
    assert "百万意外保额" in as_admin.get(f"/admin/products/{product.id}").get_data(as_text=True)  # shows "saved"
    old = {"zh": ("意外保障", "100万元保额"), "en": ("Accident cover", "1,000,000 yuan cover")}
    new = {"zh": ("日常意外保障", "百万意外保额"), "en": ("Everyday accident cover", "A million of accident cover")}

    for language, (product_name, plan_name) in old.items():
        headers = {**alice["headers"], "Accept-Language": language}
        detail = client.get(f"/api/v1/policies/{policy_no}", headers=headers).get_json()
        assert (detail["product_name"], detail["plan_name"]) == (product_name, plan_name)
        [listed] = client.get("/api/v1/policies", headers=headers).get_json()
        assert (listed["product_name"], listed["plan_name"]) == (product_name, plan_name)
    text = pdf_text(client.get(f"/api/v1/policies/{policy_no}/document", headers=alice["headers"]).data, tmp_path)
    chinese, english = "".join(text.split()), " ".join(text.split())
    assert "意外保障" in chinese and "100万元保额" in chinese and "Accident cover" in english
    assert "日常意外保障" not in chinese and "百万意外保额" not in chinese and "Everyday" not in english
    code = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()["verification_code"]
    check_page = client.get(f"/verify/{code}").get_data(as_text=True)
    admin_page = as_admin.get(f"/admin/policies/{policy_no}").get_data(as_text=True)
    orders_page = as_admin.get(f"/admin/orders?q={policy_no}").get_data(as_text=True)
    for page in (check_page, admin_page, orders_page):
        assert "意外保障" in page and "100万元保额" in page
        assert "日常意外保障" not in page and "百万意外保额" not in page

    # The catalog sells under the new names, and a policy sold now is called by them.
    for language, names in new.items():
        shop = client.get("/api/v1/products/accident", headers={"Accept-Language": language}).get_json()
        assert (shop["name"], next(p["name"] for p in shop["plans"] if p["code"] == "accident-plus")) == names
    later = paid_order(app, client, alice, insured_adult)
    detail = client.get(f"/api/v1/policies/{later['policy_no']}", headers=alice["headers"]).get_json()
    assert (detail["product_name"], detail["plan_name"]) == new["zh"]
