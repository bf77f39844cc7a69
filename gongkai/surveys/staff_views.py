"""The staff pages of 网上民意调查, mounted under ``/staff/`` by ``surveys/backoffice.py``: the list (scoped by
``orgs.scope``), the survey and its questionnaire, the moves, panel invitations. Objects outside scope are 404.
There is no page that changes or removes a response."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.backoffice import staff_required
from gongkai.core.errors import GongkaiError
from gongkai.core.models import AuditEvent
from gongkai.orgs.scope import can, organisations_for
from gongkai.surveys import results, selectors, services
from gongkai.surveys.forms import InviteForm, QuestionForm, SurveyForm
from gongkai.surveys.models import IdentityMode, Response, Status, Survey
from gongkai.surveys.workflow import EDIT, machine


def _back(survey: Survey, anchor: str = "") -> HttpResponse:
    return redirect(reverse("staff:survey", args=[survey.pk]) + anchor)


@staff_required
def survey_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.survey_list_for_user(request.user)
    can_create = organisations_for(request.user, EDIT).exists()
    return render(request, "staff/surveys/list.html", {"rows": rows, "can_create": can_create})


@staff_required
def survey_new(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(request.POST or None, organisations=organisations_for(request.user, EDIT))
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                actor=request.user, organisation=form.cleaned_data["organisation"], data=form.to_data()
            )
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存调查，请添加题目"))
            return _back(survey)
    return render(request, "staff/surveys/edit.html", {"form": form}, status=400 if form.errors else 200)


@staff_required
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_user(request.user, pk)
    organisations = organisations_for(request.user, EDIT).filter(pk=survey.organisation_id)
    initial = {
        "organisation": survey.organisation,
        "title": survey.title,
        "purpose": survey.purpose,
        "method": survey.method,
        "identity_mode": survey.identity_mode,
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
    }
    form = SurveyForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(actor=request.user, survey=survey, data=form.to_data())
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存调查"))
            return _back(survey)
    return render(
        request,
        "staff/surveys/edit.html",
        {"form": form, "survey": survey},
        status=400 if form.errors else 200,
    )


@staff_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_user(request.user, pk)
    history = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Survey), object_id=str(survey.pk)
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )
    draft = survey.status == Status.DRAFT
    may_edit = can(request.user, EDIT, survey.organisation)
    context = {
        "survey": survey,
        "questions": list(survey.questions.prefetch_related("options").order_by("number")),
        "actions": machine.available_actions(survey, request.user),
        "can_edit": draft and may_edit,
        "question_form": QuestionForm() if draft and may_edit else None,
        "invite_form": InviteForm()
        if may_edit
        and survey.identity_mode == IdentityMode.PANEL
        and survey.status in (Status.DRAFT, Status.OPEN)
        else None,
        "response_count": Response.objects.filter(survey=survey).count(),
        "duplicate_count": Response.objects.filter(survey=survey, duplicate=True).count(),
        "preview": results.aggregate(survey) if survey.status == Status.CLOSED else None,
        "history": history,
    }
    return render(request, "staff/surveys/detail.html", context)


@staff_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_for_user(request.user, pk)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写题型和题目"))
        return _back(survey, "#questions")
    data = form.cleaned_data
    try:
        services.question_add(
            actor=request.user,
            survey=survey,
            kind=data["kind"],
            text=data["text"],
            required=data["required"],
            options=data["options"].splitlines(),
            scale_min=data["scale_min"],
            scale_max=data["scale_max"],
            scale_min_label=data["scale_min_label"],
            scale_max_label=data["scale_max_label"],
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已添加题目"))
    return _back(survey, "#questions")


@staff_required
@require_POST
def question_remove(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    survey = selectors.survey_get_for_user(request.user, pk)
    try:
        services.question_remove(actor=request.user, survey=survey, number=number)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已删除题目"))
    return _back(survey, "#questions")


@staff_required
@require_POST
def survey_move(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """A move of the workflow: open, close, publish the results."""
    survey = selectors.survey_get_for_user(request.user, pk)
    moves = {"open": services.survey_open, "close": services.survey_close, "publish": services.survey_publish}
    try:
        if action not in moves:
            raise GongkaiError(_("不支持的操作"), code="surveys.unknown_action")
        moves[action](survey, actor=request.user)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("操作成功"))
    return _back(survey)


@staff_required
@require_POST
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue one-time links for an invited panel, downloaded once as CSV (only their hashes are kept)."""
    survey = selectors.survey_get_for_user(request.user, pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("邀请人数应为 1 至 5000"))
        return _back(survey)
    try:
        tokens = services.invitations_create(
            actor=request.user, survey=survey, count=form.cleaned_data["count"]
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return _back(survey)
    base = request.build_absolute_uri(survey.get_absolute_url())
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["link"])
    writer.writerows([f"{base}?t={token}"] for token in tokens)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-invitations.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
