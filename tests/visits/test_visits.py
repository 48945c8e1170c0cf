"""POST /api/v1/visits: the mini-program reports app opens."""

from __future__ import annotations

from app.visits.models import FirstVisit, Visit
from tests.admin.support import rows


def test_an_app_open_is_recorded_and_the_first_one_is_marked(app, client, alice):
    first = client.post("/api/v1/visits", json={"page": "pages/index/index"}, headers=alice["headers"])
    assert first.status_code == 201
    assert first.get_json()["first"] is True and first.get_json()["page"] == "pages/index/index"
    again = client.post("/api/v1/visits", json={}, headers=alice["headers"])
    assert again.status_code == 201 and again.get_json()["first"] is False
    assert [(v.user_id, v.page) for v in rows(app, Visit)] == [(alice["user"]["id"], "pages/index/index"),
                                                              (alice["user"]["id"], None)]
    [first_visit] = rows(app, FirstVisit)
    assert (first_visit.user_id, first_visit.page) == (alice["user"]["id"], "pages/index/index")


def test_visits_need_a_login(client):
    response = client.post("/api/v1/visits", json={"page": "pages/index/index"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "missing_token"


def test_a_visit_body_is_validated(client, alice):
    too_long = client.post("/api/v1/visits", json={"page": "p" * 129}, headers=alice["headers"])
    assert too_long.status_code == 422 and "page" in too_long.get_json()["error"]["details"]["fields"]
    unknown = client.post("/api/v1/visits", json={"path": "x"}, headers=alice["headers"])
    assert unknown.status_code == 422


def test_visits_are_in_the_openapi_document(client):
    assert "/api/v1/visits" in client.get("/api/openapi.json").get_json()["paths"]
