"""Coupons: granted by campaigns, reserved at checkout, consumed when paid, released when the order closes."""
