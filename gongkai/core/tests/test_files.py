"""Uploaded files: type by content, the upload checks, and text extraction that a hostile file cannot make
expensive (decompression bombs, issue 8)."""

import io
import zipfile

import docx
import pytest
from openpyxl import Workbook

from gongkai.core.errors import ValidationFailed
from gongkai.core.files import DOCX, PDF, XLSX, check_upload, extract_text, sniff
from gongkai.core.tests.samples import docx_bomb_bytes, docx_bytes, pdf_bytes


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    """The bomb of issue 8: a few hundred KB whose ``word/document.xml`` inflates to 120 MB."""
    return docx_bomb_bytes(120 * 1024 * 1024)


def test_utf8_text_is_decoded():
    assert extract_text("公开".encode()) == ("公开", "text/plain")


def test_gb18030_text_is_decoded():
    assert extract_text("公开".encode("gb18030"))[0] == "公开"


def test_docx_paragraphs_and_tables_are_read():
    document = docx.Document()
    document.add_paragraph("第一段")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "姓名"
    table.rows[0].cells[1].text = "王小明"
    buffer = io.BytesIO()
    document.save(buffer)
    text, mime = extract_text(buffer.getvalue())
    assert mime == DOCX
    assert "第一段" in text and "姓名\t王小明" in text


def test_xlsx_rows_become_tab_separated_lines():
    workbook = Workbook()
    workbook.active.append(["姓名", "电话"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert extract_text(buffer.getvalue()) == ("姓名\t电话", XLSX)


def test_pdf_is_recognised_by_magic_bytes():
    assert extract_text(pdf_bytes([])) == ("", PDF)


def test_pdf_text_is_read_page_by_page():
    assert extract_text(pdf_bytes(["first page", "second page"]))[0].split("\n") == [
        "first page",
        "second page",
    ]


def test_pdf_text_is_read_from_the_first_pages_only(settings):
    settings.FILES_MAX_PDF_PAGES = 2
    assert extract_text(pdf_bytes(["page one", "page two", "page three"]))[0].split("\n") == [
        "page one",
        "page two",
    ]


def test_image_gives_no_text():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    assert extract_text(png)[0] == ""


def test_a_zip_that_is_not_an_office_file_is_a_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word.txt", "word/document.xml")
    assert sniff(buffer.getvalue()) == "application/zip"


def test_upload_check_returns_the_type_judged_by_content():
    assert check_upload(docx_bytes()) == DOCX


def test_empty_upload_is_refused():
    with pytest.raises(ValidationFailed, match="空文件") as caught:
        check_upload(b"")
    assert (caught.value.code, list(caught.value.fields)) == ("files.empty", ["file"])


def test_upload_over_the_size_limit_is_refused():
    with pytest.raises(ValidationFailed, match="不能超过 1 MB") as caught:
        check_upload(b"%PDF-" + b"0" * 1024 * 1024, max_bytes=1024 * 1024)
    assert (caught.value.code, list(caught.value.fields)) == ("files.too_large", ["file"])


def test_executable_renamed_to_pdf_is_refused():
    with pytest.raises(ValidationFailed, match="只能上传") as caught:
        check_upload(b"MZ\x90\x00" + b"\x00" * 100)
    assert (caught.value.code, list(caught.value.fields)) == ("files.unsupported_type", ["file"])


def test_docx_bomb_is_refused_at_upload(docx_bomb):
    assert len(docx_bomb) < 1024 * 1024
    with pytest.raises(ValidationFailed, match="压缩炸弹") as caught:
        check_upload(docx_bomb)
    assert (caught.value.code, list(caught.value.fields)) == ("files.too_complex", ["file"])


def test_docx_bomb_gives_no_text(docx_bomb):
    assert extract_text(docx_bomb) == ("", DOCX)


def test_docx_bomb_is_never_handed_to_python_docx(docx_bomb, monkeypatch):
    opened = []
    monkeypatch.setattr(docx, "Document", lambda stream: opened.append(stream))
    extract_text(docx_bomb)
    assert opened == []


def test_member_compressed_past_the_ratio_is_refused_under_the_total_cap():
    # 8 MB inflated stays under the 50 MB total; its ratio of several hundred to one gives it away.
    with pytest.raises(ValidationFailed, match="压缩炸弹"):
        check_upload(docx_bomb_bytes(8 * 1024 * 1024))


def test_archive_inflating_past_the_total_cap_is_refused(settings):
    settings.FILES_MAX_INFLATED_BYTES = 10_000
    with pytest.raises(ValidationFailed, match="压缩炸弹"):
        check_upload(docx_bytes())
