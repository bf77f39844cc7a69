"""The exact bytes the publication log hashes: a record's public body and a log entry.

Both are canonical JSON: UTF-8, keys sorted, no whitespace, non-ASCII characters as themselves (``json.dumps``
with ``sort_keys=True, separators=(",", ":"), ensure_ascii=False``), so anyone can rebuild them byte for byte.

**The public body** of a record (``record_body_bytes``) is what a published record says, without the page around
it: the record's id, 索引号, title, 发文字号, dates, 文种 and the sanitised body HTML exactly as the page embeds it.
It leaves out what changes without a new version by law or by design: 有效性 (set by the publisher when a record
expires or is repealed, an audited act of its own), the organisation's current name, the navigation. The portal
serves these bytes at ``/xxgk/gkjl/documents/<id>/body.json``; a record's attachments are hashed as the files the
portal serves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from gongkai.documents.models import Document, Interpretation
from gongkai.surveys.models import Response as SurveyResponse

BODY_FORMAT = "gongkai-record/1"
INTERPRETATION_FORMAT = "gongkai-interpretation/1"
ENTRY_FORMAT = "gongkai-publication-log/1"


def dumps(value: dict[str, Any]) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def record_body(doc: Document) -> dict[str, Any]:
    return {
        "format": BODY_FORMAT,
        "record": doc.pk,
        "index_number": doc.index_number,
        "title": doc.title,
        "document_number": doc.document_number,
        "kind": doc.kind,
        "written_on": _date(doc.written_on),
        "published_on": _date(doc.published_on),
        "effective_on": _date(doc.effective_on),
        "body_html": doc.body_html,
    }


def record_body_bytes(doc: Document) -> bytes:
    """The canonical bytes of the record's public body (see the module docstring)."""
    return dumps(record_body(doc))


def interpretation_body(item: Interpretation) -> dict[str, Any]:
    return {
        "format": INTERPRETATION_FORMAT,
        "interpretation": item.pk,
        "title": item.title,
        "form": item.form,
        "body_html": item.body_html,
        "video_url": item.video_url,
        "published_on": _date(item.published_on),
        "records": sorted(item.documents.values_list("pk", flat=True)),
    }


def interpretation_body_bytes(item: Interpretation) -> bytes:
    """The canonical bytes of the interpretation's public body (see the module docstring)."""
    return dumps(interpretation_body(item))


def response_body_bytes(response: SurveyResponse) -> bytes:
    """The published bytes of a survey response (答卷), exactly as stored and exported (module docstring)."""
    return bytes(response.data)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def timestamp_text(moment: dt.datetime) -> str:
    """UTC with microseconds and a ``Z``: ``2026-03-05T01:02:03.000456Z``."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_value(
    *,
    seq: int,
    record: int | None,
    version: int,
    action: str,
    logged_at: dt.datetime,
    organisation: str,
    body_sha256: str,
    attachments: list[dict[str, Any]],
    interpretation: int | None = None,
    survey_response: int | None = None,
    survey: int | None = None,
) -> dict[str, Any]:
    # An entry names exactly one subject: its ``record``, its ``interpretation`` or its ``survey_response`` (with
    # the ``survey`` it answers, so that anyone can count a survey's entries against its published sample size).
    subject: dict[str, Any]
    if record is not None:
        subject = {"record": record}
    elif interpretation is not None:
        subject = {"interpretation": interpretation}
    else:
        subject = {"survey_response": survey_response, "survey": survey}
    return {
        "log": ENTRY_FORMAT,
        "seq": seq,
        **subject,
        "version": version,
        "action": action,
        "time": timestamp_text(logged_at),
        "organisation": organisation,
        "body_sha256": body_sha256,
        "attachments": sorted(attachments, key=lambda item: item["id"]),
    }


def entry_bytes(**fields: Any) -> bytes:
    """The canonical bytes of a log entry; its Merkle leaf is ``SHA-256(0x00 ‖ these bytes)``.

    Fields: ``seq`` (0-based position in the log), ``record`` (the record's id) or, for a policy interpretation,
    ``interpretation`` (its id) instead, or for a survey response ``survey_response`` (its id) and ``survey`` (the
    survey's id), ``version`` (1 for its first entry, then one more per entry; a response has only one),
    ``action`` (publish, revise, withdraw, import, reimport, submit), ``time``, ``organisation`` (the acting
    organisation's code), ``body_sha256`` and ``attachments`` (``[{"id", "name", "sha256"}]`` by id; none for a
    response).
    """
    return dumps(entry_value(**fields))
