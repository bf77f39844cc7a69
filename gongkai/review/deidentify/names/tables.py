"""Tables flattened to text: the cells under a person header (姓名, 户主姓名, 监护人, 机动车所有人)."""

from __future__ import annotations

import functools
import re

from gongkai.review.deidentify.dictionaries import Dictionaries
from gongkai.review.deidentify.names.context import NameContext, is_han, labelled_plausible, unknown_name

_COLUMN_HEADER_RE = re.compile(r"姓名|人|户主|车主|户名|对象|家长")

_SPLITTERS = (re.compile(r"\t"), re.compile(r"[|｜]"), re.compile(r" {2,}|\u3000+"), re.compile(r" "))


def _cells(line: str, splitter: re.Pattern) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in splitter.finditer(line):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(line)))
    return spans


def name_column_cells(ctx: NameContext) -> list[tuple[int, int]]:
    """Cells under headers such as 姓名 / 户主姓名 / 监护人 / 机动车所有人 in a table flattened to text."""
    norm = ctx.norm
    if not _COLUMN_HEADER_RE.search(norm):
        return []
    out: list[tuple[int, int]] = []
    lines = norm.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
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
    if len(line) > 200 or not _COLUMN_HEADER_RE.search(line) or not any(c in line for c in " \t|｜"):
        return [], _SPLITTERS[0]
    stripped = line.strip()
    lead = len(line) - len(line.lstrip())
    for splitter in _SPLITTERS:
        cells = _cells(stripped, splitter)
        if len(cells) < 3:
            continue
        columns = [k for k, (a, b) in enumerate(cells) if _is_person_header(ctx, stripped[a:b].strip())]
        # Rows are split as they stand; a header indented like its rows keeps the same indexes.
        if lead and splitter.match(line, 0):
            columns = [k + 1 for k in columns]
        return columns, splitter
    return [], _SPLITTERS[0]
