"""Reply letters: each decision type's DOCX carries its legal basis and the remedy sentence."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from gongkai.core import files
from gongkai.foi import services
from gongkai.foi.letters import LEGAL_BASIS, REMEDY, reply_letter_docx
from gongkai.foi.models import Decision, ReportMapping
from gongkai.foi.tests.factories import file_application

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


@pytest.mark.parametrize("decision", Decision.values)
def test_letter_of_each_decision_carries_its_legal_basis(decision, education, handler_in_dept):
    application, _ = file_application(education)
    row = ReportMapping.objects.filter(decision=decision).values_list("report_row", flat=True).first()
    services.application_reply(
        application,
        actor=handler_in_dept,
        decision=decision,
        report_row=row,
        text="答复正文",
        today=dt.date(2026, 9, 25),
    )
    text = _text(reply_letter_docx(application))
    assert LEGAL_BASIS[decision] in text
    assert REMEDY in text
    assert "沈阳市教育局" in text
    assert files.sniff(reply_letter_docx(application)) == files.DOCX


def test_applicant_downloads_the_letter_after_the_reply(client, education, handler_in_dept):
    application, secret = file_application(education)
    client.post(reverse("foi:lookup"), {"tracking_number": application.tracking_number, "secret": secret})
    url = reverse("foi:letter", args=[application.tracking_number])
    assert client.get(url).status_code == 404
    services.application_reply(
        application, actor=handler_in_dept, decision="disclose", text="提供", today=dt.date(2026, 9, 25)
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "第三十六条第（二）项" in _text(response.content)


def test_handler_in_sibling_cannot_download_the_letter(
    client, education, handler_in_dept, handler_in_sibling
):
    application, _ = file_application(education)
    services.application_reply(
        application, actor=handler_in_dept, decision="disclose", text="提供", today=dt.date(2026, 9, 25)
    )
    client.force_login(handler_in_sibling)
    assert client.get(reverse("staff:foi_letter", args=[application.pk])).status_code == 404


def test_letter_stays_in_chinese_when_the_page_is_in_english(education, handler_in_dept):
    from django.utils import translation

    application, _ = file_application(education)
    services.application_reply(
        application, actor=handler_in_dept, decision="disclose", text="提供", today=dt.date(2026, 9, 25)
    )
    with translation.override("en"):
        text = _text(reply_letter_docx(application))
    assert text.startswith("政府信息公开申请答复书")


# --- editable templates and PDF (issue 13, step 1) ---------------------------------------------------------


def _reply(application, handler, decision="disclose", text="答复正文"):
    row = ReportMapping.objects.filter(decision=decision).values_list("report_row", flat=True).first()
    services.application_reply(
        application, actor=handler, decision=decision, report_row=row, text=text, today=dt.date(2026, 9, 25)
    )


@pytest.mark.parametrize("decision", Decision.values)
def test_pdf_of_each_decision_carries_its_legal_basis(decision, education, handler_in_dept):
    from pypdf import PdfReader

    from gongkai.core import pdf
    from gongkai.foi.letters import reply_letter_pdf

    if pdf.cjk_font() is None:
        pytest.skip("no CJK font on this machine")
    application, _ = file_application(education)
    _reply(application, handler_in_dept, decision)
    data = reply_letter_pdf(application)
    pages = PdfReader(io.BytesIO(data)).pages
    text = "".join(p.extract_text() for p in pages).replace("\n", "").replace("\x00", "").replace(" ", "")
    assert LEGAL_BASIS[decision] in text
    assert "六十日内" in text and "六个月内" in text


def test_default_templates_are_shipped_as_data():
    from gongkai.foi.models import LetterTemplate

    assert set(LetterTemplate.objects.filter(organisation=None).values_list("decision", flat=True)) == set(
        Decision.values
    )


def test_unknown_placeholder_is_refused_with_its_name(education):
    from gongkai.core.errors import ValidationFailed
    from gongkai.foi.letters import template_validate

    with pytest.raises(ValidationFailed) as exc:
        template_validate("{申请人}：您好，{身份证号}")
    assert "{身份证号}" in exc.value.message
    assert "{申请人}" in exc.value.message  # the list of the known ones


def test_unbalanced_braces_are_refused():
    from gongkai.core.errors import ValidationFailed
    from gongkai.foi.letters import template_validate

    with pytest.raises(ValidationFailed, match="花括号"):
        template_validate("答复{内容")


def test_organisation_template_overrides_the_default_in_the_letter(education, head_in_dept, handler_in_dept):
    from gongkai.foi.letters import letter_template_save

    letter_template_save(
        actor=head_in_dept,
        decision="disclose",
        organisation=education,
        title="教育局答复书",
        body="{申请人}您好，特别答复：{答复内容}",
        legal_basis="条例第三十六条第（二）项（教育局）",
    )
    application, _ = file_application(education)
    _reply(application, handler_in_dept)
    text = _text(reply_letter_docx(application))
    assert "教育局答复书" in text
    assert "特别答复：答复正文" in text
    assert "条例第三十六条第（二）项（教育局）" in text
    assert REMEDY in text  # never left out, whatever the template says


def test_handler_may_not_edit_templates(education, handler_in_dept):
    from gongkai.core.errors import PermissionDenied
    from gongkai.foi.letters import letter_template_save

    with pytest.raises(PermissionDenied):
        letter_template_save(
            actor=handler_in_dept,
            decision="disclose",
            organisation=education,
            title="",
            body="{答复内容}",
            legal_basis="x",
        )


def test_template_edit_page_refuses_unknown_placeholder(client, education, head_in_dept):
    client.force_login(head_in_dept)
    url = reverse("staff:foi_letter_template", args=["disclose"]) + f"?org={education.pk}"
    response = client.post(
        url, {"title": "答复书", "body": "{申请人} {电话}", "legal_basis": "第三十六条", "org": education.pk}
    )
    assert response.status_code == 200
    assert "{电话}" in response.content.decode()


def test_template_edit_is_audited(education, head_in_dept):
    from gongkai.core.models import AuditEvent
    from gongkai.foi.letters import letter_template_save

    letter_template_save(
        actor=head_in_dept,
        decision="withhold",
        organisation=education,
        title="",
        body="{答复内容}",
        legal_basis="第十四条",
    )
    assert AuditEvent.objects.filter(action="foi_letter_template.save", actor=head_in_dept).exists()


def test_applicant_downloads_the_pdf_letter(client, education, handler_in_dept):
    from gongkai.core import pdf

    if pdf.cjk_font() is None:
        pytest.skip("no CJK font on this machine")
    application, secret = file_application(education)
    client.post(reverse("foi:lookup"), {"tracking_number": application.tracking_number, "secret": secret})
    _reply(application, handler_in_dept)
    response = client.get(reverse("foi:letter_pdf", args=[application.tracking_number]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
