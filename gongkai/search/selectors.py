"""Searching (检索): ranked, filtered, faceted results for whoever asks — the public sees only public items.

Ranking (tuned with ``bench/search.py``): the engine's first-stage score (BM25 with column weights on SQLite,
``ts_rank_cd`` on PostgreSQL), normalised to 0..1 over the candidates, plus

* a 发文字号 typed in any spelling that equals an item's number puts that item first;
* the whole query appearing in the title (and more so being the title), or every query word appearing in it;
* the whole query appearing in the body as written (phrase proximity), strongly for a long one-piece query
  (a fragment copied from a text);
* mild boosts: recency, and a valid (有效) item above an expired or repealed one with the same text.

Facet counts are computed over the visible matches with every filter applied except the facet's own, so a
count never includes an item the user may not see.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.safestring import SafeString

from gongkai.search import highlight, registry, segment
from gongkai.search.backends import Where, _like_escape, backend
from gongkai.search.query import ParsedQuery, parse
from gongkai.search.services import ensure_vocabulary, synonym_map

User = AbstractBaseUser | AnonymousUser

MAX_PAGE_SIZE = 100
RERANK_DEPTH = 100
NUMBER_BONUS = 10.0
TITLE_IS_QUERY_BONUS = 0.5
TITLE_HAS_QUERY_BONUS = 0.6
TITLE_HAS_WORDS_BONUS = 0.3
BODY_HAS_QUERY_BONUS = 0.2
FRAGMENT_BONUS = 1.0  # a long query found as written in the body: the text it was copied from
NOT_VALID_FACTOR = 0.8
RECENCY_WEIGHT = 0.05
FACETS = ("organisation", "year", "theme", "doc_kind", "validity", "kind")
SORTS = ("relevance", "date")

# Row layout from the backends.
ID, SCORE, TITLE, NUMBER, PUBLISHED, VALIDITY, ORG, PATH, YEAR, THEME, DOC_KIND, KIND = range(12)
_GROUP_COLUMNS = (PATH, YEAR, THEME, DOC_KIND, VALIDITY, KIND)


@dataclass
class SearchFilters:
    organisation: int | None = None  # includes its sub-units
    year: int | None = None
    theme: int | None = None
    doc_kind: str = ""
    validity: str = ""
    kind: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def selected(self, facet: str) -> Any:
        return getattr(self, facet)


@dataclass
class Hit:
    entry_id: int
    kind: str
    id: int
    external_id: str
    title: str
    doc_number: str
    issuer: str
    published_on: dt.date | None
    validity: str
    url: str
    score: float
    snippet: str = ""
    title_marked: str = ""


@dataclass
class FacetValue:
    value: Any
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchPage:
    query: ParsedQuery
    count: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    page: int = 1
    page_size: int = 10
    relaxed: bool = False  # no item had every word: items with some of them are shown
    suggestion: str = ""  # did you mean (你是不是要找): a corrected query that finds more

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.page_size))


def _visibility(user: User | None, staff: bool) -> Where:
    where = Where()
    if not staff or user is None or not user.is_authenticated:
        where.add("e.public = %s", True)
        return where
    from gongkai.orgs.scope import organisations_for, scope_q

    parts, params = ["e.public = %s"], [True]
    for source in registry.sources():
        if scope_q(user, source.staff_perm) is None:  # unrestricted (superuser)
            parts.append("e.kind = %s")
            params.append(source.key)
            continue
        org_ids = list(organisations_for(user, source.staff_perm).values_list("id", flat=True))
        if org_ids:
            parts.append(f"(e.kind = %s AND e.organisation_id IN ({', '.join(['%s'] * len(org_ids))}))")
            params += [source.key, *org_ids]
    where.add("(" + " OR ".join(parts) + ")", *params)
    return where


def _path_ids(path: str) -> list[int]:
    return [int(p) for p in path.split("/") if p.isdigit()]


def _passes(row: Any, filters: SearchFilters, skip: str, org_prefix: str | None) -> bool:
    if skip != "organisation" and filters.organisation is not None:
        if org_prefix is None or not (row[PATH] or "").startswith(org_prefix):
            return False
    if skip != "year" and filters.year is not None and row[YEAR] != filters.year:
        return False
    if skip != "theme" and filters.theme is not None and row[THEME] != filters.theme:
        return False
    if skip != "doc_kind" and filters.doc_kind and row[DOC_KIND] != filters.doc_kind:
        return False
    if skip != "validity" and filters.validity and row[VALIDITY] != filters.validity:
        return False
    return not (skip != "kind" and filters.kind and row[KIND] != filters.kind)


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _score(rows: list[tuple], parsed: ParsedQuery) -> dict[int, float]:
    top = max((row[SCORE] or 0.0 for row in rows), default=0.0) or 1.0
    text = parsed.text
    words = [segment.fold(c.surface) for c in parsed.clauses]
    numbers = set(parsed.numbers)
    scores: dict[int, float] = {}
    for row in rows:
        if row[SCORE] is None and not row[TITLE]:  # past the first stage's best: not re-ranked
            scores[row[ID]] = 0.0
            continue
        score = (row[SCORE] or 0.0) / top
        title = segment.fold(row[TITLE] or "")
        if row[NUMBER] and row[NUMBER] in numbers:
            score += NUMBER_BONUS
        if text and text in title:
            score += TITLE_HAS_QUERY_BONUS + (TITLE_IS_QUERY_BONUS if title == text else 0.0)
        elif words and all(w in title for w in words):
            score += TITLE_HAS_WORDS_BONUS
        scores[row[ID]] = score
    return scores


def _finish(score: float, row: tuple) -> float:
    if row[VALIDITY] and row[VALIDITY] != "valid":
        score *= NOT_VALID_FACTOR
    year = row[YEAR]
    if year:
        score *= 1.0 + RECENCY_WEIGHT * min(1.0, max(0.0, (year - 1990) / 40))
    return score


def search(
    user: User | None,
    q: str,
    *,
    filters: SearchFilters | None = None,
    page: int = 1,
    page_size: int = 10,
    sort: str = "relevance",
    facets: bool = True,
    snippets: bool = True,
    staff: bool = False,
    suggest: bool = True,
) -> SearchPage:
    """Search the index as ``user`` (the public when ``staff`` is false or the user is anonymous).

    With ``suggest``, a query of plain words that finds fewer than ``suggest.FEW_RESULTS`` items (or only items
    with some of its words) gets ``suggestion``: a correction from the index vocabulary that finds more, searched
    as the same user with the same filters.
    """
    ensure_vocabulary()
    filters = filters or SearchFilters()
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    page = max(1, page)
    parsed = parse(q, synonym_map())
    result = SearchPage(query=parsed, count=0, hits=[], page=page, page_size=page_size)
    if parsed.empty:
        return result
    engine = backend()
    where = _visibility(user, staff)
    if filters.date_from:
        where.add("e.published_on >= %s", filters.date_from)
    if filters.date_to:
        where.add("e.published_on <= %s", filters.date_to)
    org_prefix = _org_prefix(filters.organisation)
    narrow = _narrow(filters, org_prefix)
    limit = page * page_size  # the engine returns at least its RANK_CANDIDATES best
    found = engine.candidates(parsed, where, narrow=narrow, limit=limit, order=sort)
    if found.empty and len(parsed.clauses) > 1:
        found = engine.candidates(parsed, where, narrow=narrow, relaxed=True, limit=limit, order=sort)
        result.relaxed = not found.empty
    rows, exact = found.rows, found.exact
    groups = Counter({tuple(group[:-1]): group[-1] for group in found.groups})
    groups.update(itemgetter(*_GROUP_COLUMNS)(row) for row in rows if row[ID] not in found.grouped)
    matched = [row for row in rows if _passes(row, filters, "", org_prefix)]
    result.count = sum(n for key, n in groups.items() if _passes(_as_row(key), filters, "", org_prefix))
    if facets:
        result.facets = _facets(groups, filters, org_prefix)
    if sort == "date":
        matched.sort(key=lambda r: (_as_date(r[PUBLISHED]) or dt.date.min, r[ID]), reverse=True)
        scores = _score(matched, parsed)
        chosen = matched[(page - 1) * page_size : page * page_size]
    else:
        scores = _score(matched, parsed)
        for entry_id in exact:
            if entry_id in scores:
                scores[entry_id] += FRAGMENT_BONUS
        by_id = {row[ID]: row for row in matched}
        ranked = sorted(matched, key=lambda r: scores[r[ID]], reverse=True)
        depth = max(RERANK_DEPTH, page * page_size)
        head = [row[ID] for row in ranked[:depth]]
        if parsed.text and len(parsed.text) >= 2 and head:
            _in_title, in_body = engine.contains(head, parsed.text)
            for entry_id in in_body - exact:
                scores[entry_id] += BODY_HAS_QUERY_BONUS
        for row in ranked[:depth]:
            scores[row[ID]] = _finish(scores[row[ID]], row)
        head_rows = sorted((by_id[i] for i in head), key=lambda r: (scores[r[ID]], r[ID]), reverse=True)
        ordered = head_rows + ranked[depth:]
        chosen = ordered[(page - 1) * page_size : page * page_size]
    result.hits = _hits([row[ID] for row in chosen], scores, parsed, snippets=snippets)
    # Not for quoted phrases, 发文字号, or a copied fragment found as written: those are no typos.
    if suggest and not parsed.phrases and not parsed.numbers and not (exact and result.count):
        result.suggestion = _suggestion(user, parsed, result, filters, staff)
    return result


def _suggestion(
    user: User | None, parsed: ParsedQuery, result: SearchPage, filters: SearchFilters, staff: bool
) -> str:
    from gongkai.search import suggest

    def count(query: str) -> int:
        page = search(
            user,
            query,
            filters=filters,
            page_size=1,
            facets=False,
            snippets=False,
            staff=staff,
            suggest=False,
        )
        return 0 if page.relaxed else page.count

    return suggest.suggest(parsed.raw, 0 if result.relaxed else result.count, count)


def _as_row(group: tuple) -> dict[int, Any]:
    """A group's facet columns, readable by ``_passes`` as a row."""
    return dict(zip(_GROUP_COLUMNS, group, strict=True))


def _narrow(filters: SearchFilters, org_prefix: str | None) -> Where:
    """The facet filters as SQL conditions on ``e`` (what ``_passes`` checks in Python)."""
    narrow = Where()
    if filters.organisation is not None:
        if org_prefix and org_prefix != "\x00":
            narrow.add("e.org_path LIKE %s ESCAPE '\\'", _like_escape(org_prefix) + "%")
        else:  # no such organisation
            narrow.add("1 = 0")
    if filters.year is not None:
        narrow.add("e.year = %s", filters.year)
    if filters.theme is not None:
        narrow.add("e.theme_id = %s", filters.theme)
    for name in ("doc_kind", "validity", "kind"):
        value = getattr(filters, name)
        if value:
            narrow.add(f"e.{name} = %s", value)
    return narrow


def _org_prefix(organisation_id: int | None) -> str | None:
    if organisation_id is None:
        return None
    from gongkai.orgs.models import Organisation

    return Organisation.objects.filter(pk=organisation_id).values_list("path", flat=True).first() or "\x00"


def _hits(ids: list[int], scores: dict[int, float], parsed: ParsedQuery, *, snippets: bool) -> list[Hit]:
    if not ids:
        return []
    from gongkai.search.models import SearchEntry

    fields = ["id", "kind", "object_id", "external_id", "title", "doc_number", "issuer", "published_on"]
    fields += ["validity", "url"] + (["body"] if snippets else [])
    entries = {e.pk: e for e in SearchEntry.objects.filter(pk__in=ids).only(*fields)}
    terms = parsed.highlight + [c.surface for c in parsed.clauses]
    terms += [alt for c in parsed.clauses for alt in (" ".join(a) for a in c.alternatives[1:])]
    hits = []
    for entry_id in ids:
        entry = entries.get(entry_id)
        if entry is None:  # removed since the candidates were read
            continue
        hits.append(
            Hit(
                entry_id=entry.pk,
                kind=entry.kind,
                id=entry.object_id,
                external_id=entry.external_id,
                title=entry.title,
                doc_number=entry.doc_number,
                issuer=entry.issuer,
                published_on=entry.published_on,
                validity=entry.validity,
                url=entry.url,
                score=round(scores.get(entry_id, 0.0), 4),
                snippet=highlight.snippet(entry.body, terms) if snippets else SafeString(""),
                title_marked=highlight.mark(entry.title, terms),
            )
        )
    return hits


# --- facets ---------------------------------------------------------------------------------------------------


def _facets(
    groups: Counter[tuple], filters: SearchFilters, org_prefix: str | None
) -> dict[str, list[FacetValue]]:
    from gongkai.documents.models import DocumentKind, Theme, Validity
    from gongkai.orgs.models import Organisation

    counts: dict[str, dict[Any, int]] = {name: {} for name in FACETS}
    org_counts: dict[int, int] = {}
    paths: list[list[int]] = []
    # The matches come grouped by their facet columns (in SQL): a common word's thousands of matches fall into
    # a few dozen groups, and only the groups go through the filters below.
    for values, n in groups.items():
        row = dict(zip(_GROUP_COLUMNS, values, strict=True))
        for name, column in (
            ("year", YEAR),
            ("theme", THEME),
            ("doc_kind", DOC_KIND),
            ("validity", VALIDITY),
            ("kind", KIND),
        ):
            if row[column] in (None, "") or not _passes(row, filters, name, org_prefix):
                continue
            counts[name][row[column]] = counts[name].get(row[column], 0) + n
        if _passes(row, filters, "organisation", org_prefix):
            ids = _path_ids(row[PATH] or "")
            paths.append(ids)
            for org_id in ids:
                org_counts[org_id] = org_counts.get(org_id, 0) + n
    out: dict[str, list[FacetValue]] = {}
    # Organisations: the sub-units of the selected one, else the level below what every match shares.
    level_ids: list[int] = []
    if paths:
        if filters.organisation is not None:
            selected = _path_ids(org_prefix or "")
            depth = len(selected)
        else:
            common = paths[0]
            for ids in paths[1:]:
                n = 0
                while n < min(len(common), len(ids)) and common[n] == ids[n]:
                    n += 1
                common = common[:n]
            depth = len(common) if any(len(ids) > len(common) for ids in paths) else max(len(common) - 1, 0)
        level_ids = sorted({ids[depth] for ids in paths if len(ids) > depth})
    names = dict(Organisation.objects.filter(pk__in=level_ids).values_list("id", "name"))
    out["organisation"] = sorted(
        (
            FacetValue(
                org_id, names.get(org_id, str(org_id)), org_counts[org_id], org_id == filters.organisation
            )
            for org_id in level_ids
        ),
        key=lambda f: (-f.count, f.label),
    )
    out["year"] = [
        FacetValue(y, str(y), n, y == filters.year) for y, n in sorted(counts["year"].items(), reverse=True)
    ]
    theme_names = {
        t.pk: t.full_name for t in Theme.objects.filter(pk__in=counts["theme"]).select_related("parent")
    }
    out["theme"] = sorted(
        (
            FacetValue(t, theme_names.get(t, str(t)), n, t == filters.theme)
            for t, n in counts["theme"].items()
        ),
        key=lambda f: (-f.count, f.label),
    )
    kinds = dict(DocumentKind.choices)
    out["doc_kind"] = sorted(
        (
            FacetValue(k, str(kinds.get(k, k)), n, k == filters.doc_kind)
            for k, n in counts["doc_kind"].items()
        ),
        key=lambda f: (-f.count, f.label),
    )
    validity = dict(Validity.choices)
    out["validity"] = [
        FacetValue(v, str(validity.get(v, v)), n, v == filters.validity)
        for v, n in sorted(counts["validity"].items())
    ]
    labels = {s.key: str(s.label) for s in registry.sources()}
    out["kind"] = [
        FacetValue(k, labels.get(k, k), n, k == filters.kind)
        for k, n in sorted(counts["kind"].items(), key=lambda item: -item[1])
    ]
    return out
