"""Closing a customer's account from the admin, when they ask by phone (PIPL Art. 47): admins only, the caller checked
and told what it does, refused while anything of theirs is unfinished (listed as their mini-program lists it), and
audited."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.policies.models import Policy
from tests.admin.support import audit_entries, csrf_token
from tests.policies.test_policies import buy_and_pay
from tests.support import login


def close(client, number: str, **form):
    page = f"/admin/customers/{number}"
    return client.post(f"{page}/closure", data={"csrf_token": csrf_token(client, page), "identity_checked": "y",
                                                "consequences_told": "y", **form})


@pytest.fixture
def policy_no(app, client, catalog, alice, insured_adult):
    return buy_and_pay(app, client, alice, insured_adult)


@pytest.fixture
def cover_ended(app, policy_no):
    """The moment after the policy's cover ended (an admin's session lasts 12 hours: fixtures after this one in a
    test's arguments log in then)."""
    with app.app_context():
        ends_at = db.session.scalar(sa.select(Policy.ends_at).where(Policy.policy_no == policy_no))
        db.session.remove()
    with clock.frozen_at(ends_at + dt.timedelta(minutes=1)):
        yield


def test_an_admin_closes_the_account_a_customer_asks_to_close_and_it_is_audited(app, client, alice, policy_no,
                                                                                 cover_ended, as_admin):
    later = {"Authorization": f"Bearer {login(client, 'alice')['token']}"}
    page = as_admin.get(f"/admin/customers/{policy_no}").get_data(as_text=True)
    assert 'data-section="closure"' in page and "data-closure-blockers" not in page

    response = close(as_admin, policy_no)

    assert response.status_code == 303
    assert client.get("/api/v1/me", headers=later).status_code == 401  # their session ended at once
    page = as_admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "应客户要求注销" in page and 'data-section="closure"' not in page  # closed: nothing more to offer
    [entry] = audit_entries(app, "account.close")
    assert (entry.actor, entry.target_type, entry.target_id) == ("admin:root", "user", str(alice["user"]["id"]))
    assert entry.after == {"found_by": "policy", "number": policy_no}
    assert "应客户要求注销了账号" in as_admin.get("/admin/audit?action=account.close").get_data(as_text=True)


def test_cover_in_force_is_listed_and_the_account_stays_open(app, client, as_admin, alice, policy_no):
    page = as_admin.get(f"/admin/customers/{policy_no}").get_data(as_text=True)
    assert 'data-blocker="policy_in_force"' in page and "还在保障期内" in page
    assert f"/admin/customers/{policy_no}/closure" not in page  # no form to send

    refused = close(as_admin, policy_no)

    assert refused.status_code == 409 and 'data-blocker="policy_in_force"' in refused.get_data(as_text=True)
    assert client.get("/api/v1/me", headers=alice["headers"]).status_code == 200
    assert audit_entries(app, "account.close") == []


@pytest.mark.parametrize("unticked", ["identity_checked", "consequences_told"])
def test_without_both_ticks_nothing_is_closed(app, client, alice, policy_no, cover_ended, as_admin, unticked):
    later = {"Authorization": f"Bearer {login(client, 'alice')['token']}"}
    response = close(as_admin, policy_no, **{unticked: ""})
    assert response.status_code == 422 and "请勾选" in response.get_data(as_text=True)
    assert client.get("/api/v1/me", headers=later).status_code == 200
    assert audit_entries(app, "account.close") == []


@pytest.mark.parametrize("role", ["as_viewer", "as_operator"])
def test_viewers_and_operators_cannot_close_an_account(request, app, client, alice, policy_no, cover_ended, role):
    other = request.getfixturevalue(role)
    later = {"Authorization": f"Bearer {login(client, 'alice')['token']}"}
    refused = other.post(f"/admin/customers/{policy_no}/closure",
                         data={"csrf_token": csrf_token(other, "/admin/"), "identity_checked": "y",
                               "consequences_told": "y"})
    assert refused.status_code == 403
    assert client.get("/api/v1/me", headers=later).status_code == 200
