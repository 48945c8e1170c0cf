"""Users: one per WeChat openid, their profile and their (encrypted) phone."""
