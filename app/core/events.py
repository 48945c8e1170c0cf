"""What the money core and the accounts announce, for the features that react to it.

The payment path does not know who cares that an order was paid: it sends ``order_paid``
and the growth features (coupons, referral rewards) subscribe. Receivers run at once, in
the sender's unit of work: what they write commits or rolls back with it, and a receiver
that raises undoes the whole unit. Work that may wait (a referrer's coupon) is queued as a
job after commit. What an order *delivers* (a policy, an active envelope) is not an event:
it is the order kind's own handler (``app.orders.kinds``), exactly one per kind.

Receivers connect at import time of their module; ``app.features`` imports every feature,
so every receiver is connected before the app serves a request or runs a job.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: An order was paid and its kind's fulfilment ran. ``send(order, facts=...)``: what the receivers declared
#: to read with the order's lock (``orders.declare_payment_fact``), by name.
order_paid = _signals.signal("order-paid")
#: An unpaid order closed (cancelled, or its payment window passed). ``send(order)``.
order_closed = _signals.signal("order-closed")
#: A refund succeeded: the money is back with the payer. ``send(refund, order=order)``.
refund_succeeded = _signals.signal("refund-succeeded")
#: Someone logged in for the first time. ``send(user, share_token=token or None)``.
user_joined = _signals.signal("user-joined")
#: WeChat Pay told us about an insurance contract deduction (a verified v3 notification):
#: ``send(event, notification_id=id)`` with an ``app.wechat.pay.papay_types`` ``ContractEvent``
#: (INSURANCE_ENTRUST.SIGN / .TERMINATE / .RENEW) or ``DeductionEvent`` (TRANSACTION.SUCCESS /
#: .FAIL of a deduction). A receiver returns the ``Outcome`` it reached (``app.payments.services``);
#: with none, the notification is kept flagged ``unhandled_event`` and acknowledged.
papay_event = _signals.signal("papay-event")
#: A bought policy is being cancelled (退保): by its holder in its cooling-off period, or by an operator's refund of its
#: whole premium (its refund requested). ``send(policy_id, order_id=id, why=...)``: the order that bought it, whose
#: purchase is being undone, and ``cooling_off`` or ``full_refund``.
policy_cancelling = _signals.signal("policy-cancelling")
#: A copy of everything held about one user is being made for them (PIPL Art. 45). ``send(user_id)``: every
#: feature that keeps personal data returns its ``app.core.personal_data.Section`` (or several); the admin
#: gathers them (``personal_data.gather``) without knowing the features' tables.
personal_data_copy = _signals.signal("personal-data-copy")
#: A user asks to close their account (注销). ``send(user_id)``: every feature that holds unfinished business of the
#: user's (cover in force, a claim, money on its way back) answers with its ``app.core.account_closure.Blocker``\ s.
account_closing = _signals.signal("account-closing")
#: The account is being closed, in the closing unit of work, nothing blocking it. ``send(user_id)``: every feature
#: that keeps the user's data deletes or voids what the law does not ask to keep, and answers with the tables it
#: handled (``app.core.account_closure``).
account_closed = _signals.signal("account-closed")
