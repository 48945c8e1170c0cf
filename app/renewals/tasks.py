"""The renewal pass: schedule what is due and charge what is scheduled, within WeChat's hours and windows.

``flask --app wsgi renewals run [--now ...]`` and the periodic job run the same pass. Every step is
idempotent and its own unit of work; a charge is recorded (committed) before WeChat is asked, so a crash
between "charged" and "recorded" leaves a submitted charge that the next pass reconciles by a query.
"""

from __future__ import annotations

import datetime as dt
import logging

from app.core import clock
from app.core.db import unit_of_work
from app.core.jobs import periodic
from app.extensions import db
from app.renewals import services
from app.wechat.errors import WeChatUnavailable
from app.wechat.pay import PayRequestFailed

log = logging.getLogger(__name__)


def run_pass() -> dict[str, int]:
    """One pass at the clock's time (the CLI freezes the clock at ``--now``), read again for each renewal's step:
    a pass takes time, and WeChat judges each call by the moment it reaches it (a pass that read the time once,
    at 19:59, sent charges after 20:00, which WeChat refused).

    Each renewal is its own: one that fails (any error but WeChat's own) is logged at error level with its
    traceback, counted ``failed`` in the summary the command prints and the periodic job returns, and left to the
    next pass; the others go on."""
    summary: dict[str, int] = {}
    with unit_of_work():
        ids = services.running_ids()
    for renewal_id in ids:
        try:
            with unit_of_work():
                services.reconcile(renewal_id, clock.now())
            with unit_of_work():
                step = services.step(renewal_id, clock.now())
            if step.charge_id is not None:
                with unit_of_work():
                    step.outcome = services.submit(step.charge_id)
        except WeChatUnavailable:
            step = services.Step("postponed")  # the next pass tries again
        except PayRequestFailed as refused:
            log.warning("renewal %s: WeChat refused (%s)", renewal_id, refused)
            step = services.Step("refused")
        except Exception:
            # Anything else (a row whose stored data no longer reads, an answer we cannot apply) is this renewal's
            # alone: its unit of work rolled back, it is logged for an operator and counted ``failed``, and the pass
            # goes on to the renewals behind it; the next pass tries it again. Raising ended the pass here, on every
            # run, and no renewal after it was ever scheduled or charged.
            log.exception("renewal %s: the pass failed on it; the next pass tries again", renewal_id)
            step = services.Step("failed")
        summary[step.outcome] = summary.get(step.outcome, 0) + 1
    db.session.remove()
    return summary


@periodic(seconds=600)
def renew_policies() -> dict[str, int]:
    """Every ten minutes: the renewal pass at the present moment."""
    return run_pass()


def parse_now(text: str | None, production: bool) -> dt.datetime | None:
    """``--now``: an ISO 8601 time with its offset; production refuses one in the future (operators catch up,
    they do not charge ahead of time). ``ValueError`` with a plain message otherwise."""
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--now {text!r} is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise ValueError("--now needs its offset (e.g. 2027-01-31T09:00:00+08:00)")
    if production and moment > clock.now():
        raise ValueError("--now may not lie in the future in production")
    return moment.astimezone(clock.UTC)
