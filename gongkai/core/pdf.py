"""PDF output with Chinese text: one place that finds a CJK font and lays out plain paragraphs (fpdf2).

Letters (FOI 答复书) and masked attachments are generated here. The font is the operator's, never downloaded:
Debian's ``fonts-noto-cjk`` by default, or the file named by ``settings.PDF_CJK_FONT``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

from gongkai.core.errors import ValidationFailed

# Debian's fonts-noto-cjk; index 2 of the collection is Simplified Chinese (SC).
DEFAULT_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
)


def cjk_font() -> tuple[str, int] | None:
    """The CJK font file and its index in a collection, or ``None`` when the machine has none."""
    configured = getattr(settings, "PDF_CJK_FONT", "")
    candidates = ((configured, 0),) if configured else DEFAULT_FONTS
    for path, index in candidates:
        if Path(path).is_file():
            return path, index if path.endswith(".ttc") else 0
    return None


def text_pdf(paragraphs: Iterable[str], *, title: str = "", author: str = "") -> bytes:
    """A PDF (A4, 25 mm margins) of ``title`` centred and bold-sized, then each paragraph as wrapped text.

    Raises ``ValidationFailed`` naming the missing font when the machine has no CJK font.
    """
    from fpdf import FPDF

    font = cjk_font()
    if font is None:
        raise ValidationFailed(
            "服务器缺少中文字体，无法生成 PDF（请安装 fonts-noto-cjk 或设置 PDF_CJK_FONT）",
            detail="No CJK font for PDF output: install fonts-noto-cjk or set PDF_CJK_FONT",
            code="core.pdf_font_missing",
        )
    path, index = font
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=25)
    if path.endswith(".ttc"):
        pdf.add_font("cjk", fname=path, collection_font_number=index)
    else:
        pdf.add_font("cjk", fname=path)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("Gongkai")
    pdf.add_page()
    if title:
        pdf.set_font("cjk", size=18)
        pdf.multi_cell(0, 12, title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.set_font("cjk", size=12)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 8, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())
