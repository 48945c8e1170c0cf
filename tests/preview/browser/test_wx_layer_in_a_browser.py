"""The `wx` calls the earlier issues added, in the preview, where the pages make them: the browser's language
(getAppBaseInfo, setTabBarItem, setNavigationBarTitle), the e-policy (downloadFile + openDocument), customer
service and the hotline (open-type="contact", makePhoneCall), a PDF from a chat (chooseMessageFile), and
WeChat's signing page for auto-renewal (navigateToMiniProgram, back through App.onShow with referrerInfo)."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest

from app.core import clock
from app.wechat import pay
from app.wechat.pay.papay import monthly_periods
from app.wechat.pay.papay_types import FirstPayment, PreSignRequest
from tests.admin.support import paid_order
from tests.preview.browser.test_preview_in_a_browser import SHOWN, a_photo, agree_in_the_privacy_popup, wait_until
from tests.support import resident_id

pytestmark = pytest.mark.once


def policy_page(app, client, alice, insured_adult, phone):
    order = paid_order(app, client, alice, insured_adult)
    policy = client.get(f"/api/v1/policies/{order['policy_no']}", headers=alice["headers"]).get_json()
    phone.goto(f"/preview/?as=alice&page=pages/policy/policy&no={policy['policy_no']}")
    page = phone.locator('.rc-page[data-route="pages/policy/policy"]')
    page.locator(".e-policy").wait_for()
    return policy, page


def test_an_english_browser_reads_english_tabs_and_titles(catalog, browser, app, console, shoot):  # noqa: F811
    context = browser.new_context(base_url=app.config["LIVE_SERVER_URL"], locale="en-US",
                                  viewport={"width": 900, "height": 760})
    page = context.new_page()
    page.on("console", console.message)
    page.on("pageerror", console.page_error)
    page.goto("/preview/?as=alice")
    page.locator(SHOWN).locator(".product-card").first.wait_for()
    assert page.evaluate("() => wx.getAppBaseInfo().language") == "en_US"
    # setTabBarItem: the tab pages name the tabs in the user's language
    assert [t.inner_text() for t in page.locator("#rc-tabbar .rc-tab").all()] == ["Home", "Policies", "Claims", "Me"]
    assert "always encrypted. See our privacy policy" in page.locator(SHOWN).locator(".privacy-notice").inner_text()
    page.locator(SHOWN).locator(".product-card").first.click()
    product = page.locator('.rc-page[data-route="pages/product/product"]')
    product.locator(".plan").first.wait_for()
    # setNavigationBarTitle: the product page titles the bar with the product's (English) name
    page.wait_for_function("() => document.getElementById('rc-title').textContent !== '意外保障'")
    assert page.locator("#rc-title").inner_text() == product.locator(".product-name, .name").first.inner_text() \
        or page.locator("#rc-title").inner_text().isascii()
    shoot(page, "english")
    context.close()
    assert console.errors == []


def test_the_e_policy_opens_in_a_new_tab(app, client, catalog, alice, insured_adult, phone, shoot):
    policy, page = policy_page(app, client, alice, insured_adult, phone)
    with phone.context.expect_page() as opened:
        page.locator(".e-policy").click()
    tab = opened.value
    assert tab.url.startswith("blob:")
    head = phone.evaluate("url => fetch(url).then(r => r.text()).then(t => t.slice(0, 5))", tab.url)
    assert head == "%PDF-"  # the owner's PDF, downloaded with the token (a 401 would be JSON)
    shoot(phone, "e-policy")
    tab.close()


def test_customer_service_and_the_hotline_name_the_insurer_s_number(app, client, catalog, alice, insured_adult,
                                                                   phone, shoot):
    policy, page = policy_page(app, client, alice, insured_adult, phone)
    hotline = policy["insurer"]["hotline"]
    page.locator("wx-button.contact, .contact").last.click()
    dialog = phone.get_by_role("dialog")
    dialog.wait_for()
    assert dialog.locator(".rc-modal__title").inner_text() == "客服 Customer service"
    assert f"{policy['insurer']['name']} {hotline}" in dialog.inner_text()
    shoot(phone, "contact")
    dialog.locator(".rc-modal__confirm").click()

    page.locator(".hotline").click()
    dialog.wait_for()
    assert dialog.locator(".rc-modal__title").inner_text() == "拨打电话 Call"
    assert hotline in dialog.inner_text()
    shoot(phone, "call")
    dialog.locator(".rc-modal__confirm").click()
    assert phone.get_by_role("dialog").count() == 0
    assert "wx.makePhoneCall" not in phone.locator("#rc-notices").inner_text()


def test_a_pdf_e_invoice_is_chosen_from_a_chat(app, client, catalog, alice, insured_adult, phone, shoot, tmp_path):
    paid_order(app, client, alice, insured_adult)
    phone.goto("/preview/?as=alice&page=pages/claim-new/claim-new")
    form = phone.locator('.rc-page[data-route="pages/claim-new/claim-new"]')
    form.locator(".add-pdf").wait_for()
    invoice = tmp_path / "invoice.pdf"
    invoice.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    form.locator(".add-pdf .van-button").click()  # the button, not the row it sits in
    with phone.expect_file_chooser() as chooser:
        agree_in_the_privacy_popup(phone)
    assert phone.locator("#rc-file-input").get_attribute("accept") == ".pdf"
    chooser.value.set_files(str(invoice))
    form.locator(".van-uploader__file").first.wait_for()  # a file, not a photo, in the claim's documents
    files = phone.evaluate("() => getCurrentPages().slice(-1)[0].data.files")
    assert [f["name"] for f in files] == ["invoice.pdf"] and files[0]["url"].startswith("blob:")
    # What the user sees: the uploader names the file, and offers to take it out again.
    assert form.locator(".van-uploader__file-name").first.inner_text() == "invoice.pdf"
    shoot(phone, "pdf-chosen")
    form.locator(".van-uploader__preview-delete").first.click()
    form.locator(".van-uploader__file").wait_for(state="detached")
    assert phone.evaluate("() => getCurrentPages().slice(-1)[0].data.files") == []


def test_wechat_s_privacy_consent_asks_each_user_once_and_a_refusal_says_what_stops(app, client, catalog, alice,
                                                                                insured_adult, phone, shoot, tmp_path):
    """A privacy API (a file from a chat) waits for the user's agreement in our pop-up; WeChat keeps it per user."""
    paid_order(app, client, alice, insured_adult)
    phone.goto("/preview/?as=alice&page=pages/claim-new/claim-new")
    form = phone.locator('.rc-page[data-route="pages/claim-new/claim-new"]')
    form.locator(".add-pdf .van-button").click()  # the button, not the row it sits in
    popup = form.locator(".privacy-card")
    popup.wait_for()
    assert phone.locator("#rc-file-input").count() == 0  # nothing is chosen before the answer
    assert "《Redcover小程序隐私保护指引》" in popup.inner_text()
    # The two answers share the row, as the pop-up's `.privacy-buttons button` rule lays them out.
    widths = [popup.locator(name).bounding_box()["width"] for name in (".privacy-disagree", ".privacy-agree")]
    assert widths[0] == widths[1] > 120, widths
    shoot(phone, "privacy-asked")

    popup.locator(".privacy-disagree").click()
    assert "你没有同意，这几项暂时用不了" in popup.inner_text()
    assert "上传理赔照片和文件" in popup.inner_text() and "「我的」-「隐私保护指引」" in popup.inner_text()
    assert phone.locator("#rc-file-input").count() == 0
    assert phone.locator(".rc-modal, .rc-toast").count() == 0  # our pop-up says it: no error on top of it
    shoot(phone, "privacy-refused")
    popup.locator(".privacy-close").click()
    popup.wait_for(state="detached")
    assert phone.evaluate("() => new Promise(r => wx.getPrivacySetting({ success: r }))")["needAuthorization"] is True

    # Asked again next time; agreeing lets the file through and is kept for this user.
    form.locator(".add-pdf .van-button").click()  # the button, not the row it sits in
    invoice = tmp_path / "invoice.pdf"
    invoice.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    with phone.expect_file_chooser() as chooser:
        agree_in_the_privacy_popup(phone)
    chooser.value.set_files(str(invoice))
    form.locator(".van-uploader__file").first.wait_for()
    assert phone.evaluate("() => localStorage.getItem('rc-preview-privacy:user:alice')") == "agreed"

    phone.goto("/preview/?as=alice&page=pages/claim-new/claim-new")  # a new launch: WeChat remembers
    form.locator(".add-pdf").wait_for()
    phone.evaluate("() => wx.clearStorageSync()")  # the app's storage is not where WeChat keeps it
    with phone.expect_file_chooser():
        form.locator(".add-pdf .van-button").click()  # the button, not the row it sits in
    assert form.locator(".privacy-card").count() == 0
    assert phone.evaluate("() => new Promise(r => wx.getPrivacySetting({ success: r }))")["needAuthorization"] is False
    assert phone.evaluate("() => localStorage.getItem('rc-preview-privacy:user:bob')") is None  # each user agrees


def presign(app, client, user) -> str:
    """A pre-sign that pays the first month, as the order create makes it for an auto-renewing plan."""
    openid = client.get("/api/v1/me", headers=user["headers"]).get_json()["openid"]
    today = clock.to_shanghai(clock.now()).date()
    request = PreSignRequest(
        openid=openid, plan_id=12535, out_contract_code="RCC" + secrets.token_hex(8), insured_display_name="**三",
        policy_start_date=today, policy_end_date=today + dt.timedelta(days=365),
        policy_periods=monthly_periods(today, 12, 500),
        first_payment=FirstPayment(amount=500, out_trade_no="RCP" + secrets.token_hex(8), description="意外保障"))
    with app.app_context():
        return pay.papay().pre_sign(request).pre_entrustweb_id


WATCH_APP_SHOW = """() => {
  window.__shows = []
  const app = getApp()
  const onShow = app.onShow
  app.onShow = function (options) { window.__shows.push(options); return onShow.call(this, options) }
}"""

NAVIGATE = """id => new Promise(resolve => wx.navigateToMiniProgram({
  appId: 'wxbd687630cd02ce1d', path: 'pages/index/index', extraData: { pre_entrustweb_id: id },
  success: resolve, fail: resolve }))"""


def test_the_wechat_avatar_is_chosen_once_the_user_agrees_and_shows_on_me(client, catalog, alice, phone, shoot,
                                                                          tmp_path):
    """<button open-type="chooseAvatar"> is a privacy API: WeChat asks first, then its sheet gives a photo."""
    phone.goto("/preview/?as=alice&page=pages/me/me")
    me = phone.locator('.rc-page[data-route="pages/me/me"]')
    me.locator(".avatar--empty").wait_for()
    me.locator(".avatar-button").click()
    with phone.expect_file_chooser() as chooser:
        agree_in_the_privacy_popup(phone)
    chooser.value.set_files(str(a_photo(tmp_path / "me.png")))
    # Shown at once from the phone's copy, then from where the server keeps it, once uploaded and saved.
    phone.wait_for_function("() => { const img = document.querySelector('wx-image.avatar img');"
                            " return img && img.src.includes('/media/avatars/') && img.naturalWidth === 16 }")
    saved = client.get("/api/v1/me", headers=alice["headers"]).get_json()["avatar_url"]
    assert me.locator(".avatar img").get_attribute("src") == saved
    shoot(phone, "avatar")


def test_wechat_s_signing_page_signs_and_returns_through_app_on_show(app, client, catalog, alice, phone, shoot):
    phone.goto("/preview/?as=alice")
    phone.locator(SHOWN).locator(".product-card").first.wait_for()
    phone.evaluate(WATCH_APP_SHOW)

    # Back without signing: App.onShow from the signing app, with no extraData; nothing signed.
    first = presign(app, client, alice)
    assert phone.evaluate(NAVIGATE, first)["errMsg"] == "navigateToMiniProgram:ok"
    phone.locator(".rc-sign").wait_for()
    phone.locator(".rc-sign__cancel").click()
    shows = phone.evaluate("() => window.__shows")
    assert shows[-1]["scene"] == 1038 and shows[-1]["referrerInfo"] == {"appId": "wxbd687630cd02ce1d"}

    # Sign: the sandbox signs and pays the first month; back with the signing app's extraData.
    second = presign(app, client, alice)
    phone.evaluate(NAVIGATE, second)
    sheet = phone.locator(".rc-sign")
    sheet.wait_for()
    shoot(phone, "signing-sheet")
    sheet.locator(".rc-sign__confirm").click()
    sheet.wait_for(state="detached")
    info = phone.evaluate("() => window.__shows")[-1]["referrerInfo"]
    assert info["appId"] == "wxbd687630cd02ce1d"
    assert info["extraData"]["pre_entrustweb_id"] == second and info["extraData"]["contract_id"]
    # The first (abandoned) pre-sign is still open to sign; the second is signed once only.
    again = client.post("/sandbox/wechat/papay/confirm", json={"pre_entrustweb_id": second})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_signed"


def test_navigate_to_another_mini_program_shows_a_notice(catalog, phone):
    phone.goto("/preview/?as=alice")
    phone.locator(SHOWN).locator(".product-card").first.wait_for()
    result = phone.evaluate("""() => new Promise(resolve => wx.navigateToMiniProgram({
        appId: 'wx0000000000000000', fail: resolve, success: resolve }))""")
    assert result["errMsg"].startswith("navigateToMiniProgram:fail")
    assert "navigateToMiniProgram" in phone.locator("#rc-notices").inner_text() or \
        "签约页" in phone.locator("#rc-notices").inner_text()


def test_a_monthly_plan_signs_auto_renewal_on_the_signing_sheet_and_stops_it_on_the_policy(app, client, catalog,
                                                                                          phone, shoot):
    """The order page's own journey: back unsigned first (the sheet's back), then signed; the policy's renewal."""
    if "/api/v1/orders/{order_no}/contract" not in client.get("/api/openapi.json").get_json()["paths"]:
        pytest.skip("the backend has no monthly renewal yet (issue 17's backend, branch h9)")
    phone.goto("/preview/?as=dave&page=pages/product/product&code=accident")
    product = phone.locator('.rc-page[data-route="pages/product/product"]')
    product.locator(".plan").first.wait_for()
    product.locator(".buy").click()
    order = phone.locator('.rc-page[data-route="pages/order/order"]')
    order.locator("van-field").first.wait_for()
    order.locator("van-field").nth(0).locator("input").fill("王芳")
    order.locator("van-field").nth(1).locator("input").fill(resident_id("19900307"))
    assert "checkbox--on" not in order.locator(".renew .checkbox").get_attribute("class")  # offered, unticked
    order.locator(".renew-toggle").click()  # the user's own choice
    assert "checkbox--on" in order.locator(".renew .checkbox").get_attribute("class")
    assert "自动扣费" in order.locator(".renew-line").inner_text()
    order.locator(".agree .checkbox").click()
    order.locator(".consent .checkbox").click()
    shoot(phone, "renew-order")
    order.locator(".bottom-bar .pay").click()

    sheet = phone.locator(".rc-sign")
    sheet.wait_for()
    assert "¥" in sheet.inner_text() and "每月自动扣费" in sheet.inner_text()  # what will be charged
    shoot(phone, "renew-sheet")
    sheet.locator(".rc-sign__cancel").click()  # back without signing
    order.locator(".result-unsigned").wait_for()
    shoot(phone, "renew-unsigned")

    order.locator(".sign-again").click()
    sheet.wait_for()
    sheet.locator(".rc-sign__confirm").click()
    wait_until(app, phone, order, "投保成功", seconds=60)
    assert "已开通自动续费" in order.inner_text()
    shoot(phone, "renew-paid")

    order.locator(".view-policy").click()
    policy = phone.locator('.rc-page[data-route="pages/policy/policy"]')
    policy.locator(".renewal").first.wait_for()
    assert "已开通" in policy.locator(".renewal").first.inner_text()
    shoot(phone, "renew-policy")
    policy.locator(".stop-renewal").click()
    dialog = phone.get_by_role("dialog")
    dialog.wait_for()
    assert dialog.locator(".rc-modal__confirm").inner_text() == "确认关闭"
    dialog.locator(".rc-modal__confirm").click()
    policy.locator(".renewal-note").wait_for()
    assert "已关闭" in policy.locator(".renewal").first.inner_text()
    shoot(phone, "renew-stopped")


def test_closing_an_account_from_me_in_the_preview(client, catalog, alice, phone, shoot):
    """注销账号, the last row on 我的: the page says what closing means, the button waits for the user's own tick,
    WeChat's dialog asks once more; then the app starts again on the index page, and the old token is refused."""
    phone.goto("/preview/?as=alice&page=pages/me/me")
    me = phone.locator('.rc-page[data-route="pages/me/me"]')
    me.locator(".close-account").click()

    closure = phone.locator('.rc-page[data-route="pages/account-closure/account-closure"]')
    closure.locator(".acknowledge").wait_for()  # nothing bought: nothing to finish first, so the tick is offered
    assert phone.locator("#rc-title").inner_text() == "注销账号"
    assert "注销后再用这个微信登录，会是一个全新的账号。" in closure.locator(".consequences").inner_text()
    assert closure.locator(".blockers").count() == 0
    button = closure.locator(".close .van-button")
    assert button.inner_text() == "注销账号"
    assert "van-button--disabled" in button.get_attribute("class")  # never ticked for the user
    closure.locator(".acknowledge").click()
    assert "checkbox--on" in closure.locator(".acknowledge .checkbox").get_attribute("class")
    assert "van-button--disabled" not in button.get_attribute("class")
    phone.wait_for_function("el => getComputedStyle(el).opacity === '1'", arg=button.element_handle())  # faded in
    shoot(phone, "closure")

    button.click()
    dialog = phone.get_by_role("dialog")
    dialog.wait_for()
    assert dialog.locator(".rc-modal__title").inner_text() == "确定注销账号？"
    assert dialog.locator(".rc-modal__confirm").inner_text() == "注销"
    shoot(phone, "closure-confirm")
    dialog.locator(".rc-modal__confirm").click()

    assert phone.locator(".rc-toast__title").inner_text() == "账号已注销"
    index = phone.locator('.rc-page[data-route="pages/index/index"]')
    index.locator(".product-card").first.wait_for()
    assert phone.locator(SHOWN).get_attribute("data-route") == "pages/index/index"
    assert phone.locator("#rc-back").is_hidden()  # started again, not a page on top of 我的
    assert phone.locator(".rc-tab--selected").inner_text() == "首页"
    shoot(phone, "closed")
    assert client.get("/api/v1/me", headers=alice["headers"]).status_code == 401
