"""Text people read is refused with control or invisible formatting characters in it (found by a review
probing every route with hostile input): an insured person's name with a right-to-left override was
stored and printed on the e-policy reordered ("\\u202e三张" shows as 张三), and a nickname or an
envelope's greeting kept a bell, an escape sequence or a zero-width space. Each was a 2xx before."""

from __future__ import annotations

import pytest

from tests.support import agreement, plan_id

REFUSED = ["\u202e三张", "张\u0007三", "张\n三", "张\u200b三", "\ufeff张三", "张三\x1b[31m", "张\u0085三", "\u2066张三"]
ACCEPTED = ["阿卜杜拉·买买提", "Zoë Smith", "小明😀", "👨\u200d👩\u200d👧", "می\u200cخواهم"]


def _insured(client, who, name, insured_adult):
    return client.post("/api/v1/insured-persons", json={"relation": "self", "name": name,
                                                        "id_number": insured_adult["id_number"]}, headers=who)


def _order(client, who, name, insured_adult):
    return client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                               **agreement(client, "accident-basic"),
                                               "insured": {"name": name, "id_number": insured_adult["id_number"]}},
                       headers=who)


def _nickname(client, who, name, insured_adult):
    return client.patch("/api/v1/me", json={"nickname": name}, headers=who)


def _greeting(client, who, name, insured_adult):
    return client.post("/api/v1/envelopes", json={"plan_id": plan_id(client, "gift-accident-30d"),
                                                  "total_coverage_fen": 500_000, "shares": 5, "mode": "equal",
                                                  "greeting": name}, headers=who)


SENDS = [(_insured, "name"), (_order, "insured.name"), (_nickname, "nickname"), (_greeting, "greeting")]


@pytest.mark.parametrize("send, field", SENDS, ids=[field for _, field in SENDS])
@pytest.mark.parametrize("text", REFUSED, ids=[ascii(t) for t in REFUSED])
def test_text_with_a_control_or_invisible_character_is_refused_naming_the_field(client, catalog, alice,
                                                                                insured_adult, send, field, text):
    response = send(client, alice["headers"], text, insured_adult)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.get_json()["error"]["details"]["fields"] == {field: ["请删除其中的控制字符和不可见的格式字符。"]}


def test_the_refusal_is_in_english_for_an_english_client(client, catalog, alice):
    response = client.patch("/api/v1/me", json={"nickname": "\u202eecila"},
                            headers={**alice["headers"], "Accept-Language": "en"})
    assert response.get_json()["error"]["details"]["fields"] == {
        "nickname": ["Remove control characters and invisible formatting characters."]}


@pytest.mark.parametrize("send, field", SENDS, ids=[field for _, field in SENDS])
@pytest.mark.parametrize("text", ACCEPTED, ids=[ascii(t) for t in ACCEPTED])
def test_names_in_every_script_emoji_and_their_joiners_are_still_taken(client, catalog, alice, insured_adult,
                                                                        send, field, text):
    response = send(client, alice["headers"], text, insured_adult)
    assert response.status_code in (200, 201), response.get_data(as_text=True)


def test_the_api_document_states_the_rule_as_the_server_checks_it(client):
    import re

    from app.core.fields import VISIBLE_TEXT

    schemas = client.get("/api/openapi.json").get_json()["components"]["schemas"]
    for schema, field in [("Insured", "name"), ("ProfileUpdate", "nickname"), ("EnvelopeCreate", "greeting")]:
        assert schemas[schema]["properties"][field]["pattern"] == VISIBLE_TEXT, (schema, field)
    assert re.fullmatch(VISIBLE_TEXT, "张三") and not re.fullmatch(VISIBLE_TEXT, "\u202e三张")
