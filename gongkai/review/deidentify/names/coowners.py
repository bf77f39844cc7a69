"""Co-owners named before 共有 (别芳、梁建新共有的房屋, 吕伟与从丽中共有的位于…): a list of two or more
short runs, opening after punctuation, a space or the start of a line, joined by 、, 与 or 和 and closed
by 共有: every run shaped like a surname and a given name is an owner.

Lost-certificate notices and property records name the owners so; in law texts the same words join
kinds of owner (夫妻共有, 国家与集体共有的, 子女与父母共有的), ordinary words the item checks reject.
Issue 9, eighth session.
"""

from __future__ import annotations

import re

from gongkai.review.deidentify.dictionaries import common_words, frequent_words
from gongkai.review.deidentify.names.context import (
    FUNCTION_LIKE_SURNAMES,
    HAN,
    MASKED_GIVEN,
    PLACE_END,
    NameContext,
)

_COOWNERS_RE = re.compile(
    f"(?<![{HAN}])(?P<items>[{HAN}]{{2,4}}(?:[、与和][{HAN}]{{2,4}}){{1,5}})(?:共同|按份)?共有(?=的|[，,。；;])"
)


def coowner_names(ctx: NameContext) -> list[tuple[int, int]]:
    """Spans of the owners listed before 共有 when every item of the list is shaped like a name."""
    norm = ctx.norm
    if "共有" not in norm:
        return []
    out: list[tuple[int, int]] = []
    for m in _COOWNERS_RE.finditer(norm):
        items = _split(ctx, m.start("items"), m.end("items"))
        if items and len(items) >= 2:
            out.extend(items)
    return out


def _split(ctx: NameContext, s: int, e: int) -> list[tuple[int, int]] | None:
    """The run from ``s`` to ``e`` cut into name-shaped items at 、/与/和, or None when it cannot be."""
    if s == e:
        return []
    for length in (3, 2, 4):
        end = s + length
        if end > e or not _item_ok(ctx, s, end):
            continue
        if end == e:
            return [(s, end)]
        if ctx.norm[end] in "、与和":
            rest = _split(ctx, end + 1, e)
            if rest is not None:
                return [(s, end), *rest]
    return None


def _item_ok(ctx: NameContext, s: int, e: int) -> bool:
    norm = ctx.norm
    cand = norm[s:e]
    slen = ctx.surname_len(s)
    if not slen or len(cand) - slen not in (1, 2) or cand in common_words() or cand in frequent_words():
        return False
    if any(c in MASKED_GIVEN or c in "、与和" for c in cand) or cand[-1] in PLACE_END or ctx.is_org_run(s):
        return False
    if not ctx.plausible(s, e):
        return False
    # 从丽中, 向鹏: a function-word surname needs given-name characters a name has.
    if norm[s] in FUNCTION_LIKE_SURNAMES or len(cand) - slen == 1:
        return ctx.given_ok(s, e)
    return True


# 东至禄文才宅、西至村道: the neighbours a homestead or plot borders on (宅基地审批公示, 不动产公告).
_NEIGHBOUR_RE = re.compile(
    f"[东南西北]至[ \\t]*(?P<name>[{HAN}]{{2,3}}?)(?:家)?(?:宅基地|宅|房屋|住宅|承包地|责任田|自留地|院墙|户|林地|山林|耕地)"
)
# 四邻：东李某、西村道、南杨某、北渠: the bounds listed on a 四邻/四至 line, each a direction and a
# neighbour or a thing (eleventh session).
_BOUND_LINE_RE = re.compile(r"(?m)^[^\n]*?(?:四邻|四至)[^\n]*$")
_BOUND_ITEM_RE = re.compile(
    f"(?<=[：:、，, \\t])[东南西北](?:至|邻|侧)?[ \\t]*(?P<name>[{HAN}]{{2,3}}?)(?=[、，,；;。）)]|$)", re.M
)


def neighbour_names(ctx: NameContext) -> list[tuple[int, int]]:
    """Spans of the neighbours named as a plot's bounds, shaped like a surname and a given name."""
    out = []
    for m in _NEIGHBOUR_RE.finditer(ctx.norm):
        s, e = m.span("name")
        if _item_ok(ctx, s, e) and ctx.given_ok(s, e):
            out.append((s, e))
    if "四邻" in ctx.norm or "四至" in ctx.norm:
        for line in _BOUND_LINE_RE.finditer(ctx.norm):
            for m in _BOUND_ITEM_RE.finditer(ctx.norm, line.start(), line.end()):
                s, e = m.span("name")
                if _item_ok(ctx, s, e) and ctx.given_ok(s, e) and ctx.plausible(s, e):
                    out.append((s, e))
    return out
