"""Claim documents on disk: recognised by content, stored under their SHA-256, served to the right people.

Files live under ``VAR_DIR/materials/<first 2 hex>/<sha256>``, outside anything the web
server serves. The client's file name is kept only as cleaned text for display; no path
is ever built from it. An upload is streamed to a temporary file in the same directory
tree (hashing and counting as it goes), checked, then renamed into place, so a file at
its final path is always complete.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, send_file
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from app.core.files import display_name, served_inert, sniff  # noqa: F401  (used here and by the claims services)
from app.core.errors import AppError, NotFound, ValidationFailed

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_REQUEST = 10
MAX_FILES_PER_CLAIM = 30
#: The whole multipart body: every file at its largest plus the multipart framing.
MAX_UPLOAD_BODY_BYTES = MAX_FILES_PER_REQUEST * MAX_FILE_BYTES + 1024 * 1024
#: Enough parts for the files we take and a few stray fields; a flood of tiny parts is refused early.
MAX_FORM_PARTS = MAX_FILES_PER_REQUEST * 2 + 4
_CHUNK = 64 * 1024


class FileTooLarge(AppError):
    status, code = 413, "file_too_large"


def storage_root() -> Path:
    return Path(current_app.config["VAR_DIR"]) / "materials"


def path_for(sha256: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ValueError("not a SHA-256 hex digest")
    return storage_root() / sha256[:2] / sha256


@dataclass
class Staged:
    """An upload streamed to a temporary file and checked, not yet in place."""

    sha256: str
    content_type: str
    size_bytes: int
    name: str
    temp_path: Path | None


def stage(upload: FileStorage, index: int) -> Staged:
    """Stream one upload to a temporary file; 413 if too large, 422 if not a JPEG, PNG or PDF."""
    name = display_name(upload.filename)
    field = f"files.{index}"
    incoming = storage_root() / ".incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    head = b""
    handle = tempfile.NamedTemporaryFile(dir=incoming, delete=False)
    temp_path = Path(handle.name)
    try:
        with handle:
            while chunk := upload.stream.read(_CHUNK):
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    message = _("“%(name)s” is larger than %(most)s MiB.", name=name,
                                most=MAX_FILE_BYTES // (1024 * 1024))
                    raise FileTooLarge(message, details={"fields": {field: [message]}})
                if len(head) < 16:
                    head += chunk[:16 - len(head)]
                digest.update(chunk)
                handle.write(chunk)
        if size == 0:
            raise ValidationFailed.for_field(field, _("“%(name)s” is empty.", name=name), code="empty_file")
        content_type = sniff(head)
        if content_type is None:
            raise ValidationFailed.for_field(field, _("“%(name)s” is not a JPEG, PNG or PDF file.", name=name),
                                             code="unsupported_file_type")
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    return Staged(digest.hexdigest(), content_type, size, name, temp_path)


def store(staged: Staged) -> None:
    """Move a checked upload into place under its hash (a file with that hash is the same file)."""
    target = path_for(staged.sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        discard(staged)
        return
    os.chmod(staged.temp_path, 0o640)
    os.replace(staged.temp_path, target)
    staged.temp_path = None


def discard(staged: Staged) -> None:
    if staged.temp_path is not None:
        staged.temp_path.unlink(missing_ok=True)
        staged.temp_path = None


@dataclass(frozen=True)
class MaterialFile:
    """A stored document ready to stream (``send``)."""

    id: int
    claim_no: str
    sha256: str
    content_type: str
    size_bytes: int
    name: str

    @property
    def path(self) -> Path:
        return path_for(self.sha256)


def send(material: MaterialFile):
    """The document as a response: inline, never sniffed or run by the browser, never cached."""
    path = material.path
    if not path.is_file():
        log.error("claim material %s (%s) is missing from storage", material.id, material.sha256)
        raise NotFound(_("That document is not available right now."))
    response = send_file(path, mimetype=material.content_type, download_name=material.name, conditional=True,
                         etag=material.sha256, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return served_inert(response)
