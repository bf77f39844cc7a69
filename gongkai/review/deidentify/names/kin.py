"""Relatives named after a kin word with a possessive: 为其已故岳父锁凤英冒领…, 其妻子塔娜、女儿爱新觉罗·毓晖.

``其妻子`` / ``你母亲`` / ``他的儿子`` / ``林某的父亲`` and a kin word continuing such a list (``、女儿``) say that a private
person comes next, whatever the make-up of the name: a rare surname (锁, 回, 鄂), a Mongolian or Yi name
with no surname (孟和, 果基打各), a dotted Manchu name. The run up to a list mark, a clause mark or a
person's verb is the name when it holds no ordinary word (``unknown_name``) or is a surname and one or
two given characters that make none.

Issue 9, patterns 2 and 3 (a deceased person masked and the living relative not; names without a surname).
"""

from __future__ import annotations

import re

from gongkai.review.deidentify.dictionaries import common_words
from gongkai.review.deidentify.names.context import (
    DOTTED_RE,
    FOLLOWER_WORDS,
    FUNCTION_LIKE_SURNAMES,
    HAN,
    MASKED_GIVEN,
    SCORE_AFTER_CUE,
    NameContext,
    dotted_end,
    is_han,
    unknown_name,
)
from gongkai.review.deidentify.names.slots import dictionary_word

_KIN = (
    "妻子 丈夫 儿子 女儿 父亲 母亲 岳父 岳母 公公 婆婆 长子 次子 长女 次女 养父 养母 继父 继母 前妻 前夫"
    " 孙子 孙女 外孙 外孙女 侄子 侄女 外甥 外甥女 儿媳 女婿 哥哥 姐姐 弟弟 妹妹 配偶 祖父 祖母 爷爷 奶奶 外公 外婆"
    " 婚生子女 婚生子 婚生女 非婚生子女 养子 养女 继子 继女"
    # Eleventh session: siblings, uncles and aunts, cousins, in-laws, the deceased.
    " 兄长 胞兄 胞弟 胞姐 胞妹 舅父 舅舅 舅妈 姑父 姑姑 姑妈 叔叔 叔父 伯父 伯母 姨妈 姨父 堂兄 堂弟 堂姐 堂妹"
    " 表哥 表弟 表姐 表妹 妻侄 侄儿 亡母 亡父 亡妻 亡夫 生父 生母"
).split()
_KIN_ALT = "|".join(sorted(_KIN, key=len, reverse=True))
# A possessive (其, 你, 他的…), maybe 已故, then a kin word; or a kin word continuing a list of relatives.
# 其子 / 其女 / 现其配偶: one-character kin words only right after 其.
_KIN_RE = re.compile(
    # 申请人祖父甄某, 为已故父亲巩某: a person label or 已故 stands for the possessive too.
    f"(?:(?:[其你您他她]|(?<=[{HAN}])的|(?<=人))(?:已故|去世的|过世的)?|已故|(?<=、))(?:{_KIN_ALT})(?=[{HAN}])"
    f"|(?<=[其之])[子女妻夫父母兄弟姐妹孙侄](?=[{HAN}])"
)
_LONGEST = 8
_SCORE_FLOOR = -4.0
_LIST_CHILD_RE = re.compile(f"(?<=、)[子女](?=[{HAN}])")
_BEFALLS = ("残疾", "重病", "就读", "身患", "因病", "因伤")
_KIN_CHARS = frozenset("父母子女妻夫婆媳婿兄弟姐妹")


def kin_names(ctx: NameContext) -> list[tuple[int, int]]:
    """Spans of names right after a possessive kin word (issue 9)."""
    if ctx.model is None:
        return []
    norm = ctx.norm
    out = []
    for m in _KIN_RE.finditer(norm):
        span = _name_after(ctx, m.end())
        if span is not None:
            out.append(span)
    # 其长女热依拉·托乎提、女陈莲儿申请…: 子 or 女 after a list mark, in a list of relatives.
    for m in _LIST_CHILD_RE.finditer(norm):
        if not _KIN_RE.search(norm, max(0, m.start() - 16), m.start()):
            continue
        span = _name_after(ctx, m.end())
        if span is not None:
            out.append(span)
    return out


def _closed(ctx: NameContext, e: int) -> bool:
    norm = ctx.norm
    if e >= len(norm) or norm[e] in "、的" or ctx.firm_end(e) or FOLLOWER_WORDS.long_at(norm, e):
        return True
    # 借住其兄管某家）: 家 for the relative's home, closing the name.
    if norm[e] == "家" and (e + 1 >= len(norm) or not is_han(norm[e + 1]) or norm[e + 1] in "中里"):
        return True
    # 户因其子黄子墨患重病 / 残疾: what befalls the relative.
    # …or goes on with a clause of their own (你的丈夫朴光日在现场…, 其妻子王某已搬离).
    return norm[e] in "患在因已未将向对与均曾" or norm.startswith(_BEFALLS, e)


def _name_after(ctx: NameContext, s: int) -> tuple[int, int] | None:
    norm = ctx.norm
    dotted = DOTTED_RE.match(norm, s)
    if dotted:
        end = dotted_end(ctx, dotted.end())
        return (s, end) if end and ctx.minority(s, end) else None
    # The shortest closed run: 塔娜、 before 塔娜、女儿…; a surname and given name before 违规.
    # 岳父母以及, 其子女: the kin word goes on; no name follows.
    if norm[s] in _KIN_CHARS:
        return None
    for e in range(s + 2, min(len(norm), s + _LONGEST) + 1):
        if not is_han(norm[e - 1]):
            return None
        # 及其妻子温三妹明确…: a full name the model favours strongly needs no closing word.
        if not _closed(ctx, e) and not (e - s == 3 and ctx.likely_full_name(s, e, ctx.surname_len(s))):
            continue
        cand = norm[s:e]
        if (
            cand in common_words()
            or ctx.cues.at(norm, s)
            or any(c in MASKED_GIVEN for c in cand)
            or ctx.is_org_run(s)
        ):
            return None
        if norm[s] in FUNCTION_LIKE_SURNAMES:  # 其配偶和直系亲属, 其配偶及子女
            return None
        if ctx.surname_len(s) and e - s <= 4:
            return (s, e) if _surname_name(ctx, s, e) else None
        # Two characters without a listed surname only as one minority syllable (塔娜, 布和), not 随迁.
        unknown = ctx.syllabic(s, e) if e - s == 2 else unknown_name(ctx, s, e, _LONGEST)
        return (s, e) if unknown or _surname_name(ctx, s, e) else None
    return None


def _surname_name(ctx: NameContext, s: int, e: int) -> bool:
    """A surname (listed or rare) and one or two given characters, no word of jieba's dictionary but a
    name, and no function word for a surname (其配偶和直系亲属, 配偶随迁)."""
    norm = ctx.norm
    slen = ctx.surname_len(s) or (1 if ctx.model is not None and ctx.model.rare_char(norm[s]) else 0)
    if not slen or e - s - slen not in (1, 2):
        return False
    if dictionary_word(norm[s:e]):
        return False
    # Three characters after a kin word need only not look like junk (朴光日 scores -1.6); two more.
    floor = SCORE_AFTER_CUE if e - s == 2 else _SCORE_FLOOR
    return ctx.minority(s, e) or ctx.score(s, e) >= floor
