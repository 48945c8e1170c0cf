"""Turning ``miniprogram/`` into what the browser runtime reads, when ``/preview/`` is served.

Nothing here is a second copy of a page: each request reads the pages, ``app.json`` and the
built Vant from ``miniprogram/`` and hands the browser one file map. Three things are done on
the way, each where j-component's pure-JS template compiler falls short of WeChat's ``wcc``:

- WXML: ``<wxs src module>`` becomes an inline ``<wxs module>`` that asks the runtime for the
  module (the runtime runs WXS files as CommonJS with their own ``require``); ``<include src>``
  is replaced by the file's content (without its ``<wxs>`` and ``<template>``), ``<import>`` of a
  file without templates is dropped; object shorthand in ``{{ }}`` (``{ round, block }``) is
  spelt out (``{ round: round, block: block }``), which j-component's expression parser needs;
  an element with both ``wx:for`` and ``wx:if`` gets its loop on a ``<block>`` around it.
- WXS: ``x.constructor`` is a *string* in WXS (``'Array'``, ``'Object'``...), which Vant's
  ``array.wxs``, ``style.wxs`` and others compare against; it becomes ``__wxsConstructor(x)``,
  which the runtime gives every WXS module (``getRegExp`` and ``getDate`` too).
- WXSS: ``@import`` is inlined and ``rpx`` becomes ``px`` for a 375-pixel-wide phone (750rpx).
- ``config.js`` is the one the sandbox bundle carries (``app.bundle.services.config_js``).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

#: The phone frame is 375 CSS pixels wide; WeChat's screen is 750rpx wide.
PX_PER_RPX = 375 / 750

#: What the runtime needs from miniprogram/ (tests, node_modules and scripts stay behind).
SERVED_SUFFIXES = {".js", ".json", ".wxml", ".wxss", ".wxs"}
SKIPPED_DIRS = {"node_modules", "test", "tests", "coverage", "scripts", ".git"}
SKIPPED_FILES = {"jest.config.js", "package.json", "package-lock.json", "project.config.json",
                 "project.private.config.json", "sitemap.json", "build.json"}

_WXS_SRC = re.compile(r"<wxs\s+([^>]*?)\s*/>|<wxs\s+([^>]*?src=[^>]*?)>\s*</wxs>", re.S)
_INCLUDE = re.compile(r"<include\s+([^>]*?)\s*/>", re.S)
_IMPORT = re.compile(r"<import\s+[^>]*?/>", re.S)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DROPPED_IN_INCLUDE = re.compile(r"<wxs\b[^>]*/>|<wxs\b.*?</wxs>|<template\b.*?</template>", re.S)
_MUSTACHE = re.compile(r"\{\{(.*?)\}\}", re.S)
_RPX = re.compile(r"(-?\d*\.?\d+)rpx\b")
_WXS_CONSTRUCTOR = re.compile(r"([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[[^\[\]]*\])*)\.constructor\b")
#: A start or end tag (quoted values may hold ">", as in ``{{ a > b }}``), or a comment.
_TAG = re.compile(r"""<!--.*?-->|<(/?)([\w:-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(/?)>""", re.S)
_LOOP_ATTR = re.compile(r"""\s+wx:(?:for|for-item|for-index|key)\s*=\s*(?:"[^"]*"|'[^']*')""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]+)"|'([^']+)')\s*;""")
_TOKEN = re.compile(r"""\s*(?:(?P<str>'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*")|(?P<name>[A-Za-z_$][\w$]*)|(?P<num>\d+\.?\d*)"""
                    r"""|(?P<punct>\.\.\.|===|!==|==|!=|<=|>=|&&|\|\||[{}()\[\],:?.!+\-*/%<>=]))""")


def _attrs(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(text)}


def _join(base: str, relative: str) -> str:
    """A path inside the mini-program ("/a/b") from a file's path and a relative or absolute reference."""
    if relative.startswith("/"):
        return posixpath.normpath(relative)
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), relative))


def expand_shorthand(expression: str) -> str:
    """Spell out object shorthand (``{ a, b: c }`` -> ``{ a: a, b: c }``) inside one ``{{ }}`` expression."""
    out, stack, position = [], [], 0
    tokens = []
    while expression[position:].strip():
        match = _TOKEN.match(expression, position)
        if not match or match.end() == position:
            return expression  # something this reader does not know: leave it as written
        tokens.append(match)
        position = match.end()
    for index, token in enumerate(tokens):
        text = token.group(0)
        punct = token.group("punct")
        if punct in ("{", "(", "["):
            stack.append(punct)
        elif punct in ("}", ")", "]") and stack:
            stack.pop()
        name = token.group("name")
        if name and stack and stack[-1] == "{":
            before = tokens[index - 1].group("punct") if index else None
            after = tokens[index + 1].group("punct") if index + 1 < len(tokens) else None
            if before in ("{", ",") and after in (",", "}"):
                text = f"{text}: {name}"
        out.append(text)
    return "".join(out) + expression[position:]


def _expand_mustaches(text: str) -> str:
    return _MUSTACHE.sub(lambda m: "{{" + expand_shorthand(m.group(1)) + "}}", text)


def _is_looped_condition(tag: re.Match) -> bool:
    attrs = _attrs(tag.group(3)) if tag.group(2) and not tag.group(1) else {}
    return "wx:for" in attrs and "wx:if" in attrs


def loop_outside_condition(source: str) -> str:
    """``<x wx:for wx:if>`` as ``<block wx:for><x wx:if>``: in WeChat the loop comes first and the
    condition is asked per item (Vant's uploader and loading dots), but j-component wraps the element
    in the condition and drops the loop, so it renders once with no ``item`` or ``index``."""
    while True:
        start = next((tag for tag in _TAG.finditer(source) if _is_looped_condition(tag)), None)
        if start is None:
            return source
        name, attrs = start.group(2), start.group(3)
        loop = "".join(m.group(0) for m in _LOOP_ATTR.finditer(attrs))
        element = f"<{name}{_LOOP_ATTR.sub('', attrs)}{start.group(4)}>"
        end = start.end()
        if not start.group(4):
            depth = 1
            for tag in _TAG.finditer(source, start.end()):
                if tag.group(2) == name and not tag.group(4):
                    depth += -1 if tag.group(1) else 1
                    if depth == 0:
                        end = tag.end()
                        break
            else:
                return source  # unclosed: leave it for j-component to report
        inner = source[start.end():end]
        source = f"{source[:start.start()]}<block{loop}>{element}{inner}</block>{source[end:]}"


_MUSTACHE_ANYWHERE = re.compile(r"\{\{.*?\}\}", re.S)
_WXS_BLOCK = re.compile(r"<wxs\b[^>]*>.*?</wxs\s*>", re.S)
_MARKUP = re.compile(r"<!--.*?-->|<(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.S)
_EDGE_SPACE = re.compile(r"\A([ \t]+)(?=\S)|(?<=\S)([ \t]+)\Z")


def keep_edge_spaces(source: str) -> str:
    """Spaces at the edge of a text beside a tag, kept as WeChat keeps them: ``{{label}} <text>…</text>``
    reads "Pays up to 300,000 yuan", where j-component trims every text and wrote "Pays up to300,000 yuan".
    Only spaces and tabs on the text's own line: a run with a line break is the template's indentation.
    Each becomes ``{{' '}}``, which j-component does not trim. Mustaches are set aside first (``a < b`` is
    not a tag), and a ``<wxs>`` module's code is left alone."""
    kept: list[str] = []

    def set_aside(match: re.Match) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    protected = _MUSTACHE_ANYWHERE.sub(set_aside, _WXS_BLOCK.sub(set_aside, source))
    out, position = [], 0
    for tag in _MARKUP.finditer(protected):
        out.append(_EDGE_SPACE.sub("{{' '}}", protected[position:tag.start()]))
        out.append(tag.group(0))
        position = tag.end()
    out.append(_EDGE_SPACE.sub("{{' '}}", protected[position:]))
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], "".join(out))


def wxml(files: dict[str, str], path: str) -> str:
    """The template at ``path`` ("/pages/x/x.wxml"), ready for j-component."""
    source = files[path]

    def include(match: re.Match) -> str:
        attrs = _attrs(match.group(1))
        target = _join(path, attrs.get("src", ""))
        body = _DROPPED_IN_INCLUDE.sub("", wxml(files, target)) if target in files else ""
        condition = " ".join(f'{key}="{value}"' for key, value in attrs.items() if key.startswith("wx:"))
        return f"<block {condition}>{body}</block>" if condition else body

    def inline_wxs(match: re.Match) -> str:
        attrs = _attrs(match.group(1) or match.group(2))
        module, src = attrs.get("module", ""), _join(path, attrs.get("src", ""))
        return f'<wxs module="{module}">module.exports = __rcWxs("{src}")</wxs>'

    source = _INCLUDE.sub(include, source)
    source = _IMPORT.sub("", source)
    source = _WXS_SRC.sub(inline_wxs, source)
    source = loop_outside_condition(source)
    return keep_edge_spaces(_expand_mustaches(source))


def wxs(source: str) -> str:
    """A WXS module as JavaScript: ``x.constructor`` reads as WXS reads it (a type name)."""
    return _WXS_CONSTRUCTOR.sub(r"__wxsConstructor(\1)", source)


def wxss(files: dict[str, str], path: str, seen: frozenset[str] = frozenset()) -> str:
    """The style sheet at ``path`` with its imports inlined and rpx in pixels of the 375px frame."""
    if path in seen or path not in files:
        return ""

    def inline(match: re.Match) -> str:
        return wxss(files, _join(path, match.group(1) or match.group(2)), seen | {path})

    text = _CSS_IMPORT.sub(inline, files[path])
    return _RPX.sub(lambda m: f"{float(m.group(1)) * PX_PER_RPX:g}px", text)


def read_sources(root: Path) -> dict[str, str]:
    """Every file the runtime may ask for, by its path inside the mini-program ("/utils/api.js")."""
    files = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if (not path.is_file() or path.suffix not in SERVED_SUFFIXES or relative.parts[0] in SKIPPED_DIRS
                or relative.name in SKIPPED_FILES or path.name.endswith(".d.ts")):
            continue
        files["/" + relative.as_posix()] = path.read_text(encoding="utf-8")
    return files


def file_map(root: Path, config_js: str) -> dict[str, str]:
    """What the browser runtime loads: JS, JSON and WXS as written, WXML and WXSS prepared as above."""
    files = read_sources(root)
    files["/config.js"] = config_js
    prepared = {}
    for path, text in files.items():
        if path.endswith(".wxml"):
            prepared[path] = wxml(files, path)
        elif path.endswith(".wxss"):
            prepared[path] = wxss(files, path)
        elif path.endswith(".wxs"):
            prepared[path] = wxs(text)
        else:
            prepared[path] = text
    return prepared
