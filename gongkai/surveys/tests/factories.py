"""A survey with one question of each kind, made through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.surveys import services
from gongkai.surveys.models import IdentityMode, QuestionKind, Survey


def make_survey(
    organisation, actor, *, identity_mode: str = IdentityMode.NONE, title: str = "满意度调查"
) -> Survey:
    now = timezone.now()
    survey = services.survey_create(
        actor=actor,
        organisation=organisation,
        data=services.SurveyData(
            title=title,
            purpose="了解政策执行情况",
            method="公开调查",
            identity_mode=identity_mode,
            opens_at=now - dt.timedelta(days=1),
            closes_at=now + dt.timedelta(days=10),
        ),
    )
    services.question_add(
        actor=actor,
        survey=survey,
        kind=QuestionKind.SINGLE,
        text="您的身份",
        options=["家长", "学生", "教师"],
    )
    services.question_add(
        actor=actor,
        survey=survey,
        kind=QuestionKind.MULTIPLE,
        text="需要改进的方面",
        options=["时间", "内容", "收费"],
    )
    services.question_add(
        actor=actor,
        survey=survey,
        kind=QuestionKind.SCALE,
        text="总体满意度",
        scale_min=1,
        scale_max=5,
        scale_min_label="很不满意",
        scale_max_label="很满意",
    )
    services.question_add(actor=actor, survey=survey, kind=QuestionKind.TEXT, text="其他建议", required=False)
    return survey


def answers(
    single: int = 1, multiple: tuple[int, ...] = (1,), scale: int = 4, text: str = ""
) -> dict[int, list[str]]:
    return {1: [str(single)], 2: [str(m) for m in multiple], 3: [str(scale)], 4: [text]}
