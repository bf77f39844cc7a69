"""``/api/v1/documents`` and ``/api/v1/catalog``: the same records and filters as the portal.

Anonymous callers see only public records (published, 主动公开); a logged-in staff member also sees the
records of the organisations in their scope.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.conf import settings
from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema

from gongkai.core.errors import NotFound
from gongkai.documents.catalog import catalog_json, catalog_rows
from gongkai.documents.models import Document
from gongkai.documents.selectors import DocumentFilter, document_get_for_user, document_list_visible
from gongkai.orgs.models import Organisation

documents_router = Router(tags=["documents"])
catalog_router = Router(tags=["catalog"])

PAGE_SIZE_MAX = 100
PAGE_MAX = 100_000  # 10 million records deep; beyond it an offset is no use to anyone
ID_MAX = 10**18 - 1  # the largest id any database column takes (as the public URLs' ``id`` converter)


class OrganisationRef(Schema):
    code: str
    name: str


class DocumentOut(Schema):
    id: int
    index_number: str
    title: str
    document_number: str
    organisation: OrganisationRef
    issuer_text: str
    written_on: dt.date | None
    published_on: dt.date | None
    theme: str | None = Field(None, description="主题分类, 一级\\二级")
    kind: str
    category: str
    validity: str
    status: str
    url: str

    @staticmethod
    def resolve_theme(obj: Document) -> str | None:
        return str(obj.theme) if obj.theme_id else None

    @staticmethod
    def resolve_url(obj: Document) -> str:
        return settings.SITE_URL + obj.get_absolute_url()


class AttachmentOut(Schema):
    name: str
    content_type: str
    size: int


class InterpretationRef(Schema):
    id: int
    title: str
    form: str


class DocumentDetailOut(DocumentOut):
    other_document_numbers: list[str]
    issuers: list[OrganisationRef]
    effective_on: dt.date | None
    validity_changed_on: dt.date | None
    superseded_by_id: int | None = Field(None, description="the public record that replaces this one")
    attribute: str
    disclosure_methods: list[str]
    summary: str
    body_html: str
    attachments: list[AttachmentOut]
    interpretations: list[InterpretationRef]

    @staticmethod
    def resolve_issuers(obj: Document) -> list:
        return list(obj.issuers.all())

    @staticmethod
    def resolve_superseded_by_id(obj: Document) -> int | None:
        # Only a public successor may be named: a draft's id would leak that it exists.
        successor = obj.superseded_by
        return successor.pk if successor is not None and successor.is_public else None

    @staticmethod
    def resolve_attachments(obj: Document) -> list[dict]:
        return [
            {"name": a.original_name, "content_type": a.content_type, "size": a.size}
            for a in obj.attachments.all()
        ]

    @staticmethod
    def resolve_interpretations(obj: Document) -> list:
        return list(obj.interpretations.all())


class DocumentPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[DocumentOut]


class DocumentQuery(Schema):
    organisation: str = Field("", max_length=64, description="organisation code; includes its sub-units")
    year: int | None = Field(None, ge=1949, le=2100, description="year of publication")
    theme: int | None = Field(
        None, ge=1, le=ID_MAX, description="theme id (first level includes its second levels)"
    )
    kind: str = Field("", max_length=64)
    validity: str = Field("", max_length=32, description="valid, expired or repealed")
    category: str = Field("", max_length=64)
    q: str = Field("", max_length=100, description="words in the title or document number")
    page: int = Field(1, ge=1, le=PAGE_MAX)
    page_size: int = Field(20, ge=1, le=PAGE_SIZE_MAX)


@documents_router.get("", response=DocumentPage, summary="List government information")
def list_documents(request: HttpRequest, query: Query[DocumentQuery]) -> dict:
    filters = DocumentFilter(
        organisation=query.organisation,
        year=query.year,
        theme=query.theme,
        kind=query.kind,
        validity=query.validity,
        category=query.category,
        q=query.q,
    )
    qs = document_list_visible(request.user, filters)
    start = (query.page - 1) * query.page_size
    return {
        "count": qs.count(),
        "page": query.page,
        "page_size": query.page_size,
        "items": list(qs[start : start + query.page_size]),
    }


@documents_router.get("/{int:document_id}", response=DocumentDetailOut, summary="One record")
def get_document(request: HttpRequest, document_id: Annotated[int, Path(ge=1, le=ID_MAX)]) -> Document:
    try:
        return document_get_for_user(request.user, document_id)
    except Http404 as exc:
        raise NotFound("信息不存在", detail="Document not found", code="documents.not_found") from exc


class CatalogEntryOut(Schema):
    group: str = Field(description="common (共性信息) or specific (个性信息)")
    group_label: str
    organisation_code: str
    organisation: str
    name: str = Field(description="名称")
    summary: str = Field(description="内容概述")
    responsible: str = Field(description="责任部门")
    time_limit: str = Field(description="公开时限")
    carriers: list[str] = Field(description="发布载体")
    url: str = Field(description="网站链接")


@catalog_router.get("", response=list[CatalogEntryOut], summary="The 主动公开基本目录")
def list_catalog(request: HttpRequest, organisation: Annotated[str, Query(max_length=64)] = "") -> list[dict]:
    org = None
    if organisation:
        org = Organisation.objects.filter(code=organisation, is_active=True).first()
        if org is None:
            raise NotFound(
                "机构不存在", detail=f"No organisation with code {organisation!r}", code="orgs.not_found"
            )
    return catalog_json(catalog_rows(org))
