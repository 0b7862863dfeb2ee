"""Attachments are what they say (issue 13.5, F13): signatures against extensions, no script in PDFs,
and the site never publishes a refused attachment."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from baosong.checks.repository import load_repository
from baosong.township import attachments
from baosong.township.dates import parse_date
from conftest import TODAY
from helpers_images import GIF, JPEG, WEBP, png
from helpers_site import add_site_config, build, build_with

FOLDER = "submissions/mengwang/2026"


def pdf(action=None, password=None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if action is not None:
        writer.add_open_action(action)
    if password is not None:
        writer.encrypt(password, "owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_object_stream(action: bytes) -> bytes:
    """A PDF 1.5 whose open action (object 4) sits in a compressed object stream, found through a
    cross-reference stream: nothing of it is visible in the file's bytes."""
    out, offsets = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"), {}

    def add(num: int, body: bytes) -> None:
        offsets[num] = len(out)
        out.extend(b"%d 0 obj\n" % num + body + b"\nendobj\n")

    add(1, b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>")
    add(2, b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>")
    add(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>")
    header = b"4 0 "
    packed = zlib.compress(header + action)
    add(5, b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (len(header), len(packed)))
    out[-len(b"\nendobj\n") :] = packed + b"\nendstream\nendobj\n"
    xref = len(out)
    rows = [(0, 0, 65535), *((1, offsets[n], 0) for n in (1, 2, 3)), (2, 5, 0), (1, offsets[5], 0), (1, xref, 0)]
    table = zlib.compress(b"".join(struct.pack(">BIH", *row) for row in rows))
    add(6, b"<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n" % len(table))
    out[-len(b"\nendobj\n") :] = table + b"\nendstream\nendobj\n"
    out.extend(b"startxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def test_the_object_stream_fixture_is_a_pdf_pypdf_reads():
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_with_object_stream(b"<< /S /URI /URI (https://example.com/) >>")))
    assert reader.trailer["/Root"]["/OpenAction"]["/S"] == "/URI"
    assert b"/URI" not in pdf_with_object_stream(b"<< /S /URI /URI (x) >>")  # hidden from a byte scan


def variants(name: str, data: bytes) -> list[str]:
    return [p.variant for p in attachments.problems(name, data)]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("现场.png", png()),
        ("现场.PNG", png()),
        ("现场.jpg", JPEG),
        ("现场.jpeg", JPEG),
        ("现场.gif", GIF),
        ("现场.webp", WEBP),
        ("通知.pdf", pdf()),
        ("通知.pdf", pdf(password="")),  # opens without a password: checked like any other
        ("通知.pdf", pdf_with_object_stream(b"<< /S /URI /URI (https://example.com/) >>")),
    ],
    ids=["png", "PNG", "jpg", "jpeg", "gif", "webp", "pdf", "pdf-empty-password", "pdf-object-stream"],
)
def test_attachments_that_are_what_they_say_pass(name, data):
    assert attachments.problems(name, data) == []


@pytest.mark.parametrize(
    ("name", "data", "variant"),
    [
        ("图.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "text"),
        ("图.png", b'\xef\xbb\xbf\n  <?xml version="1.0"?><svg><script>alert(1)</script></svg>', "text"),
        ("图.jpg", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "text"),
        ("图.gif", b"alert(document.cookie)//", "text"),
        ("图.webp", "<html>中文网页</html>".encode("utf-16"), "text"),
        ("图.jpg", png(), "other_ext"),
        ("图.png", GIF, "other_ext"),
        ("文件.pdf", png(), "other_ext"),
        ("图.png", pdf(), "other_ext"),
        ("图.webp", b"PK\x03\x04" + b"\0" * 40, "other"),
        ("图.png", b"MZ\x90\x00" + bytes(range(256)), "other"),  # a Windows program
        ("图.png", bytes(range(200, 256)) * 4, "unknown"),
        ("图.gif", b"", "empty"),
        ("文件.pdf", b"%PDF-1.4\n1 0 obj garbage", "pdf_broken"),
        ("文件.pdf", pdf(JavaScript("app.alert(1)")), "pdf_action"),
        ("文件.pdf", pdf_with_object_stream(b"<< /S /JavaScript /JS (app.alert(1)) >>"), "pdf_action"),
        ("文件.pdf", pdf_with_object_stream(b"<< /S /Launch /F (cmd.exe) >>"), "pdf_action"),
        ("文件.pdf", pdf(password="secret"), "pdf_encrypted"),
    ],
    ids=[
        *("svg-as-png", "xml-svg-as-png", "html-as-jpg", "script-as-gif", "utf16-html-as-webp"),
        *("png-as-jpg", "gif-as-png", "png-as-pdf", "pdf-as-png", "zip-as-webp", "exe-as-png", "noise-as-png"),
        *("empty-gif", "broken-pdf", "pdf-javascript", "pdf-js-in-object-stream", "pdf-launch-in-object-stream"),
        "pdf-password",
    ],
)
def test_attachments_that_are_not_what_they_say_are_refused(name, data, variant):
    assert variants(name, data) == [variant]


def test_names_hidden_by_escapes_and_outside_the_cross_reference_table_are_found():
    clean = pdf()
    escaped = clean.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (x) >>")
    (problem,) = attachments.problems("a.pdf", escaped)
    assert problem.variant == "pdf_action" and "/JS" in problem.values["what"]
    stray = clean + b"9 0 obj\n<< /Type /Action /S /Launch /F (calc.exe) >>\nendobj\n"
    (problem,) = attachments.problems("a.pdf", stray)  # not in the table: a viewer repairing the file finds it
    assert "/Launch" in problem.values["what"]
    shifted = clean.replace(b"xref\n", b"9 0 obj\n<< /S /Launch /F (calc.exe) >>\nendobj\nxref\n", 1)
    (problem,) = attachments.problems("a.pdf", shifted)  # damaged and with an action: the action is named
    assert problem.variant == "pdf_action" and "/Launch" in problem.values["what"]


def test_findings_name_the_kind_and_the_fix(township):
    township.write(f"{FOLDER}/2026-11-25-现场.jpg", png())
    township.write(f"{FOLDER}/2026-11-25-图.png", b"\x00<svg onload=alert(1)>\x07")
    township.write(f"{FOLDER}/2026-11-25-通知.pdf", pdf(JavaScript("app.alert(1)")))
    township.write(f"{FOLDER}/2026-11-25-好图.png", png())
    repo = load_repository(township.root, parse_date(TODAY))
    found = {f.path.rsplit("/", 1)[1]: f for f in repo.findings if f.code == "F13"}
    assert set(found) == {"2026-11-25-现场.jpg", "2026-11-25-图.png", "2026-11-25-通知.pdf"}
    assert "PNG 图片" in found["2026-11-25-现场.jpg"].message and ".png" in found["2026-11-25-现场.jpg"].message
    assert "<svg onload=alert(1)>U+0007" in found["2026-11-25-图.png"].message  # invisible characters by code
    assert "JavaScript" in found["2026-11-25-通知.pdf"].message
    assert all(f.is_error and f.line is None for f in found.values())
    assert f"{FOLDER}/2026-11-25-好图.png" in repo.attachments
    assert not set(repo.attachments) & {f.path for f in found.values()}


def test_the_site_never_publishes_a_refused_attachment(township, tmp_path):
    add_site_config(township.root)
    body = "现场照片如下。\n\n![现场](2026-11-25-现场.png)\n\n[通知](2026-11-25-通知.pdf) [好图](2026-11-25-好图.png)\n"
    township.item("2026-11-25-现场检查.md", title="勐往村开展安全生产现场检查", body=body)
    township.write(f"{FOLDER}/2026-11-25-现场.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    township.write(f"{FOLDER}/2026-11-25-通知.pdf", pdf_with_object_stream(b"<< /S /Launch /F (cmd.exe) >>"))
    township.write(f"{FOLDER}/2026-11-25-好图.png", png())
    result, site = build(township.root, site=tmp_path / "site")
    assert result.exit_code == 0, result.output
    published = site / "items/mengwang/2026"
    assert (published / "2026-11-25-现场检查/index.html").is_file()  # the item is published
    assert (published / "2026-11-25-好图.png").read_bytes() == png()
    assert not (published / "2026-11-25-现场.png").exists() and not (published / "2026-11-25-通知.pdf").exists()
    assert "2026-11-25-现场.png：F13" in result.output


def test_an_attachment_swapped_after_validation_is_not_published(township, tmp_path):
    """The bytes the site publishes are checked again: a file changed between validate and build."""
    add_site_config(township.root)
    township.item("2026-11-25-现场检查.md", title="勐往村开展安全生产现场检查", body="![现场](2026-11-25-现场.png)\n")
    township.write(f"{FOLDER}/2026-11-25-现场.png", png())
    repo = load_repository(township.root, parse_date(TODAY))
    assert f"{FOLDER}/2026-11-25-现场.png" in repo.attachments
    township.write(f"{FOLDER}/2026-11-25-现场.png", b"<html><script>alert(1)</script></html>")
    site = tmp_path / "site"
    build_with(repo, township.root, site)
    assert (site / "items/mengwang/2026/2026-11-25-现场检查/index.html").is_file()
    assert not (site / "items/mengwang/2026/2026-11-25-现场.png").exists()
