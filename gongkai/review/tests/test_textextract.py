"""Text extraction by content type (reused by the documents app for attachments)."""

import io

import docx
from openpyxl import Workbook

from gongkai.review.textextract import DOCX, PDF, XLSX, extract_text


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
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert extract_text(buffer.getvalue()) == ("", PDF)


def test_image_gives_no_text():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    assert extract_text(png)[0] == ""
