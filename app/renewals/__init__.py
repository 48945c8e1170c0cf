"""Monthly plans that renew themselves: WeChat Pay's insurance contract deduction (issue 17).

The payment path knows nothing of renewal. This feature declares what it needs (a signer for
``purchases``, a renewal view and a cover rule for ``policies``) and reacts to events
(``order_paid``, ``papay_event``, ``policy_cancelling``). docs/domain.md, Monthly renewal.
"""
