"""The staff pages of 舆情回应, mounted under ``/staff/`` by ``participation/backoffice.py``: the register of
concerns in the user's scope with their due times, registering one, and recording the response, the press
conference and publication. Out-of-scope concerns are 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.core.backoffice import staff_required
from gongkai.core.errors import GongkaiError
from gongkai.core.forms import ServiceErrorsMixin
from gongkai.orgs.scope import Perm, can, get_for_user_or_404, organisations_for, restrict
from gongkai.participation import concerns
from gongkai.participation.models import Concern, Severity


class ConcernForm(ServiceErrorsMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=gettext_lazy("责任单位"), empty_label=None)
    title = forms.CharField(label=gettext_lazy("舆情事项"), max_length=300)
    source = forms.CharField(label=gettext_lazy("来源"), max_length=200)
    severity = forms.ChoiceField(label=gettext_lazy("级别"), choices=Severity.choices)
    first_seen_at = forms.DateTimeField(
        label=gettext_lazy("发现时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def __init__(self, *args, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class RespondForm(forms.Form):
    response = forms.CharField(label=gettext_lazy("回应内容"), widget=forms.Textarea(attrs={"rows": 5}))
    at = forms.DateTimeField(
        label=gettext_lazy("回应时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class PressForm(forms.Form):
    at = forms.DateTimeField(
        label=gettext_lazy("新闻发布会时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


@staff_required
def concern_list(request: HttpRequest) -> HttpResponse:
    rows = restrict(Concern.objects.select_related("organisation"), request.user, Perm.DOCUMENT_EDIT)[:500]
    return render(request, "staff/participation/concerns.html", {"rows": rows})


@staff_required
def concern_new(request: HttpRequest) -> HttpResponse:
    form = ConcernForm(
        request.POST or None, organisations=organisations_for(request.user, Perm.DOCUMENT_EDIT)
    )
    if request.method == "POST" and form.is_valid():
        try:
            concern = concerns.concern_register(actor=request.user, **form.cleaned_data)
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            return redirect("staff:concern", pk=concern.pk)
    return render(
        request, "staff/participation/concern_new.html", {"form": form}, status=400 if form.errors else 200
    )


@staff_required
def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_for_user_or_404(
        Concern.objects.select_related("organisation"), request.user, Perm.DOCUMENT_EDIT, pk=pk
    )
    context = {
        "concern": concern,
        "respond_form": RespondForm(),
        "press_form": PressForm() if concern.press_due_at and not concern.press_held_at else None,
        "can_publish": concern.responded_at
        and not concern.is_published
        and can(request.user, Perm.DOCUMENT_PUBLISH, concern.organisation),
    }
    return render(request, "staff/participation/concern_detail.html", context)


@staff_required
@require_POST
def concern_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    concern = get_for_user_or_404(
        Concern.objects.select_related("organisation"), request.user, Perm.DOCUMENT_EDIT, pk=pk
    )
    try:
        if step == "respond":
            form = RespondForm(request.POST)
            if not form.is_valid():
                raise GongkaiError(_("请填写回应内容和回应时间"))
            concerns.concern_respond(concern, actor=request.user, **form.cleaned_data)
        elif step == "press":
            form = PressForm(request.POST)
            if not form.is_valid():
                raise GongkaiError(_("请填写新闻发布会时间"))
            concerns.concern_press_conference(concern, actor=request.user, **form.cleaned_data)
        elif step == "publish":
            concerns.concern_publish(concern, actor=request.user)
        else:
            raise GongkaiError(_("不支持的操作"))
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("操作成功"))
    return redirect("staff:concern", pk=concern.pk)
