"""The design lives in docs/: every document the code, the tests and the README cite exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [path for folder in ("app", "tests", "config", "scripts", "bench", "miniprogram", "migrations")
           for path in (ROOT / folder).rglob("*") if path.is_file() and "node_modules" not in path.parts
           and path.suffix in {".py", ".js", ".md", ".html", ".wxml", ".lua", ".sh", ""}] + [ROOT / "README.md"]
CITATION = re.compile(r"docs/([\w./-]+\.md)")


def test_every_document_cited_exists():
    cited = {(path.relative_to(ROOT).as_posix(), name) for path in SOURCES
             for name in CITATION.findall(path.read_text(errors="replace"))}
    assert cited, "nothing cites docs/: the search is broken"
    missing = sorted(f"{source} cites docs/{name}" for source, name in cited if not (ROOT / "docs" / name).is_file())
    assert missing == []


def test_nothing_cites_the_founding_documents_that_are_not_in_the_project():
    old = re.compile(r"\b(DESIGN\.md|API\.md)\b")
    citing = sorted(path.relative_to(ROOT).as_posix() for path in SOURCES
                    if path != Path(__file__) and old.search(path.read_text(errors="replace")))
    assert citing == []
