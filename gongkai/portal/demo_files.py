"""Files for the demo's attachments and 图解, made in code (no binary files in the repository).

``bar_chart_png`` draws a bar chart as a PNG with the standard library only (zlib and struct): the demo's 图解
says in its text what the bars show, as a graphic interpretation must for readers who cannot see it.
"""

from __future__ import annotations

import io
import struct
import zlib

WHITE = (255, 255, 255)
BRAND = (158, 26, 26)
GRID = (201, 195, 184)
TEXT = (26, 26, 26)


def _png(width: int, height: int, pixels: list[bytearray]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(row) for row in pixels)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def bar_chart_png(values: list[int], *, width: int = 640, height: int = 360) -> bytes:
    """A bar per value on a white ground with a baseline and grid lines, scaled to the largest value."""
    pixels = [bytearray(WHITE * width) for _ in range(height)]

    def fill(x0: int, y0: int, x1: int, y1: int, colour: tuple[int, int, int]) -> None:
        for y in range(max(y0, 0), min(y1, height)):
            row = pixels[y]
            for x in range(max(x0, 0), min(x1, width)):
                row[3 * x : 3 * x + 3] = bytes(colour)

    margin, base = 40, height - 40
    top = 30
    for step in range(5):
        y = base - (base - top) * step // 4
        fill(margin, y, width - margin, y + 1, GRID)
    fill(margin, base, width - margin, base + 2, TEXT)
    biggest = max(values) or 1
    slot = (width - 2 * margin) // max(len(values), 1)
    for i, value in enumerate(values):
        bar_height = (base - top) * value // biggest
        x0 = margin + i * slot + slot // 5
        fill(x0, base - bar_height, x0 + slot * 3 // 5, base, BRAND)
    return _png(width, height, pixels)


def docx_bytes(title: str, paragraphs: list[str]) -> bytes:
    """A DOCX with a heading and paragraphs (python-docx)."""
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(sheet_title: str, rows: list[list[object]]) -> bytes:
    """An XLSX with one sheet, a bold header row (openpyxl)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
