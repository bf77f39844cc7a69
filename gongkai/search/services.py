"""Writing the search index and its vocabulary: index, remove, re-index, sweep; user dictionary and synonyms.

The index is updated right after each workflow move commits (``sources``), by the importer for what it wrote and
by the attachment-text job; ``sweep`` (a periodic job) compares each item's stamp with the index and repairs
whatever a crash between commit and index update left behind. ``reindex`` rebuilds everything in small batches,
each in its own transaction, while searches go on against the rows not yet rewritten.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from gongkai.core.audit import record_audit
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.search import registry, segment
from gongkai.search.backends import backend
from gongkai.search.models import SearchEntry, SearchTerm, TermKind

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
_ENTRY_FIELDS = [
    "organisation_id",
    "org_path",
    "public",
    "status",
    "external_id",
    "url",
    "title",
    "doc_number",
    "issuer",
    "published_on",
    "year",
    "validity",
    "theme_id",
    "doc_kind",
    "source_stamp",
    "text_stamp",
    "title_tokens",
    "number_tokens",
    "body_tokens",
    "body",
]

_TEXT_FIELDS = ["title", "doc_number", "title_tokens", "number_tokens", "body_tokens", "body", "text_stamp"]


# --- the vocabulary -------------------------------------------------------------------------------------------

_vocabulary: dict[str, Any] = {"checked": 0.0, "version": None, "synonyms": {}}
VOCABULARY_RECHECK_SECONDS = 5.0


def _vocabulary_version() -> str:
    from django.db.models import Count, Max

    from gongkai.documents.models import Theme
    from gongkai.orgs.models import Organisation

    parts = [
        SearchTerm.objects.aggregate(n=Count("id"), t=Max("updated_at")),
        Organisation.objects.aggregate(n=Count("id"), m=Max("id")),
        Theme.objects.aggregate(n=Count("id"), m=Max("id")),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def dictionary_words() -> list[str]:
    """The user dictionary: organisation names, themes, 文种, and the administrator's words and synonyms."""
    from gongkai.documents.models import DocumentKind, Theme
    from gongkai.orgs.models import Organisation

    words = list(Organisation.objects.values_list("name", flat=True))
    words += list(Theme.objects.values_list("name", flat=True))
    words += [value for value in DocumentKind.values]
    for term in SearchTerm.objects.all():
        words += term.synonyms if term.kind == TermKind.SYNONYM else [term.text]
    # Theme names such as 科技、教育 are lists: their parts are words too.
    return [part for word in words for part in word.replace("、", " ").replace("（", " ").split()]


def synonym_map() -> dict[str, list[str]]:
    """Folded word → the other words of its synonym groups."""
    ensure_vocabulary()
    return _vocabulary["synonyms"]


def ensure_vocabulary(*, force: bool = False) -> None:
    """Load the current user dictionary into the segmenter when it changed (checked every few seconds)."""
    now = time.monotonic()
    if not force and now - _vocabulary["checked"] < VOCABULARY_RECHECK_SECONDS and _vocabulary["version"]:
        return
    version = _vocabulary_version()
    _vocabulary["checked"] = now
    if version == _vocabulary["version"] and not force:
        return
    segment.load_dictionary(version, dictionary_words())
    synonyms: dict[str, list[str]] = {}
    for term in SearchTerm.objects.filter(kind=TermKind.SYNONYM):
        group = [segment.fold(word) for word in term.synonyms]
        for word in group:
            synonyms.setdefault(word, [])
            synonyms[word] += [other for other in group if other != word and other not in synonyms[word]]
    _vocabulary["synonyms"] = synonyms
    _vocabulary["version"] = version


def _require_admin(actor: AbstractBaseUser) -> None:
    if not (actor.is_authenticated and actor.is_active and actor.is_superuser):
        raise PermissionDenied(
            gettext("只有系统管理员可以维护检索词典"),
            detail="Only an administrator may edit the search vocabulary",
            code="search.forbidden",
        )


def term_add(*, actor: AbstractBaseUser, kind: str, text: str) -> SearchTerm:
    """Add a user-dictionary word or a synonym group, then re-index in the background."""
    _require_admin(actor)
    text = " ".join(text.split())
    if kind not in TermKind.values:
        raise ValidationFailed(
            gettext("类型不正确"), detail="Unknown term kind", code="search.bad_kind", field="kind"
        )
    if not text or len(text) > 200:
        raise ValidationFailed(
            gettext("请填写1至200个字符的词语"),
            detail="Term must be 1-200 characters",
            code="search.bad_term",
            field="text",
        )
    if kind == TermKind.SYNONYM and len(SearchTerm(kind=kind, text=text).synonyms) < 2:
        raise ValidationFailed(
            gettext("同义词组至少包含两个词，用空格分隔，如：医保 医疗保障"),
            detail="A synonym group needs at least two words",
            code="search.bad_synonyms",
            field="text",
        )
    try:
        with transaction.atomic():
            term = SearchTerm.objects.create(kind=kind, text=text)
            record_audit(term, action="search.term_add", actor=actor, data={"kind": kind})
    except IntegrityError as exc:
        raise ValidationFailed(
            gettext("该词语已存在"), detail="Term already exists", code="search.duplicate_term", field="text"
        ) from exc
    transaction.on_commit(_vocabulary_changed)
    return term


def term_delete(*, actor: AbstractBaseUser, term: SearchTerm) -> None:
    """Remove a word or synonym group, then re-index in the background."""
    _require_admin(actor)
    with transaction.atomic():
        record_audit(term, action="search.term_delete", actor=actor, data={"kind": term.kind})
        term.delete()
    transaction.on_commit(_vocabulary_changed)


def _vocabulary_changed() -> None:
    from gongkai.search.tasks import reindex_search

    ensure_vocabulary(force=True)
    reindex_search()


# --- writing entries ------------------------------------------------------------------------------------------


def _text_stamp(title: str, numbers: str, body: str) -> str:
    """What the full-text columns of an entry are made of: its texts and the user dictionary that cut them."""
    digest = hashlib.blake2b(digest_size=16)
    for part in (segment.loaded_version() or "", title, numbers, body):
        digest.update(part.encode())
        digest.update(b"\x00")
    return digest.hexdigest()


def _values(data: registry.EntryData) -> tuple[dict[str, Any], str]:
    """An entry's column values without its tokens, and the stamp of its texts."""
    numbers = " ".join([data.doc_number, *data.other_numbers]).strip()
    values = {
        "organisation_id": data.organisation_id,
        "org_path": data.org_path,
        "public": data.public,
        "status": data.status,
        "external_id": data.external_id,
        "url": data.url,
        "title": data.title,
        "doc_number": data.doc_number,
        "issuer": data.issuer[:500],
        "published_on": data.published_on,
        "year": data.published_on.year if data.published_on else None,
        "validity": data.validity,
        "theme_id": data.theme_id,
        "doc_kind": data.doc_kind,
        "source_stamp": data.stamp,
        "text_stamp": _text_stamp(data.title, numbers, data.body),
        "body": data.body,
    }
    return values, numbers


def _tokens(values: dict[str, Any], numbers: str, *, store: bool) -> tuple[list[str], list[str], list[str]]:
    """Segment an entry's texts (search mode); with ``store``, also into its token columns."""
    tokens = (
        segment.index_tokens(values["title"]),
        segment.index_tokens(numbers),
        segment.index_tokens(values["body"]),
    )
    values["title_tokens"] = " ".join(tokens[0]) if store else ""
    values["number_tokens"] = " ".join(tokens[1]) if store else ""
    values["body_tokens"] = " ".join(tokens[2]) if store else ""
    return tokens


def index_objects(kind: str, ids: Iterable[int]) -> int:
    """Index (or re-index) the objects ``ids`` of content type ``kind``; ids that no longer exist are removed.

    An entry whose texts and user dictionary are unchanged (its ``text_stamp``) is not segmented again and its
    full-text columns are left alone; only its other fields are rewritten.
    """
    ensure_vocabulary()
    source = registry.get(kind)
    store = backend().store_tokens
    ids = list(dict.fromkeys(ids))
    done = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        with transaction.atomic():
            objects = list(source.queryset().filter(pk__in=batch))
            found = {obj.pk for obj in objects}
            SearchEntry.objects.filter(kind=kind, object_id__in=[i for i in batch if i not in found]).delete()
            existing = dict(
                (row[0], row[1:])
                for row in SearchEntry.objects.filter(kind=kind, object_id__in=found).values_list(
                    "object_id", "id", "text_stamp"
                )
            )
            new, changed, same_text, vectors = [], [], [], []
            for obj in objects:
                values, numbers = _values(source.entry(obj))
                old = existing.get(obj.pk)
                if old is not None and old[1] == values["text_stamp"]:
                    same_text.append(SearchEntry(kind=kind, object_id=obj.pk, pk=old[0], **values))
                    continue
                tokens = _tokens(values, numbers, store=store)
                entry = SearchEntry(kind=kind, object_id=obj.pk, **values)
                if old is not None:
                    entry.pk = old[0]
                    changed.append(entry)
                else:
                    new.append(entry)
                vectors.append((entry, tokens))
            engine = backend()
            vector = (
                {id(e): engine.vector_value(*tokens) for e, tokens in vectors} if engine.vector_column else {}
            )
            if changed:
                _update_rows(
                    changed, _ENTRY_FIELDS, vectors=[vector[id(e)] for e in changed] if vector else None
                )
            if same_text:
                _update_rows(
                    same_text, [f for f in _ENTRY_FIELDS if f not in _TEXT_FIELDS], only_changed=True
                )
            if new and vector:
                _insert_rows(new, [vector[id(e)] for e in new])
            elif new:
                SearchEntry.objects.bulk_create(new)
            if new and any(e.pk is None for e in new):  # backends that return no ids from bulk inserts
                ids_by_object = dict(
                    SearchEntry.objects.filter(
                        kind=kind, object_id__in=[e.object_id for e in new]
                    ).values_list("object_id", "id")
                )
                for entry in new:
                    entry.pk = ids_by_object[entry.object_id]
            done += len(objects)
    if len(ids) >= 500:
        _analyze()
    return done


def _insert_rows(entries: list[SearchEntry], vectors: list[str]) -> None:
    """``INSERT`` the new ``entries`` with the engine's token vector column (``Backend.vector_column``) in the same
    statement, one multi-row statement; each entry gets its id (returned in the order given, as ``bulk_create``
    relies on too)."""
    from django.db import connection

    column, placeholder = backend().vector_column  # type: ignore[misc]
    fields = [f for f in SearchEntry._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    row = "(" + ", ".join(["%s"] * len(fields) + [placeholder]) + ")"
    sql = (
        f"INSERT INTO {quote(SearchEntry._meta.db_table)} "  # noqa: S608  (quoted names and placeholders only)
        f"({', '.join(quote(f.column) for f in fields)}, {quote(column)}) VALUES {', '.join([row] * len(entries))} "
        f"RETURNING {quote(SearchEntry._meta.pk.column)}"
    )
    params: list[Any] = []
    for entry, vector in zip(entries, vectors, strict=True):
        params += [f.get_db_prep_save(f.pre_save(entry, True), connection) for f in fields]
        params.append(vector)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = [r[0] for r in cursor.fetchall()]
    for entry, pk in zip(entries, ids, strict=True):
        entry.pk = pk
        entry._state.adding = False


def _update_rows(
    entries: list[SearchEntry],
    names: list[str],
    *,
    only_changed: bool = False,
    vectors: list[str] | None = None,
) -> None:
    """``UPDATE … WHERE id = ?`` per entry in one ``executemany`` (``bulk_update``'s CASE expressions cost more
    than the writes themselves: 12 s of 35 for 600 records). With ``only_changed``, a row whose ``names`` already
    hold those values is left alone: on PostgreSQL every rewritten row is a new row version with new entries in
    every index (the bodies' trigrams among them), which made a re-index with unchanged texts take 55 s."""
    from django.db import connection

    fields = [SearchEntry._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    if vectors is not None:  # the engine's token vector in the same row version (see ``_insert_rows``)
        column, placeholder = backend().vector_column  # type: ignore[misc]
        assignments += f", {quote(column)} = {placeholder}"
    sql = f"UPDATE {quote(SearchEntry._meta.db_table)} SET {assignments}, indexed_at = %s WHERE id = %s"  # noqa: S608
    same = "IS NOT DISTINCT FROM" if connection.vendor == "postgresql" else "IS"  # equal, NULL equal to NULL
    if only_changed:
        sql += " AND NOT (" + " AND ".join(f"{quote(f.column)} {same} %s" for f in fields) + ")"
    now = SearchEntry._meta.get_field("indexed_at").get_db_prep_save(timezone.now(), connection)
    rows = []
    for i, entry in enumerate(entries):
        values = [f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields]
        vector = [vectors[i]] if vectors is not None else []
        rows.append(values + vector + [now, entry.pk] + (values if only_changed else []))
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def index_object(kind: str, object_id: int) -> None:
    """Index one object now (after its move committed); removes its entry when the object is gone."""
    index_objects(kind, [object_id])


def public_entry(kind: str, object_id: int) -> tuple | None:
    """What the public's search shows of one object: its entry's fields, or None when it is not public."""
    return (
        SearchEntry.objects.filter(kind=kind, object_id=object_id, public=True)
        .values_list(*_ENTRY_FIELDS, *_TEXT_FIELDS)
        .first()
    )


def remove_object(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def reindex(
    *, kinds: list[str] | None = None, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Rebuild the index of every (or each of ``kinds``) content type; safe while the site serves.

    Entries are rewritten in place batch by batch, so searches keep answering from the others meanwhile;
    entries whose objects are gone are removed at the end. Returns the number indexed per content type.
    """
    ensure_vocabulary(force=True)
    counts: dict[str, int] = {}
    for source in registry.sources():
        if kinds and source.key not in kinds:
            continue
        ids = list(source.queryset().order_by("pk").values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), BATCH_SIZE):
            done += index_objects(source.key, ids[start : start + BATCH_SIZE])
            if progress is not None:
                progress(min(BATCH_SIZE, len(ids) - start))
        _remove_missing(source.key, set(ids))
        counts[source.key] = done
    _analyze()
    from gongkai.core import pagecache

    pagecache.content_changed()
    logger.info("search reindex: %s", counts)
    return counts


def _analyze() -> None:
    """Refresh the planner's statistics of the entry table (SQLite gathers none on its own), and merge what the
    engine queued for its indexes (PostgreSQL's GIN pending lists, read by every search until merged)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
    backend().merge_pending()


def reindex_total(kinds: list[str] | None = None) -> int:
    return sum(s.queryset().count() for s in registry.sources() if not kinds or s.key in kinds)


def _remove_missing(kind: str, ids: set[int]) -> int:
    stale = [
        pk
        for pk in SearchEntry.objects.filter(kind=kind).values_list("object_id", flat=True)
        if pk not in ids
    ]
    for start in range(0, len(stale), 500):
        SearchEntry.objects.filter(kind=kind, object_id__in=stale[start : start + 500]).delete()
    return len(stale)


def sweep() -> int:
    """Repair the index where it differs from the content (a lost update): re-index changed items, drop gone ones."""
    repaired = 0
    for source in registry.sources():
        if source.stamps is None:
            continue
        current = dict(source.stamps())
        indexed = dict(SearchEntry.objects.filter(kind=source.key).values_list("object_id", "source_stamp"))
        stale = [pk for pk, stamp in current.items() if indexed.get(pk) != stamp]
        if stale:
            repaired += index_objects(source.key, stale)
        repaired += _remove_missing(source.key, set(current))
    if repaired:
        from gongkai.core import pagecache

        logger.info("search sweep repaired %d entries", repaired)
        pagecache.content_changed()  # cached results pages showed the unrepaired index
    return repaired
