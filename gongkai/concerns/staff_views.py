"""Back-office pages of the concern register: the list with its clocks, registering, and one concern's page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.concerns import forms, selectors, services, workflow
from gongkai.concerns.models import Concern, Source, Status
from gongkai.core.backoffice import staff_required
from gongkai.core.errors import GongkaiError
from gongkai.orgs.scope import Perm, can, holds_anywhere


def _field_of(exc: GongkaiError, form: Any) -> str | None:
    """The form field an error names, or ``None`` (a form-wide error)."""
    return next((name for name in exc.fields if name in form.fields), None)


def _concern(request: HttpRequest, pk: int) -> Concern:
    concern = selectors.staff_concerns(request.user).filter(pk=pk).first()
    if concern is None:
        raise Http404
    return concern


@staff_required
def concern_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", Status.OPEN)
    now = timezone.now()
    concerns = list(selectors.staff_concerns(request.user, status=status)[:200])
    rows = [(c, selectors.obligations(c), selectors.worst_state(c, now)) for c in concerns]
    return render(
        request,
        "concerns/staff_list.html",
        {
            "rows": rows,
            "status": status,
            "statuses": Status.choices,
            "now": now,
            "can_register": holds_anywhere(request.user, Perm.SUPERVISE),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def concern_new(request: HttpRequest) -> HttpResponse:
    if not holds_anywhere(request.user, Perm.SUPERVISE):
        raise Http404
    initial = {"first_seen_at": timezone.localtime().replace(second=0, microsecond=0)}
    # Opened from a 12345 hot-topic alert: its title, summary and ticket numbers come along in the query string.
    if request.GET.get("source") == Source.HOTLINE:
        initial |= {
            "source": Source.HOTLINE,
            "title": request.GET.get("title", "")[:200],
            "summary": request.GET.get("summary", "")[:4000],
            "hotline_tickets": request.GET.get("tickets", "")[:2000],
        }
    form = forms.ConcernForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.concern_register(actor=request.user, **form.cleaned_data)
        except GongkaiError as exc:
            form.add_error(_field_of(exc, form), exc.message)
        else:
            messages.success(request, _("已登记，时限自发现时间起算"))
            return redirect("staff:concern_detail", pk=concern.pk)
    return render(request, "concerns/staff_form.html", {"form": form})


@staff_required
def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    concern = _concern(request, pk)
    return render(request, "concerns/staff_detail.html", _detail_context(request, concern))


def _detail_context(request: HttpRequest, concern: Concern, **forms_given: Any) -> dict[str, Any]:
    user = request.user
    can_act = can(user, Perm.DOCUMENT_PUBLISH, concern.organisation) and concern.status == Status.OPEN
    can_supervise = can(user, Perm.SUPERVISE, concern.organisation)
    now = timezone.now()
    return {
        "concern": concern,
        "obligations": [(o, o.state(now)) for o in selectors.obligations(concern)],
        "can_act": can_act,
        "can_supervise": can_supervise,
        "moves": [(a, m) for a, m in workflow.concern_machine.available_actions(concern, user)],
        "info_form": forms_given.get("info_form") or forms.InfoForm(),
        "press_form": forms_given.get("press_form") or forms.PressConferenceForm(),
        "respond_form": forms_given.get("respond_form") or forms.RespondForm(),
        "dismiss_form": forms_given.get("dismiss_form") or forms.DismissForm(),
        "reassign_form": forms_given.get("reassign_form") or forms.ReassignForm(user=user),
    }


def _form_post(
    form_name: str, form_class: type, call: Callable[[HttpRequest, Concern, dict], Any], done: str
) -> Callable[[HttpRequest, int], HttpResponse]:
    @staff_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        concern = _concern(request, pk)
        kwargs = {"user": request.user} if form_class is forms.ReassignForm else {}
        form = form_class(request.POST, **kwargs)
        if form.is_valid():
            try:
                call(request, concern, form.cleaned_data)
            except GongkaiError as exc:
                form.add_error(_field_of(exc, form), exc.message)
            else:
                messages.success(request, done)
                return redirect("staff:concern_detail", pk=concern.pk)
        context = _detail_context(request, concern, **{form_name: form})
        return render(request, "concerns/staff_detail.html", context, status=400)

    return view


concern_info = _form_post(
    "info_form",
    forms.InfoForm,
    lambda r, c, d: services.info_record(
        actor=r.user, concern=c, published_at=d["published_at"], url=d["url"]
    ),
    _("已记录发布权威信息"),
)
concern_press = _form_post(
    "press_form",
    forms.PressConferenceForm,
    lambda r, c, d: services.press_conference_record(actor=r.user, concern=c, held_at=d["held_at"]),
    _("已记录新闻发布会"),
)
concern_respond = _form_post(
    "respond_form",
    forms.RespondForm,
    lambda r, c, d: services.concern_respond(actor=r.user, concern=c, response=d["response"]),
    _("回应已公开"),
)
concern_dismiss = _form_post(
    "dismiss_form",
    forms.DismissForm,
    lambda r, c, d: workflow.apply(c, "dismiss", actor=r.user, comment=d["comment"]),
    _("已不予登记"),
)
concern_reassign = _form_post(
    "reassign_form",
    forms.ReassignForm,
    lambda r, c, d: services.concern_reassign(
        actor=r.user, concern=c, organisation=d["organisation"], comment=d["comment"]
    ),
    _("已改交"),
)


@staff_required
@require_POST
def concern_close(request: HttpRequest, pk: int) -> HttpResponse:
    concern = _concern(request, pk)
    try:
        workflow.apply(concern, "close", actor=request.user)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已办结"))
    return redirect("staff:concern_detail", pk=concern.pk)
