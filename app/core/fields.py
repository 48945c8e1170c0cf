"""Marshmallow fields every feature's input schemas share, each checked exactly as the
OpenAPI document describes it.

An integer from outside is bounded to what the column it meets can hold: ``Id`` for ids,
``Int64`` for amounts and counts. Without the bound, 2**63 reached the database and came
back as a 500 (PostgreSQL: bigint out of range; SQLite: int too large). Both are strict
(``1.5`` and ``"1"`` are refused, not rounded or parsed) and document their range.
``HttpUrl`` is a web address, checked by the one pattern the document gives. ``VisibleText`` is
text people read (a name, a greeting), without control or invisible formatting characters.
``File`` is a multipart part that carries a file, never a text part of the same name.
``UTCDateTimeIn`` is a time with its offset, read as UTC.
"""

from __future__ import annotations

import datetime as dt

import marshmallow as ma
from flask_smorest.fields import Upload
from marshmallow import validate
from werkzeug.datastructures import FileStorage

from app.core.untrusted import INT64_MAX

INT64_MIN = -INT64_MAX - 1


class Int64(ma.fields.Integer):
    """An integer a BIGINT column holds; ``minimum`` / ``maximum`` narrow it further."""

    def __init__(self, *, minimum: int = INT64_MIN, maximum: int = INT64_MAX, **kwargs):
        kwargs.setdefault("strict", True)
        bounds = validate.Range(min=max(minimum, INT64_MIN), max=min(maximum, INT64_MAX))
        extra = kwargs.pop("validate", ())
        super().__init__(validate=[bounds, *([extra] if callable(extra) else extra)], **kwargs)


class Id(Int64):
    """A row's id: 1 to 2**63 - 1."""

    def __init__(self, **kwargs):
        super().__init__(minimum=1, **kwargs)


#: An absolute http(s) URL in RFC 3986's ASCII form (anything else percent-encoded): a host,
#: an optional port, then path, query and fragment. Every string it matches is a ``uri`` to a
#: JSON Schema validator, so the server takes exactly what the document promises, and
#: ``javascript:`` or a bare word never reaches a client's ``<image src>``.
_PCHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})"
HTTP_URL = (r"^https?://(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+(?::[0-9]{1,5})?"
            rf"(?:/{_PCHAR}*)*(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?$")


class WholeMatch(validate.Regexp):
    """``Regexp`` on the whole value: Python's ``$`` also matches before a final newline, which
    the document's (ECMA) pattern does not."""

    def __call__(self, value: str) -> str:
        if self.regex.fullmatch(value) is None:
            raise ma.ValidationError(self._format_error(value))
        return value


class HttpUrl(ma.fields.String):
    """An absolute http(s) URL of at most ``max_length`` characters (``HTTP_URL``)."""

    def __init__(self, *, max_length: int = 512, **kwargs):
        metadata = {"format": "uri", **kwargs.pop("metadata", {})}
        super().__init__(validate=[validate.Length(max=max_length),
                                   WholeMatch(HTTP_URL, error="Not a valid http or https URL.")],
                         metadata=metadata, **kwargs)


class UTCDateTimeIn(ma.fields.AwareDateTime):
    """ISO 8601 with its offset, read as the same moment in UTC. A time at the edge of the calendar whose UTC
    form is outside it (``0001-01-01T00:00:00+14:00``) is refused here: read as it was, it raised
    OverflowError where it was stored (a 500)."""

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(dt.timezone.utc)
        except OverflowError:
            raise self.make_error("invalid", input=value, obj_type=self.OBJ_TYPE) from None


class File(Upload):
    """A multipart file part (flask-smorest's ``Upload`` takes a text part of the same name too,
    and hands a view a string where it reads a file)."""

    default_error_messages = {"invalid": "Not a file."}

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, FileStorage):
            raise self.make_error("invalid")
        return value


#: Characters nobody types in a name or a line others read, each of which hides or reorders what is
#: shown: C0 and C1 controls (BEL, ESC, newline, tab), the Arabic letter mark, the Mongolian vowel
#: separator, the zero-width space, the left-to-right and right-to-left marks, embeddings and overrides
#: (U+202A to U+202E: a name "\u202e三张" shows as 张三), the word joiner, invisible operators and
#: isolates (U+2060 to U+206F), the byte order mark and the interlinear annotation marks. The joiners
#: (U+200C, U+200D) stay: scripts and emoji sequences need them. Written as escapes, so the pattern
#: reads the same to Python and to a client's (ECMA) JSON Schema validator.
INVISIBLE = (r"\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f"
             r"\ufeff\ufff9-\ufffb")
VISIBLE_TEXT = rf"^[^{INVISIBLE}]*$"
#: Its message, which ``core.validation_messages`` translates.
INVISIBLE_MESSAGE = "Remove control characters and invisible formatting characters."


class VisibleText(ma.fields.String):
    """Text people read, on one line (a name, a nickname, a greeting): no character of ``INVISIBLE``.
    Accepted, one was stored and shown: an insured person's name printed on the e-policy reordered by
    a right-to-left override, a greeting ringing a terminal's bell. ``validate`` adds its own rules."""

    def __init__(self, *, validate=(), **kwargs):
        rules = [validate] if callable(validate) else list(validate)
        super().__init__(validate=[*rules, WholeMatch(VISIBLE_TEXT, error=INVISIBLE_MESSAGE)], **kwargs)
