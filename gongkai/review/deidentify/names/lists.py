"""List structure: names enumerated with a confirmed one, 、-joined runs, numbered lists, head counts.

An item of a list is judged with its neighbours: a list made mostly of names makes its other items
names too, and a list closed by a head count (张某、李某等5名工人) names people in every item.
"""

from __future__ import annotations

import bisect
import functools
import re

from gongkai.review.deidentify.dictionaries import common_words, frequent_words, verbish_words
from gongkai.review.deidentify.names.context import (
    DOTS,
    DOTTED_RE,
    FUNCTION_LIKE_SURNAMES,
    GEO_END,
    HAN,
    LEFT_FUNC,
    MASKED_GIVEN,
    PLACE_END,
    SCORE_ALONE,
    SCORE_IN_LIST,
    NameContext,
    dotted_end,
    is_han,
    other_run,
)


def list_items(start: int, run: str) -> list[tuple[int, int]]:
    """Offsets of the 、-separated items of ``run``, a run of text that begins at ``start``."""
    items, pos = [], start
    for token in run.split("、"):
        items.append((pos, pos + len(token)))
        pos += len(token) + 1
    return items


def enumerated(ctx: NameContext, confirmed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names listed with a confirmed one: 王某某、李某某、张某某等3人."""
    norm = ctx.norm
    out: list[tuple[int, int]] = []
    todo = list(confirmed)
    seen = set(confirmed)
    while todo:
        s, e = todo.pop()
        neighbours = []
        if e < len(norm) and norm[e] == "、":
            k = e + 1
            while k < len(norm) and k - e <= 5 and is_han(norm[k]) and norm[k] not in "、等":
                k += 1
            if 2 <= k - e - 1 <= 4 and (k >= len(norm) or not is_han(norm[k]) or norm[k] in "、等"):
                neighbours.append((e + 1, k))
        if s > 0 and norm[s - 1] == "、":
            span = ctx.backward(s - 1, strong=True)
            if span:
                neighbours.append(span)
        if ctx.model is not None and s > 0 and norm[s - 1] in "和与同及":
            # 王某与李某签订: the other party of a confirmed name.
            span = ctx.minority_before(s - 1) or ctx.backward(s - 1, strong=True)
            if span and span[1] - span[0] >= 2:
                neighbours.append(span)
        if ctx.model is not None and e < len(norm) and norm[e] in "和与同及":
            span = ctx.minority_at(e + 1) or ctx.forward(e + 1, strong=False)
            if span:
                neighbours.append(span)
        for span in neighbours:
            if span in seen or not ctx.plausible(*span) or ctx.wordlike(*span):
                continue
            seen.add(span)
            out.append(span)
            todo.append(span)
    return out


def name_lists(ctx: NameContext) -> list[tuple[int, int]]:
    """Runs of two or more names joined by 、 (张三丰、李四海在…) where every item looks like a name."""
    out: list[tuple[int, int]] = []
    if "、" not in ctx.norm:  # every match of name_list holds one (a quick exit)
        return out
    for m in ctx.p.name_list.finditer(ctx.norm):
        items = list_items(m.start(), m.group())
        # The first item may carry a leading word (关于张三丰): take the name at its end.
        first = ctx.backward(items[0][1], strong=True)
        if first:
            items[0] = first
        last_s, last_e = items[-1]
        if (last_e < len(ctx.norm) and is_han(ctx.norm[last_e])) or last_e - last_s > 3:
            last = ctx.forward(last_s, strong=bool(ctx.surname_len(last_s)))
            if not last:
                continue
            items[-1] = last
        if len(items) < 2:
            continue
        # 熊小军、胡得胜、涂长根: in a list of three or more, one item in three may be a name that is also
        # a word (得胜) when it has a surname and a name's shape and the others are names.
        good = sum(1 for s, e in items if _list_item_ok(ctx, s, e))
        if good < len(items) and (
            len(items) < 3
            or 3 * good < 2 * len(items)
            or not all(_word_name_item(ctx, s, e) for s, e in items)
        ):
            continue
        # 淮河、洪汝河、沙颍河 and 河长制、林长制 share their last character: things, not people.
        if len({ctx.norm[e - 1] for _, e in items}) == 1:
            continue
        out.extend(items)
    return out


def _list_item_ok(ctx: NameContext, s: int, e: int) -> bool:
    return (
        bool(ctx.surname_len(s))
        and ctx.plausible(s, e)
        and any(c in ctx.dicts.given_name_chars for c in ctx.norm[s + ctx.surname_len(s) : e])
        and not ctx.wordlike(s, e)
        and ctx.norm[s] not in FUNCTION_LIKE_SURNAMES
    )


def _word_name_item(ctx: NameContext, s: int, e: int) -> bool:
    """A surname and one or two given characters of a name's shape, the whole no ordinary word."""
    slen = ctx.surname_len(s)
    return (
        bool(slen)
        and 1 <= e - s - slen <= 2
        and ctx.plausible(s, e)
        and ctx.norm[s] not in FUNCTION_LIKE_SURNAMES
        and ctx.norm[s:e] not in common_words()
    )


def dotted_names(ctx: NameContext) -> list[tuple[int, int]]:
    """Transliterated names joined by a middle dot (阿依古丽·买买提) wherever they stand."""
    norm = ctx.norm
    out = []
    for m in DOTTED_RE.finditer(norm):
        end = dotted_end(ctx, m.end())
        if not end:
            continue
        first_dot = min(i for i in (norm.find(d, m.start(), end) for d in DOTS) if i >= 0)
        # The first part: the longest tail of the Han run before the dot that is a name.
        for s in range(max(m.start(), first_dot - 8), first_dot):
            # 拖欠阿依努尔•热合曼: an ordinary word opening the run is the sentence's, not the name's.
            if norm[s : s + 2] in frequent_words() and s + 2 < first_dot and ctx.minority(s + 2, end):
                continue
            # 由努尔兰·沙吾列经手, 17日由…: a function word or the end of a date is the sentence's.
            if norm[s] in LEFT_FUNC or (norm[s] in "年月日号" and s > 0 and norm[s - 1].isdigit()):
                continue
            if ctx.minority(s, end) and (s == m.start() or ctx.left_ok(s) or ctx.minority(s, first_dot)):
                out.append((s, end))
                break
    return out


_RUN_RE = re.compile(
    f"(?:^|(?<=[\\s、，,。；;：:（(）)]))(?:\\d{{1,3}}[.、．)）]\\s*)?(?P<name>[{HAN}{re.escape(DOTS)}]{{2,16}})"
    f"(?=[\\s、，,。；;：:（(）)]|等|$)",
    re.M,
)


def standalone(
    ctx: NameContext, *, confirmed: set[tuple[int, int]] | None = None
) -> list[tuple[tuple[int, int], str]]:
    """Short runs standing alone between punctuation: list items, table cells, addressee lines.

    Anywhere: a minority name, or a surname name with a high name-model score that is no ordinary
    word. In a block of list lines (numbered, or two or more runs a line) holding at least two such
    names, every item with a surname that is not a verb or a function word is a name too (马力, 关山).
    With ``confirmed`` (names found by the other rules) those count as names of the block, and a block
    where they make at least two and 40 % of the items names every other item (list consistency).
    """
    norm = ctx.norm
    out: list[tuple[tuple[int, int], str]] = []
    overlaps = Overlaps(confirmed) if confirmed else None
    lines: dict[int, list[tuple[int, int]]] = {}
    for m in _RUN_RE.finditer(norm):
        s, e = m.start("name"), m.end("name")
        # 参加人员：…: a run before a colon that no name could be labels the list; it is none of its
        # items (张伟：5000元 is an item).
        if norm.startswith(("：", ":"), e) and not ctx.plausible(s, e) and not ctx.minority(s, e):
            continue
        lines.setdefault(norm.rfind("\n", 0, s) + 1, []).append((s, e))
    block: list[tuple[tuple[int, int], str]] = []
    good = 0
    previous_end = -1

    def flush() -> None:
        enough = good >= 2 or (good >= 1 and len(block) >= 3)
        # A list made mostly of names: its remaining items are names too, whatever their characters.
        named_list = good >= 2 and sum(1 for _, kind in block if kind != "other") >= 0.6 * len(block)
        if confirmed is not None:
            known = sum(1 for _, kind in block if kind == "confirmed")
            if known >= 2 and known >= 0.4 * len(block):
                out.extend((span, kind) for span, kind in block if kind in ("other", "weak"))
            return
        out.extend(
            (span, kind)
            for span, kind in block
            if kind in ("minority_name", "name_model")
            or (kind == "weak" and enough)
            or (kind == "other" and named_list)
        )

    for line_start in sorted(lines):
        runs = lines[line_start]
        line_end = norm.find("\n", line_start)
        line_end = len(norm) if line_end < 0 else line_end
        numbered = bool(_NUMBERED_RE.match(norm, line_start)) or bool(_ROW_RE.match(norm, line_start))
        # With confirmed names a row number and a space (1 晋AA2839 黄河 …) opens a table row too.
        numbered = numbered or (confirmed is not None and bool(_ROW_NUMBER_RE.match(norm, line_start)))
        # A header row (序号 号牌号码 当事人) names the columns, not people.
        if confirmed is not None and (
            not _list_line(norm, line_start, line_end)
            or any(ctx.p.cue_words.fullmatch(norm, *r) for r in runs)
        ):
            continue
        # 序号 主申请人 共同申请人 人口 房源: a row naming person columns is a header, whatever else it holds.
        if len(runs) >= 2 and any(_person_header(ctx, norm[a:b]) for a, b in runs):
            continue
        # With confirmed names a list item may be as long as a minority name (额尔敦阿木古楞).
        longest = 6 if confirmed is None else 8
        kinds = [
            (
                span,
                _confirmed_kind(span, overlaps)
                or _run_kind_memo(ctx, *span, longest)
                or (_listed_kind(ctx, *span) if confirmed is not None else ""),
            )
            for span in runs
        ]
        # 东周、东汉、曹魏、西晋 or 湟水、洮河、祖厉河: an enumeration mostly of other things names none.
        for group in _enumerations(norm, runs):
            if sum(1 for i in group if kinds[i][1] not in ("", "other")) < 0.6 * len(group):
                for i in group:
                    kinds[i] = (kinds[i][0], "")
        named = [k for k in kinds if k[1] in ("minority_name", "name_model", "confirmed")]
        if len(runs) == 1 and not numbered:
            kinds = [k for k in kinds if k[1] != "other"]
        is_list = numbered or len(runs) >= 2
        if not is_list or line_start > previous_end + 1:
            flush()
            block, good = [], 0
        previous_end = line_end
        if not is_list:
            out.extend(named)
            continue
        block.extend(k for k in kinds if k[1])
        good += len(named)
    flush()
    if confirmed is not None:
        return [(span, kind) for span, kind in out if kind in ("other", "weak")]
    return [(span, "name_model_list" if kind == "weak" else kind) for span, kind in out]


def _list_line(norm: str, start: int, end: int) -> bool:
    """A numbered line, a table row, or runs split by spaces or 、 only: no sentence on it."""
    if _NUMBERED_RE.match(norm, start) or _ROW_RE.match(norm, start):
        return True
    return not any(c in "，,。；;：:" for c in norm[start:end])


def _listed_kind(ctx: NameContext, s: int, e: int) -> str:
    """In a list with confirmed names: ``other`` for a run with a surname that no rule would take alone
    (向婕, with a surname that is also a preposition; 黄河, a word that the name model still favours)."""
    if ctx.model is None or not ctx.surname_len(s) or not 2 <= e - s <= 4:
        return ""
    if _township(ctx, s, e):
        return ""
    if ctx.p.cue_words.search(ctx.norm, s, e) or ctx.is_org_run(s):
        return ""
    if ctx.norm[s:e] in common_words() and ctx.score(s, e) < 0.0:
        return ""
    return "other"


class Overlaps:
    """Whether a span overlaps any of a set of spans, in O(log n) a query (a long text has thousands)."""

    def __init__(self, spans: set[tuple[int, int]] | None) -> None:
        ordered = sorted(spans or ())
        self.starts = [s for s, _ in ordered]
        self.max_end: list[int] = []
        best = -1
        for _, e in ordered:
            best = max(best, e)
            self.max_end.append(best)

    def __call__(self, span: tuple[int, int]) -> bool:
        k = bisect.bisect_left(self.starts, span[1])  # spans starting before the query ends
        return k > 0 and self.max_end[k - 1] > span[0]


def _confirmed_kind(span: tuple[int, int], overlaps: Overlaps | None) -> str:
    return "confirmed" if overlaps is not None and overlaps(span) else ""


_NUMBERED_RE = re.compile(r"[ \t]*\d{1,3}[.、)）][ \t]*")
_ROW_NUMBER_RE = re.compile(r"[ \t]*\d{1,3}[ \t|｜]")

# A table row that starts with a short run and a cell separator (刘振华⇥734.76元).
_ROW_RE = re.compile(f"[ \\t]*[{HAN}{re.escape(DOTS)}]{{2,16}}(?:\\t|[ ]{{2,}}|[ ]?[|｜])")


def _enumerations(norm: str, runs: list[tuple[int, int]]) -> list[list[int]]:
    """Indexes of runs joined by 、 into one enumeration (groups of two or more)."""
    groups: list[list[int]] = []
    for i, (s, _) in enumerate(runs):
        if i and runs[i - 1][1] + 1 == s and norm[runs[i - 1][1]] == "、":
            groups[-1].append(i)
        else:
            groups.append([i])
    return [g for g in groups if len(g) >= 2]


def _run_kind_memo(ctx: NameContext, s: int, e: int, longest: int) -> str:
    key = ("run_kind", s, e, longest)
    if key not in ctx.memo:
        ctx.memo[key] = _run_kind(ctx, s, e, longest)
    return ctx.memo[key]


_ADMIN_ENDS = ("镇", "乡", "村", "旗", "苏木", "嘎查", "社区", "街道")


def _township(ctx: NameContext, s: int, e: int) -> bool:
    """查干花镇, 相市乡, 八郎镇: a township or village cell; 李贤镇 (a surname, a given-name character and
    镇) may still be a name."""
    cand = ctx.norm[s:e]
    if not cand.endswith(_ADMIN_ENDS):
        return False
    if e - s >= 4 or cand[-1] != "镇" or not ctx.surname_len(s):
        return True
    return cand[1] not in ctx.dicts.given_name_chars


def _run_kind(ctx: NameContext, s: int, e: int, longest: int = 6) -> str:
    """``minority_name``, ``name_model`` (a name anywhere), ``weak`` (a name in a list) or ``""``."""
    norm = ctx.norm
    cand = norm[s:e]
    # 查干花镇, 乌兰塔拉乡, 八郎镇 beside a name in a table: townships and villages, not names.
    if _township(ctx, s, e):
        return ""
    if ctx.minority(s, e):
        return "minority_name"
    if cand[-1] in GEO_END:
        return ""
    if e - s > 4 or not ctx.surname_len(s) or not ctx.plausible(s, e):
        if 2 <= e - s <= 4 and ctx.model is not None and ctx.model.syllable_count(cand) == 1:
            return "weak" if cand not in common_words() else ""
        if ctx.translit_shaped(s, e):
            return "weak"
        # A rare surname missing from the dictionaries (谯健斌): the given name has to carry it.
        if e - s == 3 and ctx.model is not None and cand not in common_words():
            if ctx.model.score("王" + cand[1:], 1) >= SCORE_ALONE:
                return "weak"
        return other_run(ctx, s, e, longest)
    if cand in verbish_words() or norm[s] in FUNCTION_LIKE_SURNAMES:
        return ""
    score = ctx.score(s, e)
    if score < SCORE_IN_LIST:
        return other_run(ctx, s, e, longest)
    if score >= SCORE_ALONE and cand not in common_words():
        return "name_model"
    return "weak" if score >= SCORE_IN_LIST else ""


_COUNTED_LIST_RE = re.compile(
    f"(?P<items>[{HAN}{re.escape(DOTS)}]{{2,16}}(?:、[{HAN}{re.escape(DOTS)}]{{2,16}})+)"
    r"等[ \t]*(?:\d{1,4}|[一二三四五六七八九十]{1,3})[ \t]*(?:名|人|户|位)"
)


# 时杰、计鹏津和上官飞军三人 / 张明与李华2人: a list whose last item follows 和, 及 or 与, closed by a head
# count with or without 等 (issue 9, seventh session).
_COUNTED_AND_RE = re.compile(
    f"(?P<items>[{HAN}]{{2,16}}(?:、[{HAN}]{{2,4}})*)[和及与](?P<last>[{HAN}]{{2,4}}?)"
    r"(?:等[ \t]*)?(?P<count>\d{1,2}|[两二三四五六七八九十]{1,2})[ \t]*(?P<unit>名|人|户|位)"
)
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


# 拖欠乔海燕、党国庆、杨翠花三人工资: a 、-list closed by a head count without 等 that equals its items
# (issue 9, ninth session); 胡建华、夏小燕、严冬三户: households counted by their heads (eleventh).
_COUNTED_PLAIN_RE = re.compile(
    f"(?P<items>[{HAN}]{{2,16}}(?:、[{HAN}]{{2,4}})+)"
    r"(?P<count>\d{1,2}|[两二三四五六七八九十]{1,2})[ \t]*(?P<unit>名|人|位|户)"
)


def _and_counted(ctx: NameContext) -> list[tuple[int, int]]:
    """Items of ``_COUNTED_AND_RE`` and ``_COUNTED_PLAIN_RE``: the first is the name at the end of its
    run, every one must be shaped like a name (a surname, plausible, no ordinary word), or the list is
    left alone."""
    norm = ctx.norm
    out: list[tuple[int, int]] = []
    matches = list(_COUNTED_AND_RE.finditer(norm)) if ("和" in norm or "及" in norm or "与" in norm) else []
    for m in matches + list(_COUNTED_PLAIN_RE.finditer(norm)):
        spans = list_items(m.start("items"), m.group("items"))
        plain = "last" not in m.groupdict()
        # 刀玉罕、岩温二人: a minority name may open the list (the longest one ending where the item ends).
        first = next(
            ((k, spans[0][1]) for k in range(spans[0][0], spans[0][1] - 1) if ctx.minority(k, spans[0][1])),
            None,
        ) or ctx.backward(spans[0][1], strong=True)
        if first is None and plain:
            first = next(
                (
                    (k, spans[0][1])
                    for k in (spans[0][1] - 3, spans[0][1] - 2)
                    if k >= spans[0][0] and ctx.surname_len(k)
                ),
                None,
            )
        if first is None:
            continue
        spans[0] = first
        if not plain:
            spans.append((m.start("last"), m.end("last")))
        count = m.group("count")
        # 邓涛、平山静和傅江湘三人: when the count equals the items, every item only needs a name's shape.
        # Households named by a place or a family (张家、李家和王家三户) are not counted people; households
        # named by their heads are.
        family = m.group("unit") == "户" and any(norm[e - 1] in "家村组屯" for _, e in spans)
        counted = not family and (int(count) if count.isdigit() else _COUNTS.get(count)) == len(spans)
        if plain and not counted:
            continue
        if all(
            (counted and ctx.syllabic(s, e) and ctx.norm[s:e] not in common_words())
            or (
                ctx.surname_len(s)
                and (
                    (ctx.plausible(s, e) and not ctx.wordlike(s, e, after_cue=True))
                    or (counted and 1 <= e - s - ctx.surname_len(s) <= 2)
                )
            )
            for s, e in spans
        ):
            out.extend(spans)
    return out


def counted_lists(ctx: NameContext) -> list[tuple[int, int]]:
    """Items of a list closed by a head count (张某、李某、王某等5名工人): every item is a person."""
    norm = ctx.norm
    out = _and_counted(ctx)
    for m in _COUNTED_LIST_RE.finditer(norm):
        pos = m.start("items")
        tokens = m.group("items").split("、")
        for i, token in enumerate(tokens):
            s, e = pos, pos + len(token)
            pos = e + 1
            if i == 0:
                span = next(((k, e) for k in range(max(s, e - 8), e - 1) if ctx.minority(k, e)), None)
                span = span or ctx.backward(e, strong=True)
                if span is None:
                    span = next(((k, e) for k in range(max(s, e - 3), e - 1) if ctx.surname_len(k)), None)
                if span:
                    out.append(span)
                continue
            if 2 <= e - s <= 4 or ctx.minority(s, e):
                if token not in verbish_words() and token not in common_words():
                    out.append((s, e))
    return out


def _person_header(ctx: NameContext, cell: str) -> bool:
    """A table header naming a person column (姓名, 主申请人, 共同申请人), not a person."""
    return "姓名" in cell or cell.endswith(_person_labels(ctx.dicts))


@functools.lru_cache(maxsize=8)
def _person_labels(dicts) -> tuple[str, ...]:
    return tuple(w for w in dicts.cues.get("person_labels", []) if len(w) >= 2)


# 汤桂兰1,000元、陶富贵1,000元 / 一组朱和平3,680元，二组孙二狗2,950元: names each followed at once by an amount.
_PAID_ITEM_RE = re.compile(f"(?P<run>[{HAN}]{{2,6}})(?=[ \\t]?\\d[\\d,，.]*[ \\t]?万?元)")


def paid_items(ctx: NameContext) -> list[tuple[int, int]]:
    """Names in a list of payments: two or more runs on a line each ending in a name shape right before an
    amount; every such name (a surname and one or two given characters, no ordinary word) is a payee."""
    norm = ctx.norm
    if "元" not in norm:
        return []
    by_line: dict[int, list[tuple[tuple[int, int], bool]]] = {}
    for m in _PAID_ITEM_RE.finditer(norm):
        payee = _payee(ctx, m.start("run"), m.end("run"))
        if payee is not None:
            by_line.setdefault(norm.rfind("\n", 0, m.start()) + 1, []).append(payee)
    # Two payees shaped like names make the line a list; then a name that is also a word (刘建设) is one too.
    return [
        span for payees in by_line.values() if sum(shaped for _, shaped in payees) >= 2 for span, _ in payees
    ]


def _payee(ctx: NameContext, s: int, e: int) -> tuple[tuple[int, int], bool] | None:
    """The name ending at ``e`` inside the run ``s``–``e`` (一组朱和平: 朱和平) and whether it is shaped
    like a name without being a word, or None."""
    for start in (e - 3, e - 2):
        if start < s:
            continue
        slen = ctx.surname_len(start)
        if not slen or ctx.norm[start] in FUNCTION_LIKE_SURNAMES or e - start - slen not in (1, 2):
            continue
        cand = ctx.norm[start:e]
        if cand in common_words() or cand in frequent_words() or ctx.cues.at(ctx.norm, start):
            continue
        # 对单位为1万元, 每包费一户200元: no name's shape, or characters no name is made of.
        if not ctx.plausible(start, e) or ctx.score(start, e) < SCORE_IN_LIST:
            continue
        if start > s and ctx.norm[start - 1 : start + 1] in common_words():
            continue
        return (start, e), not ctx.wordlike(start, e, after_cue=True)
    return None


# 卧龙村邵春生，因其子…救助5000元；: rows of a relief list, each opening with the village and the person.
_VILLAGE_ROW_RE = re.compile(
    f"(?m)^[ \\t]*(?:\\d{{1,3}}[.、．][ \\t]*)?[{HAN}]{{1,8}}?(?:村|屯|嘎查|[\\d一二三四五六七八九十]组)"
    f"(?P<name>[{HAN}]{{2,4}})[，,：:]"
)


def village_rows(ctx: NameContext) -> list[tuple[int, int]]:
    """The person of each row of a list whose rows open with a village and a name (two rows or more):
    every name has a surname and a name's shape, and two in three are no ordinary word (和平 may be one)."""
    norm = ctx.norm
    rows = [m.span("name") for m in _VILLAGE_ROW_RE.finditer(norm)]
    if len(rows) < 2:
        return []
    if not all(_surname_shape(ctx, s, e) for s, e in rows):
        return []
    good = sum(1 for s, e in rows if _list_item_ok(ctx, s, e))
    return rows if good >= 2 and 3 * good >= 2 * len(rows) else []


def _surname_shape(ctx: NameContext, s: int, e: int) -> bool:
    """A surname and one or two more characters, no place, body or masked character: a name's shape,
    an ordinary word (和平) included."""
    slen = ctx.surname_len(s)
    cand = ctx.norm[s:e]
    return (
        bool(slen)
        and 1 <= e - s - slen <= 2
        and cand[-1] not in PLACE_END
        and not any(c in MASKED_GIVEN for c in cand)
        and not ctx.cues.at(ctx.norm, s)
        and not ctx.is_org_run(s)
    )


# 高一（3）班韩某、马某；高二（1）班…: pupils listed after their class in an aid or admission list.
_CLASS_LIST_RE = re.compile(
    f"(?:[初高][一二三]|[一二三四五六七八九]年级)[（(]\\d{{1,2}}[)）]班[：: \\t]*"
    f"(?P<items>[{HAN}]{{2,5}}(?:[、 \\t]+[{HAN}]{{2,5}})*)(?=[；;。，,\\n]|$)"
)
_CLASS_SPLIT_RE = re.compile(r"[、 \t]+")


def class_lists(ctx: NameContext) -> list[tuple[int, int]]:
    """Pupils after a school class (高二（4）班沈某 马某): a surname or a minority name, no word."""
    norm = ctx.norm
    out: list[tuple[int, int]] = []
    if "班" not in norm:
        return out
    for m in _CLASS_LIST_RE.finditer(norm):
        pos = m.start("items")
        for token in _CLASS_SPLIT_RE.split(m.group("items")):
            s = norm.find(token, pos)
            e = s + len(token)
            pos = e
            if token in common_words() or ctx.cues.at(norm, s) or ctx.is_org_run(s):
                continue
            if ctx.minority(s, e) or (ctx.surname_len(s) and not any(c in MASKED_GIVEN for c in token)):
                out.append((s, e))
    return out
