"""The admin in Debian's Chromium against the live server thread (the ``browser`` fixture: tests/chromium.py).

The screenshots show the admin in Chinese, which needs a Chinese font on the machine (Debian's
fonts-wqy-microhei, which .ci/run installs with Chromium); without one Chromium draws boxes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

#: Screenshots land here (ignored by git).
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "artifacts"


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
