"""Plain text from uploaded files, chosen by content type, not by file name.

Reused by the de-identification command and by the documents app for attachments: PDF (pypdf),
DOCX (python-docx, paragraphs and table rows), XLSX (openpyxl, one line per row, cells separated by
tabs), plain text (UTF-8, else GB 18030); images and unknown binaries give "".
"""

from __future__ import annotations

import io
import logging

import filetype

logger = logging.getLogger(__name__)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT = "text/plain"


def sniff(data: bytes) -> str:
    """The MIME type of ``data`` from its magic bytes; ``text/plain`` when it decodes as text."""
    kind = filetype.guess(data)
    if kind is not None:
        return kind.mime
    if data.startswith(b"%PDF"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:4096]:
            return DOCX
        if b"xl/" in data[:4096]:
            return XLSX
        return "application/zip"
    if b"\x00" in data[:4096]:
        return "application/octet-stream"
    return TEXT


def decode_text(data: bytes) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), else GB 18030, the usual legacy encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells = ["" if v is None else str(v) for v in row]
            if any(cells):
                lines.append("\t".join(cells))
    workbook.close()
    return "\n".join(lines)


_EXTRACTORS = {PDF: _pdf_text, DOCX: _docx_text, XLSX: _xlsx_text}


def extract_text(data: bytes) -> tuple[str, str]:
    """Return ``(text, mime)`` for the file content ``data``; text is "" for images and binaries."""
    mime = sniff(data)
    if mime == TEXT:
        return decode_text(data), mime
    extractor = _EXTRACTORS.get(mime)
    if extractor is None:
        return "", mime
    try:
        return extractor(data), mime
    except Exception as exc:  # a damaged file must not stop a batch; report its kind only
        logger.warning("text extraction failed for %s: %s", mime, type(exc).__name__)
        return "", mime
