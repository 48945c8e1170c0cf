"""The sandbox's WeChat Pay ledger: orders and refunds as WeChat holds them, shared by the v2 and
v3 endpoints (an order prepaid through either is paid by ``pay/confirm``). It lives in Redis,
which ``scripts/run`` keeps on disk (it is a stand-in, not a system of record)."""

from __future__ import annotations

import datetime as dt
import json
import secrets

from app.core import clock
from app.extensions import redis_store

# -- orders ---------------------------------------------------------------------------------------

ORDER_KEY = "sandbox:pay:order:"
PREPAY_KEY = "sandbox:pay:prepay:"
TRANSACTION_KEY = "sandbox:pay:transaction:"
#: WeChat will not close an order within 5 minutes of its creation.
CLOSE_NOT_BEFORE = dt.timedelta(minutes=5)
#: How long the sandbox takes to carry out a refund to the payer's balance (WeChat: seconds to
#: minutes); after it a refund query says SUCCESS, whether or not its notification got through.
REFUND_PROCESSING = dt.timedelta(seconds=1)


def load_order(out_trade_no: str) -> dict | None:
    raw = redis_store.single.get(ORDER_KEY + out_trade_no)
    return json.loads(raw) if raw else None


def save_order(order: dict) -> None:
    redis_store.single.set(ORDER_KEY + order["out_trade_no"], json.dumps(order))


def order_named_in(fields: dict) -> dict | None:
    """The order a request names: by WeChat's transaction_id first, as WeChat does, else by out_trade_no."""
    if fields.get("transaction_id"):
        return order_by_transaction_id(str(fields["transaction_id"]))
    return load_order(str(fields["out_trade_no"])) if fields.get("out_trade_no") else None


def order_by_prepay_id(prepay_id: str) -> dict | None:
    out_trade_no = redis_store.single.get(PREPAY_KEY + prepay_id)
    return load_order(out_trade_no.decode()) if out_trade_no else None


def new_prepay_id() -> str:
    return "wx" + clock.to_shanghai(clock.now()).strftime("%d%H%M%S") + secrets.token_hex(12)


def remember_prepay(prepay_id: str, out_trade_no: str) -> None:
    redis_store.single.set(PREPAY_KEY + prepay_id, out_trade_no)


def remember_transaction(transaction_id: str, out_trade_no: str) -> None:
    redis_store.single.set(TRANSACTION_KEY + transaction_id, out_trade_no)


def order_by_transaction_id(transaction_id: str) -> dict | None:
    out_trade_no = redis_store.single.get(TRANSACTION_KEY + transaction_id)
    return load_order(out_trade_no.decode()) if out_trade_no else None


def now_shanghai() -> str:
    """WeChat v2's time format, Beijing time (also how the ledger stores times)."""
    return clock.to_shanghai(clock.now()).strftime("%Y%m%d%H%M%S")


def parse_shanghai(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=clock.SHANGHAI)


def new_transaction_id() -> str:
    return "4200" + clock.to_shanghai(clock.now()).strftime("%Y%m%d") + f"{secrets.randbelow(10**18):018d}"


# -- refunds --------------------------------------------------------------------------------------

REFUND_KEY = "sandbox:pay:refund:"
REFUNDS_OF_ORDER_KEY = "sandbox:pay:refunds-of:"


def load_refund(out_refund_no: str) -> dict | None:
    raw = redis_store.single.get(REFUND_KEY + out_refund_no)
    return json.loads(raw) if raw else None


def save_refund(refund: dict) -> None:
    pipe = redis_store.single.pipeline()
    pipe.set(REFUND_KEY + refund["out_refund_no"], json.dumps(refund))
    pipe.sadd(REFUNDS_OF_ORDER_KEY + refund["out_trade_no"], refund["out_refund_no"])
    pipe.execute()


def settle_refund(refund: dict, *, now: dt.datetime | None = None) -> dict:
    """A PROCESSING refund succeeds once it has been processed: at ``now`` (its notification is
    being sent), or when a query finds it older than REFUND_PROCESSING. Stored either way."""
    if refund["refund_status"] != "PROCESSING":
        return refund
    created = dt.datetime.fromtimestamp(refund.get("created_at") or clock.now().timestamp(), clock.UTC)
    if now is None:
        if clock.now() < created + REFUND_PROCESSING:
            return refund
        now = created + REFUND_PROCESSING
    refund["refund_status"] = "SUCCESS"
    refund["success_time"] = clock.to_shanghai(now).strftime("%Y-%m-%d %H:%M:%S")
    save_refund(refund)
    return refund


def refunded_so_far(out_trade_no: str) -> int:
    numbers = [n.decode() for n in redis_store.single.smembers(REFUNDS_OF_ORDER_KEY + out_trade_no)]
    return sum(int(load_refund(n)["refund_fee"]) for n in numbers if load_refund(n))


def new_refund(order: dict, out_refund_no: str, refund_fee: int, notify_url: str | None, version: str) -> dict:
    """A refund WeChat has accepted and is processing (its notification follows)."""
    refund = {
        "out_refund_no": out_refund_no, "out_trade_no": order["out_trade_no"],
        "transaction_id": order["transaction_id"], "total_fee": order["total_fee"], "refund_fee": str(refund_fee),
        "refund_id": "5030" + secrets.token_hex(12), "notify_url": notify_url, "refund_status": "PROCESSING",
        "created_at": clock.now().timestamp(), "version": version,
    }
    save_refund(refund)
    return refund
