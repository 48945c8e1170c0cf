"""Every call that creates cover (an order, an envelope share's activation, a reward's redemption) takes the
insured person typed in (`insured`) or saved (`insured_person_id`): exactly one; another user's saved person
is 404; the saved person's age is checked from their identity number."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.core import pii
from app.extensions import db
from app.policies.models import Policy
from app.purchases.models import Application
from tests.insured.helpers import born_aged, error_of, saved_id
from tests.support import agreement, plan_id, prepay_id_of, run_jobs


def _order(client, who, insured_part: dict):
    return client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                               **agreement(client, "accident-basic"),
                                               **insured_part},
                       headers=who["headers"])


def _grab(client, sender, grabber) -> str:
    envelope = client.post("/api/v1/envelopes", headers=sender["headers"], json={
        "plan_id": plan_id(client, "gift-accident-30d"), "total_coverage_fen": 200_000, "shares": 2, "mode": "equal",
        "campaign_code": "welcome-envelope"}).get_json()
    return client.post(f"/api/v1/envelopes/{envelope['envelope_id']}/grab", headers=grabber["headers"]).get_json()[
        "grab_id"]


def _reward(client, who) -> int:
    openid = client.get("/api/v1/me", headers=who["headers"]).get_json()["openid"]
    steps = client.post("/sandbox/wechat/werun", json={"openid": openid, "steps": [12_000]}).get_json()
    return client.post("/api/v1/rewards/werun", json=steps, headers=who["headers"]).get_json()["rewards"][0]["id"]


@pytest.fixture(params=["order", "activation", "redemption"])
def cover(request, client, campaigns, alice, bob):
    """Alice's way to create cover, as a function of the insured part of the body."""
    if request.param == "order":
        return lambda insured_part: _order(client, alice, insured_part)
    gift = agreement(client, "gift-accident")
    if request.param == "activation":
        grab_id = _grab(client, bob, alice)
        return lambda insured_part: client.post(f"/api/v1/envelope-grabs/{grab_id}/activate",
                                                json={**gift, **insured_part}, headers=alice["headers"])
    reward_id = _reward(client, alice)
    return lambda insured_part: client.post(f"/api/v1/rewards/{reward_id}/redeem", json={**gift, **insured_part},
                                            headers=alice["headers"])


def test_a_saved_person_is_insured_by_id(app, client, alice, cover):
    number = born_aged(36)
    person = saved_id(client, alice, "self", "张三", number)
    response = cover({"insured_person_id": person})
    assert response.status_code == 201, response.get_json()
    with app.app_context():
        kept = db.session.scalars(sa.select(Application)).one_or_none() or db.session.scalars(sa.select(Policy)).one()
        assert (kept.insured_name_masked, kept.insured_id_masked) == ("张*", number[:1] + "*" * 16 + number[-1:])
        assert pii.decrypt(kept.insured_id_encrypted) == number and kept.insured_id_hash == pii.lookup_hash(number)


def test_both_or_neither_is_422_naming_the_two_fields(client, alice, insured_adult, cover):
    person = saved_id(client, alice, "self", "张三", born_aged(36))
    for part in ({"insured": insured_adult, "insured_person_id": person}, {}):
        response = cover(part)
        assert response.status_code == 422, part
        error = error_of(response)
        assert error["code"] == "validation_error"
        assert set(error["details"]["fields"]) == {"insured", "insured_person_id"}
    assert "不能同时" in error_of(cover({"insured": insured_adult, "insured_person_id": person}))["details"]["fields"][
        "insured"][0]


def test_another_users_saved_person_is_404(client, bob, cover):
    bobs = saved_id(client, bob, "self", "李四", born_aged(40))
    response = cover({"insured_person_id": bobs})
    assert response.status_code == 404 and error_of(response)["code"] == "insured_person_not_found"
    gone = cover({"insured_person_id": 2**63 - 1})
    assert gone.status_code == 404 and error_of(gone)["code"] == "insured_person_not_found"


def test_a_saved_persons_age_is_checked_from_their_number(client, alice, cover):
    child = saved_id(client, alice, "child", "张小明", born_aged(5))
    response = cover({"insured_person_id": child})
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "age_not_covered" and "insured_person_id" in error["details"]["fields"]
    assert "被保险人现在5周岁" in error["message"]


def test_a_saved_person_still_insured_after_being_deleted(app, client, catalog, alice):
    """Cover keeps its own copy of the insured: deleting a saved person changes no order or policy."""
    person = saved_id(client, alice, "self", "张三", born_aged(36))
    order = _order(client, alice, {"insured_person_id": person}).get_json()
    assert client.delete(f"/api/v1/insured-persons/{person}", headers=alice["headers"]).status_code == 204
    client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])})
    run_jobs(app)
    policy_no = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()["policy_no"]
    policy = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()
    assert policy["insured_name"] == "张*"
