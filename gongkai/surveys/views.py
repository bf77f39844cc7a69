"""The public column 网上民意调查 under ``/participation/surveys/``: the list, the questionnaire (works without
JavaScript), the published results with their bar charts, and the anonymised responses they are computed from."""

from __future__ import annotations

import json
import secrets
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core import ratelimit
from gongkai.core.errors import GongkaiError
from gongkai.surveys import results, selectors, services
from gongkai.surveys.forms import CodeForm
from gongkai.surveys.models import IdentityMode, QuestionKind, Status, Survey

PAGE = 20
DEVICE_COOKIE = "gk_survey_device"
DEVICE_MAX_AGE = 365 * 24 * 3600
SESSION_CONTACT = "survey_contact"
RESPONSE_LIMIT = (30, 3600)  # responses per address per hour (a school or office shares one address)


@require_http_methods(["GET", "HEAD"])
def survey_list(request: HttpRequest) -> HttpResponse:
    """网上民意调查: open surveys to answer, then closed ones and published results."""
    page = Paginator(selectors.survey_list_public(), PAGE).get_page(request.GET.get("page"))
    return render(request, "surveys/list.html", {"section": "surveys", "page": page})


def _question_views(
    survey: Survey, values: dict[str, list[str]], errors: dict[str, str]
) -> list[dict[str, Any]]:
    views = []
    for question in survey.questions.prefetch_related("options").order_by("number"):
        key = f"q{question.number}"
        chosen = values.get(key, [])
        item: dict[str, Any] = {"q": question, "key": key, "chosen": chosen, "error": errors.get(key, "")}
        if question.kind == QuestionKind.SCALE:
            item["points"] = [str(v) for v in question.scale_values]
        if question.kind == QuestionKind.TEXT:
            item["text"] = chosen[0] if chosen else ""
        views.append(item)
    return views


def _accepting(survey: Survey) -> bool:
    from django.utils import timezone

    return survey.status == Status.OPEN and survey.opens_at <= timezone.now() < survey.closes_at


def _detail(
    request: HttpRequest,
    survey: Survey,
    *,
    values: dict[str, list[str]] | None = None,
    errors: dict[str, str] | None = None,
    message: str = "",
    status: int = 200,
) -> HttpResponse:
    contact = request.session.get(SESSION_CONTACT, {})
    token = request.POST.get("token") or request.GET.get("t", "")
    context = {
        "section": "surveys",
        "survey": survey,
        "questions": _question_views(survey, values or {}, errors or {}),
        "accepting": _accepting(survey),
        "error_message": message,
        "errors": errors or {},
        "confirm": survey.identity_mode == IdentityMode.CONFIRM,
        "panel": survey.identity_mode == IdentityMode.PANEL,
        "token": token[:64],
        "code_form": CodeForm(prefix="contact", initial=contact),
        "contact": {
            "channel": request.POST.get("channel", contact.get("channel", "")),
            "address": request.POST.get("address", contact.get("address", "")),
        },
    }
    response = render(request, "surveys/detail.html", context, status=status)
    if DEVICE_COOKIE not in request.COOKIES:
        response.set_cookie(
            DEVICE_COOKIE, secrets.token_urlsafe(16), max_age=DEVICE_MAX_AGE, httponly=True, samesite="Lax"
        )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD"])
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.survey_get_public(pk))


@require_POST
def code_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a confirmation code to the citizen's e-mail (or show a phone code in DEBUG)."""
    survey = selectors.survey_get_public(pk)
    form = CodeForm(request.POST, prefix="contact")
    if not form.is_valid():
        messages.error(request, gettext("请选择验证方式并填写联系方式"))
        return redirect(survey)
    channel, address = form.cleaned_data["channel"], form.cleaned_data["address"]
    try:
        shown = services.confirmation_request(
            survey=survey, channel=channel, address=address, client_key=ratelimit.address_key(request)
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        request.session[SESSION_CONTACT] = {"channel": channel, "address": address.strip()}
        if shown:
            messages.info(request, gettext("调试模式（未接入短信）：验证码 %(code)s") % {"code": shown})
        else:
            messages.success(request, gettext("验证码已发送，30 分钟内有效"))
    return redirect(f"{survey.get_absolute_url()}#survey-form")


@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a response; on a refusal the questionnaire comes back with everything the citizen chose."""
    survey = selectors.survey_get_public(pk)
    values = {key: request.POST.getlist(key) for key in request.POST if key.startswith("q")}
    limit, window = RESPONSE_LIMIT
    if not ratelimit.address_allows(request, "surveys-response", limit=limit, window_seconds=window):
        message = gettext("提交过于频繁，请稍后再试，您填写的内容已保留")
        return _detail(request, survey, values=values, message=message, status=429)
    answers = {int(key[1:]): items for key, items in values.items() if key[1:].isdigit()}
    identity = services.Identity(
        channel=request.POST.get("channel", ""),
        address=request.POST.get("address", ""),
        code=request.POST.get("code", ""),
        token=request.POST.get("token", ""),
    )
    device = request.COOKIES.get(DEVICE_COOKIE, "")
    try:
        services.response_submit(
            survey=survey,
            answers=answers,
            identity=identity,
            device_key=ratelimit.hashed("device", device) if device else "",
            address_key=ratelimit.address_key(request),
        )
    except GongkaiError as exc:
        return _detail(
            request, survey, values=values, errors=exc.fields, message=exc.message, status=exc.status
        )
    messages.success(request, gettext("问卷已提交，感谢您的参与！调查结束后将在此公布结果。"))
    return redirect(survey)


@require_http_methods(["GET", "HEAD"])
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The published results: sample size, period, method, identity check, duplicates, a bar chart per question."""
    survey = selectors.survey_get_published(pk)
    context = {"section": "surveys", "survey": survey, "results": survey.results}
    return render(request, "surveys/results.html", context)


@require_http_methods(["GET", "HEAD"])
def responses_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The published anonymised responses with the questionnaire and the chain head (free text masked)."""
    survey = selectors.survey_get_published(pk)
    body = json.dumps(results.export_json(survey), ensure_ascii=False, indent=None)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-responses.json"'
    return response


@require_http_methods(["GET", "HEAD"])
def responses_csv(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_get_published(pk)
    response = HttpResponse(results.export_csv(survey), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-responses.csv"'
    return response
