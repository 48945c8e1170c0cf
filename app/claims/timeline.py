"""What the user sees of a claim: the seven steps, when to expect each, and one plain sentence.

Expected dates come from how long past claims stayed at each step: the median of the
recent forward moves out of that step (``ClaimEvent.at - from_state_since``), or a
default while there are too few. The periodic job ``tasks.refresh_step_durations``
keeps them in Redis; when the cache is empty (the job has not run, or its entry expired
because no worker is running) or Redis is down they are computed on the spot, so a
timeline never depends on the job having run.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import statistics
from dataclasses import dataclass

import sqlalchemy as sa
from babel.dates import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.claims.models import ClaimEvent
from app.claims.states import STEPS, is_forward
from app.core import clock
from app.core.i18n import current_language, yuan
from app.extensions import REDIS_ERRORS, db, redis_store

log = logging.getLogger(__name__)

#: How long a claim usually stays at a step before it moves on, until history says otherwise.
DEFAULT_DWELL = {
    "submitted": dt.timedelta(days=1),  # the insurer accepts within a day
    "accepted": dt.timedelta(days=1),  # and starts on the documents within another
    "reviewing": dt.timedelta(days=3),
    "investigating": dt.timedelta(days=7),
    "assessing": dt.timedelta(days=3),
    "approved": dt.timedelta(days=2),  # the money arrives within two days of approval
}
#: Only recent claims say how long the insurer takes now.
HISTORY_WINDOW = dt.timedelta(days=90)
#: Fewer samples than this and a median says more about luck than about the insurer.
MIN_SAMPLES = 3
MAX_SAMPLES = 500
CACHE_KEY = "claims:step_durations:v1"
#: Longer than the job's interval (10 minutes), so a busy worker never empties the cache.
CACHE_SECONDS = 30 * 60

#: What the user reads while a claim is at a step: on time (by a date), and late.
_SENTENCES = {
    "submitted": (_l("The insurer has your claim; we expect them to accept it by %(date)s."),
                  _l("The insurer has your claim; accepting it is taking longer than usual.")),
    "accepted": (_l("The insurer has accepted your claim and should start checking your documents by %(date)s."),
                 _l("The insurer has accepted your claim; starting on your documents is taking longer than usual.")),
    "reviewing": (_l("Your materials are being reviewed; we expect to finish by %(date)s."),
                  _l("Your materials are being reviewed; this is taking longer than usual.")),
    "investigating": (_l("The insurer is looking into what happened; we expect to finish by %(date)s."),
                      _l("The insurer is looking into what happened; this is taking longer than usual.")),
    "assessing": (_l("The insurer is working out how much to pay; we expect a decision by %(date)s."),
                  _l("The insurer is working out how much to pay; this is taking longer than usual.")),
    "approved": (_l("Your claim is approved; the money should reach you by %(date)s."),
                 _l("Your claim is approved; the payment is taking longer than usual.")),
}


@dataclass(frozen=True)
class StepDuration:
    step: str
    seconds: int
    #: How many past moves the median was taken over (0 for a default).
    samples: int
    #: history or default.
    source: str

    @property
    def duration(self) -> dt.timedelta:
        return dt.timedelta(seconds=self.seconds)


def compute_step_durations(now: dt.datetime | None = None) -> dict[str, StepDuration]:
    """The median time at each step over recent forward moves out of it (a default with too few)."""
    now = now or clock.now()
    rows = db.session.execute(
        sa.select(ClaimEvent.from_state, ClaimEvent.to_state, ClaimEvent.from_state_since, ClaimEvent.at)
        .where(ClaimEvent.from_state.in_(DEFAULT_DWELL), ClaimEvent.to_state.in_(STEPS),
               ClaimEvent.from_state_since.is_not(None), ClaimEvent.at >= now - HISTORY_WINDOW)
        .order_by(ClaimEvent.at.desc(), ClaimEvent.id.desc())
        .limit(MAX_SAMPLES * len(DEFAULT_DWELL) * 4)
    )
    samples: dict[str, list[float]] = {step: [] for step in DEFAULT_DWELL}
    for from_state, to_state, since, at in rows:
        # Only a move along the steps says how long the step takes; a rejection or a
        # withdrawal cuts it short, and a request for more documents is one visit of several.
        if is_forward(from_state, to_state) and len(samples[from_state]) < MAX_SAMPLES:
            samples[from_state].append(max((at - since).total_seconds(), 0.0))
    durations = {}
    for step, default in DEFAULT_DWELL.items():
        seen = samples[step]
        if len(seen) >= MIN_SAMPLES:
            durations[step] = StepDuration(step, int(statistics.median(seen)), len(seen), "history")
        else:
            durations[step] = StepDuration(step, int(default.total_seconds()), 0, "default")
    return durations


def step_durations() -> dict[str, StepDuration]:
    """The durations the periodic job cached, or computed now when it has not run (or Redis is down).

    Only the job writes the cache: figures computed on a request before any history
    existed must not outlive the history that arrives after them.
    """
    try:
        cached = redis_store.get(CACHE_KEY)
    except REDIS_ERRORS as exc:
        log.warning("claim durations cache unreadable (%s); computing", type(exc).__name__)
        cached = None
    if cached:
        try:
            return _decode(cached)
        except (ValueError, KeyError, TypeError, IndexError):
            log.warning("claim durations cache unreadable; computing")
    return compute_step_durations()


def refresh_step_durations() -> dict[str, StepDuration]:
    """Recompute the durations and store them in Redis (the periodic job calls this)."""
    durations = compute_step_durations()
    try:
        redis_store.set(CACHE_KEY, _encode(durations), ex=CACHE_SECONDS)
    except REDIS_ERRORS as exc:
        log.warning("claim durations cache not written (%s)", type(exc).__name__)
    return durations


def _encode(durations: dict[str, StepDuration]) -> str:
    return json.dumps({step: [d.seconds, d.samples, d.source] for step, d in durations.items()})


def _decode(raw: bytes) -> dict[str, StepDuration]:
    data = json.loads(raw)
    return {step: StepDuration(step, int(data[step][0]), int(data[step][1]), str(data[step][2]))
            for step in DEFAULT_DWELL}


def describe(claim, events: list[ClaimEvent], durations: dict[str, StepDuration],
             now: dt.datetime) -> tuple[list[dict], str]:
    """``(timeline, explanation)`` for a claim and its events (oldest first)."""
    entered: dict[str, dt.datetime] = {}
    #: When each step began most recently: review begins again when the documents asked for arrive.
    began: dict[str, dt.datetime] = {}
    notes: dict[str, str] = {}
    for event in events:
        if event.to_state in STEPS:
            entered.setdefault(event.to_state, event.at)
            began[event.to_state] = event.at
            if event.note:
                notes[event.to_state] = event.note
    state = claim.state
    if state == "paid":
        steps = [_done(step, entered, notes) if step in entered else {"step": step, "status": "skipped"}
                 for step in STEPS]
        return steps, _("The insurer paid you %(amount)s yuan on %(day)s.", amount=yuan(claim.paid_fen or 0),
                        day=_day(claim.state_changed_at, now))
    if state in ("rejected", "withdrawn"):
        return _ended(claim, events, entered, notes, now)
    return _open(claim, events, entered, began, notes, durations, now)


def _ended(claim, events, entered, notes, now):
    last = events[-1]
    ended_in = "reviewing" if last.from_state == "more_info_required" else last.from_state
    if last.note:
        notes[ended_in] = last.note  # why it ended matters more than how the step began
    reached = STEPS.index(ended_in)
    steps = []
    for index, step in enumerate(STEPS):
        if step in entered:
            steps.append(_done(step, entered, notes))
        else:
            steps.append({"step": step, "status": "skipped" if index < reached else "not_reached"})
    if claim.state == "withdrawn":
        return steps, _("You withdrew this claim on %(day)s.", day=_day(last.at, now))
    reason = (last.note or "").strip().rstrip(".。")
    return steps, (_("The insurer did not approve this claim: %(reason)s.", reason=reason) if reason
                   else _("The insurer did not approve this claim."))


def _open(claim, events, entered, began, notes, durations, now):
    waiting_for_user = claim.state == "more_info_required"
    current = "reviewing" if waiting_for_user else claim.state
    current_index = STEPS.index(current)
    due = claim.state_changed_at + durations[current].duration
    expected = max(due, now)  # a late step is expected from now on, never in the past
    steps = []
    for index, step in enumerate(STEPS):
        if index < current_index:
            steps.append(_done(step, entered, notes) if step in entered else {"step": step, "status": "skipped"})
            continue
        if index == current_index:
            # The current step is the visit under way: back in review after more documents, it began when they
            # came (the expected dates count from there too), not when the first review began.
            entry = {"step": step, "status": "current", "at": began.get(step, claim.state_changed_at)}
            note = events[-1].note if waiting_for_user else notes.get(step)
            if note:
                entry["note"] = note
            steps.append(entry)
            continue
        entry = {"step": step, "status": "pending"}
        if step == "investigating" and current != "investigating":
            # Most claims skip it, so the dates after it assume it is skipped.
            entry["note"] = _("Only if the insurer needs to look into what happened.")
        elif not waiting_for_user:
            entry["expected_at"] = expected
            expected = expected + durations[step].duration if step in durations else expected
        steps.append(entry)
    if waiting_for_user:
        wanted = (events[-1].note or "").strip().rstrip(".。")
        return steps, (_("The insurer needs more from you: %(wanted)s. Add it on this page and the review "
                         "continues.", wanted=wanted) if wanted
                       else _("The insurer needs more documents. Add them on this page and the review continues."))
    on_time, late = _SENTENCES[current]
    return steps, str(late) if due < now else str(on_time) % {"date": _day(due, now)}


def _done(step: str, entered: dict, notes: dict) -> dict:
    entry = {"step": step, "status": "done", "at": entered[step]}
    if notes.get(step):
        entry["note"] = notes[step]
    return entry


def _day(moment: dt.datetime, now: dt.datetime) -> str:
    """A day in Beijing time, with the year only when it is not this year: ``3月3日`` / ``3 March``."""
    local, today = clock.to_shanghai(moment).date(), clock.to_shanghai(now).date()
    this_year = local.year == today.year
    if current_language() == "en":
        text = f"{local.day} {format_date(local, 'MMMM', locale='en')}"
        return text if this_year else f"{text} {local.year}"
    text = f"{local.month}月{local.day}日"
    return text if this_year else f"{local.year}年{text}"

