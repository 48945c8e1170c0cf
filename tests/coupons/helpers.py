"""Coupons across features: the scenario event that grants one, a user's coupons, an order that uses one."""

from __future__ import annotations

from tests.support import agreement, plan_id, resident_id


def hospital_event(openid, event_id="evt-1"):
    return {"event_id": event_id, "scenario": "hospital_payment", "openid": openid,
            "occurred_at": "2026-11-26T09:00:00+08:00", "data": {"amount_fen": 52_000, "hospital": "Ruijin"}}


def openid_of(client, who) -> str:
    return client.get("/api/v1/me", headers=who["headers"]).get_json()["openid"]


def coupons_of(client, who) -> list:
    return client.get("/api/v1/coupons", headers=who["headers"]).get_json()


def order(client, who, coupon_id=None, plan_code="hospital-basic", key=None):
    headers = dict(who["headers"], **({"Idempotency-Key": key} if key else {}))
    body = {"plan_id": plan_id(client, plan_code), **agreement(client, plan_code),
            "insured": {"name": "孙八", "id_number": resident_id("19900101")}}
    if coupon_id is not None:
        body["coupon_id"] = coupon_id
    return client.post("/api/v1/orders", json=body, headers=headers)
