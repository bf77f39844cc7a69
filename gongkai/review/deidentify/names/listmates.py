"""List consistency: the other items of a list that holds confirmed names are names too.

Run after every other rule, with the names confirmed so far and their repeats:

* a 、-joined enumeration in prose (依法向禤桂芳、甘露、霍红公告送达) with at least one confirmed item and at
  least half of its items confirmed or shaped like names: every item is a name, ordinary words (甘露)
  included, as long as it is no cue word, place or organisation;
* a block of list lines (numbered lines, table rows, several runs a line) where confirmed items make at
  least two and 40 % of the block: every other item of the block is a name too.

A list with no confirmed name is left to the other rules, so enumerations of places or things (东周、
东汉、曹魏) stay as they are. Issue 9, pattern 2 (a name masked in one place of a list and not in another).
"""

from __future__ import annotations

import re

from gongkai.review.deidentify.dictionaries import common_words
from gongkai.review.deidentify.names.context import (
    DOTS,
    HAN,
    MASKED_GIVEN,
    PLACE_END,
    SCORE_ALONE,
    STOP_CHARS,
    NameContext,
    is_han,
)
from gongkai.review.deidentify.names.lists import Overlaps, list_items, standalone
from gongkai.review.deidentify.names.slots import STRONG_VERB_RE, VERB_RE, segmentable, tail_rank

Span = tuple[int, int]

_CHAIN_RE = re.compile(f"[{HAN}{re.escape(DOTS)}]{{2,24}}(?:、[{HAN}{re.escape(DOTS)}]{{2,24}})+")


def listmates(ctx: NameContext, confirmed: set[Span]) -> list[Span]:
    """Spans of list items that stand in a list with confirmed names."""
    if not confirmed:
        return []
    out = _chains(ctx, confirmed)
    out.extend(span for span, _kind in standalone(ctx, confirmed=confirmed))
    return [span for span in out if span not in confirmed]


def _chains(ctx: NameContext, confirmed: set[Span]) -> list[Span]:
    norm = ctx.norm
    starts = {s: e for s, e in confirmed}
    ends = {e: s for s, e in confirmed}
    overlaps = Overlaps(confirmed)
    out: list[Span] = []
    for m in _CHAIN_RE.finditer(norm):
        # 四邻：东李某、西村道、南杨某、北渠: a plot's bounds, judged item by item (coowners.py).
        line_start = norm.rfind("\n", 0, m.start()) + 1
        if "四邻" in norm[line_start : m.start()] or "四至" in norm[line_start : m.start()]:
            continue
        tokens = list_items(m.start(), m.group())
        first = _first_item(ctx, *tokens[0], ends)
        last = _last_item(ctx, *tokens[-1], starts)
        items = [first, *tokens[1:-1], last]
        if any(item is None for item in items):
            continue
        known = sum(1 for item in items if overlaps(item))
        shaped = sum(1 for item in items if not overlaps(item) and _shaped(ctx, *item))
        if not known or known + shaped < 0.5 * len(items):
            continue
        out.extend(item for item in items if _item_ok(ctx, *item))
    return out


def _first_item(ctx: NameContext, s: int, e: int, ends: dict[int, int]) -> Span | None:
    """The first item: the end of its run after the sentence's own words (依法向|禤桂芳)."""
    if e in ends and ends[e] >= s:
        return ends[e], e
    reach = segmentable(ctx, s, e)
    for k in range(s, e - 1):
        if reach[k - s] and e - k <= 8 and tail_rank(ctx, k, e, cue=False, hard=True, verb=True):
            return k, e
    # 依法向黄河、宁莉鑫…: after a preposition the item is what follows it, whatever it is.
    for k in range(max(s + 1, e - 4), e - 1):
        if reach[k - s] and ctx.norm[k - 1] in "向由与对给和同及":
            return k, e
    return (s, e) if e - s <= 4 and (s == 0 or not is_han(ctx.norm[s - 1])) else None


def _last_item(ctx: NameContext, s: int, e: int, starts: dict[int, int]) -> Span | None:
    """The last item: up to 等 or the verb after it (霍红|公告送达)."""
    norm = ctx.norm
    if s in starts and starts[s] <= e:
        return s, starts[s]
    for k in range(s + 2, min(e, s + 9) + 1):
        # 丁国栋的书面证言: 的 closes the item too.
        if k == e or norm[k] in "等的" or STRONG_VERB_RE.match(norm, k) or VERB_RE.match(norm, k):
            return (s, k) if k - s >= 2 else None
        # 卜秋生均证实, 王某也证实: an adverb before the verb ends the item.
        if norm[k] in "均都也亦" and (STRONG_VERB_RE.match(norm, k + 1) or VERB_RE.match(norm, k + 1)):
            return s, k
        if ctx.p.followers.match(norm, k):
            return s, k
        # 额尔敦巴雅尔在场: a function word after a name's shape ends the item.
        if norm[k] in STOP_CHARS and (k - s <= 3 or ctx.minority(s, k)):
            return s, k
    return None


def _shaped(ctx: NameContext, s: int, e: int) -> bool:
    return bool(tail_rank(ctx, s, e, cue=True, hard=True, verb=True))


def _item_ok(ctx: NameContext, s: int, e: int) -> bool:
    """No cue word, place, organisation, masked name or function word: an item that may be a name."""
    cand = ctx.norm[s:e]
    if not 2 <= len(cand) <= 16 or cand[-1] in PLACE_END:
        return False
    if any(c in MASKED_GIVEN for c in cand) or cand[-1] in STOP_CHARS:
        return False
    if cand[0] in STOP_CHARS and not _function_surname_name(ctx, s, e):
        return False
    return not ctx.p.cue_words.search(cand) and not ctx.is_org_run(s)


def _function_surname_name(ctx: NameContext, s: int, e: int) -> bool:
    """由马仙、向敏玥负责…: an item opening with a function-word surname is a name when it is a surname and
    two given characters the name model rates highly, and the given name is no word (向法院, 和其他)."""
    cand = ctx.norm[s:e]
    if len(cand) != 3 or ctx.surname_len(s) != 1 or cand[1:] in common_words():
        return False
    return ctx.given_known(s, e) or ctx.score(s, e) >= SCORE_ALONE
