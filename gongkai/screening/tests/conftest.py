"""Fixtures for screening: records submitted with personal data or a confidentiality marking."""

from __future__ import annotations

import io

import pytest

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def citizen_id(first17: str = "11010119900307757") -> str:
    """An 18-digit 身份证号 with a valid GB 11643 check character."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


ID_NUMBER = citizen_id()


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
    return submit(draft_factory("内部资料\n本通知请各单位遵照执行。"))
