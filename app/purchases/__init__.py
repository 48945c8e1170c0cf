"""Buying cover: a plan priced on the server, the insured person checked, a coupon taken, then paid;
the policy issued when WeChat Pay confirms. Declares the ``policy`` order kind."""
