"""Every user-facing string in the code has its Simplified Chinese, and the catalog the app loads
is the one under version control (``scripts/translations`` keeps them in step)."""

from __future__ import annotations

import ast

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOG = ROOT / "app" / "translations" / "zh_Hans_CN" / "LC_MESSAGES"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "lazy_ngettext": (1, 2), "N_": None}


def chinese_catalog():
    with open(CATALOG / "messages.po", "rb") as handle:
        return read_po(handle, locale="zh_Hans_CN")


def strings_in_the_code() -> set[str]:
    """What ``scripts/translations`` extracts, per babel.cfg: the app's Python and its templates."""
    method_map = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(ROOT / "app"), method_map=method_map, keywords=KEYWORDS, options_map={}):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_marked_string_has_its_chinese():
    catalog = chinese_catalog()
    missing = sorted(text for text in strings_in_the_code()
                     if not (catalog.get(text) and catalog.get(text).string and not catalog.get(text).fuzzy))
    assert missing == [], f"{len(missing)} strings without Chinese: run scripts/translations and translate them"


def test_the_translations_keep_every_placeholder():
    problems = [f"{message.id!r}: {', '.join(map(str, errors))}" for message, errors in chinese_catalog().check()]
    assert problems == []


def test_the_compiled_catalog_is_the_one_under_version_control():
    """The .mo the app loads says what the .po says (the header, with its compile time, aside)."""
    with open(CATALOG / "messages.mo", "rb") as handle:
        compiled = dict(_pairs(read_mo(handle)))
    written = dict(_pairs(chinese_catalog()))
    assert compiled == written, "run scripts/translations to compile"


def _pairs(catalog):
    for message in catalog:
        if message.id:
            yield _plain(message.id), _plain(message.string)


def _plain(text):
    return text if isinstance(text, str) else tuple(text)


def test_gettext_is_never_shadowed():
    """A module that translates with ``_()`` imports it and never rebinds ``_``: a loop's ``for _ in``
    beside ``_("...")`` once turned a refusal into a 500 ('int' object is not callable)."""
    problems = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        calls = [node for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"]
        if not calls:
            continue
        imported = any(isinstance(node, ast.ImportFrom) and any((alias.asname or alias.name) == "_" for alias in node.names)
                       for node in tree.body)
        if not imported:
            problems.append(f"{path.relative_to(ROOT)}: calls _() without importing it")
        for node in ast.walk(tree):
            rebinds = ((isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store))
                       or (isinstance(node, ast.arg) and node.arg == "_"))
            if rebinds:
                problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: rebinds _")
    assert problems == []
