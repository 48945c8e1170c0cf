"""Saved insured persons: kept encrypted, shown masked with their age, one self per user, each identity
number once per user (held by the database, whatever runs at once), and private to their user."""

from __future__ import annotations

import concurrent.futures
import threading

import requests
import sqlalchemy as sa

from app.extensions import db
from app.insured.models import InsuredPerson
from tests.insured.helpers import born_aged, error_of, save, saved_id
from tests.support import login


def rows(app) -> list[InsuredPerson]:
    with app.app_context():
        found = list(db.session.scalars(sa.select(InsuredPerson).order_by(InsuredPerson.id)))
        db.session.expunge_all()
        return found


def test_a_saved_person_is_shown_masked_with_the_age_their_number_proves(app, client, alice):
    number = born_aged(36)
    response = save(client, alice, "self", "张三", number)
    assert response.status_code == 201
    person = response.get_json()
    assert person == {"id": person["id"], "relation": "self", "name_masked": "张*",
                      "id_number_masked": number[:1] + "*" * 16 + number[-1:], "age": 36}
    [row] = rows(app)
    # Kept encrypted, as orders and policies keep the insured (docs/domain.md, Users and identity).
    assert number not in row.id_encrypted and "张三" not in row.name_encrypted
    assert client.get("/api/v1/insured-persons", headers=alice["headers"]).get_json() == [person]


def test_the_list_is_the_users_own_with_themselves_first(client, alice, bob):
    saved_id(client, alice, "child", "张小明", born_aged(5))
    saved_id(client, alice, "self", "张三", born_aged(36))
    saved_id(client, alice, "parent", "张大山", born_aged(66))
    saved_id(client, bob, "self", "李四", born_aged(40))
    listed = client.get("/api/v1/insured-persons", headers=alice["headers"]).get_json()
    assert [(p["relation"], p["name_masked"], p["age"]) for p in listed] == [
        ("self", "张*", 36), ("child", "张**", 5), ("parent", "张**", 66)]
    assert [p["name_masked"] for p in client.get("/api/v1/insured-persons", headers=bob["headers"]).get_json()] == [
        "李*"]


def test_a_second_self_is_409_self_exists_naming_the_first(client, alice):
    first = saved_id(client, alice, "self", "张三", born_aged(36))
    again = save(client, alice, "self", "张三丰", born_aged(37))
    assert again.status_code == 409
    error = error_of(again)
    assert error["code"] == "self_exists" and error["details"] == {"id": first}
    assert error["message"] == "你已经添加过本人了。"
    # Anyone else is fine: a spouse, two children.
    assert save(client, alice, "spouse", "李梅", born_aged(35)).status_code == 201
    assert save(client, alice, "child", "张小明", born_aged(5)).status_code == 201
    assert save(client, alice, "child", "张小红", born_aged(3)).status_code == 201


def test_the_same_identity_number_twice_is_409_insured_person_exists(client, alice, bob):
    number = born_aged(5)
    first = saved_id(client, alice, "child", "张小明", number)
    for relation in ("child", "self", "spouse"):
        again = save(client, alice, relation, "张晓明", number)
        assert again.status_code == 409, relation
        assert error_of(again)["code"] == "insured_person_exists" and error_of(again)["details"] == {"id": first}
    # The number spaced or with a small x is the same number.
    spaced = save(client, alice, "child", "张小明", " ".join([number[:6], number[6:14], number[14:]]).lower())
    assert error_of(spaced)["code"] == "insured_person_exists"
    # Another user (the child's other parent) saves the same child.
    assert save(client, bob, "child", "张小明", number).status_code == 201


def test_an_invalid_person_is_422_on_the_field(client, alice):
    typo = born_aged(30)[:-1] + ("0" if born_aged(30)[-1] != "0" else "1")
    bad_number = save(client, alice, "self", "张三", typo)
    assert bad_number.status_code == 422 and error_of(bad_number)["code"] == "invalid_id_number"
    assert "id_number" in error_of(bad_number)["details"]["fields"]
    blank_name = save(client, alice, "self", "   ", born_aged(30))
    assert blank_name.status_code == 422 and "name" in error_of(blank_name)["details"]["fields"]
    cousin = save(client, alice, "cousin", "张三", born_aged(30))
    assert cousin.status_code == 422 and error_of(cousin)["code"] == "validation_error"
    assert "relation" in error_of(cousin)["details"]["fields"]
    assert client.get("/api/v1/insured-persons", headers=alice["headers"]).get_json() == []


def test_deleting_answers_204_and_frees_the_number_and_the_self(client, alice):
    number = born_aged(36)
    person = saved_id(client, alice, "self", "张三", number)
    deleted = client.delete(f"/api/v1/insured-persons/{person}", headers=alice["headers"])
    assert deleted.status_code == 204 and deleted.data == b""
    assert client.get("/api/v1/insured-persons", headers=alice["headers"]).get_json() == []
    assert save(client, alice, "self", "张三", number).get_json()["id"] != person  # an id never names another
    again = client.delete(f"/api/v1/insured-persons/{person}", headers=alice["headers"])
    assert again.status_code == 404 and error_of(again)["code"] == "insured_person_not_found"


def test_another_users_person_is_404_and_stays(client, alice, bob):
    person = saved_id(client, alice, "self", "张三", born_aged(36))
    refused = client.delete(f"/api/v1/insured-persons/{person}", headers=bob["headers"])
    assert refused.status_code == 404 and error_of(refused)["code"] == "insured_person_not_found"
    assert len(client.get("/api/v1/insured-persons", headers=alice["headers"]).get_json()) == 1


def test_insured_persons_need_a_login(client):
    assert client.get("/api/v1/insured-persons").status_code == 401
    assert client.post("/api/v1/insured-persons", json={}).status_code == 401
    assert client.delete("/api/v1/insured-persons/1").status_code == 401


def test_english_is_answered_in_english(client, alice):
    saved_id(client, alice, "self", "张三", born_aged(36))
    again = client.post("/api/v1/insured-persons",
                        json={"relation": "self", "name": "Zhang", "id_number": born_aged(40)},
                        headers=dict(alice["headers"], **{"Accept-Language": "en"}))
    assert error_of(again)["message"] == "You have already saved yourself."


def _all_at_once(app, token: str, bodies: list[dict]) -> list[requests.Response]:
    """POST every body to the live server at the same moment, each from its own thread."""
    start = threading.Barrier(len(bodies))
    url = app.config["LIVE_SERVER_URL"] + "/api/v1/insured-persons"

    def post(body):
        start.wait()
        return requests.post(url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=30)

    with concurrent.futures.ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(post, bodies))


def test_saves_at_the_same_moment_keep_one_self_and_each_number_once(app, client):
    """Two taps, two devices: the database's unique keys decide, not a count read before the insert."""
    token = login(client, "racer")["token"]
    selves = _all_at_once(app, token, [{"relation": "self", "name": "张三", "id_number": born_aged(30 + i)}
                                       for i in range(6)])
    assert sorted(r.status_code for r in selves) == [201] + [409] * 5
    assert {r.json()["error"]["code"] for r in selves if r.status_code == 409} == {"self_exists"}
    number = born_aged(5)
    children = _all_at_once(app, token, [{"relation": "child", "name": "张小明", "id_number": number}] * 6)
    assert sorted(r.status_code for r in children) == [201] + [409] * 5
    assert {r.json()["error"]["code"] for r in children if r.status_code == 409} == {"insured_person_exists"}
    assert len(rows(app)) == 2
