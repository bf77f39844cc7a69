"""The survey's moves: draft → open → closed → published, who may make each, and the questionnaire fixed once open."""

import pytest

from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.surveys import services
from gongkai.surveys.models import QuestionKind, Status
from gongkai.surveys.tests.factories import answers, make_survey


def _actions(survey):
    return list(
        AuditEvent.objects.filter(object_id=str(survey.pk), action__startswith="survey.").values_list(
            "action", flat=True
        )
    )


def test_publisher_opens_closes_and_publishes_with_an_audit_of_each_move(survey, publisher):
    services.survey_open(survey, actor=publisher)
    assert survey.status == Status.OPEN
    services.response_submit(survey=survey, answers=answers())
    services.survey_close(survey, actor=publisher)
    assert survey.status == Status.CLOSED
    services.survey_publish(survey, actor=publisher)
    survey.refresh_from_db()
    assert survey.status == Status.PUBLISHED
    assert survey.results["sample_size"] == 1
    assert survey.published_at is not None
    assert _actions(survey)[-3:] == ["survey.open", "survey.close", "survey.publish"]
    publish = AuditEvent.objects.get(object_id=str(survey.pk), action="survey.publish")
    assert publish.data["head"] == survey.results_head
    assert publish.data["sample_size"] == 1


def test_drafter_cannot_open_a_survey(education, drafter):
    survey = make_survey(education, drafter)
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.survey_open(survey, actor=drafter)
    survey.refresh_from_db()
    assert survey.status == Status.DRAFT


def test_drafter_closes_but_cannot_publish(open_survey, drafter):
    services.survey_close(open_survey, actor=drafter)
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.survey_publish(open_survey, actor=drafter)


def test_staff_of_a_sibling_department_cannot_open(survey, sibling_staff):
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        services.survey_open(survey, actor=sibling_staff)


def test_staff_of_a_sibling_department_cannot_create_for_another_department(education, sibling_staff):
    with pytest.raises(PermissionDenied, match="没有该操作的权限"):
        make_survey(education, sibling_staff)


def test_results_cannot_be_published_while_the_survey_is_open(open_survey, publisher):
    with pytest.raises(InvalidTransition, match="调查中"):
        services.survey_publish(open_survey, actor=publisher)


def test_a_survey_without_questions_cannot_open(education, publisher):
    import datetime as dt

    from django.utils import timezone

    now = timezone.now()
    survey = services.survey_create(
        actor=publisher,
        organisation=education,
        data=services.SurveyData(
            title="空问卷", purpose="目的", method="方法", opens_at=now, closes_at=now + dt.timedelta(days=1)
        ),
    )
    with pytest.raises(ValidationFailed, match="还没有题目"):
        services.survey_open(survey, actor=publisher)


def test_questions_cannot_change_once_open(open_survey, publisher):
    with pytest.raises(InvalidTransition, match="问卷不能再修改"):
        services.question_add(actor=publisher, survey=open_survey, kind=QuestionKind.TEXT, text="新题")
    with pytest.raises(InvalidTransition, match="问卷不能再修改"):
        services.question_remove(actor=publisher, survey=open_survey, number=1)
    data = services.SurveyData(
        title="改", purpose="改", method="改", opens_at=open_survey.opens_at, closes_at=open_survey.closes_at
    )
    with pytest.raises(InvalidTransition, match="问卷不能再修改"):
        services.survey_update(actor=publisher, survey=open_survey, data=data)
    assert open_survey.questions.count() == 4


def test_question_validation_names_the_field(survey, publisher):
    with pytest.raises(ValidationFailed, match="2 至 20 个选项") as exc:
        services.question_add(
            actor=publisher, survey=survey, kind=QuestionKind.SINGLE, text="题", options=["只有一个"]
        )
    assert "options" in exc.value.fields
    with pytest.raises(ValidationFailed, match="2 至 11 个刻度"):
        services.question_add(
            actor=publisher, survey=survey, kind=QuestionKind.SCALE, text="题", scale_min=1, scale_max=20
        )


def test_removing_a_question_renumbers_the_rest(survey, publisher):
    services.question_remove(actor=publisher, survey=survey, number=2)
    assert list(survey.questions.values_list("number", "kind")) == [(1, "single"), (2, "scale"), (3, "text")]


def test_the_period_must_end_after_it_begins(education, publisher):
    from django.utils import timezone

    now = timezone.now()
    with pytest.raises(ValidationFailed, match="截止时间应晚于开始时间"):
        services.survey_create(
            actor=publisher,
            organisation=education,
            data=services.SurveyData(title="t", purpose="p", method="m", opens_at=now, closes_at=now),
        )
