from __future__ import annotations

from flask import g, request

from app.auth.guard import login_required
from app.core.api import Blueprint, ErrorSchema
from app.policies.schemas import PolicyDetailSchema
from app.purchases.schemas import OrderCreatedSchema
from app.renewals import services

orders_blp = Blueprint("renewal_orders", __name__, url_prefix="/api/v1/orders",
                       description="Buying a monthly plan with auto-renewal")
policies_blp = Blueprint("renewal_policies", __name__, url_prefix="/api/v1/policies",
                         description="Stopping auto-renewal")

_NOT_SIGNABLE = ("`order_not_payable` (the order is paid or closed), `not_auto_renew` (the order was not made "
                 "with auto_renew, or was paid through /pay); for /contract also `contract_signed_unpaid` (signed, "
                 "the first month not paid with it: pay through /pay) and `contract_limit` (the user holds the most "
                 "contracts WeChat Pay allows)")


@orders_blp.route("/<string:order_no>/contract", methods=["POST"])
@login_required
@orders_blp.response(200, OrderCreatedSchema)
@orders_blp.alt_response(409, schema=ErrorSchema, description=_NOT_SIGNABLE)
def fresh_contract(order_no):
    """A fresh pre-sign for an auto-renew order still awaiting payment (a pre-sign lives 10 minutes, the order 30)."""
    return services.contract_for_order(g.user_id, order_no)


@orders_blp.route("/<string:order_no>/pay", methods=["POST"])
@login_required
@orders_blp.response(200, OrderCreatedSchema)
@orders_blp.alt_response(409, schema=ErrorSchema, description=_NOT_SIGNABLE)
def pay_without_signing(order_no):
    """The user came back without signing: ordinary `pay_params` for the same order, renewal off (one month)."""
    return services.pay_without_signing(g.user_id, order_no, request.remote_addr or "127.0.0.1")


@policies_blp.route("/<string:policy_no>/renewal", methods=["DELETE"])
@login_required
@policies_blp.response(200, PolicyDetailSchema)
@policies_blp.alt_response(409, schema=ErrorSchema, description="`renewal_not_active`: the policy is not renewing")
def stop_renewal(policy_no):
    """Stop auto-renewal: the contract is ended at WeChat Pay; cover already paid for runs to its end."""
    return services.stop(g.user_id, policy_no)
