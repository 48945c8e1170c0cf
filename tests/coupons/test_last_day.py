"""A coupon is good for the whole of the last day it shows (Beijing time); the test failed on the code before its fix."""

from __future__ import annotations

import datetime as dt

from app.core import clock
from tests.coupons.helpers import coupons_of, hospital_event, openid_of, order
from tests.support import login, partner_post


def _beijing(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=clock.SHANGHAI).astimezone(clock.UTC)


def _as(client, name):
    return {"headers": {"Authorization": f"Bearer {login(client, name)['token']}"}}


def test_a_coupon_is_good_for_the_whole_last_day_it_shows(app, client, campaigns, alice):
    """A 30-day coupon granted at 15:00 Beijing on 26 Nov says "use by 26 Dec" (the mini-program writes the Beijing
    date of ``valid_until``): it expired at 15:00 on 26 Dec, so an order that evening was refused ``coupon_expired``
    on the day the user was told they could still use it. It now runs to the end of that Beijing day."""
    openid = openid_of(client, alice)
    with clock.frozen_at(_beijing(2026, 11, 26, 15, 0)):
        granted = partner_post(client, app, "/webhooks/scenarios", hospital_event(openid))
        assert granted.get_json()["applied"] is True
        [coupon] = coupons_of(client, _as(client, "alice"))
    last_day = clock.to_shanghai(dt.datetime.fromisoformat(coupon["valid_until"])).date()
    assert last_day == dt.date(2026, 12, 26)  # what the user reads: use by 26 Dec
    with clock.frozen_at(_beijing(2026, 12, 26, 20, 0)):
        assert coupons_of(client, _as(client, "alice"))[0]["status"] == "available"
        evening = order(client, _as(client, "alice"), coupon["id"])
        assert evening.status_code == 201, evening.get_json()
        client.post(f"/api/v1/orders/{evening.get_json()['order_no']}/cancel", headers=_as(client, "alice")["headers"])
    with clock.frozen_at(_beijing(2026, 12, 27, 0, 0)):
        assert coupons_of(client, _as(client, "alice"))[0]["status"] == "expired"
        next_day = order(client, _as(client, "alice"), coupon["id"])
        assert next_day.status_code == 422 and next_day.get_json()["error"]["code"] == "coupon_expired"
