"""Mapping: one line of an import file → the record's field values, import key and content hash.

Pure functions: no database and no ORM queries. Organisations and themes are found through
:class:`Lookups`, which holds plain dictionaries; the writer fills one from the database, a test from
unsaved model instances. Every rule here is stated in the package docstring (``documents.importer``).
A line that cannot be imported raises :class:`LineError`, whose message says what is wrong with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from gongkai.core.dates import parse_iso_date
from gongkai.core.errors import ValidationFailed
from gongkai.documents.docnumber import normalise_or_keep
from gongkai.documents.models import Attribute, DocumentKind, Theme, Validity
from gongkai.documents.richtext import body_from_input
from gongkai.orgs.models import Organisation

# Bump when the mapping from a line to a record changes, so a rerun refreshes every record.
IMPORTER_VERSION = "1"
TITLE_MAX = 500
DERIVED_KEY_PREFIX = "sha1:"

KNOWN_FIELDS = {
    "id",
    "title",
    "body",
    "doc_number",
    "issuer",
    "issued_on",
    "published_on",
    "effective_on",
    "theme",
    "kind",
    "attribute",
    "attribute_reason",
    "validity",
    "validity_changed_on",
    "category",
    "source_url",
}
ATTRIBUTES = {
    "主动公开": Attribute.PROACTIVE,
    "依申请公开": Attribute.ON_REQUEST,
    "不予公开": Attribute.WITHHELD,
    **{value: Attribute(value) for value in Attribute.values},
}
VALIDITIES = {
    "有效": Validity.VALID,
    "现行有效": Validity.VALID,
    "尚未生效": Validity.VALID,
    "部分失效": Validity.VALID,
    "失效": Validity.EXPIRED,
    "已失效": Validity.EXPIRED,
    "已修改": Validity.EXPIRED,
    "废止": Validity.REPEALED,
    "已废止": Validity.REPEALED,
    "已被废止": Validity.REPEALED,
    "撤销": Validity.REPEALED,
    **{value: Validity(value) for value in Validity.values},
}
PLAIN_VALIDITY_LABELS = {"有效", "失效", "废止", *Validity.values}
KIND_ALIASES = {"令": DocumentKind.ORDER, "命令": DocumentKind.ORDER}
ISSUER_SEPARATORS = re.compile(r"[、，,;；]+")
THEME_SEPARATOR = "\\"
_WHITESPACE = re.compile(r"\s+")
_http_url = URLValidator(schemes=["http", "https"])

# The ``Document`` fields a line sets, in the order of ``RecordValues.values``.
RECORD_FIELDS = (
    "organisation",
    "title",
    "document_number",
    "issuer_text",
    "written_on",
    "published_on",
    "effective_on",
    "formed_on",
    "theme",
    "kind",
    "category",
    "validity",
    "validity_changed_on",
    "attribute",
    "attribute_reason",
    "body_html",
    "body_text",
    "source_url",
    "extra",
)


class LineError(Exception):
    """A line that cannot be imported; the message says what is wrong with it."""


@dataclass(frozen=True)
class LineIdentity:
    """Who a line is: its import key (``Document.external_id``), content hash and folded title."""

    key: str
    content_hash: str
    title: str


@dataclass
class RecordValues:
    """A line's ``Document`` field values (keys ``RECORD_FIELDS``) and its issuing organisations.

    ``fell_back`` says that no issuer was recognised and ``values["organisation"]`` is the fallback.
    """

    values: dict[str, Any]
    issuers: list[Organisation]
    fell_back: bool


def fold(text: str) -> str:
    """The matching form of a name: NFKC, no whitespace."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))


def derived_key(*, document_number: str, issuer: str, title: str) -> str:
    """The import key of a line without ``id``: ``sha1:`` + SHA-1 of (normalised number, issuer, title)."""
    material = "\x1f".join([normalise_or_keep(document_number), fold(issuer), fold(title)])
    return DERIVED_KEY_PREFIX + hashlib.sha1(material.encode("utf-8"), usedforsecurity=False).hexdigest()


def content_hash_of(obj: dict[str, Any]) -> str:
    """SHA-256 of the line's canonical JSON and the importer version."""
    canonical = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"v{IMPORTER_VERSION}\n{canonical}".encode()).hexdigest()


class Lookups:
    """Organisations by folded ``name``/``short_name`` and themes by name, built once per run.

    ``organisations`` come in tree order (path, sort order, id): on a clash the earlier one wins, and a
    short name never shadows another organisation's full name. A second-level theme missing under a
    known first level is made by ``new_theme(parent, name)`` (the writer saves it; by default it is left
    unsaved) and remembered.
    """

    def __init__(
        self,
        *,
        organisations: Iterable[Organisation],
        themes: Iterable[Theme],
        new_theme: Callable[[Theme, str], Theme] | None = None,
    ) -> None:
        organisations = list(organisations)
        self.orgs: dict[str, Organisation] = {}
        for org in organisations:
            if org.short_name:
                self.orgs.setdefault(fold(org.short_name), org)
        for org in reversed(organisations):
            self.orgs[fold(org.name)] = org
        self.first_level: dict[str, Theme] = {}
        self.second_level: dict[tuple[int, str], Theme] = {}
        for theme in themes:
            if theme.parent_id is None:
                self.first_level[theme.name] = theme
            else:
                self.second_level[(theme.parent_id, theme.name)] = theme
        self.new_theme = new_theme or (lambda parent, name: Theme(parent=parent, name=name))

    def issuers(self, text: str) -> list[Organisation]:
        """The organisations ``text`` names: the whole text, else its parts split on 、，,;； in order."""
        whole = self.orgs.get(fold(text))
        if whole is not None:
            return [whole]
        found: list[Organisation] = []
        for part in ISSUER_SEPARATORS.split(text):
            org = self.orgs.get(fold(part)) if part.strip() else None
            if org is not None and org not in found:
                found.append(org)
        return found

    def theme(self, text: str) -> Theme | None:
        """The theme named ``一级`` or ``一级\\二级``; ``None`` when the first level is unknown."""
        first_name, _, second_name = (part.strip() for part in text.partition(THEME_SEPARATOR))
        first = self.first_level.get(first_name)
        if first is None:
            return None
        if not second_name:
            return first
        theme = self.second_level.get((first.pk, second_name))
        if theme is None:
            theme = self.new_theme(first, second_name)
            self.second_level[(first.pk, second_name)] = theme
        return theme


def parse_line(raw: str | bytes) -> dict[str, Any] | None:
    """The JSON object on one line, or ``None`` for a blank line.

    A line read as bytes is decoded here, so one invalid byte costs only its own line; a UTF-8 byte
    order mark and the line ending (LF or CRLF) are ignored.
    """
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LineError(
                f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at byte {exc.start + 1} of the line); "
                "save the file as UTF-8"
            ) from exc
    text = raw.strip().lstrip("\ufeff")
    if not text:
        return None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LineError(f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:
        raise LineError("invalid JSON (nested too deeply)") from exc
    if not isinstance(obj, dict):
        raise LineError(f"expected a JSON object, got {type(obj).__name__}")
    return obj


def identify(obj: dict[str, Any]) -> LineIdentity:
    """The line's import key, content hash and title: all a rerun needs to skip an unchanged line."""
    title = _squash(_text(obj, "title"))
    if not title:
        raise LineError("title is missing")
    if len(title) > TITLE_MAX:
        raise LineError(f"title is {len(title)} characters long; at most {TITLE_MAX} are allowed")
    try:
        digest = content_hash_of(obj)
    except UnicodeEncodeError as exc:  # a lone surrogate such as "\ud800" that no database stores
        raise LineError("text contains an invalid character (an unpaired UTF-16 surrogate escape)") from exc
    return LineIdentity(key=_line_key(obj, title=title), content_hash=digest, title=title)


def record_values(
    obj: dict[str, Any], *, title: str, lookups: Lookups, fallback: Organisation
) -> RecordValues:
    """The ``Document`` field values of one parsed line; ``fallback`` owns it when no issuer is known."""
    body = _text(obj, "body").replace("\x00", "")
    if not body.strip():
        raise LineError("body is missing")
    extra: dict[str, Any] = {k: v for k, v in obj.items() if k not in KNOWN_FIELDS and v is not None}

    written_on = _date(obj, "issued_on")
    published_on = _date(obj, "published_on")
    effective_on = _date(obj, "effective_on")
    validity_changed_on = _date(obj, "validity_changed_on")

    attribute_label = _squash(_text(obj, "attribute"))
    attribute = ATTRIBUTES.get(attribute_label, None) if attribute_label else Attribute.PROACTIVE
    if attribute is None:
        raise LineError(f"attribute {attribute_label!r} is not one of 主动公开, 依申请公开, 不予公开")
    reason = ""
    if attribute != Attribute.PROACTIVE:
        reason = _text(obj, "attribute_reason").strip() or f"导入数据：来源标注为{attribute_label}"

    validity_label = _squash(_text(obj, "validity"))
    validity = VALIDITIES.get(validity_label, Validity.VALID) if validity_label else Validity.VALID
    if validity_label and validity_label not in PLAIN_VALIDITY_LABELS:
        extra["validity"] = validity_label

    issuer_text = _squash(_text(obj, "issuer"))
    issuers = lookups.issuers(issuer_text) if issuer_text else []
    if len(issuer_text) > 500:
        extra["issuer"] = issuer_text
        issuer_text = issuer_text[:500]

    document_number = normalise_or_keep(_text(obj, "doc_number").replace("\x00", ""))
    if len(document_number) > 100:
        extra["doc_number"] = document_number
        document_number = ""

    theme = None
    theme_text = _squash(_text(obj, "theme"))
    if theme_text:
        theme = lookups.theme(theme_text)
        if theme is None:
            extra["theme"] = theme_text

    kind = _squash(_text(obj, "kind"))
    kind = KIND_ALIASES.get(kind, kind)
    if kind and kind not in DocumentKind.values:
        extra["kind"] = kind
        kind = ""

    category = _squash(_text(obj, "category"))
    if len(category) > 64:
        extra["category"] = category
        category = ""

    source_url = _text(obj, "source_url").strip()
    if source_url:
        try:
            if len(source_url) > 1000:
                raise ValidationError("too long")
            _http_url(source_url)
        except ValidationError:
            extra["source_url"] = source_url
            source_url = ""

    try:
        body_html, body_text = body_from_input(body)
    except ValidationFailed as exc:  # a body too long or nested too deeply to clean safely
        raise LineError(f"body refused: {exc.detail}") from exc
    values = {
        "organisation": issuers[0] if issuers else fallback,
        "title": title,
        "document_number": document_number,
        "issuer_text": issuer_text,
        "written_on": written_on,
        "published_on": published_on,
        "effective_on": effective_on,
        "formed_on": written_on or published_on,
        "theme": theme,
        "kind": kind,
        "category": category,
        "validity": validity,
        "validity_changed_on": validity_changed_on,
        "attribute": attribute,
        "attribute_reason": reason,
        "body_html": body_html,
        "body_text": body_text,
        "source_url": source_url,
        "extra": extra,
    }
    return RecordValues(values=values, issuers=issuers, fell_back=not issuers)


def _squash(text: str) -> str:
    """Whitespace runs become one space; NUL (refused by PostgreSQL) is dropped."""
    return " ".join(text.replace("\x00", "").split())


def _text(obj: dict[str, Any], name: str) -> str:
    value = obj.get(name)
    if value is None:
        return ""
    if isinstance(value, list):  # e.g. several issuers given as a list
        value = "、".join(str(v) for v in value if v is not None)
    if isinstance(value, dict):
        raise LineError(f"{name} must be text, not an object")
    return str(value)


def _date(obj: dict[str, Any], name: str) -> dt.date | None:
    value = obj.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        try:
            return parse_iso_date(value, name)
        except ValidationFailed:
            pass
    raise LineError(f"{name} {value!r} is not a date in YYYY-MM-DD form")


def _line_key(obj: dict[str, Any], *, title: str) -> str:
    raw_id = obj.get("id")
    if isinstance(raw_id, (dict, list)):
        raise LineError("id must be text or a number")
    key = str(raw_id).strip() if raw_id is not None else ""
    if not key:
        return derived_key(document_number=_text(obj, "doc_number"), issuer=_text(obj, "issuer"), title=title)
    if len(key) > 255:
        raise LineError("id is longer than 255 characters")
    return key
