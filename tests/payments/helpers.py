"""Building WeChat Pay v2 notifications the way WeChat does (signed with wechatpy's own signer),
and losing them on the way."""

from __future__ import annotations

import secrets

from wechatpy.pay.utils import calculate_signature, dict_to_xml


def notification_fields(app, order_no: str, total_fee: int, transaction_id: str | None = None, **changes) -> dict:
    fields = {
        "appid": app.config["WECHAT_APPID"], "mch_id": app.config["WECHAT_MCH_ID"],
        "nonce_str": secrets.token_hex(16), "return_code": "SUCCESS", "result_code": "SUCCESS",
        "openid": "oSandboxPayer", "is_subscribe": "N", "trade_type": "JSAPI", "bank_type": "OTHERS",
        "total_fee": str(total_fee), "cash_fee": str(total_fee), "fee_type": "CNY",
        "transaction_id": transaction_id or "4200" + "".join(secrets.choice("0123456789") for _ in range(24)),
        "out_trade_no": order_no, "time_end": "20261126101500",
    }
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


def signed_notification(app, order_no: str, total_fee: int, transaction_id: str | None = None,
                        api_key: str | None = None, **changes) -> bytes:
    fields = notification_fields(app, order_no, total_fee, transaction_id, **changes)
    sign = calculate_signature(fields, api_key or app.config["WECHAT_PAY_API_KEY"])
    return dict_to_xml(fields, sign).encode()


def post_notification(client, body: bytes):
    return client.post("/webhooks/wechatpay/notify", data=body, content_type="text/xml")


def submit_and_lose_the_refund_notification(app, refund_no: str) -> None:
    """WeChat Pay accepts the refund and carries it out, but its notification never arrives."""
    import sqlalchemy as sa

    from app.extensions import db, redis_store
    from app.payments.models import Refund
    from app.payments.refunds import submit_refund
    from tests.support import run_jobs

    with app.app_context():
        redis_store.delete("rq:queue:default")  # the queued submission: we submit by hand below
        refund_id = db.session.scalar(sa.select(Refund.id).where(Refund.refund_no == refund_no))
    with app.app_context():
        assert submit_refund(refund_id) == "submitted"
    with app.app_context():
        redis_store.delete("rq:queue:default")  # the sandbox's notification job: lost
    run_jobs(app)
