"""Claims: filing, materials, moves through the state machine, and the views of a claim.

Every rule lives here once; the user's routes, the insurer's webhook and the admin
dashboard all call these functions. They flush, never commit: the request, job or
command around them commits. A move locks the claim's row, checks ``states.check``,
and writes a ``ClaimEvent``; a refused move raises before anything is written.
"""

from __future__ import annotations

import datetime as dt
import secrets

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from rq import Retry
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import FileStorage

from app.claims import materials, messages, states, timeline
from app.claims.materials import MaterialFile
from app.catalog.models import CLAIM_KINDS, Insurer, Plan, Product
from app.claims.models import KIND_NAMES, Claim, ClaimEvent, ClaimMaterial
from app.claims.states import INSURER, OPERATOR, USER
from app.core import clock
from app.core.i18n import local_date, local_datetime, yuan
from app.core.jobs import enqueue_after_commit
from app.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from app.extensions import db
from app.partners import services as partners
from app.policies import services as policies
from app.policies.models import Policy

#: A phone clock a little ahead of ours does not make an event "in the future".
CLOCK_TOLERANCE = dt.timedelta(minutes=5)
#: How finely people give the time of an event: the app's form picks it to the minute.
WHOLE_MINUTE = dt.timedelta(minutes=1)

#: The user's list shows this many claims, newest first.
LIST_LIMIT = 100
#: A claim takes documents until it is decided.
OPEN_FOR_MATERIALS = frozenset(states.WITHDRAWABLE)
#: Retries of a subscribe message after a WeChat outage (the sweep catches the rest).
MESSAGE_RETRY = Retry(max=3, interval=[10, 60, 300])


class ClaimNotFound(NotFound):
    message = _l("We could not find that claim.")


class MaterialNotFound(NotFound):
    message = _l("We could not find that document.")


class InsurerNotConfigured(Forbidden):
    """A claims partner whose ``PARTNER_SECRETS`` entry names no insurer we have: it speaks for nobody's claims."""

    code = "insurer_not_configured"


# --- filing -------------------------------------------------------------------------------


def file_claim(user_id: int, data: dict) -> dict:
    """File a claim on one of the user's policies; returns the claim as the user sees it.

    Another user's policy, or one that does not exist, is 404. The policy must be in
    force, the event within its cover (illness only after the waiting period) and not in
    the future, and the amount within the coverage: otherwise 422 naming the field.
    """
    now = clock.now()
    policy = policies.lock_for_claim(user_id, data["policy_no"])
    _check_claimable(policy, data, now)
    claim = Claim(user_id=user_id, policy_id=policy.id, kind=data["kind"], state="submitted",
                  claimed_fen=data["claimed_fen"], occurred_at=data["occurred_at"],
                  description=data["description"].strip(), created_at=now, state_changed_at=now)
    _add_with_unique_number(claim, now)
    db.session.add(ClaimEvent(claim_id=claim.id, from_state=None, to_state="submitted", actor=USER,
                              actor_id=str(user_id), at=now, notify_outcome="not_needed"))
    db.session.flush()
    return _views([(claim, policy.policy_no)])[0]


#: Claims that bar a cooling-off refund: every one not ended without payment (docs/domain.md, Cooling-off).
BARS_REFUND = frozenset(states.STATES) - {"withdrawn", "rejected"}


def _bars_refund(policy_id: sa.ColumnElement) -> sa.ColumnElement:
    """Whether the policy has a claim that is open, approved or paid (a SQL condition). Written as the states
    that do not bar it, plain comparisons: an IN list is expanded anew on every execution of a lookup."""
    return sa.exists().where(Claim.policy_id == policy_id,
                             *(Claim.state != state for state in sorted(set(states.STATES) - BARS_REFUND)))


policies.declare_cancellation_bar(_bars_refund)


#: Claims on a policy must be made within two years of the end of its cover (PRC Insurance Law, art. 26).
CLAIM_TIME_LIMIT = dt.timedelta(days=730)


def _moments_of(occurred_at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The first and last moments an event's time may mean. A time on a whole minute is what the form gives, and
    stands for any moment of that minute: someone hurt a few seconds after cover began at 10:15:30 can only say
    10:15. The claim is taken if any moment of the minute is covered; the insurer's assessment decides the rest
    (docs/domain.md, Claims)."""
    if occurred_at.second or occurred_at.microsecond:
        return occurred_at, occurred_at
    return occurred_at, occurred_at + WHOLE_MINUTE - dt.timedelta(microseconds=1)


def _check_claimable(policy, data: dict, now: dt.datetime) -> None:
    status = Policy.status_at(policy, now)
    # An accident in the last week of cover is often claimed after the cover ends: an expired
    # policy still takes claims for events during its cover, within the legal time limit.
    if status == "expired" and now > policy.ends_at + CLAIM_TIME_LIMIT:
        raise ValidationFailed.for_field(
            "policy_no", _("This policy ended on %(date)s; claims must be made within two years of the end of cover.",
                           date=local_date(policy.ends_at)), code="claim_time_limit")
    if status not in ("active", "expired"):
        raise ValidationFailed.for_field(
            "policy_no", _("This policy has been cancelled, so it cannot take a claim."), code="policy_not_active")
    covered = CLAIM_KINDS[policy.product_category]
    if data["kind"] not in covered:
        raise ValidationFailed.for_field(
            "kind", _("This policy does not pay for %(kind)s. It pays for: %(kinds)s.",
                      kind=KIND_NAMES[data["kind"]], kinds=_("; ").join(str(KIND_NAMES[k]) for k in covered)),
            code="claim_kind_not_covered")
    occurred_at = data["occurred_at"]
    if occurred_at > now + CLOCK_TOLERANCE:
        raise ValidationFailed.for_field("occurred_at", _("The time of the event cannot be in the future."),
                                         code="occurred_in_future")
    earliest, latest = _moments_of(occurred_at)
    if latest < policy.starts_at or earliest >= policy.ends_at:
        raise ValidationFailed.for_field(
            "occurred_at", _("This policy covers events from %(start)s to %(end)s; this one is outside that period.",
                             start=local_datetime(policy.starts_at), end=local_datetime(policy.ends_at)),
            code="outside_cover_period")
    # A set: a time given with seconds is one moment, asked about once.
    covered = [moment for moment in sorted({earliest, latest}) if policies.covered_at(policy.id, moment)]
    if not covered:
        raise ValidationFailed.for_field(
            "occurred_at", _("Your cover was not paid for at that time: a monthly renewal was paid late, and cover "
                             "restarted when it was paid."), code="outside_cover_period")
    if data["kind"] == "hospital" and latest < policy.illness_cover_starts_at:
        raise ValidationFailed.for_field(
            "occurred_at", _("Illness is covered from %(date)s, after the plan's waiting period. If an accident put "
                             "you in hospital, choose accident instead.",
                             date=local_datetime(policy.illness_cover_starts_at)),
            code="waiting_period")
    if not data["description"].strip():
        raise ValidationFailed.for_field("description", _("Tell us briefly what happened."),
                                         code="description_required")
    if data["claimed_fen"] <= 0:
        raise ValidationFailed.for_field("claimed_fen", _("Enter an amount greater than zero."), code="invalid_amount")
    if data["claimed_fen"] > policy.coverage_fen:
        raise ValidationFailed.for_field(
            "claimed_fen", _("This policy pays at most %(amount)s yuan.", amount=yuan(policy.coverage_fen)),
            code="exceeds_coverage")
    # The sum insured is what the policy pays in all, over every claim of its period of cover (the caller holds
    # the policy's row lock): each month of renewed cover has its own.
    left = policy.coverage_fen - paid_on_policy(policy.id, occurred_at=covered[0])
    if data["claimed_fen"] > left:
        raise ValidationFailed.for_field(
            "claimed_fen", _("Claims already paid on this policy leave %(amount)s yuan of its cover.",
                             amount=yuan(max(left, 0))),
            code="exceeds_coverage")


def paid_on_policy(policy_id: int, *, occurred_at: dt.datetime, but: int | None = None) -> int:
    """What the insurer has paid on the policy's claims for events in the period of cover holding ``occurred_at``,
    in fen (leaving out claim ``but``). A policy renewed month by month has a sum insured for each month paid;
    any other policy's term is one period."""
    query = sa.select(sa.func.coalesce(sa.func.sum(Claim.paid_fen), 0)).where(
        Claim.policy_id == policy_id, Claim.state == "paid")
    period = policies.cover_period_at(policy_id, occurred_at)
    if period is not None:
        query = query.where(Claim.occurred_at >= period[0], Claim.occurred_at < period[1])
    if but is not None:
        query = query.where(Claim.id != but)
    return int(db.session.scalar(query))


def _add_with_unique_number(claim: Claim, now: dt.datetime) -> None:
    for attempt in range(5):
        claim.claim_no = "C" + clock.to_shanghai(now).strftime("%Y%m%d") + f"{secrets.randbelow(10**8):08d}"
        try:
            with db.session.begin_nested():
                db.session.add(claim)
            return
        except IntegrityError:  # the random number was taken (vanishingly rare): draw again
            if attempt == 4:
                raise


# --- moves --------------------------------------------------------------------------------


def move(claim_no: str, to_state: str, actor: str = OPERATOR, *, actor_id: str | None = None,
         actor_name: str | None = None, note: str | None = None, paid_fen: int | None = None,
         partner_event_id: int | None = None) -> Claim:
    """Move a claim as the insurer or an operator (the admin dashboard calls this).

    404 for an unknown claim, 409 ``illegal_transition`` for a move not in the table,
    422 for a missing note (more_info_required, rejected) or a bad ``paid_fen``.
    """
    if actor not in (INSURER, OPERATOR):
        raise ValueError("the user's moves are withdraw() and add_materials()")
    claim = _locked(claim_no)
    _transition(claim, to_state, actor, actor_id=actor_id, actor_name=actor_name, note=note, paid_fen=paid_fen,
                partner_event_id=partner_event_id)
    return claim


def withdraw(user_id: int, claim_no: str) -> dict:
    """The user withdraws their claim (any step before approved); returns it as it now stands."""
    claim = _locked(claim_no, user_id)
    _transition(claim, "withdrawn", USER, actor_id=str(user_id))
    return _view_of(claim)


def apply_insurer_update(request: partners.PartnerRequest, update: dict) -> dict:
    """The insurer's webhook: apply the move once per event id (docs/api.md, Partner webhooks).

    The partner moves the claims of the insurer it speaks for only: another insurer's claim is 404, as an
    unknown one is, and a partner tied to no insurer is 403. The event id is claimed first, in this
    transaction: a refused move (404, 409, 422) rolls it back with everything else, so the insurer may send
    the event again. An update whose ``changed_at`` is older than the insurer's newest move of the claim is
    acknowledged and recorded, not applied: the claim already shows what the insurer decided later.
    """
    insurer_id = _insurer_spoken_for(request)
    changed_at = update.get("changed_at")
    if changed_at is not None and changed_at > clock.now() + dt.timedelta(seconds=partners.MAX_SKEW_SECONDS):
        raise ValidationFailed.for_field(
            "changed_at", _("The time of the change cannot be more than 5 minutes ahead of our clock."),
            code="changed_in_future")
    recorded = partners.record_event(request, update["event_id"])
    if recorded is None:
        return {"duplicate": True}
    claim = _locked(update["claim_no"], insurer_id=insurer_id)
    # Read under the claim's lock: two updates of one claim at once are judged one after the other.
    latest = db.session.scalar(sa.select(sa.func.max(ClaimEvent.insurer_changed_at))
                               .where(ClaimEvent.claim_id == claim.id))
    if changed_at is not None and latest is not None and changed_at < latest:
        recorded.outcome = "ignored:stale"
        return {"claim_no": claim.claim_no, "state": claim.state, "stale": True}
    _transition(claim, update["state"], INSURER, actor_id=request.partner, actor_name=request.partner,
                note=update.get("note"), paid_fen=update.get("paid_fen"), partner_event_id=recorded.id,
                insurer_changed_at=changed_at)
    recorded.outcome = "applied"
    return {"claim_no": claim.claim_no, "state": claim.state}


def _insurer_spoken_for(request: partners.PartnerRequest) -> int:
    """The id of the insurer the partner's configuration names (``"insurer"``: its code); 403 without one."""
    insurer_id = None
    if request.insurer is not None:
        insurer_id = db.session.scalar(sa.select(Insurer.id).where(Insurer.code == request.insurer))
    if insurer_id is None:
        raise InsurerNotConfigured(_("Partner %(partner)s speaks for no insurer we know (\"insurer\" in its "
                                     "PARTNER_SECRETS entry), so it may not move claims.", partner=request.partner))
    return insurer_id


def _transition(claim: Claim, to_state: str, actor: str, *, actor_id: str | None = None,
                actor_name: str | None = None, note: str | None = None, paid_fen: int | None = None,
                partner_event_id: int | None = None, insurer_changed_at: dt.datetime | None = None) -> ClaimEvent:
    states.check(claim.state, to_state, actor)
    note = (note or "").strip() or None
    if to_state in states.NOTE_REQUIRED and note is None:
        message = (_("Say what the user needs to send: the user reads this note.") if to_state == "more_info_required"
                   else _("Say why it is not approved: the user reads this note."))
        raise ValidationFailed.for_field("note", message, code="note_required")
    if to_state == "paid":
        _check_paid(claim, paid_fen)
    elif paid_fen is not None:
        raise ValidationFailed.for_field("paid_fen", _("An amount paid goes only with the move to paid."),
                                         code="unexpected_paid_fen")
    now = clock.now()
    event = ClaimEvent(claim_id=claim.id, from_state=claim.state, to_state=to_state,
                       from_state_since=claim.state_changed_at, actor=actor, actor_id=actor_id,
                       actor_name=actor_name, note=note, paid_fen=paid_fen, partner_event_id=partner_event_id,
                       insurer_changed_at=insurer_changed_at, at=now,
                       notify_outcome=None if messages.needs_message(actor) else "not_needed")
    claim.state = to_state
    claim.state_changed_at = now
    if to_state == "paid":
        claim.paid_fen = paid_fen
    db.session.add(event)
    db.session.flush()
    if event.notify_outcome is None:
        enqueue_after_commit(messages.send_progress_message, event.id, retry=MESSAGE_RETRY)
    return event


def _check_paid(claim: Claim, paid_fen: int | None) -> None:
    if paid_fen is None:
        raise ValidationFailed.for_field("paid_fen", _("Say how much was paid."), code="paid_fen_required")
    if paid_fen <= 0:
        raise ValidationFailed.for_field("paid_fen", _("The amount paid must be greater than zero."),
                                         code="invalid_amount")
    if paid_fen > claim.claimed_fen:
        raise ValidationFailed.for_field(
            "paid_fen", _("The amount paid cannot exceed the %(amount)s yuan claimed.",
                          amount=yuan(claim.claimed_fen)),
            code="exceeds_claimed")
    # The policy's row is locked as filing locks it: two claims on one policy paid at the same moment each see
    # what the other paid, so together they never pay more than the sum insured.
    coverage = db.session.scalar(sa.select(Policy.coverage_fen).where(Policy.id == claim.policy_id)
                                 .with_for_update())
    if paid_fen > coverage:
        raise ValidationFailed.for_field(
            "paid_fen", _("The amount paid cannot exceed the policy's %(amount)s yuan coverage.",
                          amount=yuan(coverage)),
            code="exceeds_coverage")
    # The period of the event as filing judged it: a time to the minute is in the period any moment of it is in.
    moment = next((m for m in _moments_of(claim.occurred_at) if policies.covered_at(claim.policy_id, m)),
                  claim.occurred_at)
    left = coverage - paid_on_policy(claim.policy_id, occurred_at=moment, but=claim.id)
    if paid_fen > left:
        raise ValidationFailed.for_field(
            "paid_fen", _("Claims already paid on this policy leave %(amount)s yuan of its coverage; the amount "
                          "paid cannot exceed it.", amount=yuan(max(left, 0))),
            code="exceeds_coverage")


def _locked(claim_no: str, user_id: int | None = None, *, insurer_id: int | None = None) -> Claim:
    """The claim's row, locked; 404 if it is not the user's, or not on a policy the insurer underwrites."""
    query = sa.select(Claim).where(Claim.claim_no == claim_no)
    if user_id is not None:
        query = query.where(Claim.user_id == user_id)
    if insurer_id is not None:
        # A correlated EXISTS, not a join: FOR UPDATE locks the claim's row only, never its policy's or product's.
        query = query.where(sa.exists().where(
            Policy.id == Claim.policy_id, Plan.id == Policy.plan_id, Product.id == Plan.product_id,
            Product.insurer_id == insurer_id))
    claim = db.session.scalars(query.with_for_update().execution_options(populate_existing=True)).one_or_none()
    if claim is None:
        raise ClaimNotFound()
    return claim


# --- materials ----------------------------------------------------------------------------


def add_materials(user_id: int, claim_no: str, uploads: list[FileStorage]) -> dict:
    """Store the user's documents for their claim; a claim waiting for more goes back to review.

    All or nothing: one file too large (413), not a JPEG, PNG or PDF (422), or one too
    many (422) and none of the request's files are kept. The same content twice is one
    document, and only a new one sends a claim waiting for more back to review. Returns
    ``{claim_no, state, materials}`` with this request's documents.
    """
    if db.session.scalar(sa.select(Claim.id).where(Claim.claim_no == claim_no, Claim.user_id == user_id)) is None:
        raise ClaimNotFound()
    if not uploads:
        raise ValidationFailed.for_field("files", _("Choose at least one file to upload."), code="no_files")
    if len(uploads) > materials.MAX_FILES_PER_REQUEST:
        raise ValidationFailed.for_field(
            "files", _("Upload at most %(count)s files at a time.", count=materials.MAX_FILES_PER_REQUEST),
            code="too_many_files")
    staged: list[materials.Staged] = []
    try:
        # Hashing up to 100 MiB happens before the claim's row is locked, not while it is.
        for index, upload in enumerate(uploads):
            staged.append(materials.stage(upload, index))
        claim = _locked(claim_no, user_id)
        if claim.state not in OPEN_FOR_MATERIALS:
            raise Conflict(_("This claim takes no more documents: it is %(state)s.",
                             state=states.STATE_NAMES[claim.state]),
                           code="claim_closed")
        existing = {m.sha256: m for m in db.session.scalars(
            sa.select(ClaimMaterial).where(ClaimMaterial.claim_id == claim.id))}
        new = {s.sha256 for s in staged} - set(existing)
        if len(existing) + len(new) > materials.MAX_FILES_PER_CLAIM:
            raise ValidationFailed.for_field(
                "files", _("A claim holds at most %(most)s documents and this one has %(count)s already.",
                           most=materials.MAX_FILES_PER_CLAIM, count=len(existing)), code="too_many_files")
        now = clock.now()
        added, fresh = [], 0
        for item in staged:
            material = existing.get(item.sha256)
            if material is None:
                fresh += 1
                materials.store(item)
                material = ClaimMaterial(claim_id=claim.id, sha256=item.sha256, content_type=item.content_type,
                                         size_bytes=item.size_bytes, original_name=item.name, uploaded_at=now)
                db.session.add(material)
                existing[item.sha256] = material
            added.append(material)
        db.session.flush()
    finally:
        # A rollback after this point leaves complete files nobody refers to: harmless under a hash name.
        for item in staged:
            materials.discard(item)
    # Only a document the claim did not hold answers a request for more: one sent again (the same content) is
    # nothing new for the insurer, and the claim keeps waiting for what was asked.
    if claim.state == "more_info_required" and fresh:
        _transition(claim, "reviewing", USER, actor_id=str(user_id),
                    note=ngettext("You sent %(num)s more document.", "You sent %(num)s more documents.", fresh))
    return {"claim_no": claim.claim_no, "state": claim.state,
            "materials": [_material_view(m, claim.claim_no) for m in added]}


def open_material_for_user(user_id: int, claim_no: str, material_id: int) -> MaterialFile:
    """The user's own document (another user's, or a wrong claim number, is 404)."""
    row = db.session.execute(_MATERIAL_FILE.where(
        ClaimMaterial.id == material_id, Claim.claim_no == claim_no, Claim.user_id == user_id)).one_or_none()
    if row is None:
        raise MaterialNotFound()
    return MaterialFile(*row)


def open_material(material_id: int) -> MaterialFile:
    """Any claim's document, for an operator (the admin dashboard checks the role); stream it with
    ``materials.send``."""
    row = db.session.execute(_MATERIAL_FILE.where(ClaimMaterial.id == material_id)).one_or_none()
    if row is None:
        raise MaterialNotFound()
    return MaterialFile(*row)


_MATERIAL_FILE = sa.select(ClaimMaterial.id, Claim.claim_no, ClaimMaterial.sha256, ClaimMaterial.content_type,
                           ClaimMaterial.size_bytes, ClaimMaterial.original_name).join(
    Claim, Claim.id == ClaimMaterial.claim_id)


def _material_view(material: ClaimMaterial, claim_no: str) -> dict:
    return {"id": material.id, "claim_no": claim_no, "name": material.original_name,
            "content_type": material.content_type, "size_bytes": material.size_bytes,
            "uploaded_at": material.uploaded_at}


# --- views --------------------------------------------------------------------------------

_WITH_POLICY_NO = sa.select(Claim, Policy.policy_no).join(Policy, Policy.id == Claim.policy_id)


def get_for_user(user_id: int, claim_no: str) -> dict:
    """The user's own claim with its timeline; another user's is 404 like one that does not exist."""
    row = db.session.execute(_WITH_POLICY_NO.where(Claim.claim_no == claim_no, Claim.user_id == user_id)
                             ).one_or_none()
    if row is None:
        raise ClaimNotFound()
    return _views([row])[0]


def list_for_user(user_id: int) -> list[dict]:
    """The user's claims, newest first, each with its timeline."""
    rows = db.session.execute(_WITH_POLICY_NO.where(Claim.user_id == user_id)
                              .order_by(Claim.created_at.desc(), Claim.id.desc()).limit(LIST_LIMIT)).all()
    return _views(rows, with_materials=False)


def _view_of(claim: Claim) -> dict:
    policy_no = db.session.scalar(sa.select(Policy.policy_no).where(Policy.id == claim.policy_id))
    return _views([(claim, policy_no)])[0]


def _views(rows, with_materials: bool = True) -> list[dict]:
    if not rows:
        return []
    ids = [claim.id for claim, _latest in rows]
    events: dict[int, list[ClaimEvent]] = {claim_id: [] for claim_id in ids}
    for event in db.session.scalars(sa.select(ClaimEvent).where(ClaimEvent.claim_id.in_(ids))
                                    .order_by(ClaimEvent.id)):
        events[event.claim_id].append(event)
    documents: dict[int, list[ClaimMaterial]] = {claim_id: [] for claim_id in ids}
    if with_materials:
        for material in db.session.scalars(sa.select(ClaimMaterial).where(ClaimMaterial.claim_id.in_(ids))
                                           .order_by(ClaimMaterial.uploaded_at, ClaimMaterial.id)):
            documents[material.claim_id].append(material)
    durations = timeline.step_durations()
    now = clock.now()
    views = []
    for claim, policy_no in rows:
        steps, explanation = timeline.describe(claim, events[claim.id], durations, now)
        view = {"claim_no": claim.claim_no, "state": claim.state, "policy_no": policy_no, "kind": claim.kind,
                "claimed_fen": claim.claimed_fen, "occurred_at": claim.occurred_at,
                "description": claim.description, "created_at": claim.created_at,
                "updated_at": claim.state_changed_at, "explanation": explanation, "timeline": steps}
        if claim.paid_fen is not None:
            view["paid_fen"] = claim.paid_fen
        if with_materials:
            view["materials"] = [_material_view(m, claim.claim_no) for m in documents[claim.id]]
        views.append(view)
    return views


# --- for the admin dashboard --------------------------------------------------------------


def state_counts() -> dict[str, int]:
    """How many claims are in each state (the dashboard's claims-by-step figure)."""
    counts = dict.fromkeys(states.STATES, 0)
    for state, count in db.session.execute(sa.select(Claim.state, sa.func.count()).group_by(Claim.state)):
        counts[state] = count
    return counts


def step_durations() -> dict[str, timeline.StepDuration]:
    """How long claims stay at each step (median of recent claims, or the default)."""
    return timeline.step_durations()


def claim_detail(claim_no: str) -> dict:
    """Everything about a claim for an operator: the user's view plus every event, every
    document and the moves an operator may make now."""
    row = db.session.execute(_WITH_POLICY_NO.where(Claim.claim_no == claim_no)).one_or_none()
    if row is None:
        raise ClaimNotFound()
    claim = row[0]
    detail = _views([row])[0]
    events = db.session.scalars(sa.select(ClaimEvent).where(ClaimEvent.claim_id == claim.id)
                                .order_by(ClaimEvent.id))
    policy = db.session.get(Policy, claim.policy_id)
    detail.update(
        user_id=claim.user_id,
        # Cancelled or cancelling: the operator sees the claim is on a policy no longer in force.
        policy_status=Policy.status_at(policy, clock.now()),
        # What a handler checks a claim against: the sum insured, the period, who is insured, how it was had.
        policy={"coverage_fen": policy.coverage_fen, "starts_at": policy.starts_at, "ends_at": policy.ends_at,
                "cancelled_at": policy.cancelled_at, "insured": policy.insured_name_masked, "source": policy.source,
                "bought": policy.order_id is not None},
        events=[{"id": e.id, "from_state": e.from_state, "to_state": e.to_state, "actor": e.actor,
                 "actor_id": e.actor_id, "actor_name": e.actor_name, "note": e.note, "paid_fen": e.paid_fen,
                 "at": e.at, "message": e.notify_outcome} for e in events],
        allowed_moves=states.allowed_moves(claim.state, OPERATOR),
    )
    detail["materials"] = [dict(_material_view(m, claim.claim_no), sha256=m.sha256) for m in db.session.scalars(
        sa.select(ClaimMaterial).where(ClaimMaterial.claim_id == claim.id)
        .order_by(ClaimMaterial.uploaded_at, ClaimMaterial.id))]
    return detail
