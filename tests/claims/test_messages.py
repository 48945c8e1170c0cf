"""Subscribe messages follow the insurer's and operators' moves, one opt-in each, never more than once,
and a WeChat outage neither blocks a move nor loses its message."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
import sqlalchemy as sa

from app.claims import messages, tasks
from app.claims.models import ClaimEvent
from app.core import clock
from app.extensions import db
from tests.claims.helpers import (
    CLAIMS,
    TEMPLATE,
    file_claim,
    get_claim,
    insurer_update,
    messages_to,
    openid_of,
    operator_moves,
    policy_in_force,
)
from tests.support import config_set, free_port, run_jobs

SUBSCRIPTIONS = "/api/v1/subscriptions"


@pytest.fixture
def claim_no(app, client, catalog, alice, insured_adult):
    return file_claim(client, alice, policy_in_force(app, client, alice, insured_adult))


def opt_in(client, who, times=1, template=TEMPLATE):
    """The user allows the message in WeChat (the sandbox counts it, as WeChat does), and the
    mini-program reports the choice to us."""
    openid = openid_of(client, who)
    body = None
    for _ in range(times):
        allowed = client.post("/sandbox/wechat/subscribe/accept", json={"openid": openid, "template_ids": [template]})
        assert allowed.status_code == 200, allowed.get_json()
        response = client.post(SUBSCRIPTIONS, json={"template_ids": {template: "accept"}}, headers=who["headers"])
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
    return body


def outcomes(app):
    with app.app_context():
        rows = db.session.execute(sa.select(ClaimEvent.to_state, ClaimEvent.notify_outcome)
                                  .order_by(ClaimEvent.id)).all()
        db.session.remove()
    return [tuple(row) for row in rows]


@contextlib.contextmanager
def wechat_down(app):
    """WeChat unreachable: the client is rebuilt against a port nobody listens on."""
    app.extensions.pop("wechat_client", None)
    with config_set(app, WECHAT_API_BASE_URL=f"http://127.0.0.1:{free_port()}/", WECHAT_HTTP_TIMEOUT=1):
        yield
    app.extensions.pop("wechat_client", None)


def test_the_config_names_the_claim_progress_template(client):
    assert client.get("/api/v1/config").get_json()["subscribe_templates"]["claim_progress"] == TEMPLATE


def test_each_accept_adds_one_opt_in_and_unknown_templates_are_ignored(client, alice):
    response = client.post(SUBSCRIPTIONS, json={"template_ids": {TEMPLATE: "accept", "someone-elses": "accept",
                                                                 "another": "reject"}}, headers=alice["headers"])
    assert response.status_code == 200
    assert response.get_json() == {"opt_ins": {TEMPLATE: 1}, "ignored": ["another", "someone-elses"]}
    assert opt_in(client, alice)["opt_ins"] == {TEMPLATE: 2}
    rejected = client.post(SUBSCRIPTIONS, json={"template_ids": {TEMPLATE: "reject"}}, headers=alice["headers"])
    assert rejected.get_json()["opt_ins"] == {TEMPLATE: 2}


@pytest.mark.parametrize("body", [{}, {"template_ids": {}}, {"template_ids": {TEMPLATE: "yes please"}},
                                  {"template_ids": [TEMPLATE]}])
def test_a_malformed_answer_is_422(client, alice, body):
    assert client.post(SUBSCRIPTIONS, json=body, headers=alice["headers"]).status_code == 422


def test_without_an_opt_in_a_move_sends_nothing_and_fails_nothing(app, client, alice, claim_no):
    assert insurer_update(client, claim_no, "accepted").status_code == 200
    run_jobs(app)
    assert messages_to(client, openid_of(client, alice)) == []
    assert outcomes(app)[-1] == ("accepted", "no_opt_in")


def test_messages_go_out_only_while_opt_ins_last(app, client, alice, claim_no):
    openid = openid_of(client, alice)
    opt_in(client, alice, times=2)
    for state in ("accepted", "reviewing", "assessing"):
        assert insurer_update(client, claim_no, state).status_code == 200
    run_jobs(app)
    sent = messages_to(client, openid)
    assert len(sent) == 2
    assert [m["data"]["thing2"]["value"] for m in sent] == ["已受理", "材料审核"]
    first = sent[0]
    assert first["template_id"] == TEMPLATE
    assert first["page"] == f"pages/claim/claim?no={claim_no}"
    assert first["data"]["character_string1"] == {"value": claim_no}
    assert all(len(item["value"]) <= 32 for m in sent for item in m["data"].values())
    assert outcomes(app)[1:] == [("accepted", "sent"), ("reviewing", "sent"), ("assessing", "no_opt_in")]
    opted = client.post(SUBSCRIPTIONS, json={"template_ids": {TEMPLATE: "reject"}}, headers=alice["headers"])
    assert opted.get_json()["opt_ins"] == {TEMPLATE: 0}

    # A new opt-in serves the next move; the move that found none is not sent late.
    opt_in(client, alice)
    assert insurer_update(client, claim_no, "approved").status_code == 200
    run_jobs(app)
    sent = messages_to(client, openid)
    assert [m["data"]["thing2"]["value"] for m in sent][2:] == ["已通过"]


def test_an_opt_in_wechat_never_counted_sends_nothing_and_our_count_follows_wechats(app, client, alice, claim_no):
    """A report of an "allow" WeChat never saw (a replayed request, say): WeChat answers 43101."""
    opt_in(client, alice)
    replayed = client.post(SUBSCRIPTIONS, json={"template_ids": {TEMPLATE: "accept"}}, headers=alice["headers"])
    assert replayed.get_json()["opt_ins"] == {TEMPLATE: 2}
    for state in ("accepted", "reviewing"):
        assert insurer_update(client, claim_no, state).status_code == 200
    run_jobs(app)
    sent = messages_to(client, openid_of(client, alice))
    assert [m["data"]["thing2"]["value"] for m in sent] == ["已受理"]
    assert outcomes(app)[1:] == [("accepted", "sent"), ("reviewing", "no_opt_in")]
    counted = client.post(SUBSCRIPTIONS, json={"template_ids": {TEMPLATE: "reject"}}, headers=alice["headers"])
    assert counted.get_json()["opt_ins"] == {TEMPLATE: 0}


def test_the_users_own_moves_spend_no_opt_in(app, client, alice, claim_no):
    opt_in(client, alice)
    operator_moves(app, claim_no, "accepted", "reviewing", "more_info_required")
    run_jobs(app)
    from tests.claims.test_materials import jpeg, upload

    assert upload(client, alice, claim_no, (jpeg(), "invoice.jpg", "image/jpeg")).get_json()["state"] == "reviewing"
    client.post(f"{CLAIMS}/{claim_no}/withdraw", headers=alice["headers"])
    run_jobs(app)
    sent = messages_to(client, openid_of(client, alice))
    assert [m["data"]["thing2"]["value"] for m in sent] == ["已受理"]
    assert [outcome for _, outcome in outcomes(app)] == [
        "not_needed", "sent", "no_opt_in", "no_opt_in", "not_needed", "not_needed"]


def test_a_moves_message_is_sent_at_most_once(app, client, alice, claim_no):
    opt_in(client, alice, times=3)
    operator_moves(app, claim_no, "accepted")
    with app.app_context():
        event_id = db.session.scalar(sa.select(sa.func.max(ClaimEvent.id)))
        db.session.remove()
    run_jobs(app)
    with app.app_context():
        assert messages.send_progress_message(event_id) == "sent"  # a second run finds it settled
        assert tasks.sweep_progress_messages() == {}
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=5)), app.app_context():
        assert tasks.sweep_progress_messages() == {}
    assert len(messages_to(client, openid_of(client, alice))) == 1
    assert client.post(SUBSCRIPTIONS, json={"template_ids": {TEMPLATE: "reject"}},
                       headers=alice["headers"]).get_json()["opt_ins"] == {TEMPLATE: 2}


def test_a_wechat_outage_neither_blocks_the_move_nor_loses_its_message(app, client, alice, claim_no):
    opt_in(client, alice)
    with wechat_down(app):
        assert insurer_update(client, claim_no, "accepted").status_code == 200
        run_jobs(app)  # the job fails; its retries wait minutes
    assert get_claim(client, alice, claim_no)["state"] == "accepted"
    assert outcomes(app)[-1] == ("accepted", None)
    assert messages_to(client, openid_of(client, alice)) == []
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=2)), app.app_context():
        assert tasks.sweep_progress_messages() == {"sent": 1}
    sent = messages_to(client, openid_of(client, alice))
    assert [m["data"]["thing2"]["value"] for m in sent] == ["已受理"]
    assert outcomes(app)[-1] == ("accepted", "sent")


def test_news_older_than_three_days_is_not_worth_an_opt_in(app, client, alice, claim_no):
    opt_in(client, alice)
    with wechat_down(app):
        assert insurer_update(client, claim_no, "accepted").status_code == 200
    with clock.frozen_at(clock.now() + dt.timedelta(days=4)), app.app_context():
        assert tasks.sweep_progress_messages() == {"expired": 1}
    assert messages_to(client, openid_of(client, alice)) == []
    assert client.post(SUBSCRIPTIONS, json={"template_ids": {TEMPLATE: "reject"}},
                       headers=alice["headers"]).get_json()["opt_ins"] == {TEMPLATE: 1}


def test_a_message_is_written_in_the_language_the_user_reads(app, client, alice, claim_no):
    assert client.patch("/api/v1/me", json={"language": "en"}, headers=alice["headers"]).status_code == 200
    opt_in(client, alice, times=3)
    for state in ("accepted", "reviewing"):
        assert insurer_update(client, claim_no, state).status_code == 200
    assert insurer_update(client, claim_no, "more_info_required", note="the hospital invoice").status_code == 200
    run_jobs(app)
    sent = messages_to(client, openid_of(client, alice))
    assert [m["data"]["thing2"]["value"] for m in sent] == ["Accepted", "Checking documents", "Documents needed"]
    assert [m["data"]["thing4"]["value"] for m in sent][1:] == ["See your claim", "the hospital invoice"]


@pytest.mark.parametrize("note, shown", [
    # 27 Chinese characters: a "thing" keyword holds 20, so 19 and an ellipsis.
    ("请补充医院盖章的发票原件以及出院小结和费用清单谢谢配合", "请补充医院盖章的发票原件以及出院小结和…"),
    # A family emoji (7 code points, 11 UTF-16 units) where the cut falls goes whole or not at all.
    ("请在七天内补充以下这些材料👨‍👩‍👧‍👦谢谢", "请在七天内补充以下这些材料…"),
    ("请补充这些材料👨‍👩‍👧‍👦和发票，谢谢", "请补充这些材料👨‍👩‍👧‍👦和…"),
    # A flag is two regional indicators: never one of them alone.
    ("材料在这里请查收🇨🇳🇨🇳🇨🇳🇨🇳🇨🇳", "材料在这里请查收🇨🇳🇨🇳…"),
])
def test_a_long_note_reaches_the_user_cut_to_what_wechat_takes_never_inside_a_character(
        app, client, alice, claim_no, note, shown):
    for state in ("accepted", "reviewing"):
        assert insurer_update(client, claim_no, state).status_code == 200
    run_jobs(app)  # no opt-in for these: nothing sent
    opt_in(client, alice)
    assert insurer_update(client, claim_no, "more_info_required", note=note).status_code == 200
    run_jobs(app)
    assert outcomes(app)[-1] == ("more_info_required", "sent")
    [sent] = messages_to(client, openid_of(client, alice))
    assert sent["data"]["thing4"]["value"] == shown
