"""Result snippets (摘要): a window of the text around the first match, HTML-escaped, matches wrapped in ``<mark>``."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 120
LEAD_CHARS = 30
SCAN_CHARS = 200_000
_SPACES = re.compile(r"\s+")
_NON_SPACE = re.compile(r"\S")


def _pattern(terms: list[str]) -> re.Pattern[str] | None:
    terms = sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)


def _marked(window: str, pattern: re.Pattern[str] | None) -> str:
    parts = []
    position = 0
    for match in pattern.finditer(window) if pattern else ():
        parts.append(escape(window[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(window[position:]))
    return "".join(parts)


def snippet(text: str, terms: list[str], *, width: int = SNIPPET_CHARS) -> SafeString:
    """The part of ``text`` around the first of ``terms``, escaped, with every term in it marked."""
    pattern = _pattern(terms)
    raw = text[:SCAN_CHARS]
    first = pattern.search(raw) if pattern else None
    # Collapse whitespace only up to a little past the window: a law runs to tens of thousands of characters.
    end = (first.end() if first else 0) + 2 * width
    more = _NON_SPACE.search(raw, end) is not None
    text = _SPACES.sub(" ", raw[:end]).strip()
    first = pattern.search(text) if pattern else None
    start = 0 if first is None else max(0, first.start() - LEAD_CHARS)
    window = text[start : start + width]
    before = "…" if start > 0 else ""
    after = "…" if start + width < len(text) or more else ""
    return mark_safe(before + _marked(window, pattern) + after)


def mark(text: str, terms: list[str]) -> SafeString:
    """``text`` escaped, with every term marked (for titles)."""
    return mark_safe(_marked(text, _pattern(terms)))
