"""De-identification (去标识化) of Chinese government texts before publication (work-plan task 26).

``deidentify(text)`` finds personal data — names, 身份证号 (GB 11643, SPEC-regulations R5.4), phones
(R5.6), bank cards (Luhn, R5.7), e-mail, home addresses, plates (R5.8), passports and permits — and
masks it, keeping what must stay public: officials in their role, organisations, 统一社会信用代码
(R5.5), hotline and office numbers, 发文字号 (R5.2), law titles, amounts and dates. Offsets in the
findings always index the original text, even when it carries full-width digits or stray spaces.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from gongkai.review.deidentify import addresses, names, numbers
from gongkai.review.deidentify.dictionaries import Dictionaries, get_dictionaries, merge_masking
from gongkai.review.deidentify.findings import PRIORITY, TYPES, Finding, normalise
from gongkai.review.deidentify.masking import apply_masks, validate_masking
from gongkai.review.deidentify.namemodel import load_name_model

__all__ = [
    "TYPES",
    "DeidentifyResult",
    "Finding",
    "deidentify",
    "find_personal_data",
    "validate_masking",
]


@dataclass(frozen=True)
class DeidentifyResult:
    """The masked text and the findings (offsets into the original text)."""

    text: str
    findings: list[Finding]

    def as_dict(self) -> dict:
        return {"text": self.text, "findings": [f.as_dict() for f in self.findings]}


class _SpanSet:
    """Accepted, non-overlapping spans with an overlap test."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.ends, start + 1)
        return i < len(self.starts) and self.starts[i] < end

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _merged(spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end, _label in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _accept(candidates: list[Finding], taken: _SpanSet, out: list[Finding]) -> None:
    for f in sorted(
        candidates, key=lambda f: (-PRIORITY[f.type], -f.confidence, f.start, -(f.end - f.start))
    ):
        if f.end <= f.start or taken.overlaps(f.start, f.end):
            continue
        taken.add(f.start, f.end)
        out.append(f)


def find_personal_data(
    text: str, dicts: Dictionaries | None = None, *, name_model: bool = True
) -> list[Finding]:
    """Return non-overlapping findings of personal data in ``text``, sorted by offset.

    ``name_model=False`` runs the rules alone, without the statistical name model (for the bench).
    """
    dicts = dicts or get_dictionaries()
    norm = normalise(text)
    accepted: list[Finding] = []
    taken = _SpanSet()
    protected = _SpanSet()
    found_protected = numbers.find_protected(norm, dicts)
    protected_spans = _merged(found_protected)
    for start, end in protected_spans:
        protected.add(start, end)
    # A title in 《》 is kept, but not a private person's name in it that the text confirms elsewhere
    # (《关于冀某与尉迟某土地承包经营权争议的处理决定》): the spans protected for other reasons.
    untitled = _SpanSet()
    for start, end, label in found_protected:
        if label != "law_title":
            untitled.add(start, end)

    # Checksummed identifiers first: they win any overlap, even with a protected-looking span.
    _accept(numbers.find_id_cards(norm, text, dicts) + numbers.find_bank_cards(norm, text), taken, accepted)
    others = numbers.find_emails(norm, text, dicts) + numbers.find_passports(norm, text)
    others += numbers.find_plates(norm, text)
    _accept([f for f in others if not protected.overlaps(f.start, f.end)], taken, accepted)
    occupied = [(f.start, f.end) for f in accepted] + protected_spans
    mobiles = numbers.find_phones(norm, text, dicts, occupied, [], landlines=False)
    _accept(
        [f for f in mobiles if f.rule == "mobile" and not protected.overlaps(f.start, f.end)], taken, accepted
    )

    personal_lines = {norm.rfind("\n", 0, f.start) + 1 for f in accepted}
    model = load_name_model() if name_model else None
    name_findings, _officials = names.find_names(
        norm, text, dicts, personal_lines=personal_lines, model=model
    )
    outside = [f for f in name_findings if not protected.overlaps(f.start, f.end)]
    confirmed = {f.text for f in outside}
    titled = [
        f
        for f in name_findings
        if f.text in confirmed
        and protected.overlaps(f.start, f.end)
        and not untitled.overlaps(f.start, f.end)
    ]
    _accept(outside + titled, taken, accepted)

    personal_spans = [(f.start, f.end) for f in accepted]
    door = addresses.find_addresses(norm, text, dicts, personal_spans)
    _accept([f for f in door if not protected.overlaps(f.start, f.end)], taken, accepted)
    groups = addresses.find_village_groups(norm, text, personal_spans)
    _accept([f for f in groups if not protected.overlaps(f.start, f.end)], taken, accepted)

    personal_ends = [f.end for f in accepted]
    occupied = [(f.start, f.end) for f in accepted] + protected_spans
    phones = numbers.find_phones(norm, text, dicts, occupied, personal_ends)
    _accept([f for f in phones if not protected.overlaps(f.start, f.end)], taken, accepted)
    return sorted(accepted, key=lambda f: f.start)


def deidentify(
    text: str, *, masking: dict | None = None, dicts: Dictionaries | None = None
) -> DeidentifyResult:
    """Find and mask personal data in ``text``; ``masking`` overrides ``masking.yaml`` per type."""
    dicts = dicts or get_dictionaries()
    findings = find_personal_data(text, dicts)
    config = merge_masking(dicts.masking, masking)
    return DeidentifyResult(text=apply_masks(text, findings, config, dicts), findings=findings)
