"""Workbench search: order and policy numbers, openids, and phones through their keyed hash."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.users.models import User
from tests.admin.support import file_claim, paid_order

ALICE_PHONE = "13800138000"


@pytest.fixture
def orders(app, client, catalog, alice, bob, insured_adult):
    phone = client.post("/api/v1/auth/phone", json={"code": f"sandbox-phone:{ALICE_PHONE}"}, headers=alice["headers"])
    assert phone.status_code == 200
    return {"alice": paid_order(app, client, alice, insured_adult), "bob": paid_order(app, client, bob, insured_adult)}


def listed(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("typed", [ALICE_PHONE, "138 0013 8000", "+86 138-0013-8000"])
def test_an_operator_finds_a_users_orders_by_phone(as_viewer, orders, typed):
    page = listed(as_viewer, f"/admin/orders?q={typed}")
    assert f'data-order="{orders["alice"]["order_no"]}"' in page
    assert f'data-order="{orders["bob"]["order_no"]}"' not in page
    results = page[page.index("<table"):]
    assert "138****8000" in results and ALICE_PHONE not in results  # shown masked, never in full


def test_phone_search_uses_the_keyed_hash_and_never_decrypts(app, as_viewer, orders):
    # Ciphertexts that cannot be decrypted: a search that decrypted rows would fail or find nothing.
    with app.app_context():
        db.session.execute(sa.update(User).values(phone_encrypted="not-a-ciphertext"))
        db.session.commit()
    page = listed(as_viewer, f"/admin/orders?q={ALICE_PHONE}")
    assert f'data-order="{orders["alice"]["order_no"]}"' in page


def test_a_phone_nobody_has_finds_nothing(as_viewer, orders):
    page = listed(as_viewer, "/admin/orders?q=13900000000")
    assert "data-order=" not in page and "没有与“13900000000”匹配的订单" in page


def test_search_by_order_number_and_policy_number(as_viewer, orders):
    bob_order = orders["bob"]
    for q in (bob_order["order_no"], bob_order["policy_no"]):
        page = listed(as_viewer, f"/admin/orders?q={q}")
        assert f'data-order="{bob_order["order_no"]}"' in page, q
        assert f'data-order="{orders["alice"]["order_no"]}"' not in page, q


def test_a_number_typed_in_lower_case_is_found(as_viewer, orders):
    # Read out over the phone and typed as heard: "rc2026…" found nothing.
    bob_order = orders["bob"]
    for q in (bob_order["order_no"].lower(), bob_order["policy_no"].lower()):
        assert f'data-order="{bob_order["order_no"]}"' in listed(as_viewer, f"/admin/orders?q={q}"), q


def test_search_by_openid(app, as_viewer, orders):
    with app.app_context():
        openid = db.session.scalar(sa.select(User.openid).where(User.phone_hash.is_(None)))
    page = listed(as_viewer, f"/admin/orders?q={openid}")
    assert f'data-order="{orders["bob"]["order_no"]}"' in page
    assert f'data-order="{orders["alice"]["order_no"]}"' not in page


def test_orders_filter_by_status_and_page(app, client, as_viewer, orders, alice):
    assert "data-order=" not in listed(as_viewer, "/admin/orders?status=created")
    assert listed(as_viewer, "/admin/orders?status=fulfilled").count("data-order=") == 2
    from app.admin.services import workbench

    with app.app_context():
        first = workbench.orders(page=1)
        assert (len(first.items), first.has_next) == (2, False)


def test_claims_are_found_by_phone_and_by_policy_number(app, client, as_viewer, orders, alice):
    claim_no = file_claim(client, alice, orders["alice"]["policy_no"])
    for q in (ALICE_PHONE, orders["alice"]["policy_no"], claim_no, orders["alice"]["order_no"]):
        assert f'data-claim="{claim_no}"' in listed(as_viewer, f"/admin/claims?q={q}"), q
    assert f'data-claim="{claim_no}"' not in listed(as_viewer, f"/admin/claims?q={orders['bob']['policy_no']}")
