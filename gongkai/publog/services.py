"""Writes to the publication log (公开记录): append an entry with its Merkle nodes, sign a tree head.

An entry is written by ``entry_append`` inside the transaction of the move it records (``publog.apps`` subscribes
it with ``Machine.in_transaction`` to the record's publish, revise and withdraw moves): a move that rolls back
takes its entry with it, and an entry that cannot be written (an attachment file missing) rolls the move back.
An ``on_commit`` hook would not do: it runs after the move is committed and its failure is only logged, so a move
could exist without its entry. A survey response (答卷) is logged the same way: ``surveys.services.response_submit``
calls ``response_entry_append`` in the transaction that stores the response.

Entries are numbered without gaps: appends are serialised by a transaction-scoped advisory lock on PostgreSQL
and by SQLite's single writer (the move has already written the record's row, so its transaction holds the write
lock); the unique ``seq`` is the last line of defence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.documents.models import Attachment, Document, Interpretation, public_q
from gongkai.publog import canonical, keys, merkle
from gongkai.publog.models import Action, Entry, PublishedFile, SignedTreeHead, TreeNode
from gongkai.surveys.models import Response as SurveyResponse

logger = logging.getLogger(__name__)

# pg_advisory_xact_lock key: "公开" as the two UTF-16 code units 0x516C 0x5F00.
_ADVISORY_LOCK = 0x516C5F00
# A head is signed on schedule when the log grew, or when the latest head is older than this.
HEAD_MAX_AGE = dt.timedelta(hours=24)
# Entries written per ``_entries_write`` call by the bulk paths (an import, many survey responses).
IMPORT_BATCH = 500


def _lock_log() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])


def nodes_fetch(nodes: Iterable[merkle.Node]) -> dict[merkle.Node, bytes]:
    """The stored hashes of ``nodes``, in one query (``merkle.NodeFetcher``)."""
    by_level: dict[int, list[int]] = {}
    for level, index in nodes:
        by_level.setdefault(level, []).append(index)
    if not by_level:
        return {}
    condition = Q()
    for level, indexes in by_level.items():
        condition |= Q(level=level, index__in=indexes)
    found = {
        (level, index): bytes(value)
        for level, index, value in TreeNode.objects.filter(condition).values_list("level", "index", "hash")
    }
    missing = [
        (level, index)
        for level, indexes in by_level.items()
        for index in indexes
        if (level, index) not in found
    ]
    if missing:
        raise LookupError(f"publication log: tree nodes missing: {missing[:5]}")
    return found


def log_size() -> int:
    """The number of entries (the next entry's ``seq``)."""
    last = Entry.objects.order_by("-seq").values_list("seq", flat=True).first()
    return 0 if last is None else last + 1


def file_sha256(attachment: Attachment) -> str:
    """The SHA-256 of the attachment's stored bytes, exactly as the portal serves them."""
    digest = hashlib.sha256()
    with attachment.file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def public_attachments(document: Document) -> list[Attachment]:
    """The attachments the record's public page lists: its own and those of published revisions."""
    return list(Attachment.objects.filter(Attachment.live_q(), document=document).order_by("id"))


def _attachment_items(document: Document) -> list[dict[str, Any]]:
    items = []
    for attachment in public_attachments(document):
        try:
            digest = file_sha256(attachment)
        except (FileNotFoundError, ValueError) as exc:
            raise ValidationFailed(
                gettext("附件“%(name)s”的文件缺失，不能公开") % {"name": attachment.original_name},
                detail="An attachment's file is missing",
                code="publog.attachment_missing",
            ) from exc
        items.append({"id": attachment.pk, "name": attachment.original_name, "sha256": digest})
    return items


def entry_append(*, document: Document, action: str, at: dt.datetime | None = None) -> Entry:
    """Append the entry of ``action`` on ``document`` as it now stands, and the Merkle nodes it completes.

    Call inside the transaction that makes the move (the record's row already saved). The acting organisation is
    the record's: the move was allowed by a role held in it (``orgs.scope``). No person is named: the log is public.
    """
    _lock_log()
    return _entry_write(
        subject={"document": document},
        version=Entry.objects.filter(document=document).count() + 1,
        action=action,
        at=at,
        organisation=document.organisation.code,
        body_sha256=canonical.sha256_hex(canonical.record_body_bytes(document)),
        attachments=_attachment_items(document),
    )


def interpretation_files(interpretation: Interpretation) -> list[dict[str, Any]]:
    """The interpretation's image (图解) as a logged file, id 0, hashed as the bytes the portal serves."""
    if not interpretation.image:
        return []
    digest = hashlib.sha256()
    try:
        with interpretation.image.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
    except (FileNotFoundError, ValueError) as exc:
        raise ValidationFailed(
            gettext("解读图片的文件缺失，不能公开"),
            detail="The interpretation's image file is missing",
            code="publog.attachment_missing",
        ) from exc
    return [{"id": 0, "name": interpretation.image.name.rsplit("/", 1)[-1], "sha256": digest.hexdigest()}]


def interpretation_entry_append(
    *, interpretation: Interpretation, action: str, at: dt.datetime | None = None
) -> Entry:
    """Append the entry of ``action`` on a policy interpretation (政策解读) as it now stands (like ``entry_append``)."""
    _lock_log()
    return _entry_write(
        subject={"interpretation": interpretation},
        version=Entry.objects.filter(interpretation=interpretation).count() + 1,
        action=action,
        at=at,
        organisation=interpretation.organisation.code,
        body_sha256=canonical.sha256_hex(canonical.interpretation_body_bytes(interpretation)),
        attachments=interpretation_files(interpretation),
    )


def _response_item(
    response: SurveyResponse, *, organisation: str, action: str, at: dt.datetime | None
) -> dict[str, Any]:
    return {
        "subject": {"survey_response": response},
        # A response is never changed (``surveys.models.AppendOnly``): its one entry is version 1.
        "version": 1,
        "action": action,
        "at": at,
        "organisation": organisation,
        "body_sha256": canonical.sha256_hex(canonical.response_body_bytes(response)),
        "attachments": [],
    }


def response_entry_append(
    *,
    response: SurveyResponse,
    organisation: str | None = None,
    action: str = Action.SUBMIT,
    at: dt.datetime | None = None,
) -> Entry:
    """Append the entry of a citizen's survey response (答卷): its published bytes' SHA-256 (``canonical``).

    Call inside the transaction that stores the response, so that a response never exists without its entry
    (issue 15: "every response is in the publication log"). ``organisation`` is the code of the survey's
    organisation (read from the survey when not given); no person is named, the log is public. A response has
    one entry: a second is refused by the ``publog_entry_one_per_response`` constraint.
    """
    _lock_log()
    if organisation is None:
        organisation = response.survey.organisation.code
    return _entry_write(**_response_item(response, organisation=organisation, action=action, at=at))


def response_entries_append(
    *, responses: list[SurveyResponse], organisation: str, action: str = Action.SUBMIT
) -> list[Entry]:
    """``response_entry_append`` for many responses of one survey at once, in ``seq`` order as given.

    For bulk loads (``bench/surveys.py``): call in the transaction that inserts the responses; the entries are
    written ``IMPORT_BATCH`` at a time with a few queries per batch (``_entries_write``).
    """
    _lock_log()
    written: list[Entry] = []
    for first in range(0, len(responses), IMPORT_BATCH):
        written += _entries_write(
            [
                _response_item(response, organisation=organisation, action=action, at=None)
                for response in responses[first : first + IMPORT_BATCH]
            ]
        )
    return written


def _entry_write(**item: Any) -> Entry:
    return _entries_write([item])[0]


def _entries_write(items: list[dict[str, Any]]) -> list[Entry]:
    """Write ``items`` as the next entries, in order, with the Merkle nodes each completes.

    Each item holds ``subject`` ({"document": …}, {"interpretation": …} or {"survey_response": …}), ``version``,
    ``action``, ``at``, ``organisation``, ``body_sha256`` and ``attachments``. One query finds the log's size and one the stored
    nodes the first entries combine with; the nodes later entries need are the ones written just before them.
    Entries, files and nodes then go in one bulk insert each, so a bulk import of thousands of records costs a
    handful of queries per batch, not nine per record. The caller holds the log's lock (``_lock_log``).
    """
    if not items:
        return []
    start = log_size()
    # A node exists already when its last leaf is below ``start``; every other node a sibling list names is
    # made by an earlier item of this batch.
    stored_before = {
        (level, index)
        for offset in range(len(items))
        for level, index in merkle.siblings_needed(start + offset)
        if ((index + 1) << level) - 1 < start
    }
    known = nodes_fetch(stored_before)
    entries: list[Entry] = []
    nodes: list[tuple[merkle.Node, bytes]] = []
    now = timezone.now()
    for offset, item in enumerate(items):
        seq = start + offset
        logged_at = item["at"] or now
        document = item["subject"].get("document")
        interpretation = item["subject"].get("interpretation")
        survey_response = item["subject"].get("survey_response")
        data = canonical.entry_bytes(
            seq=seq,
            record=document.pk if document else None,
            interpretation=interpretation.pk if interpretation else None,
            survey_response=survey_response.pk if survey_response else None,
            survey=survey_response.survey_id if survey_response else None,
            version=item["version"],
            action=item["action"],
            logged_at=logged_at,
            organisation=item["organisation"],
            body_sha256=item["body_sha256"],
            attachments=item["attachments"],
        )
        entries.append(
            Entry(
                seq=seq,
                version=item["version"],
                action=item["action"],
                logged_at=logged_at,
                organisation_code=item["organisation"],
                body_sha256=item["body_sha256"],
                data=data,
                **item["subject"],
            )
        )
        siblings = {node: known[node] for node in merkle.siblings_needed(seq)}
        for node, value in merkle.nodes_completed_by(seq, merkle.leaf_hash(data), siblings):
            known[node] = value
            nodes.append((node, value))
    Entry.objects.bulk_create(entries)
    PublishedFile.objects.bulk_create(
        PublishedFile(entry=entry, attachment_id=file["id"], name=file["name"], sha256=file["sha256"])
        for entry, item in zip(entries, items, strict=True)
        for file in item["attachments"]
    )
    TreeNode.objects.bulk_create(
        TreeNode(level=level, index=index, hash=value) for (level, index), value in nodes
    )
    if len(entries) == 1:
        logger.info("publication log entry %s", entries[0])
    else:
        logger.info("publication log entries #%s to #%s (%s)", entries[0].seq, entries[-1].seq, len(entries))
    return entries


@transaction.atomic
def records_imported(document_ids: list[int]) -> list[Entry]:
    """Log the public records a bulk import created or changed (the importer's ``on_import`` hook).

    The importer writes records outside the workflow, so no move appends their entries: this runs after its
    batches committed, in a transaction of its own. A record not yet in the log gets an ``import`` entry; a
    logged record whose public body or attachments differ from its last entry gets a ``reimport`` entry, so
    that ``gongkai verify`` sees a re-imported text as a logged new version, not as a silent change. A record
    whose entry cannot be written (an attachment file missing) is skipped and logged; ``records_adopt`` or the
    next import retries it. Records are read and logged ``IMPORT_BATCH`` at a time, in id order.
    """
    _lock_log()
    written: list[Entry] = []
    ids = sorted(set(document_ids))
    for first in range(0, len(ids), IMPORT_BATCH):
        written += _log_imported_batch(ids[first : first + IMPORT_BATCH])
    return written


def _log_imported_batch(ids: list[int]) -> list[Entry]:
    documents = list(
        Document.objects.filter(public_q(), pk__in=ids).select_related("organisation").order_by("id")
    )
    ids = [document.pk for document in documents]
    versions: dict[int, int] = {}
    last_entry: dict[int, tuple[int, str]] = {}
    for document_id, entry_id, body_sha256 in (
        Entry.objects.filter(document_id__in=ids)
        .order_by("seq")
        .values_list("document_id", "pk", "body_sha256")
    ):
        versions[document_id] = versions.get(document_id, 0) + 1
        last_entry[document_id] = (entry_id, body_sha256)
    logged_files: dict[int, dict[int, str]] = {}
    for entry_id, attachment_id, sha256 in PublishedFile.objects.filter(
        entry_id__in=[entry_id for entry_id, _ in last_entry.values()]
    ).values_list("entry_id", "attachment_id", "sha256"):
        logged_files.setdefault(entry_id, {})[attachment_id] = sha256
    live: dict[int, list[Attachment]] = {}
    for attachment in Attachment.objects.filter(Attachment.live_q(), document_id__in=ids).order_by("id"):
        live.setdefault(attachment.document_id, []).append(attachment)

    items: list[dict[str, Any]] = []
    for document in documents:
        attachments = live.get(document.pk, [])
        body_sha256 = canonical.sha256_hex(canonical.record_body_bytes(document))
        try:
            files = [
                {"id": attachment.pk, "name": attachment.original_name, "sha256": file_sha256(attachment)}
                for attachment in attachments
            ]
        except (FileNotFoundError, ValueError):
            logger.warning(
                "publication log: imported record %s not logged: an attachment's file is missing", document.pk
            )
            continue
        action = Action.IMPORT
        if document.pk in last_entry:
            entry_id, logged_body = last_entry[document.pk]
            logged = logged_files.get(entry_id, {})
            if logged_body == body_sha256 and logged == {file["id"]: file["sha256"] for file in files}:
                continue  # e.g. only 有效性 or the issuers changed: nothing the log hashes
            action = Action.REIMPORT
        items.append(
            {
                "subject": {"document": document},
                "version": versions.get(document.pk, 0) + 1,
                "action": action,
                "at": None,
                "organisation": document.organisation.code,
                "body_sha256": body_sha256,
                "attachments": files,
            }
        )
    return _entries_write(items)


def workflow_effect(document: Document, event: AuditEvent, actor: Any) -> None:
    """The effect subscribed to the record's publish, revise and withdraw moves (``publog.apps``)."""
    action = event.action.rsplit(".", 1)[-1]
    entry_append(document=document, action=action, at=event.created_at)


def interpretation_workflow_effect(interpretation: Interpretation, event: AuditEvent, actor: Any) -> None:
    """The effect subscribed to an interpretation's publish and withdraw moves (``publog.apps``)."""
    action = event.action.rsplit(".", 1)[-1]
    interpretation_entry_append(interpretation=interpretation, action=action, at=event.created_at)


@transaction.atomic
def records_adopt(*, dry_run: bool = False) -> list[int]:
    """Log every public record that has no entry yet (action ``import``), oldest first; returns their ids.

    Published interpretations (政策解读) without an entry are taken in the same way (not counted in the ids),
    and so are survey responses (答卷) stored before responses were logged (``surveys.services``).

    Records made public outside the workflow (demo data, ``import-documents``) enter the log this way, at the
    latest with the next signed head (``publog.tasks``); from then on any change to them needs a move.
    """
    logged = Entry.objects.filter(document__isnull=False).values("document_id")
    pending = list(
        Document.objects.filter(public_q())
        .exclude(pk__in=logged)
        .select_related("organisation")
        .order_by("id")
    )
    interpretations = list(
        Interpretation.objects.filter(Interpretation.public_q())
        .exclude(pk__in=Entry.objects.filter(interpretation__isnull=False).values("interpretation_id"))
        .select_related("organisation")
        .order_by("id")
    )
    if not dry_run:
        for document in pending:
            entry_append(document=document, action=Action.IMPORT)
        for interpretation in interpretations:
            interpretation_entry_append(interpretation=interpretation, action=Action.IMPORT)
        _responses_adopt()
    return [document.pk for document in pending]


def _responses_adopt() -> None:
    _lock_log()
    logged = Entry.objects.filter(survey_response__isnull=False).values("survey_response_id")
    pending = list(
        SurveyResponse.objects.exclude(pk__in=logged)
        .select_related("survey__organisation")
        .order_by("survey_id", "seq")
    )
    items = [
        _response_item(
            response, organisation=response.survey.organisation.code, action=Action.IMPORT, at=None
        )
        for response in pending
    ]
    for first in range(0, len(items), IMPORT_BATCH):
        _entries_write(items[first : first + IMPORT_BATCH])


def _now_ms() -> int:
    return int(timezone.now().timestamp() * 1000)


@transaction.atomic
def tree_head_sign(*, force: bool = True) -> SignedTreeHead | None:
    """Sign the tree head (size, root, time) with the publication key and store it.

    With ``force=False`` (the schedule) nothing is signed when the log has not grown since the latest head and
    that head is younger than ``HEAD_MAX_AGE``.
    """
    size = log_size()
    latest = SignedTreeHead.objects.order_by("-id").first()
    if not force and latest is not None and latest.tree_size == size:
        age = timezone.now() - dt.datetime.fromtimestamp(latest.timestamp / 1000, tz=dt.UTC)
        if age < HEAD_MAX_AGE:
            return None
    root = merkle.root_hash(size, nodes_fetch).hex()
    timestamp = max(_now_ms(), latest.timestamp if latest else 0)
    key = keys.private_key()
    head = SignedTreeHead.objects.create(
        tree_size=size,
        root_hash=root,
        timestamp=timestamp,
        key_id=keys.key_id(key.public_key()),
        signature=keys.sign(keys.head_message(size, root, timestamp)),
    )
    logger.info("publication log head signed: size %s", size)
    return head
