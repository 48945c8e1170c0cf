"""The admin's side of agreement: an order's trace on its page, and publishing a new version of a
product's document (which orders then require), with every version listed."""

from __future__ import annotations

import html

from app.admin.models import AuditEntry
from app.catalog.models import Product
from tests.admin.support import paid_order, post_form, rows
from tests.insured.helpers import born_aged
from tests.support import agreement, plan_id


def product_id(app, code: str) -> int:
    [product] = rows(app, Product, Product.code == code)
    return product.id


def publish(client, product, **fields):
    data = {"code": "clauses", "version": "2.0", "title_zh": "《意外保障》保险条款（2.0）",
            "title_en": "Accident cover: policy clauses (2.0)", "body_zh": "<h2>第一条</h2><p>第二版。</p>",
            "body_en": "<h2>1.</h2><p>Second version.</p>", "questions": "", **fields}
    return post_form(client, f"/admin/products/{product}/documents", data, token_from=f"/admin/products/{product}")


def test_the_order_page_shows_what_the_buyer_agreed_to(app, client, catalog, alice, as_admin, as_english_admin):
    found = paid_order(app, client, alice, {"name": "张三", "id_number": born_aged(30)}, "hospital-basic")
    page = as_admin.get(f"/admin/orders/{found['order_no']}").get_data(as_text=True)
    assert "买家同意的内容" in page
    for words in ("条款", "投保须知", "责任免除", "个人信息授权", "健康告知", "《住院医疗保障》保险条款"):
        assert words in page, words
    assert "+08:00" in page and "devtools" in page
    assert "全部9个问题均回答“否”" in html.unescape(page)
    english = as_english_admin.get(f"/admin/orders/{found['order_no']}").get_data(as_text=True)
    assert "What the buyer agreed to" in english and "health declaration" in english
    assert "all 9 questions answered no" in english


def test_an_admin_publishes_a_version_and_orders_then_require_it(app, client, catalog, alice, as_admin):
    accident = product_id(app, "accident")
    stale = agreement(client, "accident-basic")
    response = publish(as_admin, accident)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    page = as_admin.get(f"/admin/products/{accident}").get_data(as_text=True)
    assert 'data-document="clauses" data-version="2.0"' in page and 'data-document="clauses" data-version="1.0"' in page
    assert "/documents/accident/clauses/1.0?lang=zh-CN" in page and "/documents/accident/clauses/2.0?lang=en" in page
    [entry] = rows(app, AuditEntry, AuditEntry.action == "document.publish")
    assert (entry.actor, entry.target_id, entry.after["version"]) == ("admin:root", "accident", "2.0")

    body = {"plan_id": plan_id(client, "accident-basic"), "insured": {"name": "张三", "id_number": born_aged(30)}}
    refused = client.post("/api/v1/orders", json={**body, **stale}, headers=alice["headers"])
    assert refused.status_code == 422
    assert refused.get_json()["error"]["details"]["missing"] == [{"code": "clauses", "version": "2.0"}]
    fresh = client.post("/api/v1/orders", json={**body, **agreement(client, "accident-basic")},
                        headers=alice["headers"])
    assert fresh.status_code == 201
    assert "第二版" in client.get("/documents/accident/clauses/2.0").get_data(as_text=True)


def test_publishing_refuses_a_used_version_unsafe_html_and_viewers(app, client, catalog, as_admin, as_viewer):
    accident = product_id(app, "accident")
    used = publish(as_admin, accident, version="1.0")
    assert used.status_code == 409 and "1.0" in used.get_data(as_text=True)
    script = publish(as_admin, accident, body_zh='<p onclick="x()">hi</p><script>alert(1)</script>')
    assert script.status_code == 422 and "script" in script.get_data(as_text=True)
    assert publish(as_viewer, accident).status_code == 403
    assert [d["version"] for d in client.get("/api/v1/products/accident").get_json()["documents"]
            if d["code"] == "clauses"] == ["1.0"]


def test_a_new_health_declaration_brings_its_questions(app, client, catalog, alice, as_admin):
    hospital = product_id(app, "hospital")
    questions = "pregnant | 目前是否怀孕？ | Are you pregnant?\nsmoker | 是否每天吸烟？ | Do you smoke daily?"
    response = publish(as_admin, hospital, code="health_declaration", version="2.0", title_zh="健康告知",
                       title_en="Health declaration", questions=questions)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    product = client.get("/api/v1/products/hospital").get_json()
    assert [q["code"] for q in product["health_questions"]] == ["pregnant", "smoker"]
    body = {"plan_id": plan_id(client, "hospital-basic"), "insured": {"name": "张三", "id_number": born_aged(30)},
            **agreement(client, "hospital-basic")}
    assert body["health_answers"] == {"pregnant": False, "smoker": False}
    assert client.post("/api/v1/orders", json=body, headers=alice["headers"]).status_code == 201


def test_the_publishing_form_offers_a_health_declaration_only_for_medical_cover(app, catalog, as_admin):
    # It was offered for every product, and refused on publishing for all but medical cover.
    accident = as_admin.get(f"/admin/products/{product_id(app, 'accident')}").get_data(as_text=True)
    hospital = as_admin.get(f"/admin/products/{product_id(app, 'hospital')}").get_data(as_text=True)
    assert 'value="clauses"' in accident and 'value="health_declaration"' not in accident
    assert 'value="health_declaration"' in hospital
