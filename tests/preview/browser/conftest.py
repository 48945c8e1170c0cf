"""The preview in Debian's Chromium, as the admin's browser tests run (and skip when it is missing).

Screenshots go to tests/artifacts/preview/. A test fails when the browser console shows an error
(an image on an outside host that the test machine cannot reach is not one: Vant's default
pictures live on img.yzcdn.cn).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest


ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "artifacts" / "preview"


class Console:
    """What the page wrote to the console, and the errors among it."""

    def __init__(self, origin: str):
        self.origin = origin
        self.errors: list[str] = []

    def message(self, message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource") and url and not url.startswith(self.origin):
            return  # an outside host, unreachable from a test machine
        self.errors.append(f"{message.text} ({url})")

    def page_error(self, error) -> None:
        self.errors.append(f"uncaught: {error}")


@pytest.fixture
def console(app):
    return Console(app.config["LIVE_SERVER_URL"])


@pytest.fixture
def phone(browser, app, console):
    """A page in a Chinese-speaking browser, with the console watched; fails the test on a console error."""
    context = browser.new_context(base_url=app.config["LIVE_SERVER_URL"], viewport={"width": 900, "height": 760},
                                  locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.on("console", console.message)
    page.on("pageerror", console.page_error)
    yield page
    context.close()
    assert console.errors == [], "the browser console showed errors"


@pytest.fixture
def shoot(request):
    """``shoot(page, "step")`` saves a screenshot as tests/artifacts/preview/<test>-<step>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    test = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)

    def take(page, step: str) -> Path:
        path = ARTIFACTS / f"{test}-{step}.png"
        page.screenshot(path=str(path))
        assert path.stat().st_size > 0
        return path

    return take
