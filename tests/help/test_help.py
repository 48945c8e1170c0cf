"""Help and the privacy policy: public, Chinese first, and linked from the client settings."""

from __future__ import annotations

import re


def test_help_is_public_and_says_how_to_buy_claim_cancel_and_complain(client, catalog):
    response = client.get("/api/v1/help")
    assert response.status_code == 200 and response.headers["Content-Language"] == "zh-CN"
    body = response.get_json()
    questions = " ".join(entry["q"] for entry in body["faq"])
    for topic in ("投保", "理赔", "犹豫期", "自动续保", "注销", "投诉"):
        assert topic in questions
    cooling_off = next(entry["a"] for entry in body["faq"] if "犹豫期" in entry["q"])
    assert "15天" in cooling_off and "理赔" in cooling_off
    steps = body["complaint"]["steps"]
    assert len(steps) == 3 and "客服电话" in steps[0] and "投诉渠道" in steps[1] and "12378" in steps[2]
    [insurer] = body["insurers"]
    assert insurer == {"name": "示例保险股份有限公司", "hotline": "95000",
                       "complaint_channel": insurer["complaint_channel"]} and insurer["complaint_channel"]
    assert body["service_hours"]


def test_help_reads_in_english_for_an_english_reader(client, catalog):
    body = client.get("/api/v1/help", headers={"Accept-Language": "en"}).get_json()
    assert any("cooling-off" in entry["q"] for entry in body["faq"])
    assert "12378" in body["complaint"]["steps"][-1]
    assert body["insurers"][0]["name"].startswith("Example Insurance")


def test_the_privacy_policy_is_a_public_mobile_page_in_chinese_first(client):
    response = client.get("/privacy")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    page = response.get_data(as_text=True)
    assert '<meta name="viewport"' in page and "<script" not in page
    assert "<h1>隐私政策</h1>" in page
    for words in ("身份证号", "健康告知", "单独", "保存", "查阅", "更正", "删除", "注销账号", "个人信息保护法", "联系客服"):
        assert words in page, words


def test_the_privacy_policy_fragment_and_english(client):
    fragment = client.get("/privacy?format=fragment").get_data(as_text=True)
    assert fragment.lstrip().startswith("<h1>") and "<html" not in fragment and "<head" not in fragment
    assert set(re.findall(r"<(\w+)", fragment)) <= {"h1", "h2", "p", "ul", "li", "strong"}
    english = client.get("/privacy?lang=en", headers={"Accept-Language": "zh-CN"})
    assert english.headers["Content-Language"] == "en"
    text = english.get_data(as_text=True)
    assert "<h1>Privacy policy</h1>" in text and "Personal Information Protection Law" in text
    assert '<html lang="en">' in text
    assert "<h1>隐私政策</h1>" in client.get("/privacy?lang=zh-CN", headers={"Accept-Language": "en"}).get_data(
        as_text=True)


def test_the_client_settings_link_the_privacy_policy_and_help(app, client):
    body = client.get("/api/v1/config").get_json()
    base = app.config["PUBLIC_BASE_URL"]
    assert body["privacy_policy_url"] == base + "/privacy"
    assert body["help_url"] == base + "/api/v1/help"
    assert client.get(body["privacy_policy_url"].removeprefix(base)).status_code == 200
