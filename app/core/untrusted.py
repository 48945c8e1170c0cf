"""Outside input that no handler can use, refused once for the whole app (docs/api.md, Conventions).

- **Text no database column can hold**: a NUL character (PostgreSQL refuses it in TEXT and
  VARCHAR, so it was a 500 there and quietly stored on SQLite) or half of a UTF-16 surrogate
  pair (JSON's ``"\\ud800"``: no UTF-8 encoding exists, so neither driver can send it).
  ``refuse_unstorable_urls`` refuses it in the path, the query string and form fields before
  any view runs; ``read_json`` refuses it in a JSON body, naming the field, wherever a body is
  read (webargs for the API, partner webhooks, the sandbox).
- **JSON nested without end**: Python's json module recurses once per level and overflows
  the stack at about a thousand. ``loads`` counts the nesting before parsing; it is the
  app's JSON reader (``BoundedJSONProvider`` makes it ``request.get_json``'s too). A number
  of more than 4300 digits, which Python refuses to convert, is malformed JSON there too.
- **Integers past 64 bits** where an id is expected: ``Int64Converter`` for ``<int:...>`` in
  paths (a number no BIGINT can hold names nothing: 404), ``core.fields.Id`` in bodies.

WeChat Pay's webhooks are left alone here: they store what arrived as readable text
(``storable_text``) and answer in WeChat's format (``app.payments.routes``).
"""

from __future__ import annotations

import json
import re

import orjson
from flask import Flask, request
from flask_babel import lazy_gettext as _l
from flask.json.provider import DefaultJSONProvider
from werkzeug.routing import IntegerConverter, ValidationError

from app.core.errors import BadRequest, ValidationFailed

#: The largest value of a BIGINT column (and of SQLite's INTEGER).
INT64_MAX = 2**63 - 1
#: Our deepest body is three levels (an order's insured person); a hundred is far above any
#: client and far below the thousand that overflows the stack.
MAX_JSON_DEPTH = 100
#: Blueprints that read their raw body themselves and answer in their caller's format.
RAW_BODY_BLUEPRINTS = frozenset({"wechatpay_webhooks"})
#: Blueprints whose views read form fields (the admin's pages). Nowhere else is a form body
#: parsed: a signed webhook sent as ``curl -d`` (a form, by its type) verifies its raw bytes.
FORM_BLUEPRINTS = frozenset({"admin"})

#: In the request's language, like every refusal (a lazy text: the language is the request's, not the import's).
UNSTORABLE_MESSAGE = _l("Text may not contain NUL characters or unpaired surrogates.")
#: NUL, and any surrogate left after JSON decoding (a valid pair has become one character by then).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: A JSON string, escapes included, so the brackets inside it are not counted.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
#: What a NUL byte is stored as: the symbol for NUL, visible and never a terminator.
NUL_SYMBOL = "\u2400"


class JSONTooDeep(json.JSONDecodeError):
    """A JSON document nested deeper than ``MAX_JSON_DEPTH`` (a decoding error like any other)."""


def json_depth_exceeds(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether ``text`` opens more than ``limit`` arrays and objects inside one another."""
    if text.count("[") + text.count("{") <= limit:  # the common case, without a scan
        return False
    depth = 0
    for bracket in _BRACKET.finditer(_JSON_STRING.sub('""', text)):
        if bracket.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def json_text(data: str | bytes) -> str:
    """A JSON document's bytes as text, in the encoding JSON's rules detect (UTF-8, or UTF-16 / 32 by
    their zero bytes): what to keep of a body that was read as JSON, never its bytes decoded as UTF-8.
    ``json.JSONDecodeError`` when they do not decode."""
    if not isinstance(data, (bytes, bytearray)):
        return data
    try:
        return bytes(data).decode(json.detect_encoding(data))
    except UnicodeDecodeError as exc:
        raise json.JSONDecodeError(f"not {exc.encoding}", repr(bytes(data[:64])), exc.start) from None


def loads(data: str | bytes) -> object:
    """``json.loads`` that refuses a document nested deeper than ``MAX_JSON_DEPTH``.

    Raises ``json.JSONDecodeError`` (a ``ValueError``) for anything it cannot read, so every
    caller that handled malformed JSON handles this too.
    """
    text = json_text(data)
    if json_depth_exceeds(text):
        raise JSONTooDeep(f"nested more than {MAX_JSON_DEPTH} deep", text[:64] or " ", 0)
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError as exc:
        # A number of more digits than Python converts (``sys.get_int_max_str_digits``, 4300): a
        # plain ValueError from inside the decoder, which every caller expecting malformed JSON
        # would miss (a 500 on every body read).
        raise json.JSONDecodeError(str(exc), text[:64] or " ", 0) from None


def unstorable_field(value, path: str = "") -> str | None:
    """The field path of the first string in a decoded JSON document that no column can hold
    (``_schema`` for the document itself), or None. A bad object key is blamed on its object."""
    if isinstance(value, str):
        return (path or "_schema") if _UNSTORABLE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            if _UNSTORABLE.search(key):
                return path or "_schema"
            found = unstorable_field(item, f"{path}.{key}" if path else key)
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = unstorable_field(item, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


def read_json(data: str | bytes) -> object:
    """An outside JSON body, read bounded (``loads``): ``json.JSONDecodeError`` if it cannot be
    read, 422 naming the field if a string in it could never be stored."""
    document = loads(data)
    field = unstorable_field(document)
    if field is not None:
        raise ValidationFailed.for_field(field, UNSTORABLE_MESSAGE)
    return document


def storable_text(data: bytes) -> str:
    """Raw bytes as text any column holds: UTF-8 with U+FFFD for what does not decode, and NUL
    shown as U+2400. For keeping what arrived readable, never for reading it again."""
    return data.decode("utf-8", errors="replace").replace("\x00", NUL_SYMBOL)


def refuse_unstorable_urls() -> None:
    """Before any view: 400 for a path or query string holding text no column can hold, and 422
    for such a field of an admin form. Multipart bodies are left to their views, which set their
    own limits before reading them (uploads); JSON bodies to ``read_json``."""
    if request.blueprint in RAW_BODY_BLUEPRINTS:
        return
    if _UNSTORABLE.search(request.path):
        raise BadRequest(_l("The address contains a NUL character."), details={"location": "path"})
    for key, value in request.args.items(multi=True):
        if _UNSTORABLE.search(key) or _UNSTORABLE.search(value):
            raise BadRequest(_l("The query string contains a NUL character."), details={"location": "query"})
    if request.blueprint in FORM_BLUEPRINTS and request.mimetype == "application/x-www-form-urlencoded":
        for key, value in request.form.items(multi=True):
            if _UNSTORABLE.search(key) or _UNSTORABLE.search(value):
                raise ValidationFailed.for_field(key if not _UNSTORABLE.search(key) else "_schema",
                                                 UNSTORABLE_MESSAGE)


class Int64Converter(IntegerConverter):
    """``<int:...>`` bounded to what a BIGINT holds: a larger number matches no route (404)."""

    #: Digits in INT64_MAX; a longer string is refused before ``int()`` sees it (Python refuses
    #: to convert more than 4300 digits, with a ValueError the router does not expect).
    MAX_DIGITS = len(str(INT64_MAX))

    def __init__(self, url_map, fixed_digits=0, min=None, max=INT64_MAX, signed=False):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str) -> int:
        if len(value.lstrip("-")) > self.MAX_DIGITS:
            raise ValidationError()
        return super().to_python(value)


#: orjson writes what it knows and hands Flask's own ``default`` the rest, as Flask's writer would: dates as HTTP dates,
#: dataclasses as objects, Decimal and lazy translations as text. Keys that are not text become text, as in ``json``.
_ORJSON_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


class BoundedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, reading with ``loads``: ``request.get_json`` refuses deep nesting as malformed.

    Answers are written by orjson, in UTF-8 (Chinese as itself, not ``\\u`` escapes: a policy's page is a third
    smaller), several times faster than ``json`` for a policy's fifty fields (bench/README.md). What orjson cannot
    write (an integer past 64 bits) is written by Flask's writer, as before."""

    def loads(self, s: str | bytes, **kwargs) -> object:
        return loads(s)

    def response(self, *args, **kwargs):
        if self._app.debug:
            return super().response(*args, **kwargs)  # indented, for people
        value = self._prepare_response_obj(args, kwargs)
        try:
            body = orjson.dumps(value, default=self.default, option=_ORJSON_OPTIONS | orjson.OPT_APPEND_NEWLINE)
        except orjson.JSONEncodeError:
            return super().response(value)
        return self._app.response_class(body, mimetype=self.mimetype)


def init_readers(app: Flask) -> None:
    """Before any route is added: ``<int:...>`` is bounded, and JSON is read bounded."""
    app.url_map.converters["int"] = Int64Converter
    app.json = BoundedJSONProvider(app)


def init_app(app: Flask) -> None:
    app.before_request(refuse_unstorable_urls)
