"""The surveys API under ``/api/v1/surveys/``: public surveys with their questionnaire, the published results,
and the published anonymised responses (the same selectors and exports as the pages). Read-only: responses are
taken on the portal, where the device cookie and the identity check live."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from gongkai.surveys import results, selectors

router = Router(tags=["surveys"])


class SurveyOut(Schema):
    id: int
    title: str
    organisation: str
    status: str
    identity_mode: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    url: str


class SurveyDetailOut(SurveyOut):
    purpose: str
    method: str
    questions: list[dict[str, Any]]


class ResultsOut(Schema):
    survey: SurveyOut
    published_at: dt.datetime
    head: str
    results: dict[str, Any]


def _out(survey) -> dict:
    return {
        "id": survey.pk,
        "title": survey.title,
        "organisation": survey.organisation.name,
        "status": survey.status,
        "identity_mode": survey.identity_mode,
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "url": survey.get_absolute_url(),
    }


@router.get("/", response=list[SurveyOut])
def survey_list(request: HttpRequest):
    return [_out(s) for s in selectors.survey_list_public()[:200]]


@router.get("/{pk}", response=SurveyDetailOut)
def survey_detail(request: HttpRequest, pk: int):
    survey = selectors.survey_get_public(pk)
    return {
        **_out(survey),
        "purpose": survey.purpose,
        "method": survey.method,
        "questions": results.questionnaire(survey),
    }


@router.get("/{pk}/results", response=ResultsOut)
def survey_results(request: HttpRequest, pk: int):
    survey = selectors.survey_get_published(pk)
    return {
        "survey": _out(survey),
        "published_at": survey.published_at,
        "head": survey.results_head,
        "results": survey.results,
    }


@router.get("/{pk}/responses")
def survey_responses(request: HttpRequest, pk: int) -> dict[str, Any]:
    """The export the results are recomputed from: questionnaire, anonymised responses, chain head."""
    return results.export_json(selectors.survey_get_published(pk))
