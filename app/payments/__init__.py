"""Payments: WeChat Pay's notifications, verified, stored raw, and applied exactly once."""
