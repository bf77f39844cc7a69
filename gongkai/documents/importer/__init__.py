"""Bulk import of government information records from JSON Lines (``gongkai import-documents``).

``mapping`` turns one line into a record's field values (pure, no database); ``writer`` writes them in
batches. Call :func:`import_documents`; it returns an :class:`ImportReport`.

One JSON object a line. Known fields: ``title`` and ``body`` (required; the body is plain text or HTML),
``doc_number``, ``issuer``, ``issued_on``, ``published_on``, ``effective_on``, ``theme``, ``kind``,
``attribute`` (with ``attribute_reason``), ``validity`` (with ``validity_changed_on``), ``category``,
``source_url`` and ``id``. Any other field, and any known field whose value cannot be used, is kept in
``Document.extra`` rather than rejected.

Rules (issue "Bulk import"; SPEC R5):

* **Encoding.** UTF-8, one line at a time: a line that is not valid UTF-8 is an error for that line only.
  A byte order mark on the first line and CRLF line endings are accepted.
* **Import key.** ``id`` (the source's own stable identifier) is stored as ``Document.external_id``. A
  line without ``id`` gets the key ``sha1:<hex>``, the SHA-1 of the normalised 发文字号, the folded issuer
  and the folded title joined by U+001F; a later change of any of the three makes it a new record.
  A key that repeats an earlier line of the same input is an error for the later line: the first line wins.
* **Idempotence.** ``Document.content_hash`` is the SHA-256 of the line's canonical JSON (sorted keys) and
  the importer version. A rerun loads ``external_id → (pk, content_hash)`` once and skips unchanged lines
  without touching the database; a changed line updates its record in place (its 索引号 and status are
  kept; status belongs to the workflow).
* **Back-office decisions win** (issue 8). Once a record exists, its 公开属性 (attribute and reason) and
  its 有效性 (validity and its date; the superseding record is never imported) are decisions of the
  back office. Each import event stores what the line said about them (``data["source_values"]``); when
  the stored values differ from what the source said at the last import, staff changed them, and a line
  that would change them again keeps them instead: the line is a **conflict** (counted in
  ``ImportReport.conflicts``), its other fields are updated. A record with no such event (imported
  before this rule) treats any change of these fields as a conflict.
* **Organisation.** ``issuer`` is matched against the active organisations' ``name`` and ``short_name``
  after NFKC and whitespace folding, first whole, then split on 、，,;； into several issuers. The first
  match owns the record and all matches become its 发文机关. An unknown or missing issuer files the record
  under ``default_organisation`` when given, else under the root of the organisation tree, and is
  counted in the report. The original text is always kept in ``issuer_text``.
* **Dates** are ISO ``YYYY-MM-DD`` (``core.dates.parse_iso_date``) or null; anything else is an error for
  the line. ``issued_on`` is the 成文日期 (``written_on``); ``formed_on`` is ``issued_on`` or else
  ``published_on``.
* **Imported records are public records**: status ``published``, 公开属性 proactive unless the line says
  otherwise. ``disclosure_due_on`` is left empty: the record is already public, so there is no deadline to
  track, and historical years have no holiday schedule (``core.workdays`` refuses to guess them).
* **Validity** (有效性): 有效, 现行有效, 尚未生效 and 部分失效 → valid; 失效, 已失效 and 已修改 (a version since
  amended, no longer the operative text) → expired; 废止, 已废止, 已被废止 and 撤销 → repealed; the codes
  ``valid``/``expired``/``repealed`` as themselves. A label that is not exactly 有效/失效/废止 or a code is
  also kept in ``extra["validity"]``; an unknown label leaves the record valid and is kept there too.
* **Attribute** (公开属性): 主动公开/依申请公开/不予公开 or the codes. Any other value is an error, since it
  decides who may see the record. A non-proactive record without ``attribute_reason`` gets the reason
  ``导入数据：来源标注为<label>`` so the database check holds.
* **索引号**: new records get one from ``indexnumber``, serials reserved in bulk per organisation and year
  (year of ``issued_on``, else ``published_on``, else today).

Records are written in batches inside one transaction per batch; a batch the database refuses is retried
line by line so one bad row cannot sink its neighbours. Each created record gets a ``document.import``
audit event and each updated one a ``document.reimport`` event, in the same transaction; a reimport
event lists every changed field (``data["changes"]``: ``{field: {"old": …, "new": …}}``, related
records by pk, dates in ISO form) and the decisions kept (``data["conflicts"]``:
``{field: {"kept": …, "source": …}}``).
"""

from gongkai.documents.importer.writer import (
    CONFLICT,
    CREATED,
    ERROR,
    UNCHANGED,
    UPDATED,
    ImportReport,
    LineResult,
    NoOrganisations,
    import_documents,
    root_organisation,
)

__all__ = [
    "CONFLICT",
    "CREATED",
    "ERROR",
    "UNCHANGED",
    "UPDATED",
    "ImportReport",
    "LineResult",
    "NoOrganisations",
    "import_documents",
    "root_organisation",
]
