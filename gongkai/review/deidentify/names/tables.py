"""Tables flattened to text: the cells under a person header (姓名, 户主姓名, 监护人, 机动车所有人)."""

from __future__ import annotations

import functools
import re

from gongkai.review.deidentify.dictionaries import Dictionaries
from gongkai.review.deidentify.names.context import (
    NameContext,
    is_han,
    labelled_plausible,
    occurrences,
    unknown_name,
)

_COLUMN_HEADER_RE = re.compile(r"姓名|人|户主|车主|户名|对象|家长")

_SPLITTERS = (re.compile(r"\t"), re.compile(r"[|｜]"), re.compile(r" {2,}|\u3000+"), re.compile(r" "))


# The header's splitters, the last one taking a run of spaces of any width for one separator.
_HEADER_SPLITTERS = (*_SPLITTERS[:3], re.compile(r" +"))


def _cells(line: str, splitter: re.Pattern) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in splitter.finditer(line):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(line)))
    return spans


def _lines(norm: str) -> tuple[list[str], list[int]]:
    """The text's lines and the offset where each begins."""
    lines = norm.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    return lines, offsets


def name_column_cells(ctx: NameContext) -> list[tuple[int, int]]:
    """Cells under headers such as 姓名 / 户主姓名 / 监护人 / 机动车所有人 in a table flattened to text."""
    norm = ctx.norm
    if not _COLUMN_HEADER_RE.search(norm):
        return []
    out: list[tuple[int, int]] = []
    lines, offsets = _lines(norm)
    i = 0
    while i < len(lines):
        columns, splitter = _header_columns(ctx, lines[i])
        i += 1
        if not columns:
            continue
        while i < len(lines) and lines[i].strip():
            cells = _cells(lines[i], splitter)
            if len(cells) <= max(columns):
                break
            for column in columns:
                a, b = cells[column]
                text = lines[i][a:b]
                stripped = text.strip()
                s = offsets[i] + a + len(text) - len(text.lstrip())
                e = s + len(stripped)
                if (
                    2 <= len(stripped) <= 4
                    and all(is_han(c) for c in stripped)
                    and labelled_plausible(ctx, s, e)
                ):
                    out.append((s, e))
                elif 5 <= len(stripped) <= 12 and (ctx.minority(s, e) or unknown_name(ctx, s, e, 12)):
                    # 阿尔祖古丽艾尼瓦尔 under 共同申请人: a long minority name, dotted or not.
                    out.append((s, e))
            i += 1
    return out


def _is_person_header(ctx: NameContext, cell: str) -> bool:
    if not cell or len(cell) > 8:
        return False
    if "姓名" in cell or cell in ("户名", "家长"):
        return True
    labels, roles = _header_words(ctx.dicts)
    return cell.endswith(labels) and cell not in roles


@functools.lru_cache(maxsize=8)
def _header_words(dicts: Dictionaries) -> tuple[tuple[str, ...], frozenset[str]]:
    """Person labels (a header ends with one) and official roles (a header that is one is no person)."""
    return tuple(dicts.cues.get("person_labels", [])), frozenset(dicts.cues.get("official_roles", []))


def _header_columns(ctx: NameContext, line: str) -> tuple[list[int], re.Pattern]:
    """Indexes of the person columns of a header row, and how its cells are separated."""
    spaced = " " in line or "\t" in line or "|" in line or "｜" in line
    if not spaced or len(line) > 200 or not _COLUMN_HEADER_RE.search(line):
        return [], _SPLITTERS[0]
    stripped = line.strip()
    lead = len(line) - len(line.lstrip())
    for splitter in _HEADER_SPLITTERS:
        cells = _cells(stripped, splitter)
        if len(cells) < 3:
            continue
        columns = [k for k, (a, b) in enumerate(cells) if _is_person_header(ctx, stripped[a:b].strip())]
        # 序号　姓名　　身份证号 normalised to "序号 姓名  身份证号": a header cell holding a single space
        # is two cells of a table whose separators are of uneven width; split at every run of spaces.
        if any(" " in stripped[a:b].strip() for a, b in cells) and splitter is _SPLITTERS[2]:
            continue
        # Rows are split as they stand; a header indented like its rows keeps the same indexes.
        if lead and splitter.match(line, 0):
            columns = [k + 1 for k in columns]
        return columns, splitter
    return [], _SPLITTERS[0]


# A surname column and a given-name column side by side: 姓　名　小组…, 申请执行人（姓）（名）.
_SPLIT_CELL_RE = re.compile(r"[（(]姓[)）][（(]名[)）]$")
_SPLIT_SPLITTERS = (_SPLITTERS[0], _SPLITTERS[2], _SPLITTERS[3])


def split_name_columns(ctx: NameContext) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Surname and given-name cells of a table that writes them in two columns (issue 9: 姓　名　小组),
    and the places where the text writes such a name whole (和静同志)."""
    norm = ctx.norm
    if "姓" not in norm:
        return [], []
    out: list[tuple[int, int]] = []
    lines, offsets = _lines(norm)
    i = 0
    while i < len(lines):
        split = _split_header(lines[i])
        i = _split_rows(ctx, lines, offsets, i + 1, *split, out) if split else i + 1
    names = {"".join(norm[a:b].split()) for a, b in out}
    joined = [
        (i, i + len(name))
        for name in names
        for i in occurrences(norm, name)
        if len(name) >= 3 or (ctx.left_ok(i) and ctx.boundary(i + len(name)))
    ]
    return out, joined


def _split_header(line: str) -> tuple[int, int, re.Pattern] | None:
    """The surname column, the number of columns and the splitter of a header naming 姓 and 名 apart."""
    if len(line) > 200 or "姓" not in line:
        return None
    stripped = line.strip()
    for splitter in _SPLIT_SPLITTERS:
        cells = [stripped[a:b].strip() for a, b in _cells(stripped, splitter)]
        if len(cells) < 3:
            continue
        for k, cell in enumerate(cells):
            if cell == "姓" and k + 1 < len(cells) and cells[k + 1] == "名":
                return k, len(cells), splitter
            if _SPLIT_CELL_RE.search(cell):
                return k, len(cells) + 1, splitter  # the one header cell spans two row cells
    return None


def _split_rows(
    ctx: NameContext,
    lines: list[str],
    offsets: list[int],
    i: int,
    column: int,
    width: int,
    splitter: re.Pattern,
    out: list[tuple[int, int]],
) -> int:
    """上官　国庆　下屋组…: the surname and given-name cells of each row as long as rows keep the header's
    width (a header 姓　名 spaced out over one 姓名 column has rows one cell narrower). Returns the next line."""
    while i < len(lines) and lines[i].strip():
        line = lines[i]
        lead = len(line) - len(line.lstrip())
        cells = _cells(line[lead:], splitter)
        if len(cells) != width:
            break
        (a, b), (c, d) = cells[column], cells[column + 1]
        surname, given = line[lead + a : lead + b].strip(), line[lead + c : lead + d].strip()
        if not _split_name(ctx, surname, given):
            break
        # One span over both cells, as ``consistency.split_cells`` gives: masking keeps the separator.
        start = offsets[i] + lead + a + line[lead + a : lead + b].index(surname)
        end = offsets[i] + lead + c + line[lead + c : lead + d].index(given) + len(given)
        out.append((start, end))
        i += 1
    return i


def _split_name(ctx: NameContext, surname: str, given: str) -> bool:
    surnames = ctx.dicts.surnames if len(surname) == 1 else ctx.dicts.compound_surnames
    return (
        surname in surnames and 1 <= len(given) <= 2 and all(is_han(c) and c not in "某*＊×" for c in given)
    )
