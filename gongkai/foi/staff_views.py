"""The handler's pages: the queue (scoped by ``orgs.scope``), an application with its steps, and registering
an application received in person, by post, fax or e-mail. Objects outside the user's scope are 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.backoffice import staff_required
from gongkai.core.clocks import calendar_for
from gongkai.core.errors import GongkaiError
from gongkai.foi import selectors, services, workflow
from gongkai.foi.forms import STEP_FORMS, RegisterForm, step_form
from gongkai.foi.models import Status
from gongkai.orgs.scope import Perm, can, organisations_for

QUEUE_PAGE = 50


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    """依申请公开 queue: open applications first by due date, each with its red/amber/green state."""
    status = request.GET.get("status", "open")
    mine = request.GET.get("mine") == "1"
    qs = selectors.application_list_for_user(request.user, status=status, mine=mine)
    page = Paginator(qs, QUEUE_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = selectors.queue_rows(
        list(page.object_list), today=today, calendar=calendar_for(request), with_similar=True
    )
    statuses = [("open", _("办理中（全部未办结）")), *Status.choices]
    return render(
        request,
        "staff/foi/queue.html",
        {"page": page, "rows": rows, "status": status, "statuses": statuses, "today": today, "mine": mine},
    )


def queue_panel(request: HttpRequest) -> dict:
    """The dashboard panel: how many open applications are overdue or due within five working days."""
    return selectors.queue_counts(request.user, today=timezone.localdate(), calendar=calendar_for(request))


@staff_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_user(request.user, pk)
    today = timezone.localdate()
    calendar = calendar_for(request)
    steps = list(application.steps.select_related("to_organisation", "actor"))
    deadline = (
        services.application_deadline(application, today=today, steps=steps, calendar=calendar)
        if application.due_on
        else None
    )
    actions = [
        (action, move, step_form(action, application))
        for (source, action), move in workflow.TRANSITIONS.items()
        if source == application.status
        and can(request.user, move.perm, application.organisation)
        and _offered(action, steps)
    ]
    from gongkai.foi.forms import ProactiveForm, PublishForm, UnpublishForm
    from gongkai.foi.similar import PROMPT_AT, similar_applications

    similar = similar_applications(application, today=today)
    may_handle = can(request.user, Perm.FOI_HANDLE, application.organisation)
    publication = getattr(application, "publication", None)
    context = {
        "similar": similar,
        "prompt_proactive": len(similar) >= PROMPT_AT and not application.proactive_decision,
        "proactive_form": ProactiveForm() if may_handle else None,
        "publication": publication,
        "publish_form": PublishForm() if may_handle and application.status == Status.REPLIED else None,
        "unpublish_form": UnpublishForm() if may_handle and publication and publication.is_public else None,
        "application": application,
        "steps": steps,
        "deadline": deadline,
        "state": selectors.queue_rows([application], today=today, calendar=calendar)[0],
        "correction_due": services.correction_notice_due(application, calendar=calendar),
        "actions": actions,
        "history": [(e, workflow.event_label(e.action)) for e in selectors.application_history(application)],
        "attachments": application.attachments.all(),
    }
    return render(request, "staff/foi/detail.html", context)


def _offered(action: str, steps: list) -> bool:
    """Hide the moves whose guard would refuse them anyway: approving with nothing pending, a second request
    while one is pending, a second fee notice (the guards in ``foi.workflow`` still decide)."""
    from gongkai.foi.models import StepKind

    pending = any(s.kind == StepKind.EXTENSION and not s.approved_by_id and not s.refused for s in steps)
    if action in ("approve_extension", "refuse_extension"):
        return pending
    if action == "request_extension":
        return not pending
    if action == "issue_fee":
        return not any(s.kind == StepKind.FEE for s in steps)
    return True


@staff_required
@require_POST
def step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Make one step (a form action of ``foi.workflow``) through its service."""
    application = selectors.application_get_for_user(request.user, pk)
    if action not in STEP_FORMS:
        raise Http404
    form = step_form(action, application, request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
            break
        return redirect("staff:foi_application", pk=pk)
    c = form.cleaned_data
    today = timezone.localdate()
    actor = request.user
    calls = {
        "request_correction": lambda: services.application_request_correction(
            application, actor=actor, text=c["text"], on=c["on"], period_days=c["period_days"], today=today
        ),
        "supplement": lambda: services.application_supplement(
            application, actor=actor, answer=c["answer"], on=c["on"], today=today
        ),
        "consult": lambda: services.application_consult(
            application, actor=actor, third_party=c["third_party"], text=c["text"], on=c["on"], today=today
        ),
        "end_consultation": lambda: services.application_end_consultation(
            application, actor=actor, text=c["text"], on=c["on"], today=today
        ),
        "request_extension": lambda: services.application_request_extension(
            application, actor=actor, days=c["days"], reason=c["reason"], today=today
        ),
        "approve_extension": lambda: services.application_approve_extension(
            application, actor=actor, today=today, comment=c["comment"]
        ),
        "refuse_extension": lambda: services.application_refuse_extension(
            application, actor=actor, reason=c["reason"], today=today
        ),
        "issue_fee": lambda: services.application_issue_fee(
            application,
            actor=actor,
            basis=c["basis"],
            pages=c["pages"],
            on=c["on"],
            payment_days=c["payment_days"],
            today=today,
        ),
        "record_payment": lambda: services.application_record_payment(
            application, actor=actor, on=c["on"], today=today
        ),
        "fee_lapse": lambda: services.application_fee_lapse(
            application, actor=actor, reason=c["reason"], today=today
        ),
        "assign": lambda: services.application_assign(
            application,
            actor=actor,
            department=c["department"],
            assignee=c["assignee"],
            note=c["note"],
            today=today,
        ),
        "transfer": lambda: services.application_transfer(
            application, actor=actor, to_organisation=c["to_organisation"], notice=c["notice"], today=today
        ),
        "reply": lambda: services.application_reply(
            application,
            actor=actor,
            decision=c["decision"],
            report_row=c["report_row"],
            text=c["text"],
            today=today,
        ),
        "abandon": lambda: services.application_abandon(
            application, actor=actor, reason=c["reason"], today=today
        ),
        "withdraw": lambda: services.application_withdraw(
            application, actor=actor, reason=c.get("reason", ""), today=today
        ),
    }
    try:
        calls[action]()
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return redirect("staff:foi_application", pk=pk)
    messages.success(request, str(workflow.DONE_MESSAGES[action]))
    if action == "transfer":  # now another organisation's: this handler may no longer see it
        return redirect("staff:foi_queue")
    return redirect("staff:foi_application", pk=pk)


@staff_required
def register(request: HttpRequest) -> HttpResponse:
    """登记 an application received in person, by post, fax or e-mail, with its received-date rule (R1.7)."""
    organisations = organisations_for(request.user, Perm.FOI_HANDLE)
    if not organisations.exists():
        raise DjangoPermissionDenied(_("您没有办理依申请公开的权限"))
    form = RegisterForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        c = form.cleaned_data
        try:
            application, secret = services.application_file(
                data=form.to_data(),
                channel=c["channel"],
                submitted_on=c["submitted_on"],
                signed_on=c["signed_on"],
                confirmed_on=c["confirmed_on"],
                actor=request.user,
            )
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("已登记，申请编号 %(number)s，查询码 %(secret)s（请告知申请人，查询码不再显示）")
                % {"number": application.tracking_number, "secret": secret},
            )
            return redirect("staff:foi_application", pk=application.pk)
    return render(request, "staff/foi/register.html", {"form": form})


@staff_required
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The reply letter (DOCX) of a replied application in the handler's scope."""
    from gongkai.foi.letters import reply_letter_docx
    from gongkai.foi.views import _docx_response

    application = selectors.application_get_for_user(request.user, pk)
    if application.status != Status.REPLIED:
        raise Http404
    return _docx_response(reply_letter_docx(application), application.tracking_number)


@staff_required
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The reply letter (PDF) of a replied application in the handler's scope."""
    from gongkai.foi.letters import reply_letter_pdf
    from gongkai.foi.views import _pdf_response

    application = selectors.application_get_for_user(request.user, pk)
    if application.status != Status.REPLIED:
        raise Http404
    try:
        data = reply_letter_pdf(application)
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return redirect("staff:foi_application", pk=pk)
    return _pdf_response(data, application.tracking_number)


def _template_organisation(request: HttpRequest):
    """The organisation whose templates are edited (``?org=``), or None for the city-wide defaults."""
    from gongkai.orgs.models import Organisation

    org_id = request.GET.get("org") or request.POST.get("org") or ""
    if not org_id:
        return None
    if not org_id.isdigit():
        raise Http404
    organisation = organisations_for(request.user, Perm.ORG_MANAGE).filter(pk=int(org_id)).first()
    if organisation is None or not isinstance(organisation, Organisation):
        raise Http404
    return organisation


@staff_required
def letter_templates(request: HttpRequest) -> HttpResponse:
    """答复书模板: the template in force for each decision type, for an organisation or the city defaults."""
    from gongkai.foi.letters import PLACEHOLDERS, template_for
    from gongkai.foi.models import Decision
    from gongkai.orgs.scope import is_superuser

    organisations = organisations_for(request.user, Perm.ORG_MANAGE)
    if not organisations.exists() and not is_superuser(request.user):
        raise DjangoPermissionDenied(_("您没有修改答复书模板的权限"))
    organisation = _template_organisation(request)
    rows = [(value, label, template_for(value, organisation)) for value, label in Decision.choices]
    return render(
        request,
        "staff/foi/letter_templates.html",
        {
            "organisation": organisation,
            "organisations": organisations,
            "may_edit_defaults": is_superuser(request.user),
            "rows": rows,
            "placeholders": PLACEHOLDERS,
        },
    )


@staff_required
def letter_template_edit(request: HttpRequest, decision: str) -> HttpResponse:
    """Edit one decision type's template for an organisation (``org.manage``) or the defaults (superuser)."""
    from gongkai.foi.forms import LetterTemplateForm
    from gongkai.foi.letters import PLACEHOLDERS, letter_template_save, template_for
    from gongkai.foi.models import Decision

    if decision not in Decision.values:
        raise Http404
    organisation = _template_organisation(request)
    current = template_for(decision, organisation)
    initial = {"title": current.title, "body": current.body, "legal_basis": current.legal_basis}
    form = LetterTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            letter_template_save(
                actor=request.user, decision=decision, organisation=organisation, **form.cleaned_data
            )
        except GongkaiError as exc:
            if exc.code == "foi.forbidden":
                raise DjangoPermissionDenied(exc.message) from exc
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存答复书模板"))
            url = reverse("staff:foi_letter_templates")
            return redirect(f"{url}?org={organisation.pk}" if organisation else url)
    return render(
        request,
        "staff/foi/letter_template_edit.html",
        {
            "form": form,
            "organisation": organisation,
            "decision_label": Decision(decision).label,
            "placeholders": PLACEHOLDERS,
        },
    )


@staff_required
@require_POST
def proactive(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the art. 44 decision on information several applicants asked for (audited)."""
    from gongkai.foi.forms import ProactiveForm

    application = selectors.application_get_for_user(request.user, pk)
    form = ProactiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择研判结论"))
        return redirect("staff:foi_application", pk=pk)
    try:
        ids = services.application_record_proactive_decision(
            application,
            actor=request.user,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
            today=timezone.localdate(),
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已记录研判结论（共 %(n)s 件申请）") % {"n": len(ids)})
    return redirect("staff:foi_application", pk=pk)


@staff_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the reply through the de-identification engine; staff then see what was masked."""
    from gongkai.foi.forms import PublishForm

    application = selectors.application_get_for_user(request.user, pk)
    form = PublishForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    try:
        publication = services.application_publish_reply(application, actor=request.user, text=text)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("已公开答复（脱敏处理 %(n)s 处，请核对）") % {"n": len(publication.findings)}
        )
    return redirect("staff:foi_application", pk=pk)


@staff_required
@require_POST
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw the published reply from public view (撤回公开), with the reason."""
    from gongkai.foi.forms import UnpublishForm

    application = selectors.application_get_for_user(request.user, pk)
    form = UnpublishForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.application_unpublish_reply(application, actor=request.user, reason=reason)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已撤回公开，公众页面和站内搜索不再显示该答复"))
    return redirect("staff:foi_application", pk=pk)
