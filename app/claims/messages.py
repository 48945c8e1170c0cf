"""Subscribe messages about a claim's progress, sent only while the user's opt-ins last.

WeChat lets a mini-program message a user once per "accept" the user gave in
``wx.requestSubscribeMessage``; the mini-program tells us what the user chose
(``record_opt_ins``) and each message spends one. A transition made by the insurer or
an operator queues ``send_progress_message`` after its commit, so WeChat being
down never blocks or undoes a move; the event row is marked once its message is settled,
which makes the job safe to run twice. Moves the user made themselves (filing,
withdrawing, uploading) send nothing: the user is looking at the screen, and an opt-in
is too scarce to spend on telling them what they just did.
"""

from __future__ import annotations

import datetime as dt
import logging

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.dialects import postgresql, sqlite

from app.claims import states
from app.claims.models import Claim, ClaimEvent, SubscribeOptIn
from app.core import clock
from app.core.i18n import in_language
from app.core.jobs import job
from app.extensions import db
from app.users import services as users
from app.wechat import client as wechat
from app.wechat.errors import WeChatUnavailable

log = logging.getLogger(__name__)

#: The WECHAT_SUBSCRIBE_TEMPLATES event whose template carries claim progress.
TEMPLATE_EVENT = "claim_progress"
#: Accepts pile up at WeChat too, but a client that reports thousands is not telling the truth.
MAX_OPT_INS = 50
#: News older than this is not worth an opt-in (a message queued through a long outage).
MESSAGE_MAX_AGE = dt.timedelta(days=3)
#: The sweep leaves the after-commit job this long to do its work first.
SWEEP_GRACE = dt.timedelta(minutes=1)
#: WeChat: "the user has not subscribed, or the subscription was used up".
ERRCODE_NO_OPT_IN = 43101
ERRCODE_INVALID_OPENID = 40003

#: Keywords of the claim-progress template picked in WeChat's console (their kinds' lengths are WeChat's
#: rules, kept by ``wechat.client.send_subscribe_message``).
MESSAGE_KEYS = {"claim_no": "character_string1", "step": "thing2", "time": "time3", "note": "thing4"}


def template_id() -> str | None:
    return current_app.config["WECHAT_SUBSCRIBE_TEMPLATES"].get(TEMPLATE_EVENT)


def record_opt_ins(user_id: int, choices: dict[str, str]) -> dict:
    """Add one opt-in per "accept" for templates we use; other template ids are ignored.

    Returns ``{"opt_ins": {template_id: remaining}, "ignored": [template_id, ...]}``.
    """
    known = set(current_app.config["WECHAT_SUBSCRIBE_TEMPLATES"].values())
    ignored = sorted(tid for tid in choices if tid not in known)
    now = clock.now()
    for tid, choice in choices.items():
        if tid in known and choice == "accept":
            _add_opt_in(user_id, tid, now)
    db.session.flush()
    rows = db.session.execute(sa.select(SubscribeOptIn.template_id, SubscribeOptIn.remaining).where(
        SubscribeOptIn.user_id == user_id, SubscribeOptIn.template_id.in_(known))).all()
    return {"opt_ins": {tid: remaining for tid, remaining in rows}, "ignored": ignored}


def _add_opt_in(user_id: int, tid: str, now: dt.datetime) -> None:
    dialect = db.session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
    # Two answers arriving at once both land: the row is created once, then each adds one.
    db.session.execute(insert(SubscribeOptIn).values(user_id=user_id, template_id=tid, remaining=0, updated_at=now)
                       .on_conflict_do_nothing(index_elements=["user_id", "template_id"]))
    db.session.execute(sa.update(SubscribeOptIn).where(
        SubscribeOptIn.user_id == user_id, SubscribeOptIn.template_id == tid).values(
        remaining=sa.case((SubscribeOptIn.remaining < MAX_OPT_INS, SubscribeOptIn.remaining + 1),
                          else_=SubscribeOptIn.remaining),
        updated_at=now))


def _spend_opt_in(user_id: int, tid: str) -> bool:
    result = db.session.execute(sa.update(SubscribeOptIn).where(
        SubscribeOptIn.user_id == user_id, SubscribeOptIn.template_id == tid, SubscribeOptIn.remaining > 0,
    ).values(remaining=SubscribeOptIn.remaining - 1, updated_at=clock.now()))
    return result.rowcount == 1


def use_opt_in(user_id: int, tid: str) -> bool:
    """Spend one of the user's opt-ins for template ``tid`` (another feature's message, e.g. a renewal
    notice); False when none is left."""
    return _spend_opt_in(user_id, tid)


def _forget_opt_ins(user_id: int, tid: str) -> None:
    db.session.execute(sa.update(SubscribeOptIn).where(
        SubscribeOptIn.user_id == user_id, SubscribeOptIn.template_id == tid).values(remaining=0,
                                                                                      updated_at=clock.now()))


def needs_message(actor: str) -> bool:
    return actor != "user"


def settle_message(event_id: int) -> str:
    """Settle the subscribe message of one transition, at most once; returns the outcome.

    A WeChat outage raises (the caller rolls back: the opt-in is given back and the
    event stays pending for a retry). The window between WeChat accepting the message
    and our commit is the one place a message could go out twice.
    """
    event = db.session.scalars(sa.select(ClaimEvent).where(ClaimEvent.id == event_id).with_for_update()
                               .execution_options(populate_existing=True)).one_or_none()
    if event is None:
        return "gone"
    if event.notify_outcome is not None:
        return event.notify_outcome
    now = clock.now()
    tid = template_id()
    if not tid:
        return _settle(event, "no_template", now)
    if now - event.at > MESSAGE_MAX_AGE:
        return _settle(event, "expired", now)
    claim = db.session.get(Claim, event.claim_id)
    if not _spend_opt_in(claim.user_id, tid):
        return _settle(event, "no_opt_in", now)
    user = users.get_user(claim.user_id)
    with in_language(user.language):  # it reaches the user outside any request: in the language they read
        data = message_data(claim, event)
    try:
        wechat.send_subscribe_message(user.openid, tid, data, page=f"pages/claim/claim?no={claim.claim_no}")
    except WeChatUnavailable as refused:
        if refused.errcode == ERRCODE_NO_OPT_IN:
            _forget_opt_ins(claim.user_id, tid)  # our count was ahead of WeChat's
            return _settle(event, "no_opt_in", now)
        if refused.errcode == ERRCODE_INVALID_OPENID:
            return _settle(event, "undeliverable", now)
        raise
    return _settle(event, "sent", now)


@job
def send_progress_message(event_id: int) -> str:
    """Queued after a move commits; settles that move's message at most once."""
    return settle_message(event_id)


def _settle(event: ClaimEvent, outcome: str, now: dt.datetime) -> str:
    event.notify_outcome = outcome
    event.notified_at = now
    db.session.flush()
    log.info("claim event %s message: %s", event.id, outcome)
    return outcome


def message_data(claim: Claim, event: ClaimEvent) -> dict:
    """The template data in WeChat's ``{keyword: {"value": ...}}`` shape, in the current language."""
    step = str(states.STATE_NAMES[event.to_state])
    return {
        MESSAGE_KEYS["claim_no"]: {"value": claim.claim_no},
        MESSAGE_KEYS["step"]: {"value": step[:1].upper() + step[1:]},
        MESSAGE_KEYS["time"]: {"value": clock.to_shanghai(event.at).strftime("%Y-%m-%d %H:%M")},
        MESSAGE_KEYS["note"]: {"value": " ".join((event.note or _("See your claim")).split())},
    }


def pending_event_ids(limit: int = 200) -> list[int]:
    """Transitions whose message the after-commit job has not settled (Redis was down, or it failed)."""
    return list(db.session.scalars(sa.select(ClaimEvent.id).where(
        ClaimEvent.notify_outcome.is_(None), ClaimEvent.at <= clock.now() - SWEEP_GRACE,
    ).order_by(ClaimEvent.id).limit(limit)))
