"""Monthly renewals in a user's copy of their personal information (``app.core.personal_data``): each contract
with WeChat Pay, its periods and every charge."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.core import events
from app.core.account_closure import Blocker
from app.core.personal_data import Section, amount, moment
from app.extensions import db
from app.orders.models import Order
from app.policies.models import Policy
from app.renewals.models import Renewal, RenewalCharge, RenewalPeriod


@events.personal_data_copy.connect
def renewals(user_id: int) -> Section:
    found = db.session.execute(
        sa.select(Renewal, Order.order_no, Policy.policy_no).join(Order, Order.id == Renewal.order_id)
        .outerjoin(Policy, Policy.id == Renewal.policy_id).where(Renewal.user_id == user_id).order_by(Renewal.id)).all()
    ids = [renewal.id for renewal, _order_no, _policy_no in found]
    periods = db.session.scalars(sa.select(RenewalPeriod).where(RenewalPeriod.renewal_id.in_(ids))
                                 .order_by(RenewalPeriod.renewal_id, RenewalPeriod.n)).all() if ids else []
    charges = db.session.scalars(sa.select(RenewalCharge).where(RenewalCharge.renewal_id.in_(ids))
                                 .order_by(RenewalCharge.id)).all() if ids else []
    period_n = {period.id: period.n for period in periods}
    return Section("renewals", _l("Monthly renewals"), ("renewals", "renewal_periods", "renewal_charges"), [{
        "order_no": order_no, "policy_no": policy_no, "status": renewal.status,
        "contract_code": renewal.out_contract_code, "wechat_contract_id": renewal.contract_id,
        "insured_as_shown_by_wechat": renewal.insured_display_name, "amount": amount(renewal.amount_fen),
        "signed_at": moment(renewal.signed_at), "ended_at": moment(renewal.ended_at),
        "end_reason": renewal.end_reason, "created_at": moment(renewal.created_at),
        "periods": [{
            "n": period.n, "status": period.status, "amount": amount(period.amount_fen),
            "estimated_on": moment(period.estimated_on), "starts_at": moment(period.starts_at),
            "ends_at": moment(period.ends_at), "paid_at": moment(period.paid_at),
        } for period in periods if period.renewal_id == renewal.id],
        "charges": [{
            "period": period_n.get(charge.period_id), "out_trade_no": charge.out_trade_no,
            "amount": amount(charge.amount_fen), "status": charge.status, "transaction_id": charge.transaction_id,
            "failure": charge.failure, "attempted_at": moment(charge.attempted_at),
            "settled_at": moment(charge.settled_at),
        } for charge in charges if charge.renewal_id == renewal.id],
    } for renewal, order_no, policy_no in found])


@events.account_closing.connect
def renewals_on(user_id: int) -> list[Blocker]:
    """Monthly cover still set to renew: WeChat Pay would go on charging for cover the user could no longer see. Named
    by its policy, whose page is where automatic payments are turned off. (Before its first payment there is no
    policy yet: the unpaid order is what the orders feature names.)"""
    numbers = db.session.scalars(
        sa.select(Policy.policy_no).join(Renewal, Renewal.policy_id == Policy.id)
        .where(Renewal.user_id == user_id, Renewal.status.in_(("pending", "active", "retrying")))
        .order_by(Renewal.id)).all()
    return [Blocker("renewal_on", number, _l(
        "Policy %(number)s still renews every month: turn off its automatic payments on its page first.",
        number=number)) for number in numbers]
