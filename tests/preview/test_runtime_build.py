"""``app/preview/static/runtime.js`` is committed built output: it must be the build of its sources as they are.

Rebuild it with ``cd miniprogram && npm ci && npm run build:preview`` (README: the preview).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCES = ROOT / "app" / "preview" / "runtime"
BUILT = ROOT / "app" / "preview" / "static" / "runtime.js"
LOCK = ROOT / "miniprogram" / "package-lock.json"
REBUILD = "run `cd miniprogram && npm ci && npm run build:preview` and commit app/preview/static/runtime.js"


def header() -> dict:
    first = BUILT.read_text(encoding="utf-8").split("\n", 1)[0]
    match = re.fullmatch(r"/\* redcover-preview-runtime inputs-sha256=([0-9a-f]{64}) packages=(\S+) \*/", first)
    assert match, f"runtime.js has no inputs header: {REBUILD}"
    return {"sha256": match.group(1), "packages": match.group(2).split(",")}


def inputs_hash(packages: list[str]) -> str:
    """What scripts/build-preview.js records: each source's sha256, then each package@locked version."""
    lock = json.loads(LOCK.read_text())["packages"]
    digest = hashlib.sha256()
    for source in sorted(path.name for path in SOURCES.glob("*.js")):
        digest.update(f"{source}\0{hashlib.sha256((SOURCES / source).read_bytes()).hexdigest()}\n".encode())
    for name in packages:
        digest.update(f"{name}@{lock[f'node_modules/{name}']['version']}\n".encode())
    return digest.hexdigest()


def test_the_committed_runtime_is_built_from_the_sources_and_packages_as_they_are():
    recorded = header()
    assert {"j-component", "miniprogram-exparser", "esbuild"} <= set(recorded["packages"])
    assert inputs_hash(recorded["packages"]) == recorded["sha256"], REBUILD


def test_the_build_is_an_npm_script_of_the_mini_program():
    package = json.loads((ROOT / "miniprogram" / "package.json").read_text())
    assert package["scripts"]["build:preview"] == "node scripts/build-preview.js"
    assert "esbuild" in package["devDependencies"]
