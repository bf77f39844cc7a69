"""The applicant's pages: the application form, the receipt, and the status page opened with the tracking
number and secret (where the applicant answers a 补正 request or withdraws).

Access to one application is kept in the session after a successful lookup, so the secret never travels in a URL.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core import ratelimit, session_access
from gongkai.core.errors import GongkaiError
from gongkai.foi import selectors, services
from gongkai.foi.forms import ApplicationForm, LookupForm, SupplementForm, WithdrawForm
from gongkai.foi.models import FoiApplication, Status, StepKind
from gongkai.orgs.models import Organisation

# Filings per client address per hour, and lookups per minute (guessing secrets stays slow).
FILE_LIMIT, FILE_WINDOW = 10, 3600
LOOKUP_LIMIT, LOOKUP_WINDOW = 10, 60
SESSION_RECEIPT = "foi_receipt"
SESSION_ACCESS = "foi_access"


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """政府信息公开申请 online (art. 29, R1.6)."""
    initial = (
        {"organisation": request.GET.get("organisation")}
        if request.GET.get("organisation", "").isdigit()
        else {}
    )
    form = ApplicationForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if not ratelimit.address_allows(request, "foi-file", limit=FILE_LIMIT, window_seconds=FILE_WINDOW):
            form.is_valid()
            form.add_error(None, gettext("提交过于频繁，请一小时后再试"))
            return render(request, "foi/apply.html", {"form": form}, status=429)
        if form.is_valid():
            try:
                application, secret = services.application_file(
                    data=form.to_data(), submitted_on=timezone.localdate()
                )
            except GongkaiError as exc:
                form.add_service_errors(exc)
            else:
                request.session[SESSION_RECEIPT] = {"tracking": application.tracking_number, "secret": secret}
                _grant(request, application)
                return redirect("foi:receipt")
        status = 400
    return render(request, "foi/apply.html", {"form": form}, status=status)


@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt (回执): the tracking number and the secret, shown once."""
    data = request.session.pop(SESSION_RECEIPT, None)
    if not data:
        return redirect("foi:lookup")
    application = FoiApplication.objects.select_related("organisation").get(tracking_number=data["tracking"])
    return render(request, "foi/receipt.html", {"application": application, "secret": data["secret"]})


def _grant(request: HttpRequest, application: FoiApplication) -> None:
    session_access.grant(request, SESSION_ACCESS, application.pk)


def _own(request: HttpRequest, tracking_number: str) -> FoiApplication:
    application = (
        FoiApplication.objects.select_related("organisation").filter(tracking_number=tracking_number).first()
    )
    if application is None or not session_access.holds(request, SESSION_ACCESS, application.pk):
        raise Http404(gettext("请先输入申请编号和查询码"))
    return application


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """查询申请: the tracking number plus the secret open the status page."""
    form = LookupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not ratelimit.address_allows(
            request, "foi-lookup", limit=LOOKUP_LIMIT, window_seconds=LOOKUP_WINDOW
        ):
            form.is_valid()
            form.add_error(None, gettext("查询过于频繁，请一分钟后再试"))
            return render(request, "foi/lookup.html", {"form": form}, status=429)
        if form.is_valid():
            try:
                application = services.application_get_by_secret(
                    tracking_number=form.cleaned_data["tracking_number"], secret=form.cleaned_data["secret"]
                )
            except GongkaiError as exc:
                form.add_error(None, exc.message)
            else:
                _grant(request, application)
                return redirect("foi:status", tracking_number=application.tracking_number)
        status = 400
    return render(request, "foi/lookup.html", {"form": form}, status=status)


@never_cache
def status(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The applicant's view of their application: status, due date, 补正 request, reply."""
    application = _own(request, tracking_number)
    steps = list(application.steps.select_related("to_organisation"))
    correction = next(
        (s for s in reversed(steps) if s.kind == StepKind.CORRECTION and s.ended_on is None), None
    )
    reply = next((s for s in steps if s.kind == StepKind.REPLY), None)
    fee = next((s for s in reversed(steps) if s.kind == StepKind.FEE and s.ended_on is None), None)
    context = {
        "application": application,
        # Internal steps stay internal: assignment, and an extension until the head approved it.
        "steps": [
            s
            for s in steps
            if s.kind != StepKind.ASSIGNMENT and not (s.kind == StepKind.EXTENSION and not s.approved_by_id)
        ],
        "fee": fee if application.status == Status.FEE_PENDING else None,
        "correction": correction if application.status == Status.CORRECTION else None,
        "reply": reply,
        "supplement_form": SupplementForm(),
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "foi/status.html", context)


@require_POST
def supplement(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The applicant answers the 补正 request online; the reply clock restarts from today (R1.8)."""
    application = _own(request, tracking_number)
    form = SupplementForm(request.POST)
    if form.is_valid():
        today = timezone.localdate()
        try:
            services.application_supplement(
                application, actor=None, answer=form.cleaned_data["answer"], on=today, today=today
            )
        except GongkaiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, gettext("已提交补正材料，答复期限自收到补正之日起重新计算"))
    else:
        messages.error(request, gettext("请填写补正内容"))
    return redirect("foi:status", tracking_number=tracking_number)


@require_POST
def withdraw(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The applicant withdraws the application."""
    application = _own(request, tracking_number)
    form = WithdrawForm(request.POST)
    form.is_valid()
    try:
        services.application_withdraw(
            application, actor=None, reason=form.cleaned_data.get("reason", ""), today=timezone.localdate()
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("已撤回申请"))
    return redirect("foi:status", tracking_number=tracking_number)


@require_http_methods(["GET", "HEAD"])
def guide(request: HttpRequest, code: str) -> HttpResponse:
    """申请指南 of one organisation, from its own fields: the channels it can receive by and this year's figures."""
    organisation = Organisation.objects.filter(code=code, is_active=True).first()
    if organisation is None:
        raise Http404(gettext("机构不存在"))
    year = timezone.localdate().year
    context = {
        "organisation": organisation,
        "year": year,
        "figures": selectors.year_figures(organisation, year=year),
    }
    return render(request, "foi/guide.html", context)


def letter(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The applicant downloads the reply letter (DOCX) of their replied application."""
    from gongkai.foi.letters import reply_letter_docx

    application = _own(request, tracking_number)
    if application.status != Status.REPLIED:
        raise Http404(gettext("尚未答复"))
    return _docx_response(reply_letter_docx(application), application.tracking_number)


def letter_pdf(request: HttpRequest, tracking_number: str) -> HttpResponse:
    """The applicant downloads the reply letter as PDF."""
    from gongkai.foi.letters import reply_letter_pdf

    application = _own(request, tracking_number)
    if application.status != Status.REPLIED:
        raise Http404(gettext("尚未答复"))
    return _pdf_response(reply_letter_pdf(application), application.tracking_number)


def _pdf_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _docx_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
    response["Cache-Control"] = "private, no-store"
    return response


def published_reply(request: HttpRequest, pk: int) -> HttpResponse:
    """A published reply: only its de-identified text, never the application's personal data."""
    from django.shortcuts import get_object_or_404

    publication = get_object_or_404(services.published_replies(), pk=pk)
    return render(request, "foi/published_reply.html", {"publication": publication})
