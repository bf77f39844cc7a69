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
