"""``/api/v1/publog``: what a third party needs to audit the publication log without trusting the server.

Hashes are lower-case hex; ``entry`` is the entry's canonical JSON text, whose UTF-8 bytes the Merkle leaf hashes
(``leaf_hash = SHA-256(0x00 ‖ entry)``). Proofs follow RFC 6962 §2.1.1 and §2.1.2; the README shows how to check
them.

* ``GET /tree-head``: the latest signed tree head.
* ``GET /proof/inclusion?record=&version=[&tree_size=]``: the audit path of a record version's entry, against the
  latest signed head by default.
* ``GET /proof/consistency?first=&second=``: the proof that the tree of ``first`` entries is a prefix of ``second``.
* ``GET /entries?start=&end=``: entries ``start <= seq < end`` (at most 1,000), to rebuild the tree.
* ``GET /records/{id}``: every entry of one record, version by version.

An entry names a record (``record``), a policy interpretation (``interpretation``) or a survey response
(``survey_response``); the other two are then null.
"""

from __future__ import annotations

from typing import Annotated

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from gongkai.publog import selectors
from gongkai.publog.canonical import timestamp_text
from gongkai.publog.keys import HEAD_FORMAT
from gongkai.publog.models import Entry, SignedTreeHead

router = Router(tags=["publication log"])

SIZE_MAX = 10**18


class TreeHeadOut(Schema):
    tree_size: int
    root_hash: str
    timestamp: int = Field(description="milliseconds since 1970-01-01T00:00:00Z")
    key_id: str = Field(description="SHA-256 of the raw Ed25519 public key, hex")
    signature: str = Field(
        description="base64 Ed25519 signature of the ASCII text "
        "'gongkai-publication-log/1\\n<tree_size>\\n<root_hash>\\n<timestamp>\\n'"
    )
    signed_text: str
    public_key_url: str

    @staticmethod
    def resolve_signed_text(obj: SignedTreeHead) -> str:
        return f"{HEAD_FORMAT}\n{obj.tree_size}\n{obj.root_hash}\n{obj.timestamp}\n"

    @staticmethod
    def resolve_public_key_url(obj: SignedTreeHead) -> str:
        return settings.SITE_URL + "/.well-known/gongkai-publication-key"


class FileOut(Schema):
    id: int = Field(alias="attachment_id")
    name: str
    sha256: str


class EntryOut(Schema):
    seq: int = Field(description="0-based position in the log: the leaf index")
    record: int | None = Field(alias="document_id", description="the record's id; null for an interpretation")
    interpretation: int | None = Field(
        alias="interpretation_id", description="the policy interpretation's (政策解读) id; null for a record"
    )
    survey_response: int | None = Field(
        default=None,
        alias="survey_response_id",
        description="the survey response's (答卷) id; null for a record or an interpretation",
    )
    version: int
    action: str
    time: str
    organisation: str = Field(alias="organisation_code")
    body_sha256: str
    attachments: list[FileOut] = Field(alias="files")
    entry: str = Field(description="the canonical JSON the leaf hashes, as text")
    body_url: str

    @staticmethod
    def resolve_time(obj: Entry) -> str:
        return timestamp_text(obj.logged_at)

    @staticmethod
    def resolve_attachments(obj: Entry) -> list:
        return list(obj.files.all())

    @staticmethod
    def resolve_entry(obj: Entry) -> str:
        return bytes(obj.data).decode("utf-8")

    @staticmethod
    def resolve_body_url(obj: Entry) -> str:
        if obj.survey_response_id:
            # The survey's anonymised export (served once its results are published) holds the response's bytes.
            survey = getattr(obj, "response_survey_id", None) or obj.survey_response.survey_id
            return settings.SITE_URL + reverse("surveys:responses_json", args=[survey])
        if obj.interpretation_id:
            return f"{settings.SITE_URL}/xxgk/gkjl/interpretations/{obj.interpretation_id}/body.json"
        return f"{settings.SITE_URL}/xxgk/gkjl/documents/{obj.document_id}/body.json"


class InclusionOut(Schema):
    leaf_index: int
    tree_size: int
    root_hash: str
    leaf_hash: str
    audit_path: list[str]
    entry: EntryOut
    tree_head: TreeHeadOut | None = Field(description="the signed head of this size, when there is one")


class ConsistencyOut(Schema):
    first: int
    second: int
    first_root: str
    second_root: str
    proof: list[str]


Size = Annotated[int, Field(ge=1, le=SIZE_MAX)]


class InclusionQuery(Schema):
    record: Annotated[int, Field(ge=1, le=SIZE_MAX)]
    version: Annotated[int, Field(ge=1, le=2**31)]
    tree_size: Size | None = None


class ConsistencyQuery(Schema):
    first: Size
    second: Size


class RangeQuery(Schema):
    start: Annotated[int, Field(ge=0, le=SIZE_MAX)] = 0
    end: Annotated[int, Field(ge=1, le=SIZE_MAX)] = 1000


@router.get("/tree-head", response=TreeHeadOut, summary="The latest signed tree head")
def tree_head(request: HttpRequest) -> SignedTreeHead:
    return selectors.head_latest()


@router.get("/proof/inclusion", response=InclusionOut, summary="Inclusion proof of a record version")
def proof_inclusion(request: HttpRequest, query: Query[InclusionQuery]) -> dict:
    proof = selectors.inclusion_proof_get(
        record=query.record, version=query.version, tree_size=query.tree_size
    )
    return {
        "leaf_index": proof.entry.seq,
        "tree_size": proof.tree_size,
        "root_hash": proof.root_hash,
        "leaf_hash": proof.leaf_hash,
        "audit_path": proof.audit_path,
        "entry": proof.entry,
        "tree_head": proof.head,
    }


@router.get("/proof/consistency", response=ConsistencyOut, summary="Consistency proof between two tree sizes")
def proof_consistency(request: HttpRequest, query: Query[ConsistencyQuery]) -> selectors.ConsistencyProof:
    return selectors.consistency_proof_get(first=query.first, second=query.second)


@router.get("/entries", response=list[EntryOut], summary="Entries start <= seq < end")
def entries(request: HttpRequest, query: Query[RangeQuery]) -> list[Entry]:
    return list(selectors.entries_range(start=query.start, end=query.end).prefetch_related("files"))


@router.get("/records/{record}", response=list[EntryOut], summary="Every entry of one record")
def record_entries(request: HttpRequest, record: Annotated[int, Path(ge=1, le=SIZE_MAX)]) -> list[Entry]:
    return list(selectors.record_entries(record).prefetch_related("files"))
