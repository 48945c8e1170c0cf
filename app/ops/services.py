from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, url_for

from app.extensions import db, redis_store


def dependency_status() -> dict[str, str]:
    """``{"database": "ok"|"down", "redis": "ok"|"down"}`` from one cheap round trip each."""
    status = {}
    try:
        db.session.execute(sa.text("SELECT 1"))
        status["database"] = "ok"
    except Exception:
        db.session.rollback()
        status["database"] = "down"
    try:
        redis_store.ping()
        status["redis"] = "ok"
    except Exception:
        status["redis"] = "down"
    return status


def client_settings() -> dict:
    config = current_app.config
    return {
        "sandbox": bool(config["WECHAT_SANDBOX"]),
        "pay_version": config["WECHAT_PAY_VERSION"],
        "subscribe_templates": config["WECHAT_SUBSCRIBE_TEMPLATES"],
        # Pages the mini-program links to (the privacy policy from login; help from the me page).
        "privacy_policy_url": config["PUBLIC_BASE_URL"] + url_for("privacy.privacy"),
        "help_url": config["PUBLIC_BASE_URL"] + url_for("help.help_page"),
    }
