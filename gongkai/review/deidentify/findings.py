"""The finding record and text normalisation shared by the detectors (SPEC-regulations §5)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Types reported to callers; names are part of the API (`--json`, POST /api/v1/review/deidentify).
PERSON_NAME = "person_name"
ID_CARD = "id_card"
PHONE = "phone"
BANK_CARD = "bank_card"
EMAIL = "email"
ADDRESS = "address"
LICENSE_PLATE = "license_plate"
PASSPORT = "passport"

TYPES = (PERSON_NAME, ID_CARD, PHONE, BANK_CARD, EMAIL, ADDRESS, LICENSE_PLATE, PASSPORT)

# When two candidates overlap the higher priority wins; checksummed identifiers first.
PRIORITY = {
    ID_CARD: 100,
    BANK_CARD: 95,
    EMAIL: 90,
    PASSPORT: 75,
    LICENSE_PLATE: 75,
    PHONE: 70,
    ADDRESS: 50,
    PERSON_NAME: 40,
}


@dataclass(frozen=True)
class Finding:
    """One item of personal data: ``start``/``end`` index the original text, ``text`` is that slice."""

    type: str
    start: int
    end: int
    text: str
    rule: str
    confidence: float

    def as_dict(self) -> dict:
        return {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "rule": self.rule,
            "confidence": self.confidence,
        }


# Full-width ASCII (U+FF01–FF5E) and the ideographic space map one-to-one onto ASCII, so offsets in the
# normalised text are offsets in the original (OCR output and Word documents often carry them).
_NORMALISE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_NORMALISE.update({0x3000: 0x20, 0x00A0: 0x20, 0x2010: 0x2D, 0x2011: 0x2D, 0x2012: 0x2D, 0x2013: 0x2D})
# Keep the Chinese colon, comma, brackets and semicolon as they are: cues are written with them.
for _ch in "：，（）；！？":
    _NORMALISE.pop(ord(_ch), None)


# Runs of characters ``_NORMALISE`` maps: only they are translated (``translate`` on a whole text is slow).
_TO_NORMALISE_RE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_NORMALISE)) + "]+")


def _translate_run(match: re.Match) -> str:
    return match.group().translate(_NORMALISE)


def normalise(text: str) -> str:
    """Return ``text`` with full-width digits and letters made ASCII; the length never changes."""
    return _TO_NORMALISE_RE.sub(_translate_run, text)


class IntervalIndex:
    """Merged half-open intervals with membership tests in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def contains(self, i: int) -> bool:
        k = bisect.bisect_right(self.starts, i) - 1
        return k >= 0 and i < self.ends[k]


def values_between(sorted_values: list[int], low: int, high: int) -> list[int]:
    """The values ``v`` with ``low <= v <= high`` from an ascending list."""
    return sorted_values[bisect.bisect_left(sorted_values, low) : bisect.bisect_right(sorted_values, high)]
