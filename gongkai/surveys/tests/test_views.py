"""The public pages (no JavaScript needed), the staff pages (scoped: out of scope is 404) and the API."""

import re

import pytest

from gongkai.surveys import services
from gongkai.surveys.models import IdentityMode, Response, Status, Survey
from gongkai.surveys.tests.factories import answers, make_survey

FORM = {"q1": "2", "q2": ["1", "3"], "q3": "4", "q4": "很好"}


def test_the_list_shows_open_surveys_but_not_drafts(client, open_survey, education, publisher):
    make_survey(education, publisher, title="草稿调查")
    body = client.get("/participation/surveys/").content.decode()
    assert open_survey.title in body
    assert "草稿调查" not in body


def test_a_draft_survey_page_is_404(client, survey):
    assert client.get(survey.get_absolute_url()).status_code == 404


def test_a_citizen_answers_with_a_plain_form_post(client, open_survey):
    page = client.get(open_survey.get_absolute_url())
    assert 'type="radio" name="q1"' in page.content.decode()
    assert "gk_survey_device" in page.cookies
    response = client.post(f"/participation/surveys/{open_survey.pk}/respond/", FORM)
    assert response.status_code == 302
    stored = Response.objects.get(survey=open_survey)
    assert stored.device_hash and stored.address_hash
    assert not stored.duplicate


def test_a_second_answer_from_the_same_browser_is_flagged(client, open_survey):
    client.get(open_survey.get_absolute_url())
    client.post(f"/participation/surveys/{open_survey.pk}/respond/", FORM)
    client.post(f"/participation/surveys/{open_survey.pk}/respond/", FORM)
    assert list(Response.objects.order_by("seq").values_list("duplicate", flat=True)) == [False, True]


def test_a_refused_answer_comes_back_with_the_choices_and_the_messages(client, open_survey):
    response = client.post(f"/participation/surveys/{open_survey.pk}/respond/", {"q1": "2", "q4": "保留"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "请回答第 2 题" in body and "请回答第 3 题" in body
    assert re.search(r'id="q1-2" value="2"\s*checked', body)
    assert "保留" in body


def test_the_address_rate_limit_refuses_with_a_clear_message(client, open_survey, monkeypatch):
    monkeypatch.setattr("gongkai.surveys.views.RESPONSE_LIMIT", (1, 3600))
    client.post(f"/participation/surveys/{open_survey.pk}/respond/", FORM)
    response = client.post(f"/participation/surveys/{open_survey.pk}/respond/", FORM)
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert Response.objects.count() == 1


def test_a_confirmed_citizen_answers_once_through_the_pages(
    client, education, publisher, mailoutbox, django_capture_on_commit_callbacks
):
    survey = make_survey(education, publisher, identity_mode=IdentityMode.CONFIRM)
    services.survey_open(survey, actor=publisher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/participation/surveys/{survey.pk}/code/",
            {"contact-channel": "email", "contact-address": "c@example.com"},
        )
    code = re.search(r"(\d{6})", mailoutbox[-1].body).group(1)
    form = {**FORM, "channel": "email", "address": "c@example.com", "code": code}
    assert client.post(f"/participation/surveys/{survey.pk}/respond/", form).status_code == 302
    again = client.post(f"/participation/surveys/{survey.pk}/respond/", form)
    assert again.status_code == 409
    assert "您已参加过本次调查" in again.content.decode()


def test_an_invitation_link_carries_its_token_into_the_form(client, education, publisher):
    survey = make_survey(education, publisher, identity_mode=IdentityMode.PANEL)
    services.survey_open(survey, actor=publisher)
    (token,) = services.invitations_create(actor=publisher, survey=survey, count=1)
    page = client.get(f"{survey.get_absolute_url()}?t={token}").content.decode()
    assert f'name="token" value="{token}"' in page
    response = client.post(f"/participation/surveys/{survey.pk}/respond/", {**FORM, "token": token})
    assert response.status_code == 302
    assert (
        client.post(f"/participation/surveys/{survey.pk}/respond/", {**FORM, "token": token}).status_code
        == 409
    )


def test_the_results_page_shows_sample_method_and_bars(client, open_survey, publisher):
    services.response_submit(survey=open_survey, answers=answers(single=2))
    services.survey_close(open_survey, actor=publisher)
    services.survey_publish(open_survey, actor=publisher)
    body = client.get(f"/participation/surveys/{open_survey.pk}/results/").content.decode()
    assert '<dd id="sample-size">1</dd>' in body
    assert open_survey.method in body
    assert "<svg" in body and 'width="100.0"' in body
    assert "responses.csv" in body


# --- staff pages ----------------------------------------------------------------------------------------------


def test_staff_build_a_survey_through_the_pages(client, publisher, education):
    client.force_login(publisher)
    response = client.post(
        "/staff/surveys/new/",
        {
            "organisation": education.pk,
            "title": "新调查",
            "purpose": "目的",
            "method": "方法",
            "identity_mode": "none",
            "opens_at": "2026-01-01T09:00",
            "closes_at": "2099-01-01T09:00",
        },
    )
    survey = Survey.objects.get(title="新调查")
    assert response.status_code == 302
    client.post(
        f"/staff/surveys/{survey.pk}/questions/",
        {"kind": "single", "text": "是否满意", "required": "on", "options": "是\n否"},
    )
    client.post(f"/staff/surveys/{survey.pk}/open/")
    survey.refresh_from_db()
    assert survey.status == Status.OPEN
    assert list(survey.questions.get().options.values_list("label", flat=True)) == ["是", "否"]


def test_staff_of_a_sibling_department_get_404(client, sibling_staff, survey):
    client.force_login(sibling_staff)
    assert client.get(f"/staff/surveys/{survey.pk}/").status_code == 404
    assert client.post(f"/staff/surveys/{survey.pk}/open/").status_code == 404


def test_the_staff_list_shows_only_surveys_in_scope(client, sibling_staff, drafter, survey):
    client.force_login(sibling_staff)
    assert survey.title not in client.get("/staff/surveys/").content.decode()
    client.force_login(drafter)
    assert survey.title in client.get("/staff/surveys/").content.decode()


def test_a_drafter_sees_no_open_button(client, drafter, survey):
    client.force_login(drafter)
    body = client.get(f"/staff/surveys/{survey.pk}/").content.decode()
    assert "发布调查" not in body
    client.post(f"/staff/surveys/{survey.pk}/open/")
    survey.refresh_from_db()
    assert survey.status == Status.DRAFT


def test_there_is_no_staff_url_to_edit_or_delete_a_response():
    from gongkai.surveys import staff_urls

    names = {p.name for p in staff_urls.urlpatterns}
    assert not any("response" in name for name in names)


def test_panel_invitations_download_as_csv_once(client, publisher, education):
    survey = make_survey(education, publisher, identity_mode=IdentityMode.PANEL)
    client.force_login(publisher)
    response = client.post(f"/staff/surveys/{survey.pk}/invitations/", {"count": "3"})
    lines = response.content.decode().strip().splitlines()
    assert response["Content-Disposition"].startswith("attachment")
    assert len(lines) == 4 and "?t=" in lines[1]


# --- API ------------------------------------------------------------------------------------------------------


def test_the_api_lists_surveys_and_serves_results_and_responses(client, open_survey, publisher):
    services.response_submit(survey=open_survey, answers=answers())
    assert [s["id"] for s in client.get("/api/v1/surveys/").json()] == [open_survey.pk]
    assert client.get(f"/api/v1/surveys/{open_survey.pk}/results").status_code == 404
    services.survey_close(open_survey, actor=publisher)
    services.survey_publish(open_survey, actor=publisher)
    data = client.get(f"/api/v1/surveys/{open_survey.pk}/results").json()
    assert data["results"]["sample_size"] == 1
    export = client.get(f"/api/v1/surveys/{open_survey.pk}/responses").json()
    from gongkai.surveys import results

    assert results.recompute(export) == data["results"]


@pytest.mark.parametrize("path", ["/api/v1/surveys/{pk}", "/api/v1/surveys/{pk}/responses"])
def test_the_api_hides_drafts(client, survey, path):
    assert client.get(path.format(pk=survey.pk)).status_code == 404
