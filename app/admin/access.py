"""Who may see and do what in the admin: sessions, CSRF, roles, login throttling, security headers.

Every request under /admin passes ``guard`` first: CSRF is checked on every POST, a
visitor without a session is sent to the login page, and the view's role — declared
with ``@requires`` on every view, or the request is refused (fail closed) — is checked
against the admin's. Roles rank viewer < operator < admin.
"""

from __future__ import annotations

import functools
import logging
import time
from urllib.parse import urlsplit

import limits
from flask import abort, current_app, g, redirect, request, session, url_for
from flask_babel import refresh
from flask_login import current_user, login_user, logout_user

from app.admin.models import ROLE_RANK
from app.admin.services import accounts
from app.core import clock, ratelimit
from app.extensions import csrf, login_manager

log = logging.getLogger(__name__)

#: Pages anyone may open (the login form posts with a CSRF token all the same).
PUBLIC_ENDPOINTS = {"admin.login", "admin.static"}
#: An admin session ends this long after logging in, however active it has been.
SESSION_LIFETIME_SECONDS = 12 * 3600
SESSION_STARTED = "admin_login_at"

login_manager.session_protection = "strong"


@login_manager.user_loader
def _load_admin(session_token: str):
    return accounts.find_by_session_token(session_token)


def requires(role: str):
    """Declare (and enforce) the least role a view needs: viewer, operator or admin."""
    if role not in ROLE_RANK:
        raise ValueError(f"unknown role {role!r}")

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated or not current_user.can(role):
                abort(403)
            return view(*args, **kwargs)

        wrapper.admin_role = role
        return wrapper

    return decorate


def use_the_admins_language():
    """The admin blueprint's first before_request: a signed-in admin's pages are in their own language.

    Sets ``g.language``, which ``app.core.i18n`` prefers to the browser's Accept-Language; the
    login page, before anyone is signed in, follows the browser.
    """
    if current_user.is_authenticated:
        g.language = current_user.language
        refresh()  # forget a locale worked out before this hook, from the browser's language


def guard():
    """The admin blueprint's before_request: CSRF, then the session, then the role."""
    csrf.protect()
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("admin.login", next=_here()))
    started = session.get(SESSION_STARTED)
    if not isinstance(started, (int, float)) or clock.now().timestamp() - started > SESSION_LIFETIME_SECONDS:
        logout_user()
        session.clear()
        return redirect(url_for("admin.login", next=_here()))
    view = current_app.view_functions.get(request.endpoint)
    role = getattr(view, "admin_role", None)
    if role is None or not current_user.can(role):
        abort(403)
    return None


def _here() -> str:
    return request.full_path.rstrip("?") if request.method == "GET" else url_for("admin.dashboard")


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path inside /admin, never another site."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/admin") and "\\" not in target:
            return target
    return url_for("admin.dashboard")


def start_session(admin) -> None:
    """A fresh session for a freshly authenticated admin (nothing carried over from before)."""
    session.clear()
    login_user(admin)
    session[SESSION_STARTED] = clock.now().timestamp()


def end_session() -> None:
    logout_user()
    session.clear()
    # What this answer still says (a flash for the login page) is in the login page's language.
    g.pop("language", None)
    refresh()


# -- login throttling --------------------------------------------------------------------------

def _limits() -> tuple:
    return (limits.parse(current_app.config["ADMIN_LOGIN_RATE_LIMIT"]),
            limits.parse(current_app.config["ADMIN_LOGIN_IP_RATE_LIMIT"]))


def count_login_attempt(username: str) -> int | None:
    """Count one login attempt for this username, and check this client address's failures, in Redis.

    Returns None when the attempt may go ahead, or the seconds to wait when either limit is used up (the
    attempt is then refused without checking the password). An address's limit counts failed logins only
    (``count_failed_login``): an office's staff share one address, and their own logins must not lock them
    out; guessing across usernames is what fails.
    """
    strategy = ratelimit.strategy()
    if strategy is None:
        return None
    per_user, per_ip = _limits()
    name = accounts.normalize_username(username)[:64] or "-"
    address = ratelimit.client_address()
    user_ok = strategy.hit(per_user, "admin-login", "user", name)
    ip_ok = strategy.test(per_ip, "admin-login", "ip-failed", address)
    if user_ok and ip_ok:
        return None
    waits = []
    for ok, item, key in ((user_ok, per_user, ("user", name)), (ip_ok, per_ip, ("ip-failed", address))):
        if not ok:
            reset = strategy.get_window_stats(item, "admin-login", *key).reset_time
            waits.append(max(1, int(reset - time.time())))
    log.warning("admin login throttled for %s from %s", name, address)
    return max(waits)


def count_failed_login() -> None:
    """A login from this client address failed: counted against the address's limit.

    Counted after the password check, so failures in flight at the same moment all pass
    ``count_login_attempt``'s test: a burst can exceed the address's limit by the requests it has in
    flight, never more. The per-username limit, counted before the check, bounds each account whatever
    a burst does."""
    strategy = ratelimit.strategy()
    if strategy is not None:
        _, per_ip = _limits()
        strategy.hit(per_ip, "admin-login", "ip-failed", ratelimit.client_address())


def forget_login_attempts(username: str) -> None:
    """A successful login clears its username's count."""
    strategy = ratelimit.strategy()
    if strategy is not None:
        per_user, _ = _limits()
        strategy.clear(per_user, "admin-login", "user", accounts.normalize_username(username)[:64] or "-")


# -- response headers --------------------------------------------------------------------------

#: Everything is served by us; pygal's inline SVG needs inline styles, and nothing needs a script.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def secure_headers(response):
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.endpoint != "admin.static":
        # Pages carry personal data: no cache, shared or private, keeps them.
        response.headers["Cache-Control"] = "no-store"
    return response
