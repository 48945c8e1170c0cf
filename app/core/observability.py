"""Request logs (one JSON line each, with a request id) and Prometheus metrics.

Logs carry method, path, status, latency, request id and user id: never a header,
a query string, a token, a key or a phone number. Libraries log what they like, so
every line also passes through ``redact`` on its way out, at any LOG_LEVEL.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
import uuid

from flask import Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

REQUEST_LOGGER = "redcover.request"
request_log = logging.getLogger(REQUEST_LOGGER)

#: The methods counted by name; any other token a client sends is counted as ``other``, so no client can add series.
COUNTED_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

REQUESTS = Counter("redcover_http_requests_total", "HTTP requests", ["method", "endpoint", "status"])
LATENCY = Histogram(
    "redcover_http_request_seconds", "HTTP request latency", ["endpoint"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)


#: Names whose values are credentials: anything ending in key, secret, token, sign(ature) or
#: password (WeChat Pay v2's signing string ends ``&key=<API key>``; jscode2session's URL
#: carries ``secret=``; ``session_key``, ``access_token``, ``paySign``), the login ``js_code``,
#: and an Authorization header.
_CREDENTIAL = r"[a-z0-9_]*(?:key|secret|token|sign|signature|password)|js_code|authorization"

#: The shapes libraries log them in, each with the value in the group named ``value``.
_CREDENTIAL_SHAPES = [re.compile(pattern, re.IGNORECASE) for pattern in (
    # query strings, form bodies, the v2 signing string, header parameters: name=value or name="value"
    rf'(?<!\w)(?:{_CREDENTIAL})=(?P<value>"[^"]*"|[^&\s\'"<>,;)]+)',
    # Python dict reprs and JSON: 'name': 'value', "name": "value", 'name': b'value'
    rf'([\'"])(?:{_CREDENTIAL})\1\s*:\s*b?([\'"])(?P<value>.*?)(?<!\\)\2',
    # WeChat Pay v2's XML: <name>value</name>, CDATA or not
    rf"<({_CREDENTIAL})>(?P<value>.*?)</\1>",
)]

REDACTED = "[redacted]"


def redact(text: str) -> str:
    """``text`` with the value of every credential-looking parameter replaced by ``[redacted]``."""
    for shape in _CREDENTIAL_SHAPES:
        text = shape.sub(_without_value, text)
    return text


def _without_value(match: re.Match) -> str:
    text = match.string
    return text[match.start():match.start("value")] + REDACTED + text[match.end("value"):match.end()]


class RedactingFilter(logging.Filter):
    """Masks credentials in a record's message (arguments merged in) and traceback, before any formatter sees them."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == REQUEST_LOGGER:  # our own request line: a constant message and fields we chose
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let the handler report it as logging does
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


#: Libraries that log credentials or query strings below WARNING (wechatpy's signing string and
#: urllib3's request line at DEBUG, werkzeug's access line at INFO): they log at WARNING and
#: above, whatever LOG_LEVEL says. Our own request log says what werkzeug's would, without the query.
QUIET_LOGGERS = ("werkzeug", "urllib3", "wechatpy", "wechatpayv3")


class JsonFormatter(logging.Formatter):
    _second = None
    _stamp = ""

    def format(self, record: logging.LogRecord) -> str:
        second = int(record.created)
        if second != self._second:  # one strftime a second, not one a line (a request's line is in every request)
            self._second, self._stamp = second, self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z")
        entry = {
            "ts": self._stamp,
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if fields:
            entry.update(fields)
        if record.exc_info:
            # exc_text, when set, is the traceback RedactingFilter has already masked.
            entry["exc"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str) -> None:
    """JSON lines on stderr at ``level`` (the app's LOG_LEVEL), credentials masked.

    The handler is installed once per process; the level is the latest app's.
    """
    # No line of ours names the calling function or line: the logging HOWTO's "Optimization" switch spares
    # every line the frame walk that finds them (the request line is written for every request). The process
    # id stays: gunicorn's own lines print it.
    logging._srcfile = None
    root = logging.getLogger()
    if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        # On the handler, not a logger: a logger's filter never sees its children's records.
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    root.setLevel(level)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(root.level, logging.WARNING))


def init_app(app) -> None:
    @app.before_request
    def _start_request():
        incoming = request.headers.get("X-Request-Id", "")
        g.request_id = incoming if 0 < len(incoming) <= 64 and incoming.isprintable() else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def _finish_request(response):
        started = g.get("request_started")
        if started is None:
            return response
        elapsed = time.perf_counter() - started
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        method = request.method if request.method in COUNTED_METHODS else "other"
        REQUESTS.labels(method, endpoint, response.status_code).inc()
        LATENCY.labels(endpoint).observe(elapsed)
        response.headers["X-Request-Id"] = g.request_id
        if app.config.get("REQUEST_LOG", True):
            request_log.info(
                "request",
                extra={"fields": {
                    "request_id": g.request_id,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": round(elapsed * 1000, 2),
                    "user_id": g.get("user_id"),
                }},
            )
        return response


def metrics_response() -> Response:
    """Prometheus text for this process, or for all gunicorn workers in multiprocess mode."""
    # Not a setting: prometheus_client picks its storage from this variable when imported,
    # and gunicorn.conf.py sets it; asking the process keeps us in step with the library.
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest()
    # content_type, not mimetype: CONTENT_TYPE_LATEST carries its charset, and a mimetype gets a second one.
    return Response(body, content_type=CONTENT_TYPE_LATEST)
