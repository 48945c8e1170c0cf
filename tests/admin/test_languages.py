"""The admin speaks Simplified Chinese unless an admin chooses English; the login page follows the browser."""

from __future__ import annotations

import datetime as dt
import re

from app.admin.models import AdminUser
from app.catalog.models import Plan
from app.core import clock
from tests.admin.support import audit_entries, log_in, make_admin, paid_order, post_form, rows

ENGLISH_BROWSER = {"Accept-Language": "en-GB,en;q=0.9"}
CHINESE_BROWSER = {"Accept-Language": "zh-CN,zh;q=0.9"}


def flash_of(page: str) -> list[str]:
    return re.findall(r'<p class="flash [a-z]+"[^>]*>([^<]*)</p>', page)


def chart(page: str, chart_id: str) -> str:
    start = page.index(f'<svg data-chart="{chart_id}"')
    return page[start:page.index("</svg>", start)]


def log_in_client(app, username: str, headers: dict | None = None):
    client = app.test_client()
    if headers:
        client.environ_base.update({f"HTTP_{name.upper().replace('-', '_')}": value
                                    for name, value in headers.items()})
    assert log_in(client, username).status_code == 302
    return client


# -- the login page: the browser's language ------------------------------------------------------

def test_the_login_page_follows_the_browser_chinese_unless_it_asks_for_english(app, client):
    for headers in ({}, CHINESE_BROWSER, {"Accept-Language": "fr-FR,fr;q=0.9"}):
        response = client.get("/admin/login", headers=headers)
        page = response.get_data(as_text=True)
        assert response.headers["Content-Language"] == "zh-CN"
        assert '<html lang="zh-CN">' in page and "<h1>登录</h1>" in page and "<span>用户名</span>" in page
        assert "Log in" not in page
    response = client.get("/admin/login", headers=ENGLISH_BROWSER)
    page = response.get_data(as_text=True)
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in page and "<h1>Log in</h1>" in page and "<span>Username</span>" in page
    make_admin(app, "root", "admin")
    refused = client.post("/admin/login", headers=ENGLISH_BROWSER, data={
        "csrf_token": re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1),
        "username": "root", "password": "not the password at all"})
    assert flash_of(refused.get_data(as_text=True)) == ["That username and password do not match an active admin."]


# -- an admin's own language ---------------------------------------------------------------------

def test_an_admin_who_chose_english_reads_english_whatever_the_browser_says(app):
    make_admin(app, "ellen", "operator", language="en")
    english = log_in_client(app, "ellen", CHINESE_BROWSER)
    response = english.get("/admin/orders")
    page = response.get_data(as_text=True)
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in page and "<h1>Orders</h1>" in page and ">Log out</button>" in page
    assert "订单" not in page


def test_an_admin_who_did_not_choose_reads_chinese_even_with_an_english_browser(app):
    make_admin(app, "olga", "operator")
    chinese = log_in_client(app, "olga", ENGLISH_BROWSER)
    response = chinese.get("/admin/orders")
    page = response.get_data(as_text=True)
    assert response.headers["Content-Language"] == "zh-CN"
    assert '<html lang="zh-CN">' in page and "<h1>订单</h1>" in page and ">退出登录</button>" in page
    assert "<h1>Orders</h1>" not in page


def test_an_admin_switches_to_english_from_the_page_header_and_back(app, as_operator):
    page = as_operator.get("/admin/orders?status=created").get_data(as_text=True)
    assert 'name="language" value="en" lang="en">English</button>' in page

    switched = post_form(as_operator, "/admin/language", {"language": "en", "next": "/admin/orders?status=created"})
    assert switched.status_code == 303 and switched.headers["Location"] == "/admin/orders?status=created"
    page = as_operator.get("/admin/orders?status=created").get_data(as_text=True)
    assert "<h1>Orders</h1>" in page and flash_of(page) == ["Your pages are now in English."]
    assert rows(app, AdminUser, AdminUser.username == "olga")[0].language == "en"
    [entry] = audit_entries(app, "admin_user.language")
    assert (entry.actor, entry.before["language"], entry.after["language"]) == ("admin:olga", "zh-CN", "en")

    # The choice is the admin's, not the session's: it holds at the next login.
    assert "<h1>Orders</h1>" in log_in_client(app, "olga").get("/admin/orders").get_data(as_text=True)

    post_form(as_operator, "/admin/language", {"language": "zh-CN", "next": "/admin/"})
    page = as_operator.get("/admin/").get_data(as_text=True)
    assert "<h1>数据概览" in page and flash_of(page) == ["页面语言已切换为中文。"]


def test_a_language_the_admin_does_not_speak_is_refused(app, as_operator):
    post_form(as_operator, "/admin/language", {"language": "fr", "next": "/admin/"})
    assert rows(app, AdminUser, AdminUser.username == "olga")[0].language == "zh-CN"
    assert audit_entries(app, "admin_user.language") == []


def test_the_admin_users_page_shows_each_admins_language_and_role_in_the_readers_words(app, as_admin,
                                                                                      as_english_admin):
    make_admin(app, "olga", "operator")
    chinese = as_admin.get("/admin/users").get_data(as_text=True)
    english = as_english_admin.get("/admin/users").get_data(as_text=True)
    for page in (chinese, english):
        assert re.search(r'data-admin="ellen">.*?data-language="en" lang="en">English<', page, re.S)
        assert re.search(r'data-admin="olga">.*?data-language="zh-CN" lang="zh-CN">中文<', page, re.S)
    assert re.search(r'data-admin="olga">.*?<option selected value="operator">运营</option>', chinese, re.S)
    assert re.search(r'data-admin="olga">.*?<option selected value="operator">operator</option>', english, re.S)
    assert '<small class="role" title="admin">管理员</small>' in chinese


def test_an_admin_creates_an_admin_who_reads_english(app, as_admin):
    response = post_form(as_admin, "/admin/users", {"username": "ellen", "role": "viewer", "language": "en",
                                                    "password": "a long enough password"})
    assert response.status_code == 303
    assert flash_of(as_admin.get("/admin/users").get_data(as_text=True)) == ["已创建管理员 ellen，角色：只读。"]
    [entry] = audit_entries(app, "admin_user.create")
    assert entry.after["language"] == "en"
    english = app.test_client()
    log_in(english, "ellen", "a long enough password")
    assert "<h1>Dashboard" in english.get("/admin/").get_data(as_text=True)


# -- what the pages say, in each language --------------------------------------------------------

def test_flash_messages_are_in_the_admins_language(app, catalog, as_admin, as_english_admin):
    [plan] = rows(app, Plan, Plan.code == "accident-basic")
    post_form(as_admin, f"/admin/plans/{plan.id}/deactivate")
    assert flash_of(as_admin.get("/admin/products").get_data(as_text=True)) == ["保障计划 30万元保额 已下架。"]
    post_form(as_english_admin, f"/admin/plans/{plan.id}/activate")
    assert flash_of(as_english_admin.get("/admin/products").get_data(as_text=True)) == [
        "Plan 300,000 yuan cover is on sale."]


def test_form_errors_are_in_the_admins_language(app, catalog, as_admin, as_english_admin):
    [plan] = rows(app, Plan, Plan.code == "accident-basic")
    form = {"name_zh": plan.name_zh, "name_en": "", "premium": "1.234"}
    chinese = post_form(as_admin, f"/admin/plans/{plan.id}", form, token_from=f"/admin/products/{plan.product_id}")
    english = post_form(as_english_admin, f"/admin/plans/{plan.id}", form,
                        token_from=f"/admin/products/{plan.product_id}")
    assert chinese.status_code == english.status_code == 422
    assert set(flash_of(chinese.get_data(as_text=True))) == {
        "名称（英文）：该字段是必填字段。", "保费（元）：请输入以元为单位的金额，最多两位小数。"}
    assert set(flash_of(english.get_data(as_text=True))) == {
        "Name (English): This field is required.", "Premium (yuan): Enter an amount in yuan with at most two decimals."}


def test_chart_titles_series_and_no_data_are_in_the_admins_language(as_viewer, as_english_admin):
    chinese = as_viewer.get("/admin/").get_data(as_text=True)
    english = as_english_admin.get("/admin/").get_data(as_text=True)
    assert "每日订单" in chart(chinese, "orders") and "下单数" in chart(chinese, "orders")
    assert "Orders per day" in chart(english, "orders") and "Orders created" in chart(english, "orders")
    # Nobody has visited yet: no conversion to draw.
    assert "本期暂无数据" in chart(chinese, "conversion")
    assert "No data in this period" in chart(english, "conversion")
    assert "已报案" in chart(chinese, "claims-by-step") and "submitted" in chart(english, "claims-by-step")
    assert '<tr data-stage="sent"><td>发出份数</td>' in chinese
    assert '<tr data-stage="sent"><td>shares sent</td>' in english


def test_statuses_are_in_the_admins_language_with_their_codes_kept(app, client, catalog, alice, insured_adult,
                                                                   as_viewer, as_english_admin):
    order = paid_order(app, client, alice, insured_adult)
    chinese = as_viewer.get(f"/admin/orders/{order['order_no']}").get_data(as_text=True)
    english = as_english_admin.get(f"/admin/orders/{order['order_no']}").get_data(as_text=True)
    assert ('<span class="badge fulfilled" title="fulfilled" data-status="fulfilled">已支付</span> '
            '<small class="code">fulfilled</small>') in chinese
    assert '<span class="badge fulfilled" title="fulfilled" data-status="fulfilled">fulfilled</span></h1>' in english
    assert 'data-status="succeeded">支付成功</span>' in chinese and 'data-status="applied">已入账</span>' in chinese
    assert 'data-status="succeeded">succeeded</span>' in english and 'data-status="applied">applied</span>' in english
    listed = as_viewer.get("/admin/orders").get_data(as_text=True)
    assert '<option value="created" title="created">待支付</option>' in listed


def test_the_audit_log_describes_each_action_in_the_admins_language(app, catalog, as_admin, as_english_admin):
    [plan] = rows(app, Plan, Plan.code == "accident-basic")
    post_form(as_admin, f"/admin/plans/{plan.id}/deactivate")
    chinese = as_admin.get("/admin/audit?action=plan.deactivate").get_data(as_text=True)
    english = as_english_admin.get("/admin/audit?action=plan.deactivate").get_data(as_text=True)
    assert '<span class="action">下架保障计划</span> <small class="code">plan.deactivate</small>' in chinese
    assert '<span class="action">Took a plan off sale</span> <small class="code">plan.deactivate</small>' in english
    assert '<span title="plan">保障计划</span> accident-basic' in chinese
    assert '<option value="plan.deactivate" title="plan.deactivate" selected>下架保障计划</option>' in chinese


# -- dates ---------------------------------------------------------------------------------------

def test_times_are_written_the_admins_way_in_beijing_time(app, as_admin, as_english_admin):
    with clock.frozen_at(dt.datetime(2026, 12, 6, 6, 30, tzinfo=dt.timezone.utc)):  # 14:30 in Beijing
        make_admin(app, "carol", "viewer")
    chinese = as_admin.get("/admin/users").get_data(as_text=True)
    english = as_english_admin.get("/admin/users").get_data(as_text=True)
    assert re.search(r'data-admin="carol">.*?<td>2026年12月6日 14:30 <small>由 test 创建</small>', chinese, re.S)
    assert re.search(r'data-admin="carol">.*?<td>6 Dec 2026 14:30 <small>by test</small>', english, re.S)


def test_the_dashboards_days_are_written_the_admins_way(as_viewer, as_english_admin):
    with clock.frozen_at(dt.datetime(2026, 12, 6, 6, 30, tzinfo=dt.timezone.utc)):
        chinese = as_viewer.get("/admin/").get_data(as_text=True)
        english = as_english_admin.get("/admin/").get_data(as_text=True)
    assert "近 30 天，2026年11月7日 至 2026年12月6日（北京时间）" in chinese
    assert "last 30 days, 7 Nov 2026 to 6 Dec 2026 (Beijing time)" in english
    today = re.compile(r'<table data-table="orders">.*?<tbody>\s*<tr><td>([^<]+)</td>', re.S)
    assert today.search(chinese).group(1) == "12月6日" and today.search(english).group(1) == "6 Dec"
