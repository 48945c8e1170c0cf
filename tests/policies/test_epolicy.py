"""The e-policy: a PDF the holder keeps, whose text (Chinese included) can be read back; a card to share; and a
public check page that proves a policy genuine without showing anyone's personal data."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess

import pytest
import sqlalchemy as sa
from PIL import Image

from app.catalog.models import Insurer
from app.core import clock
from app.extensions import db
from tests.envelopes.helpers import create_paid_envelope, grab
from tests.support import agreement, plan_id, prepay_id_of, resident_id, run_jobs

INSURED = {"name": "欧阳娜娜", "id_number": resident_id("19880512")}


def buy_through_the_sandbox(app, client, who, insured=INSURED, plan_code="accident-basic") -> str:
    """A policy bought as a user buys it: the order, then paying in the sandbox's WeChat Pay."""
    order = client.post("/api/v1/orders", json={"plan_id": plan_id(client, plan_code), "insured": insured,
                                                **agreement(client, plan_code)},
                        headers=who["headers"])
    assert order.status_code == 201, order.get_json()
    paid = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order.get_json()["pay_params"])})
    assert paid.status_code == 200, paid.get_json()
    run_jobs(app)
    policy_no = client.get(f"/api/v1/orders/{order.get_json()['order_no']}", headers=who["headers"]).get_json()[
        "policy_no"]
    assert policy_no
    return policy_no


def pdf_text(pdf: bytes, tmp_path) -> str:
    """What ``pdftotext`` reads from the PDF (poppler-utils; .ci/run installs it)."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but pdftotext is missing: the e-policy's text cannot be checked", pytrace=False)
        pytest.skip("e-policy text not checked: pdftotext is missing (apt-get install poppler-utils)")
    path = tmp_path / "policy.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          timeout=60).stdout.decode()


def test_the_e_policy_pdf_reads_back_with_its_number_insurer_and_chinese(app, client, catalog, alice, tmp_path):
    policy_no = buy_through_the_sandbox(app, client, alice)
    response = client.get(f"/api/v1/policies/{policy_no}/document", headers=alice["headers"])
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f'inline; filename="{policy_no}.pdf"'
    assert response.data.startswith(b"%PDF-")

    text = pdf_text(response.data, tmp_path)
    detail = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()
    for expected in (policy_no, "电子保险单", "Electronic insurance policy", "示例保险股份有限公司", "意外保障",
                     "30万元保额", "300,000 元", "95000", detail["verification_code"], detail["verify_url"],
                     "欧***", "保险期间", "24:00", "本电子保单与纸质保单具有同等法律效力"):
        assert expected in text, expected
    # The insured is masked, and what the buyer agreed to before paying is printed from the sale's trace.
    assert "欧阳娜娜" not in text and INSURED["id_number"] not in text
    assert len(detail["documents_accepted"]) == 4
    for document in detail["documents_accepted"]:
        assert document["title"] in text, document["title"]


def test_the_e_policy_states_every_item_insurance_law_art_18_requires(app, client, catalog, alice, tmp_path):
    """Art. 18: the insurer's name and address; policyholder, insured and beneficiary; cover and exclusions; the
    period and start of cover; sum insured, premium and how it is paid; how benefits are paid; breach and
    disputes; the contract date. Read back from a policy bought and paid as a user does."""
    policy_no = buy_through_the_sandbox(app, client, alice)
    text = pdf_text(client.get(f"/api/v1/policies/{policy_no}/document", headers=alice["headers"]).data, tmp_path)
    detail = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()
    # pdftotext breaks lines inside a cell: Chinese is compared without whitespace, English with single spaces.
    chinese, english = "".join(text.split()), " ".join(text.split())
    issued = clock.to_shanghai(dt.datetime.fromisoformat(detail["issued_at"]))
    for label, value in (
        ("保险人住所", "上海市浦东新区示例路100号示例大厦18层"),
        ("投保人", "微信用户"),  # alice gave no phone or nickname
        ("被保险人", "欧***"),
        ("受益人", "身故保险金受益人为被保险人的法定继承人；其他保险金受益人为被保险人本人"),
        ("保障责任", "意外身故：赔付全部保额。"),
        ("责任免除", "生病不算意外，突发疾病也不算。"),
        ("保险金额", "300,000元"),
        ("已缴保费", "5元"),
        ("保费支付方式", "微信支付"),
        ("保险金给付方式", "申请理赔"),
        ("违约责任与争议处理", "协商不成的，任何一方均可依法向有管辖权的人民法院提起诉讼。"),
        ("合同成立日期（签单日期）", f"{issued.year}年{issued.month}月{issued.day}日"),
    ):
        assert label in chinese and value in chinese, (label, value)
    assert f"保险期间自{issued.year}年{issued.month}月{issued.day}日{issued:%H:%M}起" in chinese
    assert "疾病保障起始日" not in chinese  # accident cover pays nothing for illness: no date to promise it from
    assert "在与被保险人或受益人达成给付协议后10日内，将保险金支付至受益人本人名下的账户" in chinese
    for expected in ("Insurer's registered address", "100 Example Road, Pudong New Area, Shanghai",
                     "How benefits are paid", "within 10 days, into an account in the beneficiary's own name",
                     "either party may sue in a people's court", "Contract date (date of issue)",
                     "How the premium is paid WeChat Pay"):
        assert expected in english, expected


def test_the_policyholder_is_the_buyer_as_they_saved_themselves_when_they_bought(app, client, catalog, alice,
                                                                                 tmp_path):
    """Bought for a spouse by a buyer who had saved themselves (本人): the e-policy names the buyer, by their masked
    name and identity number, and keeps naming them after they delete that entry."""
    me = {"name": "司马光明", "id_number": resident_id("19850315")}
    saved = client.post("/api/v1/insured-persons", json={"relation": "self", **me}, headers=alice["headers"])
    assert saved.status_code == 201, saved.get_json()
    policy_no = buy_through_the_sandbox(app, client, alice)  # insures 欧阳娜娜
    assert client.delete(f"/api/v1/insured-persons/{saved.get_json()['id']}",
                         headers=alice["headers"]).status_code == 204
    chinese = "".join(pdf_text(client.get(f"/api/v1/policies/{policy_no}/document", headers=alice["headers"]).data,
                               tmp_path).split())
    masked_id = me["id_number"][0] + "*" * 16 + me["id_number"][-1]
    assert "投保人司***" in chinese and f"投保人证件号码{masked_id}" in chinese
    assert "被保险人欧***" in chinese and "微信用户" not in chinese
    assert "司马光明" not in chinese and me["id_number"] not in chinese


def test_gift_cover_says_the_giver_paid_its_premium(app, client, catalog, alice, bob, tmp_path):
    """Cover from a red envelope cost the insured nothing: its e-policy must not say they paid by WeChat Pay."""
    envelope = create_paid_envelope(app, client, alice, shares=1)
    share = grab(client, bob, envelope["envelope_id"]).get_json()
    activated = client.post(f"/api/v1/envelope-grabs/{share['grab_id']}/activate",
                            json={**agreement(client, "gift-accident"), "insured": INSURED}, headers=bob["headers"])
    assert activated.status_code == 201, activated.get_json()
    policy_no = activated.get_json()["policy_no"]
    text = "".join(pdf_text(client.get(f"/api/v1/policies/{policy_no}/document", headers=bob["headers"]).data,
                            tmp_path).split())
    assert "保费支付方式赠送保障：保费由赠送方支付，被保险人无需缴费" in text
    assert "保费支付方式微信支付" not in text


def test_an_insurers_new_address_shows_on_policies_already_issued(app, client, catalog, alice, tmp_path):
    """The e-policy and the policy's detail read the insurer as it is now: an address corrected by an operator
    is what every holder's policy shows next."""
    policy_no = buy_through_the_sandbox(app, client, alice)
    with app.app_context():
        insurer = db.session.scalars(sa.select(Insurer)).one()
        insurer.address_zh, insurer.address_en = "北京市西城区金融大街99号", "99 Financial Street, Xicheng, Beijing"
        db.session.commit()
    text = pdf_text(client.get(f"/api/v1/policies/{policy_no}/document", headers=alice["headers"]).data, tmp_path)
    assert "北京市西城区金融大街99号" in "".join(text.split()) and "示例路" not in text
    detail = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"])
    assert detail.get_json()["insurer"]["address"] == "北京市西城区金融大街99号"
    english = client.get(f"/api/v1/policies/{policy_no}", headers=dict(alice["headers"], **{"Accept-Language": "en"}))
    assert english.get_json()["insurer"]["address"] == "99 Financial Street, Xicheng, Beijing"


def test_the_pdf_embeds_its_chinese_font_as_a_subset(app, client, catalog, alice):
    policy_no = buy_through_the_sandbox(app, client, alice)
    pdf = client.get(f"/api/v1/policies/{policy_no}/document", headers=alice["headers"]).data
    # A subset font is named with a six-letter tag ("ABCDEF+..."), embedded as a TrueType file with a Unicode map.
    assert re.search(rb"/BaseFont /[A-Z]{6}\+WenQuanYiMicroHei", pdf)
    assert b"/FontFile2" in pdf and b"/ToUnicode" in pdf
    assert len(pdf) < 400_000  # the glyphs it uses, not the 3 MB font


def test_another_users_e_policy_and_card_are_404_like_an_unknown_one(app, client, catalog, alice, bob):
    policy_no = buy_through_the_sandbox(app, client, alice)
    for kind in ("document", "card"):
        response = client.get(f"/api/v1/policies/{policy_no}/{kind}", headers=bob["headers"])
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "not_found"
        assert response.get_json() == client.get(f"/api/v1/policies/P000/{kind}", headers=bob["headers"]).get_json()
        assert client.get(f"/api/v1/policies/{policy_no}/{kind}").status_code == 401


def test_policy_detail_gives_its_verification_code_and_public_check_url(app, client, catalog, alice):
    first, second = (buy_through_the_sandbox(app, client, alice) for _ in range(2))
    codes = []
    for policy_no in (first, second):
        body = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()
        assert re.fullmatch(r"[2-9A-HJKMNP-Z]{16}", body["verification_code"])
        assert body["verify_url"] == f"{app.config['PUBLIC_BASE_URL']}/verify/{body['verification_code']}"
        codes.append(body["verification_code"])
    assert codes[0] != codes[1]


def test_the_check_page_shows_the_policy_and_its_status_but_no_personal_data(app, client, catalog, alice):
    policy_no = buy_through_the_sandbox(app, client, alice)
    detail = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()
    page = client.get(detail["verify_url"][len(app.config["PUBLIC_BASE_URL"]):])  # no login
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert '<meta name="viewport"' in html
    for expected in (policy_no, "经核验，这是一份真实的保单", "This policy is genuine", "意外保障", "Accident cover",
                     "保障中", 'data-status="active"', "北京时间"):
        assert expected in html, expected
    # Neither the insured's name nor their ID number, whole or masked.
    for private in ("欧", INSURED["id_number"], INSURED["id_number"][:6], INSURED["id_number"][-4:], "*"):
        assert private not in html, private
    # A code typed in lower case finds the same policy.
    assert client.get(f"/verify/{detail['verification_code'].lower()}").status_code == 200


def test_the_check_page_shows_an_expired_policy_as_expired(app, client, catalog, alice):
    policy_no = buy_through_the_sandbox(app, client, alice)
    code = client.get(f"/api/v1/policies/{policy_no}", headers=alice["headers"]).get_json()["verification_code"]
    with clock.frozen_at(clock.now() + dt.timedelta(days=40)):
        html = client.get(f"/verify/{code}").get_data(as_text=True)
    assert 'data-status="expired"' in html and "已到期" in html and "保障中" not in html


@pytest.mark.parametrize("code", ["AAAAAAAAAAAAAAAA", "x" * 300, "%E4%BD%A0"])
def test_an_unknown_verification_code_is_a_404_page(client, catalog, code):
    page = client.get(f"/verify/{code}")
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "未查到该验真码对应的保单" in page.get_data(as_text=True)


def test_the_share_card_is_a_png_of_a_sane_size(app, client, catalog, alice):
    policy_no = buy_through_the_sandbox(app, client, alice)
    response = client.get(f"/api/v1/policies/{policy_no}/card", headers=alice["headers"])
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert 10_000 < len(response.data) < 1_000_000
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "PNG" and image.size == (750, 1000)
    # It is drawn, not blank: the header band in Redcover red and dark QR modules on white.
    assert image.convert("RGB").getpixel((10, 10)) == (200, 22, 29)
    assert len(image.convert("L").getcolors(maxcolors=1 << 16)) > 2



def test_the_documents_agreed_are_printed_with_their_versions(app, tmp_path):
    """What the sale's trace hands the e-policy (``documents_agreed``) is printed, title and version."""
    from app.policies import epolicy

    now = clock.now()
    words = epolicy.Both
    policy = epolicy.EPolicy(
        policy_no="P202612060000000001", verification_code="ABCDEFGHJKMNPQRS",
        verify_url="https://insure.example.com/verify/ABCDEFGHJKMNPQRS", status="cancelled",
        product=words("意外保障", "Accident cover"), plan=words("30万元保额", "300,000 yuan cover"),
        insurer=words("示例保险股份有限公司", "Example Insurance"), insurer_licence_no="示例-000000",
        insurer_hotline="95000", insurer_complaint_channel=words("拨打95000转投诉"),
        insurer_address=words("上海市浦东新区示例路100号"), policyholder=words("138****8000"),
        insured_name_masked="张*", insured_id_masked="1****************7", coverage_fen=30_000_000, premium_fen=500,
        premium_payment=epolicy.premium_payment_words("purchase", renewing=False),
        starts_at=now, ends_at=now + dt.timedelta(days=31), illness_cover_starts_at=now, issued_at=now,
        covered=words("意外身故", "Accidental death"), not_covered=words("酒后驾驶", "Drunk driving"),
        documents_agreed=[("保险条款", "2026-12"), ("投保须知 <附件>", "3")])
    with app.test_request_context():
        text = pdf_text(epolicy.render_pdf(policy), tmp_path)
    for expected in ("保险条款 (版本 2026-12)", "投保须知 <附件> (版本 3)", "已退保", "138****8000", "酒后驾驶"):
        assert expected in text, expected
