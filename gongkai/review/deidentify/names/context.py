"""Per-text state and shape checks shared by the name rules: cues, boundaries, candidate plausibility.

A candidate is a surname (单姓 or 复姓) plus one or two given-name characters, or — with the name model —
a name with no surname (minority syllables, a dotted transliteration). ``NameContext`` holds the text,
the compiled cue patterns and the model, and answers where a name may start and end and whether a span
is shaped like one. Public officials named in their role are recognised here too (``is_official``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.review.deidentify.dictionaries import (
    Dictionaries,
    common_words,
    frequent_words,
    staple_words,
    verbish_words,
)
from gongkai.review.deidentify.namemodel import DOTS, NameModel

HAN = "\u4e00-\u9fff"

# Name-model thresholds (natural-log likelihood ratios, see namemodel.py), set on the dev bench part.
SCORE_AFTER_CUE = 1.5  # a weak cue (村民, 反映) and a plausible given name

SCORE_ALONE = 7.0  # a short Han run standing alone between punctuation, no cue at all

SCORE_IN_LIST = -3.5  # an item of a list of names (numbered lines, 、-joined runs, table rows)

SCORE_WORD_NAME = 0.0  # an ordinary word (江山, 文华) right after a person label or before 驾驶
# 老伴龙德明瘫痪…: after a person word, a surname and two given characters, no word, whatever follows
# (tenth session; it was SCORE_ALONE, 7: 龙德明 scores 6.0, 祁生福 6.9).
SCORE_FULL_NAME = 3.0
# 住户黄海涛家: after a person word, a name opening with a frequent word (黄海) whatever follows (tenth
# session); real three-character names of that make score 11 to 14, the law texts' runs below 9.
SCORE_WORD_OPENING = 11.0

DOTTED_RE = re.compile(f"[{HAN}]+(?:[{re.escape(DOTS)}][{HAN}]+)+")

# Characters that end a name: function words that follow a name in prose.
STOP_CHARS = frozenset(
    "的了是在于与和及等对向将被为因称说已系经并也都又就而或之其该本此各每所从自由把给让共同"
)

# A word starting right after a candidate that marks where the name ends.
FOLLOWERS = (
    "先生 女士 同志 同学 老师 等人 一家 夫妇 家庭 户籍 身份 居住 现住 家住 住址 住所 反映 来信 来访 来电 投诉 举报 申请"
    " 提出 诉称 称 驾驶 驾车 涉嫌 违反 擅自 持有 名下 承包 经营 拒不 不服 作为 通过 签字 签名 本人 之子 之女 系"
    " 男 女 诉 未 已 现 原 及其 以及 请求 要求 认为 表示 答复 提交 缴纳 领取 享受 户主 配偶 之妻 之夫 夫妻 父子 母子"
    " 位于 所有 所属 使用 租用 占用 拥有 共有 户口 同意 签订 办理 从事 购买 出售 出租 建设 建房 死亡 受伤 去世 病故"
    " 拨打 表示 说 来到 前往 带着 找到 希望 感谢 告诉 介绍 回忆 发现 看到 听说 得知 遇到 主动 专门 特意 及时 立即"
    " 一直 多次 再次 随即 当即 因为 由于 一起 两人 母亲 父亲 妻子 丈夫 儿子 女儿 的妻子 的丈夫 的儿子 的女儿"
    " 继续 仍 代为 陈述 自述 冒领 退缴 缴清 签订 签字 确认 承认 在笔录 在询问 公告送达"
    # Added in the sixth session (issue 9): verbs and phrases of records, hearings and petitions.
    " 建议 辩称 答辩称 伙同 供认 核对 当庭 生前 经手 负责记账 负责监督 的询问笔录 的外甥 应支付"
    " 家中 感激 今年 告诉记者"
    # Added in the seventh session (issue 9): witnesses in court and guarantors.
    " 到庭 出庭 作证 为保证人 为监护人 为担保人"
    # Added in the eighth session (issue 9): a spouse signing or agreeing to an agreement.
    " 在协议上签字 在协议上签名 在合同上签字 在合同上签名 同意本协议"
    # Added in the ninth session (issue 9): what relatives of an official are given against the rules.
    " 违规 骗取 套取 虚报 冒用 尚未 逾期 之妹 之弟 之兄 之姐 之妻 之夫 之父 之母 老人"
    # Added in the tenth session (issue 9): how news items and tickets address old people.
    " 大爷 大娘 老汉 阿婆 遗失 不慎遗失"
    # Added in the eleventh session (issue 9).
    " 到现场 到场 分户 照料 照顾 陪护 代收 代领"
).split()

# Words right after a surname that make it a form of address, not a name (王先生, 李女士).
HONORIFICS = (
    "先生",
    "女士",
    "同志",
    "同学",
    "老师",
    "师傅",
    "大爷",
    "大妈",
    "阿姨",
    "某某",
    "等人",
    "一家",
    "夫妇",
)

# A candidate ending in one of these, or followed by one, is a place or an organisation.
PLACE_END = frozenset(
    "区县市省镇乡村路街道巷号楼室局厅委办处科院所站队会社司厂店馆校部组州岛港湾桥墓祠陵寺庙族"
)

ORG_SUFFIXES = (
    "有限公司 有限责任公司 公司 集团 合作社 委员会 政府 中心 医院 学校 学院 大学 幼儿园 商行 商店 经营部 门市部 超市"
    " 饭店 酒店 宾馆 诊所 药店 药房 工作室 事务所 研究所 管理局 管理处 分局 支队 大队 中队 派出所 养殖场 加工厂 厂 店 馆"
).split()

# Left neighbours after which a name may start inside a Han run (经查王某, 与李某).
LEFT_FUNC = frozenset("与和及同对向将被由给让请经查据系令叫是为称把跟替帮、即于")
# Words after which a name may start inside a Han run (其中黄某（14岁）, 另有胡某、…).
LEFT_WORDS = frozenset({"其中", "包括", "分别", "以及", "还有", "另有"})
# 工, 员, 户, 主 end a word for a kind of person (搅拌工, 安全员, 住户, 店主): a name may follow at once,
# unless the character opens a word with the next one (主任, 工程, 户籍, 员工).
PERSON_WORD_ENDS = frozenset("工员户主")

# Surnames that far more often begin an ordinary word after a bare cue (当事人向…, 申请人应当…, 主管部门).
FUNCTION_LIKE_SURNAMES = frozenset("和向应都第从由同将经查据系令为及对给把被让在来过时能别依")

# Characters seen in ordinary words but hardly ever in given names (公布, 过半数, 车票).
# Given names that open with a function character (向, 和, 为, 自, 于): common names of the 1950s to 1970s.
# After a cue and before a firm end they are names (其妻魏向阳负责记账), not 向 + a word (issue 9).
STOP_GIVEN = frozenset("向东 向阳 向前 向荣 向明 向红 和平 为民 为国 自强 自立 自力 于洋 以宁 以诚".split())

NON_GIVEN = frozenset(
    "数半们个这那么什后前内外下性化者员类种项条款章节级次部门局处科所站院校区县市省镇乡村路街号楼室车票度率费税价额量"
    "法规例则案件证表单物品务布私共与或的地得着过了吗呢吧啊时须应该可能会要将已未被让使把给向对从由于在债权机房制"
)

# Characters that are both surnames and function words; 由于王明 is 王明, not 于王明.
AMBIGUOUS_SURNAMES = frozenset("于和同向将由经查据系令为及对给")

# An appointment notice: said in its title (the first lines), or by phrases only such notices use.
# 解除与王某的班组长聘任 in an accident report makes no appointment notice (ninth session).
_APPOINTMENT_TITLE_RE = re.compile(r"任命|任免|免去|聘任")
_APPOINTMENT_DOC_RE = re.compile(
    r"决定任命|决定免去|决定聘任|任前公示|拟任|拟提拔|干部任职|职务任免|同志任|同志为"
)
_TITLE_CHARS = 120
_CONTACT_ROLES = ("联系人", "联 系 人")
_MOBILE_ON_LINE_RE = re.compile(r"[^\n]{0,40}?(?<!\d)1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
_WORD_ROLE_RE = re.compile(r"(?:记录|出席|列席|承办|经办|校对|监制|主审)(?![人员：: \t])")
_FAMILY_CONTACT_RE = re.compile(r"(?:家属|亲属|家人|紧急)$")
_HONOURS_TITLE_RE = re.compile(r"表彰|嘉奖|通报表扬|荣誉称号")


def _title_end(norm: str) -> int:
    """Where a document's title ends: after its first two lines, at most ``_TITLE_CHARS`` characters."""
    first = norm.find("\n")
    second = norm.find("\n", first + 1) if first >= 0 else -1
    end = second if second >= 0 else len(norm)
    return min(end, _TITLE_CHARS)


MASKED_GIVEN = frozenset("某×*＊X○〇ⅩxΧ")


@dataclass(frozen=True)
class _Patterns:
    labels: re.Pattern
    bracket_labels: re.Pattern
    nouns: re.Pattern
    cue_words: re.Pattern
    followers: re.Pattern
    role_before: re.Pattern
    role_after: re.Pattern
    name_list: re.Pattern
    appointment_before: re.Pattern
    strong_right: re.Pattern
    attribute_after: re.Pattern
    medium_right: re.Pattern
    salutation: re.Pattern
    cell: re.Pattern
    evidence: re.Pattern


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


@functools.lru_cache(maxsize=8)
def _patterns(dicts: Dictionaries) -> _Patterns:
    labels = _alternation(dicts.cues.get("person_labels", []))
    nouns = _alternation(dicts.cues.get("person_nouns", []))
    roles = _alternation(dicts.cues.get("official_roles", []))
    roles_after_not_passive = "|".join(
        f"{re.escape(w)}(?<![受被]{re.escape(w)})"
        for w in sorted(set(dicts.cues.get("official_roles", [])), key=len, reverse=True)
        if w
    )
    verbs = _alternation(dicts.cues.get("appointment_verbs", []))
    all_cues = (
        dicts.cues.get("person_labels", [])
        + dicts.cues.get("person_nouns", [])
        + dicts.cues.get("official_roles", [])
        + dicts.cues.get("appointment_verbs", [])
    )
    name_run = f"[{HAN}{DOTS}]{{2,16}}(?:[（(][^（）()\\n]{{0,30}}[)）])?"
    return _Patterns(
        labels=re.compile(
            # 当事人甲：, 申请人一：— parties told apart by a letter or numeral before the colon.
            f"(?:{labels})(?:[甲乙丙丁一二三四](?=[ \\t]*[：:]))?(?:姓名|名称)?(?:[（(][{HAN}、]{{1,10}}[)）])?(?P<sep>[ \\t]*[：:][ \\t]*|[ \\t]+|)(?=[{HAN}])"
        ),
        # 乙方（被拆迁人）：王某 — a label in brackets after the party's role (issue 9, seventh session). Kept
        # apart from ``labels``: one pattern opening with either a bracket or a word scans ten times slower.
        bracket_labels=re.compile(f"[（(](?:{labels})[)）](?P<sep>[ \\t]*[：:][ \\t]*|[ \\t]+|)(?=[{HAN}])"),
        nouns=re.compile(f"(?P<noun>{nouns})(?=[{HAN}])"),
        cue_words=re.compile(_alternation(all_cues)),
        followers=re.compile(_alternation(FOLLOWERS)),
        # Other names may stand between the role and the name in a list (执法人员：李某、张某), not after a
        # comma (主任欧某主持，王某赔偿…: 王某 is no official).
        # ``(?<![受被])(?:{roles})…`` with the look-behind after each role, so that every alternative opens
        # with a literal and ``re`` skips to a possible first character in C (is_official is a hot path).
        role_before=re.compile(
            f"(?:{roles_after_not_passive})[ \\t]*[：:]?[ \\t]*(?:{name_run}[、；; \\t]+)*$"
        ),
        # …and 崔某（进学司法所所长）: a role closing a bracket after the organ's name.
        role_after=re.compile(
            f"[ \\t，,]?[（(]?(?:{roles})(?![{HAN}]{{0,1}}[：:])|[（(][^（）()\\n，,]{{0,16}}?(?:{roles})[)）]"
        ),
        name_list=re.compile(
            f"(?<![{HAN}])[{HAN}]{{2,4}}(?:、[{HAN}]{{2,4}})+(?![{HAN}])|(?<=[关于经查，,的])[{HAN}]{{2,4}}(?:、[{HAN}]{{2,4}})+"
        ),
        appointment_before=re.compile(f"(?:{verbs})[ \\t]*[：:]?[ \\t]*(?:{name_run}[、，,；; \\t]+)*$"),
        # The first character is taken by one class and each alternative checks it behind itself, so
        # that ``re`` skips in C to a possible first character. Same matches as the plain alternation
        # ``[，,（(][ \t]*[男女]…|[，,（(][ \t]*(?:公民)?身份…|…|先生|女士|等[ \t]*\d+…|[（(](?:妻|…)[)）]``.
        strong_right=re.compile(
            r"[，,（( \t先女等](?:"
            r"(?<=[，,（(])[ \t]*[男女]性?[ \t]*[，,）)、；;\s]"
            r"|(?<=[，,（(])[ \t]*(?:公民)?身份(?:证|号码)"
            r"|(?<=[，,（(])[ \t]*(?:现住|家住|户籍|住址|住所|住)"
            r"|(?<=[，,（( \t])[ \t]*开户(?:银?行|网点)"
            r"|(?<=[，,（(])[ \t]*\d{1,3}[ \t]*周?岁"
            # 赵本和（白族，户籍…）: a person's ethnic group in a bracket after the name.
            r"|(?<=[（(])[ \t]*[\u4e00-\u9fff]{1,3}族[，,、）)]"
            r"|(?<=先)生|(?<=女)士|(?<=等)[ \t]*(?:\d+|[一二三四五六七八九十百两]{1,4})[ \t]*(?:人|户|名)"
            r"|(?<=[（(])(?:妻|夫|子|女|父|母|长子|次子|长女|次女|儿子|女儿|儿媳|女婿|配偶|孙子|孙女|外孙|外孙女|本人|户主)[)）]"
            r")"
        ),
        attribute_after=re.compile(
            r"[，,（(][ \t]*(?:男|女|身份|公民身份|护照|往来|通行证|证件|电话|联系电话|手机|住|现住|家住|户籍|年龄|\d{1,3}岁|出生)"
        ),
        medium_right=re.compile(
            r"反映|来信|来访|来电|投诉|举报|诉称|驾驶|驾车|涉嫌|违反|擅自|未经|户籍|一家|夫妇|同志|申请|提出"
            # Every alternative opens with a literal (the look-behind of 系 after it, 系|为|是 spelt out)
            # so that ``re`` skips to a possible first character in C; same matches as with
            # ``(?<![联关])系(?![统列数])`` and ``(?:系|为|是)(?:该|本|涉案)``.
            r"|系(?<![联关]系)(?![统列数])|本人|陈述|自述|签订|签字|签名|代为|继续|冒领|退缴|缴纳|病故|去世|死亡|公告送达"
            r"|系(?:该|本|涉案)|为(?:该|本|涉案)|是(?:该|本|涉案)|在(?:询问)?笔录|在现场|于[次当同翌]日"
            r"|辩称|答辩称|伙同|供认|经手|生前|表示|共有的|不慎遗失|不慎丢失"
            r"|居住|出庭|到庭|之母|之父|之子|之女|之妻|之夫"
            r"|于[ \t]*\d|因[^\n]{0,3}"
        ),
        salutation=re.compile(
            f"(?m)^[ \\t]*(?:尊敬的)?(?P<name>[{HAN}{DOTS}]{{2,16}}?)(?P<hon>先生|女士|同志|老师|家长)?[ \\t]*[：:]"
        ),
        cell=re.compile(
            # Up to ten characters: a Uyghur name without a dot (阿布都热依木热西提) fills a cell too.
            f"(?m)(?:^|(?<=[\\s|｜.、．)）]))(?P<name>[{HAN}]{{2,10}}+)(?=[\\s|｜]|$)"
            f"|^[ \\t]*(?:\\d{{1,3}}[ \\t.、．)）]+)?(?P<head>[{HAN}]{{2,4}})(?=[，,（(：:])"
        ),
        evidence=re.compile(
            r"(?<![\u4e00-\u9fff])[男女](?![\u4e00-\u9fff])|\d{1,3}[ \t]*岁|户主|本人|配偶|之子|之女"
            # A household's standing in an assistance list (1.王某，某村，低保对象；), ninth session.
            r"|低保|特困|五保|脱贫户|困难户|家庭人口|残疾"
        ),
    )


class _Words:
    """A word list answering what ``re.compile(_alternation(words))`` answers as a bool, with ``str``
    look-ups instead of a regular expression of hundreds of alternatives (the name rules' hot path)."""

    def __init__(self, words: list[str] | tuple[str, ...]) -> None:
        self.words = frozenset(w for w in words if w)
        by_first: dict[str, list[str]] = {}
        for w in self.words:
            by_first.setdefault(w[0], []).append(w)
        self.by_first = {ch: tuple(ws) for ch, ws in by_first.items()}
        self.lengths = tuple(sorted({len(w) for w in self.words}))

    def at(self, text: str, pos: int) -> bool:
        """``bool(pattern.match(text, pos))``: a word starts at ``pos``."""
        if pos < 0:
            pos = 0
        words = self.by_first.get(text[pos : pos + 1])  # none past the end
        return words is not None and text.startswith(words, pos)

    def long_at(self, text: str, pos: int) -> bool:
        """A word of two or more characters starts at ``pos``."""
        return pos < len(text) and any(
            len(w) > 1 and text.startswith(w, pos) for w in self.by_first.get(text[pos], ())
        )

    def ends_at(self, text: str, end: int, lengths: range) -> bool:
        """A word of one of ``lengths`` ends at ``end`` (``pattern.fullmatch(text, end - n, end)``)."""
        return any(end - n >= 0 and text[end - n : end] in self.words for n in lengths)


@functools.lru_cache(maxsize=8)
def _cue_words(dicts: Dictionaries) -> _Words:
    """The words of ``_Patterns.cue_words``."""
    return _Words(
        dicts.cues.get("person_labels", [])
        + dicts.cues.get("person_nouns", [])
        + dicts.cues.get("official_roles", [])
        + dicts.cues.get("appointment_verbs", [])
    )


FOLLOWER_WORDS = _Words(FOLLOWERS)
_HAN_ONLY_RE = re.compile(f"[{HAN}]*")
_DOT_SET = frozenset(DOTS)
_DOT_SPLIT_RE = re.compile(f"[{re.escape(DOTS)}]")
# What may stand before a name opening a line: spaces, a list number (1. 1、 (1)), a label and a colon.
_LINE_PREFIX_RE = re.compile(r"[ \t]*(?:[(（]?\d{1,3}[.．、)）]?[ \t]*)?(?:[\u4e00-\u9fff]{2,6}[：:][ \t]*)?")
_ORG_SUFFIX_SET = frozenset(ORG_SUFFIXES)
_NAMEABLE_PLACE_END = frozenset("镇桥港岛州")
_ORG_SUFFIX_MAX = max(len(suf) for suf in ORG_SUFFIXES)
_ORG_INSIDE_RE = re.compile("公司|合作社|委员会|有限|集团")


@functools.lru_cache(maxsize=8)
def _person_words(dicts: Dictionaries) -> frozenset[str]:
    """Person labels and nouns (承租人, 村民, 其妻子): a word for a private person."""
    return frozenset(dicts.cues.get("person_labels", []) + dicts.cues.get("person_nouns", []))


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@functools.lru_cache(maxsize=1 << 16)
def _minority_name(model: NameModel, cand: str) -> bool:
    """``NameContext.minority`` of a candidate: it depends on the characters alone, and the same runs
    come up in text after text (cached for the process; the model is hashed by identity)."""
    if not _DOT_SET.isdisjoint(cand):
        # 排孜拉·艾克拜尔: each part mostly transliteration characters, whatever the first one.
        parts = _DOT_SPLIT_RE.split(cand)
        # …but only Han parts: 人：阿扎提•艾尼瓦尔，联 (before the 系 of 联系电话) is no name.
        if not all(parts) or not all(is_han(c) for part in parts for c in part):
            return False
        return all(model.translit_share(p) >= 0.6 for p in parts)
    if cand[0] not in model.first_chars:
        return False
    # Two Uyghur names without a dot run to ten characters (古丽巴哈尔艾尼瓦尔).
    return len(cand) <= 10 and model.is_minority(cand)


class NameContext:
    """Per-text state shared by the name rules."""

    def __init__(self, norm: str, dicts: Dictionaries, model: NameModel | None = None) -> None:
        self.norm = norm
        self.dicts = dicts
        self.model = model
        self.p = _patterns(dicts)
        self.cues = _cue_words(dicts)
        self.person_words = _person_words(dicts)
        self.memo: dict[tuple, str] = {}  # rule results reused by a later pass over the same spans
        self.sanctioned: set[str] = set()  # names a sanction is imposed on (names/sanctioned.py)
        # 关于表彰…的决定: the people honoured (王某同志) are named to be known.
        self.honours_doc = bool(_HONOURS_TITLE_RE.search(norm, 0, _title_end(norm)))
        self.appointment_doc = bool(
            _APPOINTMENT_DOC_RE.search(norm) or _APPOINTMENT_TITLE_RE.search(norm, 0, _title_end(norm))
        )

    def surname_len(self, pos: int) -> int:
        """1 or 2 for a (compound) surname at ``pos``, 0 otherwise."""
        if self.norm[pos : pos + 2] in self.dicts.compound_surnames:
            return 2
        return 1 if self.norm[pos : pos + 1] in self.dicts.surnames else 0

    def boundary(self, i: int) -> bool:
        """True when a name may end before position ``i``."""
        norm = self.norm
        if i >= len(norm) or not is_han(norm[i]):
            return True
        return norm[i] in STOP_CHARS or FOLLOWER_WORDS.at(norm, i)

    def firm_end(self, i: int) -> bool:
        """True when what follows ``i`` clearly closes a name: a follower word, a clause mark, 于/在 + date."""
        norm = self.norm
        if i >= len(norm) or norm[i] in "，,（(：:；;。":
            return True
        if norm[i] in "于在" and i + 1 < len(norm) and norm[i + 1].isdigit():
            return True
        if norm[i] == "于" and i + 1 < len(norm) and norm[i + 1] in "次当同翌本":
            return True  # 于次日缴清
        return FOLLOWER_WORDS.at(norm, i)

    def left_ok(self, s: int) -> bool:
        """True when a name may start at ``s`` (not in the middle of a word)."""
        if s == 0 or not is_han(self.norm[s - 1]):
            return True
        if self.norm[s - 1] in LEFT_FUNC or self.norm[s - 2 : s] in LEFT_WORDS:
            return True
        # 2单元2001室的宫某因…: after a dwelling and 的, its occupant.
        if self.norm[s - 1] == "的" and s > 1 and self.norm[s - 2] in "室号户栋幢":
            return True
        if self.norm[s - 1] in PERSON_WORD_ENDS and self.norm[s - 1 : s + 1] not in common_words():
            return True
        # A cue of two to seven characters ending at ``s`` lies in the eight before it, so the former
        # ``cue_words.search(norm, s - 8, s)`` before this test added nothing.
        return self._cue_ends_at(s)

    def _after_word(self, s: int, slen: int, end: int) -> bool:
        """A word ends at ``s`` and none crosses it, and the given name is no frequent word (规划区范围)."""
        norm = self.norm
        if s < 2 or norm[s - 2 : s] not in common_words() or norm[s - 1 : s + 1] in common_words():
            return False
        return norm[s + slen : end] not in frequent_words() and not self.wordlike(s, end, after_cue=True)

    def _cue_ends_at(self, s: int) -> bool:
        return self.cues.ends_at(self.norm, s, range(2, 8))

    def plausible(self, s: int, e: int, *, need_surname: bool = True) -> bool:
        """Shape checks every candidate passes: no masked or stop characters, not a known word."""
        norm = self.norm
        cand = norm[s:e]
        if self.syllabic(s, e):
            return self._minority_plausible(s, e)
        if not 2 <= len(cand) <= 4 or not _HAN_ONLY_RE.fullmatch(cand):
            return False
        slen = self.surname_len(s)
        if need_surname and not slen:
            return False
        slen = slen or 1
        given = cand[slen:]
        if not given or len(given) > 2:
            return False
        if not MASKED_GIVEN.isdisjoint(given):
            return False
        if not STOP_CHARS.isdisjoint(given) and (len(given) < 2 or self.score(s, e) < SCORE_ALONE):
            if given not in STOP_GIVEN or not self.firm_end(e):
                return False
        if cand in self.dicts.not_names or cand[:3] in self.dicts.not_names:
            return False
        # 王府井 starts with the word 王府; 周一鸣 starts with 周一 but ends in a given-name character.
        if len(cand) > 2 and cand[:2] in self.dicts.not_names and cand[2] not in self.dicts.given_name_chars:
            return False
        if self.cues.at(norm, s) or norm.startswith(HONORIFICS, s + slen):
            return False
        if self.cues.at(norm, s + slen):  # 任主任, 王局长: a role, not a given name
            return False
        if (cand[-1] in PLACE_END and not self.attributed_place_end(s, e)) or (
            e < len(norm) and norm[e] in PLACE_END
        ):
            return False
        return True

    def attributed_place_end(self, s: int, e: int) -> bool:
        """李贤镇，男，: a given name may end in a place character that is also a name character (镇, 桥,
        港) when a person's attribute (，男 ，身份证 ，住) follows at once (issue 9)."""
        if self.norm[e - 1] not in _NAMEABLE_PLACE_END:
            return False
        if self.p.attribute_after.match(self.norm, e):
            return True
        # 低保户郑贤镇家中, 你哥哥李文桥领取: a person word before and a person's word after (seventh session).
        return FOLLOWER_WORDS.long_at(self.norm, e) and self._cue_ends_at(s)

    def wordlike(self, s: int, e: int, *, after_cue: bool = False) -> bool:
        """True when the candidate is an ordinary word (jieba's dictionary) or has a non-name character."""
        cand = self.norm[s:e]
        slen = self.surname_len(s) or 1
        if cand[slen:] in STOP_GIVEN and self.surname_len(s):
            return False  # 魏向阳, 张和平: a name, though 向阳 and 和平 are words
        given = cand[slen:]
        if given[-1:] in _NAMEABLE_PLACE_END and self.attributed_place_end(s, e):
            given = given[:-1]  # 郑贤镇家中: the place character was vouched for by the words around it
        if any(c in NON_GIVEN and c not in self.dicts.given_name_chars for c in given):
            return True
        words = common_words()
        if cand in words:
            return True
        # 对于依…, 专业主管机关: the first character closes a word with the one before it.
        if not after_cue and s > 0 and self.norm[s - 1 : s + 1] in words:
            return True
        # 公益林, 过程中, 国籍国: a word plus one character; 双方均 after a bare 当事人; 原约定: 原 + a verb.
        if len(cand) > 2 and slen == 1 and (cand[:2] in frequent_words() or cand[:2] in self.dicts.not_names):
            return True
        return len(cand) - slen == 2 and cand[slen:] in verbish_words()

    def given_known(self, s: int, e: int) -> bool:
        slen = self.surname_len(s) or 1
        return all(c in self.dicts.given_name_chars for c in self.norm[s + slen : e])

    def score(self, s: int, e: int) -> float:
        """The name model's score of a surname + given-name candidate (minus infinity without a model)."""
        if self.model is None:
            return float("-inf")
        return self.model.score(self.norm[s:e], self.surname_len(s) or 1)

    def given_ok(self, s: int, e: int, threshold: float = SCORE_AFTER_CUE) -> bool:
        """Known given-name characters, or a name-model score of at least ``threshold``."""
        return self.given_known(s, e) or self.minority(s, e) or self.score(s, e) >= threshold

    def minority(self, s: int, e: int) -> bool:
        """A name with no surname: minority syllables (德吉央宗) or a dotted transliteration (买买提·艾力)."""
        if self.model is None or not 2 <= e - s <= 16:
            return False
        return _minority_name(self.model, self.norm[s:e])

    def syllabic(self, s: int, e: int) -> bool:
        """A minority name, a single two-character syllable (卓玛, 德庆) or a transliteration-shaped run
        (吉日嘎拉, 道尔吉) where a cue anchors it."""
        if self.minority(s, e) or self.translit_shaped(s, e):
            return True
        return self.model is not None and e - s == 2 and self.model.syllable_count(self.norm[s:e]) == 1

    def translit_shaped(self, s: int, e: int) -> bool:
        """Three to eight characters, all but one of them transliteration characters, no ordinary word."""
        if self.model is None or not 3 <= e - s <= 8:
            return False
        cand = self.norm[s:e]
        if cand[0] not in self.model.translit or not all(is_han(c) for c in cand) or cand in common_words():
            return False
        misses = sum(1 for c in cand if c not in self.model.translit)
        if misses > (1 if e - s >= 5 else 0) or any(c in STOP_CHARS for c in cand[1:]):
            return False
        # 因保密原因: a run holding an ordinary word is prose, however foreign its characters look.
        return not any(cand[i : i + 2] in frequent_words() for i in range(len(cand) - 1))

    def _minority_plausible(self, s: int, e: int) -> bool:
        cand = self.norm[s:e]
        if cand in self.dicts.not_names or self.cues.at(self.norm, s):
            return False
        return not (e < len(self.norm) and self.norm[e] in PLACE_END)

    def minority_at(self, pos: int) -> tuple[int, int] | None:
        """The longest minority or dotted name starting at ``pos`` that ends where a name may end."""
        if self.model is None:
            return None
        norm = self.norm
        m = DOTTED_RE.match(norm, pos)
        if m:
            end = dotted_end(self, m.end())
            if end and self.minority(pos, end):
                return pos, end
        for end in range(min(len(norm), pos + 8), pos + 1, -1):
            if self.minority(pos, end) and (self.boundary(end) or self.firm_end(end)):
                return pos, end
        return None

    def _translit_at(self, pos: int) -> tuple[int, int] | None:
        """A transliteration-shaped name after a cue, closed firmly (晋美多吉：, 道尔吉，)."""
        if self.model is None:
            return None
        for end in range(min(len(self.norm), pos + 8), pos + 2, -1):
            if self.firm_end(end) and self.translit_shaped(pos, end):
                return pos, end
        return None

    def _stop_char_name(self, pos: int, slen: int) -> bool:
        end = pos + slen + 2
        if self.model is None or end > len(self.norm) or not all(is_han(c) for c in self.norm[pos:end]):
            return False
        if not self.firm_end(end):
            return False
        threshold = SCORE_AFTER_CUE if self.norm[pos + slen : end] in STOP_GIVEN else SCORE_ALONE
        return self.score(pos, end) >= threshold

    def _rare_surname_name(self, pos: int) -> bool:
        """Three characters after a cue, firmly closed, whose given name scores high (禤汐彬, 眭长江)."""
        norm = self.norm
        cand = norm[pos : pos + 3]
        if (
            self.model is None
            or len(cand) < 3
            or not all(is_han(c) for c in cand)
            or not self.firm_end(pos + 3)
        ):
            return False
        return cand not in common_words() and self.model.score("王" + cand[1:], 1) >= SCORE_ALONE

    def _syllable_at(self, pos: int) -> tuple[int, int] | None:
        """One two-character minority syllable (德庆, 卓玛) closed firmly, right after a cue."""
        if self.model is None:
            return None
        if self.model.syllable_count(self.norm[pos : pos + 2]) == 1 and self.firm_end(pos + 2):
            return pos, pos + 2
        return None

    def line_head_name(self, end: int) -> int | None:
        """曲比拉且，住…: a run opening its line (after a number or a label) before a personal attribute is
        the person, whatever its syllables, when it holds no ordinary word. Returns where it starts."""
        if self.model is None:
            return None
        start = self._line_head(end)
        if start is None or not 2 <= end - start <= 10:
            return None
        # A surname and one or two given characters is left to the usual checks (王建国，住…).
        slen = self.surname_len(start)
        if slen and end - start <= slen + 2:
            return None
        return start if unknown_name(self, start, end, 10) else None

    def _line_head(self, end: int) -> int | None:
        """Where the Han run ending at ``end`` starts, when it opens its line (maybe after 1. or a label:)."""
        norm = self.norm
        s = end
        while s > 0 and is_han(norm[s - 1]):
            s -= 1
        if s == end:
            return None
        line_start = norm.rfind("\n", 0, s) + 1
        head = norm[line_start:s]
        if not head.strip(" \t") or _LINE_PREFIX_RE.fullmatch(head):
            return s
        return None

    def minority_before(self, end: int) -> tuple[int, int] | None:
        """The longest minority or dotted name ending at ``end`` that starts where a name may start."""
        if self.model is None:
            return None
        norm = self.norm
        for s in range(max(0, end - 16), end - 1):
            if not is_han(norm[s]) or not self.minority(s, end):
                continue
            # 达尼亚尔·阿布都拉与乔涵继系…: a dotted name ends where its last part ends (before 与).
            if not _DOT_SET.isdisjoint(norm[s:end]) and dotted_end(self, end) != end:
                continue
            if s == 0 or not is_han(norm[s - 1]) or self.left_ok(s) or norm[s - 1] in "的":
                return s, end
        return None

    def is_org_run(self, s: int) -> bool:
        """True when the Han run starting at ``s`` names an organisation (当事人：某某商贸有限公司)."""
        norm = self.norm
        i = s
        while i < len(norm) and i - s < 30 and is_han(norm[i]):
            if i - s >= 2 and (norm[i] in STOP_CHARS or norm[i] == "、" or FOLLOWER_WORDS.at(norm, i)):
                break
            i += 1
        run = norm[s:i]
        if len(run) <= 2:
            return False
        # Set look-ups of the run's last characters instead of a loop over the suffixes (a hot path).
        if any(run[-n:] in _ORG_SUFFIX_SET for n in range(1, min(len(run) - 1, _ORG_SUFFIX_MAX) + 1)):
            return True
        return len(run) >= 4 and bool(_ORG_INSIDE_RE.search(run))

    def forward(self, pos: int, *, strong: bool) -> tuple[int, int] | None:
        """The name starting at ``pos`` after a cue; ``strong`` accepts an unlisted surname."""
        norm = self.norm
        minority = self.minority_at(pos) or self._syllable_at(pos) or self._translit_at(pos)
        if minority:
            return None if self.is_org_run(pos) else minority
        slen = self.surname_len(pos)
        if not slen:
            if not strong and not self._rare_surname_name(pos):
                return None
            if norm[pos] in STOP_CHARS:  # 申领人　与逝者关系: a function word, no unlisted surname
                return None
            slen = 1
        g = pos + slen
        if g < len(norm) and norm[g] in STOP_CHARS and self._stop_char_name(pos, slen):
            return pos, pos + slen + 2  # 韩向东, 李和平: a given name starting with a function word
        if g >= len(norm) or not is_han(norm[g]) or norm[g] in STOP_CHARS:
            return None
        if FOLLOWER_WORDS.at(norm, g):
            return None
        if self.boundary(g + 1):
            end = g + 1
        elif self.boundary(g + 2):
            end = g + 2
        elif g + 1 < len(norm) and norm[g + 1] in self.dicts.given_name_chars:
            end = g + 2
        else:
            end = g + 1
        if self.is_org_run(pos):
            return None
        dated = end + 1 < len(norm) and norm[end] in "于在" and norm[end + 1].isdigit()
        firm = (
            FOLLOWER_WORDS.at(norm, end)
            or dated
            or bool(self.p.attribute_after.match(norm, end))
            or (self.firm_end(end) and (end - pos >= 3 or self.given_ok(pos, end)))
        )
        if not strong and not ((self.boundary(end) and self.given_ok(pos, end)) or firm):
            # 证人赵勇到庭陈述, 从建东入院时: the third character opens a word with the next one, so the
            # name is the two before it (issue 9, seventh session).
            if end - g <= 2 and self._word_after_single(pos, g):
                end = g + 1
            elif not self.likely_full_name(pos, end, slen) and not (
                slen == 1 and norm[pos] in FUNCTION_LIKE_SURNAMES and self._function_surname_full(pos, end)
            ):
                # Without a colon the cue may sit inside a longer word (行业主管部门, 当事人向人民法院).
                return None
        if not strong and slen == 1 and norm[pos] in FUNCTION_LIKE_SURNAMES:
            # 其配偶谈兵为保证人, 证人应海民到庭: a person's word closing the run vouches for a function-word
            # surname whose given name is plausible and no ordinary word (issue 9, seventh session).
            vouched = (
                FOLLOWER_WORDS.long_at(norm, end)
                and self.given_ok(pos, end)
                and norm[pos:end] not in common_words()
                and _given_not_word(norm[pos + 1 : end])
            ) or self._function_surname_full(pos, end)
            if not vouched and (end - pos < 3 or self.score(pos, end) < SCORE_ALONE):
                return None
        return pos, end

    def _function_surname_full(self, pos: int, end: int) -> bool:
        """四邻时春生填埋, 村民向振东: after a person word, a function-word surname and two given-name
        characters that make no word, with none across either end (eleventh session)."""
        norm = self.norm
        given = norm[pos + 1 : end]
        return (
            end - pos == 3
            and self.given_known(pos, end)
            and given not in verbish_words()
            and given not in staple_words()
            and norm[pos:end] not in common_words()
            and norm[pos : pos + 2] not in common_words()
            and norm[end - 1 : end + 1] not in common_words()
            # …and what follows is what a person does or a clause mark, not a noun (向国家知识产权局).
            and (
                self.firm_end(end)
                or norm[end : end + 1] in STOP_CHARS
                or norm[end : end + 2] in verbish_words()
            )
        )

    def likely_full_name(self, pos: int, end: int, slen: int) -> bool:
        """市民龚海涛听到呼救: after a person word, a surname and two given characters the name model
        favours strongly, no ordinary word and none across its end, are a name whatever follows."""
        norm = self.norm
        cand = norm[pos:end]
        if (
            end - pos != slen + 2
            or norm[pos] in FUNCTION_LIKE_SURNAMES
            or self.score(pos, end) < SCORE_FULL_NAME
        ):
            return False
        if cand in common_words() or norm[end - 1 : end + 1] in common_words():
            return False
        if norm[end - 1] in "一二三四五六七八九十两" and end < len(norm) and norm[end] in "人名户位个":
            return False  # 欧阳明三人: a head count after the name
        # 黄海涛: a name opening with a frequent word (黄海), which ``wordlike`` rejects, needs a very high
        # score and a given name that is neither a verb nor holds a character no name has.
        if cand[:2] in frequent_words() and self.score(pos, end) >= SCORE_WORD_OPENING:
            given = cand[slen:]
            odd = any(c in NON_GIVEN and c not in self.dicts.given_name_chars for c in given)
            return not odd and given not in verbish_words() and given not in common_words()
        return not self.wordlike(pos, end, after_cue=True)

    def _word_after_single(self, pos: int, g: int) -> bool:
        """True when ``norm[pos:g + 1]`` is a surname and one given-name character that a plausible
        name model accepts, and the two characters after it make an ordinary word (到庭, 入院, 应于)."""
        norm = self.norm
        after = norm[g + 1 : g + 3]
        if len(after) < 2 or after not in common_words() or norm[g : g + 2] in common_words():
            return False
        return self.plausible(pos, g + 1) and self.score(pos, g + 1) >= SCORE_ALONE

    def backward(self, end: int, *, strong: bool) -> tuple[int, int] | None:
        """The name ending at ``end`` before a follower cue."""
        norm = self.norm
        if strong:
            start = self.line_head_name(end)
            if start is not None:
                return start, end
        minority = self.minority_before(end)
        if minority:
            return minority
        if self.model is not None and end >= 2 and self.model.syllable_count(norm[end - 2 : end]) == 1:
            if self.left_ok(end - 2) and not self.surname_len(end - 2):
                return end - 2, end
        if self.model is not None:
            for s in range(max(0, end - 8), end - 2):
                if self.translit_shaped(s, end) and self.left_ok(s):
                    return s, end
        options = []
        for length in (4, 3, 2):
            s = end - length
            if s < 0:
                continue
            slen = self.surname_len(s)
            if not slen or length - slen not in (1, 2):
                continue
            if not self.plausible(s, end):
                continue
            options.append((s, slen))
        if not options:
            return None
        for s, slen in options:
            # 由于王明，男: prefer 王明 over 于王明 when the "surname" is also a function word.
            # …unless the function word makes no word with the character before it (经查，于海波系, 据于海波).
            if (
                slen == 1
                and norm[s] in AMBIGUOUS_SURNAMES
                and end - s == 3
                and self.surname_len(s + 1)
                and s > 0
                and norm[s - 1 : s + 1] in common_words()
            ):
                continue
            function_like = slen == 1 and norm[s] in FUNCTION_LIKE_SURNAMES
            if not strong and (function_like or (s > 0 and norm[s - 1].isdigit())):
                continue
            # 郑开水系连通: the last character and the follower make a word (水系), not a name and a verb;
            # a follower of two characters or more stands as it is (黎大勇夫妇: 勇夫 is a word too).
            if (
                not strong
                and norm[end - 1 : end + 1] in common_words()
                and not FOLLOWER_WORDS.long_at(norm, end)
            ):
                continue
            # 拖欠杜小川等二十六名农民工: before a strong cue, a name may also open after a verb that ends
            # where it begins (拖欠 is a word, 欠杜 is none).
            if self.left_ok(s) or (strong and self._after_word(s, slen, end)):
                # 于向阳系…: a given name of the 1950s–70s that is also a word (STOP_GIVEN), closed firmly.
                era_name = norm[s + slen : end] in STOP_GIVEN and self.firm_end(end)
                if strong or era_name or self.given_ok(s, end):
                    return s, end
        return None


# Bodies of private people whose offices (主任, 委员) are no public office: owners' committees.
# …and of a firm's own units: 车间主任, 班组长, 门店经理 (eleventh session).
_PRIVATE_BODY_RE = re.compile(
    r"(?:业主委员会|业委会|业主大会|业主代表大会|车间|班组|项目部|门店|物业公司|物业服务中心)[ \t]*(?:原|前)?(?:副)?$"
)


def is_official(ctx: NameContext, s: int, e: int) -> bool:
    """A public official named in role: 局长王某, 执法人员：李某、张某, 任命王某某为…, 王某副市长."""
    norm = ctx.norm
    if norm[s:e] in ctx.sanctioned:  # 原副局长王某 … 王某受到警告处分: the subject of a sanction
        return False
    line_start = norm.rfind("\n", 0, s) + 1
    before = norm[max(line_start, s - 60) : s]
    role = ctx.p.role_before.search(before)
    # 考勤记录及员工阚某、丁某: a role that is also an ordinary word (记录, 出席) is one only before a colon
    # or a space (记录：王某), not run on into the sentence.
    if role and _WORD_ROLE_RE.match(before, role.start()):
        role = None
    if role:
        # 业委会主任王某: an office of the owners' own body, not of the state (a private person).
        if _PRIVATE_BODY_RE.search(before, 0, role.start()):
            return False
        # 联系人：宁某　159…: a contact person with a mobile on the line is a private person (寻亲公告), and
        # so is a family's contact (家属联系人林某, 迁坟公告).
        contact = role.group().lstrip().startswith(_CONTACT_ROLES)
        return not (
            contact
            and (_MOBILE_ON_LINE_RE.match(norm, e) or _FAMILY_CONTACT_RE.search(before, 0, role.start()))
        )
    if ctx.p.appointment_before.search(before):
        return True
    if ctx.honours_doc and norm.startswith("同志", e):
        return True
    return bool(ctx.p.role_after.match(norm, e))


def occurrences(text: str, sub: str) -> Iterator[int]:
    """Start offsets of ``sub`` in ``text``, not overlapping (no pattern compiled per name)."""
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + len(sub))


def official_anywhere(ctx: NameContext, name: str) -> bool:
    """``name`` is named in role somewhere in the text (镇党委书记杨某 … 杨某表示)."""
    return any(named_in_role(ctx, i, i + len(name)) for i in occurrences(ctx.norm, name))


def named_in_role(ctx: NameContext, s: int, e: int) -> bool:
    """``is_official`` with nobody else between the role and the name (镇党委书记杨文军, not 主任王某主持，李某)."""
    if not is_official(ctx, s, e):
        return False
    line_start = ctx.norm.rfind("\n", 0, s) + 1
    role = ctx.p.role_before.search(ctx.norm[max(line_start, s - 60) : s])
    return role is None or not any(c in "、，,；;" for c in role.group())


def dotted_end(ctx: NameContext, end: int) -> int:
    """Where a dotted name ends: its last part stops before a follower word or a non-name character."""
    norm = ctx.norm
    last = max(norm.rfind(d, 0, end) for d in DOTS) + 1
    k = last
    while k < end and (k - last < 2 or not (_stops_dotted(ctx, k) or ctx.p.followers.match(norm, k))):
        if ctx.model is None or norm[k] not in ctx.model.translit:
            break
        k += 1
    return k if k - last >= 1 else 0


def _stops_dotted(ctx: NameContext, k: int) -> bool:
    """A function character ends a dotted name's last part, unless it is a transliteration syllable
    between two more (阿布都拉: 都 then 拉, neither a function word)."""
    norm = ctx.norm
    if norm[k] not in STOP_CHARS:
        return False
    translit = ctx.model.translit if ctx.model is not None else frozenset()
    nxt = norm[k + 1 : k + 2]
    return not (norm[k] in translit and nxt and nxt in translit and nxt not in STOP_CHARS)


# Ends of place names (王祥河, 郭坪河): a run ending so is a river, a ridge or a hamlet, not a person.
GEO_END = frozenset("河湖沟渠塘坪岭屯洼滩涧溪")


def other_run(ctx: NameContext, s: int, e: int, longest: int = 6) -> str:
    """``other``: a run that is a name only inside a list of names (no word, no cue, no place)."""
    cand = ctx.norm[s:e]
    if not 2 <= e - s <= longest or not all(is_han(c) for c in cand) or cand in common_words():
        return ""
    if cand[-1] in GEO_END:
        return ""
    if cand in ctx.dicts.not_names or ctx.p.cue_words.search(cand) or cand[-1] in PLACE_END:
        return ""
    # 低保边缘户, 脱贫户: a household's standing, not its head.
    if cand[-1] == "户":
        return ""
    # 突发疾病, 交通事故: two frequent words make a phrase (the cause cell of a relief table), no name.
    if len(cand) == 4 and cand[:2] in frequent_words() and cand[2:] in frequent_words():
        return ""
    return "other"


def unknown_name(ctx: NameContext, s: int, e: int, longest: int = 6) -> bool:
    """A run of unknown make-up where only a person can stand (送达对象…：, an addressed line)."""
    cand = ctx.norm[s:e]
    if ctx.model is None or not other_run(ctx, s, e, longest) or ctx.is_org_run(s):
        return False
    if any(c in MASKED_GIVEN for c in cand):
        return False
    # 和 of 额日和木, 其 of 其木格: a function character that is also a syllable's may stand inside.
    if any(c in STOP_CHARS and c not in ctx.model.syllable_chars for c in cand[1:]):
        return False
    # 当事人单方申请： is prose: an ordinary word inside the run.
    return ctx.minority(s, e) or not any(cand[i : i + 2] in frequent_words() for i in range(len(cand) - 1))


def labelled_plausible(ctx: NameContext, s: int, e: int) -> bool:
    cand = ctx.norm[s:e]
    if ctx.syllabic(s, e):
        return ctx._minority_plausible(s, e)
    if not 2 <= len(cand) <= 4 or cand in ctx.dicts.not_names:
        return False
    if not MASKED_GIVEN.isdisjoint(cand[1:]) or (
        cand[-1] in PLACE_END and not ctx.attributed_place_end(s, e)
    ):
        return False
    if e < len(ctx.norm) and ctx.norm[e] in PLACE_END:
        return False
    return not ctx.cues.at(ctx.norm, s)


def _given_not_word(given: str) -> bool:
    """A given name after a function-word surname that is no ordinary word, or only a rare noun-like one:
    应海民, 应山海 (海民, 山海 are words of names) but not 应依法, 应按时 (frequent words, adverbs, verbs)."""
    if given not in common_words():
        return True
    return len(given) == 2 and given not in verbish_words() and given not in frequent_words()
