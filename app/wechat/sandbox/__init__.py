"""A stand-in for WeChat's servers, mounted at ``/sandbox/wechat/`` in development and testing.

It speaks WeChat's documented wire formats for the endpoints we use, so our wechatpy
clients run their real request, signing and parsing code against it over HTTP.
Its state (sandbox users' session keys, access tokens, messages, payments) lives in
Redis under ``sandbox:``: it is a stand-in, not a system of record.
"""

from flask import Blueprint

bp = Blueprint("wechat_sandbox", __name__, url_prefix="/sandbox/wechat")

from app.wechat.sandbox import pay, pay_v3, routes  # noqa: E402,F401  (registers the views)
