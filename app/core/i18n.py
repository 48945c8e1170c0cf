"""Two languages: Simplified Chinese first, English second (docs/architecture.md, Languages).

Flask-Babel translates every user-facing message from catalogs under version control
(``app/translations``; the source strings are English, the ``zh_Hans_CN`` catalog is the
Chinese). Which language a request gets:

- the API and every page a user reaches follow ``Accept-Language`` by its primary subtag:
  any ``en…`` gets English; anything else, or nothing, gets Simplified Chinese;
- an admin's pages follow the admin's own choice once logged in (``request_language`` is
  overridden for them by the admin blueprint, ``g.language``);
- work outside a request (a job, a command) is Chinese, unless it speaks to one user in
  theirs (``in_language(user.language)``, e.g. a subscribe message).

Every response says which it got: ``Content-Language`` (``zh-CN`` or ``en``, exactly) and
``Vary: Accept-Language``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from flask import Flask, g, has_request_context, request
from flask_babel import Babel, force_locale, get_locale

from app.core.clock import SHANGHAI

#: The languages the product speaks, first the default.
LANGUAGES = ("zh-CN", "en")
DEFAULT_LANGUAGE = "zh-CN"
#: Each language's Babel locale (the catalogs' directory names under app/translations).
BABEL_LOCALES = {"zh-CN": "zh_Hans_CN", "en": "en"}

#: The catalogs, for the app and for the sandbox (its own Flask app, in another directory).
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"

babel = Babel()


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it yet (it is translated where it is shown)."""
    return message


def language_of(accept_language: str | None) -> str:
    """``en`` when the most preferred language's primary subtag is ``en``; otherwise ``zh-CN``."""
    best, best_quality = None, -1.0
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        # Earlier entries win ties, as the header lists them by preference.
        if tag and quality > best_quality and quality > 0:
            best, best_quality = tag, quality
    primary = (best or "").split("-")[0].split("_")[0].strip().lower()
    return "en" if primary == "en" else DEFAULT_LANGUAGE


def request_language() -> str:
    """The current request's language: one chosen for it (an admin's own), or its ``Accept-Language``'s."""
    chosen = g.get("language")
    if chosen in LANGUAGES:
        return chosen
    return language_of(request.headers.get("Accept-Language"))


def current_language() -> str:
    """``zh-CN`` or ``en``: the language messages are being written in right now."""
    try:
        # Where Flask-Babel keeps the locale once chosen (force_locale too): a policy's page asks
        # twenty times, and get_locale() costs as much as the rest of localizing a field.
        locale = g._flask_babel.babel_locale or get_locale()
    except (AttributeError, RuntimeError):
        locale = get_locale()
    return "en" if locale.language == "en" else "zh-CN"


@contextlib.contextmanager
def in_language(language: str | None) -> Iterator[None]:
    """Write in ``language`` (a user's), e.g. a subscribe message sent from a job."""
    with force_locale(BABEL_LOCALES.get(language or DEFAULT_LANGUAGE, BABEL_LOCALES[DEFAULT_LANGUAGE])):
        yield


def _select_locale() -> str:
    if not has_request_context():
        return BABEL_LOCALES[DEFAULT_LANGUAGE]
    return BABEL_LOCALES[request_language()]


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=_select_locale, default_locale=BABEL_LOCALES[DEFAULT_LANGUAGE],
                   default_timezone="Asia/Shanghai", default_translation_directories=str(TRANSLATIONS))

    @app.after_request
    def _say_which_language(response):
        response.headers["Content-Language"] = request_language()
        response.vary.add("Accept-Language")
        return response


def localized(thing, field: str):
    """``thing.<field>_zh`` or ``thing.<field>_en`` by the current language (a model or a row): content
    kept in both languages. An English text left empty falls back to the Chinese."""
    if current_language() == "en":
        english = getattr(thing, f"{field}_en", None)
        if english:
            return english
    return getattr(thing, f"{field}_zh")


def yuan(fen: int) -> str:
    """An amount for a sentence that names its unit (元 / yuan): 30000000 fen -> ``300,000``,
    12345 -> ``123.45``. Whole yuan show no decimals, as WeSure writes cover and prices."""
    whole, cents = divmod(fen, 100)
    return f"{whole:,}" if cents == 0 else f"{whole:,}.{cents:02d}"


def local_date(moment) -> str:
    """A day as people here write it, in Beijing time: ``2026年12月6日`` or ``6 Dec 2026``."""
    local = moment.astimezone(SHANGHAI)
    if current_language() == "en":
        return f"{local.day} {local:%b} {local.year}"
    return f"{local.year}年{local.month}月{local.day}日"


def local_datetime(moment) -> str:
    """A moment as people here write it, in Beijing time: ``2026年12月6日 14:30`` or ``6 Dec 2026 14:30``."""
    return f"{local_date(moment)} {moment.astimezone(SHANGHAI):%H:%M}"
