"""The mini-program's own pages in a browser at /preview/, as a sandbox user reading Chinese."""

from __future__ import annotations

import datetime as dt
import struct
import time
import zlib
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from app.claims.models import ClaimMaterial
from app.extensions import db
from app.referrals.models import Share
from tests.admin.support import paid_order
from tests.support import resident_id, run_jobs

pytestmark = pytest.mark.once  # a browser, no second backend to prove anything on: CI runs it once

#: The page the phone shows (pages stay in the stack, hidden, as in WeChat).
SHOWN = ".rc-page:not([hidden])"


def shown(page):
    return page.locator(SHOWN)


def log_in_from_the_picker(page, name: str) -> None:
    """The pages ask which sandbox user to be (utils/api.js), in WeChat's action sheet."""
    sheet = page.locator(".rc-sheet")
    sheet.wait_for()
    assert sheet.locator(".rc-sheet__alert").inner_text() == "测试环境：用哪个微信用户登录？"
    sheet.get_by_role("menuitem", name=name, exact=True).click()
    sheet.wait_for(state="detached")


def agree_in_the_privacy_popup(page) -> None:
    """First use of a privacy API (choosing a photo or a file): WeChat asks for the agreement, in our pop-up."""
    popup = page.locator(SHOWN).locator(".privacy-card")
    popup.wait_for()
    assert "请先同意隐私保护指引" in popup.inner_text()
    popup.locator(".privacy-agree").click()
    popup.wait_for(state="detached")


def test_a_sandbox_user_logs_in_and_opens_a_product(catalog, phone, shoot):
    phone.goto("/preview/")
    assert phone.locator("#rc-user").inner_text() == ""
    log_in_from_the_picker(phone, "alice")
    cards = shown(phone).locator(".product-card")
    cards.first.wait_for()
    assert phone.locator("#rc-user").inner_text() == "alice"  # the sidebar names whom the picker logged in
    assert phone.locator("#rc-title").inner_text() == "Redcover"
    assert phone.locator(".rc-tab--selected").inner_text() == "首页"
    assert shown(phone).locator(".product-name").first.inner_text() == "意外保障"
    shoot(phone, "home")

    cards.first.click()
    product = phone.locator('.rc-page[data-route="pages/product/product"]')
    product.locator(".plan").first.wait_for()
    assert phone.locator("#rc-title").inner_text() == "意外保障"
    assert not phone.locator("#rc-back").is_hidden()
    assert product.locator(".plan").count() == 2
    assert "plan--selected" in product.locator(".plan").first.get_attribute("class")
    # Vant rendered with its WXS: the button carries the classes utils.bem() computed.
    buy = product.locator(".buy .van-button")
    assert {"van-button--primary", "van-button--round"} <= set(buy.get_attribute("class").split())
    assert buy.inner_text() == "立即投保"
    # rpx is for a 375px-wide phone: the page is as wide as the frame.
    assert product.bounding_box()["width"] == 375
    shoot(phone, "product")

    phone.locator("#rc-back").click()
    cards.first.wait_for()
    assert phone.locator("#rc-back").is_hidden()


def test_a_product_shared_from_the_menu_carries_the_sharer_s_token(app, catalog, phone):
    """WeChat sends the card onShareAppMessage's `promise` resolves to (it waits up to three seconds): that
    card carries the sharer's share_token, so a friend who comes through it is credited to them. The preview
    made its link from the plain card, without the token: a friend who opened it counted as nobody's."""
    phone.goto("/preview/?as=alice")
    shown(phone).locator(".product-card").first.click()
    product = phone.locator('.rc-page[data-route="pages/product/product"]')
    product.locator(".plan").first.wait_for()
    phone.locator("#rc-share").click()
    link = phone.locator(".rc-share__link")
    link.wait_for()
    url = link.input_value()
    assert "page=pages%2Fproduct%2Fproduct" in url or "page=pages/product/product" in url
    assert "share_token=" in url
    token = url.split("share_token=", 1)[1].split("&", 1)[0]
    with app.app_context():
        shared = db.session.scalars(sa.select(Share).where(Share.token == token)).one()
        assert (shared.kind, shared.target) == ("product", product_code(url))


def product_code(url: str) -> str:
    return url.split("code=", 1)[1].split("&", 1)[0]


def one_month_only(order) -> None:
    """A monthly plan that renews offers auto-renewal unticked (test_wx_layer_in_a_browser signs it): one month is
    what the buyer gets without touching it."""
    toggle = order.locator(".renew-toggle")
    if toggle.count():
        assert "checkbox--on" not in order.locator(".renew .checkbox").get_attribute("class")


def test_the_buyer_pays_in_the_sandbox_and_sees_the_policy(app, catalog, phone, shoot):
    phone.goto("/preview/?as=bob&page=pages/product/product&code=accident")
    product = phone.locator('.rc-page[data-route="pages/product/product"]')
    product.locator(".plan").first.wait_for()
    product.locator(".buy").click()

    order = phone.locator('.rc-page[data-route="pages/order/order"]')
    order.locator("van-field").first.wait_for()
    order.locator("van-field").nth(0).locator("input").fill("张三")
    order.locator("van-field").nth(1).locator("input").fill(resident_id("19900307"))
    one_month_only(order)
    # Not ticked: the page will not pay, and says why.
    order.locator(".bottom-bar .pay").click()
    order.locator(".agreement--missing").wait_for()
    assert phone.get_by_role("dialog").count() == 0
    # Read one document (the server's page, in the page's reader), come back, then tick to agree.
    order.locator(".document-link").first.click()
    reader = phone.locator('.rc-page[data-route="pages/document/document"]')
    reader.locator(".document-body").wait_for()
    assert len(reader.inner_text()) > 50
    shoot(phone, "document")
    phone.locator("#rc-back").click()
    assert "checkbox--on" not in order.locator(".agree .checkbox").get_attribute("class")  # reading is no tick
    order.locator(".agree .checkbox").click()  # the box itself: the titles in the line open the documents
    assert "checkbox--on" in order.locator(".agree .checkbox").get_attribute("class")
    # The personal information authorisation is consented to with a tick of its own (PIPL Art. 29).
    assert "checkbox--on" not in order.locator(".consent .checkbox").get_attribute("class")
    order.locator(".consent .checkbox").click()
    shoot(phone, "order")
    order.locator(".bottom-bar .pay").click()

    dialog = phone.get_by_role("dialog")
    dialog.wait_for()
    assert dialog.locator(".rc-modal__title").inner_text() == "测试支付"
    shoot(phone, "pay")
    dialog.locator(".rc-modal__confirm").click()

    deadline = time.monotonic() + 30
    while "投保成功" not in order.inner_text():
        assert time.monotonic() < deadline, order.inner_text()
        run_jobs(app, timeout=2)  # the sandbox's payment notification, as the job worker sends it
        phone.wait_for_timeout(300)
    shoot(phone, "paid")
    assert phone.locator("#rc-notices").inner_text() == ""  # every wx call the checkout made is one the preview has
    assert phone.locator("#rc-tabbar").is_hidden()  # the order page is no tab page

    order.locator(".go-home").click()
    shown(phone).locator(".product-card").first.wait_for()
    phone.locator("#rc-tabbar .rc-tab", has_text="保单").click()
    policies = phone.locator('.rc-page[data-route="pages/policies/policies"]')
    policies.get_by_text("意外保障").first.wait_for()
    assert phone.locator(".rc-tab--selected").inner_text() == "保单"
    shoot(phone, "policies")


def test_two_tabs_are_two_users(catalog, browser, app, console, shoot):  # noqa: F811
    """?as=<name> keeps each user's storage apart: two tabs of one browser never share a token."""
    context = browser.new_context(base_url=app.config["LIVE_SERVER_URL"], locale="zh-CN")
    first, second = context.new_page(), context.new_page()
    for page in (first, second):
        page.on("console", console.message)
        page.on("pageerror", console.page_error)
    first.goto("/preview/?as=alice&page=pages/me/me")
    second.goto("/preview/?as=carol&page=pages/me/me")
    for page, name in ((first, "alice"), (second, "carol")):
        page.locator(".switch-user").wait_for()
        assert page.locator(".switch-user .van-cell__value").inner_text() == name
    tokens = first.evaluate("""() => Object.keys(localStorage).filter(k => k.endsWith(':rc_token'))""")
    assert sorted(tokens) == ["rc-preview:user:alice:rc_token", "rc-preview:user:carol:rc_token"]
    shoot(second, "carol")
    context.close()
    assert console.errors == []


def test_a_small_button_is_as_wide_as_its_words_and_stays_on_the_page(catalog, phone, shoot):
    """Vant's buttons keep their own size. With app.json's "style": "v2", WeChat makes every <button> 184px
    wide, Vant's too, which is why Vant asks apps to leave it out: the nickname's 保存 then ran off the page."""
    phone.goto("/preview/?as=alice&page=pages/me/me")
    profile = phone.locator('.rc-page[data-route="pages/me/me"] .profile')
    save = profile.locator(".save-nickname .van-button")
    save.wait_for()
    button, card = save.bounding_box(), profile.bounding_box()
    assert save.inner_text() == "保存"
    assert button["width"] < 100
    assert card["x"] <= button["x"] and button["x"] + button["width"] <= card["x"] + card["width"]
    shoot(phone, "me")


def test_a_nickname_typed_and_saved_reaches_the_profile(app, catalog, phone):
    """The Me page's nickname is a <form bindsubmit> whose 保存 is a form-type="submit" button: the preview did
    nothing on the tap, silently, and envelopes then named their sender 微信用户."""
    from app.users.models import User

    phone.goto("/preview/?as=alice&page=pages/me/me")
    profile = phone.locator('.rc-page[data-route="pages/me/me"] .profile')
    profile.locator(".nickname-input input").fill("王小明")
    profile.locator(".save-nickname .van-button").click()
    deadline = time.monotonic() + 10
    while True:
        with app.app_context():
            if db.session.scalar(sa.select(sa.func.count()).where(User.nickname == "王小明")):
                break
        assert time.monotonic() < deadline, "the nickname never reached the server"
        phone.wait_for_timeout(200)


def test_a_question_on_the_help_page_opens_to_its_answer(catalog, phone):
    """Vant's collapse opens with wx.createAnimation and <view animation>: the preview's did nothing, so every
    answer stayed 0px high."""
    phone.goto("/preview/?as=alice&page=pages/help/help")
    help_page = phone.locator('.rc-page[data-route="pages/help/help"]')
    question = help_page.locator(".faq van-collapse-item").first
    question.locator(".van-collapse-item__title").wait_for()
    answer = question.locator(".van-collapse-item__wrapper")
    assert answer.bounding_box()["height"] == 0
    question.locator(".van-collapse-item__title").click()
    phone.wait_for_function("el => el.getBoundingClientRect().height > 20", arg=answer.element_handle(),
                            timeout=5000)
    assert "投保" in answer.inner_text()


def test_a_wx_call_the_preview_does_not_support_shows_a_notice(catalog, phone):
    phone.goto("/preview/?as=alice")
    shown(phone).locator(".product-card").first.wait_for()
    phone.evaluate("() => wx.scanCode({})")
    assert "wx.scanCode" in phone.locator("#rc-notices").inner_text()


def test_wechat_s_dialog_limits_hold_in_the_preview(catalog, phone):
    """A dialog button over 4 characters is refused as WeChat refuses it; a toast with an icon is cut to 7."""
    phone.goto("/preview/?as=alice")
    shown(phone).locator(".product-card").first.wait_for()
    failed = phone.evaluate("""() => new Promise(resolve => wx.showModal({
        title: 't', content: 'c', confirmText: '确认退保了吗', fail: resolve, success: () => resolve(null) }))""")
    assert failed["errMsg"].startswith("showModal:fail")
    assert phone.get_by_role("dialog").count() == 0
    phone.evaluate("() => wx.showToast({ title: '这是一个很长很长的提示' })")
    assert phone.locator(".rc-toast__title").inner_text() == "这是一个很长很长"[:7]
    notices = phone.locator("#rc-notices").inner_text()
    assert "wx.showModal" in notices and "wx.showToast" in notices


def test_the_pull_down_refresh_of_a_page_that_enables_it(catalog, phone):
    phone.goto("/preview/?as=alice")
    shown(phone).locator(".product-card").first.wait_for()
    phone.locator("#rc-refresh").click()  # the index page enables onPullDownRefresh: it reloads and stops
    phone.wait_for_function("() => !document.getElementById('rc-pages').classList.contains('rc-refreshing')")
    assert shown(phone).locator(".product-card").count() >= 3


def wait_until(app, page, locator, text: str, seconds: float = 30) -> None:
    """Wait for ``text`` in ``locator``, running the job worker (the sandbox's notifications) meanwhile."""
    deadline = time.monotonic() + seconds
    while text not in locator.inner_text():
        assert time.monotonic() < deadline, locator.inner_text()
        run_jobs(app, timeout=2)
        page.wait_for_timeout(300)


def test_an_envelope_sent_by_one_user_is_grabbed_and_activated_by_another(app, catalog, browser, console,
                                                                          shoot):  # noqa: F811
    context = browser.new_context(base_url=app.config["LIVE_SERVER_URL"], viewport={"width": 900, "height": 760},
                                  locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(15_000)
    sender, friend = context.new_page(), context.new_page()
    for page in (sender, friend):
        page.on("console", console.message)
        page.on("pageerror", console.page_error)

    sender.goto("/preview/?as=alice&page=pages/envelope-send/envelope-send")
    form = sender.locator('.rc-page[data-route="pages/envelope-send/envelope-send"]')
    form.locator("#total, van-field").first.wait_for()
    form.locator("van-field").first.locator("input").fill("10000")
    # The share count's "+" is live below the most shares: its max came as the text "100", and Vant compared
    # "5" >= "100" as text, greying "+" out at 2 to 9 and from 11 up.
    plus = form.locator("van-stepper .van-stepper__plus")
    assert "van-stepper__plus--disabled" not in plus.get_attribute("class")
    form.locator(".send").click()
    dialog = sender.get_by_role("dialog")
    dialog.wait_for()
    dialog.locator(".rc-modal__confirm").click()
    wait_until(app, sender, form, "发给好友")
    shoot(sender, "wrapped")

    form.locator(".share").click()
    link = sender.locator(".rc-share__link")
    link.wait_for()
    url = link.input_value()
    assert "/preview/?page=pages%2Fenvelope%2Fenvelope" in url or "/preview/?page=pages/envelope/envelope" in url
    assert "share_token=" in url
    shoot(sender, "share-link")

    friend.goto(url + "&as=bob")
    envelope = friend.locator('.rc-page[data-route="pages/envelope/envelope"]')
    envelope.locator(".grab").wait_for()
    shoot(friend, "envelope")
    envelope.locator(".grab").click()
    envelope.locator(".activate").wait_for()
    envelope.locator("van-field").nth(0).locator("input").fill("李四")
    envelope.locator("van-field").nth(1).locator("input").fill(resident_id("19850612"))
    envelope.locator(".activate").click()
    envelope.locator(".agreement--missing").wait_for()  # the gift cover's documents are agreed first
    envelope.locator(".agree .checkbox").click()
    envelope.locator(".consent .checkbox").click()
    shoot(friend, "agreed")
    envelope.locator(".activate").click()
    wait_until(app, friend, envelope, "保障已激活")
    shoot(friend, "activated")
    context.close()
    assert console.errors == []


def a_photo(path):
    """A small real PNG (a receipt, as far as the claim cares)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xc8\x16\x1d" * 16 for _ in range(16))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


def test_a_claim_is_filed_with_a_photo_and_its_timeline_shows(app, client, catalog, alice, insured_adult, phone,
                                                              shoot, tmp_path):
    paid_order(app, client, alice, insured_adult)
    policy = client.get("/api/v1/policies", headers=alice["headers"]).get_json()[0]
    # The form picks times to the minute, in Beijing time: the minute the cover began in stands for any moment of it.
    starts = dt.datetime.fromisoformat(policy["starts_at"]).astimezone(ZoneInfo("Asia/Shanghai"))
    occurred = starts.replace(second=0, microsecond=0)
    phone.goto("/preview/?as=alice&page=pages/claim-new/claim-new")
    form = phone.locator('.rc-page[data-route="pages/claim-new/claim-new"]')
    form.locator("van-field").first.wait_for()
    for index, value in ((1, occurred.strftime("%Y-%m-%d")), (2, occurred.strftime("%H:%M"))):
        form.locator("wx-picker").nth(index).click()  # the policy, the date, the time
        phone.locator(".rc-picker__input").fill(value)
        phone.locator(".rc-picker .rc-sheet__item", has_text="确定").click()
    assert occurred.strftime("%H:%M") in form.inner_text()
    form.locator("van-field").nth(0).locator("input").fill("300")
    form.locator("van-field").nth(1).locator("textarea").fill("下楼梯扭伤了脚踝，去医院拍了片。")
    form.locator(".van-uploader__upload").click()
    with phone.expect_file_chooser() as chooser:
        agree_in_the_privacy_popup(phone)  # the photo is chosen once the user agrees
    chooser.value.set_files(str(a_photo(tmp_path / "receipt.png")))
    form.locator(".van-uploader__preview").first.wait_for()
    shoot(phone, "claim-form")

    form.locator(".submit").click()
    dialog = phone.get_by_role("dialog")
    dialog.wait_for()
    assert dialog.locator(".rc-modal__title").inner_text() == "订阅消息 Subscribe"
    dialog.locator(".rc-modal__confirm").click()

    claim = phone.locator('.rc-page[data-route="pages/claim/claim"]')
    claim.get_by_text("receipt.png").wait_for()  # the photo went up with the claim
    assert phone.locator("#rc-title").inner_text() == "理赔进度"
    text = claim.inner_text()
    for step in ("提交申请", "保险公司受理", "审核材料", "核算金额", "同意赔付", "赔款到账"):
        assert step in text, step
    shoot(phone, "claim-timeline")
    with app.app_context():
        materials = db.session.scalars(sa.select(ClaimMaterial)).all()
        assert len(materials) == 1
