"""A minor's death cover is capped as the regulator caps it (CIRC 保监发〔2015〕90号): at most 200,000 yuan
under 10 and 500,000 yuan from 10 to under 18, summed by identity number over the cover they hold with us:
policies in force and orders waiting for payment, whoever bought them. Two orders at once take turns."""

from __future__ import annotations

import concurrent.futures
import threading

import requests
import sqlalchemy as sa

from app.catalog.models import Plan
from app.core import clock
from app.extensions import db
from app.orders.models import Order
from app.policies.models import Policy
from tests.insured.helpers import born_aged, error_of, saved_id
from tests.support import agreement, login, plan_id, prepay_id_of, run_jobs

YUAN = 100


def order(client, who, insured_part: dict, plan_code: str = "travel-7d"):
    return client.post("/api/v1/orders", json={"plan_id": plan_id(client, plan_code), **agreement(client, plan_code),
                                               **insured_part},
                       headers=who["headers"])


def pay(app, client, who, created) -> str:
    """Pay an order through the sandbox; its policy number."""
    client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(created["pay_params"])})
    run_jobs(app)
    return client.get(f"/api/v1/orders/{created['order_no']}", headers=who["headers"]).get_json()["policy_no"]


def test_plans_say_what_they_pay_on_death(client, catalog):
    plans = {plan["code"]: plan for product in client.get("/api/v1/products").get_json() for plan in product["plans"]}
    assert {code: plan["death_benefit_fen"] for code, plan in plans.items()} == {
        "accident-basic": 300_000 * YUAN, "accident-plus": 1_000_000 * YUAN, "hospital-basic": 0,
        "travel-7d": 200_000 * YUAN, "gift-accident-30d": 1_000 * YUAN}


def test_a_child_under_10_has_at_most_200000_yuan_of_death_cover(client, catalog, alice):
    child = {"name": "张小明", "id_number": born_aged(5)}
    assert order(client, alice, {"insured": child}).status_code == 201  # 200,000 yuan: at the cap, not over it
    second = order(client, alice, {"insured": child})
    assert second.status_code == 422
    error = error_of(second)
    assert error["code"] == "minor_death_cover_exceeded"
    assert error["message"] == ("按监管规定，未满10周岁的孩子在所有保险公司的身故保障加起来最多200,000元。"
                                "孩子在我们这里已有200,000元，再加上这份的200,000元就超出了。")
    assert error["details"]["fields"] == {"insured.id_number": [error["message"]]}
    assert (error["details"]["cap_fen"], error["details"]["held_fen"], error["details"]["death_benefit_fen"]) == (
        200_000 * YUAN, 200_000 * YUAN, 200_000 * YUAN)
    # Cover with no death benefit is not capped.
    assert order(client, alice, {"insured": child}, "hospital-basic").status_code == 201


def test_a_child_aged_10_to_17_has_at_most_500000_yuan(client, catalog, alice):
    child = {"name": "张小红", "id_number": born_aged(12)}
    assert order(client, alice, {"insured": child}).status_code == 201
    assert order(client, alice, {"insured": child}).status_code == 201
    third = order(client, alice, {"insured": child})
    assert third.status_code == 422 and error_of(third)["code"] == "minor_death_cover_exceeded"
    assert "10至17周岁" in error_of(third)["message"] and "500,000元" in error_of(third)["message"]
    english = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "travel-7d"),
                                                  **agreement(client, "travel-7d"),
                                                  "insured": child},
                          headers=dict(alice["headers"], **{"Accept-Language": "en"}))
    assert error_of(english)["message"] == (
        "By regulation, a child aged 10 to 17 can have at most 500,000 yuan of death cover, counting every insurer. "
        "This child already has 400,000 yuan of it with us, and this cover's 200,000 yuan would go over that.")


def test_adults_are_not_capped(client, catalog, alice):
    adult = {"name": "张大山", "id_number": born_aged(18)}
    for _ in range(3):
        assert order(client, alice, {"insured": adult}).status_code == 201


def test_cover_is_summed_by_identity_number_whoever_bought_it(app, client, catalog, alice, bob):
    number = born_aged(5)
    first = order(client, alice, {"insured": {"name": "张小明", "id_number": number}}).get_json()
    pay(app, client, alice, first)
    # The other parent, with the child saved under their own account.
    child = saved_id(client, bob, "child", "张晓明", number)
    refused = order(client, bob, {"insured_person_id": child})
    assert refused.status_code == 422 and error_of(refused)["code"] == "minor_death_cover_exceeded"
    assert "insured_person_id" in error_of(refused)["details"]["fields"]


def test_an_unpaid_order_counts_until_it_is_cancelled(client, catalog, alice):
    child = {"name": "张小明", "id_number": born_aged(5)}
    first = order(client, alice, {"insured": child}).get_json()
    assert order(client, alice, {"insured": child}).status_code == 422
    assert client.post(f"/api/v1/orders/{first['order_no']}/cancel", headers=alice["headers"]).status_code == 200
    assert order(client, alice, {"insured": child}).status_code == 201


def test_ended_and_cancelled_policies_no_longer_count(app, client, catalog, alice):
    child = {"name": "张小明", "id_number": born_aged(5)}
    policy_no = pay(app, client, alice, order(client, alice, {"insured": child}).get_json())
    assert order(client, alice, {"insured": child}).status_code == 422
    cancelled = client.post(f"/api/v1/policies/{policy_no}/cancel", headers=alice["headers"])
    assert cancelled.get_json()["status"] == "cancelling"
    # Cancelling: cover lasts until the refund is back, so it still counts.
    assert order(client, alice, {"insured": child}).status_code == 422
    run_jobs(app)
    assert client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()["status"] == "cancelled"
    second = order(client, alice, {"insured": child})
    assert second.status_code == 201
    pay(app, client, alice, second.get_json())
    with app.app_context():  # the trip is over: its cover has ended
        db.session.execute(sa.update(Policy).where(Policy.status == "active").values(ends_at=clock.now()))
        db.session.commit()
    assert order(client, alice, {"insured": child}).status_code == 201


def test_a_policy_keeps_the_death_benefit_it_was_sold_with(app, client, catalog, alice):
    policy_no = pay(app, client, alice, order(client, alice, {"insured": {"name": "张大山", "id_number": born_aged(30)}},
                                               "accident-plus").get_json())
    with app.app_context():
        policy = db.session.scalars(sa.select(Policy).where(Policy.policy_no == policy_no)).one()
        assert policy.death_benefit_fen == 1_000_000 * YUAN


def test_orders_for_one_child_at_the_same_moment_take_turns(app, client, catalog):
    """Six taps at once for a child under 10: each order sums the child's cover under the child's lock, so
    one order of 200,000 yuan gets through, never two (on PostgreSQL, concurrent transactions)."""
    token = login(client, "parent")["token"]
    body = {"plan_id": plan_id(client, "travel-7d"), **agreement(client, "travel-7d"),
            "insured": {"name": "张小明", "id_number": born_aged(5)}}
    start = threading.Barrier(6)

    def post(_):
        start.wait()
        return requests.post(app.config["LIVE_SERVER_URL"] + "/api/v1/orders", json=body,
                             headers={"Authorization": f"Bearer {token}"}, timeout=60)

    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(post, range(6)))
    assert sorted(a.status_code for a in answers) == [201] + [422] * 5, [a.text[:200] for a in answers]
    assert {a.json()["error"]["code"] for a in answers if a.status_code == 422} == {"minor_death_cover_exceeded"}
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 1


def test_cover_whose_death_benefit_alone_is_over_the_cap_is_refused(app, client, catalog, alice):
    with app.app_context():  # a richer trip plan than the seed's: 300,000 yuan on death
        travel = db.session.scalars(sa.select(Plan).where(Plan.code == "travel-7d")).one()
        db.session.add(Plan(product_id=travel.product_id, code="travel-7d-plus", name_zh="7天行程，30万元保额",
                            name_en="7-day trip, 300,000 yuan", premium_fen=15 * YUAN, coverage_fen=300_000 * YUAN,
                            death_benefit_fen=300_000 * YUAN, period="trip", term_days=7, age_min=1, age_max=70))
        db.session.commit()
    child = {"name": "张小明", "id_number": born_aged(5)}
    refused = order(client, alice, {"insured": child}, "travel-7d-plus")
    assert refused.status_code == 422
    assert error_of(refused)["message"] == ("按监管规定，未满10周岁的孩子在所有保险公司的身故保障加起来最多200,000元。"
                                            "这份保障的身故保险金是300,000元，超出了上限。")
    assert order(client, alice, {"insured": dict(child, id_number=born_aged(12))}, "travel-7d-plus").status_code == 201



def _full_width(number: str, keep_ends: bool = False) -> str:
    """The same number as a Chinese keyboard may type it, in full-width digits (０-９); ``keep_ends`` keeps the
    province and the check digit as typed on an ASCII keyboard."""
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in number)
    return number[:2] + wide[2:17] + number[17] if keep_ends else wide


def test_the_same_number_typed_in_full_width_digits_is_the_same_child(app, client, catalog, alice, bob):
    number = born_aged(5)
    assert order(client, alice, {"insured": {"name": "张小明", "id_number": number}}).status_code == 201  # at the cap
    for typed in (_full_width(number, keep_ends=True), _full_width(number)):
        again = order(client, bob, {"insured": {"name": "张小明", "id_number": typed}})
        assert again.status_code == 422, again.get_json()
        assert error_of(again)["code"] == "minor_death_cover_exceeded", error_of(again)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Order)) == 1
    # Saved, it is the number itself: shown masked like any other, and the same person as the one typed plainly.
    saved = client.post("/api/v1/insured-persons", json={"relation": "child", "name": "张小明",
                                                          "id_number": _full_width(number)}, headers=bob["headers"])
    assert saved.status_code == 201, saved.get_json()
    assert saved.get_json()["id_number_masked"] == number[0] + "*" * 16 + number[-1]
    twice = client.post("/api/v1/insured-persons", json={"relation": "child", "name": "张小明", "id_number": number},
                        headers=bob["headers"])
    assert twice.status_code == 409 and error_of(twice)["code"] == "insured_person_exists"
