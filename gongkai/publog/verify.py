"""``gongkai verify``: re-check the whole publication log, every signed head and every published record.

In order, stopping at the first break:

1. **Entries**: numbered 0, 1, 2 … without a gap; each entry's bytes are canonical JSON whose fields equal its
   columns and its files; versions of a record count up from 1.
2. **Tree**: the Merkle tree rebuilt from the entries' bytes equals every stored node (so a proof served from the
   nodes is a proof about these entries).
3. **Signed heads**: each is signed by the publication key, its size is within the log, its root is the root of the
   rebuilt tree at that size, and sizes and times never go back.
4. **Records**: each record's current public body and each current public attachment's bytes hash to what its
   last entry says; a record whose last entry is a withdrawal is not public; a public record is in the log.
5. **Interpretations** (政策解读): the same for each interpretation's public body and image.
6. **Survey responses** (答卷): each stored response's published bytes hash to its entry's ``body_sha256``, and
   every stored response has an entry (a response is never changed, so a difference is a change made around the
   application, reported like a changed record).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.utils.translation import gettext

from gongkai.core.errors import GongkaiError
from gongkai.documents.models import (
    PUBLIC_STATUSES,
    Attachment,
    Attribute,
    Document,
    Interpretation,
    public_q,
)
from gongkai.publog import canonical, keys, merkle
from gongkai.publog.models import Action, Entry, PublishedFile, SignedTreeHead, TreeNode
from gongkai.publog.services import file_sha256, interpretation_files
from gongkai.surveys.models import Response as SurveyResponse

CHUNK = 2000


@dataclass(frozen=True)
class Break:
    """The first place the log and what is published disagree; ``record`` names the record when there is one."""

    message: str
    record: int | None = None
    seq: int | None = None
    interpretation: int | None = None
    response: int | None = None

    def __str__(self) -> str:
        where = []
        if self.record is not None:
            where.append(gettext("记录 %(id)s") % {"id": self.record})
        if self.interpretation is not None:
            where.append(gettext("解读 %(id)s") % {"id": self.interpretation})
        if self.response is not None:
            where.append(gettext("答卷 %(id)s") % {"id": self.response})
        if self.seq is not None:
            where.append(gettext("第 %(seq)s 条") % {"seq": self.seq})
        return f"{'，'.join(where)}：{self.message}" if where else self.message


@dataclass
class Report:
    entries: int = 0
    heads: int = 0
    records: int = 0
    interpretations: int = 0
    responses: int = 0
    files: int = 0
    broken: Break | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.broken is None


class _Broken(Exception):
    def __init__(self, broken: Break) -> None:
        super().__init__(str(broken))
        self.broken = broken


@dataclass
class _Last:
    seq: int
    version: int
    action: str
    body_sha256: str
    files: dict[int, str]


def log_verify(*, public_key: Ed25519PublicKey | None = None) -> Report:
    """Check everything in the module docstring; ``public_key`` defaults to the platform's own key file."""
    report = Report()
    try:
        tree, last, last_interpretation, last_response = _check_entries(report)
        _check_nodes(tree, last)
        _check_heads(report, tree, public_key)
        _check_records(report, last)
        _check_interpretations(report, last_interpretation)
        _check_responses(report, last_response)
    except _Broken as exc:
        report.broken = exc.broken
    return report


def _files_by_entry() -> dict[int, dict[int, tuple[str, str]]]:
    files: dict[int, dict[int, tuple[str, str]]] = defaultdict(dict)
    rows = PublishedFile.objects.values_list("entry_id", "attachment_id", "name", "sha256")
    for entry_id, attachment_id, name, sha256 in rows.iterator(chunk_size=CHUNK):
        files[entry_id][attachment_id] = (name, sha256)
    return files


def _check_entries(
    report: Report,
) -> tuple[merkle.MemoryTree, dict[int, _Last], dict[int, _Last], dict[int, _Last]]:
    tree = merkle.MemoryTree()
    last: dict[int, _Last] = {}
    last_interpretation: dict[int, _Last] = {}
    last_response: dict[int, _Last] = {}
    files = _files_by_entry()
    rows = Entry.objects.order_by("seq").values_list(
        "id",
        "seq",
        "document_id",
        "interpretation_id",
        "survey_response_id",
        "survey_response__survey_id",
        "version",
        "action",
        "logged_at",
        "organisation_code",
        "body_sha256",
        "data",
    )
    for row in rows.iterator(chunk_size=CHUNK):
        (
            entry_id,
            seq,
            record,
            interpretation,
            response,
            survey,
            version,
            action,
            logged_at,
            organisation,
            body_sha256,
            raw,
        ) = row
        data = bytes(raw)
        if record is not None:
            where, subjects, key = {"record": record}, last, record
        elif interpretation is not None:
            where, subjects, key = {"interpretation": interpretation}, last_interpretation, interpretation
        else:
            where, subjects, key = {"response": response}, last_response, response
        if seq != len(tree):
            raise _Broken(Break(gettext("公开记录缺少第 %(seq)s 条") % {"seq": len(tree)}, seq=len(tree)))
        logged_files = [
            {"id": attachment_id, "name": name, "sha256": sha256}
            for attachment_id, (name, sha256) in files.get(entry_id, {}).items()
        ]
        expected = canonical.entry_bytes(
            seq=seq,
            record=record,
            interpretation=interpretation,
            survey_response=response,
            survey=survey,
            version=version,
            action=action,
            logged_at=logged_at,
            organisation=organisation,
            body_sha256=body_sha256,
            attachments=logged_files,
        )
        if data != expected:
            raise _Broken(Break(gettext("条目内容与其各栏或附件记录不一致（条目被改动）"), seq=seq, **where))
        previous = subjects.get(key)
        if version != (previous.version + 1 if previous else 1):
            raise _Broken(Break(gettext("版本号不连续"), seq=seq, **where))
        tree.append(merkle.leaf_hash(data))
        subjects[key] = _Last(
            seq, version, action, body_sha256, {item["id"]: item["sha256"] for item in logged_files}
        )
    report.entries = len(tree)
    return tree, last, last_interpretation, last_response


def _record_at(last: dict[int, _Last], seq: int) -> int | None:
    for record, item in last.items():
        if item.seq == seq:
            return record
    return Entry.objects.filter(seq=seq).values_list("document_id", flat=True).first()


def _check_nodes(tree: merkle.MemoryTree, last: dict[int, _Last]) -> None:
    expected: Iterator[tuple[merkle.Node, bytes]] = iter(tree.nodes())
    stored = TreeNode.objects.order_by("level", "index").values_list("level", "index", "hash")
    for level, index, value in stored.iterator(chunk_size=CHUNK):
        node, want = next(expected, (None, None))
        if node != (level, index) or bytes(value) != want:
            first_leaf = (node or (level, index))[1] << (node or (level, index))[0]
            raise _Broken(
                Break(
                    gettext("默克尔树节点 (%(level)s, %(index)s) 与条目不符")
                    % {"level": level, "index": index},
                    record=_record_at(last, first_leaf),
                    seq=first_leaf,
                )
            )
    missing = next(expected, None)
    if missing is not None:
        (level, index), _value = missing
        raise _Broken(
            Break(gettext("缺少默克尔树节点 (%(level)s, %(index)s)") % {"level": level, "index": index})
        )


def _check_heads(report: Report, tree: merkle.MemoryTree, public_key: Ed25519PublicKey | None) -> None:
    heads = list(SignedTreeHead.objects.order_by("id"))
    if not heads:
        report.notes.append(gettext("尚无签名树头"))
        return
    if public_key is None:
        try:
            public_key = keys.public_key()
        except GongkaiError as exc:
            raise _Broken(Break(gettext("没有公开记录签名密钥，无法核对签名树头"))) from exc
    expected_key = keys.key_id(public_key)
    previous: SignedTreeHead | None = None
    for head in heads:
        label = gettext("签名树头 %(id)s（规模 %(size)s）") % {"id": head.pk, "size": head.tree_size}
        message = keys.head_message(head.tree_size, head.root_hash, head.timestamp)
        if head.key_id != expected_key or not keys.signature_valid(public_key, message, head.signature):
            raise _Broken(Break(label + gettext("：签名无效")))
        if head.tree_size > len(tree):
            raise _Broken(Break(label + gettext("：规模超过公开记录条数")))
        if tree.root(head.tree_size).hex() != head.root_hash:
            raise _Broken(Break(label + gettext("：根哈希与公开记录不符")))
        if previous and (head.tree_size < previous.tree_size or head.timestamp < previous.timestamp):
            raise _Broken(Break(label + gettext("：规模或时间倒退")))
        previous = head
    report.heads = len(heads)


def _check_records(report: Report, last: dict[int, _Last]) -> None:
    unlogged = set(
        Document.objects.filter(public_q())
        .exclude(pk__in=Entry.objects.filter(document__isnull=False).values("document_id"))
        .values_list("pk", flat=True)
    )
    ids = sorted(set(last) | unlogged)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        # Only what the body and the public test read: whole model instances cost several times more.
        documents = {
            row["pk"]: _Row(**row)
            for row in Document.objects.filter(pk__in=chunk).values(*_Row.__annotations__)
        }
        live: dict[int, list[Attachment]] = defaultdict(list)
        for attachment in Attachment.objects.filter(Attachment.live_q(), document_id__in=chunk).order_by(
            "id"
        ):
            live[attachment.document_id].append(attachment)
        for record in chunk:
            if record in unlogged:
                raise _Broken(Break(gettext("已公开，但不在公开记录中"), record=record))
            _check_record(report, record, documents.get(record), live[record], last[record])


@dataclass
class _Row:
    """The columns of a record that ``canonical.record_body`` and ``is_public`` read."""

    pk: int
    index_number: str
    title: str
    document_number: str
    kind: str
    written_on: object
    published_on: object
    effective_on: object
    body_html: str
    status: str
    attribute: str

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES and self.attribute == Attribute.PROACTIVE


def _check_record(
    report: Report, record: int, document: _Row | None, attachments: list[Attachment], last: _Last
) -> None:
    if document is None:
        raise _Broken(Break(gettext("记录已不存在"), record=record))
    if last.action == Action.WITHDRAW:
        if document.is_public:
            raise _Broken(Break(gettext("最后一条为撤回，但仍在公开"), record=record, seq=last.seq))
        report.records += 1
        return
    if not document.is_public:
        raise _Broken(Break(gettext("已不公开，但没有撤回的记录"), record=record, seq=last.seq))
    body = canonical.sha256_hex(canonical.record_body_bytes(document))
    if body != last.body_sha256:
        raise _Broken(
            Break(
                gettext("正文与第 %(version)s 版公开时不同") % {"version": last.version},
                record=record,
                seq=last.seq,
            )
        )
    if {a.pk for a in attachments} != set(last.files):
        raise _Broken(Break(gettext("附件与最后一版公开时不同"), record=record, seq=last.seq))
    for attachment in attachments:
        try:
            digest = file_sha256(attachment)
        except (FileNotFoundError, ValueError):
            digest = ""
        if digest != last.files[attachment.pk]:
            raise _Broken(
                Break(
                    gettext("附件“%(name)s”的文件与公开时不同") % {"name": attachment.original_name},
                    record=record,
                    seq=last.seq,
                )
            )
        report.files += 1
    report.records += 1


def _check_interpretations(report: Report, last: dict[int, _Last]) -> None:
    logged = Entry.objects.filter(interpretation__isnull=False).values("interpretation_id")
    unlogged = Interpretation.objects.filter(Interpretation.public_q()).exclude(pk__in=logged)
    first_unlogged = unlogged.order_by("pk").values_list("pk", flat=True).first()
    if first_unlogged is not None:
        raise _Broken(Break(gettext("已公开，但不在公开记录中"), interpretation=first_unlogged))
    items = Interpretation.objects.in_bulk(list(last))
    for pk in sorted(last):
        entry = last[pk]
        item = items.get(pk)
        where = {"interpretation": pk, "seq": entry.seq}
        if item is None:
            raise _Broken(Break(gettext("解读已不存在"), **where))
        if entry.action == Action.WITHDRAW:
            if item.is_public:
                raise _Broken(Break(gettext("最后一条为撤回，但仍在公开"), **where))
            report.interpretations += 1
            continue
        if not item.is_public:
            raise _Broken(Break(gettext("已不公开，但没有撤回的记录"), **where))
        body = canonical.sha256_hex(canonical.interpretation_body_bytes(item))
        if body != entry.body_sha256:
            raise _Broken(
                Break(gettext("正文与第 %(version)s 版公开时不同") % {"version": entry.version}, **where)
            )
        try:
            files = {file["id"]: file["sha256"] for file in interpretation_files(item)}
        except GongkaiError:
            files = {0: ""}
        if files != entry.files:
            raise _Broken(Break(gettext("解读图片与公开时不同"), **where))
        report.files += len(files)
        report.interpretations += 1


def _check_responses(report: Report, last: dict[int, _Last]) -> None:
    """Every stored response against its entry, in one pass over the responses' bytes."""
    pending = dict(last)
    rows = SurveyResponse.objects.order_by("pk").values_list("pk", "data")
    for pk, data in rows.iterator(chunk_size=CHUNK):
        entry = pending.pop(pk, None)
        if entry is None:
            raise _Broken(Break(gettext("答卷不在公开记录中"), response=pk))
        if canonical.sha256_hex(bytes(data)) != entry.body_sha256:
            raise _Broken(Break(gettext("答卷内容与记入公开记录时不同"), response=pk, seq=entry.seq))
        report.responses += 1
    if pending:
        pk = min(pending)
        raise _Broken(Break(gettext("答卷已不存在"), response=pk, seq=pending[pk].seq))
