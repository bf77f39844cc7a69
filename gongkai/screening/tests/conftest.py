"""Fixtures for screening: records submitted with personal data, and the screens' engines.

Until ``review.confidentiality`` and ``review.office`` are installed (issue 12's engines, written in parallel),
small stand-ins with the same interface are put in their place; once they are, the real ones run.
"""

from __future__ import annotations

import importlib
import io
import re
import sys
import types
import zipfile
from dataclasses import dataclass

import pytest

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def citizen_id(first17: str = "11010119900307757") -> str:
    """An 18-digit 身份证号 with a valid GB 11643 check character."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


ID_NUMBER = citizen_id()


@dataclass(frozen=True)
class _Flag:
    start: int
    end: int
    kind: str
    rule: str
    text: str
    label: str


def _fake_confidentiality() -> types.ModuleType:
    module = types.ModuleType("gongkai.review.confidentiality")
    markers = {
        "秘密": "classification",
        "机密": "classification",
        "内部资料": "internal",
        "不得公开": "internal",
    }

    def screen_text(text, *, final, extra_terms=()):
        flags = []
        for word, kind in markers.items():
            for match in re.finditer(re.escape(word), text):
                flags.append(_Flag(match.start(), match.end(), kind, word, word, word))
        return flags

    module.screen_text = screen_text
    module.active_terms = lambda: []
    module.Flag = _Flag
    return module


def _replace_in_zip(data: bytes, replacements) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename.endswith(".xml"):
                text = content.decode("utf-8")
                for key, value in replacements.items():
                    text = text.replace(key, value)
                content = text.encode("utf-8")
            dst.writestr(item, content)
    return out.getvalue()


def _fake_office() -> types.ModuleType:
    module = types.ModuleType("gongkai.review.office")
    module.mask_docx = _replace_in_zip
    module.mask_xlsx = _replace_in_zip

    def mask_pdf_text(text, replacements):
        from gongkai.core.pdf import text_pdf

        for key, value in replacements.items():
            text = text.replace(key, value)
        return text_pdf(text.split("\n"))

    module.mask_pdf_text = mask_pdf_text
    return module


def _install(monkeypatch, name: str, fake) -> None:
    try:
        importlib.import_module(name)
    except ImportError:
        monkeypatch.setitem(sys.modules, name, fake())


@pytest.fixture(autouse=True)
def _engines(monkeypatch):
    _install(monkeypatch, "gongkai.review.confidentiality", _fake_confidentiality)
    _install(monkeypatch, "gongkai.review.office", _fake_office)


def make_docx(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def draft_factory(education, editor_in_dept):
    """A draft record of the education bureau with the given body, written by its editor."""
    from gongkai.documents.models import Status
    from gongkai.documents.tests.factories import DocumentFactory

    def make(body: str = "各有关单位：现将有关事项通知如下。", **fields):
        from gongkai.documents.richtext import body_from_input

        body_html, body_text = body_from_input(body)
        return DocumentFactory(
            organisation=education,
            status=Status.DRAFT,
            published_on=None,
            body_html=body_html,
            body_text=body_text,
            created_by=editor_in_dept,
            **fields,
        )

    return make


@pytest.fixture
def submit(editor_in_dept):
    from gongkai.documents.workflow import document_machine

    def run(doc, actor=None):
        document_machine.apply(doc, "submit", actor=actor or editor_in_dept)
        return doc

    return run


@pytest.fixture
def id_doc(draft_factory, submit):
    """A submitted record whose body carries a citizen's ID number."""
    doc = draft_factory(f"经查，当事人张某（身份证号：{ID_NUMBER}）违反了有关规定。")
    return submit(doc)


@pytest.fixture
def marked_doc(draft_factory, submit):
    """A submitted record whose body carries a confidentiality marking (内部资料)."""
    return submit(draft_factory("本通知为内部资料，请各单位遵照执行。"))
