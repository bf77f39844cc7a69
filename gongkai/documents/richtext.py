"""Document bodies: user HTML is cleaned to a safe subset; plain text becomes paragraphs."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "strong", "b", "em", "i", "u", "sub", "sup", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "blockquote", "a", "span", "div", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
_LOOKS_LIKE_HTML = re.compile(r"<(p|div|br|table|h[1-6]|ul|ol|span|strong|b|a)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text))


def clean_html(raw: str) -> str:
    """A safe subset of HTML: no scripts, styles, event handlers or javascript: links."""
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def text_to_html(text: str) -> str:
    """Plain text → escaped paragraphs, one per non-empty line."""
    lines = (line.strip() for line in text.replace("\r\n", "\n").split("\n"))
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)


def html_to_text(markup: str) -> str:
    """Visible text of cleaned HTML, block elements on their own lines."""
    spaced = re.sub(r"</(p|div|h[1-6]|li|tr|table|blockquote)>|<br\s*/?>", "\n", markup, flags=re.IGNORECASE)
    text = html.unescape(_TAG.sub("", spaced))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def body_from_input(raw: str) -> tuple[str, str]:
    """(safe HTML, plain text) for a body given as plain text or HTML."""
    raw = raw or ""
    if looks_like_html(raw):
        markup = clean_html(raw)
        return markup, html_to_text(markup)
    return text_to_html(raw), raw.strip()
