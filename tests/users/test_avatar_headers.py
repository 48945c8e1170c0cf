"""Avatars are served so that a browser can only ever show them as images."""

from __future__ import annotations

import io

import pytest

#: Starts like a JPEG (so the upload is accepted as one), and is an HTML page after that.
JPEG_THEN_HTML = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"<html><script>alert(document.cookie)</script></html>"
PNG_1x1 = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
           b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def upload_and_fetch(app, client, alice, content: bytes):
    uploaded = client.post("/api/v1/me/avatar", data={"file": (io.BytesIO(content), "wxfile://tmp.jpg")},
                           headers=alice["headers"], content_type="multipart/form-data")
    assert uploaded.status_code == 200, uploaded.get_json()
    return client.get(uploaded.get_json()["avatar_url"][len(app.config["PUBLIC_BASE_URL"]):])


@pytest.mark.parametrize("content, content_type", [(JPEG_THEN_HTML, "image/jpeg"), (PNG_1x1, "image/png")],
                         ids=["jpeg-with-html-inside", "png"])
def test_an_avatar_is_never_sniffed_or_run_as_a_page(app, client, alice, content, content_type):
    served = upload_and_fetch(app, client, alice, content)

    assert served.status_code == 200 and served.data == content
    assert served.mimetype == content_type
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    # Opened on its own, it is a sandboxed document that may load and run nothing.
    policy = served.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy
    disposition = served.headers["Content-Disposition"]
    assert disposition.startswith("inline") and "filename=" in disposition


def test_an_avatar_stays_cacheable_by_everyone(app, client, alice):
    # Avatars are public, like WeChat's own: unlike claim documents, browsers and proxies may keep them.
    served = upload_and_fetch(app, client, alice, PNG_1x1)
    assert "public" in served.headers["Cache-Control"] and "max-age=86400" in served.headers["Cache-Control"]
