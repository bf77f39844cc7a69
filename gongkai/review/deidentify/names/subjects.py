"""Names opening a clause as its subject, with no cue word: 经查，赵磊在该店…, 。邓文斌向本机关提交….

Where a clause opens — after a full stop, a comma, a semicolon, a colon or a line start, maybe after
经查/经核实/另查明 — a surname and one or two given-name characters followed at once by what a
person's clause goes on with (在, 向, 未, 自, 已, 家庭, 证明, the follower words of ``context``) is the
clause's subject. Prose opens clauses the same way (，国家鼓励…, ，公安机关应当…), so the candidate
must be no ordinary word, hold no frequent word, and score high in the name model: real names score
about 9 to 20, the clause openings of the 3,419 law texts that pass the other checks below 3.

Issue 9, pattern 1 (names in running text with no cue word). The other rules keep their own checks.
"""

from __future__ import annotations

import re

from gongkai.review.deidentify.dictionaries import common_words, frequent_words
from gongkai.review.deidentify.names.context import (
    FOLLOWER_WORDS,
    FUNCTION_LIKE_SURNAMES,
    HAN,
    SCORE_ALONE,
    NameContext,
    is_han,
    is_official,
    occurrences,
)
from gongkai.review.deidentify.names.slots import dictionary_word

# The name model's floor for a clause subject (see the module docstring).
SCORE_CLAUSE_SUBJECT = 4.0

# Where a clause opens: punctuation or a line start, then maybe an investigator's opening phrase.
_OPENING_RE = re.compile(
    # …or after the address of a home: 3单元602室的李某因家庭收入超标….
    r"(?:^|(?<=[，,。；;：:\n])|(?<=[室号组户楼栋元\d]的))[ \t]*"
    r"(?:(?:经(?:查|查明|核实|核查|调查|审查)|据(?:查|核实|调查)|另查明|又查明|同日|当日|当天|次日|事发后|随后)[，,]?)?"
    f"(?=[{HAN}])",
    re.M,
)

# One character after the name that opens what a person does: a preposition, an adverb or a modal.
# None of them ends a given name often (王明在, 李东可申请: 李东 and 可).
_SINGLE_STARTERS = frozenset(
    "在向未自于已曾因对与和把将从到均也还又仍便就并即遂先不没被凭持携拒借替帮给跟可应须能要会"
)
# Words after the name that open a person's clause, besides the follower words (家庭, 证明, 提交…).
_WORD_STARTERS = (
    "家庭",
    "家中",
    "家属",
    "证明",
    "证实",
    "提交",
    "租用",
    "购买",
    "承认",
    "认为",
    "拒绝",
    "多次",
    "长期",
    "私自",
    "无证",
    "利用",
    "采取",
    "雇佣",
    "雇用",
    "持有",
)


def clause_subjects(ctx: NameContext) -> list[tuple[int, int]]:
    """Spans of names that open a clause before a person's verb (issue 9)."""
    if ctx.model is None:
        return []
    out = []
    norm = ctx.norm
    for m in _OPENING_RE.finditer(norm):
        span = _subject_at(ctx, m.end())
        if span is not None and (not out or out[-1] != span):
            out.append(span)
    return out


# What an official does in a news item (区长杨某来到…, 李某强调…): the subject is a public figure.
_OFFICIALS_VERBS = (
    "来到",
    "前往",
    "看望",
    "慰问",
    "调研",
    "视察",
    "深入",
    "主持",
    "出席",
    "带队",
    "指出",
    "强调",
    "表示",
    "一行",
)


def _starts_clause_body(norm: str, i: int) -> bool:
    if i >= len(norm) or norm.startswith(_OFFICIALS_VERBS, i):
        return False
    return (
        norm[i] in _SINGLE_STARTERS or norm.startswith(_WORD_STARTERS, i) or FOLLOWER_WORDS.long_at(norm, i)
    )


def _subject_at(ctx: NameContext, s: int) -> tuple[int, int] | None:
    norm = ctx.norm
    slen = ctx.surname_len(s)
    if not slen or norm[s] in FUNCTION_LIKE_SURNAMES:
        return None
    g = s + slen
    # One given character when the next one opens the clause body (李东可申请), else two.
    for end in (g + 1, g + 2):
        if end > len(norm) or not all(is_han(c) for c in norm[s:end]):
            return None
        if not _starts_clause_body(norm, end):
            continue
        if end == g + 2 and norm[g + 1] in _SINGLE_STARTERS:
            return None
        return (s, end) if _subject_shaped(ctx, s, end) else None
    return None


def _subject_shaped(ctx: NameContext, s: int, e: int) -> bool:
    norm = ctx.norm
    cand = norm[s:e]
    if cand in common_words() or not ctx.plausible(s, e) or ctx.wordlike(s, e, after_cue=True):
        return False
    # 白昼, 高温: any word of jieba's dictionary but a name (张伟 is tagged nr there).
    if len(cand) == 2 and dictionary_word(cand):
        return False
    # 公安, 张贴: the surname and the next character make a word; a given name may be one (刘建华).
    if cand[:2] in frequent_words():
        return False
    # 王明在 is 王明 + 在; 张三家 + 庭 would cross a word: the last character makes no word with the next.
    if norm[e - 1 : e + 1] in common_words() or ctx.is_org_run(s):
        return False
    # A surname and one character is a word more often (白昼 scores 5.3, 张静 8.3): it needs more.
    if ctx.score(s, e) < (SCORE_ALONE if len(cand) == 2 else SCORE_CLAUSE_SUBJECT):
        return False
    # 李春雷到铁西区调研 in the title of a news item that names 常务副市长李春雷 below: an official.
    return not any(is_official(ctx, i, i + len(cand)) for i in occurrences(norm, cand))


# 据马建国介绍 / “……。”龚海涛说: who a news item quotes. Officials are quoted too (their office names
# them: 区长杨某说), so ``find_names`` keeps a name that is named in role anywhere in the text. Every
# alternative opens with a literal, so that ``re`` skips to a possible start in C.
_SPEAKER_RE = re.compile(
    f'(?:据|[”」"](?![据经]))(?P<name>[{HAN}]{{2,4}}?)(?=介绍|说|称|回忆|坦言|告诉记者|笑着说)'
    f"|经(?P<introducer>[{HAN}]{{2,4}}?)(?=介绍)"
)
# 在外经营羊肉馆的白有才表示 / 身着藏袍的德吉央宗是合作社的出纳: a person described, then named, then
# speaking or described again.
_DESCRIBED_RE = re.compile(
    f"的(?P<name>[{HAN}]{{2,5}}?)(?=反映|表示|说|介绍|告诉记者|坦言|回忆|大爷|大娘|老人|(?P<is>是))"
)
# 今年28岁的文江是…, 年近七旬的拉毛草老人: a person described by age just before the name.
_AGED_RE = re.compile(
    r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})多?岁的|年[近过逾][五六七八九]旬的|[五六七八九]旬老人"
)


def quoted_speakers(ctx: NameContext) -> list[tuple[int, int]]:
    """Spans of people a text quotes by name (据 or a closing quote before, 介绍/说 after) or describes
    by age (今年28岁的…), as news items do (issue 9)."""
    if ctx.model is None:
        return []
    out = []
    for m in _SPEAKER_RE.finditer(ctx.norm):
        s, e = m.span("name") if m.group("name") else m.span("introducer")
        if ctx.surname_len(s) and ctx.plausible(s, e) and ctx.given_ok(s, e) and not ctx.is_org_run(s):
            out.append((s, e))
    for m in _DESCRIBED_RE.finditer(ctx.norm):
        s, e = m.span("name")
        # …是 alone only after a minority name (的德吉央宗是…); 的发展是… is prose.
        described = not m.group("is") or ctx.norm.startswith(("是一名", "是一位", "是该", "是村里"), e)
        if ctx.minority(s, e) or (
            described
            and ctx.surname_len(s)
            and e - s == ctx.surname_len(s) + 2
            and ctx.plausible(s, e)
            and ctx.score(s, e) >= SCORE_ALONE
            and not ctx.wordlike(s, e, after_cue=True)
            and not ctx.is_org_run(s)
        ):
            out.append((s, e))
    for m in _AGED_RE.finditer(ctx.norm):
        span = ctx.forward(m.end(), strong=False)
        if span is not None and not ctx.is_org_run(span[0]) and not ctx.wordlike(*span, after_cue=True):
            out.append(span)
    # “……”副区长杨某说 elsewhere: find_names keeps a name named in role anywhere in the text.
    return out


# 原登记共有人“易某”系笔误，应为“易某某”，身份证号…: a name in quotes after a person word or 应为/名为, or
# before what only a person is or has (系, 与, 身份证号; eleventh session).
_QUOTED_NAME_RE = re.compile(f'[“"](?P<name>[{HAN}]{{2,4}})[”"]')
_QUOTED_BEFORE_RE = re.compile(r"(?:应为|名为|改为|更正为|登记为|写作|误写为|误作)$")
_QUOTED_AFTER_RE = re.compile(r"(?:系|与|[，,（(][ \t]*(?:男|女|身份证|公民身份|出生))")


def quoted_names(ctx: NameContext) -> list[tuple[int, int]]:
    """Spans of surname names written in quotes where a person word, a correction or a person's
    attribute vouches for them."""
    norm = ctx.norm
    out: list[tuple[int, int]] = []
    if "“" not in norm and '"' not in norm:
        return out
    for m in _QUOTED_NAME_RE.finditer(norm):
        s, e = m.span("name")
        quote = m.start()
        vouched = (
            ctx.cues.ends_at(norm, quote, range(2, 8))
            or _QUOTED_BEFORE_RE.search(norm, max(0, quote - 4), quote)
            or _QUOTED_AFTER_RE.match(norm, m.end())
        )
        if not vouched or not ctx.surname_len(s) or not 1 <= e - s - ctx.surname_len(s) <= 2:
            continue
        if ctx.plausible(s, e) and ctx.given_ok(s, e) and not ctx.wordlike(s, e, after_cue=True):
            out.append((s, e))
    return out
