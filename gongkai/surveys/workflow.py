"""The survey workflow on ``core.workflow``: draft → open → closed → published (结果公布).

Staff holding ``document.edit`` in the survey's organisation build the questionnaire and close the survey; those
holding ``document.publish`` open it and publish its results (``orgs.scope``). Opening fixes the questionnaire;
publishing computes the aggregates from the responses in SQL and stores them with the head of the response chain.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.core.workflow import Machine, Move
from gongkai.orgs.scope import Perm
from gongkai.surveys.models import CHOICE_KINDS, Status, Survey

EDIT = Perm.DOCUMENT_EDIT
PUBLISH = Perm.DOCUMENT_PUBLISH


def _label(text: str) -> Any:
    return pgettext_lazy("survey action", text)


TRANSITIONS: dict[tuple[str, str], Move] = {
    (Status.DRAFT, "open"): Move(Status.OPEN, PUBLISH, _label("发布调查")),
    (Status.OPEN, "close"): Move(Status.CLOSED, EDIT, _label("结束调查")),
    (Status.CLOSED, "publish"): Move(Status.PUBLISHED, PUBLISH, _label("公布调查结果")),
}


def _openable(survey: Survey, actor: Any = None) -> None:
    """The questionnaire has questions, every choice question has options, and the period has not ended."""
    questions = list(survey.questions.prefetch_related("options"))
    if not questions:
        raise ValidationFailed(
            gettext("问卷还没有题目，请先添加题目"),
            detail="The survey has no questions",
            code="surveys.no_questions",
        )
    for question in questions:
        if question.kind in CHOICE_KINDS and len(question.options.all()) < 2:
            raise ValidationFailed(
                gettext("第 %(number)s 题至少需要两个选项") % {"number": question.number},
                detail="A choice question needs at least two options",
                code="surveys.few_options",
            )
    if survey.closes_at <= timezone.now():
        raise ValidationFailed(
            gettext("调查截止时间已过，请修改调查时间"),
            detail="The survey period has already ended",
            code="surveys.period_over",
            field="closes_at",
        )


def _publish_prepare(survey: Survey, source: str, move: Move) -> Iterable[str]:
    from gongkai.surveys import results

    survey.results = results.aggregate(survey)
    survey.results_head = results.chain_head(survey)
    survey.published_at = timezone.now()
    return ["results", "results_head", "published_at"]


machine: Machine[Survey] = Machine(
    model=Survey,
    app="surveys",
    entity="survey",
    transitions=TRANSITIONS,
    guards={"open": _openable},
    prepare={"publish": _publish_prepare},
)


def apply(survey: Survey, action: str, *, actor: Any, comment: str = "") -> AuditEvent:
    """Make ``action`` on ``survey`` (see :meth:`Machine.apply`)."""
    return machine.apply(survey, action, actor=actor, comment=comment)
