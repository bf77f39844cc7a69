"""Published survey results (网上民意调查结果) in the site search (``search.registry``).

Only surveys whose results are published are indexed, by what their results page shows: the title, the purpose
and method, and the questionnaire (questions and options). The responses are never read here (no free-text answer,
no hash). Visibility rule: published results are public (``selectors.survey_get_published``); an open, closed or
draft survey has no entry, so staff search does not find it either (they use the surveys list).

Upkeep: every move of the survey workflow re-indexes the survey after it commits (``machine.on_commit``), which
adds it when its results are published; ``stamps`` lets the search sweep repair an update lost in between.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.surveys.models import Question, Status, Survey
from gongkai.surveys.workflow import EDIT, machine

KIND = "survey"


def _queryset() -> QuerySet[Survey]:
    questions = Question.objects.prefetch_related("options").order_by("number")
    return (
        Survey.objects.filter(status=Status.PUBLISHED)
        .select_related("organisation")
        .prefetch_related(Prefetch("questions", queryset=questions))
        .order_by("id")
    )


def _stamp(published_at: Any, updated_at: Any) -> str:
    """Both times as epoch microseconds (two ISO datetimes overflow the index's 64-character stamp)."""
    return "|".join(
        str(round(value.timestamp() * 1e6)) if value else "" for value in (published_at, updated_at)
    )


def _body(survey: Survey) -> str:
    lines = [survey.purpose, survey.method]
    for question in survey.questions.all():
        lines.append(question.text)
        lines.extend(option.label for option in question.options.all())
    return "\n".join(line for line in lines if line).strip()


def _entry(survey: Survey):
    from gongkai.search.registry import EntryData

    return EntryData(
        title=survey.title,
        url=reverse("surveys:results", args=[survey.pk]),
        public=True,  # published results only: other surveys are not in the queryset
        organisation_id=survey.organisation_id,
        org_path=survey.organisation.path,
        status=survey.status,
        issuer=survey.organisation.name,
        published_on=timezone.localdate(survey.published_at) if survey.published_at else None,
        body=_body(survey),
        stamp=_stamp(survey.published_at, survey.updated_at),
    )


def _stamps() -> list[tuple[int, str]]:
    rows = Survey.objects.filter(status=Status.PUBLISHED).values_list("id", "published_at", "updated_at")
    return [(pk, _stamp(published_at, updated_at)) for pk, published_at, updated_at in rows.order_by()]


def _on_move(survey: Survey, event: Any) -> None:
    from gongkai.core import pagecache
    from gongkai.search.services import index_object, public_entry

    before = public_entry(KIND, survey.pk)
    index_object(KIND, survey.pk)  # removes the entry when the survey has no published results
    if public_entry(KIND, survey.pk) != before:
        pagecache.content_changed()


def register() -> None:
    """Called from ``SurveysConfig.ready()``."""
    from gongkai.search import registry

    registry.register(
        registry.Source(
            key=KIND,
            label=_("民意调查结果"),
            model=Survey,
            queryset=_queryset,
            entry=_entry,
            stamps=_stamps,
            order=45,
            staff_perm=EDIT,
        )
    )
    machine.remove_hook(_on_move)
    machine.on_commit("*", _on_move)


def unregister() -> None:
    from gongkai.search import registry

    registry.unregister(KIND)
    machine.remove_hook(_on_move)
