"""README's configuration table names exactly the environment variables the service reads.

The service's reads are the settings declared in ``config.SETTINGS`` and every read
by literal name found in its source (gunicorn.conf.py and the CLI read a few of their
own). A read by computed name could hide a variable from this test, so only the
loader over ``SETTINGS`` may do that.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from config import SETTINGS

ROOT = Path(__file__).resolve().parent.parent

#: Everything that runs as the service: the app, its settings, and what starts them.
SERVICE_SOURCES = ("app", "config", "wsgi.py", "gunicorn.conf.py", "scripts/serve.py")

#: The one place that reads variables by computed name: load_config, over SETTINGS.
COMPUTED_NAME_READS_ALLOWED_IN = {"config/__init__.py"}


def readme_variables() -> set[str]:
    """The backticked names in the first column of README.md's "## Configuration" table."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("|"):
            first_column = line.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_column))
    return names


def environment_reads(source: str) -> tuple[set[str], list[int]]:
    """The variable names ``source`` reads from the environment, and the lines reading a computed name.

    A read is ``os.environ.get/setdefault/pop(...)``, ``os.environ[...]``, ``... in os.environ``,
    ``os.getenv(...)`` or ``env.get(...)`` (``env`` is what config calls its environment).
    """
    names: set[str] = set()
    computed: list[int] = []

    def read(name_node: ast.expr | None, line: int) -> None:
        if isinstance(name_node, ast.Constant) and isinstance(name_node.value, str):
            names.add(name_node.value)
        else:
            computed.append(line)

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner, method = ast.unparse(node.func.value), node.func.attr
            if (owner in ("os.environ", "env") and method in ("get", "setdefault", "pop")) or (
                owner == "os" and method == "getenv"
            ):
                read(node.args[0] if node.args else None, node.lineno)
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            read(node.slice, node.lineno)
        elif isinstance(node, ast.Compare) and any(ast.unparse(c) == "os.environ" for c in node.comparators):
            read(node.left, node.lineno)
    return names, computed


def service_files() -> list[Path]:
    files = []
    for name in SERVICE_SOURCES:
        path = ROOT / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def service_reads() -> set[str]:
    names = {setting.name for setting in SETTINGS}
    for path in service_files():
        found, computed = environment_reads(path.read_text())
        relative = path.relative_to(ROOT).as_posix()
        assert not computed or relative in COMPUTED_NAME_READS_ALLOWED_IN, (
            f"{relative} lines {computed} read an environment variable by a computed name; "
            "declare it as a Setting in config/ (or read it by its literal name)"
        )
        names |= found
    return names


def test_every_variable_the_service_reads_is_in_the_readme():
    undocumented = service_reads() - readme_variables()
    assert not undocumented, f"add these to README.md's ## Configuration table: {sorted(undocumented)}"


def test_every_variable_in_the_readme_is_read_by_the_service():
    unread = readme_variables() - service_reads()
    assert not unread, f"README.md documents variables nothing reads (declare them in config/): {sorted(unread)}"


def test_the_scan_finds_every_way_of_reading_a_variable():
    source = (
        "import os\n"
        "a = os.environ.get('NEW_THING')\n"
        "b = os.environ['SUBSCRIPTED']\n"
        "c = env.get(\"IN_CONFIG\", 'x')\n"
        "d = os.getenv('VIA_GETENV')\n"
        "e = 'TESTED' in os.environ\n"
        "os.environ.setdefault('DEFAULTED', '1')\n"
        "f = request.environ.get('RAW_URI')\n"  # the WSGI environ, not the process's
        "g = os.environ.get(name)\n"
    )
    names, computed = environment_reads(source)
    assert names == {"NEW_THING", "SUBSCRIPTED", "IN_CONFIG", "VIA_GETENV", "TESTED", "DEFAULTED"}
    assert computed == [9]


def test_the_table_is_read_from_its_first_column_with_several_names_a_row():
    names = readme_variables()
    assert {"ADMIN_LOGIN_RATE_LIMIT", "ADMIN_LOGIN_IP_RATE_LIMIT", "WEB_CONCURRENCY", "HOST"} <= names
    assert "PORT" in names and "INFO" not in names  # INFO is in the meaning column, not a variable
