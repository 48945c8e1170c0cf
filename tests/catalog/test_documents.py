"""A product's documents as pages anyone can read, in either language, every version forever."""

from __future__ import annotations

import sqlalchemy as sa

from app.catalog import documents
from app.catalog.models import Product
from app.extensions import db


def test_a_document_is_a_small_chinese_page_by_default(client, catalog):
    page = client.get("/documents/hospital/exclusions/1.0")
    assert page.status_code == 200
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    text = page.get_data(as_text=True)
    assert '<meta name="viewport"' in text and "<html lang=\"zh-CN\">" in text
    assert "<h1>责任免除" in text and "<strong>每年1万元的免赔额" in text
    assert "<script" not in text


def test_the_language_is_the_query_first_then_the_header(client, catalog):
    english = client.get("/documents/accident/clauses/1.0?lang=en").get_data(as_text=True)
    assert "What we pay for" in english and "保险责任" not in english
    by_header = client.get("/documents/accident/clauses/1.0", headers={"Accept-Language": "en-US"})
    assert "What we pay for" in by_header.get_data(as_text=True)
    query_wins = client.get("/documents/accident/clauses/1.0?lang=zh-CN", headers={"Accept-Language": "en"})
    assert "保险责任" in query_wins.get_data(as_text=True) and query_wins.headers["Content-Language"] == "zh-CN"


def test_the_fragment_is_the_body_alone_with_the_questions(client, catalog):
    fragment = client.get("/documents/hospital/health_declaration/1.0?format=fragment").get_data(as_text=True)
    assert "<html" not in fragment and "<head" not in fragment and "<style" not in fragment
    assert fragment.startswith("<h1>健康告知</h1>")
    assert "过去2年内，是否曾住院治疗" in fragment
    tags = set(__import__("re").findall(r"</?([a-z0-9]+)", fragment))
    assert tags <= documents.ALLOWED_TAGS


def test_an_old_version_stays_readable_and_an_unknown_one_is_404(app, client, catalog):
    with app.app_context():
        product = db.session.scalars(sa.select(Product).where(Product.code == "accident")).one()
        documents.publish(product.id, code="clauses", version="2.0", title_zh="条款（第二版）", title_en="Clauses v2",
                          body_zh="<p>第二版。</p>", body_en="<p>Second.</p>", published_by="test")
        db.session.commit()
    assert "第二版" in client.get("/documents/accident/clauses/2.0").get_data(as_text=True)
    old = client.get("/documents/accident/clauses/1.0")
    assert old.status_code == 200 and "保险责任" in old.get_data(as_text=True)
    assert client.get("/documents/accident/clauses/9.9").status_code == 404
    assert client.get("/documents/nothing/clauses/1.0").status_code == 404
    [clauses] = [d for d in client.get("/api/v1/products/accident").get_json()["documents"] if d["code"] == "clauses"]
    assert clauses["version"] == "2.0"


def test_the_health_declaration_states_insurance_law_article_16_as_it_reads(client, catalog):
    # It said the insurer "may keep the premium" for gross negligence too; Art. 16 keeps it only for a lie told on
    # purpose, and refunds it for gross negligence. The monthly accident clauses say auto-renewal is the buyer's choice.
    for path in ("/documents/hospital/health_declaration/1.0", "/documents/hospital/clauses/1.0"):
        text = client.get(path).get_data(as_text=True)
        assert "保费不退" in text or "并不退还保险费" in text
        assert "但退还保费" in text or "但应当退还保险费" in text
        assert "可不退还" not in text
    english = client.get("/documents/hospital/health_declaration/1.0?lang=en").get_data(as_text=True)
    assert "keeps the premium" in english and "refunds the premium" in english
    clauses = client.get("/documents/accident/clauses/1.0").get_data(as_text=True)
    assert "投保时自行选择开通自动续费的" in clauses and "未开通自动续费的，保险期间为30天" in clauses
