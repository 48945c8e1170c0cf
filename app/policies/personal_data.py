"""Policies in a user's copy of their personal information (``app.core.personal_data``), and the policy number
as a way to find whose data it is."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.catalog.models import Plan, Product
from app.core import clock, events, personal_data
from app.core.account_closure import Blocker
from app.core.personal_data import Section, amount, moment, revealed
from app.extensions import db
from app.policies.models import Policy


@events.personal_data_copy.connect
def policies(user_id: int) -> Section:
    """Every policy the user holds, bought or given, with the policyholder and the insured in the clear. The
    cover's wording (保障责任, 责任免除) is the product's, the same for every buyer: the e-policy has it."""
    now = clock.now()
    found = db.session.execute(
        sa.select(Policy, Plan, Product).join(Plan, Plan.id == Policy.plan_id).join(Product, Product.id == Plan.product_id)
        .where(Policy.user_id == user_id).order_by(Policy.id))
    return Section("policies", _l("Policies"), ("policies",), [{
        "policy_no": policy.policy_no, "source": policy.source, "status": policy.status_at(now),
        # The names it was sold under (what the contract calls it), not the product's names today.
        "product": {"code": product.code, "name_zh": policy.product_name_zh, "name_en": policy.product_name_en},
        "plan": {"code": plan.code, "name_zh": policy.plan_name_zh, "name_en": policy.plan_name_en},
        "coverage": amount(policy.coverage_fen), "death_benefit": amount(policy.death_benefit_fen),
        "premium": amount(policy.premium_fen), "starts_at": moment(policy.starts_at),
        "ends_at": moment(policy.ends_at), "illness_cover_starts_at": moment(policy.illness_cover_starts_at),
        "issued_at": moment(policy.issued_at), "cancelled_at": moment(policy.cancelled_at),
        "policyholder": {"name": revealed(policy.holder_name_encrypted),
                         "id_number": revealed(policy.holder_id_encrypted)},
        "insured": {"name": revealed(policy.insured_name_encrypted),
                    "id_number": revealed(policy.insured_id_encrypted)},
    } for policy, plan, product in found])


def _owner_of_policy(number: str) -> int | None:
    return db.session.scalar(sa.select(Policy.user_id).where(Policy.policy_no == number))


personal_data.declare_number("policy", _l("policy number"), _owner_of_policy)


@events.account_closing.connect
def cover_in_force(user_id: int) -> list[Blocker]:
    """A policy still covering someone, or being cancelled (its refund on the way): closing the account would leave
    its holder unable to see it or claim on it in the app."""
    now = clock.now()
    rows = db.session.execute(sa.select(Policy.policy_no, Policy.status).where(
        Policy.user_id == user_id,
        sa.or_(Policy.status == "cancelling", sa.and_(Policy.status == "active", Policy.ends_at > now)),
    ).order_by(Policy.id)).all()
    return [Blocker("policy_in_force", row.policy_no,
                    _l("Policy %(number)s is being cancelled: wait until its refund is back.", number=row.policy_no)
                    if row.status == "cancelling" else
                    _l("Policy %(number)s is still in force: you can close the account once its cover ends, or "
                       "after cancelling it within its cooling-off period.", number=row.policy_no))
            for row in rows]
