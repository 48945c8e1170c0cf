"""What the renewal tests share beyond test_walk's buying and signing."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.extensions import db
from app.orders.models import Order
from app.renewals.models import Renewal
from app.wechat import pay
from app.wechat.pay import papay_types as t
from tests.renewals.test_walk import sign
from tests.wechat.test_papay import openid_of


def signed_without_its_payment(app, client, who: dict, order_no: str) -> str:
    """WeChat signs the order's contract code without taking the first month (a pre-sign of ours without the
    payment, signed in the sandbox); the contract's id. Its SIGN notification is on its way (``run_jobs``)."""
    with app.app_context():
        renewal = db.session.scalars(sa.select(Renewal).join(Order, Order.id == Renewal.order_id)
                                     .where(Order.order_no == order_no)).one()
        session = pay.papay().pre_sign(t.PreSignRequest(
            openid=openid_of(client, who), plan_id=renewal.wechat_plan_id,
            out_contract_code=renewal.out_contract_code, insured_display_name=renewal.insured_display_name,
            policy_start_date=renewal.first_day, policy_end_date=renewal.first_day + dt.timedelta(days=364),
            policy_periods=(t.PolicyPeriod(1, renewal.first_day, renewal.amount_fen),)))
        db.session.remove()
    return sign(client, {"pre_entrustweb_id": session.pre_entrustweb_id})
