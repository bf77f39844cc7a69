"""Reads of the publication log: signed heads, proofs, entries, and "was this published, when, in which version".

Everything here is public: the log names records, versions, hashes and organisations, never a person.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import F, QuerySet
from django.urls import Resolver404, resolve
from django.utils.translation import gettext

from gongkai.core.errors import Conflict, NotFound, ValidationFailed
from gongkai.documents.models import Attachment, Document, Interpretation
from gongkai.publog import canonical, merkle
from gongkai.publog.models import Entry, PublishedFile, SignedTreeHead
from gongkai.publog.services import file_sha256, interpretation_files, log_size, nodes_fetch

ENTRIES_PAGE_MAX = 1000
# Portal URLs of a policy interpretation (政策解读): its page, its image (图解) and its canonical body.
INTERPRETATION_VIEWS = (
    "documents:interpretation",
    "documents:interpretation_image",
    "publog:interpretation_body",
)


def head_latest() -> SignedTreeHead:
    head = SignedTreeHead.objects.order_by("-id").first()
    if head is None:
        raise NotFound(
            gettext("尚无签名树头"), detail="No tree head has been signed yet", code="publog.no_tree_head"
        )
    return head


@dataclass(frozen=True)
class InclusionProof:
    entry: Entry
    tree_size: int
    root_hash: str
    leaf_hash: str
    audit_path: list[str]
    head: SignedTreeHead | None


def _tree_size(tree_size: int | None, *, minimum: int) -> tuple[int, SignedTreeHead | None]:
    """The tree size a proof is made against: the latest signed head's by default, else any size up to the log's."""
    if tree_size is None:
        head = head_latest()
        if head.tree_size < minimum:
            raise Conflict(
                gettext("该条公开记录尚未进入签名树头，请在下次签名后再查询"),
                detail="The entry is not yet covered by a signed tree head; try after the next signing",
                code="publog.not_yet_signed",
            )
        return head.tree_size, head
    size = log_size()
    if not minimum <= tree_size <= size:
        raise ValidationFailed(
            gettext("树的规模应在 %(low)s 到 %(high)s 之间") % {"low": minimum, "high": size},
            detail=f"tree_size must be between {minimum} and {size}",
            code="publog.bad_tree_size",
            field="tree_size",
        )
    head = SignedTreeHead.objects.filter(tree_size=tree_size).order_by("-id").first()
    return tree_size, head


def entry_get(*, record: int, version: int) -> Entry:
    entry = Entry.objects.filter(document_id=record, version=version).first()
    if entry is None:
        raise NotFound(
            gettext("没有该信息该版本的公开记录"),
            detail="No log entry for this record version",
            code="publog.entry_not_found",
        )
    return entry


def inclusion_proof_get(*, record: int, version: int, tree_size: int | None = None) -> InclusionProof:
    """The audit path (RFC 6962 §2.1.1) of a record version's entry in the tree of ``tree_size`` entries."""
    entry = entry_get(record=record, version=version)
    size, head = _tree_size(tree_size, minimum=entry.seq + 1)
    ranges = merkle.inclusion_ranges(entry.seq, size)
    # One query for the path, the root and the leaf.
    hashes = merkle.hash_ranges([*ranges, (0, size), (entry.seq, entry.seq + 1)], nodes_fetch)
    return InclusionProof(
        entry=entry,
        tree_size=size,
        root_hash=hashes[-2].hex(),
        leaf_hash=hashes[-1].hex(),
        audit_path=[value.hex() for value in hashes[:-2]],
        head=head,
    )


@dataclass(frozen=True)
class ConsistencyProof:
    first: int
    second: int
    first_root: str
    second_root: str
    proof: list[str]


def consistency_proof_get(*, first: int, second: int) -> ConsistencyProof:
    """The proof (RFC 6962 §2.1.2) that the tree of ``first`` entries is a prefix of the tree of ``second``."""
    size = log_size()
    if not 1 <= first <= second <= size:
        raise ValidationFailed(
            gettext("应满足 1 ≤ first ≤ second ≤ %(size)s") % {"size": size},
            detail=f"Sizes must satisfy 1 <= first <= second <= {size}",
            code="publog.bad_tree_size",
            field="first",
        )
    ranges = merkle.consistency_ranges(first, second) if first < second else []
    hashes = merkle.hash_ranges([*ranges, (0, first), (0, second)], nodes_fetch)
    return ConsistencyProof(
        first=first,
        second=second,
        first_root=hashes[-2].hex(),
        second_root=hashes[-1].hex(),
        proof=[value.hex() for value in hashes[:-2]],
    )


def entries_range(*, start: int, end: int) -> QuerySet[Entry]:
    """Entries ``start <= seq < end`` (at most ``ENTRIES_PAGE_MAX``), for an auditor rebuilding the tree."""
    if start < 0 or end <= start or end - start > ENTRIES_PAGE_MAX:
        raise ValidationFailed(
            gettext("应满足 0 ≤ start < end 且每次最多 %(max)s 条") % {"max": ENTRIES_PAGE_MAX},
            detail=f"Need 0 <= start < end and at most {ENTRIES_PAGE_MAX} entries",
            code="publog.bad_range",
            field="start",
        )
    # The survey of a response's entry, for its body URL, in the same query.
    return (
        Entry.objects.filter(seq__gte=start, seq__lt=end)
        .annotate(response_survey_id=F("survey_response__survey_id"))
        .order_by("seq")
    )


def record_entries(record: int) -> QuerySet[Entry]:
    return Entry.objects.filter(document_id=record).order_by("version")


# --- "does this match what was published?" -----------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A log entry whose published bytes include the checked bytes: as the body, or as the named attachment."""

    entry: Entry
    attachment_name: str = ""

    @property
    def is_body(self) -> bool:
        return not self.attachment_name


@dataclass(frozen=True)
class CheckResult:
    sha256: str
    matches: list[Match]
    # For a checked portal URL: the record and whether its current bytes equal its last entry's.
    record: Document | Interpretation | None = None
    latest: Entry | None = None
    current: bool = False


def sha256_lookup(sha256: str) -> list[Match]:
    """Every entry that published these bytes, oldest first (a body hash or an attachment hash)."""
    entries = Entry.objects.filter(body_sha256=sha256).select_related("document", "interpretation")
    matches = [Match(entry) for entry in entries]
    files = PublishedFile.objects.filter(sha256=sha256).select_related(
        "entry__document", "entry__interpretation"
    )
    matches += [Match(item.entry, item.name) for item in files]
    return sorted(matches, key=lambda match: match.entry.seq)


def bytes_check(data: bytes) -> CheckResult:
    digest = hashlib.sha256(data).hexdigest()
    return CheckResult(sha256=digest, matches=sha256_lookup(digest))


def _bad_url() -> ValidationFailed:
    return ValidationFailed(
        gettext("请粘贴本网站上政府信息页面或附件的链接"),
        detail="Not the URL of a record or attachment on this portal",
        code="publog.bad_url",
        field="url",
    )


def _own_host(host: str) -> bool:
    site = urlsplit(settings.SITE_URL).hostname or ""
    allowed = {h.lstrip(".").lower() for h in settings.ALLOWED_HOSTS if h != "*"}
    return host.lower() in {site.lower(), *allowed}


def url_check(url: str) -> CheckResult:
    """Check the record page or attachment a portal URL points to: the bytes served now against the log.

    Nothing is fetched over the network: the URL is resolved to the record or attachment it names on this site,
    and only a public one is looked at (a URL of something not public reads as not found).
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or not _own_host(parts.hostname):
        raise _bad_url()
    try:
        match = resolve(parts.path)
    except Resolver404 as exc:
        raise _bad_url() from exc
    if match.view_name in INTERPRETATION_VIEWS:
        return _interpretation_url_check(match.view_name, match.kwargs["pk"])
    if match.view_name not in ("documents:detail", "documents:attachment", "publog:body"):
        raise _bad_url()
    document = Document.objects.filter(pk=match.kwargs["pk"]).select_related("organisation").first()
    if document is None or not document.is_public:
        raise NotFound(
            gettext("该信息不存在或未公开"), detail="No such public record", code="publog.not_public"
        )
    latest = record_entries(document.pk).last()
    if match.view_name == "documents:attachment":
        attachment = Attachment.objects.filter(
            Attachment.live_q(), document=document, pk=match.kwargs["att_pk"]
        ).first()
        if attachment is None:
            raise NotFound(gettext("附件不存在"), detail="No such attachment", code="publog.not_public")
        digest = file_sha256(attachment)
        current = (
            latest is not None and latest.files.filter(attachment_id=attachment.pk, sha256=digest).exists()
        )
    else:
        digest = canonical.sha256_hex(canonical.record_body_bytes(document))
        current = latest is not None and latest.body_sha256 == digest
    return CheckResult(
        sha256=digest, matches=sha256_lookup(digest), record=document, latest=latest, current=current
    )


def _interpretation_url_check(view_name: str, pk: int) -> CheckResult:
    """``url_check`` for an interpretation's page or body (its canonical bytes) or its image (the file's bytes)."""
    item = Interpretation.objects.filter(pk=pk).select_related("organisation").first()
    if item is None or not item.is_public:
        raise NotFound(
            gettext("该信息不存在或未公开"), detail="No such public interpretation", code="publog.not_public"
        )
    latest = Entry.objects.filter(interpretation=item).order_by("version").last()
    if view_name == "documents:interpretation_image":
        files = interpretation_files(item)
        if not files:
            raise NotFound(gettext("附件不存在"), detail="No such image", code="publog.not_public")
        digest = files[0]["sha256"]
        current = latest is not None and latest.files.filter(sha256=digest).exists()
    else:
        digest = canonical.sha256_hex(canonical.interpretation_body_bytes(item))
        current = latest is not None and latest.body_sha256 == digest
    return CheckResult(
        sha256=digest, matches=sha256_lookup(digest), record=item, latest=latest, current=current
    )
