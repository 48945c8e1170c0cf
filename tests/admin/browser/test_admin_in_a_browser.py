"""The admin dashboard in a real browser, in Chinese as its operators read it: login, charts, refunding part of
an order, moving a claim, a product's page, and an admin who switches to English."""

from __future__ import annotations

import pytest

import re

import sqlalchemy as sa

from app.campaigns.models import Campaign
from app.catalog.models import Product
from app.claims.models import Claim
from app.payments.models import Refund
from tests.admin.browser.conftest import log_in_with_the_form
from tests.admin.support import PASSWORD, file_claim, make_admin, paid_order, rows
from tests.support import bearer, run_jobs

pytestmark = pytest.mark.once  # no second backend to prove anything on: CI runs it once


CHARTS = ("new-users", "referral-share", "orders", "premium", "visits", "conversion", "envelope-funnel",
          "claims-by-step", "claims-durations", "net-premium", "refunds", "claims-paid", "loss-ratio", "return-visits")


def test_without_a_session_the_browser_is_sent_to_the_login_page(page, shoot):
    page.goto("/admin/orders")
    assert re.search(r"/admin/login\?next=(/|%2F)admin(/|%2F)orders$", page.url), page.url
    assert page.locator("input[name=username]").is_visible()
    assert page.locator("input[name=password]").get_attribute("type") == "password"
    assert page.locator("h1").inner_text() == "登录"
    assert page.locator("label.field span").all_inner_texts() == ["用户名", "密码"]
    assert page.title() == "登录 · Redcover 管理后台"
    shoot(page, "login")


def test_a_wrong_password_is_refused(app, page, shoot):
    make_admin(app, "root", "admin")
    log_in_with_the_form(page, "root", "not the password")
    assert page.locator(".flash.error").inner_text() == "用户名或密码不正确，或该管理员已停用。"
    assert page.url.endswith("/admin/login")
    assert page.locator("nav a").count() == 0  # no admin navigation without a session
    shoot(page, "refused")


def test_an_admin_logs_in_and_the_dashboard_draws_every_chart_with_its_numbers(app, client, catalog, alice,
                                                                               insured_adult, page, shoot):
    make_admin(app, "root", "admin")
    client.post("/api/v1/visits", json={"page": "pages/index/index"}, headers=alice["headers"])
    order = paid_order(app, client, alice, insured_adult)
    file_claim(client, alice, order["policy_no"])

    log_in_with_the_form(page, "root", PASSWORD)
    page.wait_for_url("**/admin/")
    assert page.locator("h1").first.inner_text().startswith("数据概览")
    for chart in CHARTS:
        svg = page.locator(f'svg[data-chart="{chart}"]')
        assert svg.is_visible(), chart
        box = svg.bounding_box()
        assert box["width"] > 300 and box["height"] > 100, (chart, box)
    assert page.locator('svg[data-chart="orders"] text.title').text_content() == "每日订单"
    # The orders chart has a drawn bar for today's paid order (pygal's bars are rects).
    heights = [r.bounding_box()["height"] for r in page.locator('svg[data-chart="orders"] g.series rect.rect').all()]
    assert any(height > 5 for height in heights)

    today = page.locator('table[data-table="orders"] tbody tr').first
    assert [cell.inner_text() for cell in today.locator("td").all()][1:] == ["1", "1", "16.00"]
    assert re.fullmatch(r"\d{1,2}月\d{1,2}日", today.locator("td").first.inner_text())
    assert page.locator('table[data-table="orders"] tbody tr').count() == 30
    # The whole period shows: no table sits in a box that scrolls, and the oldest day is drawn in full.
    boxes = page.locator(".chart-row .numbers")
    assert boxes.count() >= 10
    assert boxes.evaluate_all("boxes => boxes.filter(b => b.scrollHeight > b.clientHeight + 1).length") == 0
    oldest = page.locator('table[data-table="net-premium"] tbody tr').last.bounding_box()
    assert oldest["height"] > 10
    assert page.locator('[data-kpi="net-premium"]').inner_text() == "¥16.00"
    assert page.locator('[data-kpi="premium"]').inner_text() == "¥16.00"
    assert page.locator('table[data-table="new-users"] tbody tr').first.locator("td").nth(1).inner_text() == "1"
    claims = page.locator('table[data-table="claims"] tbody tr[data-step="submitted"]')
    assert [cell.inner_text() for cell in claims.locator("td").all()] == ["已报案", "1"]
    shoot(page, "dashboard")


def test_an_operator_refunds_part_of_an_order(app, client, catalog, alice, insured_adult, page, shoot):
    make_admin(app, "olga", "operator")
    client.post("/api/v1/auth/phone", json={"code": "sandbox-phone:13800138000"}, headers=alice["headers"])
    order = paid_order(app, client, alice, insured_adult)

    log_in_with_the_form(page, "olga", PASSWORD)
    page.wait_for_url("**/admin/")
    page.click("nav >> text=订单")
    page.fill("input[name=q]", "138 0013 8000")  # found by phone, through its keyed hash
    page.click("form.search button")
    page.click(f'tr[data-order="{order["order_no"]}"] a')
    page.wait_for_url(f"**/admin/orders/{order['order_no']}")
    assert page.locator("h1 .badge").inner_text() == "已支付"
    page.fill("input[name=amount]", "6.00")
    page.fill("input[name=note]", "保单寄送晚了，退一部分保费")
    page.check("form.refund input[name=confirm]")  # the money leaves at once: a deliberate tick
    shoot(page, "order")
    page.click("form.refund button[type=submit]")

    [refund] = rows(app, Refund)
    assert page.locator(".flash").inner_text() == f"退款 {refund.refund_no}（6.00 元）已提交，正在发往微信支付。"
    assert (refund.amount_fen, refund.requested_by, refund.status) == (600, "admin:olga", "pending")
    row = page.locator(f'tr[data-refund="{refund.refund_no}"]')
    assert row.locator(".badge").inner_text() == "待提交"

    run_jobs(app)
    page.reload()
    assert page.locator(f'tr[data-refund="{refund.refund_no}"] .badge').inner_text() == "退款成功"
    assert "10.00" in page.locator('table[data-table="payments"]').inner_text()  # left to refund
    shoot(page, "refunded")


def test_an_operator_moves_a_claim_with_a_note(app, client, catalog, alice, insured_adult, page, shoot):
    make_admin(app, "olga", "operator")
    order = paid_order(app, client, alice, insured_adult)
    claim_no = file_claim(client, alice, order["policy_no"])

    log_in_with_the_form(page, "olga", PASSWORD)
    page.wait_for_url("**/admin/")
    page.click("nav >> text=理赔")
    assert page.locator(f'tr[data-claim="{claim_no}"] .badge').inner_text() == "已报案"
    shoot(page, "claims")
    page.click(f'tr[data-claim="{claim_no}"] a')
    page.select_option("select[name=to_state]", label="已受理")
    page.fill("textarea[name=note]", "我们已收到您的理赔申请，接下来会审核您的材料。")
    page.click("form.claim-move button[type=submit]")

    assert page.locator(".flash").inner_text() == f"理赔 {claim_no} 已改为“已受理”。"
    assert page.locator("[data-claim-state]").get_attribute("data-claim-state") == "accepted"
    assert "我们已收到您的理赔申请" in page.locator('table[data-table="events"]').inner_text()
    with app.app_context():
        from app.extensions import db

        assert db.session.scalar(sa.select(Claim.state).where(Claim.claim_no == claim_no)) == "accepted"
        db.session.remove()
    seen = client.get(f"/api/v1/claims/{claim_no}", headers=bearer(alice["token"])).get_json()
    assert seen["state"] == "accepted"
    shoot(page, "claim-moved")


def test_an_admin_edits_a_products_chinese_summary_on_its_page(app, catalog, page, shoot):
    make_admin(app, "root", "admin")
    log_in_with_the_form(page, "root", PASSWORD)
    page.wait_for_url("**/admin/")
    page.click("nav >> text=产品")
    page.click('section[data-product="accident"] h2 a')
    assert page.locator("h1").inner_text().startswith("意外保障")
    summary = page.locator("label.field", has=page.locator("textarea[name=summary_zh]"))
    assert summary.locator("span").inner_text() == "简介（中文）"
    shoot(page, "product")
    page.fill("textarea[name=summary_zh]", "每月 5 元起，日常意外都能赔。")
    page.click("section.card form button[type=submit] >> text=保存产品")
    assert page.locator(".flash").inner_text() == "已保存 意外保障（Accident cover）。"
    [product] = rows(app, Product, Product.code == "accident")
    assert product.summary_zh == "每月 5 元起，日常意外都能赔。"


def test_an_admin_sets_up_a_werun_campaign_in_yuan_and_steps(app, page, shoot):
    make_admin(app, "root", "admin")
    log_in_with_the_form(page, "root", PASSWORD)
    page.wait_for_url("**/admin/")
    page.click("nav >> text=活动")
    form = page.locator("form", has=page.locator("input[name=code]"))
    form.locator("input[name=code]").fill("werun-8k")
    form.locator("input[name=name_zh]").fill("日行八千步，送意外保障")
    form.locator("select[name=kind]").select_option(label="微信运动步数")
    form.locator("input[name=budget]").fill("50000")
    form.locator("input[name=coverage]").fill("5000")
    form.locator("input[name=min_steps]").fill("8000")
    shoot(page, "new-werun-campaign")
    form.locator("button[type=submit] >> text=创建活动").click()
    page.wait_for_url("**/admin/campaigns")
    [campaign] = rows(app, Campaign)
    assert (campaign.kind, campaign.settings) == ("werun", {"coverage_fen": 500_000, "min_steps": 8000})
    page.click("a >> text=werun-8k")
    labels = page.locator("form fieldset label.field > span").all_inner_texts()
    assert labels[-3:] == ["每份奖励的保额（元）", "每天需要走的步数", "有效期（天）"]  # a WeRun campaign's, and no others
    assert page.locator("input[name=coverage]").input_value() == "5000.00"
    shoot(page, "werun-campaign")


def test_an_admin_switches_their_pages_to_english_and_back(app, page, shoot):
    make_admin(app, "root", "admin")
    log_in_with_the_form(page, "root", PASSWORD)
    page.wait_for_url("**/admin/")
    page.click("nav >> text=订单")
    page.click("form.language button >> text=English")
    page.wait_for_url("**/admin/orders")
    assert page.locator("h1").inner_text() == "Orders"
    assert page.locator(".flash").inner_text() == "Your pages are now in English."
    page.click("nav >> text=Dashboard")
    assert page.locator('svg[data-chart="orders"] text.title').text_content() == "Orders per day"
    shoot(page, "english-dashboard")
    page.click("form.language button >> text=中文")
    assert page.locator("h1").first.inner_text().startswith("数据概览")


def test_a_viewer_sees_no_refund_or_claim_controls(app, client, catalog, alice, insured_adult, page):
    make_admin(app, "victor", "viewer")
    order = paid_order(app, client, alice, insured_adult)
    claim_no = file_claim(client, alice, order["policy_no"])
    log_in_with_the_form(page, "victor", PASSWORD)
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/orders/{order['order_no']}")
    assert page.locator("form.refund").count() == 0
    page.goto(f"/admin/claims/{claim_no}")
    assert page.locator("form.claim-move").count() == 0
    assert page.locator("nav a").all_inner_texts() == ["数据概览", "产品", "订单", "退款", "红包", "理赔", "活动",
                                                       "审计日志"]  # no admin users
