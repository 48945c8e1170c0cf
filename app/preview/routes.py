"""``/preview/``: the mini-program's own pages in an ordinary browser, in development and sandbox mode.

Production answers 404 for every URL here. The pages come from ``miniprogram/`` on every
request (``app.preview.compile``); the runtime that renders them is the committed
``static/runtime.js`` (``npm run build:preview``).
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort, current_app, render_template

from app.bundle import services as bundle
from app.preview import compile as preview_compile

blp = Blueprint("preview", __name__, url_prefix="/preview", static_folder="static", template_folder="templates")

#: The names the login picker offers (the sandbox takes any name; these match the pages' own picker).
SANDBOX_USERS = ("alice", "bob", "carol", "dave", "erin")
CONTACT_NOTICE = "预览中没有客服会话，请致电保险公司客服热线： The preview has no chat: call the insurer's hotline:"


def enabled() -> bool:
    """Development, or a sandbox server: never production (which cannot be a sandbox)."""
    config = current_app.config
    return config["ENV_NAME"] != "production" and (config["ENV_NAME"] == "development" or config["WECHAT_SANDBOX"])


@blp.before_request
def only_outside_production():
    if not enabled():
        abort(404)


@blp.get("/")
def index():
    """The phone frame; the runtime starts the app on ``?page=`` (default: the first page), as ``?as=`` if given."""
    return render_template("preview/index.html")


@blp.get("/app.js")
def app_files():
    """The mini-program as the runtime reads it: one file map, prepared from miniprogram/ now."""
    settings = {
        "files": preview_compile.file_map(bundle.source_dir(), bundle.config_js(bundle.client_config())),
        "sandboxUsers": list(SANDBOX_USERS),
        "contactNotice": CONTACT_NOTICE,
    }
    body = "window.__RC_PREVIEW__ = " + json.dumps(settings, ensure_ascii=False).replace("</", "<\\/") + ";\n"
    return Response(body, mimetype="text/javascript", headers={"Cache-Control": "no-store"})
