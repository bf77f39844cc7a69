"""Document-level consistency: once a name is confirmed, the same person elsewhere in the text.

Parties laid out like a confirmed one (出租人：… / 承租人：…, addressee lines), a confirmed name split
into surname and given name across table cells, and every other occurrence of a confirmed name.
"""

from __future__ import annotations

import re

from gongkai.review.deidentify.dictionaries import common_words, verbish_words
from gongkai.review.deidentify.findings import PERSON_NAME, Finding
from gongkai.review.deidentify.names.context import (
    DOTS,
    HAN,
    NameContext,
    is_han,
    is_official,
    labelled_plausible,
)

_LAYOUT_RE = re.compile(
    f"(?m)^[ \\t]*(?P<label>[{HAN}]{{1,6}}(?:人|方|者|主|属|象|户))(?P<sep>[ \\t]*[：:]?[ \\t]*)"
    f"(?P<name>[{HAN}{re.escape(DOTS)}]{{2,16}}?)(?=[，,（(；;。\\s]|$)"
)

# A line holding only a name and a colon, optionally after a person label (受送达人王某：).
_ADDRESSEE_RE = re.compile(
    f"(?m)^[ \\t]*(?:受送达人|送达对象|被送达人|当事人)?[ \\t]*(?P<name>[{HAN}{re.escape(DOTS)}]{{2,16}}?)[ \\t]*[：:][ \\t]*$"
)


def same_layout(ctx: NameContext, confirmed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Parties in the layout of a confirmed one (出租人：… / 承租人：…, or addressee lines ``王某：``)."""
    norm = ctx.norm
    starts = set(s for s, _ in confirmed)
    out = []
    addressees = list(_ADDRESSEE_RE.finditer(norm))
    if len(addressees) >= 2 and any(m.start("name") in starts for m in addressees):
        for m in addressees:
            s, e = m.start("name"), m.end("name")
            cand = norm[s:e]
            if s in starts or cand in common_words() or cand in verbish_words() or ctx.is_org_run(s):
                continue
            if ctx.minority(s, e) or (e - s <= 4 and labelled_plausible(ctx, s, e)):
                out.append((s, e))
    rows = list(_LAYOUT_RE.finditer(norm))
    seps = {m.group("sep").strip() for m in rows if m.start("name") in starts}
    if not seps:
        return out
    for m in rows:
        s, e = m.start("name"), m.end("name")
        if s in starts or m.group("sep").strip() not in seps:
            continue
        if ctx.minority(s, e) or (e - s <= 4 and ctx.surname_len(s) and labelled_plausible(ctx, s, e)):
            if not ctx.is_org_run(s) and norm[s:e] not in verbish_words():
                out.append((s, e))
    return out


# A line opening with a list number or nothing, a name (and 户 of a household), then a separator: the
# rows of a numbered or plain list (1、王某：5000元 / 王某户，第5村民小组). The key of a row is its number
# style, its separator and what follows (a digit or the first character), so that rows of one list match.
_ROW_RE = re.compile(
    f"(?m)^[ \\t]*(?P<num>\\d{{1,3}}[.．、][ \\t]*|[（(]\\d{{1,3}}[)）][ \\t]*|[一二三四五六七八九十]{{1,3}}、[ \\t]*)?"
    f"(?P<name>[{HAN}{re.escape(DOTS)}]{{2,16}}?)(?P<hu>户)?(?P<sep>[，,：:][ \\t]*|[ \\t]+)"
    r"(?P<next>[^\s])"
)


def _row_key(m: re.Match[str]) -> tuple[str, str, str]:
    num = m.group("num") or ""
    style = re.sub(r"\d+|[一二三四五六七八九十]+", "0", num.strip())
    nxt = m.group("next")
    # What follows the name: a digit as a class; in numbered rows a Han character as a class too (rows of
    # one list name different villages: 1.韩某，青菏街道… ⏎ 4.王某，庄寨镇…), else the character itself.
    if nxt.isdigit():
        return style, m.group("sep").strip() or " ", "0"
    return style, m.group("sep").strip() or " ", "H" if style and is_han(nxt) else nxt


_VILLAGE_GROUP_RE = re.compile(r"第?[\d一二三四五六七八九十]{1,3}(?:村民)?小?组")


def _household_name(ctx: NameContext, s: int, e: int, group: bool) -> bool:
    """The head of a household row: a name, or a public figure's name on the not-a-name list (李强户)
    whose given characters are given-name characters; before a village group alone, known given ones."""
    if ctx.is_org_run(s):
        return False
    if group:
        return ctx.plausible(s, e) and ctx.given_known(s, e)
    if ctx.plausible(s, e):
        return True
    given = ctx.norm[s + ctx.surname_len(s) : e]
    return (
        ctx.norm[s:e] in ctx.dicts.not_names
        and len(given) in (1, 2)
        and all(c in ctx.dicts.given_name_chars for c in given)
    )


def household_rows(ctx: NameContext, confirmed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Heads of household rows (王某户，第5村民小组 / 王某  第5村民小组) not confirmed yet; their shape is
    judged here (``_household_name``), so a public figure's name heading a household (李强户) counts."""
    norm = ctx.norm
    starts = {s for s, _ in confirmed}
    out = []
    for m in _ROW_RE.finditer(norm):
        # 王某户，第5村民小组: a surname and a given name opening a row, then 户 (the household it heads);
        # 王某  第5村民小组: or the village group the household belongs to (eighth session).
        s, e = m.start("name"), m.end("name")
        group = not m.group("hu") and _VILLAGE_GROUP_RE.match(norm, m.start("next"))
        if (m.group("hu") or group) and s not in starts and ctx.surname_len(s) and e - s <= 4:
            if norm[s:e] not in common_words() and _household_name(ctx, s, e, bool(group)):
                out.append((s, e))
                starts.add(s)
    return out


def same_rows(ctx: NameContext, confirmed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rows of a list laid out like rows holding a confirmed name (1、王某：5000元 ⏎ 2、牛静：3000元);
    run after ``household_rows`` with its spans among ``confirmed``."""
    norm = ctx.norm
    starts = {s for s, _ in confirmed}
    out: list[tuple[int, int]] = []
    rows_found = list(_ROW_RE.finditer(norm))
    if not starts:
        return out
    groups: dict[tuple[str, str, str], list[re.Match[str]]] = {}
    for m in rows_found:
        groups.setdefault(_row_key(m), []).append(m)
    for rows in groups.values():
        if len(rows) < 2:
            continue
        hits = sum(m.start("name") in starts for m in rows)
        # Two rows or half the rows hold a confirmed name: a list of people, not of items.
        if not hits or (hits < 2 and hits * 2 < len(rows)):
            continue
        for m in rows:
            s, e = m.start("name"), m.end("name")
            cand = norm[s:e]
            if s in starts or cand in common_words() or cand in verbish_words() or ctx.is_org_run(s):
                continue
            if (
                ctx.minority(s, e)
                or ctx.syllabic(s, e)
                or (e - s <= 4 and ctx.surname_len(s) and labelled_plausible(ctx, s, e))
            ):
                out.append((s, e))
    return out


_SPLIT_RE = re.compile(f"(?<![{HAN}])([{HAN}]{{1,2}})[ \\t|｜]+([{HAN}]{{1,2}})(?![{HAN}])")


def split_cells(ctx: NameContext, names: set[str]) -> list[tuple[int, int]]:
    """A confirmed name split into surname and given name across table cells (王 | 小明)."""
    if not names:
        return []
    out = []
    for m in _SPLIT_RE.finditer(ctx.norm):
        surname = m.group(1)
        if surname + m.group(2) in names and (
            surname in ctx.dicts.surnames or surname in ctx.dicts.compound_surnames
        ):
            out.append((m.start(), m.end()))
    return out


def propagate(ctx: NameContext, original: str, found: list[Finding], officials: set[str]) -> list[Finding]:
    """Every other occurrence of a confirmed name in the same text is the same person."""
    names = {ctx.norm[f.start : f.end] for f in found} - officials
    if not names:
        return []
    seen = {(f.start, f.end) for f in found}
    norm = ctx.norm
    lengths = sorted({len(n) for n in names}, reverse=True)
    starts = []
    for first in {n[0] for n in names}:
        i = norm.find(first)
        while i >= 0:
            starts.append(i)
            i = norm.find(first, i + 1)
    extra = []
    resume = 0
    # A set look-up at each possible first character: linear in the text, whatever the number of names.
    for i in sorted(starts):
        if i < resume:
            continue
        length = next((n for n in lengths if norm[i : i + n] in names), 0)
        if not length:
            continue
        resume = i + length
        if (i, i + length) in seen or (i > 0 and norm[i - 1 : i + length] in names):
            continue
        if is_official(ctx, i, i + length):
            continue
        # 联系人：托合提•迪丽娜尔: a part of another dotted name that is an official's is left alone.
        if (i > 0 and norm[i - 1] in DOTS) or (i + length < len(norm) and norm[i + length] in DOTS):
            a = i
            while a > 0 and i - a < 16 and (norm[a - 1] in DOTS or is_han(norm[a - 1])):
                a -= 1
            if is_official(ctx, a, i + length):
                continue
        extra.append(Finding(PERSON_NAME, i, i + length, original[i : i + length], "repeat", 0.85))
    return extra


# A surname (not 某 itself: 王某某 is 王 + 某某) and one or two 某.
_NOT_MOU = f"(?:(?!某)[{HAN}])"
_MOU_RE = re.compile(
    f"(?<![{HAN}])({_NOT_MOU}{{1,2}})某{{1,2}}(?![{HAN}])|(?<=[：:，,、])({_NOT_MOU}{{1,2}})某{{1,2}}"
)


_PERSON_RECORD_RE = re.compile(
    r"(?:询问|谈话|讯问|调查)笔录|陈述(?:书|材料)|申辩(?:书|材料)|身份证(?:复印件)?"
)


def mou_forms(ctx: NameContext) -> list[tuple[int, int]]:
    """The full names behind a document's 某 forms (王某, 欧阳某某): a name shaped run with that surname.

    A text masked by hand in one place (当事人：王某) and not in another (附件：王小明询问笔录) names the
    same person twice; every run that starts with the surname of a 某 form, ends where a name may end,
    and has given-name characters a name would have, is that person.
    """
    norm = ctx.norm
    if "某" not in norm:
        return []
    surnames = set()
    for m in _MOU_RE.finditer(norm):
        run = m.group(1) or m.group(2)
        for surname in (run[-2:], run[-1:]):
            if surname in ctx.dicts.compound_surnames or surname in ctx.dicts.surnames:
                surnames.add(surname)
                break
    out = []
    for surname in surnames:
        i = norm.find(surname)
        while i >= 0:
            s = i
            i = norm.find(surname, i + 1)
            if not ctx.left_ok(s) or ctx.surname_len(s) != len(surname):
                continue
            for length in (2, 1):
                e = s + len(surname) + length
                # 王晓东询问笔录: a name may end before a word as well as before a function word.
                if e > len(norm) or "某" in norm[s:e]:
                    continue
                if not ctx.boundary(e) and norm[e : e + 2] not in common_words():
                    continue
                # 关某 … 附件：关山询问笔录: before a record of a person an ordinary word is the name too.
                record = bool(_PERSON_RECORD_RE.match(norm, e))
                if ctx.plausible(s, e) and (record or (not ctx.wordlike(s, e) and ctx.given_ok(s, e))):
                    out.append((s, e))
                    break
    return out
