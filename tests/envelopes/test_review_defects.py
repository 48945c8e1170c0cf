"""Defects found by a review of creating, settling and activating envelopes: each test failed on the code before
its fix."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.orders.models import Order
from app.payments.models import Payment, Refund
from tests.admin.support import log_in, make_admin, refund_form
from tests.envelopes.helpers import create_paid_envelope
from tests.support import run_jobs


def _operator(app):
    make_admin(app, "olga", "operator")
    client = app.test_client()
    assert log_in(client, "olga").status_code == 302
    return client


def _operator_refunds(app, operator, envelope_id: str, amount: str = "") -> None:
    """An operator refunds (part of) an envelope's payment from its order's page, as the admin does."""
    from app.envelopes.models import Envelope

    with app.app_context():
        order_no, payment_id = db.session.execute(
            sa.select(Order.order_no, Payment.id).join(Envelope, Envelope.order_id == Order.id)
            .join(Payment, Payment.order_id == Order.id).where(Envelope.public_id == envelope_id)).one()
    response = refund_form(operator, order_no, payment_id, amount=amount, note="sender complained")
    assert response.status_code == 303, response.get_data(as_text=True)
    run_jobs(app)


def _refunds_of(app, envelope_id: str) -> list[tuple[str, int, str]]:
    from app.envelopes.models import Envelope

    with app.app_context():
        return [tuple(row) for row in db.session.execute(
            sa.select(Refund.reason, Refund.amount_fen, Refund.status)
            .join(Envelope, Envelope.order_id == Refund.order_id)
            .where(Envelope.public_id == envelope_id).order_by(Refund.id))]


def test_an_envelope_an_operator_refunded_does_not_stop_other_senders_refunds(app, client, catalog, alice, bob):
    """An operator refunded one envelope's payment in full; when it expired the settlement job asked for its
    unclaimed premium again, was refused (nothing left to refund) and rolled back the whole pass: no envelope
    expired or was refunded any more, bob's unclaimed premium included."""
    from app.envelopes.tasks import expire_envelopes

    refunded_by_operator = create_paid_envelope(app, client, alice, total=1_000_000, shares=2)
    _operator_refunds(app, _operator(app), refunded_by_operator["envelope_id"])
    bobs = create_paid_envelope(app, client, bob, total=2_000_000, shares=2)

    with clock.frozen_at(clock.now() + dt.timedelta(hours=25)), app.app_context():
        assert expire_envelopes() == {"exhausted": 0, "expired": 2, "lapsed": 0, "settled": 2}
    run_jobs(app)

    assert _refunds_of(app, bobs["envelope_id"]) == [("envelope_unclaimed", 40, "succeeded")]
    # the operator gave alice all of it back already: nothing more, and not twice
    assert _refunds_of(app, refunded_by_operator["envelope_id"]) == [("operator", 20, "succeeded")]
    sent = client.get("/api/v1/envelopes", headers=bob["headers"]).get_json()
    assert sent[0]["status"] == "expired" and sent[0]["refund"] == {"amount_fen": 40, "status": "succeeded"}


def test_an_envelope_partly_refunded_by_an_operator_refunds_only_what_is_left(app, client, catalog, alice):
    """After an operator's partial refund the unclaimed premium may be more than what is left of the payment:
    the settlement then asked for more than the payment holds (422) and failed every pass."""
    from app.envelopes.tasks import expire_envelopes

    envelope = create_paid_envelope(app, client, alice, total=2_000_000, shares=2)  # 40 fen
    _operator_refunds(app, _operator(app), envelope["envelope_id"], amount="0.15")

    with clock.frozen_at(clock.now() + dt.timedelta(hours=25)), app.app_context():
        assert expire_envelopes()["settled"] == 1
    run_jobs(app)

    assert _refunds_of(app, envelope["envelope_id"]) == [
        ("operator", 15, "succeeded"), ("envelope_unclaimed", 25, "succeeded")]


def test_the_lists_say_a_share_has_lapsed_and_an_envelope_has_expired_as_the_detail_does(app, client, catalog, alice,
                                                                                          bob):
    """The envelope's page said `expired` and `lapsed` from the moment they were, but the sender's list and the
    grabber's list showed the stored status until the periodic job had run: `active` for an envelope nobody can
    grab any more, `grabbed` for a share whose activation is refused with 410 `grab_lapsed`."""
    envelope = create_paid_envelope(app, client, alice, total=1_000_000, shares=2)
    assert client.post(f"/api/v1/envelopes/{envelope['envelope_id']}/grab", headers=bob["headers"]).status_code == 201

    with clock.frozen_at(clock.now() + dt.timedelta(days=7, minutes=1)):  # no periodic job has run meanwhile
        detail = client.get(f"/api/v1/envelopes/{envelope['envelope_id']}", headers=bob["headers"]).get_json()
        [mine] = client.get("/api/v1/envelope-grabs", headers=bob["headers"]).get_json()
        [sent] = client.get("/api/v1/envelopes", headers=alice["headers"]).get_json()
    assert (detail["status"], detail["my_grab"]["status"]) == ("expired", "lapsed")
    assert mine["status"] == "lapsed"
    assert sent["status"] == "expired"
