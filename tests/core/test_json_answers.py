"""What the API answers is JSON in UTF-8, written as Flask's writer would write it, whatever it holds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import json

from flask_babel import lazy_gettext

from tests.support import bearer


def test_chinese_comes_as_itself_not_as_escapes(client, catalog):
    response = client.get("/api/v1/products", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "意外" in response.data.decode("utf-8")  # raw UTF-8, a third the bytes of \\uXXXX escapes
    assert b"\\u" not in response.data
    assert response.get_json() == json.loads(response.data)


def test_values_the_fast_writer_does_not_know_are_written_as_flasks_writer_writes_them(app):
    @dataclasses.dataclass
    class Figure:
        fen: int

    moment = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.timezone.utc)
    value = {"at": moment, "on": dt.date(2026, 12, 7), "rate": decimal.Decimal("0.35"), "figure": Figure(500),
             7: "a number as a key"}
    with app.test_request_context():
        message = {"message": lazy_gettext("Your session has ended; please log in again.")}
        fast = json.loads(app.json.response(value).data)
        past_64_bits = json.loads(app.json.response({"huge": 2**70}).data)  # beyond orjson: Flask's writer
        assert json.loads(app.json.response(message).data) == {"message": "登录已失效，请重新登录。"}  # Chinese first
    assert fast == {"at": "Mon, 07 Dec 2026 12:00:00 GMT", "on": "Mon, 07 Dec 2026 00:00:00 GMT", "rate": "0.35",
                    "figure": {"fen": 500}, "7": "a number as a key"}
    assert past_64_bits == {"huge": 2**70}


def test_an_error_answer_keeps_its_shape(client):
    response = client.get("/api/v1/me", headers=bearer("rc_not-a-token"))
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_token"
