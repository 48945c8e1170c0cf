"""``miniprogram/miniprogram_npm/`` is committed built output: it must match what package-lock.json pins.

Rebuild it with ``cd miniprogram && npm ci && npm run build:npm`` (README: the preview and the zip).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

MINIPROGRAM = Path(__file__).resolve().parent.parent.parent / "miniprogram"
BUILT = MINIPROGRAM / "miniprogram_npm"
REBUILD = "run `cd miniprogram && npm ci && npm run build:npm` and commit miniprogram_npm/"


def tree_hash(directory: Path) -> str:
    """The hash scripts/build-npm.js records: sha256 over "<path>\\0<file sha256>\\n", paths sorted."""
    digest = hashlib.sha256()
    for rel in sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file()):
        digest.update(f"{rel}\0{hashlib.sha256((directory / rel).read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def manifest() -> dict:
    return json.loads((BUILT / "build.json").read_text())


def locked_version(name: str) -> str:
    lock = json.loads((MINIPROGRAM / "package-lock.json").read_text())
    return lock["packages"][f"node_modules/{name}"]["version"]


def test_every_mini_program_dependency_is_built():
    package = json.loads((MINIPROGRAM / "package.json").read_text())
    assert set(manifest()) == set(package["dependencies"]), REBUILD


@pytest.mark.parametrize("name", sorted(json.loads((BUILT / "build.json").read_text())))
def test_the_built_package_is_the_locked_version(name):
    assert manifest()[name]["version"] == locked_version(name), REBUILD


@pytest.mark.parametrize("name", sorted(json.loads((BUILT / "build.json").read_text())))
def test_the_built_files_are_the_recorded_build(name):
    """A hand edit, or a build left half-copied, changes the hash."""
    assert tree_hash(BUILT / name) == manifest()[name]["sha256"], REBUILD


@pytest.mark.parametrize("name", sorted(json.loads((BUILT / "build.json").read_text())))
def test_the_build_matches_the_installed_package_where_npm_ran(name):
    installed = MINIPROGRAM / "node_modules" / name
    if not installed.exists():
        pytest.skip("node_modules/ is not installed here (no Node needed to serve the bundle)")
    package = json.loads((installed / "package.json").read_text())
    assert package["version"] == locked_version(name), "node_modules is not what package-lock.json pins: npm ci"
    assert tree_hash(MINIPROGRAM / manifest()[name]["from"]) == manifest()[name]["sha256"], REBUILD
