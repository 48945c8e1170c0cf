"""Playwright in Debian's Chromium against the live server thread.

Chromium is the system one (/usr/bin/chromium from Debian's package), never a browser
that Playwright downloads. Without it the browser tests skip and say why, except when
CI is set: there a missing browser fails the run. The screenshots show the admin in
Chinese, which needs a Chinese font on the machine (Debian's fonts-wqy-microhei, which
.ci/run installs with Chromium); without one Chromium draws boxes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: Screenshots land here (ignored by git).
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "artifacts"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {reason}: the browser tests cannot run", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason} (apt-get install chromium fonts-wqy-microhei)")


def _has_a_chinese_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    return bool(subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True).stdout.strip())


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        _unavailable(f"{CHROMIUM} is missing")
    if not _has_a_chinese_font():
        _unavailable("no Chinese font is installed, so the pages would show boxes")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, app, request):
    # A browser set up the way the insurer's operations staff have theirs: Chinese, in Beijing.
    context = browser.new_context(base_url=app.config["LIVE_SERVER_URL"], viewport={"width": 1366, "height": 900},
                                  locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def shoot(request):
    """``shoot(page, "step")`` saves a full-page screenshot as tests/artifacts/<test>-<step>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    test = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)

    def take(page, step: str) -> Path:
        path = ARTIFACTS / f"{test}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 0
        return path

    return take


def log_in_with_the_form(page, username: str, password: str) -> None:
    page.goto("/admin/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
