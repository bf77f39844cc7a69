"""Masked office files: a DOCX stays a DOCX and an XLSX stays an XLSX, with every paragraph, table, cell and sheet.

The reviewer's accepted findings become ``replacements`` (the personal data → its mask). Every occurrence of each
key is replaced in every place an OOXML package keeps text a reader can get at: body, tables, text boxes, headers,
footers, footnotes, endnotes, comments and tracked deletions of a DOCX; shared strings, inline strings, numbers
stored as numbers, formulas, comments and print headers of an XLSX; link targets (``mailto:``) and document
properties of both. The author fields of the properties are cleared. Word splits text into runs wherever the
formatting or the editing history changes, so a name can sit across three runs: matching is done on a
paragraph's whole text, and the mask goes into the run where the match starts, keeping that run's formatting.
Parts that hold no text (styles, images, themes) are copied byte for byte.

A PDF cannot be edited this way: ``mask_pdf_text`` renders the masked extracted text as a new PDF
(``core/pdf.py``), and the original PDF is kept for staff only.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping

from lxml import etree

from gongkai.review.deidentify.dictionaries import get_dictionaries, merge_masking
from gongkai.review.deidentify.findings import Finding
from gongkai.review.deidentify.masking import mask_finding

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
TC = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Author fields of docProps/core.xml: cleared, whatever the replacements.
AUTHOR_FIELDS = (f"{{{DC}}}creator", f"{{{CP}}}lastModifiedBy")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)

Replacer = Callable[[str], str]


class OfficeFileError(ValueError):
    """The bytes are not the office file they claim to be."""


def _trie_regex(node: dict) -> str:
    """The regular expression of a trie of literal keys (``""`` marks a key's end): one branch per distinct
    character, so matching costs the length of the match, not the number of keys, and the greedy optional
    tail gives the longest key where one key is a prefix of another."""
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def _pattern(replacements: Mapping[str, str]) -> re.Pattern[str] | None:
    trie: dict = {}
    for key in replacements:
        if key:
            node = trie
            for ch in key:
                node = node.setdefault(ch, {})
            node[""] = {}
    return re.compile(_trie_regex(trie)) if trie else None


def _replacer(replacements: Mapping[str, str], pattern: re.Pattern[str] | None = None) -> Replacer:
    pattern = pattern or _pattern(replacements)
    if pattern is None:
        return lambda text: text
    return lambda text: pattern.sub(lambda m: replacements[m.group()], text)


def replacements_for(findings: Iterable[Finding], masking: dict | None = None) -> dict[str, str]:
    """The engine's mask for each finding's text, as ``replacements`` for the functions here.

    A string found once is masked everywhere in the file (document-level consistency, issue 9).
    """
    dicts = get_dictionaries()
    config = merge_masking(dicts.masking, masking)
    return {f.text: mask_finding(f, config, dicts) for f in findings if f.text.strip()}


def mask_text(text: str, replacements: Mapping[str, str]) -> str:
    """``text`` with every occurrence of each key replaced by its value (longest key first where they overlap)."""
    return _replacer(replacements)(text)


def _mask_runs(
    texts: list[etree._Element], pattern: re.Pattern[str], replacements: Mapping[str, str]
) -> None:
    """Mask the text of ``texts`` (the text elements of one paragraph, in order) as one string."""
    pieces = [t.text or "" for t in texts]
    whole = "".join(pieces)
    matches = [(m.start(), m.end(), replacements[m.group()]) for m in pattern.finditer(whole)]
    if not matches:
        return
    out = [[] for _ in texts]
    owner = [i for i, piece in enumerate(pieces) for _ in piece]
    position, match_index = 0, 0
    while position < len(whole):
        if match_index < len(matches) and position == matches[match_index][0]:
            start, end, value = matches[match_index]
            out[owner[start]].append(value)
            position, match_index = end, match_index + 1
            continue
        out[owner[position]].append(whole[position])
        position += 1
    for element, chars in zip(texts, out, strict=True):
        element.text = "".join(chars)
        if element.tag.endswith("}t") or element.tag.endswith("}delText"):
            element.set(XML_SPACE, "preserve")


def _mask_units(root: etree._Element, unit: str, text_tags: Iterable[str], pattern, replacements) -> None:
    """For every ``unit`` element (a paragraph, a shared string), mask its own text elements as one string.

    A text element belongs to its nearest ``unit`` ancestor, so a text box's paragraph inside a paragraph is
    masked once, as its own unit.
    """
    tags = set(text_tags)
    for element in root.iter(unit):
        own: dict[str, list[etree._Element]] = {tag: [] for tag in tags}
        for child in element.iter(*tags):
            nearest = next(child.iterancestors(unit), None)
            if nearest is element:
                own[child.tag].append(child)
        for texts in own.values():
            if texts:
                _mask_runs(texts, pattern, replacements)


def _mask_plain_elements(root: etree._Element, tags: Iterable[str], replace: Replacer) -> None:
    for element in root.iter(*tags):
        if element.text:
            element.text = replace(element.text)


def _mask_attributes(root: etree._Element, names: Iterable[str], replace: Replacer) -> None:
    for element in root.iter():
        for name in names:
            value = element.get(name)
            if value:
                element.set(name, replace(value))


def _mask_properties(root: etree._Element, replace: Replacer) -> None:
    for element in root.iter():
        if element.tag in AUTHOR_FIELDS:
            element.text = ""
        elif isinstance(element.tag, str) and element.text:
            element.text = replace(element.text)


def _rewrite(
    data: bytes, kind: str, transform: Callable[[str, etree._Element], bool], *, expect: str
) -> bytes:
    """A copy of the package with each XML member ``transform`` changed; other members byte for byte."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        names = source.namelist()
    except zipfile.BadZipFile as exc:
        raise OfficeFileError(f"not a {kind} file") from exc
    if expect not in names:
        raise OfficeFileError(f"not a {kind} file: {expect} is missing")
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            raw = source.read(info)
            if info.filename.endswith((".xml", ".rels")):
                try:
                    root = etree.fromstring(raw, _PARSER)
                except etree.XMLSyntaxError as exc:
                    raise OfficeFileError(f"{kind} part {info.filename} is not well-formed XML") from exc
                if transform(info.filename, root):
                    raw = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, raw, compress_type=info.compress_type)
    return out.getvalue()


def mask_docx(data: bytes, replacements: Mapping[str, str]) -> bytes:
    """The DOCX ``data`` with every key of ``replacements`` replaced by its value, structure kept."""
    pattern = _pattern(replacements)
    replace = _replacer(replacements, pattern)

    def transform(name: str, root: etree._Element) -> bool:
        if name == "docProps/core.xml":
            _mask_properties(root, replace)
            return True
        if pattern is None:
            return False
        if name.endswith(".rels"):
            _mask_attributes(root, ["Target"], replace)
            return True
        if name.startswith("word/") and name.endswith(".xml"):
            _mask_units(
                root,
                f"{{{W}}}p",
                [f"{{{W}}}t", f"{{{W}}}delText", f"{{{W}}}instrText"],
                pattern,
                replacements,
            )
            _mask_attributes(root, [f"{{{W}}}author", f"{{{W}}}initials"], replace)
            return True
        if name == "docProps/app.xml":
            _mask_properties(root, replace)
            return True
        return False

    return _rewrite(data, "DOCX", transform, expect="word/document.xml")


def _mask_sheet_cells(
    root: etree._Element, pattern: re.Pattern[str], replacements, replace: Replacer
) -> None:
    """Inline strings, formula text and numbers stored as numbers (a phone typed into a number cell)."""
    _mask_units(root, f"{{{S}}}is", [f"{{{S}}}t"], pattern, replacements)
    _mask_plain_elements(root, [f"{{{S}}}f", f"{{{S}}}oddHeader", f"{{{S}}}oddFooter"], replace)
    _mask_plain_elements(root, [f"{{{S}}}evenHeader", f"{{{S}}}evenFooter"], replace)
    _mask_plain_elements(root, [f"{{{S}}}firstHeader", f"{{{S}}}firstFooter"], replace)
    for cell in root.iter(f"{{{S}}}c"):
        kind = cell.get("t", "n")
        value = cell.find(f"{{{S}}}v")
        if value is None or not value.text or kind in ("s", "b", "e"):
            continue
        masked = replace(value.text)
        if masked == value.text:
            continue
        if kind == "str":  # a formula's cached text result
            value.text = masked
            continue
        # A number that held personal data becomes an inline string of its mask; the cell keeps its place.
        cell.remove(value)
        cell.set("t", "inlineStr")
        inline = etree.SubElement(cell, f"{{{S}}}is")
        text = etree.SubElement(inline, f"{{{S}}}t")
        text.text = masked
        text.set(XML_SPACE, "preserve")


def mask_xlsx(data: bytes, replacements: Mapping[str, str]) -> bytes:
    """The XLSX ``data`` with every key of ``replacements`` replaced by its value; sheets, cells, merged ranges,
    number formats and formulas kept."""
    pattern = _pattern(replacements)
    replace = _replacer(replacements, pattern)

    def transform(name: str, root: etree._Element) -> bool:
        if name == "docProps/core.xml":
            _mask_properties(root, replace)
            return True
        if pattern is None:
            return False
        if name.endswith(".rels"):
            _mask_attributes(root, ["Target"], replace)
            return True
        if name == "xl/sharedStrings.xml":
            _mask_units(root, f"{{{S}}}si", [f"{{{S}}}t"], pattern, replacements)
            return True
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            _mask_sheet_cells(root, pattern, replacements, replace)
            return True
        if name.startswith("xl/comments") and name.endswith(".xml"):
            _mask_units(root, f"{{{S}}}text", [f"{{{S}}}t"], pattern, replacements)
            _mask_plain_elements(root, [f"{{{S}}}author"], replace)
            return True
        if name.startswith("xl/threadedComments/") or name.startswith("xl/persons/"):
            _mask_plain_elements(root, [f"{{{TC}}}text"], replace)
            _mask_attributes(root, ["displayName", "userId"], replace)
            return True
        return False

    return _rewrite(data, "XLSX", transform, expect="xl/workbook.xml")


def mask_pdf_text(text: str, replacements: Mapping[str, str], *, title: str = "") -> bytes:
    """A new PDF of ``text`` masked (a PDF's own text cannot be edited in place): one paragraph a line."""
    from gongkai.core.pdf import text_pdf

    return text_pdf(mask_text(text, replacements).splitlines(), title=title)
