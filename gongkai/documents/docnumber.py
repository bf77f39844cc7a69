"""发文字号 (document numbers): parse, validate and normalise (GB/T 9704-2012 §7.2.5; SPEC R5.2, R5.2a).

``沈政办发〔2018〕12号``, ``沈政办发[2018]12号`` and ``沈政办发(2018)12号`` are the same number: brackets
around the year become 六角括号 〔〕, full-width digits and spaces are folded, a leading ``第`` before the
serial is dropped. Orders (令) carry no year and keep ``第``: ``国令第843号``; ``中华人民共和国国务院令第843号``
is the same number as ``国令第843号``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext

from gongkai.core.errors import ValidationFailed

_OPEN = "〔[(（【［<《{"
_CLOSE = "〕])）】］>》}"
_PREFIX = r"[\u4e00-\u9fa5A-Za-z]+"
YEAR_FORM = re.compile(
    rf"^(?P<prefix>{_PREFIX})[{re.escape(_OPEN)}](?P<year>\d{{4}})[{re.escape(_CLOSE)}]第?(?P<serial>\d+)号$"
)
# Some issuers print the year without brackets: 沈政发2018年12号 is not standard and is not accepted.
ORDER_FORM = re.compile(rf"^(?P<prefix>{_PREFIX}令)第?(?P<serial>\d+)号$")
# Long forms of order prefixes that name the same issuing body.
ORDER_PREFIX_ALIASES = {
    "中华人民共和国国务院令": "国令",
    "国务院令": "国令",
}
EXAMPLE = "沈政办发〔2018〕12号"


@dataclass(frozen=True)
class DocumentNumber:
    prefix: str  # 机关代字, e.g. 沈政办发; for orders the prefix ends in 令
    year: int | None
    serial: int

    def __str__(self) -> str:
        if self.year is None:
            return f"{self.prefix}第{self.serial}号"
        return f"{self.prefix}〔{self.year}〕{self.serial}号"


def _fold(raw: str) -> str:
    # NFKC turns full-width digits, letters and brackets into ASCII; 〔〕 and 【】 survive it.
    text = unicodedata.normalize("NFKC", raw)
    return re.sub(r"\s+", "", text)


def parse_document_number(raw: str) -> DocumentNumber:
    """Parse a 发文字号, raising ``ValidationFailed`` with a message that says the expected form."""
    text = _fold(raw or "")
    if not text:
        raise ValidationFailed(
            gettext("发文字号不能为空"), detail="Document number is empty", code="documents.bad_number"
        )
    match = YEAR_FORM.match(text)
    if match:
        serial = int(match["serial"])
        year = int(match["year"])
        if serial == 0 or match["serial"].startswith("0"):
            raise _bad(raw, gettext("顺序号不编虚位、不能为0（如 1 不写成 01）"))
        if not 1949 <= year <= 2100:
            raise _bad(raw, gettext("年份应为四位公元年份"))
        return DocumentNumber(prefix=match["prefix"], year=year, serial=serial)
    match = ORDER_FORM.match(text)
    if match:
        serial = int(match["serial"])
        if serial == 0 or match["serial"].startswith("0"):
            raise _bad(raw, gettext("令号不编虚位、不能为0"))
        prefix = ORDER_PREFIX_ALIASES.get(match["prefix"], match["prefix"])
        if prefix.startswith("中华人民共和国") and len(prefix) > len("中华人民共和国令"):
            prefix = prefix.removeprefix("中华人民共和国")
        return DocumentNumber(prefix=prefix, year=None, serial=serial)
    raise _bad(
        raw,
        gettext("应为“机关代字〔年份〕序号号”，如 %(example)s，或令号如 国令第843号") % {"example": EXAMPLE},
    )


def _bad(raw: str, why: str) -> ValidationFailed:
    return ValidationFailed(
        gettext("发文字号“%(number)s”格式不正确：%(why)s") % {"number": raw, "why": why},
        detail=f"Invalid document number {raw!r}",
        code="documents.bad_number",
        fields={"document_number": why},
    )


def normalise_document_number(raw: str) -> str:
    """The canonical text of a 发文字号 (``沈政办发〔2018〕12号``)."""
    return str(parse_document_number(raw))


def normalise_or_keep(raw: str | None) -> str:
    """For imports: the canonical form when the number parses, else the folded original (never lost)."""
    if not raw or not raw.strip():
        return ""
    try:
        return normalise_document_number(raw)
    except ValidationFailed:
        return _fold(raw)
