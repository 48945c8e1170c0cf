"""Marshmallow's and webargs' own validation messages, in the request's language.

Marshmallow writes its messages in English when a schema is built or a value is checked, and
formats them with ``str.format``, so they cannot be lazy strings. We translate them where the
error response is written instead: each known message, or known pattern with its numbers, maps to
a marked string. A message we wrote ourselves is already in the right language and passes
through untouched.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

from app.core.i18n import N_

#: Exactly as marshmallow 4 and webargs write them.
_EXACT = {
    "Missing data for required field.": N_("This is required."),
    "Field may not be null.": N_("This cannot be empty."),
    "Invalid value.": N_("This value is not valid."),
    "Unknown field.": N_("This field is not accepted here."),
    "Invalid input type.": N_("This has the wrong type."),
    "Invalid type.": N_("This has the wrong type."),
    "Invalid input.": N_("This value is not valid."),
    "Not a valid string.": N_("Enter text."),
    "Not a valid utf-8 string.": N_("Enter text."),
    "Not a valid integer.": N_("Enter a whole number."),
    "Not a valid number.": N_("Enter a number."),
    "Number too large.": N_("This number is too large."),
    "Not a valid boolean.": N_("Enter true or false."),
    "Not a valid date.": N_("Enter a date such as 2026-01-31."),
    "Not a valid datetime.": N_("Enter a date and time such as 2026-01-31T08:00:00+08:00."),
    "Not a valid aware datetime.": N_("Enter a date and time with its time zone, such as 2026-01-31T08:00:00+08:00."),
    "Not a valid list.": N_("Enter a list."),
    "Not a valid mapping type.": N_("Enter an object."),
    "Not a valid URL.": N_("Enter a web address starting with https://."),
    "Not a valid email address.": N_("Enter an email address."),
    "String does not match expected pattern.": N_("This is not in the expected format."),
    # core.fields.VisibleText's own: written when its schema is built, before any request's language is known.
    "Remove control characters and invisible formatting characters.": N_(
        "Remove control characters and invisible formatting characters."),
}

#: Messages with numbers or choices in them, as marshmallow formats them.
_PATTERNS = [
    (re.compile(r"Shorter than minimum length (?P<min>\d+)\."), N_("Enter at least %(min)s characters.")),
    (re.compile(r"Longer than maximum length (?P<max>\d+)\."), N_("Enter at most %(max)s characters.")),
    (re.compile(r"Length must be between (?P<min>\d+) and (?P<max>\d+)\."),
     N_("Enter between %(min)s and %(max)s characters.")),
    (re.compile(r"Length must be (?P<equal>\d+)\."), N_("Enter exactly %(equal)s characters.")),
    (re.compile(r"Must be greater than or equal to (?P<min>-?[\d.]+) and less than or equal to (?P<max>-?[\d.]+)\."),
     N_("Enter a number from %(min)s to %(max)s.")),
    (re.compile(r"Must be greater than or equal to (?P<min>-?[\d.]+)\."), N_("Enter %(min)s or more.")),
    (re.compile(r"Must be less than or equal to (?P<max>-?[\d.]+)\."), N_("Enter %(max)s or less.")),
    (re.compile(r"Must be greater than (?P<min>-?[\d.]+)\."), N_("Enter more than %(min)s.")),
    (re.compile(r"Must be less than (?P<max>-?[\d.]+)\."), N_("Enter less than %(max)s.")),
    (re.compile(r"Must be one of: (?P<choices>.*)\."), N_("Choose one of: %(choices)s.")),
]


def translated(message: str) -> str:
    """``message`` in the current language when it is one of marshmallow's; otherwise itself."""
    known = _EXACT.get(message)
    if known is not None:
        return _(known)
    for pattern, text in _PATTERNS:
        matched = pattern.fullmatch(message)
        if matched:
            return _(text, **matched.groupdict())
    return message
