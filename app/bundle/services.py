"""Packing the mini-program for WeChat DevTools, configured for the server that serves it.

The bundle's ``config.js`` carries this server's ``PUBLIC_BASE_URL`` and whether it is a
sandbox (then the app logs in with ``sandbox:<name>`` codes and pays through the
sandbox). ``miniprogram_npm/`` goes in when it has been built here (``npm run
build:npm``); ``package.json`` always does, so DevTools' own "build npm" works too.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from flask import current_app

#: Development-only folders and files that a DevTools project does not need.
EXCLUDED_DIRS = {"node_modules", "test", "tests", "coverage", "scripts", ".git"}
EXCLUDED_FILES = {"jest.config.js", ".gitignore", "package-lock.json"}


def source_dir() -> Path:
    return Path(current_app.config.get("MINIPROGRAM_DIR") or Path(current_app.root_path).parent / "miniprogram")


def client_config() -> dict:
    config = current_app.config
    return {"baseUrl": config["PUBLIC_BASE_URL"], "sandbox": bool(config["WECHAT_SANDBOX"])}


def build_zip() -> bytes:
    root = source_dir()
    settings = client_config()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if not path.is_file() or relative.parts[0] in EXCLUDED_DIRS or relative.name in EXCLUDED_FILES:
                continue
            name = relative.as_posix()
            if name == "config.js":
                bundle.writestr(name, _config_js(settings))
            elif name == "project.config.json":
                bundle.writestr(name, _project_config(path, settings))
            else:
                bundle.write(path, name)
    return buffer.getvalue()


def _config_js(settings: dict) -> str:
    return (
        "// Written by the server that served this bundle (GET /miniprogram.zip).\n"
        "// sandbox: log in with \"sandbox:<name>\" codes and pay through the server's WeChat sandbox.\n"
        f"module.exports = {json.dumps(settings, indent=2)}\n"
    )


def _project_config(path: Path, settings: dict) -> str:
    project = json.loads(path.read_text())
    if not settings["sandbox"]:
        project["appid"] = current_app.config["WECHAT_APPID"]
    project.setdefault("setting", {})["urlCheck"] = not settings["sandbox"]
    return json.dumps(project, indent=2, ensure_ascii=False)
