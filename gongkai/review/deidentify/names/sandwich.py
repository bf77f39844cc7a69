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
import re

from gongkai.review.deidentify.dictionaries import Dictionaries, common_words, frequent_words
from gongkai.review.deidentify.names.context import (
    AMBIGUOUS_SURNAMES,
    FUNCTION_LIKE_SURNAMES,
    HAN,
    MASKED_GIVEN,
    NON_GIVEN,
    PLACE_END,
    STOP_CHARS,
    NameContext,
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
def _person_word_re(dicts: Dictionaries) -> re.Pattern:
    words = set(dicts.cues.get("person_nouns", [])) | set(_RELATIONS) | set(_person_nouns())
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if len(w) >= 2)
    # The run after the person word: names of two to four characters joined by 、.
    return re.compile(f"(?:{alternation})(?P<run>[{HAN}]{{2,4}}(?:、[{HAN}]{{2,4}}){{0,5}})")


def sandwiched_names(ctx: NameContext) -> list[tuple[int, int]]:
    """Spans of names between a person word and a person's verb (issue 9)."""
    if ctx.model is None:
        return []
    norm = ctx.norm
    out: list[tuple[int, int]] = []
    for m in _person_word_re(ctx.dicts).finditer(norm):
        items = _items(ctx, m.start("run"), m.end("run"))
        if items:
            out.extend(items)
    return out


def _items(ctx: NameContext, a: int, e: int) -> list[tuple[int, int]]:
    """The names of the run ``norm[a:e]`` when the last one is followed by a person's verb."""
    norm = ctx.norm
    parts: list[tuple[int, int]] = []
    s = a
    for piece in norm[a:e].split("、"):
        parts.append((s, s + len(piece)))
        s += len(piece) + 1
    # The last item may run into its verb (贺海军协助核查 is caught as 贺海军协): find where the verb starts.
    last_s, last_e = parts[-1]
    ends = [end for end in range(min(last_e, last_s + 3), last_s + 1, -1) if _verb_at(norm, end)]
    if not ends:
        return []
    shaped = [end for end in ends if _name_shaped(ctx, last_s, end)]
    parts[-1] = (last_s, shaped[0] if shaped else ends[0])
    # An item of another make-up (an unlisted surname) is left to the list rules (listmates.py).
    return [(ps, pe) for ps, pe in parts if _name_shaped(ctx, ps, pe)]


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
