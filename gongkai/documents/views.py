"""Public pages of the 政府信息公开 section: catalog, organisation pages, lists, record pages, exports.

Views parse the request, call selectors and render; what a visitor may see is decided in the selectors
(anonymous visitors see only published 主动公开 records).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongkai.core import files
from gongkai.documents.catalog import catalog_csv, catalog_json, catalog_rows, catalog_sections, catalog_xlsx
from gongkai.documents.filters import FILTER_FIELDS, DocumentFilterForm
from gongkai.documents.models import Attachment
from gongkai.documents.selectors import (
    DocumentFilter,
    document_get_for_user,
    document_ids_public,
    document_latest_public,
    document_years_public,
    documents_by_ids,
    interpretation_get_public,
    interpretation_list_public,
    organisation_get_public,
    organisation_list_public,
    theme_outline,
)
from gongkai.documents.xxgk import catalog_rows_counted, guide_facts, withdrawn_notice
from gongkai.documents.xxgk_views import catalog_entries_for

CATALOG_FORMATS = [("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("json", "JSON")]
PAGE_SIZE = 20
ORG_LATEST = 10


def xxgk(request: HttpRequest) -> HttpResponse:
    """政府信息公开: the organisation tree and every organisation's 主动公开基本目录 (SPEC R1.3)."""
    organisations = organisation_list_public()
    sections = catalog_sections(
        catalog_rows_counted(catalog_rows(), organisations=organisations), organisations
    )
    top = min((org.depth for org in organisations), default=0)
    tree = [(org, org.depth - top) for org in organisations]
    return render(
        request,
        "documents/xxgk.html",
        {
            "section": "xxgk",
            "tree": tree,
            "sections": sections,
            "catalog_formats": CATALOG_FORMATS,
        },
    )


def organisation(request: HttpRequest, code: str) -> HttpResponse:
    """One organisation's 信息公开 page: its 指南 (contact details), catalog and latest records."""
    org = organisation_get_public(code)
    organisations = organisation_list_public()
    ancestor_ids = [int(part) for part in org.path.strip("/").split("/") if part.isdigit()][:-1]
    by_id = {o.pk: o for o in organisations}
    ancestors = [by_id[pk] for pk in ancestor_ids if pk in by_id]
    children = [o for o in organisations if o.parent_id == org.pk]
    sections = catalog_sections(catalog_rows_counted(catalog_rows(org), organisations=[org]), [org])
    latest = document_latest_public(DocumentFilter(organisation=org.code), limit=ORG_LATEST, headlines=True)
    return render(
        request,
        "documents/organisation.html",
        {
            "section": "xxgk",
            "org": org,
            "ancestors": ancestors,
            "children": children,
            "catalog": sections[0] if sections else None,
            "catalog_formats": CATALOG_FORMATS,
            "latest": latest,
            "guide_facts": guide_facts(org),
        },
    )


def document_list(request: HttpRequest) -> HttpResponse:
    """政策文件: public records with filters (organisation incl. sub-units, year, theme, 文种, validity)."""
    organisations = organisation_list_public()
    form = DocumentFilterForm(
        request.GET, organisations=organisations, years=document_years_public(), themes=theme_outline()
    )
    form.is_valid()
    filters = form.to_filter()
    page = Paginator(document_ids_public(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    page_range = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    filtered = any(request.GET.get(name) for name in FILTER_FIELDS)
    # A catalogue link whose column is still empty shows the catalogue entry and its 公开时限, not "共 0 条".
    only_catalog = {name for name in FILTER_FIELDS if request.GET.get(name)} <= {"organisation", "category"}
    catalog_entries = catalog_entries_for(filters) if only_catalog and not page.paginator.count else []
    return render(
        request,
        "documents/list.html",
        {
            "section": "documents",
            "form": form,
            "filter_errors": form.error_messages_flat(),
            "page": page,
            "page_range": page_range,
            "documents": documents_by_ids(list(page.object_list)),
            "filtered": filtered,
            "catalog_entries": catalog_entries,
        },
    )


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A record laid out like the national policy-library pages: metadata table, body, attachments, 解读."""
    try:
        doc = document_get_for_user(request.user, pk)
    except Http404:
        # A record withdrawn after publication: its old address says so (410 Gone, not 404 Not Found).
        notice = withdrawn_notice(pk)
        if notice is None:
            raise
        return render(
            request, "documents/xxgk/withdrawn.html", {"section": "documents", "notice": notice}, status=410
        )
    superseded_by = doc.superseded_by if doc.superseded_by and doc.superseded_by.is_public else None
    response = render(
        request,
        "documents/detail.html",
        {
            "section": "documents",
            "doc": doc,
            "issuers": list(doc.issuers.all()),
            "attachments": list(doc.attachments.all()),
            "interpretations": list(doc.interpretations.all()),
            "superseded_by": superseded_by,
            "is_public": doc.is_public,
        },
    )
    if not doc.is_public:
        # A staff member previewing a record the public cannot see: keep it out of caches and indexes.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


# The extension a download gets from its type sniffed on upload (``core.files.sniff``).
DOWNLOAD_EXTENSIONS = {
    files.PDF: ".pdf",
    files.DOCX: ".docx",
    files.XLSX: ".xlsx",
    files.PNG: ".png",
    files.JPEG: ".jpg",
    files.GIF: ".gif",
}


def download_name(original_name: str, content_type: str) -> str:
    """The original name with the extension of the sniffed type: a GIF uploaded as ``x.html`` is offered
    as ``x.gif``, so the browser never opens it as a page. An unknown type is offered as ``.bin``."""
    stem = PurePosixPath(original_name.replace("\\", "/")).name
    if "." in stem.lstrip("."):
        stem = stem.rsplit(".", 1)[0]
    return (stem or "attachment") + DOWNLOAD_EXTENSIONS.get(content_type, ".bin")


def attachment_download(request: HttpRequest, pk: int, att_pk: int) -> FileResponse:
    """An attachment of a record the user may see, as a download named for its sniffed type."""
    doc = document_get_for_user(request.user, pk)
    attachment: Attachment | None = next((a for a in doc.attachments.all() if a.pk == att_pk), None)
    if attachment is None:
        raise Http404(_("附件不存在"))
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("附件不存在")) from exc
    known = attachment.content_type in DOWNLOAD_EXTENSIONS
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type if known else files.BINARY,
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not doc.is_public:
        response["Cache-Control"] = "private, no-store"
    return response


def interpretation_image(request: HttpRequest, pk: int) -> FileResponse:
    """The image of a published graphic interpretation (图解); its type was checked on upload."""
    item = interpretation_get_public(pk)
    if not item.image:
        raise Http404(_("图片不存在"))
    try:
        handle = item.image.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("图片不存在")) from exc
    extension = item.image.name.rsplit(".", 1)[-1].lower()
    content_type = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif"}.get(extension)
    if content_type is None:
        raise Http404(_("图片不存在"))
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def interpretation_list(request: HttpRequest) -> HttpResponse:
    """政策解读: published interpretations, newest first."""
    page = Paginator(interpretation_list_public(), PAGE_SIZE).get_page(request.GET.get("page"))
    page_range = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return render(
        request,
        "documents/interpretation_list.html",
        {"section": "jd", "page": page, "page_range": page_range},
    )


def interpretation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One interpretation with links to the public records it explains (互为链接, work plan task 3)."""
    item = interpretation_get_public(pk)
    return render(
        request,
        "documents/interpretation_detail.html",
        {"section": "jd", "item": item, "documents": list(item.documents.all())},
    )


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def catalog_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The 主动公开基本目录 as CSV, XLSX or JSON; ``?organisation=CODE`` for one organisation."""
    code = request.GET.get("organisation", "").strip()
    org = organisation_get_public(code) if code else None
    rows = catalog_rows(org)
    if fmt == "json":
        return JsonResponse(catalog_json(rows), safe=False, json_dumps_params={"ensure_ascii": False})
    body = catalog_csv(rows).encode("utf-8") if fmt == "csv" else catalog_xlsx(rows)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    suffix = "".join(c for c in org.code if c.isascii() and c.isalnum()) if org else ""
    filename = f"catalog-{suffix}.{fmt}" if suffix else f"catalog.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
