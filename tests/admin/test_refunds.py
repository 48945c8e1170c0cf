"""Operators refund from an order's page, through the refunds service; viewers cannot."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.orders.models import Order
from app.payments.models import Payment
from app.payments.models import Refund
from tests.admin.support import (audit_entries, filled_refund_form, paid_order, post_form, refund_form, rows,
                                 send_refund_form)
from tests.support import agreement, plan_id, prepay_id_of, run_jobs


@pytest.fixture
def order(app, client, catalog, alice, insured_adult):
    return paid_order(app, client, alice, insured_adult)  # accident-plus: 16.00 yuan


def payment_of(app, order_no) -> Payment:
    [payment] = rows(app, Payment, Payment.order_id == sa.select(Order.id).where(Order.order_no == order_no)
                     .scalar_subquery())
    return payment


def test_the_order_page_shows_the_payment_its_raw_notification_and_what_verifying_it_found(app, as_viewer, order):
    page = as_viewer.get(f"/admin/orders/{order['order_no']}").get_data(as_text=True)
    payment = payment_of(app, order["order_no"])
    assert payment.transaction_id in page
    assert "applied" in page  # the notification's outcome
    assert "&lt;xml&gt;" in page or "&lt;xml>" in page  # the raw v2 body, escaped
    assert order["policy_no"] in page


def test_an_operator_refunds_part_of_an_order_and_it_reaches_wechat(app, as_operator, order):
    payment = payment_of(app, order["order_no"])
    response = refund_form(as_operator, order["order_no"], payment.id, amount="6.00", note="pro-rata goodwill")
    assert response.status_code == 303
    [refund] = rows(app, Refund)
    assert (refund.amount_fen, refund.reason, refund.status, refund.requested_by, refund.note) == (
        600, "operator", "pending", "admin:olga", "pro-rata goodwill")
    page = as_operator.get(f"/admin/orders/{order['order_no']}").get_data(as_text=True)
    assert refund.refund_no in page and "10.00" in page  # what is left to refund
    assert '<td title="admin:olga">管理员 olga</td>' in page  # who asked for it, in words

    run_jobs(app)  # submitted to the sandbox, whose refund notification then settles it
    [refund] = rows(app, Refund)
    assert refund.status == "succeeded"
    assert rows(app, Order, Order.order_no == order["order_no"])[0].status == "fulfilled"
    assert payment_of(app, order["order_no"]).status == "succeeded"


def test_an_empty_amount_refunds_everything_left_and_the_order_becomes_refunded(app, as_operator, order):
    payment = payment_of(app, order["order_no"])
    assert refund_form(as_operator, order["order_no"], payment.id, amount="").status_code == 303
    run_jobs(app)
    [refund] = rows(app, Refund)
    assert (refund.amount_fen, refund.status) == (1600, "succeeded")
    assert rows(app, Order, Order.order_no == order["order_no"])[0].status == "refunded"


def test_the_refund_is_in_the_audit_log_with_before_and_after(app, as_operator, order):
    payment = payment_of(app, order["order_no"])
    refund_form(as_operator, order["order_no"], payment.id, amount="2.50", note="late delivery of policy")
    [entry] = audit_entries(app, "refund.request")
    assert (entry.actor, entry.target_type, entry.target_id) == ("admin:olga", "order", order["order_no"])
    assert entry.before == {"payment_status": "succeeded", "refundable_fen": 1600}
    assert entry.after["amount_fen"] == 250 and entry.after["refundable_fen"] == 1350
    assert entry.after["payment_status"] == "refund_pending"
    assert entry.note == "late delivery of policy"


def test_a_viewer_cannot_refund_and_nothing_changes(app, as_viewer, order):
    payment = payment_of(app, order["order_no"])
    response = refund_form(as_viewer, order["order_no"], payment.id, amount="1.00")
    assert response.status_code == 403
    assert rows(app, Refund) == []
    assert payment_of(app, order["order_no"]).status == "succeeded"
    assert audit_entries(app, "refund.request") == []
    assert 'action="/admin/orders/' + order["order_no"] + '/refunds"' not in \
        as_viewer.get(f"/admin/orders/{order['order_no']}").get_data(as_text=True)


def test_a_refund_posted_without_a_csrf_token_is_400_and_nothing_changes(app, as_operator, order):
    payment = payment_of(app, order["order_no"])
    response = as_operator.post(f"/admin/orders/{order['order_no']}/refunds",
                                data={"payment_id": str(payment.id), "amount": "1.00", "note": "x"})
    assert response.status_code == 400
    assert rows(app, Refund) == []


@pytest.mark.parametrize("amount, status", [("16.01", 422), ("0", 422), ("-1", 422), ("1.001", 422),
                                            ("abc", 422)])
def test_an_amount_the_payment_cannot_cover_is_refused_and_nothing_changes(app, as_operator, order, amount,
                                                                           status):
    payment = payment_of(app, order["order_no"])
    response = refund_form(as_operator, order["order_no"], payment.id, amount=amount)
    assert response.status_code == status
    assert rows(app, Refund) == [] and audit_entries(app, "refund.request") == []
    assert payment_of(app, order["order_no"]).status == "succeeded"


def test_a_refund_without_the_deliberate_tick_sends_nothing(app, as_operator, order):
    # Money that leaves at once, in one click: the tick says it cannot be undone, and the form that a full refund
    # ends the cover (docs/domain.md, Refunds).
    payment = payment_of(app, order["order_no"])
    response = refund_form(as_operator, order["order_no"], payment.id, amount="", confirm="")
    assert response.status_code == 422 and "请勾选确认退款。" in response.get_data(as_text=True)
    assert "我已了解：退款会立即提交微信支付，不能撤回。" in response.get_data(as_text=True)
    assert f"即为退保：保单 {order['policy_no']} 的保障在退款到账时终止" in response.get_data(as_text=True)
    assert rows(app, Refund) == [] and audit_entries(app, "refund.request") == []


def test_a_second_refund_beyond_what_is_left_is_refused(app, as_english_operator, order):
    # The refunds service's own words, as an operator who reads English sees them.
    payment = payment_of(app, order["order_no"])
    assert refund_form(as_english_operator, order["order_no"], payment.id, amount="10.00").status_code == 303
    response = refund_form(as_english_operator, order["order_no"], payment.id, amount="6.01")
    assert response.status_code == 422
    assert "0.01 to 6 yuan" in response.get_data(as_text=True)  # an operator types yuan, and reads yuan
    assert [r.amount_fen for r in rows(app, Refund)] == [1000]


def test_a_refund_form_sent_twice_refunds_once(app, as_operator, order):
    """A double click, or the browser sending the form again after a slow answer: the same partial refund twice
    fitted in what was left, and the customer got 6 yuan back for the 3 the operator meant."""
    payment = payment_of(app, order["order_no"])
    form = filled_refund_form(as_operator, order["order_no"], payment.id, amount="3.00", note="goodwill")
    assert send_refund_form(as_operator, order["order_no"], form).status_code == 303
    again = send_refund_form(as_operator, order["order_no"], form)
    assert again.status_code == 409
    assert "此表单已经提交过" in again.get_data(as_text=True)
    assert [refund.amount_fen for refund in rows(app, Refund)] == [300]
    assert len(audit_entries(app, "refund.request")) == 1
    # The page it answers with carries a new form: a second refund, decided as such, goes through.
    assert refund_form(as_operator, order["order_no"], payment.id, amount="2.00").status_code == 303
    assert sorted(refund.amount_fen for refund in rows(app, Refund)) == [200, 300]


def test_a_refund_form_without_its_one_time_key_is_refused(app, as_operator, order):
    payment = payment_of(app, order["order_no"])
    form = filled_refund_form(as_operator, order["order_no"], payment.id, amount="3.00")
    del form["form_key"]  # a page drawn before the key existed, still open in a tab
    response = send_refund_form(as_operator, order["order_no"], form)
    assert response.status_code == 422 and "此表单已过时" in response.get_data(as_text=True)
    assert rows(app, Refund) == []


def test_a_payment_of_another_order_cannot_be_refunded_from_this_one(app, client, as_operator, order, bob,
                                                                     insured_adult):
    other = paid_order(app, client, bob, insured_adult)
    response = refund_form(as_operator, order["order_no"], payment_of(app, other["order_no"]).id, amount="1.00")
    assert response.status_code == 404
    assert rows(app, Refund) == []


def test_the_refunds_page_lists_refunds_and_failed_ones_for_follow_up(app, as_operator, order):
    payment = payment_of(app, order["order_no"])
    refund_form(as_operator, order["order_no"], payment.id, amount="3.00")
    from app.extensions import db

    with app.app_context():
        db.session.execute(sa.update(Refund).values(status="failed", error="NOTENOUGH: balance"))
        db.session.commit()
    page = as_operator.get("/admin/refunds").get_data(as_text=True)
    [refund] = rows(app, Refund)
    follow_up = page[page.index('data-table="failed"'):page.index('data-table="stuck"')]
    assert refund.refund_no in follow_up and "NOTENOUGH: balance" in follow_up
    listed = as_operator.get(f"/admin/refunds?q={order['order_no']}&status=failed").get_data(as_text=True)
    assert f'data-refund="{refund.refund_no}"' in listed
    assert f'data-refund="{refund.refund_no}"' not in \
        as_operator.get("/admin/refunds?status=succeeded").get_data(as_text=True)


def test_a_double_payment_and_its_failed_refund_are_listed_for_follow_up(app, client, as_viewer, order):
    from tests.payments.helpers import post_notification, signed_notification

    second = signed_notification(app, order["order_no"], 1600, "4200000000000000000777")
    assert post_notification(client, second).status_code == 200
    run_jobs(app)  # refunded automatically; the sandbox refuses it (it never saw that transaction)

    page = as_viewer.get("/admin/refunds").get_data(as_text=True)
    anomalies = page[page.index('data-table="anomalies"'):page.index('data-table="failed"')]
    assert order["order_no"] in anomalies and "double_payment" in anomalies
    failed = page[page.index('data-table="failed"'):page.index('data-table="stuck"')]
    assert order["order_no"] in failed and "ORDERNOTEXIST" in failed
    detail = as_viewer.get(f"/admin/orders/{order['order_no']}").get_data(as_text=True)
    assert "4200000000000000000777" in detail and "double_payment" in detail


def a_failed_double_payment_refund(app, client, order) -> Refund:
    """A second payment of the order, refunded automatically; the sandbox refuses that refund (it never saw the
    transaction), so it fails and waits for an operator."""
    from tests.payments.helpers import post_notification, signed_notification

    second = signed_notification(app, order["order_no"], 1600, "4200000000000000000778")
    assert post_notification(client, second).status_code == 200
    run_jobs(app)
    [refund] = rows(app, Refund)
    assert refund.status == "failed"
    return refund


def follow_up_form(client, refund_no, note="已于12月7日通过银行转账退回16元"):
    return post_form(client, f"/admin/refunds/{refund_no}/follow-up", {"note": note}, token_from="/admin/refunds")


def follow_up_sections(page: str) -> tuple[str, str]:
    return (page[page.index('data-table="anomalies"'):page.index('data-table="failed"')],
            page[page.index('data-table="failed"'):page.index('data-table="stuck"')])


def test_a_failed_refund_settled_by_hand_leaves_the_follow_up_list_with_its_double_payment(app, client, as_operator,
                                                                                          order):
    refund = a_failed_double_payment_refund(app, client, order)
    anomalies, failed = follow_up_sections(as_operator.get("/admin/refunds").get_data(as_text=True))
    assert order["order_no"] in anomalies and f'data-follow-up="{refund.refund_no}"' in failed

    response = follow_up_form(as_operator, refund.refund_no)
    assert response.status_code == 303
    page = as_operator.get("/admin/refunds").get_data(as_text=True)
    anomalies, failed = follow_up_sections(page)
    assert order["order_no"] not in anomalies and refund.refund_no not in failed
    # Still failed (WeChat Pay returned none of it), and the list of all refunds says who settled it and how.
    [after] = rows(app, Refund)
    assert (after.status, after.followed_up_by, after.follow_up_note) == (
        "failed", "admin:olga", "已于12月7日通过银行转账退回16元")
    listed = page[page.index(f'data-refund="{refund.refund_no}"'):]
    assert "已于12月7日通过银行转账退回16元" in listed[:listed.index("</tr>")]
    [entry] = audit_entries(app, "refund.follow_up")
    assert (entry.target_id, entry.note) == (refund.refund_no, "已于12月7日通过银行转账退回16元")

    again = follow_up_form(as_operator, refund.refund_no, note="twice")
    assert again.status_code == 409
    assert rows(app, Refund)[0].follow_up_note == "已于12月7日通过银行转账退回16元"


def test_the_audit_log_says_in_chinese_that_a_failed_refund_was_settled(app, client, as_operator, order):
    """It showed refund.follow_up and "refund", codes, where every other entry reads in words."""
    refund = a_failed_double_payment_refund(app, client, order)
    assert follow_up_form(as_operator, refund.refund_no).status_code == 303
    page = as_operator.get("/admin/audit?action=refund.follow_up").get_data(as_text=True)
    assert '<span class="action">登记失败退款的处理结果</span> <small class="code">refund.follow_up</small>' in page
    assert f'<span title="refund">退款</span> {refund.refund_no}' in page


def test_a_renewal_deductions_payment_says_in_chinese_how_it_was_learned(app, as_viewer, order):
    """A renewal's late or double deduction is kept as a payment of the order (app.renewals), learned from the
    deduction: the order page showed the code, "renewal", in the column that reads 支付通知 or 对账 elsewhere."""
    from app.core import clock
    from app.extensions import db

    with app.app_context():
        order_id = db.session.scalar(sa.select(Order.id).where(Order.order_no == order["order_no"]))
        db.session.add(Payment(order_id=order_id, transaction_id="4200000000000000000901", amount_fen=1600,
                               status="succeeded", paid_at=clock.now(), source="renewal", anomaly="double_payment"))
        db.session.commit()
    page = as_viewer.get(f"/admin/orders/{order['order_no']}").get_data(as_text=True)
    row = page[page.index('<code>4200000000000000000901</code>'):]
    assert '<td title="renewal">续保扣款</td>' in row[:row.index("</tr>")]


def test_a_follow_up_without_saying_how_is_refused_and_a_viewer_cannot_settle(app, client, as_operator, as_viewer,
                                                                            order):
    refund = a_failed_double_payment_refund(app, client, order)
    assert f'data-follow-up="{refund.refund_no}"' not in as_viewer.get("/admin/refunds").get_data(as_text=True)
    assert follow_up_form(as_viewer, refund.refund_no).status_code == 403
    refused = follow_up_form(as_operator, refund.refund_no, note="  ")
    assert refused.status_code == 422
    assert "银行转账" in refused.get_data(as_text=True)  # the message says what to write
    assert rows(app, Refund)[0].followed_up_at is None
    assert audit_entries(app, "refund.follow_up") == []


def test_a_refund_that_did_not_fail_cannot_be_marked_settled(app, as_operator, order):
    payment = payment_of(app, order["order_no"])
    refund_form(as_operator, order["order_no"], payment.id, amount="3.00")
    [refund] = rows(app, Refund)
    assert follow_up_form(as_operator, refund.refund_no).status_code == 409
    assert follow_up_form(as_operator, "R0000000000000000000").status_code == 404
    assert rows(app, Refund)[0].followed_up_at is None


def test_a_late_payment_leaves_the_follow_up_list_once_its_refund_has_succeeded(app, client, catalog, alice,
                                                                               insured_adult, as_viewer):
    created = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-plus"),
                                                  **agreement(client, "accident-plus"), "insured": insured_adult},
                          headers=alice["headers"]).get_json()
    client.post(f"/api/v1/orders/{created['order_no']}/cancel", headers=alice["headers"])
    # Paid in WeChat just as it closed here: refunded automatically, and the sandbox returns the money.
    assert client.post("/sandbox/wechat/pay/confirm",
                       json={"prepay_id": prepay_id_of(created["pay_params"])}).status_code == 200
    run_jobs(app)
    [payment] = rows(app, Payment)
    assert (payment.anomaly, payment.status) == ("late_payment", "refunded")
    anomalies, _failed = follow_up_sections(as_viewer.get("/admin/refunds").get_data(as_text=True))
    assert created["order_no"] not in anomalies


def test_the_order_page_names_the_policyholder_as_they_saved_themselves(app, client, catalog, alice, bob, as_viewer,
                                                                        insured_adult):
    from tests.support import resident_id

    me = {"relation": "self", "name": "司马光明", "id_number": resident_id("19850315")}
    assert client.post("/api/v1/insured-persons", json=me, headers=alice["headers"]).status_code == 201
    with_holder, without = paid_order(app, client, alice, insured_adult), paid_order(app, client, bob, insured_adult)
    page = as_viewer.get(f"/admin/orders/{with_holder['order_no']}").get_data(as_text=True)
    assert "投保人" in page and f"司*** {me['id_number'][0]}{'*' * 16}{me['id_number'][-1]}" in page
    assert "司马光明" not in page
    assert "未保存" in as_viewer.get(f"/admin/orders/{without['order_no']}").get_data(as_text=True)


def test_a_cooling_off_cancellation_whose_refund_failed_is_completed_when_an_operator_settles_it(
        app, client, catalog, alice, insured_adult, as_operator):
    """WeChat Pay refused the cooling-off refund (here: the payment reached us by a notification the sandbox never
    made, so it has no such order to refund). The policy waits in 退保中 with neither cover nor money; once an
    operator has paid the premium back by hand and says so, the cancellation is complete."""
    from tests.payments.helpers import post_notification, signed_notification

    created = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-plus"),
                                                  **agreement(client, "accident-plus"), "insured": insured_adult},
                          headers=alice["headers"]).get_json()
    assert post_notification(client, signed_notification(app, created["order_no"], 1600)).status_code == 200
    policy_no = client.get(f"/api/v1/orders/{created['order_no']}", headers=alice["headers"]).get_json()["policy_no"]
    assert client.post(f"/api/v1/policies/{policy_no}/cancel", headers=alice["headers"]).status_code == 200
    run_jobs(app)
    [refund] = rows(app, Refund)
    assert (refund.reason, refund.status) == ("cooling_off", "failed")
    page = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()
    assert page["status"] == "cancelling"

    assert follow_up_form(as_operator, refund.refund_no).status_code == 303
    page = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()
    assert page["status"] == "cancelled"
    [settled] = rows(app, Refund)
    assert settled.status == "failed"  # WeChat Pay returned none of it; the operator's note says how it was
    assert page["cancelled_at"] is not None


def test_a_submitted_refund_wechat_has_no_record_of_is_listed_for_follow_up(app, as_operator, order):
    """WeChat Pay accepted the refund, its notification never came, and asking finds no such refund: the money may
    never reach the payer, and the refunds service leaves it for an operator. The follow-up list must show it (it
    listed pending refunds only, so an operator never saw it)."""
    import datetime as dt

    from app.core import clock
    from app.extensions import redis_store
    from app.payments.tasks import reconcile_submitted_refunds
    from tests.payments.helpers import submit_and_lose_the_refund_notification

    payment = payment_of(app, order["order_no"])
    assert refund_form(as_operator, order["order_no"], payment.id, amount="3.00").status_code == 303
    [refund] = rows(app, Refund)
    submit_and_lose_the_refund_notification(app, refund.refund_no)
    with app.app_context():
        redis_store.delete("sandbox:pay:refund:" + refund.refund_no)  # WeChat's side of it is gone
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=11)):
        with app.app_context():
            assert reconcile_submitted_refunds() == {"not_found": 1}
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=45)):
        page = as_operator.get("/admin/refunds").get_data(as_text=True)
    [waiting] = rows(app, Refund)
    assert waiting.status == "submitted"
    stuck = page[page.index('data-table="stuck"'):page.index('data-table="refund-list"')]
    assert waiting.refund_no in stuck and "WeChat Pay has no record of this refund" in stuck


def test_a_submitted_refund_on_its_way_is_not_listed_for_follow_up(app, as_operator, order):
    """A refund WeChat Pay accepted and has not yet reported on is not an operator's business: it is asked about."""
    import datetime as dt

    from app.core import clock
    from tests.payments.helpers import submit_and_lose_the_refund_notification

    payment = payment_of(app, order["order_no"])
    assert refund_form(as_operator, order["order_no"], payment.id, amount="3.00").status_code == 303
    [refund] = rows(app, Refund)
    submit_and_lose_the_refund_notification(app, refund.refund_no)
    with clock.frozen_at(clock.now() + dt.timedelta(minutes=5)):
        page = as_operator.get("/admin/refunds").get_data(as_text=True)
    stuck = page[page.index('data-table="stuck"'):page.index('data-table="refund-list"')]
    assert rows(app, Refund)[0].status == "submitted" and refund.refund_no not in stuck


def test_a_refund_form_sent_twice_at_the_same_moment_refunds_once(app, as_operator, order):
    """Both sendings lock the payment in turn and each fits in what is left: the form's unique key decides."""
    import threading

    payment = payment_of(app, order["order_no"])
    form = filled_refund_form(as_operator, order["order_no"], payment.id, amount="3.00", note="goodwill")
    cookie = as_operator.get_cookie("session").value
    answers, start = [], threading.Barrier(2)

    def send():
        browser = app.test_client()
        browser.set_cookie("session", cookie)
        start.wait()
        answers.append(send_refund_form(browser, order["order_no"], form).status_code)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(answers) == [303, 409]
    assert [refund.amount_fen for refund in rows(app, Refund)] == [300]
