"""Who gets in: sessions, the login form, CSRF, roles on every page, throttling, and the error pages."""

from __future__ import annotations

import datetime as dt

import pytest

from app.admin.models import AdminUser
from app.core import clock
from tests.admin.support import PASSWORD, audit_entries, csrf_token, log_in, make_admin, post_form, rows
from tests.support import config_set

ADMIN_PAGES = ["/admin/", "/admin/products", "/admin/orders", "/admin/refunds", "/admin/envelopes",
               "/admin/claims", "/admin/campaigns", "/admin/users", "/admin/audit", "/admin/no-such-page"]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_without_a_session_every_admin_page_redirects_to_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login?next=")
    assert path in response.headers["Location"].replace("%2F", "/")


def test_the_login_page_is_a_form_with_username_and_password(client):
    page = client.get("/admin/login").get_data(as_text=True)
    assert 'name="username"' in page and 'name="password"' in page and 'name="csrf_token"' in page


def test_an_admin_logs_in_and_lands_on_the_page_they_asked_for(app, client):
    make_admin(app, "root", "admin")
    response = log_in(client, "Root", next_="/admin/orders?status=created")  # names are case-insensitive
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/orders?status=created"
    assert client.get("/admin/orders").status_code == 200
    [entry] = audit_entries(app, "session.login")
    assert entry.actor == "admin:root"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/api/v1/me", "/\\evil.example"])
def test_after_login_it_never_redirects_outside_the_admin(app, client, target):
    make_admin(app, "root", "admin")
    response = log_in(client, "root", next_=target)
    assert response.headers["Location"] == "/admin/"


#: What a refused login says, in Chinese: the login page's language when the browser asks for nothing else.
LOGIN_REFUSED = "用户名或密码不正确，或该管理员已停用。"


def test_a_wrong_password_is_refused_and_logged(app, client):
    make_admin(app, "root", "admin")
    response = log_in(client, "root", "not the password at all")
    assert response.status_code == 401
    assert LOGIN_REFUSED in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302
    [failed] = audit_entries(app, "session.login_failed")
    assert (failed.actor, failed.admin_user_id) == ("root", None)


def test_an_unknown_username_gets_the_same_answer_as_a_wrong_password(app, client):
    make_admin(app, "root", "admin")
    wrong_password = log_in(client, "root", "not the password at all")
    unknown_user = log_in(client, "nobody", PASSWORD)
    assert unknown_user.status_code == wrong_password.status_code == 401
    for response in (wrong_password, unknown_user):
        assert LOGIN_REFUSED in response.get_data(as_text=True)


def test_passwords_are_stored_as_argon2id_hashes(app):
    make_admin(app, "root", "admin")
    [admin] = rows(app, AdminUser)
    assert admin.password_hash.startswith("$argon2id$") and PASSWORD not in admin.password_hash


def test_logging_out_ends_the_session(app, as_viewer):
    assert as_viewer.get("/admin/").status_code == 200
    response = post_form(as_viewer, "/admin/logout")
    assert response.status_code == 302
    assert as_viewer.get("/admin/").status_code == 302


def test_a_session_cookie_copied_before_logging_out_no_longer_opens_the_admin(app, as_viewer):
    """The session is a signed cookie: logging out must end it on the server too, not only in this browser."""
    assert as_viewer.get("/admin/").status_code == 200
    copied = as_viewer.get_cookie("session").value
    assert post_form(as_viewer, "/admin/logout").status_code == 302
    replayed = app.test_client()
    replayed.set_cookie("session", copied)
    response = replayed.get("/admin/orders")
    assert response.status_code == 302 and response.headers["Location"].startswith("/admin/login")
    assert log_in(app.test_client(), "victor").status_code == 302  # the admin logs in again as before


def test_a_session_ends_twelve_hours_after_login(app, as_viewer):
    with clock.frozen_at(clock.now() + dt.timedelta(hours=12, minutes=1)):
        response = as_viewer.get("/admin/orders")
    assert response.status_code == 302 and response.headers["Location"].startswith("/admin/login")


def test_a_disabled_admin_loses_their_session_at_once_and_cannot_log_in(app, as_admin):
    operator_id = make_admin(app, "olga", "operator")
    operator = app.test_client()
    assert log_in(operator, "olga").status_code == 302
    assert post_form(as_admin, f"/admin/users/{operator_id}/disable").status_code == 303
    assert operator.get("/admin/").status_code == 302
    assert log_in(app.test_client(), "olga").status_code == 401


def test_the_session_cookie_is_httponly_and_samesite_lax(app):
    make_admin(app, "root", "admin")
    client = app.test_client()
    response = log_in(client, "root")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_marks_the_session_cookie_secure():
    from config import ProductionConfig

    assert ProductionConfig.SESSION_COOKIE_SECURE is True


# -- CSRF --------------------------------------------------------------------------------------

def test_a_login_post_without_a_csrf_token_is_400(app, client):
    make_admin(app, "root", "admin")
    response = client.post("/admin/login", data={"username": "root", "password": PASSWORD})
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert client.get("/admin/").status_code == 302


def test_an_admin_form_posted_without_a_valid_token_is_400_and_changes_nothing(app, as_admin):
    operator_id = make_admin(app, "olga", "operator")
    for data in ({}, {"csrf_token": "forged"}):
        response = as_admin.post(f"/admin/users/{operator_id}/role", data={"role": "admin", **data})
        assert response.status_code == 400
        assert "表单已过期" in response.get_data(as_text=True)  # root reads Chinese
    assert rows(app, AdminUser, AdminUser.id == operator_id)[0].role == "operator"
    assert audit_entries(app, "admin_user.role") == []


def test_a_token_from_another_session_is_refused(app, as_admin):
    other = app.test_client()
    stolen = csrf_token(other)
    operator_id = make_admin(app, "olga", "operator")
    response = as_admin.post(f"/admin/users/{operator_id}/disable", data={"csrf_token": stolen})
    assert response.status_code == 400
    assert rows(app, AdminUser, AdminUser.id == operator_id)[0].active is True


def test_the_api_and_webhooks_need_no_csrf_token(client):
    assert client.post("/api/v1/auth/login", json={"code": "sandbox:carol"}).status_code == 200


# -- roles -------------------------------------------------------------------------------------

def test_every_admin_view_declares_the_role_it_needs(app):
    from app.admin.models import ROLES

    undeclared = [endpoint for endpoint, view in app.view_functions.items()
                  if endpoint.startswith("admin.") and endpoint not in ("admin.login", "admin.static")
                  and getattr(view, "admin_role", None) not in ROLES]
    assert undeclared == []


@pytest.mark.parametrize("path", ADMIN_PAGES[:-2])
def test_a_viewer_reads_every_page_but_admin_users(as_viewer, path):
    expected = 403 if path == "/admin/users" else 200
    response = as_viewer.get(path)
    assert response.status_code == expected, path
    assert response.mimetype == "text/html"


def test_an_operator_cannot_manage_admin_users(app, as_operator):
    assert as_operator.get("/admin/users").status_code == 403
    response = post_form(as_operator, "/admin/users", {"username": "mallory", "role": "admin",
                                                       "password": "a long enough password"})
    assert response.status_code == 403
    assert [a.username for a in rows(app, AdminUser)] == ["olga"]


def test_error_pages_under_admin_are_html_not_json(as_viewer):
    response = as_viewer.get("/admin/orders/RC-NO-SUCH-ORDER")
    assert response.status_code == 404
    assert response.mimetype == "text/html" and "<h1>" in response.get_data(as_text=True)
    forbidden = as_viewer.get("/admin/users")
    assert forbidden.mimetype == "text/html" and "无权操作" in forbidden.get_data(as_text=True)


def test_admin_pages_forbid_framing_caching_and_scripts(as_viewer):
    response = as_viewer.get("/admin/")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "script-src 'none'" in response.headers["Content-Security-Policy"]
    assert "<script" not in response.get_data(as_text=True)


# -- throttling --------------------------------------------------------------------------------

def test_logins_are_throttled_per_username_even_with_the_right_password(app, client):
    make_admin(app, "root", "admin")
    make_admin(app, "olga", "operator")
    with config_set(app, ADMIN_LOGIN_RATE_LIMIT="3/15 minutes"):
        for _ in range(3):
            assert log_in(client, "root", "guess guess guess").status_code == 401
        throttled = log_in(client, "root")
        assert throttled.status_code == 429
        assert int(throttled.headers["Retry-After"]) > 0
        assert "登录尝试次数过多" in throttled.get_data(as_text=True)
        # Someone not logged in is sent back to the login page, not to a dashboard they cannot open.
        assert 'href="/admin/login"' in throttled.get_data(as_text=True)
        assert 'href="/admin/"' not in throttled.get_data(as_text=True).split("<main", 1)[-1]
        assert client.get("/admin/").status_code == 302
        # Another admin from the same address still gets in: the address has its own, larger limit.
        assert log_in(app.test_client(), "olga").status_code == 302


def test_logins_are_throttled_per_address_across_usernames(app, client):
    make_admin(app, "root", "admin")
    with config_set(app, ADMIN_LOGIN_IP_RATE_LIMIT="4/15 minutes"):
        for name in ("a1", "a2", "a3", "a4"):
            assert log_in(client, name, "guess guess guess").status_code == 401
        assert log_in(client, "root").status_code == 429


def test_an_offices_staff_sharing_one_address_are_not_locked_out_by_their_own_logins(app):
    for n in range(6):
        make_admin(app, f"staff{n}", "operator")
    with config_set(app, ADMIN_LOGIN_IP_RATE_LIMIT="4/15 minutes"):
        # Six colleagues behind the office's one address log in, the first of them twice.
        assert [log_in(app.test_client(), f"staff{n}").status_code for n in (0, 0, 1, 2, 3, 4, 5)] == [302] * 7
        assert log_in(app.test_client(), "staff9", "guess guess guess").status_code == 401
        assert log_in(app.test_client(), "staff1").status_code == 302  # one failure is far from the limit


def test_a_successful_login_clears_the_usernames_count(app, client):
    make_admin(app, "root", "admin")
    with config_set(app, ADMIN_LOGIN_RATE_LIMIT="3/15 minutes"):
        for _ in range(2):
            log_in(client, "root", "guess guess guess")
        assert log_in(client, "root").status_code == 302
        other = app.test_client()
        for _ in range(2):
            assert log_in(other, "root", "guess guess guess").status_code == 401
        assert log_in(other, "root").status_code == 302
