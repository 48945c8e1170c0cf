"""Payments, the top of the money core: money in and money out at WeChat Pay.

WeChat Pay's notifications are stored raw, verified and applied exactly once; a paid order
is fulfilled through its kind (``app.orders.kinds``); unpaid orders are reconciled and
closed; refunds are decided here first, then submitted, then settled. Payments and refunds
are one package because each needs the other's rows: a refund gives back part of a payment,
and a payment for an order that no longer wants it is refunded at once.
"""
