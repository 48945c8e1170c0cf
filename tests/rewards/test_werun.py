"""WeRun end to end through the sandbox: decrypted with the session_key, stored per day, rewarded once."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core import clock
from tests.support import agreement, bearer, login, resident_id


def werun_data(client, who, steps):
    openid = client.get("/api/v1/me", headers=who["headers"]).get_json()["openid"]
    response = client.post("/sandbox/wechat/werun", json={"openid": openid, "steps": steps})
    assert response.status_code == 200
    return response.get_json()


def report(client, who, data):
    return client.post("/api/v1/rewards/werun", json=data, headers=who["headers"])


def test_ten_thousand_steps_earn_one_reward_a_day(client, campaigns, alice):
    first = report(client, alice, werun_data(client, alice, [12_345, 800]))
    assert first.status_code == 200
    body = first.get_json()
    assert body["steps_today"] == 12_345
    [reward] = body["rewards"]
    assert (reward["coverage_fen"], reward["status"]) == (1_000_000, "available")
    again = report(client, alice, werun_data(client, alice, [15_000, 800])).get_json()
    assert again["steps_today"] == 15_000 and len(again["rewards"]) == 1


def test_a_reward_is_named_in_chinese_and_in_english_for_an_english_phone(client, campaigns, alice):
    [reward] = report(client, alice, werun_data(client, alice, [10_000])).get_json()["rewards"]
    assert reward["name"] == "走满1万步，送1万元意外保障30天"
    english = client.get("/api/v1/rewards", headers=dict(alice["headers"], **{"Accept-Language": "en"})).get_json()
    assert [r["name"] for r in english] == ["10,000 steps: 10,000 yuan of accident cover for 30 days"]


def test_fewer_steps_earn_nothing(client, campaigns, alice):
    assert report(client, alice, werun_data(client, alice, [9_999])).get_json()["rewards"] == []


def test_yesterdays_walk_counts_when_synced_this_morning(client, campaigns, alice):
    body = report(client, alice, werun_data(client, alice, [300, 11_000])).get_json()
    assert body["steps_today"] == 300 and len(body["rewards"]) == 1


def test_data_from_a_previous_session_is_409_session_expired(client, campaigns, alice):
    stale = werun_data(client, alice, [12_000])
    login(client, "alice")  # the user logged in again elsewhere: WeChat rotated the session_key
    response = report(client, alice, stale)
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "session_expired"
    assert "wx.login" in response.get_json()["error"]["message"]


def test_garbage_is_treated_like_a_stale_session_not_a_crash(client, campaigns, alice):
    response = report(client, alice, {"encrypted_data": "bm90IGVuY3J5cHRlZA==", "iv": "AAAAAAAAAAAAAAAAAAAAAA=="})
    assert response.status_code == 409


def test_a_reward_is_redeemed_once_into_gift_cover(client, campaigns, alice, bob):
    [reward] = report(client, alice, werun_data(client, alice, [10_000])).get_json()["rewards"]
    insured = {"name": "周九", "id_number": resident_id("19950505")}
    body = {**agreement(client, "gift-accident"), "insured": insured}
    assert client.post(f"/api/v1/rewards/{reward['id']}/redeem", json=body,
                       headers=bob["headers"]).status_code == 404
    redeemed = client.post(f"/api/v1/rewards/{reward['id']}/redeem", json=body,
                           headers=alice["headers"])
    assert redeemed.status_code == 201
    policy = client.get(f"/api/v1/policies/{redeemed.get_json()['policy_no']}", headers=alice["headers"]).get_json()
    assert (policy["source"], policy["coverage_fen"], policy["product_code"]) == ("reward", 1_000_000, "gift-accident")
    twice = client.post(f"/api/v1/rewards/{reward['id']}/redeem", json=body, headers=alice["headers"])
    assert twice.status_code == 409 and twice.get_json()["error"]["code"] == "reward_redeemed"


@pytest.mark.parametrize("body", [{}, {"encrypted_data": "x"}, {"encrypted_data": "x", "iv": "y", "z": 1}])
def test_bad_werun_bodies_are_422(client, campaigns, alice, body):
    assert client.post("/api/v1/rewards/werun", json=body, headers=alice["headers"]).status_code == 422


def _beijing(*when) -> dt.datetime:
    return dt.datetime(*when, tzinfo=clock.SHANGHAI).astimezone(dt.timezone.utc)


def _rewards_of(client, name):
    return client.get("/api/v1/rewards", headers=bearer(login(client, name)["token"])).get_json()


def test_a_reward_is_good_for_the_whole_last_day_it_shows(client, campaigns, alice):
    """A reward earned at 15:00 Beijing on 26 Nov says "activate by 3 Dec" (the mini-program writes the Beijing date
    of ``valid_until``): it expired at 15:00 on 3 Dec, on the day the user was told they still could. It now runs to
    the end of that Beijing day, as coupons do."""
    with clock.frozen_at(_beijing(2026, 11, 26, 15, 0)):
        [reward] = report(client, alice, werun_data(client, alice, [10_000])).get_json()["rewards"]
    last_day = clock.to_shanghai(dt.datetime.fromisoformat(reward["valid_until"])).date()
    assert last_day == dt.date(2026, 12, 3)  # what the user reads: activate by 3 Dec
    with clock.frozen_at(_beijing(2026, 12, 3, 20, 0)):
        assert _rewards_of(client, "alice")[0]["status"] == "available"
    with clock.frozen_at(_beijing(2026, 12, 4, 0, 0)):
        assert _rewards_of(client, "alice")[0]["status"] == "expired"
