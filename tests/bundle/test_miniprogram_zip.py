"""``/miniprogram.zip`` unpacks to a DevTools project pointed at this server."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.support import config_set

SOURCE = Path(__file__).resolve().parent.parent.parent / "miniprogram"


@pytest.fixture
def project(tmp_path):
    """A copy of the mini-program, with and without a built miniprogram_npm/."""
    target = tmp_path / "miniprogram"
    shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns("node_modules", "miniprogram_npm"))
    (target / "node_modules" / "jest").mkdir(parents=True)
    (target / "node_modules" / "jest" / "index.js").write_text("// dev only")
    return target


def unpack(client) -> zipfile.ZipFile:
    response = client.get("/miniprogram.zip")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_the_bundle_points_at_this_server_and_says_it_is_a_sandbox(app, client, project):
    with config_set(app, MINIPROGRAM_DIR=str(project)):
        bundle = unpack(client)
    names = set(bundle.namelist())
    assert {"app.json", "app.js", "project.config.json", "config.js", "package.json"} <= names
    pages = json.loads(bundle.read("app.json"))["pages"]
    assert all(f"{page}.js" in names for page in pages)
    config_js = bundle.read("config.js").decode()
    settings = json.loads(config_js[config_js.index("{"):config_js.rindex("}") + 1])
    assert settings == {"baseUrl": app.config["PUBLIC_BASE_URL"], "sandbox": True}
    assert not any(name.startswith(("node_modules/", "test/")) for name in names)
    assert "miniprogram_npm/" not in {name[:16] for name in names}


def test_the_bundle_speaks_both_languages(app, client, project):
    """The string tables are plain files under miniprogram/i18n/: both go in, as the app reads them."""
    with config_set(app, MINIPROGRAM_DIR=str(project)):
        bundle = unpack(client)
    names = set(bundle.namelist())
    assert {"utils/i18n.js", "i18n/zh-CN.js", "i18n/en.js"} <= names
    assert "首页" in bundle.read("i18n/zh-CN.js").decode("utf-8")
    assert "首页" in json.loads(bundle.read("app.json"))["tabBar"]["list"][0]["text"]


def test_a_server_side_npm_build_is_included(app, client, project):
    built = project / "miniprogram_npm" / "@vant" / "weapp" / "button"
    built.mkdir(parents=True)
    (built / "index.js").write_text("Component({})")
    with config_set(app, MINIPROGRAM_DIR=str(project)):
        names = set(unpack(client).namelist())
    assert "miniprogram_npm/@vant/weapp/button/index.js" in names


def test_a_production_bundle_carries_the_real_appid_and_no_sandbox(app, client, project):
    with config_set(app, MINIPROGRAM_DIR=str(project), WECHAT_SANDBOX=False, PUBLIC_BASE_URL="https://insure.example.com"):
        bundle = unpack(client)
    assert json.loads(bundle.read("project.config.json"))["appid"] == app.config["WECHAT_APPID"]
    assert '"sandbox": false' in bundle.read("config.js").decode()
    assert "https://insure.example.com" in bundle.read("config.js").decode()
