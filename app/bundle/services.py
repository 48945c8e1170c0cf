"""Packing the mini-program for WeChat DevTools, configured for the server that serves it.

The bundle's ``config.js`` carries this server's ``PUBLIC_BASE_URL`` and whether it is a
sandbox (then the app logs in with ``sandbox:<name>`` codes and pays through the
sandbox). ``miniprogram_npm/`` (the built Vant) is committed in ``miniprogram/``, so the
zip opens in DevTools as it is, on a server with or without Node. ``package.json`` and
``package-lock.json`` go in with the one npm script whose files travel with them
(``build:npm``), so ``npm ci && npm run build:npm`` rebuilds the same Vant.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from flask import current_app

#: Development-only folders and files that a DevTools project does not need.
EXCLUDED_DIRS = {"node_modules", "test", "tests", "coverage", ".git"}
EXCLUDED_FILES = {"jest.config.js", ".gitignore", "project.private.config.json"}
#: Of scripts/, only the npm build travels: it is the one npm script the zip keeps.
KEPT_SCRIPTS = {"scripts/build-npm.js"}
KEPT_NPM_SCRIPTS = {"build:npm"}
#: WeChat DevTools' test appid: it opens any project without a registered mini-program
#: (no phone preview, no real WeChat login), which is what a sandbox bundle needs.
DEVTOOLS_TEST_APPID = "touristappid"


def source_dir() -> Path:
    return Path(current_app.config.get("MINIPROGRAM_DIR") or Path(current_app.root_path).parent / "miniprogram")


def client_config() -> dict:
    config = current_app.config
    return {"baseUrl": config["PUBLIC_BASE_URL"], "sandbox": bool(config["WECHAT_SANDBOX"])}


def appid() -> str:
    """``WECHAT_APPID`` when it was set; a generated development value is no appid DevTools accepts."""
    config = current_app.config
    if config.get("WECHAT_APPID") and "WECHAT_APPID" not in config.get("GENERATED_SETTINGS", ()):
        return config["WECHAT_APPID"]
    return DEVTOOLS_TEST_APPID


def bundle_files(root: Path) -> list[tuple[str, Path]]:
    """(name in the zip, file) for every file of the DevTools project, sorted."""
    files = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        name = relative.as_posix()
        if not path.is_file() or relative.parts[0] in EXCLUDED_DIRS or relative.name in EXCLUDED_FILES:
            continue
        if relative.parts[0] == "scripts" and name not in KEPT_SCRIPTS:
            continue
        files.append((name, path))
    return files


def build_zip() -> bytes:
    root = source_dir()
    settings = client_config()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, path in bundle_files(root):
            if name == "config.js":
                bundle.writestr(name, config_js(settings))
            elif name == "project.config.json":
                bundle.writestr(name, _project_config(path, settings))
            elif name == "package.json":
                bundle.writestr(name, _package_json(path))
            else:
                bundle.write(path, name)
    return buffer.getvalue()


def config_js(settings: dict) -> str:
    return (
        "// Written by the server that served this bundle (GET /miniprogram.zip).\n"
        "// sandbox: log in with \"sandbox:<name>\" codes and pay through the server's WeChat sandbox.\n"
        f"module.exports = {json.dumps(settings, indent=2)}\n"
    )


def _project_config(path: Path, settings: dict) -> str:
    project = json.loads(path.read_text())
    project["appid"] = appid()
    project.setdefault("setting", {})["urlCheck"] = not settings["sandbox"]
    return json.dumps(project, indent=2, ensure_ascii=False)


def _package_json(path: Path) -> str:
    """The same dependencies (package-lock.json matches them) with only the scripts whose files are in the zip."""
    package = json.loads(path.read_text())
    package["scripts"] = {key: value for key, value in package.get("scripts", {}).items() if key in KEPT_NPM_SCRIPTS}
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"
