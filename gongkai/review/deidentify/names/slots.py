"""Names in a slot that only a person fills: after the sentence's own words, before a person's verb.

经查，赵磊系…, 据眭向前陈述, 店员措姆更登签字确认, 村民拉毛次仁病故后, 承租人次旦晋美，联系电话…:
the run of Han characters before a verb whose subject is a person (系, 陈述, 签字, 病故, 于 + a date, …)
is split where the sentence's words end — words of jieba's dictionary and a few function characters
(据, 由, 向, 其, 你, 的) — and what is left is a name when it is shaped like one:

* a surname and one or two given-name characters that make no ordinary word;
* a minority or transliterated name (``NameContext.minority``);
* after a person word (村民, 店员, 顾客, 其妻子, 承租人) or standing alone after punctuation, a run of
  two to eight characters holding no ordinary word at all (德吉久美, 那木吉拉), or an ordinary word
  with a surname (高远, 甘露) when a person word comes right before it.

The same holds before a comma or a line end when a person label or noun comes right before the run
(承租人次旦晋美，…). Issue 9, patterns 1, 3 and 4: names with no cue word, syllables the shipped
statistics lack, names that are ordinary words.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from gongkai.review.deidentify.dictionaries import Dictionaries, common_words, frequent_words, verbish_words
from gongkai.review.deidentify.names.context import (
    DOTS,
    FUNCTION_LIKE_SURNAMES,
    GEO_END,
    MASKED_GIVEN,
    NON_GIVEN,
    PLACE_END,
    SCORE_AFTER_CUE,
    SCORE_ALONE,
    STOP_CHARS,
    NameContext,
    is_han,
)

# Verbs and phrases whose subject is a person, right after the name: the strong ones open a slot
# after punctuation too (经查，赵磊系…), the others only after a person word (村民王某驾驶…).
STRONG_VERB_RE = re.compile(
    r"系(?![统列数])|(?:为|是)(?:该|本|涉案|当事人)|本人|陈述|自述|供述|签字|签名|病故|去世|身故"
    r"|公告送达|在(?:询问)?笔录|对上述|冒领|退缴|代为|[已曾早]?[于在](?:\d|[次当同翌]日)"
    r"|辩称|伙同|供认|生前|经手"
    # 据罗某称，…: what a person said, closed by punctuation or a quote (ninth session).
    r"|称(?=[，,：:“\"])"
    # 遗失声明: 王某遗失…证 — whoever lost a certificate.
    r"|遗失(?=[^\n，。]{0,30}(?:证|书|卡|照|单|执照))"
    # 事发后王某的妻子…: whoever has a wife, a son or a father is a person.
    r"|的(?:妻子|丈夫|儿子|女儿|父亲|母亲|配偶|哥哥|姐姐|弟弟|妹妹|孙子|孙女|遗属|监护人)"
)
VERB_RE = re.compile(
    r"签收|签订|确认|承认|死亡|继续|缴纳|缴清|自(?:公告|收到)"
    r"|驾驶|驾车|反映|投诉|举报|来信|来访|来电|拨打|家住|现住|诉称|涉嫌|擅自|通过|称"
    # After a person word (村民, 网格员, 其妻子): a witness's verbs, an adverb of manner, 的 + what is theirs,
    # 向 + whom they turned to (其丈夫王某向镇政府反映).
    r"|证实|作证|协助核查|上访|如实|向(?=[^\n，。；]{1,10}(?:反映|投诉|举报|求助|申诉))"
    # Sixth session: what people say and do in minutes and records (村民曹跃进建议…, 班组长全美善核对…).
    r"|建议|提出|表示|认为|负责|核对|领取"
    # Ninth session: what relatives are given against the rules (为其妻子王某、女儿李某违规办理低保).
    r"|违规|骗取|套取|虚报|冒用"
    # …or what is theirs (与邻居王某宅基地界址纠纷, 残疾居民王某的补贴).
    r"|宅基地|承包地|责任田|的(?=补贴|补助|救助金|低保金|工资|抚恤金|养老金|护理补贴|宅基地)"
)
# After a person word a comma, a bracket or the line end closes the slot too.
_CLOSE_RE = re.compile(r"[，,（(；;。]|[ \t]*(?:\n|$)")
# Single characters that may stand between the sentence's words and a name (据王某, 由王某, 其妻子王某).
_FUNCTION_CHARS = frozenset("据由向与和同及对将被把给让请经查令叫是为称其你您我他她之的在即")
# A noun ending in one of these names a kind of person (店员, 外国人, 村民, 租户, 经营者); not 属 (金属), 工 (理工)
# nor 主 (民主); 业主, 户主, 车主 are person nouns of cues.yaml.
_PERSON_SUFFIX = frozenset("人员民户客者友邻")
_MAX_RUN = 20
# A surname + ordinary word (齐心, 马力) between a person word and a verb: the name model's score,
# set on the dev part; 代表 and 双方 score below it.
_SCORE_WORD_BEFORE_VERB = -3.0
_ADVERBS = frozenset("已仍均也曾又未再亦")
_NOBODY_PREFIX = frozenset("无非他本某各每众诸其该此这那别任何")
# Prepositions that introduce the doer or the addressee (罚款由王某缴纳, 依法向王某公告送达).
_AGENT_CHARS = frozenset("由据向与同和被让请令叫给")


def slot_names(ctx: NameContext) -> list[tuple[tuple[int, int], bool]]:
    """Spans of names in person slots, each with whether a person word stands right before it."""
    norm = ctx.norm
    out: list[tuple[tuple[int, int], bool]] = []
    seen: set[int] = set()
    for m in STRONG_VERB_RE.finditer(norm):
        _slot(ctx, m.start(), m.end(), need_cue=False, verb=True, strong=True, out=out, seen=seen)
    for m in VERB_RE.finditer(norm):
        _slot(ctx, m.start(), m.end(), need_cue=True, verb=True, out=out, seen=seen)
    for m in _CLOSE_RE.finditer(norm):
        # 承租人高远，联系电话…: a personal attribute after the comma closes the slot like a verb.
        attribute = bool(
            ctx.p.attribute_after.match(norm, m.start()) or ctx.p.strong_right.match(norm, m.start())
        )
        _slot(ctx, m.start(), m.end(), need_cue=True, verb=attribute, out=out, seen=seen)
    return out


def _slot(
    ctx: NameContext,
    e: int,
    after: int,
    *,
    need_cue: bool,
    verb: bool,
    strong: bool = False,
    out: list[tuple[tuple[int, int], bool]],
    seen: set[int],
) -> None:
    norm = ctx.norm
    # 格根道尔吉已退缴, 王某仍代为: an adverb between the name and its verb.
    if verb and e >= 3 and norm[e - 1] in _ADVERBS and _in_run(norm[e - 2]):
        e -= 1
    if e in seen or e < 2 or not _in_run(norm[e - 1]):
        return
    # 关系人, 仍需继续: the verb must not be the end of a word that starts inside the run.
    words = common_words()
    # A verb that is a word itself wins over a word across its start (董鸿明代为 is 董鸿明 + 代为); a
    # one-character one does not (利害关系人, 大于3).
    crossing = norm[e - 1 : e + 1] in frequent_words() and norm[e : e + 2] not in words
    if crossing or norm[e - 1 : after + 1] in words:
        return
    a = e
    while a > 0 and _in_run(norm[a - 1]):
        a -= 1
        if e - a > _MAX_RUN:
            return
    # 承租人：王某 / 承租人 王某: a person label, a colon or spaces, then the run.
    colon = a
    while colon > 0 and norm[colon - 1] in " \t":
        colon -= 1
    if colon > 0 and norm[colon - 1] in "：:":
        colon -= 1
        while colon > 0 and norm[colon - 1] in " \t":
            colon -= 1
    # Most slots that need a person word have none: no character of the run ends one (a quick test).
    if need_cue and _person_word_ends(ctx.dicts).isdisjoint(norm[max(0, colon - 1) : e - 1]):
        return
    labelled = colon < a and _person_word_before(ctx, 0, colon, None)
    # 袁永康证实该围墙系李晨阳在…: a verb inside the run ends what came before it, whatever that was.
    restarts = [
        m.end() - a
        for regex in (VERB_RE, STRONG_VERB_RE)
        for m in regex.finditer(norm, a, e)
        if m.end() < e and (len(m.group()) > 1 or m.group() == "系")
    ]
    reach = segmentable(ctx, a, e, restarts)
    best: tuple[int, int, bool] | None = None
    for k in range(a, e - 1):
        if not reach[k - a]:
            continue
        cue = (k == a and labelled) or (k > a and _person_word_before(ctx, a, k, reach))
        # 和物资, 等人才: a name does not start with a function word, unless it is a minority name (其其格).
        if (norm[k] in _FUNCTION_CHARS or norm[k] in STOP_CHARS) and not ctx.minority(k, e):
            continue
        # 被告人同意: the name cannot start inside the word before it (被告 + 人); after a person word a
        # two-character word across the boundary is chance (承租人次旦晋美: 人次).
        if k > a and any(norm[k - n : k + 1] in words for n in (2, 3)):
            continue
        if k > a and norm[k - 1 : k + 1] in words and not cue:
            continue
        if need_cue and not cue:
            continue
        # 据王某陈述, 由王某签字: function characters alone before the name leave it standing alone.
        hard = all(c in _FUNCTION_CHARS for c in norm[a:k]) or (k > a and norm[k - 1] in _AGENT_CHARS)
        rank = tail_rank(ctx, k, e, cue=cue, hard=hard, verb=verb, strong=strong)
        if rank and (best is None or rank > best[0]):
            best = (rank, k, cue)
    if best:
        seen.add(e)
        out.append(((best[1], e), best[2]))
        k = best[1]
        # 王某与李某签订…: the other party before 与/同/和 shares the verb.
        if verb and k - a >= 3 and norm[k - 1] in "与同和及":
            _slot(ctx, k - 1, k, need_cue=False, verb=True, strong=True, out=out, seen=seen)


def _in_run(ch: str) -> bool:
    return is_han(ch) or ch in DOTS


def segmentable(ctx: NameContext, a: int, e: int, restarts: list[int] | None = None) -> list[bool]:
    """``reach[i]``: ``norm[a:a+i]`` splits wholly into dictionary words and function characters
    (or ``i`` follows one of ``restarts``, offsets right after a verb inside the run)."""
    norm = ctx.norm
    words = common_words()
    reach = [False] * (e - a + 1)
    reach[0] = True
    for i in restarts or ():
        reach[i] = True
    for i in range(e - a):
        if not reach[i]:
            continue
        if norm[a + i] in _FUNCTION_CHARS or norm[a + i] in STOP_CHARS:
            reach[i + 1] = True
        if norm[a + i : a + i + 2] == "的人":
            reach[i + 2] = True
        for length in (2, 3, 4):
            word = norm[a + i : a + i + length]
            if i + length <= e - a and (word in words or word in ctx.person_words):
                reach[i + length] = True
    return reach


@functools.lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """Nouns of jieba's dictionary that name a kind of person by their last character (店员, 外国人)."""
    try:
        text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    out = set()
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) == 3 and parts[2] == "n" and 2 <= len(parts[0]) <= 4 and parts[0][-1] in _PERSON_SUFFIX:
            # 无人, 他人, 众人: a pronoun-like word says nobody in particular is meant.
            if parts[0][0] not in _NOBODY_PREFIX:
                out.add(parts[0])
    return frozenset(out)


@functools.lru_cache(maxsize=1)
def _jieba_two() -> dict[str, tuple[int, str]]:
    """Two-character words of jieba's dictionary with their frequency and part-of-speech tag."""
    try:
        text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    out: dict[str, tuple[int, str]] = {}
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) == 3 and len(parts[0]) == 2:
            out[parts[0]] = (int(parts[1]), parts[2])
    return out


def dictionary_word(word: str) -> bool:
    """A two-character word of jieba's dictionary that is not tagged as a person's name (白昼, not 张伟)."""
    return _jieba_two().get(word, (0, "nr"))[1] != "nr"


@functools.lru_cache(maxsize=1)
def _jieba_verbs() -> frozenset[str]:
    """Single characters jieba's dictionary knows chiefly as a verb, preposition or adverb (赴, 往, 凭)."""
    try:
        text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    out = set()
    for line in text.splitlines():
        parts = line.split(" ")
        if (
            len(parts) == 3
            and len(parts[0]) == 1
            and parts[2][:1] in ("v", "p", "d")
            and int(parts[1]) >= 500
        ):
            out.add(parts[0])
    return frozenset(out)


def _jieba_word(word: str, min_freq: int) -> bool:
    """A two-character word of jieba's seen ``min_freq`` times or more, whatever its tag (文明 and 林木
    are tagged as names there)."""
    entry = _jieba_two().get(word)
    return entry is not None and entry[0] >= min_freq


def _nominal(word: str) -> bool:
    """Tagged as a noun, place, name or time word (黄河, 夏天), not an adverb or adjective (连续, 单独)."""
    entry = _jieba_two().get(word)
    return entry is not None and entry[1][:1] in ("n", "t", "s")


@functools.lru_cache(maxsize=8)
def _person_word_ends(dicts: Dictionaries) -> frozenset[str]:
    """Last characters of the person words (人 of 承租人, 子 of 妻子) and of 的人."""
    words = set(dicts.cues.get("person_labels", []) + dicts.cues.get("person_nouns", [])) | _person_nouns()
    return frozenset(w[-1] for w in words if w) | {"人"}


def _person_word_before(ctx: NameContext, a: int, k: int, reach: list[bool] | None) -> bool:
    """True when the words before ``k`` end in a person word (村民, 店员, 其妻子, 承租人)."""
    norm = ctx.norm
    for length in (2, 3, 4, 5, 6):
        s = k - length
        if s < a or (reach is not None and not reach[s - a]):
            continue
        word = norm[s:k]
        if word in ctx.person_words or word in _person_nouns():
            return True
    # 代为刷卡的人黄河: a clause ending in 的人 describes a person (not 的人畜粪便: 人畜 is a word).
    if k - a >= 3 and norm[k - 2 : k] == "的人" and (reach is None or reach[k - 2 - a]):
        return norm[k - 1 : k + 1] not in common_words()
    return False


def tail_rank(
    ctx: NameContext, k: int, e: int, *, cue: bool, hard: bool, verb: bool, strong: bool = False
) -> int:
    """4 a surname name, 3 a minority name, 2 a rare surname, 1 a run of foreign make-up, 0 no name."""
    norm = ctx.norm
    tail = norm[k:e]
    if ctx.p.cue_words.search(tail) or tail[-1] in PLACE_END:
        return 0
    # 王祥河, 郭坪河 are places, unless a person word stands right before (村民黄河).
    if tail[-1] in GEO_END and not cue:
        return 0
    if any(c in MASKED_GIVEN for c in tail) or ctx.is_org_run(k):
        return 0
    if ctx.minority(k, e):
        return 3
    # 你弟弟扎西早在…: one two-character syllable (扎西, 卓玛) right after a person word.
    if cue and ctx.model is not None and e - k == 2 and ctx.model.syllable_count(tail) == 1:
        return 3
    if any(c in DOTS for c in tail):
        return 0
    slen = ctx.surname_len(k)
    if (
        slen
        and e - k - slen in (1, 2)
        and _surname_name(ctx, k, e, slen, cue=cue, verb=verb, hard_strong=hard and strong)
    ):
        return 4
    # 眭向前 after a person word or before a strong verb; two characters (笪涛) only before a verb.
    if (
        not slen
        and (verb or e - k == 3)
        and _rare_surname(ctx, k, e, SCORE_AFTER_CUE if cue else SCORE_ALONE, verb=verb)
    ):
        return 2
    if (cue or hard) and _foreign_run(ctx, k, e, 0.5 if verb else 0.75):
        return 1
    return 0


def _surname_name(
    ctx: NameContext, k: int, e: int, slen: int, *, cue: bool, verb: bool, hard_strong: bool = False
) -> bool:
    norm = ctx.norm
    tail = norm[k:e]
    given = tail[slen:]
    if ctx.p.cue_words.match(norm, k + slen):
        return False
    # 黄河 is on the not-a-name list; right after a person word and before a verb it is a name.
    if tail in ctx.dicts.not_names and not (cue and verb and len(tail) == 2 and _nominal(tail)):
        return False
    # 王和平, 杜向前: a function word may open a two-character given name, never close one.
    if given[-1] in STOP_CHARS or (len(given) == 1 and given in STOP_CHARS):
        return False
    if tail in common_words() or tail in verbish_words():
        # 高远, 甘露, 黄河 are names only right after a person word and before a verb; 姓名, 代表 never.
        if not cue:
            return False
        # 学员单独驾驶, 纳税人申报缴纳: an adverb or a verb right before a verb is prose, not a name;
        # a noun there (马力, 黄河) may be one.
        # (村民武建设的补贴: before 的 the word is a possessor, so a name.)
        verb_next = VERB_RE.match(norm, e)
        if ((verb_next and verb_next.group() != "的") or STRONG_VERB_RE.match(norm, e)) and (
            tail in verbish_words() or not _nominal(tail) or _jieba_two()[tail][1] == "nz"
        ):
            return False
        if verb:
            return ctx.score(k, e) >= _SCORE_WORD_BEFORE_VERB
        return ctx.score(k, e) >= 0.0 and tail not in frequent_words()
    if cue and not verb:
        # 居民来大陆，/ 辩护人席并列。: before a bare comma the given name must look like one.
        if given in common_words() or _non_given(ctx, given) or ctx.wordlike(k, e, after_cue=True):
            return False
        if _jieba_word(tail, 3):  # 成年人牵领，
            return False
        return norm[k] not in FUNCTION_LIKE_SURNAMES and ctx.given_ok(k, e)
    if cue:
        # 信息罪, 过程中: a word and a character; 原依法确认: a surname and an adverb.
        if tail[:2] in frequent_words() or tail[:2] in ctx.dicts.not_names or given in verbish_words():
            return False
        # 杜向前, 韩向东: a surname and a word is a name; the first given character may be a function word.
        return given in common_words() or not _non_given(ctx, given[-1] if len(given) == 2 else given)
    if norm[k] in FUNCTION_LIKE_SURNAMES:
        return False
    # 经查，郑跃进系…, 由王解放于次日缴清: alone before a strong verb, a surname and a word is a name.
    if hard_strong and len(given) == 2 and given in common_words() and tail[:2] not in common_words():
        # …but not 但矛盾系…: the surname must be likelier a surname than a word (but 但 is a conjunction).
        surname_llr = ctx.model.surname_llr.get(tail[:slen], -1.0) if ctx.model else -1.0
        return surname_llr >= 0.0 and not _non_given(ctx, given[-1])
    if ctx.wordlike(k, e):
        return False
    return ctx.given_ok(k, e)


def _rare_surname(ctx: NameContext, k: int, e: int, threshold: float, *, verb: bool) -> bool:
    """A surname missing from the dictionaries (眭向前): three characters, the given name scoring high."""
    tail = ctx.norm[k:e]
    if ctx.model is None or len(tail) not in (2, 3) or tail in common_words() or tail[:2] in common_words():
        return False
    # 牵领 is a word; 人畜粪便: a common noun is no given name (向前, 援朝, 卫国 may be).
    if _jieba_word(tail, 3) or (len(tail) == 3 and _jieba_two().get(tail[1:], (0, ""))[1] == "n"):
        return False
    # 鉴定人赴外国作证: a verb or a preposition is no surname, however rare in the text.
    if tail[0] in _jieba_verbs():
        return False
    if not ctx.model.rare_char(tail[0]):
        # 外国人昌婕湉，护照号码…: an unlisted surname needs a given name that is a name beyond doubt.
        # Not a function word (当事人不愿通过…): the character must be uncommon in ordinary text.
        if not verb or threshold > SCORE_AFTER_CUE or ctx.model.text_freq.get(tail[0], 0.0) >= 1e-3:
            return False
        return ctx.model.score("王" + tail[1:], 1) >= SCORE_ALONE
    if any(c in STOP_CHARS for c in tail[2:]) or tail[:2] in frequent_words():
        return False
    given = tail[1:]
    if given not in common_words() and _non_given(ctx, given):
        return False
    return ctx.model.score("王" + tail[1:], 1) >= threshold


def _non_given(ctx: NameContext, given: str) -> bool:
    """True when a character is hardly ever in a given name (数, 后, 债) and not listed as one."""
    return any(c in NON_GIVEN and c not in ctx.dicts.given_name_chars for c in given)


def _foreign_run(ctx: NameContext, k: int, e: int, min_share: float) -> bool:
    """Two to eight characters, half of them transliteration characters, no ordinary word (德吉久美)."""
    tail = ctx.norm[k:e]
    if ctx.model is None or not 2 <= len(tail) <= 8 or tail in common_words():
        return False
    share = ctx.model.translit_share(tail)
    # 那木吉拉其木格: 其 is a function word in prose but a syllable of Mongolian names.
    if any(c in STOP_CHARS and c not in ctx.model.syllable_chars for c in tail) or share < min_share:
        return False
    # 鉴定人赴外国作证: a run ending in an ordinary word (外国) is prose, not a name.
    if tail[-2:] in frequent_words() and ctx.model.syllable_count(tail[-2:]) == 0:
        return False
    words = sum(1 for i in range(len(tail) - 1) if _jieba_word(tail[i : i + 2], 50))
    # 德吉久美 holds 久美, a word of jieba's; 合理安排班次 holds two.
    return words == 0 or (words == 1 and share >= 0.75)
