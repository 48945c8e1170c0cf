"""Orders, the bottom of the money core: what a user pays for, from creation to prepay at WeChat Pay.

An order does not know what it buys. Its ``kind`` names the feature that sells it, and that
feature declares in ``kinds`` what paying for it (and refunding it) means.
"""
