"""Rewards: WeRun steps earn cover; each reward redeemable once."""
