"""A developer's first minute: the README's steps work as written, the sandbox has a page that says
what it offers, and ``./scripts/run`` ends its startup with the banner and then keeps quiet."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import requests

from app.campaigns.seed import DEFAULT_CAMPAIGNS
from app.scenarios.services import SCENARIOS
from tests.support import RunCommand, agreement, plan_id

pytestmark = pytest.mark.once  # no second backend to prove anything on: CI runs it once

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def _fenced_blocks(section: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```[a-z]*\n(.*?)```", section, re.S)]


def test_the_quick_start_is_still_run_then_test():
    quick_start = README.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    assert _fenced_blocks(quick_start)[:2] == ["./scripts/run", "./scripts/test"]


def test_the_prepay_id_taken_as_the_readme_says_pays_the_order(client, catalog, alice, insured_adult):
    """The README: the prepay_id is pay_params.package without its ``prepay_id=`` prefix."""
    assert "without its `prepay_id=` prefix" in README
    order = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                **agreement(client, "accident-basic"),
                                                "insured": insured_adult},
                        headers=alice["headers"]).get_json()
    prepay_id = order["pay_params"]["package"].removeprefix("prepay_id=")
    paid = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id})
    assert paid.status_code == 200 and paid.get_json()["trade_state"] == "SUCCESS"


def test_the_whole_package_value_pays_the_order_too(client, catalog, alice, insured_adult):
    order = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                                **agreement(client, "accident-basic"),
                                                "insured": insured_adult},
                        headers=alice["headers"]).get_json()
    paid = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": order["pay_params"]["package"]})
    assert paid.status_code == 200, paid.get_json()
    assert paid.get_json()["trade_state"] == "SUCCESS"


def test_the_advertised_sandbox_address_is_a_page_of_what_it_offers(app, client):
    response = client.get("/sandbox/wechat/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert '<html lang="zh-CN">' in page and "<h1>微信沙箱" in page  # Chinese first, English beside
    for endpoint in ("pay/confirm", "subscribe/accept", "werun", "messages", "sns/jscode2session",
                     "pay/unifiedorder", "v3/pay/transactions/jsapi"):
        assert f"/sandbox/wechat/{endpoint}" in page, endpoint
    assert "sandbox:&lt;名字&gt;" in page and "sandbox-phone:" in page
    assert str(Path(app.config["VAR_DIR"]) / "dev" / "secrets.json") in page and "PARTNER_SECRETS" in page
    for partner, entry in app.config["PARTNER_SECRETS"].items():
        assert f"<code>{partner}</code>" in page
        assert entry["secret"] not in page
    assert "<code>example</code>" in page  # the insurer the development claims partner speaks for
    for name in SCENARIOS:
        assert name in page
    for campaign in DEFAULT_CAMPAIGNS:
        assert campaign["code"] in page and campaign["name_zh"] in page


def test_the_readme_names_what_the_sandbox_and_the_partners_offer(app):
    """WeRun, the development partners and where their secrets are, the scenarios, the campaigns."""
    for documented in ("/sandbox/wechat/werun", "/api/v1/rewards/werun", "var/dev/secrets.json", "PARTNER_SECRETS"):
        assert documented in README, documented
    for partner in app.config["PARTNER_SECRETS"]:  # the generated ones: the test run's var/ is fresh
        assert f"`{partner}`" in README, partner
    for name in SCENARIOS:
        assert f"`{name}`" in README, name
    for campaign in DEFAULT_CAMPAIGNS:
        assert f"`{campaign['code']}`" in README, campaign["code"]


@pytest.mark.slow
def test_the_run_command_ends_its_startup_with_the_banner_then_keeps_quiet(tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    with RunCommand(tmp_path, TMPDIR=str(temporary)) as run:
        # gunicorn's workers count into a directory of the server's own, which it removes when it stops.
        assert [p.name.startswith("redcover-metrics-") for p in temporary.iterdir()].count(True) == 1
        token = requests.post(run.url + "/api/v1/auth/login", json={"code": "sandbox:alice"}, timeout=10).json()["token"]
        for _ in range(5):
            assert requests.get(run.url + "/api/v1/me", headers={"Authorization": f"Bearer {token}"},
                                timeout=10).status_code == 200
        time.sleep(3)  # the worker has run its first periodic jobs by now
        output = run.output()
    startup, banner_and_after = output.split("\nRedcover is running:\n", 1)
    # gunicorn names the address it listens at, before the banner.
    assert f"Listening at: {run.url} " in startup, startup[-3000:]
    assert "Booting worker" in startup
    banner, after = banner_and_after.split(RunCommand.READY_LINE, 1)
    assert f"{run.url}/sandbox/wechat/" in banner
    # Nothing since: no line per request, none per job, no startup line come late.
    assert after.strip() == "", after[:3000]
    assert not list(temporary.glob("redcover-metrics-*"))
