"""Every product names its underwriter, on the product and on the policy, in the reader's language;
production sells nothing under the seeded example insurer."""

from __future__ import annotations

import sqlalchemy as sa

from app.catalog.models import Insurer
from app.extensions import db
from tests.claims.helpers import policy_in_force
from tests.support import agreement, config_set, plan_id

EXAMPLE = {"name": "示例保险股份有限公司", "licence_no": "示例-000000", "hotline": "95000",
           "address": "上海市浦东新区示例路100号示例大厦18层"}


def test_every_product_names_its_insurer_in_the_readers_language(client, catalog):
    products = client.get("/api/v1/products").get_json()
    assert products and all({k: p["insurer"][k] for k in EXAMPLE} == EXAMPLE for p in products)
    assert all("投诉" in p["insurer"]["complaint_channel"] for p in products)
    detail = client.get("/api/v1/products/hospital", headers={"Accept-Language": "en"}).get_json()
    assert detail["insurer"]["name"] == "Example Insurance Co., Ltd. (not a real company)"
    assert "complain" in detail["insurer"]["complaint_channel"]
    assert detail["insurer"]["address"] == ("18/F, Example Tower, 100 Example Road, Pudong New Area, Shanghai "
                                            "(not a real address)")


def test_the_policy_names_its_insurer(app, client, catalog, alice, insured_adult):
    policy_no = policy_in_force(app, client, alice, insured_adult)
    policy = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()
    assert {k: policy["insurer"][k] for k in EXAMPLE} == EXAMPLE


def test_production_sells_nothing_under_the_example_insurer(app, client, catalog, alice, insured_adult):
    body = {"plan_id": plan_id(client, "accident-basic"), **agreement(client, "accident-basic"),
            "insured": insured_adult}
    gift = {"plan_id": plan_id(client, "gift-accident-30d"), "total_coverage_fen": 1_000_000, "shares": 2,
            "mode": "equal"}
    with config_set(app, ENV_NAME="production"):
        refused = client.post("/api/v1/orders", json=body, headers=alice["headers"])
        assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "insurer_not_named"
        assert "保险公司" in refused.get_json()["error"]["message"]
        envelope = client.post("/api/v1/envelopes", json=gift, headers=alice["headers"])
        assert envelope.status_code == 409 and envelope.get_json()["error"]["code"] == "insurer_not_named"
        with app.app_context():
            insurer = db.session.scalars(sa.select(Insurer)).one()
            insurer.placeholder, insurer.name_zh, insurer.licence_no = False, "真实保险股份有限公司", "000123"
            db.session.commit()
        assert client.post("/api/v1/orders", json=body, headers=alice["headers"]).status_code == 201


def test_production_sells_nothing_under_an_insurer_whose_address_is_not_on_record(app, client, catalog, alice,
                                                                                   insured_adult):
    """Every policy must state the insurer's address (Insurance Law Art. 18): an insurer named before addresses
    were kept sells nothing in production until an operator enters it; the API says none is on record."""
    body = {"plan_id": plan_id(client, "accident-basic"), **agreement(client, "accident-basic"),
            "insured": insured_adult}
    with app.app_context():
        insurer = db.session.scalars(sa.select(Insurer)).one()
        insurer.placeholder, insurer.name_zh, insurer.licence_no = False, "真实保险股份有限公司", "000123"
        insurer.address_zh = insurer.address_en = None
        db.session.commit()
    assert client.get("/api/v1/products/accident").get_json()["insurer"]["address"] is None
    with config_set(app, ENV_NAME="production"):
        refused = client.post("/api/v1/orders", json=body, headers=alice["headers"])
        assert refused.status_code == 409 and refused.get_json()["error"]["code"] == "insurer_not_named"
        with app.app_context():
            insurer = db.session.scalars(sa.select(Insurer)).one()
            insurer.address_zh, insurer.address_en = "上海市黄浦区中山东一路88号", "88 Zhongshan Road East (1), Shanghai"
            db.session.commit()
        assert client.post("/api/v1/orders", json=body, headers=alice["headers"]).status_code == 201
