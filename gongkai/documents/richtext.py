"""Document bodies: user HTML is cleaned to a safe subset; plain text becomes paragraphs.

Cleaning costs time in proportion to the square of the nesting depth (150,000 nested ``<div>``, 750 KB,
took 55 s; issue 8), so a body longer than ``DOCUMENT_BODY_MAX_CHARS`` characters or nested deeper than
``DOCUMENT_BODY_MAX_DEPTH`` elements is refused before it is cleaned, by one linear scan of its tags.
"""

from __future__ import annotations

import html
import re
from collections import Counter

import nh3
from django.conf import settings
from django.utils.translation import gettext

from gongkai.core.errors import ValidationFailed

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
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*>")
# Tags that never deepen the tree: void elements, and those an HTML parser closes by itself when the next
# one opens (or ignores outside a table), so that sloppy but shallow HTML (unclosed <p>, <li>, <td>) passes.
_FLAT_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    | {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "colgroup"}
)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text))


def clean_html(raw: str) -> str:
    """A safe subset of HTML: no scripts, styles, event handlers or javascript: links.

    Raises ``ValidationFailed`` (field ``body``) for a body too long or nested too deeply to clean cheaply.
    """
    _check_size(raw)
    _check_depth(raw)
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
    _check_size(raw)
    if looks_like_html(raw):
        markup = clean_html(raw)
        return markup, html_to_text(markup)
    return text_to_html(raw), raw.strip()


def _check_size(raw: str) -> None:
    limit = settings.DOCUMENT_BODY_MAX_CHARS
    if len(raw) > limit:
        raise ValidationFailed(
            gettext("正文过长（超过 %(limit)s 字符），请精简或将全文作为附件上传") % {"limit": limit},
            detail="Body too long",
            code="documents.body_too_large",
            field="body",
        )


def _check_depth(raw: str) -> None:
    """Refuse HTML whose elements nest deeper than ``DOCUMENT_BODY_MAX_DEPTH``, in one pass over its tags.

    A closing tag closes the innermost open element of its name and everything opened inside it, as an HTML
    parser does; a closing tag with no open element of its name is ignored, so it cannot hide depth.
    """
    limit = settings.DOCUMENT_BODY_MAX_DEPTH
    stack: list[str] = []
    open_names: Counter[str] = Counter()
    for match in _TAG_NAME.finditer(raw):
        name = match.group(2).lower()
        if name in _FLAT_TAGS:
            continue
        if not match.group(1):
            stack.append(name)
            open_names[name] += 1
            if len(stack) > limit:
                raise ValidationFailed(
                    gettext("正文嵌套层级过深（超过 %(limit)s 层），请清除格式后重新粘贴") % {"limit": limit},
                    detail="Body HTML nested too deeply",
                    code="documents.body_too_deep",
                    field="body",
                )
        elif open_names[name]:
            while (closed := stack.pop()) != name:
                open_names[closed] -= 1
            open_names[name] -= 1
