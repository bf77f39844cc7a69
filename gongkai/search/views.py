"""The portal's search results page (检索结果): the public sees only public items, in counts and snippets too."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from gongkai.search.forms import SearchForm
from gongkai.search.selectors import SearchPage, search

PAGE_SIZE = 10
FILTER_KEYS = ("organisation", "year", "theme", "doc_kind", "validity", "kind")
FACET_LABELS = {
    "kind": _("内容类型"),
    "organisation": _("发布机构"),
    "year": _("年份"),
    "theme": _("主题分类"),
    "doc_kind": _("文种"),
    "validity": _("有效性"),
}


def run_search(request: HttpRequest, *, staff: bool) -> tuple[SearchForm, SearchPage | None]:
    """Validate the query string and search; shared with the staff search page."""
    form = SearchForm(request.GET)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    q = data.get("q") or ""
    if not q.strip():
        return form, None
    page = search(
        request.user,
        q,
        filters=form.filters(),
        page=data.get("page") or 1,
        page_size=PAGE_SIZE,
        sort=data.get("sort") or "relevance",
        staff=staff,
    )
    return form, page


def page_context(request: HttpRequest, form: SearchForm, page: SearchPage | None) -> dict:
    """What the results partial shows: facet links (each narrowing or, when selected, widening), hit labels,
    the filters kept by the search form, and the pagination numbers."""
    from gongkai.documents.models import Validity
    from gongkai.search import registry

    groups = []
    if page is not None:
        for name, label in FACET_LABELS.items():
            values = page.facets.get(name) or []
            for value in values:
                params = request.GET.copy()
                params.pop("page", None)
                if value.selected:
                    params.pop(name, None)
                else:
                    params[name] = str(value.value)
                value.query = params.urlencode()
            if values:
                groups.append({"name": name, "label": label, "values": values})
        validity = dict(Validity.choices)
        kinds = {s.key: s.label for s in registry.sources()}
        for hit in page.hits:
            hit.validity_label = validity.get(hit.validity, "")
            hit.kind_label = kinds.get(hit.kind, "")
    suggestion_query = ""
    if page is not None and page.suggestion:
        params = request.GET.copy()
        params.pop("page", None)
        params["q"] = page.suggestion
        suggestion_query = params.urlencode()
    kept = [(key, request.GET[key]) for key in FILTER_KEYS if request.GET.get(key)]
    return {
        "form": form,
        "result": page,
        "facet_groups": groups,
        "kept_filters": kept,
        "suggestion_query": suggestion_query,
        "first_rank": ((page.page - 1) * page.page_size + 1) if page else 1,
        "previous_page": page.page - 1 if page else 1,
        "next_page": page.page + 1 if page else 1,
    }


def results(request: HttpRequest) -> HttpResponse:
    form, page = run_search(request, staff=False)
    context = page_context(request, form, page)
    return render(request, "search/results.html", {"section": "search", **context})
