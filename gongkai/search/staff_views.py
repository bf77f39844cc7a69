"""Staff search (drafts within the user's scope) and the administrator's vocabulary page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gongkai.core.backoffice import staff_required
from gongkai.core.errors import GongkaiError
from gongkai.search import segment
from gongkai.search.forms import TermForm
from gongkai.search.models import SearchTerm
from gongkai.search.services import ensure_vocabulary, term_add, term_delete
from gongkai.search.views import page_context, run_search


@staff_required
def staff_search(request: HttpRequest) -> HttpResponse:
    form, page = run_search(request, staff=True)
    return render(request, "search/staff_search.html", page_context(request, form, page))


@staff_required
@require_http_methods(["GET", "POST"])
def terms(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise DjangoPermissionDenied(_("只有系统管理员可以维护检索词典"))
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            term_add(actor=request.user, kind=form.cleaned_data["kind"], text=form.cleaned_data["text"])
        except GongkaiError as exc:
            form.add_error((exc.fields and next(iter(exc.fields))) or None, exc.message)
        else:
            messages.success(request, _("已保存，检索索引正在后台更新"))
            return redirect("staff:search_terms")
    sample = request.GET.get("sample", "")[:200]
    if sample:
        ensure_vocabulary(force=True)
    return render(
        request,
        "search/terms.html",
        {
            "form": form,
            "terms": SearchTerm.objects.all(),
            "sample": sample,
            "sample_words": segment.words(sample) if sample else [],
        },
    )


@staff_required
@require_http_methods(["POST"])
def term_remove(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_superuser:
        raise DjangoPermissionDenied(_("只有系统管理员可以维护检索词典"))
    term_delete(actor=request.user, term=get_object_or_404(SearchTerm, pk=pk))
    messages.success(request, _("已删除，检索索引正在后台更新"))
    return redirect("staff:search_terms")
