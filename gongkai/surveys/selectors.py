"""Reads of opinion surveys: what the public sees (open surveys and published results) and what staff see,
restricted by ``orgs.scope`` (a survey outside the user's scope is 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from gongkai.orgs.scope import Perm, get_for_user_or_404, restrict
from gongkai.surveys.models import PUBLIC_STATUSES, Status, Survey


def survey_list_public() -> QuerySet[Survey]:
    """Open surveys first, then closed ones and those with published results."""
    return (
        Survey.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organisation")
        .order_by("-opens_at", "-pk")
    )


def survey_get_public(pk: int) -> Survey:
    survey = survey_list_public().filter(pk=pk).first()
    if survey is None:
        raise Http404(gettext("调查不存在或尚未发布"))
    return survey


def survey_get_published(pk: int) -> Survey:
    survey = survey_get_public(pk)
    if survey.status != Status.PUBLISHED:
        raise Http404(gettext("调查结果尚未公布"))
    return survey


def survey_list_for_user(user: Any) -> QuerySet[Survey]:
    return (
        restrict(Survey.objects.all(), user, Perm.DOCUMENT_VIEW)
        .select_related("organisation")
        .annotate(response_count=Count("responses"))
        .order_by("-created_at", "-pk")
    )


def survey_get_for_user(user: Any, pk: int) -> Survey:
    return get_for_user_or_404(Survey.objects.select_related("organisation"), user, Perm.DOCUMENT_VIEW, pk=pk)
