"""The screens run over a text: the de-identification engine (``review.deidentify``) and the confidentiality
screen (保密审查, ``review.confidentiality``), as one list of candidate findings with their proposed masks."""

from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)

ENGINE_VERSION = "deidentify+confidentiality/1"


@dataclass(frozen=True)
class Candidate:
    """What a screen found: ``start``/``end`` index the screened text."""

    family: str
    kind: str
    rule: str
    start: int
    end: int
    text: str
    confidence: float
    mask: str


def full_mask(text: str) -> str:
    """The mask of a span with no rule of its own (a confidentiality flag, a reviewer's selection)."""
    return "＊" * len(text)


def personal_data(text: str) -> list[Candidate]:
    from gongkai.review.deidentify import find_personal_data
    from gongkai.review.deidentify.dictionaries import get_dictionaries
    from gongkai.review.deidentify.masking import mask_finding

    dicts = get_dictionaries()
    return [
        Candidate(
            family="personal",
            kind=f.type,
            rule=f.rule,
            start=f.start,
            end=f.end,
            text=f.text,
            confidence=float(f.confidence),
            mask=mask_finding(f, dicts.masking, dicts),
        )
        for f in find_personal_data(text, dicts)
    ]


def confidentiality_flags(text: str, *, final: bool = True) -> list[Candidate]:
    """The confidentiality screen's flags (密级, 内部资料, draft markers on a final text, the administrator's terms)."""
    from gongkai.review import confidentiality

    flags = confidentiality.screen_text(text, final=final, extra_terms=confidentiality.active_terms())
    return [
        Candidate(
            family="confidentiality",
            kind=flag.kind,
            rule=flag.rule,
            start=flag.start,
            end=flag.end,
            text=flag.text,
            confidence=1.0,
            mask=full_mask(flag.text),
        )
        for flag in flags
    ]


def screen(text: str, *, final: bool = True) -> list[Candidate]:
    """Every candidate in ``text``, by offset: personal data, then confidentiality flags."""
    if not text.strip():
        return []
    found = personal_data(text) + confidentiality_flags(text, final=final)
    return sorted(found, key=lambda c: (c.start, c.end, c.family))
