"""Insurance red envelopes: sending them (paid or promo), reading them, and activating a grabbed share.

The rules (docs/domain.md, Red envelopes): 1–100 shares of gift cover, each at least 1,000
yuan in steps of 100 yuan; an envelope is active 24 hours after it is paid (promo envelopes
at once); each user grabs at most one share (``grabs``); a grab becomes a policy when
activated within 7 days; the premium of coverage never activated is refunded once the last
grab's window has closed (``settlement``). Declares the ``envelope`` order kind, and the
envelope as something users can share.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.agreements import services as agreements
from app.campaigns import services as campaigns
from app.catalog import services as catalog
from app.catalog.models import Plan
from app.core import clock, events
from app.core.i18n import yuan
from app.core.jobs import enqueue_after_commit
from app.core.errors import Conflict, Gone, NotFound, ValidationFailed
from app.envelopes import split
from app.envelopes.models import Envelope, EnvelopeGrab, EnvelopeShare
from app.extensions import db
from app.insured import services as insured_rules
from app.orders import kinds
from app.orders import services as orders
from app.payments.models import Refund
from app.policies import services as policies
from app.referrals import services as referrals
from app.users import services as users
from app.users.models import User

#: The order kind that pays for an envelope's gift cover.
KIND = "envelope"
#: Unclaimed shares expire this long after the envelope turns active.
ENVELOPE_LIFETIME = dt.timedelta(hours=24)
#: A grab not activated within this long lapses.
ACTIVATION_WINDOW = dt.timedelta(days=7)


class AlreadyActivated(Conflict):
    code = "already_activated"
    message = _l("This cover is already active.")


class GrabLapsed(Gone):
    code = "grab_lapsed"
    message = _l("This share was not activated within 7 days and has lapsed.")


@dataclass
class CreatedEnvelope:
    envelope: Envelope
    share_token: str
    pay_params: dict | None

    @property
    def envelope_id(self) -> str:
        return self.envelope.public_id

    @property
    def status(self) -> str:
        return self.envelope.status

    @property
    def amount_fen(self) -> int:
        """What the sender pays: nothing for a promo envelope."""
        return self.envelope.premium_fen if self.envelope.funding == "wechat_pay" else 0


def premium_for(plan: Plan, coverage_fen: int) -> int:
    """The gift plan prices per coverage unit (``Plan.premium_for``). A share is at least one coverage unit
    (``split.FLOOR_FEN``) and the admin refuses a price below 1 fen a unit, so no share's premium is ever 0."""
    return plan.premium_for(coverage_fen)


# -- creating ----------------------------------------------------------------------------------

def create(user_id: int, plan_id: int, total_coverage_fen: int, shares: int, mode: str, greeting: str,
           client_ip: str, campaign_code: str | None = None) -> CreatedEnvelope:
    """Create an envelope and its shares; paid through WeChat Pay, or by a promo campaign's budget."""
    plan = catalog.gift_plan(plan_id)
    amounts = split.split(total_coverage_fen, shares, mode)
    premium = premium_for(plan, total_coverage_fen)
    now = clock.now()
    envelope = Envelope(
        public_id=secrets.token_urlsafe(16), sender_id=user_id, plan_id=plan.id,
        total_coverage_fen=total_coverage_fen, shares=shares, mode=mode, greeting=greeting.strip(),
        premium_fen=premium, created_at=now,
    )
    pay_params = None
    if campaign_code:
        campaign = campaigns.running_campaign(campaign_code, "envelope_promo")
        _check_promo_limits(campaign, user_id, total_coverage_fen)
        campaigns.take_budget(campaign.id, premium)
        envelope.funding, envelope.campaign_id = "campaign", campaign.id
        envelope.status, envelope.activated_at, envelope.expires_at = "active", now, now + ENVELOPE_LIFETIME
        _turned_active(envelope)
    else:
        sender = users.get_user(user_id)
        order = orders.create(user_id=sender.id, kind=KIND, plan_id=plan.id, premium_fen=premium)
        pay_params = orders.prepay(order, openid=sender.openid, description="保险红包",
                                   client_ip=client_ip)
        envelope.funding, envelope.status, envelope.order_id = "wechat_pay", "pending_payment", order.id
    db.session.add(envelope)
    db.session.flush()
    db.session.execute(sa.insert(EnvelopeShare), [
        {"envelope_id": envelope.id, "position": position, "coverage_fen": amount}
        for position, amount in enumerate(amounts)
    ])
    token = referrals.share(user_id, KIND, envelope.public_id).token
    return CreatedEnvelope(envelope=envelope, share_token=token, pay_params=pay_params)


def replay(user_id: int, first: dict) -> CreatedEnvelope | None:
    """A create repeated with its Idempotency-Key: the envelope it made as it is now, with what pays
    it only while it is waiting for payment (docs/api.md, Idempotent creates).

    None once that envelope has closed unpaid: its order can never be paid, and the sender sending the
    same envelope again wants one they can pay, so the create is made afresh under the same key.
    """
    envelope = db.session.scalars(sa.select(Envelope).where(
        Envelope.public_id == first["envelope_id"], Envelope.sender_id == user_id)).one()
    if envelope.status == "closed":
        return None
    pay_params = first.get("pay_params") if envelope.status == "pending_payment" else None
    return CreatedEnvelope(envelope=envelope, share_token=first["share_token"], pay_params=pay_params)


def _check_promo_limits(campaign, user_id: int, total_coverage_fen: int) -> None:
    limit = (campaign.settings or {}).get("max_coverage_fen")
    if limit and total_coverage_fen > limit:
        raise ValidationFailed.for_field("total_coverage_fen",
                                         _("This promotion covers envelopes up to %(amount)s yuan.", amount=yuan(limit)))
    if not campaigns.take_allowance(campaign, user_id):
        raise Conflict(_("You have already sent the free envelopes this promotion allows."),
                       code="campaign_limit_reached")


def turn_active(orders) -> None:
    """Envelopes' orders are paid: each envelope turns active, for 24 hours."""
    for order in orders:
        envelope = db.session.scalars(
            sa.select(Envelope).where(Envelope.order_id == order.id).with_for_update()).one()
        if envelope.status == "pending_payment":
            now = clock.now()
            envelope.move_to("active")
            envelope.activated_at, envelope.expires_at = now, now + ENVELOPE_LIFETIME
            db.session.flush()
            _turned_active(envelope)


kinds.declare(KIND, fulfil=turn_active)

#: Jobs queued with an envelope's public id once the commit that made it active is done: ``grabs`` opens its gate
#: there (it imports this module, so it declares its job with ``when_active`` instead of being called).
_WHEN_ACTIVE: list = []


def when_active(job_function):
    """Declare a job to queue, with the envelope's public id, after each commit that makes an envelope active."""
    _WHEN_ACTIVE.append(job_function)
    return job_function


def _turned_active(envelope: Envelope) -> None:
    for job_function in _WHEN_ACTIVE:
        enqueue_after_commit(job_function, envelope.public_id)


@events.order_closed.connect
def _close_unpaid(order, **_signal) -> None:
    """The envelope's order closed unpaid (its payment window passed): the envelope closes for good, in the
    same unit of work. Nothing was paid, so nothing is refunded; a payment that still arrives is the payment
    path's late payment, refunded, and never opens the envelope (``turn_active`` is never called for it)."""
    if order.kind != KIND:
        return
    envelope = db.session.scalars(
        sa.select(Envelope).where(Envelope.order_id == order.id).with_for_update()).one_or_none()
    if envelope is not None and envelope.status == "pending_payment":
        envelope.move_to("closed")
        db.session.flush()


# -- reading -----------------------------------------------------------------------------------

def get_envelope(public_id: str) -> Envelope:
    """The envelope anyone holding its id may read and grab; 404 for an id that does not exist."""
    envelope = db.session.scalars(sa.select(Envelope).where(Envelope.public_id == public_id)).one_or_none()
    if envelope is None:
        raise NotFound(_("We could not find that envelope."))
    return envelope


def view(public_id: str, viewer_id: int) -> dict:
    """What anyone holding the envelope id sees: the card, who got what, the luckiest, and their own grab."""
    envelope = get_envelope(public_id)
    now = clock.now()
    grabs = db.session.execute(
        sa.select(EnvelopeGrab, User.nickname).join(User, User.id == EnvelopeGrab.user_id)
        .where(EnvelopeGrab.envelope_id == envelope.id).order_by(EnvelopeGrab.grabbed_at, EnvelopeGrab.id)
    ).all()
    status = status_at(envelope, now)
    listed = [{"nickname": nickname or _("WeChat user"), "coverage_fen": grab.coverage_fen, "grabbed_at": grab.grabbed_at}
              for grab, nickname in grabs]
    luckiest = None
    if listed and status in ("exhausted", "expired") and envelope.mode == "random":
        luckiest = max(listed, key=lambda g: (g["coverage_fen"], -g["grabbed_at"].timestamp()))
    mine = next((grab for grab, _nickname in grabs if grab.user_id == viewer_id), None)
    sender = db.session.get(User, envelope.sender_id)
    return {
        "envelope_id": envelope.public_id,
        "is_sender": envelope.sender_id == viewer_id,
        "status": status,
        "mode": envelope.mode,
        "greeting": envelope.greeting,
        "sender": {"nickname": sender.nickname or _("WeChat user"), "avatar_url": sender.avatar_url},
        "total_coverage_fen": envelope.total_coverage_fen,
        "shares": envelope.shares,
        "shares_left": envelope.shares - len(grabs) if status in ("active", "pending_payment") else 0,
        "grabs": listed,
        "luckiest": luckiest,
        "expires_at": envelope.expires_at,
        "my_grab": None if mine is None else {
            "grab_id": mine.public_id, "coverage_fen": mine.coverage_fen, "status": grab_status_at(mine, now),
            "activate_by": mine.activate_by, "policy_no": policies.policy_no_of(mine.policy_id)},
        "share_card": {
            # TRANSLATORS: the title of the card a red envelope is shared as, in the sender's chat.
            "title": _("%(sender)s sent you accident cover", sender=sender.nickname or _("A friend")),
            "greeting": envelope.greeting,
            "path": f"/pages/envelope/envelope?id={envelope.public_id}",
        },
    }


def status_at(envelope: Envelope, now: dt.datetime) -> str:
    if envelope.status == "active" and envelope.expires_at and now >= envelope.expires_at:
        return "expired"
    return envelope.status


def grab_status_at(grab: EnvelopeGrab, now: dt.datetime) -> str:
    if grab.status == "grabbed" and now >= grab.activate_by:
        return "lapsed"
    return grab.status


#: The sender's list: each envelope with the refund of its unclaimed cover, in one query.
_SENT_BY = (sa.select(Envelope, Refund.amount_fen.label("refund_fen"), Refund.status.label("refund_status"))
            .outerjoin(Refund, Refund.id == Envelope.refund_id)
            .where(Envelope.sender_id == sa.bindparam("user_id"))
            .order_by(Envelope.created_at.desc(), Envelope.id.desc()))


def sent_by(user_id: int) -> list[dict]:
    """The envelopes the user sent, newest first, each with any refund of unclaimed cover."""
    return [{"envelope": envelope,
             "refund": None if refund_fen is None else {"amount_fen": refund_fen, "status": refund_status}}
            for envelope, refund_fen, refund_status in db.session.execute(_SENT_BY, {"user_id": user_id})]


def grabs_of(user_id: int) -> list[EnvelopeGrab]:
    return list(db.session.scalars(
        sa.select(EnvelopeGrab).where(EnvelopeGrab.user_id == user_id).order_by(EnvelopeGrab.grabbed_at.desc())))


# -- activating --------------------------------------------------------------------------------

def activate(user_id: int, grab_public_id: str, insured: insured_rules.InsuredChoice,
             agreement: agreements.AgreementRequest | None = None):
    """Turn the user's grab into a policy for the insured person, exactly once, within 7 days: the gift
    cover's documents accepted first (``agreements.check``), then the insured person checked; the sale's
    trace is kept beside the policy."""
    grab_row = db.session.scalars(sa.select(EnvelopeGrab).where(
        EnvelopeGrab.public_id == grab_public_id, EnvelopeGrab.user_id == user_id).with_for_update()).one_or_none()
    if grab_row is None:
        raise NotFound(_("We could not find that share."))
    if grab_row.status == "activated":
        raise AlreadyActivated()
    now = clock.now()
    if grab_row.status == "lapsed" or now >= grab_row.activate_by:
        raise GrabLapsed()
    envelope = db.session.get(Envelope, grab_row.envelope_id)
    plan = db.session.get(Plan, envelope.plan_id)
    agreed = agreements.check(plan.product, agreement or agreements.AgreementRequest())
    person = insured_rules.insured_for(user_id, insured, plan, grab_row.coverage_fen)
    policy = policies.issue_gift(user_id, plan, grab_row.coverage_fen, premium_for(plan, grab_row.coverage_fen),
                                 person, source="envelope")
    agreements.record(agreed, user_id=user_id, source="envelope", term_days=plan.term_days, policy_id=policy.id)
    grab_row.move_to("activated")
    grab_row.activated_at, grab_row.policy_id = now, policy.id
    db.session.flush()
    return policy


referrals.declare_share_target(KIND, get_envelope)
