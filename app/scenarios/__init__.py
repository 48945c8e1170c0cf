"""Scenario events from partners (a hospital bill paid by WeChat Pay, ...) that earn coupons."""
