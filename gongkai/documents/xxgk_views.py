"""Public pages of the 政府信息公开 section's columns (``documents.xxgk``): 指南, 制度, 法定主动公开内容, 年度报告,
依申请公开, and the page at a withdrawn record's old address.

All are anonymous GETs under ``/xxgk/``, so the page cache serves them; what they show changes only through
writes that bump its generations (publishing and withdrawing records, organisation and catalogue edits).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from gongkai.documents import xxgk
from gongkai.documents.catalog import catalog_rows
from gongkai.documents.selectors import (
    DocumentFilter,
    documents_by_ids,
    organisation_get_public,
    organisation_list_public,
)
from gongkai.orgs.models import Organisation

PAGE_SIZE = 20


def _scope(request: HttpRequest) -> tuple[Organisation | None, DocumentFilter]:
    """``?organisation=CODE`` narrows a column to an organisation and its sub-units (404 for an unknown code)."""
    code = request.GET.get("organisation", "").strip()
    org = organisation_get_public(code) if code else None
    return org, DocumentFilter(organisation=org.code if org else "")


def _page(request: HttpRequest, ids) -> dict:
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "documents": documents_by_ids(list(page.object_list)),
    }


def _context(column: str, scope_org: Organisation | None, **extra: object) -> dict:
    return {"section": "xxgk", "column": column, "scope_org": scope_org, **extra}


def guide_index(request: HttpRequest) -> HttpResponse:
    """政府信息公开指南: how information is arranged and obtained, and each organisation's own guide."""
    organisations = organisation_list_public()
    top = min((org.depth for org in organisations), default=0)
    return render(
        request,
        "documents/xxgk/guide_index.html",
        _context("guide", None, tree=[(org, org.depth - top) for org in organisations]),
    )


def guide(request: HttpRequest, code: str) -> HttpResponse:
    """One organisation's 政府信息公开指南 (R1.3), generated from its fields; empty fields are left out."""
    org = organisation_get_public(code)
    facts = xxgk.guide_facts(org)
    return render(
        request,
        "documents/xxgk/guide.html",
        _context("guide", org, org=org, facts=facts, apply_url=foi_apply_url()),
    )


def rules(request: HttpRequest) -> HttpResponse:
    """政府信息公开制度: the statute and the rules the organisations have published."""
    org, filters = _scope(request)
    ids = xxgk.category_document_ids(xxgk.RULES_CATEGORIES, filters)
    return render(request, "documents/xxgk/rules.html", _context("rules", org, **_page(request, ids)))


def art20_index(request: HttpRequest) -> HttpResponse:
    """法定主动公开内容: the fifteen items of 条例 art. 20 with the number of public records under each."""
    org, filters = _scope(request)
    counts = xxgk.art20_counts(filters)
    categories = [(category, counts[category.number]) for category in xxgk.ART20]
    return render(request, "documents/xxgk/art20_index.html", _context("art20", org, categories=categories))


def art20_category(request: HttpRequest, number: int) -> HttpResponse:
    """One art. 20 item: its rule, its 公开时限 and its public records (or, when none, no empty list)."""
    category = xxgk.art20_category(number)
    org, filters = _scope(request)
    ids = xxgk.art20_document_ids(category, filters)
    return render(
        request,
        "documents/xxgk/art20_category.html",
        _context("art20", org, category=category, profile_org=org if category.organisation_profile else None,
                 **_page(request, ids)),
    )  # fmt: skip


def annual_reports(request: HttpRequest) -> HttpResponse:
    """政府信息公开工作年度报告 (条例 art. 49–50), newest year first."""
    org, filters = _scope(request)
    return render(
        request,
        "documents/xxgk/annual_reports.html",
        _context("reports", org, reports=xxgk.annual_reports(filters)),
    )


def foi_apply_url() -> str | None:
    """The online application form, once an app provides one under the URL name ``foi:apply``."""
    try:
        return reverse("foi:apply")
    except NoReverseMatch:
        return None


def apply(request: HttpRequest) -> HttpResponse:
    """依申请公开: who may apply, how, what to write, the time limits, and where each organisation receives
    applications (条例 art. 27–33, 42; R1.6–R1.9)."""
    org, _filters = _scope(request)
    offices = [o for o in _offices(org) if o.address or o.phone or o.email]
    return render(
        request,
        "documents/xxgk/apply.html",
        _context("apply", org, offices=offices, apply_url=foi_apply_url()),
    )


def _offices(org: Organisation | None) -> list[Organisation]:
    qs = Organisation.objects.filter(is_active=True).order_by("path", "sort_order")
    if org is not None:
        qs = qs.filter(path__startswith=org.path)
    return list(
        qs.only(
            "id",
            "code",
            "name",
            "path",
            "foi_office",
            "address",
            "postcode",
            "office_hours",
            "phone",
            "email",
        )
    )


def catalog_entries_for(filters: DocumentFilter) -> list:
    """The catalogue rows a list filtered by 信息类别 stands for (its organisation's, or every one's)."""
    if not filters.category:
        return []
    org = (
        Organisation.objects.filter(code=filters.organisation, is_active=True).first()
        if filters.organisation
        else None
    )
    if filters.organisation and org is None:
        return []
    return [row for row in catalog_rows(org) if row.name == filters.category]
