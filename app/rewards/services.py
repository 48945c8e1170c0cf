"""WeRun: steps decrypted with the user's session_key, stored per day, rewarded once per day."""

from __future__ import annotations

import datetime as dt
import logging

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.agreements import services as agreements
from app.campaigns import services as campaigns
from app.catalog import services as catalog
from app.catalog.models import Plan, Product
from app.core import clock
from app.core.errors import Conflict, Gone, NotFound
from app.extensions import db
from app.insured import services as insured_rules
from app.policies import services as policies
from app.rewards.models import Reward, WerunDay
from app.users import services as users
from app.wechat import client as wechat
from app.wechat.errors import DecryptionFailed

log = logging.getLogger(__name__)

#: Steps count for a reward on these days: today, and yesterday (people sync the morning after a walk).
REWARDED_DAYS = 2


class SessionExpired(Conflict):
    code = "session_expired"
    message = _l("Your WeChat session has changed; please call wx.login and log in again, then retry.")


class RewardRedeemed(Conflict):
    code = "reward_redeemed"
    message = _l("This reward has already been used.")


class GiftCoverUnavailable(Conflict):
    code = "gift_cover_unavailable"
    message = _l("Gift cover is not available right now. Your reward is kept: please try again later.")


class RewardExpired(Gone):
    code = "reward_expired"
    message = _l("This reward has expired.")


def record_werun(user_id: int, encrypted_data: str, iv: str) -> dict:
    """Store the user's WeRun steps and grant what they earned; ``session_expired`` if the data was
    encrypted with a session_key we no longer hold (the user logged in again elsewhere)."""
    user = users.get_user(user_id)
    session_key = users.session_key_of(user)
    if not session_key:
        raise SessionExpired()
    try:
        data = wechat.decrypt_user_data(session_key, encrypted_data, iv)
    except DecryptionFailed:
        raise SessionExpired() from None
    today = clock.to_shanghai(clock.now()).date()
    steps_by_day = {}
    for item in data.get("stepInfoList") or []:
        try:
            day = dt.datetime.fromtimestamp(int(item["timestamp"]), clock.SHANGHAI).date()
            steps_by_day[day] = max(0, int(item["step"]))
        except (KeyError, TypeError, ValueError):
            continue
    for day, steps in steps_by_day.items():
        if day <= today:
            _store_day(user.id, day, steps)
    for offset in range(REWARDED_DAYS):
        day = today - dt.timedelta(days=offset)
        if day in steps_by_day:
            _grant_for_day(user.id, day, steps_by_day[day])
    db.session.flush()
    return {"steps_today": steps_by_day.get(today, 0), "rewards": list_for_user(user.id)}


def _store_day(user_id: int, day: dt.date, steps: int) -> None:
    row = db.session.scalars(sa.select(WerunDay).where(WerunDay.user_id == user_id, WerunDay.day == day)).one_or_none()
    if row is None:
        try:
            with db.session.begin_nested():
                db.session.add(WerunDay(user_id=user_id, day=day, steps=steps, updated_at=clock.now()))
            return
        except IntegrityError:
            row = db.session.scalars(sa.select(WerunDay).where(WerunDay.user_id == user_id,
                                                               WerunDay.day == day)).one()
    row.steps, row.updated_at = steps, clock.now()


def _grant_for_day(user_id: int, day: dt.date, steps: int) -> None:
    """One reward for the day, from the oldest WeRun campaign that ran on that Beijing day whose threshold the day's steps pass and
    that can grant; one whose per-user limit is reached or budget spent passes the day on to the next, as coupons
    are granted (docs/domain.md, Coupons and rewards). An operator who replaces a campaign, or runs two, never makes
    the same walk earn twice: the reward is keyed by the user and the day, whichever campaign grants it, and the
    database holds it to one (``rewards``' unique user and source).

    The user's allowance, the budget and the reward are taken together, in one savepoint: the
    same day reported twice at once leaves one reward and spends the budget once. With no gift plan on sale
    (an admin took it off), or in production while its insurer is not named (``catalog.insurer_named``), there is no
    cover to give: nothing is granted, and the steps are kept.
    """
    source_key = f"werun:{user_id}:{day.isoformat()}"
    if db.session.scalar(sa.select(Reward.id).where(Reward.user_id == user_id,
                                                    Reward.source_key == source_key)) is not None:
        return
    plan = _gift_plan()
    if plan is None:
        log.warning("werun rewards: no gift plan is on sale, so nothing is granted")
        return
    if not catalog.insurer_named(plan):  # the cover could not be issued: promising it would mislead the user
        log.warning("werun rewards: the gift plan's insurer is not named, so nothing is granted")
        return
    for campaign in campaigns.running_on_day("werun", day):
        settings = campaign.settings or {}
        if steps < int(settings.get("min_steps", 10_000)):
            continue
        coverage = int(settings["coverage_fen"])
        now = clock.now()
        try:
            with db.session.begin_nested():
                if not campaigns.take_allowance(campaign, user_id):
                    log.info("werun campaign %s: user %s has had what it allows", campaign.code, user_id)
                    continue
                premium = plan.premium_for(coverage)
                campaigns.take_budget(campaign.id, premium)
                db.session.add(Reward(user_id=user_id, campaign_id=campaign.id, source_key=source_key,
                                      name_zh=campaign.name_zh, name_en=campaign.name_en, coverage_fen=coverage,
                                      premium_fen=premium, status="available", granted_at=now,
                                      valid_until=clock.good_for_days(now, int(settings.get("valid_days", 7)))))
                db.session.flush()
            return
        except campaigns.BudgetExhausted:
            log.info("werun campaign %s has no budget left", campaign.code)
        except IntegrityError:  # the same day reported twice at once: one reward stands
            return


def expire_due(now: dt.datetime | None = None) -> int:
    """Rewards past their validity unredeemed turn ``expired``, the premium each took back in its campaign's budget
    (``campaigns.expire_grants``); how many."""
    return campaigns.expire_grants(Reward, Reward.premium_fen, now or clock.now())


def _gift_plan() -> Plan | None:
    """The gift plan on sale rewards turn into; None while none is (an admin took it off sale)."""
    return db.session.scalars(sa.select(Plan).join(Product).where(
        Product.category == "gift", Plan.active.is_(True)).order_by(Plan.id)).first()


def list_for_user(user_id: int) -> list[Reward]:
    return list(db.session.scalars(
        sa.select(Reward).where(Reward.user_id == user_id).order_by(Reward.granted_at.desc(), Reward.id.desc())))


def redeem(user_id: int, reward_id: int, insured: insured_rules.InsuredChoice,
           agreement: agreements.AgreementRequest | None = None):
    """Turn a reward into gift cover for the insured person, once: the gift cover's documents accepted
    first (``agreements.check``), then the insured person checked; the sale's trace kept beside the policy."""
    reward = db.session.scalars(sa.select(Reward).where(
        Reward.id == reward_id, Reward.user_id == user_id).with_for_update()).one_or_none()
    if reward is None:
        raise NotFound(_("We could not find that reward."))
    now = clock.now()
    if reward.status == "redeemed":
        raise RewardRedeemed()
    if now >= reward.valid_until:
        raise RewardExpired()
    plan = _gift_plan()
    if plan is None:
        raise GiftCoverUnavailable()
    catalog.ensure_insurer_named(plan)  # as a red envelope of it is refused: the reward is kept for later
    agreed = agreements.check(plan.product, agreement or agreements.AgreementRequest())
    person = insured_rules.insured_for(user_id, insured, plan, reward.coverage_fen)
    # The premium is what the campaign's budget paid when the reward was granted, whatever the plan costs now.
    policy = policies.issue_gift(user_id, plan, reward.coverage_fen, reward.premium_fen, person, source="reward")
    agreements.record(agreed, user_id=user_id, source="reward", term_days=plan.term_days, policy_id=policy.id)
    reward.move_to("redeemed")  # the row is locked: no other redemption can be between
    reward.redeemed_at, reward.policy_id = now, policy.id
    db.session.flush()
    return {"reward": reward, "policy_no": policy.policy_no}
