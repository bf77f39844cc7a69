import io

import pytest
from pypdf import PdfReader

from gongkai.core import pdf
from gongkai.core.errors import ValidationFailed

needs_font = pytest.mark.skipif(pdf.cjk_font() is None, reason="no CJK font (apt-get install fonts-noto-cjk)")


@needs_font
def test_text_pdf_carries_the_chinese_text():
    data = pdf.text_pdf(
        ["依据《中华人民共和国政府信息公开条例》第二十七条。"], title="政府信息公开申请答复书"
    )
    text = (
        "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        .replace(" ", "")
        .replace("\x00", "")
    )
    assert "答复书" in text
    assert "第二十七条" in text


def test_text_pdf_without_font_says_which_is_missing(settings, monkeypatch):
    monkeypatch.setattr(pdf, "DEFAULT_FONTS", ())
    settings.PDF_CJK_FONT = ""
    with pytest.raises(ValidationFailed) as caught:
        pdf.text_pdf(["文本"])
    assert caught.value.code == "core.pdf_font_missing"
