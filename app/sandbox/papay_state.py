"""The sandbox's insurance contract deduction: pre-sign sessions, contracts and their periods, as WeChat
holds them, with WeChat's windows and limits. Lives in Redis under ``sandbox:papay:`` (a stand-in, not a
system of record); deductions are orders in the shared pay ledger (``pay_state``), so v3's order query
answers for them.

Every rule takes ``now``: the request's ``X-Sandbox-Now`` when the caller travelled in time, else the
clock (``sandbox_now``). Windows are WeChat's, in Beijing time (docs/wechat.md):

- schedule: from the estimated date −1 to +28 days, 08:00–19:30;
- charge: from the day after scheduling to the estimated date +29, 08:00–20:00;
- a pre-sign session lives 10 minutes; a user holds at most 10 contracts of a template; a contract
  holds at most 12 periods not yet paid or expired (``renew`` adds more).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets

from flask import request

from app.core import clock
from app.extensions import redis_store
from app.wechat.pay.v3 import SANDBOX_NOW_HEADER

SESSION_KEY = "sandbox:papay:session:"
CONTRACT_KEY = "sandbox:papay:contract:"
#: ``{plan_id}:{out_contract_code}`` -> contract_id: a code once signed is never used again.
CODE_KEY = "sandbox:papay:code:"
#: ``{openid}:{plan_id}`` -> the user's contracts in force under that template.
ACTIVE_KEY = "sandbox:papay:active:"
#: openid -> how many of the user's next charges fail with NOTENOUGH (``/papay/decline``).
DECLINE_KEY = "sandbox:papay:decline:"

PRESIGN_VALIDITY = dt.timedelta(minutes=10)
MAX_CONTRACTS_PER_TEMPLATE = 10
MAX_OUTSTANDING_PERIODS = 12
#: Schedule from the estimated date −1 to +28 days; charge until the estimated date +29.
SCHEDULE_FIRST_DAY, SCHEDULE_LAST_DAY, CHARGE_LAST_DAY = -1, 28, 29
#: Beijing hours, each window [from, until).
SCHEDULE_HOURS = (dt.time(8, 0), dt.time(19, 30))
CHARGE_HOURS = (dt.time(8, 0), dt.time(20, 0))
#: A renewal may change the amount by at most half.
MAX_RENEWAL_CHANGE = 0.5
#: WeChat Pay's own signing mini-program, which ``wx.navigateToMiniProgram`` opens.
SIGNING_APPID = "wxbd687630cd02ce1d"
SIGNING_PATH = "pages/index/index"

OPEN, SCHEDULED, PAID, EXPIRED = "NO_SCHEDULED", "SCHEDULED", "PAID", "EXPIRED"
#: The years X-Sandbox-Now may travel to.
TRAVEL_YEARS = (2000, 2199)

#: Take a place among the user's contracts of a template: 1, or 0 when they hold the most already.
_TAKE_PLACE = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 1 end
if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('SADD', KEYS[1], ARGV[1])
return 1
"""
#: Spend one decline if the user has one left: 1, or 0 (atomically).
_SPEND_DECLINE = """
local left = tonumber(redis.call('GET', KEYS[1]) or '0')
if left <= 0 then return 0 end
redis.call('DECR', KEYS[1])
return 1
"""


# -- time -----------------------------------------------------------------------------------------

def sandbox_now() -> tuple[dt.datetime, str | None]:
    """(now, the header as sent or None): the caller's ``X-Sandbox-Now`` (ISO 8601 with an offset) when
    it travelled in time, else the clock. ``ValueError`` for a header that is not such a time."""
    raw = request.headers.get(SANDBOX_NOW_HEADER)
    if not raw:
        return clock.now(), None
    moment = dt.datetime.fromisoformat(raw)
    if moment.tzinfo is None:
        raise ValueError("X-Sandbox-Now needs an offset")
    # Dates far from ours would overflow the windows' arithmetic; no contract lives there.
    if not TRAVEL_YEARS[0] <= moment.year <= TRAVEL_YEARS[1]:
        raise ValueError("X-Sandbox-Now is out of range")
    return moment.astimezone(clock.UTC), raw


def beijing(moment: dt.datetime) -> dt.datetime:
    return clock.to_shanghai(moment)


def rfc3339(moment: dt.datetime) -> str:
    return beijing(moment).isoformat(timespec="seconds")


def _within(moment: dt.datetime, hours: tuple[dt.time, dt.time]) -> bool:
    local = beijing(moment).time()
    return hours[0] <= local < hours[1]


# -- pre-sign sessions ----------------------------------------------------------------------------

#: A session is kept this long for the developer's eyes; its validity is PRESIGN_VALIDITY of sandbox time.
SESSION_KEPT_SECONDS = 86400


def new_session(fields: dict, now: dt.datetime) -> str:
    session_id = "5778aadY9nltAsZzXixCkFIGYnV2V" + secrets.token_hex(8)
    session = dict(fields, pre_entrustweb_id=session_id, created_at=now.timestamp(), signed=False)
    redis_store.single.set(SESSION_KEY + session_id, json.dumps(session), ex=SESSION_KEPT_SECONDS)
    return session_id


def load_session(session_id: str) -> dict | None:
    raw = redis_store.single.get(SESSION_KEY + session_id)
    return json.loads(raw) if raw else None


def save_session(session: dict) -> None:
    redis_store.single.set(SESSION_KEY + session["pre_entrustweb_id"], json.dumps(session), ex=SESSION_KEPT_SECONDS)


def session_expired(session: dict, now: dt.datetime) -> bool:
    return now.timestamp() - session["created_at"] > PRESIGN_VALIDITY.total_seconds()


# -- contracts ------------------------------------------------------------------------------------

def load_contract(contract_id: str) -> dict | None:
    raw = redis_store.single.get(CONTRACT_KEY + contract_id)
    return json.loads(raw) if raw else None


def save_contract(contract: dict) -> None:
    redis_store.single.set(CONTRACT_KEY + contract["contract_id"], json.dumps(contract))


def contract_by_code(plan_id: int, out_contract_code: str) -> dict | None:
    contract_id = redis_store.single.get(f"{CODE_KEY}{plan_id}:{out_contract_code}")
    return load_contract(contract_id.decode()) if contract_id else None


def code_used(plan_id: int, out_contract_code: str) -> bool:
    return bool(redis_store.single.exists(f"{CODE_KEY}{plan_id}:{out_contract_code}"))


def contracts_in_force(openid: str, plan_id: int) -> int:
    return redis_store.single.scard(f"{ACTIVE_KEY}{openid}:{plan_id}")


def sign(session: dict, now: dt.datetime) -> dict | None:
    """The user signs a session: the contract, SIGNED; None when they hold the most contracts of its
    template already (the place is taken atomically) or its code was signed meanwhile."""
    contract_id = "2" + "".join(secrets.choice("0123456789") for _ in range(17))
    plan_id, code = session["plan_id"], session["out_contract_code"]
    if not redis_store.single.set(f"{CODE_KEY}{plan_id}:{code}", contract_id, nx=True):
        return None
    if not redis_store.single.eval(_TAKE_PLACE, 1, f"{ACTIVE_KEY}{session['openid']}:{plan_id}", contract_id,
                                   MAX_CONTRACTS_PER_TEMPLATE):
        redis_store.single.delete(f"{CODE_KEY}{plan_id}:{code}")
        return None
    contract = {
        "contract_id": contract_id, "plan_id": plan_id, "out_contract_code": code, "openid": session["openid"],
        "insured_display_name": session["insured_display_name"], "out_user_code": session.get("out_user_code"),
        "contract_notify_url": session["contract_notify_url"], "state": "SIGNED",
        "signed_time": rfc3339(now), "expired_time": f"{session['policy_end_date']}T23:59:59+08:00",
        "can_renew": bool(session.get("can_auto_insure") or session.get("can_auto_reinsure")),
        "terminate_info": None,
        "periods": [{"id": p["policy_period_id"], "estimated_deduct_date": p["estimated_deduct_date"],
                     "estimated_amount": p["estimated_deduct_amount"]["total"], "state": OPEN}
                    for p in session["policy_periods"]],
    }
    save_contract(contract)
    return contract


def terminate(contract: dict, mode: str, remark: str, now: dt.datetime) -> dict:
    """End a contract (``mode``: who ended it); it frees its place among the user's contracts."""
    contract["state"] = "TERMINATED"
    contract["terminate_info"] = {"contract_termination_mode": mode, "contract_terminated_time": rfc3339(now),
                                  "contract_termination_remark": remark}
    save_contract(contract)
    redis_store.single.srem(f"{ACTIVE_KEY}{contract['openid']}:{contract['plan_id']}", contract["contract_id"])
    return contract


# -- periods --------------------------------------------------------------------------------------

def period_of(contract: dict, period_id: int) -> dict | None:
    return next((p for p in contract["periods"] if p["id"] == period_id), None)


def state_of(period: dict, now: dt.datetime) -> str:
    """A period's state at ``now``: past its last charging day unpaid, it is EXPIRED (dead)."""
    if period["state"] in (OPEN, SCHEDULED):
        estimated = dt.date.fromisoformat(period["estimated_deduct_date"])
        last_day = estimated + dt.timedelta(days=SCHEDULE_LAST_DAY if period["state"] == OPEN else CHARGE_LAST_DAY)
        if beijing(now).date() > last_day:
            return EXPIRED
    return period["state"]


def outstanding(contract: dict, now: dt.datetime) -> int:
    return sum(1 for p in contract["periods"] if state_of(p, now) in (OPEN, SCHEDULED))


def schedule_refusal(period: dict, amount: int, now: dt.datetime) -> str | None:
    """Why WeChat would refuse to schedule ``period`` for ``amount`` now, or None."""
    state = state_of(period, now)
    if state in (PAID, EXPIRED):
        return f"该扣费周期已{'扣费' if state == PAID else '过期'}，不能预约"
    estimated = dt.date.fromisoformat(period["estimated_deduct_date"])
    today = beijing(now).date()
    if not estimated + dt.timedelta(days=SCHEDULE_FIRST_DAY) <= today <= estimated + dt.timedelta(
            days=SCHEDULE_LAST_DAY):
        return "不在可预约日期范围内（预计扣费日前1天至后28天）"
    if not _within(now, SCHEDULE_HOURS):
        return "不在可预约时段内（北京时间08:00-19:30）"
    return None


def schedule(contract: dict, period: dict, amount: int, now: dt.datetime) -> dict:
    period.update(state=SCHEDULED, scheduled_amount=amount, scheduled_on=beijing(now).date().isoformat())
    save_contract(contract)
    return period


def charge_refusal(period: dict, now: dt.datetime) -> str | None:
    """Why WeChat would refuse to charge ``period`` now, or None (the amount is checked apart)."""
    state = state_of(period, now)
    if state == PAID:
        return "该扣费周期已扣费成功"
    if state == EXPIRED:
        return "该扣费周期已过期，不能扣费"
    if state != SCHEDULED:
        return "该扣费周期未预约，请先预约"
    today = beijing(now).date()
    first = dt.date.fromisoformat(period["scheduled_on"]) + dt.timedelta(days=1)
    last = dt.date.fromisoformat(period["estimated_deduct_date"]) + dt.timedelta(days=CHARGE_LAST_DAY)
    if not first <= today <= last:
        return "不在可扣费日期范围内（预约次日至预计扣费日后29天）"
    if not _within(now, CHARGE_HOURS):
        return "不在可扣费时段内（北京时间08:00-20:00）"
    return None


def mark_paid(contract: dict, period: dict, amount: int, now: dt.datetime) -> None:
    period.update(state=PAID, deduct_amount=amount, deduct_date=beijing(now).date().isoformat())
    save_contract(contract)


def period_answer(period: dict, now: dt.datetime) -> dict:
    """A period as WeChat's schedule and period query answer it."""
    estimated = dt.date.fromisoformat(period["estimated_deduct_date"])
    answer = {"policy_period_id": period["id"], "policy_period_state": state_of(period, now),
              "deduct_end_date": (estimated + dt.timedelta(days=CHARGE_LAST_DAY)).isoformat()}
    if period.get("scheduled_on"):
        answer["deduct_start_date"] = (dt.date.fromisoformat(period["scheduled_on"]) + dt.timedelta(days=1)).isoformat()
        answer["scheduled_amount"] = {"total": period["scheduled_amount"], "currency": "CNY"}
    if period.get("deduct_date"):
        answer.update(deduct_amount={"total": period["deduct_amount"], "currency": "CNY"},
                      deduct_date=period["deduct_date"])
    return answer


def spend_decline(openid: str) -> bool:
    """Whether this charge of the user's fails with NOTENOUGH (``/papay/decline`` asked for it)."""
    return bool(redis_store.single.eval(_SPEND_DECLINE, 1, DECLINE_KEY + openid))


def add_declines(openid: str, times: int) -> int:
    return int(redis_store.single.incrby(DECLINE_KEY + openid, times))
