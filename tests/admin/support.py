"""Helpers for the admin tests: admin users, logging in through the form, CSRF tokens, paid orders."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import sqlalchemy as sa

from app.extensions import db
from tests.support import agreement, plan_id, prepay_id_of, run_jobs

PASSWORD = "correct horse battery staple"
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def make_admin(app, username: str, role: str, password: str = PASSWORD, language: str = "zh-CN") -> int:
    """An admin user; their pages are in Chinese unless ``language`` is ``en``."""
    from app.admin.services import accounts

    with app.app_context():
        admin = accounts.create(username, password, role, created_by="test", language=language)
        db.session.commit()
        admin_id = admin.id
        db.session.remove()
    return admin_id


def csrf_token(client, path: str = "/admin/login") -> str:
    """The CSRF token a page's forms carry (the session cookie goes with it)."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    found = _TOKEN.search(response.get_data(as_text=True))
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def log_in(client, username: str, password: str = PASSWORD, next_: str | None = None):
    data = {"csrf_token": csrf_token(client), "username": username, "password": password}
    if next_ is not None:
        data["next"] = next_
    return client.post("/admin/login", data=data)


def post_form(client, path: str, data: dict | None = None, token_from: str = "/admin/"):
    """POST a form the way the browser does: with the token the admin's pages carry."""
    return client.post(path, data={"csrf_token": csrf_token(client, token_from), **(data or {})})


class _HiddenFields(HTMLParser):
    def __init__(self, action: str):
        super().__init__()
        self.action, self.inside, self.fields = action, False, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action") == self.action
        elif tag == "input" and self.inside and attrs.get("type") == "hidden":
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def hidden_fields(client, page: str, action: str) -> dict:
    """The hidden fields of the form on ``page`` that posts to ``action`` (its CSRF token, its one-time key ...),
    as the browser sends them; only the page's CSRF token when the page has no such form (a viewer's page)."""
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    parser = _HiddenFields(action)
    parser.feed(response.get_data(as_text=True))
    return parser.fields or {"csrf_token": csrf_token(client, page)}


def filled_refund_form(client, order_no: str, payment_id, amount: str = "", note: str = "customer asked",
                       confirm: str = "y") -> dict:
    """The order page's refund form as drawn (its CSRF token and one-time key), filled in."""
    fields = hidden_fields(client, f"/admin/orders/{order_no}", f"/admin/orders/{order_no}/refunds")
    return {**fields, "payment_id": str(payment_id), "amount": amount, "note": note, "confirm": confirm}


def send_refund_form(client, order_no: str, data: dict):
    return client.post(f"/admin/orders/{order_no}/refunds", data=data)


def refund_form(client, order_no: str, payment_id, amount: str = "", note: str = "customer asked", confirm: str = "y"):
    """An operator's refund from the order's page: a fresh form each time, as a browser reloads the page."""
    return send_refund_form(client, order_no, filled_refund_form(client, order_no, payment_id, amount, note, confirm))


def paid_order(app, client, who: dict, insured: dict, plan_code: str = "accident-plus") -> dict:
    """An order paid through the WeChat sandbox (its notification applied by the job worker)."""
    response = client.post("/api/v1/orders", json={"plan_id": plan_id(client, plan_code),
                                                   **agreement(client, plan_code),
                                                   "insured": insured},
                           headers=who["headers"])
    assert response.status_code == 201, response.get_json()
    order = response.get_json()
    confirmed = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])})
    assert confirmed.status_code == 200, confirmed.get_json()
    run_jobs(app)
    found = client.get(f"/api/v1/orders/{order['order_no']}", headers=who["headers"]).get_json()
    assert found["status"] == "fulfilled", found
    return found


def rows(app, model, *where, order_by=None):
    with app.app_context():
        found = db.session.scalars(sa.select(model).where(*where).order_by(order_by or model.id)).all()
        db.session.expunge_all()
        return found


def audit_entries(app, action: str | None = None):
    from app.admin.models import AuditEntry

    return rows(app, AuditEntry, *([AuditEntry.action == action] if action else []))


def file_claim(client, who: dict, policy_no: str) -> str:
    from app.core import clock

    response = client.post("/api/v1/claims", headers=who["headers"], json={
        "policy_no": policy_no, "kind": "accident", "claimed_fen": 50_000,
        "occurred_at": clock.isoformat(clock.now()), "description": "Slipped on the stairs; X-ray and a cast."})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["claim_no"]
