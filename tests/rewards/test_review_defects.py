"""Defects found by a review of WeRun rewards: each test failed on the code before its fix."""

from __future__ import annotations

from tests.admin.support import log_in, make_admin, post_form
from tests.rewards.test_werun import report, werun_data
from tests.support import agreement, plan_id, resident_id


def _gift_cover_taken_off_sale(app, client):
    """An admin takes the gift plan off sale (the product page's one-click toggle)."""
    make_admin(app, "root", "admin")
    admin = app.test_client()
    assert log_in(admin, "root").status_code == 302
    gift = plan_id(client, "gift-accident-30d")
    assert post_form(admin, f"/admin/plans/{gift}/deactivate").status_code == 303


def test_a_walk_reported_while_gift_cover_is_off_sale_is_stored_not_a_500(app, client, campaigns, alice):
    """With no gift plan on sale, a report of 10,000 steps crashed the request (500) where it found the plan's
    price to spend from the campaign's budget: the user's steps were lost with it."""
    _gift_cover_taken_off_sale(app, client)
    response = report(client, alice, werun_data(client, alice, [12_000]))
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"steps_today": 12_000, "rewards": []}


def test_redeeming_a_reward_while_gift_cover_is_off_sale_is_a_clear_409(app, client, campaigns, alice):
    [reward] = report(client, alice, werun_data(client, alice, [12_000])).get_json()["rewards"]
    body = {**agreement(client, "gift-accident-30d"), "insured": {"name": "钱七", "id_number": resident_id("19880808")}}
    _gift_cover_taken_off_sale(app, client)
    response = client.post(f"/api/v1/rewards/{reward['id']}/redeem", headers=alice["headers"], json=body)
    assert response.status_code == 409, response.get_json()
    assert response.get_json()["error"]["code"] == "gift_cover_unavailable"
    assert client.get("/api/v1/rewards", headers=alice["headers"]).get_json()[0]["status"] == "available"
