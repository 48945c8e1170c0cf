"""A stand-in for WeChat's servers, for development and testing: never imported by a feature.

It speaks WeChat's documented wire formats for the endpoints we use (``miniprogram``,
``pay_v2``, ``pay_v3``, ``papay``: insurance contract deduction) and plays the WeChat user and
client where WeChat cannot be asked (``routes``: paying, allowing messages, WeRun data, signing
and ending a contract). It is a WSGI app of its own, sharing
the app's configuration (the same credentials, generated or set) and Redis:

- mounted at ``/sandbox/wechat`` on the app's own URL, for the mini-program, the tests
  and a developer's curl;
- mounted in-process as our WeChat clients' transport (``transport.InProcess``), so the
  app's calls never take one of its own request threads.

Its state (users' session keys, access tokens, messages, orders, refunds) lives in Redis
under ``sandbox:``: it is a stand-in, not a system of record.
"""

from __future__ import annotations

from apispec import APISpec
from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from app.core import i18n, untrusted
from app.core.errors import register_error_handlers
from app.extensions import redis_store
# The modules add their endpoints to blp.
from app.sandbox import miniprogram, openapi, papay, pay_v2, pay_v3, routes  # noqa: F401
from app.sandbox.blueprint import blp
from app.sandbox.transport import InProcess
from app.wechat import transport

#: Where the sandbox answers on the app's own URL (and where config's WeChat base URLs point).
MOUNT_PATH = "/sandbox/wechat"


def install(app: Flask, spec: APISpec, guide: dict | None = None) -> Flask:
    """Build the sandbox for ``app``, mount it on the app's URL and as its WeChat transport, and
    document its own endpoints in ``spec``; returns it.

    ``guide`` is what its page (``/sandbox/wechat/``) tells a developer about the features it
    never imports: ``{"scenarios": [names], "campaigns": [{"code", "kind", "name_zh", "name_en"}]}``.
    """
    sandbox = Flask(__name__)
    untrusted.init_readers(sandbox)
    sandbox.config = app.config  # one set of credentials: what the app signs, the sandbox checks
    sandbox.extensions["sandbox_guide"] = guide or {}
    redis_store.init_app(sandbox)
    sandbox.register_blueprint(blp)
    i18n.init_app(sandbox)  # its refusals are the API's, in the caller's language
    register_error_handlers(sandbox)  # the API's error shape, for its callers (the mini-program reads it)
    openapi.document(spec, MOUNT_PATH)
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {MOUNT_PATH: sandbox})
    adapter = InProcess(sandbox, MOUNT_PATH)
    for base_url in {app.config["WECHAT_API_BASE_URL"], app.config["WECHAT_PAY_BASE_URL"]}:
        transport.mount(app, base_url, adapter)
    app.extensions["wechat_sandbox"] = sandbox
    return sandbox
