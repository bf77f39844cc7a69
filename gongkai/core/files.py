"""Uploaded files: the type judged by content, the upload checks, and bounded text extraction.

The content decides a file's type, never its name (SPEC: upload type/size checks). Text is read from PDF
(pypdf), DOCX (python-docx: paragraphs, then table rows), XLSX (openpyxl: one line per row, cells separated
by tabs) and plain text (UTF-8, else GB 18030); images and other binaries have none.

Untrusted files must stay cheap to read (issue 8, decompression bombs). A DOCX or XLSX is a ZIP archive:
before python-docx or openpyxl opens one, the sizes its central directory declares are checked, and
nothing is inflated when

* the members together would inflate past ``FILES_MAX_INFLATED_BYTES`` (default 50 MB), or
* a member inflating past 1 MB is compressed more than ``FILES_MAX_COMPRESSION_RATIO`` to one (default
  100; Office XML compresses about 5–30 to one, a bomb several hundred to a thousand), or
* it holds more than 10,000 members.

The declared sizes are a bound, not a hint: Python's ``zipfile``, which both libraries use, stops a
member at its declared size and rejects it on a CRC mismatch. Such a file is refused at upload
(``files.too_complex``) and yields no text elsewhere. A PDF's text is read from its first
``FILES_MAX_PDF_PAGES`` pages (default 500); pypdf itself caps each decoded stream (75 MB in pypdf 5+).
"""

from __future__ import annotations

import io
import itertools
import logging
import zipfile

import filetype
from django.conf import settings
from django.utils.translation import gettext

from gongkai.core.errors import ValidationFailed

logger = logging.getLogger(__name__)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
TEXT = "text/plain"
ZIP = "application/zip"
BINARY = "application/octet-stream"

# What a record's attachment (附件) may be, with the name shown to people.
ATTACHMENT_TYPES = {PDF: "PDF", DOCX: "DOCX", XLSX: "XLSX", PNG: "PNG", JPEG: "JPEG", GIF: "GIF"}
IMAGE_TYPES = frozenset({PNG, JPEG, GIF})

_MAX_MEMBERS = 10_000
_RATIO_FLOOR = 1024 * 1024  # smaller members may compress well without being a threat


def sniff(data: bytes) -> str:
    """The MIME type of ``data`` from its bytes: DOCX and XLSX by the parts their archive lists (read from the
    ZIP directory, nothing inflated), other binaries by magic bytes, ``text/plain`` for the rest."""
    if data.startswith(b"PK\x03\x04"):
        office = _office_type(data)
        if office is not None:
            return office
    kind = filetype.guess(data)
    if kind is not None:
        return kind.mime
    if data.startswith(b"%PDF"):
        return PDF
    if b"\x00" in data[:4096]:
        return BINARY
    return TEXT


def check_upload(data: bytes, *, max_bytes: int | None = None) -> str:
    """Check an uploaded attachment and return its MIME type (one of ``ATTACHMENT_TYPES``).

    Refused, each with ``field="file"``: an empty file (``files.empty``), one larger than ``max_bytes``
    (default ``ATTACHMENT_MAX_BYTES``; ``files.too_large``), a type other than PDF, DOCX, XLSX, PNG, JPEG or
    GIF (``files.unsupported_type``) and a DOCX or XLSX that would inflate past the caps of this module
    (``files.too_complex``).
    """
    limit = settings.ATTACHMENT_MAX_BYTES if max_bytes is None else max_bytes
    if not data:
        raise ValidationFailed(gettext("附件为空文件"), detail="Empty file", code="files.empty", field="file")
    if len(data) > limit:
        raise ValidationFailed(
            gettext("附件不能超过 %(size)s MB") % {"size": limit // (1024 * 1024)},
            detail="File too large",
            code="files.too_large",
            field="file",
        )
    mime = sniff(data)
    if mime not in ATTACHMENT_TYPES:
        raise ValidationFailed(
            gettext("只能上传 PDF、DOCX、XLSX 或图片（PNG、JPEG、GIF）文件"),
            detail="Unsupported file type",
            code="files.unsupported_type",
            field="file",
        )
    if mime in (DOCX, XLSX) and _inflates_too_much(data):
        raise ValidationFailed(
            gettext("文件解压后过大（可能是“压缩炸弹”），无法安全处理；请另存为 PDF 或拆分后再上传"),
            detail="File expands too much when unpacked",
            code="files.too_complex",
            field="file",
        )
    return mime


def decode_text(data: bytes) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), else GB 18030, the usual legacy encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def extract_text(data: bytes) -> tuple[str, str]:
    """Return ``(text, mime)`` for the file content ``data``; never raises for a damaged or hostile file.

    Text is "" for images and other binaries, for a file that cannot be parsed, and for a DOCX or XLSX that
    would inflate past the caps (it is never opened). A PDF gives the text of its first
    ``FILES_MAX_PDF_PAGES`` pages.
    """
    mime = sniff(data)
    if mime == TEXT:
        return decode_text(data), mime
    extractor = _EXTRACTORS.get(mime)
    if extractor is None:
        return "", mime
    if mime in (DOCX, XLSX) and _inflates_too_much(data):
        logger.warning("no text read from a %s that would inflate past the caps (%d bytes)", mime, len(data))
        return "", mime
    try:
        return extractor(data), mime
    except Exception as exc:  # a damaged file must not stop an upload or a batch; report its kind only
        logger.warning("text extraction failed for %s: %s", mime, type(exc).__name__)
        return "", mime


def _zip_members(data: bytes) -> list[zipfile.ZipInfo] | None:
    """The members listed in a ZIP archive's central directory (nothing is inflated), or None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        return None


def _office_type(data: bytes) -> str | None:
    members = _zip_members(data)
    names = {member.filename for member in members or ()}
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def _inflates_too_much(data: bytes) -> bool:
    """True when a ZIP archive's declared sizes pass the caps in the module docstring."""
    members = _zip_members(data)
    if members is None:
        return False  # not an archive zipfile can open, so the extractors fail before inflating anything
    if len(members) > _MAX_MEMBERS:
        return True
    if sum(member.file_size for member in members) > settings.FILES_MAX_INFLATED_BYTES:
        return True
    ratio = settings.FILES_MAX_COMPRESSION_RATIO
    return any(
        member.file_size > _RATIO_FLOOR and member.file_size > ratio * max(member.compress_size, 1)
        for member in members
    )


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    limit = settings.FILES_MAX_PDF_PAGES
    if len(pages) > limit:
        logger.info("text read from the first %d of %d PDF pages", limit, len(pages))
    return "\n".join(page.extract_text() or "" for page in itertools.islice(pages, limit))


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
