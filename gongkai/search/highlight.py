"""Result snippets (摘要): a window of the text around the first match, HTML-escaped, matches wrapped in ``<mark>``."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 120
LEAD_CHARS = 30
SCAN_CHARS = 200_000


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
    text = re.sub(r"\s+", " ", text[:SCAN_CHARS]).strip()
    pattern = _pattern(terms)
    first = pattern.search(text) if pattern else None
    start = 0 if first is None else max(0, first.start() - LEAD_CHARS)
    window = text[start : start + width]
    before = "…" if start > 0 else ""
    after = "…" if start + width < len(text) else ""
    return mark_safe(before + _marked(window, pattern) + after)


def mark(text: str, terms: list[str]) -> SafeString:
    """``text`` escaped, with every term marked (for titles)."""
    return mark_safe(_marked(text, _pattern(terms)))
