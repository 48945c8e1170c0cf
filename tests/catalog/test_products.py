"""The catalog a user browses: prices, cover, and plain words."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from app.catalog.models import Plan, Product
from app.catalog.seed import seed_catalog
from app.extensions import db


def plans_by_code(client) -> dict:
    return {plan["code"]: dict(plan, category=product["category"])
            for product in client.get("/api/v1/products").get_json() for plan in product["plans"]}


def test_products_list_the_launch_prices_and_cover(client, catalog):
    plans = plans_by_code(client)
    assert (plans["accident-basic"]["premium_fen"], plans["accident-basic"]["coverage_fen"]) == (500, 30_000_000)
    assert (plans["accident-plus"]["premium_fen"], plans["accident-plus"]["coverage_fen"]) == (1600, 100_000_000)
    assert plans["accident-basic"]["period"] == "month"
    assert (plans["accident-basic"]["age_min"], plans["accident-basic"]["age_max"]) == (18, 60)
    hospital = plans["hospital-basic"]
    assert (hospital["premium_fen"], hospital["coverage_fen"], hospital["period"]) == (6000, 50_000_000, "year")
    assert (hospital["age_min"], hospital["age_max"], hospital["waiting_period_days"]) == (0, 60, 30)
    assert plans["travel-7d"]["period"] == "trip"
    gift = plans["gift-accident-30d"]
    assert gift["category"] == "gift" and (gift["premium_fen"], gift["coverage_fen"], gift["term_days"]) == (2, 100_000, 30)


def test_every_plan_has_the_fields_the_shop_shows(client, catalog):
    for product in client.get("/api/v1/products").get_json():
        assert set(product) >= {"code", "name", "category", "summary", "plans"}
        for plan in product["plans"]:
            assert set(plan) >= {"id", "code", "name", "premium_fen", "coverage_fen", "period", "term_days",
                                 "age_min", "age_max"}


def test_product_detail_explains_cover_in_plain_words(client, catalog):
    for code in ("accident", "hospital", "travel", "gift-accident"):
        body = client.get(f"/api/v1/products/{code}").get_json()
        assert body["covered"] and body["not_covered"] and body["faq"]
        for sentence in body["covered"] + body["not_covered"]:
            assert len(sentence) < 160, "short sentences a non-expert reads"
        assert all(set(item) == {"q", "a"} for item in body["faq"])


def test_unknown_product_is_404(client, catalog):
    response = client.get("/api/v1/products/no-such")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_seeding_again_adds_nothing_and_keeps_operator_edits(app, client, catalog):
    with app.app_context():
        plan = db.session.scalars(sa.select(Plan).where(Plan.code == "accident-basic")).one()
        plan.name_zh = "运营改过的名字"
        db.session.commit()
        assert seed_catalog() == "0 products, 0 plans and 0 documents added"
        db.session.commit()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Product)) == 4
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Plan)) == 5
    assert plans_by_code(client)["accident-basic"]["name"] == "运营改过的名字"


def test_inactive_plans_are_not_listed(app, client, catalog):
    with app.app_context():
        db.session.scalars(sa.select(Plan).where(Plan.code == "accident-plus")).one().active = False
        db.session.commit()
    assert "accident-plus" not in plans_by_code(client)


# -- in the user's language ---------------------------------------------------------------------

HAN = re.compile(r"[\u4e00-\u9fff]")


def products(client, accept_language=None):
    headers = {"Accept-Language": accept_language} if accept_language is not None else {}
    response = client.get("/api/v1/products", headers=headers)
    return response, response.get_json()


def test_without_accept_language_every_product_and_plan_is_in_chinese(client, catalog):
    response, body = products(client)
    assert response.headers["Content-Language"] == "zh-CN"
    assert "Accept-Language" in response.headers["Vary"]
    for product in body:
        assert HAN.search(product["name"]) and HAN.search(product["summary"]), product["code"]
        for plan in product["plans"]:
            assert HAN.search(plan["name"]), plan["code"]
    for product in body:
        detail = client.get(f"/api/v1/products/{product['code']}").get_json()
        assert all(HAN.search(text) for text in detail["covered"] + detail["not_covered"])
        assert all(HAN.search(item["q"]) and HAN.search(item["a"]) for item in detail["faq"])


@pytest.mark.parametrize("accept_language", ["en", "en-US", "en-GB,en;q=0.9,zh-CN;q=0.8", "EN-au"])
def test_any_english_gets_every_product_and_plan_in_english(client, catalog, accept_language):
    response, body = products(client, accept_language)
    assert response.headers["Content-Language"] == "en"
    names = {product["code"]: product["name"] for product in body}
    assert names == {"accident": "Accident cover", "hospital": "Hospital medical cover",
                     "travel": "Travel accident cover", "gift-accident": "Gift accident cover"}
    for product in body:
        assert not HAN.search(product["summary"])
        assert all(not HAN.search(plan["name"]) for plan in product["plans"])


@pytest.mark.parametrize("accept_language", ["zh-CN", "zh-TW", "fr-FR,en;q=0.5", "ja", "", "*"])
def test_anything_but_english_gets_simplified_chinese(client, catalog, accept_language):
    response, body = products(client, accept_language)
    assert response.headers["Content-Language"] == "zh-CN"
    assert {product["name"] for product in body} >= {"意外保障", "住院医疗保障"}


def test_gift_cover_is_described_about_the_share_not_to_the_sender(client, catalog):
    # The holder of a grabbed share or a WeRun reward reads these words on their policy; they said "what the
    # friend grabbed from your envelope", written to the sender.
    for language in ("zh-CN", "en"):
        product = client.get("/api/v1/products/gift-accident", headers={"Accept-Language": language}).get_json()
        words = " ".join(product["covered"] + product["not_covered"])
        assert "你的红包" not in words and "your envelope" not in words and "朋友激活" not in words
        assert "奖励" in words or "reward" in words
