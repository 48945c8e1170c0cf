"""Campaigns: marketing budgets that pay for promo envelopes, coupons and rewards, with caps."""
