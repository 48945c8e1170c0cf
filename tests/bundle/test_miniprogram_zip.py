"""``/miniprogram.zip`` unpacks to a DevTools project pointed at this server."""

from __future__ import annotations

import io
import json
import posixpath
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.support import config_set

SOURCE = Path(__file__).resolve().parent.parent.parent / "miniprogram"


@pytest.fixture
def project(tmp_path):
    """A copy of the mini-program as committed (with its built miniprogram_npm/), plus a dev-only node_modules/."""
    target = tmp_path / "miniprogram"
    shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns("node_modules"))
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


def test_the_bundle_speaks_both_languages(app, client, project):
    """The string tables are plain files under miniprogram/i18n/: both go in, as the app reads them."""
    with config_set(app, MINIPROGRAM_DIR=str(project)):
        bundle = unpack(client)
    names = set(bundle.namelist())
    assert {"utils/i18n.js", "i18n/zh-CN.js", "i18n/en.js"} <= names
    assert "首页" in bundle.read("i18n/zh-CN.js").decode("utf-8")
    assert "首页" in json.loads(bundle.read("app.json"))["tabBar"]["list"][0]["text"]


def test_a_production_bundle_carries_the_real_appid_and_no_sandbox(app, client, project):
    with config_set(app, MINIPROGRAM_DIR=str(project), WECHAT_SANDBOX=False, PUBLIC_BASE_URL="https://insure.example.com",
                    WECHAT_APPID="wx1234567890abcdef", GENERATED_SETTINGS=set()):
        bundle = unpack(client)
    assert json.loads(bundle.read("project.config.json"))["appid"] == "wx1234567890abcdef"
    assert '"sandbox": false' in bundle.read("config.js").decode()
    assert "https://insure.example.com" in bundle.read("config.js").decode()
    assert json.loads(bundle.read("project.config.json"))["setting"]["urlCheck"] is True


def test_a_generated_development_appid_gives_way_to_the_devtools_test_appid(app, client, project):
    """DevTools refuses a made-up appid; its test appid opens any project (README: Open it in WeChat DevTools)."""
    assert "WECHAT_APPID" in app.config["GENERATED_SETTINGS"]
    with config_set(app, MINIPROGRAM_DIR=str(project)):
        bundle = unpack(client)
    assert json.loads(bundle.read("project.config.json"))["appid"] == "touristappid"
    with config_set(app, MINIPROGRAM_DIR=str(project), WECHAT_APPID="wxfeedfacefeedface", GENERATED_SETTINGS=set()):
        bundle = unpack(client)
    assert json.loads(bundle.read("project.config.json"))["appid"] == "wxfeedfacefeedface"


def test_the_bundle_carries_the_built_vant_and_a_coherent_npm_project(client, tmp_path):
    """The zip opens as it is: Vant is built in, and npm ci && npm run build:npm would work in it too."""
    bundle = unpack(client)
    names = set(bundle.namelist())
    assert "miniprogram_npm/@vant/weapp/button/index.js" in names
    assert {"package.json", "package-lock.json", "scripts/build-npm.js"} <= names
    package = json.loads(bundle.read("package.json"))
    lock = json.loads(bundle.read("package-lock.json"))
    assert lock["packages"][""]["dependencies"] == package["dependencies"]
    assert lock["packages"][""]["devDependencies"] == package.get("devDependencies", {})
    for script in package["scripts"].values():
        for word in script.split():
            if "/" in word:
                assert word in names, f"npm script {script!r} needs {word}, which is not in the zip"
    built = json.loads(bundle.read("miniprogram_npm/build.json"))
    assert built["@vant/weapp"]["version"] == lock["packages"]["node_modules/@vant/weapp"]["version"]


def _component_paths(bundle: zipfile.ZipFile, json_name: str) -> list[tuple[str, str]]:
    """(tag, resolved path without extension) for each entry of a .json's usingComponents."""
    found = []
    using = json.loads(bundle.read(json_name)).get("usingComponents", {})
    for tag, target in using.items():
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(json_name), target))
        found.append((tag, resolved))
    return found


def test_every_using_components_path_resolves_to_a_component_in_the_zip(client):
    """app.json, every page, and every component they reach (Vant's own, inside miniprogram_npm/) resolve."""
    bundle = unpack(client)
    names = set(bundle.namelist())
    app_json = json.loads(bundle.read("app.json"))
    to_visit = ["app.json"] + [f"{page}.json" for page in app_json["pages"]]
    to_visit += [name for name in names if name.startswith("miniprogram_npm/") and name.endswith("/index.json")]
    seen, checked = set(), 0
    while to_visit:
        json_name = to_visit.pop()
        if json_name in seen:
            continue
        seen.add(json_name)
        assert json_name in names, f"{json_name} is not in the zip"
        for tag, component in _component_paths(bundle, json_name):
            missing = [f"{component}.{ext}" for ext in ("json", "js", "wxml") if f"{component}.{ext}" not in names]
            assert not missing, f"{json_name}: <{tag}> -> {component}: {missing} not in the zip"
            to_visit.append(f"{component}.json")
            checked += 1
    assert checked > 50
    assert any(name.startswith("pages/product/") for name in seen)
