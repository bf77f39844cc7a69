"""Filing: validation of what art. 29 requires (R1.6), attachments, the tracking number and the secret."""

import datetime as dt

import pytest

from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.foi import services
from gongkai.foi.models import FoiApplication, IdType
from gongkai.foi.tests.factories import company_input, file_application, person_input

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_tracking_number_and_secret_open_the_application(education):
    application, secret = file_application(education)
    found = services.application_get_by_secret(tracking_number=application.tracking_number, secret=secret)
    assert found == application


def test_secret_is_not_stored_in_clear(education):
    application, secret = file_application(education)
    assert secret not in application.secret_hash
    assert len(application.secret_hash) == 64


def test_wrong_secret_gets_the_same_answer_as_an_unknown_number(education):
    application, _ = file_application(education)
    with pytest.raises(NotFound, match="申请编号或查询码不正确") as wrong:
        services.application_get_by_secret(tracking_number=application.tracking_number, secret="guess")
    with pytest.raises(NotFound, match="申请编号或查询码不正确") as unknown:
        services.application_get_by_secret(tracking_number="YSQ000", secret="guess")
    assert wrong.value.code == unknown.value.code == "foi.not_found"


def test_another_applicants_secret_does_not_open_the_application(education):
    first, _ = file_application(education)
    _second, other_secret = file_application(education)
    with pytest.raises(NotFound):
        services.application_get_by_secret(tracking_number=first.tracking_number, secret=other_secret)


def test_invalid_id_card_number_is_refused(education):
    with pytest.raises(ValidationFailed, match="居民身份证号码应为 18 位") as exc:
        services.application_file(
            data=person_input(education, id_number="110105194912310021"), submitted_on=dt.date(2026, 9, 18)
        )
    assert exc.value.fields.keys() == {"id_number"}


def test_organisation_applicant_needs_a_credit_code(education):
    with pytest.raises(ValidationFailed, match="统一社会信用代码"):
        services.application_file(
            data=company_input(education, id_type=IdType.ID_CARD), submitted_on=dt.date(2026, 9, 18)
        )


def test_organisation_applicant_needs_a_legal_representative(education):
    with pytest.raises(ValidationFailed) as exc:
        services.application_file(
            data=company_input(education, legal_representative=""), submitted_on=dt.date(2026, 9, 18)
        )
    assert exc.value.fields["legal_representative"] == "请填写法定代表人或负责人"


def test_company_application_is_accepted(education):
    application, _ = services.application_file(
        data=company_input(education), submitted_on=dt.date(2026, 9, 18)
    )
    assert application.is_organisation_applicant


def test_short_description_is_refused(education):
    with pytest.raises(ValidationFailed, match="特征性描述"):
        services.application_file(
            data=person_input(education, description="文件"), submitted_on=dt.date(2026, 9, 18)
        )


def test_email_delivery_needs_an_email_address(education):
    with pytest.raises(ValidationFailed, match="请填写电子邮箱"):
        services.application_file(data=person_input(education, email=""), submitted_on=dt.date(2026, 9, 18))


def test_bad_phone_is_refused(education):
    with pytest.raises(ValidationFailed, match="联系电话应为"):
        services.application_file(
            data=person_input(education, phone="12ab"), submitted_on=dt.date(2026, 9, 18)
        )


def test_pdf_attachment_is_kept(education):
    application, _ = file_application(education, identity_proof=("id.pdf", PDF))
    attachment = application.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.is_identity_proof


def test_executable_attachment_is_refused_and_nothing_is_filed(education):
    with pytest.raises(ValidationFailed, match="只能上传") as exc:
        file_application(education, attachments=[("run.exe", b"MZ\x90\x00" + b"\x00" * 100)])
    assert "attachments" in exc.value.fields
    assert not FoiApplication.objects.exists()
