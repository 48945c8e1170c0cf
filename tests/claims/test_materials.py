"""Claim documents: recognised by content, stored under their hash outside the web root, shown only to
their owner, and a claim waiting for more goes back to review when they arrive."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.claims import materials, services
from app.claims.models import ClaimEvent, ClaimMaterial
from app.extensions import db
from tests.claims.helpers import CLAIMS, bring_to, file_claim, get_claim, operator_moves, policy_in_force

MiB = 1024 * 1024


def jpeg(tag: bytes = b"") -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + tag + bytes(200) + b"\xff\xd9"


def png(tag: bytes = b"") -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02" + tag + bytes(100)


def pdf(tag: bytes = b"") -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n" + tag + b"\n%%EOF\n"


@pytest.fixture
def claim_no(app, client, catalog, alice, insured_adult):
    return file_claim(client, alice, policy_in_force(app, client, alice, insured_adult))


def upload(client, who, claim_no, *files, **kwargs):
    parts = [(io.BytesIO(content), name, declared) for content, name, declared in files]
    return client.post(f"{CLAIMS}/{claim_no}/materials", data={"files": parts}, headers=who["headers"],
                       content_type="multipart/form-data", **kwargs)


def stored_files(app) -> set[Path]:
    root = Path(app.config["VAR_DIR"]) / "materials"
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def material_rows(app) -> int:
    with app.app_context():
        count = db.session.scalar(sa.select(sa.func.count()).select_from(ClaimMaterial))
        db.session.remove()
    return count


def test_jpeg_png_and_pdf_are_stored_under_their_hash_and_typed_by_content(app, client, alice, claim_no):
    contents = [(jpeg(), "receipt.jpg", "image/jpeg"),
                (png(), "x-ray.jpg", "image/jpeg"),  # a PNG named and declared as JPEG
                (pdf(), "report", "application/octet-stream")]
    response = upload(client, alice, claim_no, *contents)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["claim_no"] == claim_no and body["state"] == "submitted"
    assert [(m["name"], m["content_type"]) for m in body["materials"]] == [
        ("receipt.jpg", "image/jpeg"), ("x-ray.jpg", "image/png"), ("report", "application/pdf")]
    root = Path(app.config["VAR_DIR"]) / "materials"
    for (content, _, _), material in zip(contents, body["materials"]):
        digest = hashlib.sha256(content).hexdigest()
        assert (root / digest[:2] / digest).read_bytes() == content
        assert material["size_bytes"] == len(content)
    assert not any((root / ".incoming").iterdir())  # nothing left half-written
    assert [m["id"] for m in get_claim(client, alice, claim_no)["materials"]] == [m["id"] for m in body["materials"]]


@pytest.mark.parametrize("content, name, declared", [
    (b"I am a text file pretending to be a photo\n", "photo.jpg", "image/jpeg"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200), "invoice.pdf", "application/pdf"),
    (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "scan.png", "image/png"),
    (b"GIF89a\x01\x00\x01\x00" + bytes(30), "selfie.png", "image/png"),
    (b"", "empty.pdf", "application/pdf"),
])
def test_a_file_that_lies_about_its_type_is_refused_and_nothing_is_kept(app, client, alice, claim_no, content, name,
                                                                         declared):
    before = stored_files(app)
    response = upload(client, alice, claim_no, (jpeg(), "good.jpg", "image/jpeg"), (content, name, declared))
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] in ("unsupported_file_type", "empty_file")
    assert name in error["details"]["fields"]["files.1"][0]
    assert material_rows(app) == 0
    assert stored_files(app) == before  # the good file of the same request is not kept either


def test_a_file_over_10_mib_is_413_and_one_of_exactly_10_mib_is_taken(app, client, alice, claim_no):
    before = stored_files(app)
    too_big = jpeg() + bytes(10 * MiB + 1 - len(jpeg()))
    response = upload(client, alice, claim_no, (too_big, "huge.jpg", "image/jpeg"))
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "file_too_large"
    assert "huge.jpg" in response.get_json()["error"]["details"]["fields"]["files.0"][0]
    assert stored_files(app) == before and material_rows(app) == 0
    just_fits = jpeg() + bytes(10 * MiB - len(jpeg()))
    assert upload(client, alice, claim_no, (just_fits, "big.jpg", "image/jpeg")).status_code == 201


def test_a_body_larger_than_any_upload_can_be_is_413_before_it_is_read(app, client, alice, claim_no):
    response = client.post(f"{CLAIMS}/{claim_no}/materials", data=b"--x--", headers=alice["headers"],
                           content_type="multipart/form-data; boundary=x",
                           environ_overrides={"CONTENT_LENGTH": str(materials.MAX_UPLOAD_BODY_BYTES + 1)})
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


@pytest.mark.parametrize("name, shown", [
    ("../../etc/passwd.png", "passwd.png"),
    ("..\\..\\Windows\\System32\\evil.png", "evil.png"),
    ("/etc/cron.d/job.png", "job.png"),
    ("..", "document"),
    ("病历\u202e报告\x07.png", "病历报告.png"),  # a right-to-left override and a bell
])
def test_path_tricks_in_names_change_nothing_but_the_name_shown(app, client, alice, claim_no, name, shown):
    content = png(name.encode())
    response = upload(client, alice, claim_no, (content, name, "image/png"))
    assert response.status_code == 201
    displayed = response.get_json()["materials"][0]["name"]
    # Whatever survives the trip through multipart quoting, no path is left in it.
    assert displayed.endswith(shown) and "/" not in displayed and "\\" not in displayed
    assert not displayed.startswith(".")
    digest = hashlib.sha256(content).hexdigest()
    root = Path(app.config["VAR_DIR"]) / "materials"
    new = stored_files(app)
    assert root / digest[:2] / digest in new
    assert all(path.resolve().is_relative_to(root.resolve()) for path in new)
    assert not Path("/etc/passwd.png").exists() and not (root.parent / "passwd.png").exists()


def test_the_same_document_twice_is_kept_once(app, client, alice, claim_no):
    first = upload(client, alice, claim_no, (jpeg(), "a.jpg", "image/jpeg")).get_json()["materials"][0]
    again = upload(client, alice, claim_no, (jpeg(), "copy of a.jpg", "image/jpeg"),
                   (jpeg(), "a again.jpg", "image/jpeg")).get_json()["materials"]
    assert [m["id"] for m in again] == [first["id"], first["id"]]
    assert material_rows(app) == 1


def test_at_most_10_files_per_request_and_30_per_claim(app, client, alice, claim_no):
    eleven = [(png(b"%d" % i), f"p{i}.png", "image/png") for i in range(11)]
    response = upload(client, alice, claim_no, *eleven)
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "too_many_files"
    for batch in range(3):
        files = [(png(b"%d-%d" % (batch, i)), f"p{i}.png", "image/png") for i in range(10)]
        assert upload(client, alice, claim_no, *files).status_code == 201
    response = upload(client, alice, claim_no, (png(b"one more"), "extra.png", "image/png"))
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "too_many_files"
    assert "30" in response.get_json()["error"]["details"]["fields"]["files"][0]
    assert material_rows(app) == 30
    # A document the claim already has is not one more.
    assert upload(client, alice, claim_no, (png(b"0-0"), "p0.png", "image/png")).status_code == 201


def test_a_request_without_files_is_422(client, alice, claim_no):
    response = client.post(f"{CLAIMS}/{claim_no}/materials", data={"other": "x"}, headers=alice["headers"],
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "files" in response.get_json()["error"]["details"]["fields"]


def test_only_the_owner_downloads_a_document(app, client, alice, bob, claim_no):
    material = upload(client, alice, claim_no, (pdf(), "report.pdf", "application/pdf")).get_json()["materials"][0]
    response = client.get(material["url"], headers=alice["headers"])
    assert response.status_code == 200
    assert response.data == pdf()
    assert response.mimetype == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["Content-Disposition"].startswith("inline")
    assert "no-store" in response.headers["Cache-Control"]
    assert client.get(material["url"], headers=bob["headers"]).status_code == 404
    other_claim = file_claim(client, alice, get_claim(client, alice, claim_no)["policy_no"])
    assert client.get(f"{CLAIMS}/{other_claim}/materials/{material['id']}", headers=alice["headers"]).status_code == 404


def test_another_user_cannot_upload_to_a_claim(app, client, alice, bob, claim_no):
    before = stored_files(app)
    response = upload(client, bob, claim_no, (jpeg(b"bob"), "b.jpg", "image/jpeg"))
    assert response.status_code == 404
    assert stored_files(app) == before and material_rows(app) == 0


def test_an_operator_opens_any_document_through_the_service(app, client, alice, claim_no):
    material = upload(client, alice, claim_no, (png(), "scan.png", "image/png")).get_json()["materials"][0]
    with app.test_request_context():
        opened = services.open_material(material["id"])
        assert (opened.claim_no, opened.content_type, opened.name) == (claim_no, "image/png", "scan.png")
        response = materials.send(opened)
        response.direct_passthrough = False
        assert response.get_data() == png()
        with pytest.raises(services.MaterialNotFound):
            services.open_material(material["id"] + 1000)
        db.session.remove()


def test_documents_while_more_info_is_required_send_the_claim_back_to_review(app, client, alice, claim_no):
    operator_moves(app, claim_no, "accepted", "reviewing", "more_info_required")
    waiting = get_claim(client, alice, claim_no)
    assert "hospital invoice" in waiting["explanation"]
    response = upload(client, alice, claim_no, (jpeg(b"invoice"), "invoice.jpg", "image/jpeg"))
    assert response.status_code == 201
    assert response.get_json()["state"] == "reviewing"
    with app.app_context():
        last = db.session.scalars(sa.select(ClaimEvent).order_by(ClaimEvent.id.desc()).limit(1)).one()
        assert (last.from_state, last.to_state, last.actor) == ("more_info_required", "reviewing", "user")
        db.session.remove()
    claim = get_claim(client, alice, claim_no)
    assert claim["state"] == "reviewing"
    assert "正在审核" in claim["explanation"]
    # More documents while reviewing change nothing about the state.
    assert upload(client, alice, claim_no, (jpeg(b"more"), "more.jpg", "image/jpeg")).get_json()["state"] == "reviewing"


@pytest.mark.parametrize("state", ["approved", "paid", "rejected", "withdrawn"])
def test_a_decided_claim_takes_no_more_documents(app, client, alice, claim_no, state):
    bring_to(app, client, alice, claim_no, state)
    before = stored_files(app)
    response = upload(client, alice, claim_no, (jpeg(b"late"), "late.jpg", "image/jpeg"))
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "claim_closed"
    assert stored_files(app) == before


def test_materials_live_outside_anything_served(app, client, alice, claim_no):
    upload(client, alice, claim_no, (jpeg(), "a.jpg", "image/jpeg"))
    root = Path(app.config["VAR_DIR"]).resolve()
    static = Path(app.static_folder).resolve() if app.static_folder else None
    assert static is None or not root.is_relative_to(static)
    assert os.stat(next(iter(stored_files(app)))).st_mode & 0o007 == 0  # not world-readable


@pytest.mark.parametrize("raw, shown", [
    ("C:\\Users\\li\\..\\..\\evil.pdf", "evil.pdf"), ("../../etc/passwd", "passwd"), ("", "document"),
    (None, "document"), (".hidden.png", "hidden.png"), ("a" * 300 + ".png", "a" * 120),
])
def test_display_names_keep_only_the_last_segment(raw, shown):
    assert materials.display_name(raw) == shown


@pytest.mark.parametrize("head, kind", [
    (jpeg()[:16], "image/jpeg"), (png()[:16], "image/png"), (pdf()[:16], "application/pdf"),
    (b"\xff\xd8\xff", None),  # a JPEG start with nothing after it
    (b"\x89PNG\r\n\x1a\n" + bytes(8), None),  # the signature without its IHDR chunk
    (b"%PDF-x", None), (b"PK\x03\x04", None), (b"MZ\x90\x00", None),
])
def test_sniffing_reads_the_content_not_the_name(head, kind):
    assert materials.sniff(head) == kind
