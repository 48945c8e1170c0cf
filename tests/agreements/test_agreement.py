"""Agreement is part of the order: the product's documents at their current versions, then the health
declaration, then the insured person; what was agreed is kept as the sale's trace and shown on the policy."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from app.agreements.models import SaleTrace
from app.agreements.services import health_answers_of
from app.catalog import documents
from app.catalog.models import Plan, Product
from app.core import clock
from app.extensions import db
from app.orders.models import Order
from app.policies.models import Policy
from tests.admin.support import paid_order
from tests.insured.helpers import born_aged
from tests.insured.test_insured_choice import _grab, _reward
from tests.support import agreement, plan_id


def order(http, who, plan_code="accident-basic", insured=None, headers=None, **body):
    insured = insured or {"name": "张三", "id_number": born_aged(30)}
    return http.post("/api/v1/orders", json={"plan_id": plan_id(http, plan_code), "insured": insured, **body},
                     headers={**who["headers"], **(headers or {})})


def error_of(response, status=422) -> dict:
    assert response.status_code == status, response.get_json()
    return response.get_json()["error"]


def orders_made(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Order))


def publish_clauses_2(app, product_code="accident"):
    with app.app_context():
        product = db.session.scalars(sa.select(Product).where(Product.code == product_code)).one()
        documents.publish(product.id, code="clauses", version="2.0", title_zh="条款（第二版）", title_en="Clauses, v2",
                          body_zh="<p>第二版条款。</p>", body_en="<p>Second version.</p>", published_by="test")
        db.session.commit()


def test_every_product_lists_its_documents_and_the_medical_one_its_health_questions(client, catalog):
    products = {p["code"]: p for p in client.get("/api/v1/products").get_json()}
    for code, product in products.items():
        codes = [d["code"] for d in product["documents"]]
        assert codes[:4] == ["clauses", "purchase_notice", "exclusions", "privacy_consent"], code
        assert all(d["required"] and d["version"] == "1.0" for d in product["documents"])
        assert all(d["url"].startswith("http") and d["url"].endswith(f"/documents/{code}/{d['code']}/1.0")
                   for d in product["documents"])
    assert [d["code"] for d in products["hospital"]["documents"]][-1] == "health_declaration"
    questions = products["hospital"]["health_questions"]
    assert {"hospitalised_2y", "serious_illness", "abnormal_checkup", "pregnant"} <= {q["code"] for q in questions}
    assert "住院" in questions[0]["text"]
    assert products["accident"]["health_questions"] == [] and products["gift-accident"]["health_questions"] == []
    detail = client.get("/api/v1/products/hospital", headers={"Accept-Language": "en"}).get_json()
    assert detail["documents"][0]["title"].endswith("policy clauses")
    assert "hospital" in detail["health_questions"][0]["text"]


def test_an_order_without_the_documents_is_refused_listing_what_to_accept(app, client, catalog, alice):
    error = error_of(order(client, alice))
    assert error["code"] == "documents_not_accepted"
    assert error["details"]["missing"] == [{"code": code, "version": "1.0"} for code in
                                           ("clauses", "purchase_notice", "exclusions", "privacy_consent")]
    assert "阅读并同意" in error["message"]
    partly = agreement(client, "accident-basic")
    partly["accepted_documents"] = [d for d in partly["accepted_documents"] if d["code"] != "exclusions"]
    error = error_of(order(client, alice, **partly))
    assert error["details"]["missing"] == [{"code": "exclusions", "version": "1.0"}]
    assert orders_made(app) == 0


def test_a_version_that_is_no_longer_current_must_be_accepted_again(app, client, catalog, alice):
    stale = agreement(client, "accident-basic")
    publish_clauses_2(app)
    error = error_of(order(client, alice, **stale))
    assert error["code"] == "documents_not_accepted"
    assert error["details"]["missing"] == [{"code": "clauses", "version": "2.0"}]
    assert order(client, alice, **agreement(client, "accident-basic")).status_code == 201


def test_the_accepted_time_needs_its_offset(client, catalog, alice):
    body = agreement(client, "accident-basic")
    body["accepted_documents"][0]["accepted_at"] = "2026-12-06T10:00:00"
    error = error_of(order(client, alice, **body))
    assert error["code"] == "validation_error"
    assert "accepted_documents.0.accepted_at" in error["details"]["fields"]



def _tapped(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone(dt.timedelta(hours=8))).isoformat(timespec="seconds")


def test_a_tap_said_to_come_later_than_the_order_is_refused(app, client, catalog, alice):
    body = agreement(client, "accident-basic")
    body["accepted_documents"][3]["accepted_at"] = _tapped(clock.now() + dt.timedelta(days=30))
    error = error_of(order(client, alice, **body))
    assert error["code"] == "accepted_in_the_future"
    assert list(error["details"]["fields"]) == ["accepted_documents.3.accepted_at"]
    assert "时钟" in error["message"]
    assert orders_made(app) == 0
    # A phone a minute or two ahead of us is a phone, not a forgery.
    body["accepted_documents"][3]["accepted_at"] = _tapped(clock.now() + dt.timedelta(minutes=2))
    assert order(client, alice, **body).status_code == 201


def test_a_version_said_to_be_accepted_before_it_was_published_must_be_accepted_again(app, client, catalog, alice):
    publish_clauses_2(app)
    body = agreement(client, "accident-basic")
    body["accepted_documents"][0]["accepted_at"] = _tapped(clock.now() - dt.timedelta(days=1))  # 2.0 did not exist
    error = error_of(order(client, alice, **body))
    assert error["code"] == "documents_not_accepted"
    assert error["details"]["missing"] == [{"code": "clauses", "version": "2.0"}]
    assert orders_made(app) == 0
    assert order(client, alice, **agreement(client, "accident-basic")).status_code == 201

def test_a_medical_order_needs_every_health_answer(app, client, catalog, alice):
    body = agreement(client, "hospital-basic")
    del body["health_answers"]["pregnant"]
    error = error_of(order(client, alice, "hospital-basic", **body))
    assert error["code"] == "health_declaration_required"
    assert error["details"]["missing"] == ["pregnant"]
    body.pop("health_answers")
    error = error_of(order(client, alice, "hospital-basic", **body))
    assert error["code"] == "health_declaration_required" and len(error["details"]["missing"]) >= 8
    assert orders_made(app) == 0


def test_any_yes_declines_kindly_and_names_the_hotline(app, client, catalog, alice):
    body = agreement(client, "hospital-basic")
    body["health_answers"]["serious_illness"] = True
    error = error_of(order(client, alice, "hospital-basic", **body))
    assert error["code"] == "health_declined"
    assert "无法在线投保" in error["message"] and "95000" in error["message"]
    assert error["details"] == {"declared": ["serious_illness"], "hotline": "95000"}
    english = error_of(order(client, alice, "hospital-basic", headers={"Accept-Language": "en"}, **body))
    assert "cannot be bought online" in english["message"]
    assert orders_made(app) == 0


def test_health_answers_are_ignored_for_a_product_that_asks_none(client, catalog, alice):
    body = agreement(client, "accident-basic")
    body["health_answers"] = {"pregnant": True}
    assert order(client, alice, **body).status_code == 201


def test_the_checks_run_schema_then_documents_then_health_then_the_insured_person(client, catalog, alice):
    too_old = {"name": "王五", "id_number": born_aged(70)}
    assert error_of(order(client, alice, insured={"name": "x"}))["code"] == "validation_error"
    assert error_of(order(client, alice, "hospital-basic", insured=too_old))["code"] == "documents_not_accepted"
    documents_only = agreement(client, "hospital-basic")
    documents_only.pop("health_answers")
    assert error_of(order(client, alice, "hospital-basic", insured=too_old, **documents_only))["code"] == \
        "health_declaration_required"
    declined = agreement(client, "hospital-basic")
    declined["health_answers"]["pregnant"] = True
    assert error_of(order(client, alice, "hospital-basic", insured=too_old, **declined))["code"] == "health_declined"
    assert error_of(order(client, alice, "hospital-basic", insured=too_old,
                          **agreement(client, "hospital-basic")))["code"] == "age_not_covered"


@pytest.mark.parametrize("way", ["activation", "redemption"])
def test_gift_cover_needs_the_documents_too(app, client, campaigns, alice, bob, way):
    if way == "activation":
        path = f"/api/v1/envelope-grabs/{_grab(client, bob, alice)}/activate"
    else:
        path = f"/api/v1/rewards/{_reward(client, alice)}/redeem"
    insured = {"insured": {"name": "张三", "id_number": born_aged(30)}}
    error = error_of(client.post(path, json=insured, headers=alice["headers"]))
    assert error["code"] == "documents_not_accepted" and len(error["details"]["missing"]) == 4
    created = client.post(path, json={**agreement(client, "gift-accident"), **insured}, headers=alice["headers"])
    assert created.status_code == 201, created.get_json()
    policy = client.get(f"/api/v1/policies/{created.get_json()['policy_no']}", headers=alice["headers"]).get_json()
    assert [d["code"] for d in policy["documents_accepted"]] == ["clauses", "purchase_notice", "exclusions",
                                                                  "privacy_consent"]
    assert policy["health_declared"] is False
    with app.app_context():
        trace = db.session.scalars(sa.select(SaleTrace)).one()
        assert trace.source == ("envelope" if way == "activation" else "reward")
        assert trace.policy_id is not None and trace.order_id is None


def test_a_bought_policy_shows_what_was_agreed_and_the_trace_keeps_it_for_five_years(app, client, catalog, alice):
    insured = {"name": "张三", "id_number": born_aged(30)}
    found = paid_order(app, client, alice, insured, "hospital-basic")
    policy = client.get(f"/api/v1/policies/{found['policy_no']}", headers=alice["headers"]).get_json()
    assert policy["health_declared"] is True
    accepted = policy["documents_accepted"]
    assert [d["code"] for d in accepted] == ["clauses", "purchase_notice", "exclusions", "privacy_consent",
                                             "health_declaration"]
    assert accepted[0]["version"] == "1.0" and accepted[0]["title"] == "《住院医疗保障》保险条款"
    assert accepted[0]["url"].endswith("/documents/hospital/clauses/1.0")
    assert client.get(urlsplit(accepted[0]["url"]).path).status_code == 200
    with app.app_context():
        trace = db.session.scalars(sa.select(SaleTrace)).one()
        policy_row = db.session.scalars(sa.select(Policy)).one()
        assert trace.order_id == policy_row.order_id and trace.source == "purchase"
        assert trace.client == {"app_version": "test", "page_version": "test", "platform": "devtools"}
        assert all(d["received_at"] and d["accepted_at"].endswith("+08:00") for d in trace.documents)
        assert "false" not in (trace.health_answers_encrypted or "")  # encrypted, not readable
        assert set(health_answers_of(trace).values()) == {False} and trace.health_version == "1.0"
        assert trace.retain_until >= policy_row.ends_at + dt.timedelta(days=5 * 365)


def test_a_product_without_its_documents_sells_nothing(app, client, catalog, alice):
    with app.app_context():
        accident = db.session.scalars(sa.select(Product).where(Product.code == "accident")).one()
        bare = Product(code="bare", insurer_id=accident.insurer_id, name_zh="无文件", name_en="Bare",
                       category="accident", summary_zh="无", summary_en="None")
        db.session.add(bare)
        db.session.flush()
        db.session.add(Plan(product_id=bare.id, code="bare-1", name_zh="一", name_en="One", premium_fen=100,
                            coverage_fen=100_000, death_benefit_fen=0, period="month", term_days=30, age_min=18,
                            age_max=60))
        db.session.commit()
    response = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "bare-1"), "insured": {
        "name": "张三", "id_number": born_aged(30)}}, headers=alice["headers"])
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "documents_unavailable"
