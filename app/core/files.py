"""Uploaded files: what they are by content, and names made safe to show.

Uploads are trusted for nothing: the type comes from the first bytes (magic numbers),
never from the name or the declared content type, and a client's file name is only
ever shown, cleaned, never used to build a path.
"""

from __future__ import annotations

import re
import unicodedata

from flask import Response

_NAME_LENGTH = 120


def sniff(head: bytes) -> str | None:
    """The content type of a JPEG, PNG or PDF from its first bytes, or None for anything else."""
    # JPEG: SOI then the first segment's marker byte (APPn, DQT, SOF... all 0xC0-0xFE).
    if len(head) >= 4 and head[:3] == b"\xff\xd8\xff" and 0xC0 <= head[3] <= 0xFE:
        return "image/jpeg"
    # PNG: the 8-byte signature, then the IHDR chunk that must come first.
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
        return "image/png"
    # PDF: the header with its version, e.g. %PDF-1.7 or %PDF-2.0.
    if re.match(rb"%PDF-[12]\.\d", head[:8]):
        return "application/pdf"
    return None


def display_name(raw: str | None) -> str:
    """The client's file name made safe to show: last path segment, no control characters, bounded."""
    name = re.split(r"[\\/]", raw or "")[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip().lstrip(".").strip()
    return name[:_NAME_LENGTH] or "document"




def served_inert(response: Response) -> Response:
    """Headers for a stored upload served back: the browser takes the declared type as it is
    (a JPEG that holds HTML stays an image), and opened on its own the file is a sandboxed
    document that loads and runs nothing. The type was checked by content (``sniff``), but only
    the first bytes: the rest can be anything."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    # A PDF is active content: shown sandboxed, with nothing else loaded beside it.
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
