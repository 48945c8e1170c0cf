"""Identity numbers are accepted for what they prove themselves, and shown as little as possible."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.policies.models import Policy
from app.purchases.models import Application
from tests.support import agreement, plan_id, prepay_id_of, resident_id, run_jobs


def buy(client, who, id_number, plan_code="accident-basic"):
    return client.post("/api/v1/orders", json={"plan_id": plan_id(client, plan_code), **agreement(client, plan_code),
                                               "insured": {"name": "王小明", "id_number": id_number}},
                       headers=who["headers"])


@pytest.mark.parametrize("region, birth", [
    ("310115", "19910412"),  # Shanghai Pudong New Area, created in 1993
    ("440306", "19880726"),  # Shenzhen Bao'an District, created in 1993
    ("500112", "19850203"),  # Chongqing Yubei District, created in 1994
])
def test_a_genuine_number_from_a_district_younger_than_its_holder_is_accepted(client, catalog, alice, region, birth):
    response = buy(client, alice, resident_id(birth, region=region))
    assert response.status_code == 201, response.get_json()


@pytest.mark.parametrize("id_number, why", [
    ("99010519900307001X", "省份"),   # no province 99
    ("110105199002300011", "出生日期"),  # 30 February
    ("110105203001010011", "出生日期"),  # born in 2030
])
def test_what_the_number_itself_disproves_is_refused(client, catalog, alice, id_number, why):
    from stdnum.cn import ric

    number = id_number[:17] + ric.calc_check_digit(id_number[:17] + "0")  # a correct check digit: only `why` is wrong
    response = buy(client, alice, number)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid_id_number" and "insured.id_number" in error["details"]["fields"]
    assert why in error["message"]


def test_a_typo_fails_the_check_digit(client, catalog, alice):
    number = resident_id("19900307")
    typo = number[:-1] + ("0" if number[-1] != "0" else "1")
    assert "输错" in buy(client, alice, typo).get_json()["error"]["message"]


def test_only_the_first_and_last_characters_are_shown_and_no_birth_date_is_kept(app, client, catalog, alice):
    number = resident_id("19900307", region="310115", sequence="123")
    order = buy(client, alice, number).get_json()
    client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])})
    run_jobs(app)
    policy = client.get("/api/v1/policies", headers=alice["headers"]).get_json()[0]
    shown = client.get(f"/api/v1/policies/{policy['policy_no']}", headers=alice["headers"]).get_json()
    assert shown["insured_id_number"] == number[0] + "*" * 16 + number[-1]
    assert shown["insured_name"] == "王**"
    with app.app_context():
        for model in (Application, Policy):
            row = db.session.scalars(sa.select(model)).one()
            assert row.insured_id_masked == number[0] + "*" * 16 + number[-1]
            assert number not in row.insured_id_encrypted and "19900307" not in str(vars(row).values())
            assert "insured_birth_date" not in model.__table__.c
