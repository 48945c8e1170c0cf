"""Playwright in Debian's Chromium, one browser for the whole run (the admin's and the preview's tests).

Chromium is the system one (/usr/bin/chromium from Debian's package), never a browser that Playwright
downloads. Without it the browser tests skip and say why, except when CI is set: there a missing browser
fails the run. Registered once as a plugin (tests/conftest.py): Playwright's sync API allows one instance
per thread, so every browser test shares this one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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
