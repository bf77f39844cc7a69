"""The administrator's confidentiality terms page (保密审查词)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core.backoffice import staff_required
from gongkai.core.errors import GongkaiError
from gongkai.review import services
from gongkai.review.confidentiality import rules
from gongkai.review.forms import ConfidentialityTermForm
from gongkai.review.models import ConfidentialityTerm


def _require_admin(request: HttpRequest) -> None:
    if not request.user.is_superuser:
        raise DjangoPermissionDenied(_("只有系统管理员可以维护保密审查词"))


@staff_required
@require_http_methods(["GET", "POST"])
def terms(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    form = ConfidentialityTermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.confidentiality_term_add(actor=request.user, **form.cleaned_data)
        except GongkaiError as exc:
            form.add_error((exc.fields and next(iter(exc.fields))) or None, exc.message)
        else:
            messages.success(request, _("已添加，此后提交的记录将按新词审查"))
            return redirect("staff:review_terms")
    return render(
        request,
        "review/terms.html",
        {"form": form, "terms": ConfidentialityTerm.objects.all(), "rules": rules().rules},
    )


@staff_required
@require_POST
def term_active(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    term = get_object_or_404(ConfidentialityTerm, pk=pk)
    services.confidentiality_term_set_active(
        actor=request.user, term=term, active=request.POST.get("active") == "1"
    )
    messages.success(request, _("已保存"))
    return redirect("staff:review_terms")
