"""The campaign pages break a campaign's coupons out by what became of them, so its spent budget reconciles."""

from __future__ import annotations

import datetime as dt
import re

import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.catalog.models import Plan
from app.core import clock
from app.extensions import db
from tests.coupons.helpers import coupons_of, hospital_event, openid_of, order
from tests.payments.helpers import post_notification, signed_notification
from tests.referrals.test_growth_review import _cancels_in_cooling_off
from tests.referrals.test_review_defects import _buys, _referred_friend
from tests.support import partner_post, run_periodic_jobs


def _campaign(app, kind) -> Campaign:
    with app.app_context():
        found = db.session.scalars(sa.select(Campaign).where(Campaign.kind == kind)).one()
        db.session.expunge(found)
        return found


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_campaign_pages_show_coupons_used_held_revoked_and_expired_with_what_they_gave(
        app, client, campaigns, alice, bob, as_admin):
    """The pages said only "granted / used": coupons a friend's cancellation took back, or that expired unused,
    counted as neither, and gave their value back to the budget, so an operator could not reconcile what was spent
    with the coupons. Each is now counted, with what used coupons took off and what held ones are worth."""
    with app.app_context():
        db.session.execute(sa.update(Plan).where(Plan.code == "hospital-basic").values(premium_fen=300))
        db.session.commit()
    partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, alice), "evt-alice"))
    partner_post(client, app, "/webhooks/scenarios", hospital_event(openid_of(client, bob), "evt-bob"))
    [alices] = coupons_of(client, alice)
    created = order(client, alice, alices["id"]).get_json()
    post_notification(client, signed_notification(app, created["order_no"], created["amount_fen"]))
    with clock.frozen_at(clock.now() + dt.timedelta(days=32)):  # bob's expires unused
        run_periodic_jobs(app)

    cancelled, newcomer = _referred_friend(client, alice), _referred_friend(client, alice, name="newcomer")
    _buys(app, client, cancelled)
    _cancels_in_cooling_off(client, cancelled)  # its coupon is taken back
    _buys(app, client, newcomer)  # alice holds this one

    hospital, referral = _campaign(app, "hospital_payment"), _campaign(app, "referral")
    assert (hospital.spent_fen, referral.spent_fen) == (299, 500)
    page = _text(as_admin.get(f"/admin/campaigns/{hospital.id}").get_data(as_text=True))
    assert "已花费 ¥2.99" in page
    assert "已发放 2 张：已使用 1 张，共抵扣 ¥2.99；用户持有 0 张，面值 ¥0.00；已收回 0 张；已过期 1 张" in page
    page = _text(as_admin.get(f"/admin/campaigns/{referral.id}").get_data(as_text=True))
    assert "已发放 2 张：已使用 0 张，共抵扣 ¥0.00；用户持有 1 张，面值 ¥5.00；已收回 1 张；已过期 0 张" in page
    listed = as_admin.get("/admin/campaigns").get_data(as_text=True)
    assert "已发放 / 已使用 / 已收回 / 已过期" in listed
    rows = dict(re.findall(r'<tr data-campaign="([^"]+)">(.*?)</tr>', listed, re.S))
    counts = {code: re.findall(r"\d+ / \d+(?: / \d+)*", row) for code, row in rows.items()}
    assert (counts[hospital.code], counts[referral.code]) == (["2 / 1 / 0 / 1"], ["2 / 0 / 1 / 0"])
