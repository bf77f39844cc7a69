"""``GET /api/v1/search``: ranked, faceted full-text search over what the public may see.

Answers ``{"count", "results": [{"id", "external_id", "title", "doc_number", "issuer", "published_on", "url",
"snippet", "score"}], "facets": {name: [{"value", "label", "count"}]}, "suggestion"}``; ``snippet`` is HTML with the matched
words in ``<mark>`` and everything else escaped; ``suggestion`` is a corrected query (你是不是要找) when the
query found little and a correction finds more, else empty. Anonymous visibility applies to every caller.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema

from gongkai.core.errors import ValidationFailed
from gongkai.search.selectors import FACETS, MAX_PAGE_SIZE, SORTS, SearchFilters, search

router = Router(tags=["search"])
ID_MAX = 10**18 - 1


class SearchQuery(Schema):
    q: str = Field("", max_length=200, description='query: words, "exact phrases", 发文字号 in any spelling')
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(10, ge=1, le=MAX_PAGE_SIZE)
    sort: str = Field("relevance", description="relevance or date")
    organisation: int | None = Field(
        None, ge=1, le=ID_MAX, description="organisation id; includes its sub-units"
    )
    year: int | None = Field(None, ge=1949, le=2100)
    theme: int | None = Field(None, ge=1, le=ID_MAX)
    doc_kind: str = Field("", max_length=16, description="文种")
    validity: str = Field("", max_length=16)
    kind: str = Field("", max_length=32, description="content type: document, interpretation, …")
    date_from: dt.date | None = None
    date_to: dt.date | None = None


class SearchResultOut(Schema):
    id: int
    external_id: str
    title: str
    doc_number: str
    issuer: str
    published_on: dt.date | None
    url: str
    snippet: str
    score: float


class FacetValueOut(Schema):
    value: Any
    label: str
    count: int


class SearchOut(Schema):
    count: int
    results: list[SearchResultOut]
    facets: dict[str, list[FacetValueOut]]
    suggestion: str = Field("", description="did you mean: a corrected query that finds more, or empty")


@router.get("", response=SearchOut, summary="Full-text search")
def search_api(request: HttpRequest, params: Query[SearchQuery]) -> dict:
    if params.sort not in SORTS:
        raise ValidationFailed(
            gettext("排序方式应为 relevance 或 date"),
            detail="sort must be relevance or date",
            code="search.bad_sort",
            field="sort",
        )
    filters = SearchFilters(
        organisation=params.organisation,
        year=params.year,
        theme=params.theme,
        doc_kind=params.doc_kind,
        validity=params.validity,
        kind=params.kind,
        date_from=params.date_from,
        date_to=params.date_to,
    )
    page = search(
        None, params.q, filters=filters, page=params.page, page_size=params.page_size, sort=params.sort
    )
    return {
        "count": page.count,
        "results": [
            {
                "id": hit.id,
                "external_id": hit.external_id,
                "title": hit.title,
                "doc_number": hit.doc_number,
                "issuer": hit.issuer,
                "published_on": hit.published_on,
                "url": settings.SITE_URL + hit.url,
                "snippet": str(hit.snippet),
                "score": hit.score,
            }
            for hit in page.hits
        ],
        "facets": {
            name: [{"value": f.value, "label": f.label, "count": f.count} for f in page.facets.get(name, [])]
            for name in FACETS
        },
        "suggestion": page.suggestion,
    }
