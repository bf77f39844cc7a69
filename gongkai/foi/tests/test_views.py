"""The applicant's pages and the handler's pages: what each may see and do."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.foi import views
from gongkai.foi.models import FoiApplication, Status
from gongkai.foi.tests.factories import VALID_ID_CARD, file_application

pytestmark = pytest.mark.django_db


def _form(organisation, **overrides):
    data = {
        "organisation": organisation.pk,
        "applicant_kind": "person",
        "name": "张三",
        "id_type": "id_card",
        "id_number": VALID_ID_CARD,
        "phone": "13812345678",
        "email": "zhangsan@example.com",
        "description": "2025年本市义务教育阶段学校招生计划",
        "delivery_form": "electronic",
        "delivery_way": "email",
    }
    data.update(overrides)
    return data


def test_citizen_files_and_gets_tracking_number_and_secret(client, education):
    response = client.post(reverse("foi:apply"), _form(education), follow=True)
    application = FoiApplication.objects.get()
    assert application.received_on == timezone.localdate()
    body = response.content.decode()
    assert application.tracking_number in body
    assert "查询码只显示这一次" in body


def test_receipt_is_shown_only_once(client, education):
    client.post(reverse("foi:apply"), _form(education))
    client.get(reverse("foi:receipt"))
    response = client.get(reverse("foi:receipt"))
    assert response.status_code == 302


def test_invalid_filing_shows_the_message_in_chinese(client, education):
    response = client.post(reverse("foi:apply"), _form(education, id_number="123"))
    assert response.status_code == 400
    assert "居民身份证号码应为 18 位" in response.content.decode()
    assert not FoiApplication.objects.exists()


def test_missing_required_field_says_so(client, education):
    response = client.post(reverse("foi:apply"), _form(education, description=""))
    assert response.status_code == 400
    assert "此项为必填项" in response.content.decode()


def test_filing_is_rate_limited(client, education, monkeypatch):
    monkeypatch.setattr(views, "FILE_LIMIT", 1)
    client.post(reverse("foi:apply"), _form(education))
    response = client.post(reverse("foi:apply"), _form(education))
    assert response.status_code == 429
    assert FoiApplication.objects.count() == 1


def test_status_page_needs_the_secret(client, education):
    application, _ = file_application(education)
    response = client.get(reverse("foi:status", args=[application.tracking_number]))
    assert response.status_code == 404


def test_lookup_with_secret_opens_the_status_page(client, education):
    application, secret = file_application(education)
    response = client.post(
        reverse("foi:lookup"), {"tracking_number": application.tracking_number, "secret": secret}, follow=True
    )
    assert response.status_code == 200
    assert application.get_status_display() in response.content.decode()


def test_lookup_with_wrong_secret_is_refused(client, education):
    application, _ = file_application(education)
    response = client.post(
        reverse("foi:lookup"), {"tracking_number": application.tracking_number, "secret": "x"}
    )
    assert response.status_code == 400
    assert "申请编号或查询码不正确" in response.content.decode()


def test_lookup_is_rate_limited(client, education, monkeypatch):
    monkeypatch.setattr(views, "LOOKUP_LIMIT", 2)
    application, _ = file_application(education)
    for _attempt in range(2):
        client.post(reverse("foi:lookup"), {"tracking_number": application.tracking_number, "secret": "x"})
    response = client.post(
        reverse("foi:lookup"), {"tracking_number": application.tracking_number, "secret": "x"}
    )
    assert response.status_code == 429


def test_applicant_sees_only_the_application_they_opened(client, education):
    mine, secret = file_application(education)
    other, _ = file_application(education)
    client.post(reverse("foi:lookup"), {"tracking_number": mine.tracking_number, "secret": secret})
    assert client.get(reverse("foi:status", args=[mine.tracking_number])).status_code == 200
    assert client.get(reverse("foi:status", args=[other.tracking_number])).status_code == 404


def test_applicant_answers_correction_online(client, education, handler_in_dept):
    from gongkai.foi import services

    today = timezone.localdate()
    application, secret = file_application(education, on=today)
    services.application_request_correction(
        application, actor=handler_in_dept, text="请写明文件年份", on=today, period_days=10, today=today
    )
    client.post(reverse("foi:lookup"), {"tracking_number": application.tracking_number, "secret": secret})
    page = client.get(reverse("foi:status", args=[application.tracking_number])).content.decode()
    assert "请写明文件年份" in page
    client.post(reverse("foi:supplement", args=[application.tracking_number]), {"answer": "2025年度"})
    application.refresh_from_db()
    assert application.status == Status.RECEIVED
    assert application.steps.get(kind="correction").answer == "2025年度"


def test_applicant_withdraws_online(client, education):
    application, secret = file_application(education)
    client.post(reverse("foi:lookup"), {"tracking_number": application.tracking_number, "secret": secret})
    client.post(reverse("foi:withdraw", args=[application.tracking_number]), {"reason": "不再需要"})
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN


def test_withdraw_without_lookup_is_refused(client, education):
    application, _ = file_application(education)
    response = client.post(reverse("foi:withdraw", args=[application.tracking_number]), {"reason": ""})
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == Status.RECEIVED


# --- staff -------------------------------------------------------------------------------------------------


def test_handler_queue_shows_own_department_only(client, education, finance, handler_in_dept):
    mine, _ = file_application(education)
    theirs, _ = file_application(finance)
    client.force_login(handler_in_dept)
    body = client.get(reverse("staff:foi_queue")).content.decode()
    assert mine.tracking_number in body
    assert theirs.tracking_number not in body


def test_handler_in_sibling_department_gets_404_on_detail(client, education, handler_in_sibling):
    application, _ = file_application(education)
    client.force_login(handler_in_sibling)
    assert client.get(reverse("staff:foi_application", args=[application.pk])).status_code == 404


def test_handler_in_sibling_department_cannot_post_a_step(client, education, handler_in_sibling):
    application, _ = file_application(education)
    client.force_login(handler_in_sibling)
    response = client.post(
        reverse("staff:foi_step", args=[application.pk, "reply"]),
        {"reply-decision": "disclose", "reply-text": "x"},
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == Status.RECEIVED


def test_queue_marks_overdue_applications_red(client, education, handler_in_dept):
    application, _ = file_application(education, on=dt.date(2026, 9, 18))
    client.force_login(handler_in_dept)
    body = client.get(reverse("staff:foi_queue")).content.decode()
    assert re.search(r'rag--red">\s*<td><a href="[^"]+">' + application.tracking_number, body)


def test_queue_query_count_does_not_grow_with_rows(
    client, education, handler_in_dept, django_assert_num_queries
):
    for _n in range(3):
        file_application(education)
    client.force_login(handler_in_dept)
    client.get(reverse("staff:foi_queue"))  # warm the holiday schedule and session
    with django_assert_num_queries(7) as few:  # + one for the similar-request counts
        client.get(reverse("staff:foi_queue"))
    for _n in range(10):
        file_application(education)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("staff:foi_queue"))


def test_handler_replies_through_the_page(client, education, handler_in_dept):
    application, _ = file_application(education)
    client.force_login(handler_in_dept)
    page = client.get(reverse("staff:foi_application", args=[application.pk])).content.decode()
    assert "计算依据" in page
    client.post(
        reverse("staff:foi_step", args=[application.pk, "reply"]),
        {"reply-decision": "disclose", "reply-text": "现提供该信息"},
    )
    application.refresh_from_db()
    assert application.status == Status.REPLIED


def test_handler_registers_a_fax_application(client, education, handler_in_dept):
    client.force_login(handler_in_dept)
    response = client.post(
        reverse("staff:foi_register"),
        _form(education, channel="fax", submitted_on="2026-09-17", confirmed_on="2026-09-18"),
    )
    application = FoiApplication.objects.get()
    assert response.status_code == 302
    assert application.received_on == dt.date(2026, 9, 18)
    assert application.registered_by == handler_in_dept


def test_fax_registration_without_confirmation_date_is_refused(client, education, handler_in_dept):
    client.force_login(handler_in_dept)
    response = client.post(
        reverse("staff:foi_register"), _form(education, channel="fax", submitted_on="2026-09-17")
    )
    assert response.status_code == 200
    assert "确认收到申请的日期" in response.content.decode()
    assert not FoiApplication.objects.exists()


def test_dashboard_shows_the_foi_panel_and_nav_to_handlers(client, education, handler_in_dept):
    file_application(education, on=dt.date(2026, 9, 18))
    client.force_login(handler_in_dept)
    body = client.get(reverse("staff:dashboard")).content.decode()
    assert reverse("staff:foi_queue") in body
    assert "已超期 <strong>1</strong> 件" in body


def test_dashboard_hides_the_foi_panel_from_editors(client, education, editor_in_dept):
    client.force_login(editor_in_dept)
    body = client.get(reverse("staff:dashboard")).content.decode()
    assert reverse("staff:foi_queue") not in body


def test_application_form_is_available_in_english(client, education):
    client.cookies["django_language"] = "en"
    body = client.get(reverse("foi:apply"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Request for government information" in body
    assert "Tracking number" not in body  # the receipt's words are not on the form


def test_guide_lists_the_organisations_channels_and_this_years_figures(client, education):
    education.address = "沈阳市和平区某路1号"
    education.fax = "024-12345678"
    education.save(update_fields=["address", "fax"])
    file_application(education, on=timezone.localdate())
    body = client.get(reverse("foi:guide", args=[education.code])).content.decode()
    assert "沈阳市和平区某路1号" in body
    assert "024-12345678" in body
    assert "本年收到申请 1 件" in body
    assert f"?organisation={education.pk}" in body


def test_guide_of_unknown_organisation_is_404(client, db):
    assert client.get(reverse("foi:guide", args=["nope"])).status_code == 404


def test_form_preselects_the_organisation_from_the_guide(client, education):
    body = client.get(reverse("foi:apply") + f"?organisation={education.pk}").content.decode()
    assert f'<option value="{education.pk}" selected>' in body


def test_dashboard_counts_approaching_applications(client, education, handler_in_dept):
    file_application(education, on=timezone.localdate())  # due in 20 working days: on time
    application, _ = file_application(education, on=timezone.localdate())
    application.due_on = timezone.localdate()  # due today: approaching
    application.save(update_fields=["due_on"])
    client.force_login(handler_in_dept)
    body = client.get(reverse("staff:dashboard")).content.decode()
    assert (
        "办理中 <strong>2</strong> 件，已超期 <strong>0</strong> 件，即将到期 <strong>1</strong> 件" in body
    )


def test_field_error_is_tied_to_its_input(client, education):
    body = client.post(reverse("foi:apply"), _form(education, phone="x")).content.decode()
    assert 'aria-describedby="id_phone_error"' in body
    assert 'id="id_phone_error"' in body
