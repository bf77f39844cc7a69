"""Names held on both sides by a person's context: a person word before, a person's verb after.

村民贺海军协助核查, 其丈夫何建设向镇政府反映, 与邻居万宝山宅基地界址纠纷, 残疾居民武建设的补贴:
between a word for a private person (村民, 邻居, 其妻子, ``person_nouns`` of cues.yaml and jieba's
person nouns) and a verb whose subject is a person (``slots.VERB_RE``, ``slots.STRONG_VERB_RE``) only a
person stands. There a surname and two given-name characters are a name even when the given name, or
the surname with its first given character, is an ordinary word — the case the shape checks of the
other rules reject, because out of such a slot 建设, 海军, 立新 are prose. A 、-joined list between
the two sides (村民文建设、胡欣怡证实…) is read item by item.

Issue 9, patterns 1 and 4 (names without a cue of their own; names that are ordinary words). The other
rules keep their own checks: this one adds a span only when both sides hold.
"""

from __future__ import annotations

import functools

from gongkai.review.deidentify.dictionaries import Dictionaries, common_words, frequent_words
from gongkai.review.deidentify.names.context import (
    AMBIGUOUS_SURNAMES,
    FUNCTION_LIKE_SURNAMES,
    MASKED_GIVEN,
    NON_GIVEN,
    PLACE_END,
    STOP_CHARS,
    NameContext,
    is_han,
)
from gongkai.review.deidentify.names.slots import STRONG_VERB_RE, VERB_RE, _jieba_two, _person_nouns

# The name model's floor for a sandwiched candidate: the surname and given characters need not look
# like a name, only not like junk (set on the dev part; 何建设 scores 1.2, 武建设 -1.0).
_SCORE_FLOOR = -4.0
# Kin and neighbour words that name a private person (the person nouns of cues.yaml hold most).
_RELATIONS = (
    "妻子",
    "丈夫",
    "儿子",
    "女儿",
    "父亲",
    "母亲",
    "配偶",
    "邻居",
    "同村村民",
    "知情群众",
    "在场群众",
)


@functools.lru_cache(maxsize=8)
def _person_words(dicts: Dictionaries) -> tuple[frozenset[str], int]:
    words = set(dicts.cues.get("person_nouns", [])) | set(_RELATIONS) | set(_person_nouns())
    words = {w for w in words if len(w) >= 2}
    return frozenset(words), max(map(len, words), default=0)


def sandwiched_names(ctx: NameContext) -> list[tuple[int, int]]:
    """Spans of names between a person word and a person's verb (issue 9)."""
    if ctx.model is None:
        return []
    norm = ctx.norm
    words, longest = _person_words(ctx.dicts)
    out: dict[tuple[int, int], None] = {}
    # From each verb back: the name before it, the items of a 、-list before that, then a person word.
    for regex in (VERB_RE, STRONG_VERB_RE):
        for m in regex.finditer(norm):
            for span in _items_before(ctx, m.start(), words, longest):
                out[span] = None
    return list(out)


def _word_ends_at(norm: str, k: int, words: frozenset[str], longest: int) -> bool:
    return any(norm[k - n : k] in words for n in range(2, min(longest, k) + 1))


def _items_before(ctx: NameContext, v: int, words: frozenset[str], longest: int) -> list[tuple[int, int]]:
    """The names before the verb at ``v`` when a person word opens the run (one name or a 、-list)."""
    norm = ctx.norm
    for length in (3, 4):
        s = v - length
        if s < 2:
            continue
        # The last item may be of another make-up (an unlisted surname) when a 、 joins it to the list;
        # it is left to the list rules (listmates.py) and only the shaped items are returned.
        if not _name_shaped(ctx, s, v) and not (length == 3 and norm[s - 1] == "、"):
            continue
        items = [(s, v)]
        k = s
        while len(items) <= 6:
            if _word_ends_at(norm, k, words, longest):
                return [(a, b) for a, b in items if _name_shaped(ctx, a, b)]
            if k < 3 or norm[k - 1] != "、":
                break
            for size in (3, 2, 4):
                t = k - 1 - size
                if t < 1 or not all(is_han(c) for c in norm[t : k - 1]):
                    continue
                if norm[t - 1] == "、" or _word_ends_at(norm, t, words, longest):
                    items.append((t, k - 1))
                    k = t
                    break
            else:
                break
    return []


def _verb_at(norm: str, i: int) -> bool:
    return bool(VERB_RE.match(norm, i) or STRONG_VERB_RE.match(norm, i))


def _name_shaped(ctx: NameContext, s: int, e: int) -> bool:
    """A listed surname and two given-name characters, with no character that never ends a name."""
    norm = ctx.norm
    cand = norm[s:e]
    slen = ctx.surname_len(s)
    # 收发货人向海关缴纳: a surname that is far more often a function word (向, 由, 将) opens prose here.
    if (
        not slen
        or len(cand) - slen != 2
        or norm[s] in FUNCTION_LIKE_SURNAMES
        or norm[s] in AMBIGUOUS_SURNAMES
    ):
        return False
    given = cand[slen:]
    if not all(is_han(c) for c in given):  # 著作权人许可，通过…
        return False
    if cand in common_words() or cand in ctx.dicts.not_names or ctx.p.cue_words.match(norm, s):
        return False
    if any(c in MASKED_GIVEN or c in STOP_CHARS for c in given) or cand[-1] in PLACE_END:
        return False
    # 村民代表大会: a given name holds no character that hardly ever stands in one (数, 后, 债).
    if any(c in NON_GIVEN and c not in ctx.dicts.given_name_chars for c in given) or ctx.is_org_run(s):
        return False
    # 经营者单位名称: a word and a character (单位 + 名), or a word across the verb (名称), is prose; 贺海军
    # (贺海 + 海军) and 万宝山 (万宝 + 宝山) hold a word in the given name too.
    if cand[:2] in frequent_words() and given not in _jieba_two():
        return False
    if e < len(norm) and norm[e - 1 : e + 1] in common_words():
        return False
    return ctx.score(s, e) >= _SCORE_FLOOR
