"""Chinese person-name detection from context cues and dictionaries (work-plan task 26).

A name is a surname (单姓 or 复姓) plus one or two given-name characters. A bare run of Han characters
is never enough: a candidate needs a cue — a label (``当事人：``), a noun (``村民``), a follower
(``，男，``, ``先生``, ``反映``), a salutation line (``王某某：`` followed by ``您``), a table row
carrying other personal data, or an earlier confirmed occurrence in the same text. Public officials
named in their role (``局长王某``, ``执法人员：李某``, appointment notices) are kept.

With the name model (``namemodel.py``, issue 9) a second signal joins the cues: a likelihood score for
surname + given name, names with no surname (minority syllables, dotted transliterations), runs standing
alone in lists and tables, ordinary words used as names after a strong cue, and document consistency
(a party laid out like a confirmed one, a confirmed name split across table cells).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from gongkai.review.deidentify.dictionaries import Dictionaries, common_words, frequent_words, verbish_words
from gongkai.review.deidentify.findings import PERSON_NAME, Finding
from gongkai.review.deidentify.namemodel import DOTS, NameModel

HAN = "\u4e00-\u9fff"
_HAN_RE = re.compile(f"[{HAN}]")

# Name-model thresholds (natural-log likelihood ratios, see namemodel.py), set on the dev bench part.
SCORE_AFTER_CUE = 1.5  # a weak cue (村民, 反映) and a plausible given name
SCORE_ALONE = 7.0  # a short Han run standing alone between punctuation, no cue at all
SCORE_IN_LIST = -3.5  # an item of a list of names (numbered lines, 、-joined runs, table rows)
SCORE_WORD_NAME = 0.0  # an ordinary word (江山, 文华) right after a person label or before 驾驶
_DOTTED_RE = re.compile(f"[{HAN}]+(?:[{re.escape(DOTS)}][{HAN}]+)+")

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
PLACE_END = frozenset("区县市省镇乡村路街道巷号楼室局厅委办处科院所站队会社司厂店馆校部组州岛港湾桥")
ORG_SUFFIXES = (
    "有限公司 有限责任公司 公司 集团 合作社 委员会 政府 中心 医院 学校 学院 大学 幼儿园 商行 商店 经营部 门市部 超市"
    " 饭店 酒店 宾馆 诊所 药店 药房 工作室 事务所 研究所 管理局 管理处 分局 支队 大队 中队 派出所 养殖场 加工厂 厂 店 馆"
).split()
# Left neighbours after which a name may start inside a Han run (经查王某, 与李某).
LEFT_FUNC = frozenset("与和及同对向将被由给让请经查据系令叫是为称把跟替帮、即")
# Surnames that far more often begin an ordinary word after a bare cue (当事人向…, 申请人应当…, 主管部门).
FUNCTION_LIKE_SURNAMES = frozenset("和向应都第从由同将经查据系令为及对给把被让在来过时")
# Characters seen in ordinary words but hardly ever in given names (公布, 过半数, 车票).
NON_GIVEN = frozenset(
    "数半们个这那么什后前内外下性化者员类种项条款章节级次部门局处科所站院校区县市省镇乡村路街号楼室车票度率费税价额量"
    "法规例则案件证表单物品务布私共与或的地得着过了吗呢吧啊时须应该可能会要将已未被让使把给向对从由于在债权机房制"
)
# Characters that are both surnames and function words; 由于王明 is 王明, not 于王明.
AMBIGUOUS_SURNAMES = frozenset("于和同向将由经查据系令为及对给")

# Rules of the name model; in an appointment notice they stay silent like the unlabelled rules.
_MODEL_RULES = frozenset(
    {"dotted_name", "minority_name", "name_model", "name_model_list", "counted_list", "same_layout"}
)
_APPOINTMENT_DOC_RE = re.compile(r"任命|任免|免去|聘任|任前公示|拟任|拟提拔|干部任职|职务任免|同志任|同志为")
_ADDRESSED_BODY_RE = re.compile(
    r"单位|部门|公司|机关|委员会|政府|社区|村委|居委|各|全体|同志们|朋友|企业|群众"
)
_MASKED_GIVEN = frozenset("某×*＊X○〇ⅩxΧ")


@dataclass(frozen=True)
class _Patterns:
    labels: re.Pattern
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
            f"(?:{labels})(?:姓名|名称)?(?:[（(][{HAN}、]{{1,10}}[)）])?"
            f"(?P<sep>[ \\t]*[：:][ \\t]*|[ \\t]+|)(?=[{HAN}])"
        ),
        nouns=re.compile(f"(?P<noun>{nouns})(?=[{HAN}])"),
        cue_words=re.compile(_alternation(all_cues)),
        followers=re.compile(_alternation(FOLLOWERS)),
        role_before=re.compile(f"(?<![受被])(?:{roles})[ \\t]*[：:]?[ \\t]*(?:{name_run}[、，,；; \\t]+)*$"),
        role_after=re.compile(f"[ \\t，,]?[（(]?(?:{roles})(?![{HAN}]{{0,1}}[：:])"),
        name_list=re.compile(
            f"(?<![{HAN}])[{HAN}]{{2,4}}(?:、[{HAN}]{{2,4}})+(?![{HAN}])|(?<=[关于经查，,])[{HAN}]{{2,4}}(?:、[{HAN}]{{2,4}})+"
        ),
        appointment_before=re.compile(f"(?:{verbs})[ \\t]*[：:]?[ \\t]*(?:{name_run}[、，,；; \\t]+)*$"),
        strong_right=re.compile(
            r"[，,（(][ \t]*[男女]性?[ \t]*[，,）)、；;\s]"
            r"|[，,（(][ \t]*(?:公民)?身份(?:证|号码)"
            r"|[，,（(][ \t]*(?:现住|家住|户籍|住址|住所|住)"
            r"|[，,][ \t]*\d{1,3}[ \t]*周?岁"
            r"|先生|女士|等[ \t]*\d+[ \t]*(?:人|户|名)"
            r"|[（(](?:妻|夫|子|女|父|母|长子|次子|长女|次女|儿子|女儿|儿媳|女婿|配偶|孙子|孙女|外孙|外孙女|本人|户主)[)）]"
        ),
        attribute_after=re.compile(
            r"[，,（(][ \t]*(?:男|女|身份|公民身份|护照|往来|通行证|证件|电话|联系电话|手机|住|现住|家住|户籍|年龄|\d{1,3}岁|出生)"
        ),
        medium_right=re.compile(
            r"反映|来信|来访|来电|投诉|举报|诉称|驾驶|驾车|涉嫌|违反|擅自|未经|户籍|一家|夫妇|同志|申请|提出"
            r"|系(?![统列数])|本人|陈述|自述|签订|签字|签名|代为|继续|冒领|退缴|缴纳|病故|去世|死亡|公告送达"
            r"|(?:系|为|是)(?:该|本|涉案)|在(?:询问)?笔录|在现场|于[次当同翌]日"
            r"|于[ \t]*\d|因[^\n]{0,3}"
        ),
        salutation=re.compile(
            f"(?m)^[ \\t]*(?:尊敬的)?(?P<name>[{HAN}{DOTS}]{{2,16}}?)(?P<hon>先生|女士|同志|老师)?[ \\t]*[：:]"
        ),
        cell=re.compile(
            f"(?m)(?:^|(?<=[\\s|｜.、．)）]))(?P<name>[{HAN}]{{2,4}})(?=[\\s|｜]|$)"
            f"|^[ \\t]*(?:\\d{{1,3}}[ \\t.、．)）]+)?(?P<head>[{HAN}]{{2,4}})(?=[，,（(：:])"
        ),
        evidence=re.compile(
            r"(?<![\u4e00-\u9fff])[男女](?![\u4e00-\u9fff])|\d{1,3}[ \t]*岁|户主|本人|配偶|之子|之女"
        ),
    )


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class _Context:
    """Per-text state shared by the name rules."""

    def __init__(self, norm: str, dicts: Dictionaries, model: NameModel | None = None) -> None:
        self.norm = norm
        self.dicts = dicts
        self.model = model
        self.p = _patterns(dicts)
        self.appointment_doc = bool(_APPOINTMENT_DOC_RE.search(norm))

    def surname_len(self, pos: int) -> int:
        """1 or 2 for a (compound) surname at ``pos``, 0 otherwise."""
        if self.norm[pos : pos + 2] in self.dicts.compound_surnames:
            return 2
        return 1 if self.norm[pos : pos + 1] in self.dicts.surnames else 0

    def boundary(self, i: int) -> bool:
        """True when a name may end before position ``i``."""
        norm = self.norm
        if i >= len(norm) or not _is_han(norm[i]):
            return True
        return norm[i] in STOP_CHARS or bool(self.p.followers.match(norm, i))

    def firm_end(self, i: int) -> bool:
        """True when what follows ``i`` clearly closes a name: a follower word, a clause mark, 于/在 + date."""
        norm = self.norm
        if i >= len(norm) or norm[i] in "，,（(：:；;。":
            return True
        if norm[i] in "于在" and i + 1 < len(norm) and norm[i + 1].isdigit():
            return True
        if norm[i] == "于" and i + 1 < len(norm) and norm[i + 1] in "次当同翌本":
            return True  # 于次日缴清
        return bool(self.p.followers.match(norm, i))

    def left_ok(self, s: int) -> bool:
        """True when a name may start at ``s`` (not in the middle of a word)."""
        if s == 0 or not _is_han(self.norm[s - 1]):
            return True
        if self.norm[s - 1] in LEFT_FUNC:
            return True
        return bool(self.p.cue_words.search(self.norm, max(0, s - 8), s)) and self._cue_ends_at(s)

    def _cue_ends_at(self, s: int) -> bool:
        for length in range(2, 8):
            if s - length < 0:
                break
            m = self.p.cue_words.fullmatch(self.norm, s - length, s)
            if m:
                return True
        return False

    def plausible(self, s: int, e: int, *, need_surname: bool = True) -> bool:
        """Shape checks every candidate passes: no masked or stop characters, not a known word."""
        norm = self.norm
        cand = norm[s:e]
        if self.syllabic(s, e):
            return self._minority_plausible(s, e)
        if not 2 <= len(cand) <= 4 or not all(_is_han(c) for c in cand):
            return False
        slen = self.surname_len(s)
        if need_surname and not slen:
            return False
        slen = slen or 1
        given = cand[slen:]
        if not given or len(given) > 2:
            return False
        if any(c in _MASKED_GIVEN for c in given):
            return False
        if any(c in STOP_CHARS for c in given) and (len(given) < 2 or self.score(s, e) < SCORE_ALONE):
            return False
        if cand in self.dicts.not_names or cand[:3] in self.dicts.not_names:
            return False
        # 王府井 starts with the word 王府; 周一鸣 starts with 周一 but ends in a given-name character.
        if len(cand) > 2 and cand[:2] in self.dicts.not_names and cand[2] not in self.dicts.given_name_chars:
            return False
        if self.p.cue_words.match(norm, s) or norm.startswith(HONORIFICS, s + slen):
            return False
        if self.p.cue_words.match(norm, s + slen):  # 任主任, 王局长: a role, not a given name
            return False
        if cand[-1] in PLACE_END or (e < len(norm) and norm[e] in PLACE_END):
            return False
        return True

    def wordlike(self, s: int, e: int, *, after_cue: bool = False) -> bool:
        """True when the candidate is an ordinary word (jieba's dictionary) or has a non-name character."""
        cand = self.norm[s:e]
        slen = self.surname_len(s) or 1
        if any(c in NON_GIVEN and c not in self.dicts.given_name_chars for c in cand[slen:]):
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
        if self.norm[s] not in self.model.first_chars:
            return False
        cand = self.norm[s:e]
        if any(c in DOTS for c in cand):
            parts = re.split(f"[{re.escape(DOTS)}]", cand)
            return (
                all(parts)
                and cand[0] in self.model.translit
                and all(self.model.translit_share(p) >= 0.6 for p in parts)
            )
        return e - s <= 8 and self.model.is_minority(cand)

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
        if not all(_is_han(c) for c in cand) or cand in common_words() or cand[0] not in self.model.translit:
            return False
        misses = sum(1 for c in cand if c not in self.model.translit)
        if misses > (1 if e - s >= 5 else 0) or any(c in STOP_CHARS for c in cand[1:]):
            return False
        # 因保密原因: a run holding an ordinary word is prose, however foreign its characters look.
        return not any(cand[i : i + 2] in frequent_words() for i in range(len(cand) - 1))

    def _minority_plausible(self, s: int, e: int) -> bool:
        cand = self.norm[s:e]
        if cand in self.dicts.not_names or self.p.cue_words.match(self.norm, s):
            return False
        return not (e < len(self.norm) and self.norm[e] in PLACE_END)

    def minority_at(self, pos: int) -> tuple[int, int] | None:
        """The longest minority or dotted name starting at ``pos`` that ends where a name may end."""
        if self.model is None:
            return None
        norm = self.norm
        m = _DOTTED_RE.match(norm, pos)
        if m:
            end = _dotted_end(self, m.end())
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
        if self.model is None or end > len(self.norm) or not all(_is_han(c) for c in self.norm[pos:end]):
            return False
        return self.firm_end(end) and self.score(pos, end) >= SCORE_ALONE

    def _rare_surname_name(self, pos: int) -> bool:
        """Three characters after a cue, firmly closed, whose given name scores high (禤汐彬, 眭长江)."""
        norm = self.norm
        cand = norm[pos : pos + 3]
        if (
            self.model is None
            or len(cand) < 3
            or not all(_is_han(c) for c in cand)
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

    def minority_before(self, end: int) -> tuple[int, int] | None:
        """The longest minority or dotted name ending at ``end`` that starts where a name may start."""
        if self.model is None:
            return None
        norm = self.norm
        for s in range(max(0, end - 16), end - 1):
            if not _is_han(norm[s]) or not self.minority(s, end):
                continue
            if s == 0 or not _is_han(norm[s - 1]) or self.left_ok(s) or norm[s - 1] in "的":
                return s, end
        return None

    def is_org_run(self, s: int) -> bool:
        """True when the Han run starting at ``s`` names an organisation (当事人：某某商贸有限公司)."""
        norm = self.norm
        i = s
        while i < len(norm) and i - s < 30 and _is_han(norm[i]):
            if i - s >= 2 and (norm[i] in STOP_CHARS or norm[i] == "、" or self.p.followers.match(norm, i)):
                break
            i += 1
        run = norm[s:i]
        return any(run.endswith(suf) and len(run) > max(len(suf), 2) for suf in ORG_SUFFIXES) or (
            len(run) >= 4 and any(suf in run for suf in ("公司", "合作社", "委员会", "有限", "集团"))
        )

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
            slen = 1
        g = pos + slen
        if g < len(norm) and norm[g] in STOP_CHARS and self._stop_char_name(pos, slen):
            return pos, pos + slen + 2  # 韩向东, 李和平: a given name starting with a function word
        if g >= len(norm) or not _is_han(norm[g]) or norm[g] in STOP_CHARS:
            return None
        if self.p.followers.match(norm, g):
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
            bool(self.p.followers.match(norm, end))
            or dated
            or bool(self.p.attribute_after.match(norm, end))
            or (self.firm_end(end) and (end - pos >= 3 or self.given_ok(pos, end)))
        )
        if not strong and not ((self.boundary(end) and self.given_ok(pos, end)) or firm):
            # Without a colon the cue may sit inside a longer word (行业主管部门, 当事人向人民法院).
            return None
        if not strong and slen == 1 and norm[pos] in FUNCTION_LIKE_SURNAMES:
            if end - pos < 3 or self.score(pos, end) < SCORE_ALONE:
                return None
        return pos, end

    def backward(self, end: int, *, strong: bool) -> tuple[int, int] | None:
        """The name ending at ``end`` before a follower cue."""
        norm = self.norm
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
            if slen == 1 and norm[s] in AMBIGUOUS_SURNAMES and end - s == 3 and self.surname_len(s + 1):
                continue
            function_like = slen == 1 and norm[s] in FUNCTION_LIKE_SURNAMES
            if not strong and (function_like or (s > 0 and norm[s - 1].isdigit())):
                continue
            # 郑开水系连通: the last character and the follower make a word (水系), not a name and a verb.
            if not strong and norm[end - 1 : end + 1] in common_words():
                continue
            if self.left_ok(s):
                if strong or self.given_ok(s, end):
                    return s, end
        return None


def _official(ctx: _Context, s: int, e: int) -> bool:
    """A public official named in role: 局长王某, 执法人员：李某、张某, 任命王某某为…, 王某副市长."""
    norm = ctx.norm
    line_start = norm.rfind("\n", 0, s) + 1
    before = norm[max(line_start, s - 60) : s]
    if ctx.p.role_before.search(before):
        return True
    if ctx.p.appointment_before.search(before):
        return True
    return bool(ctx.p.role_after.match(norm, e))


def find_names(
    norm: str,
    original: str,
    dicts: Dictionaries,
    *,
    personal_lines: set[int] | None = None,
    model: NameModel | None = None,
) -> tuple[list[Finding], set[str]]:
    """Return person-name findings and the set of names judged to be officials.

    ``personal_lines`` holds the start offsets of lines that already carry personal data (an ID
    number, a mobile): table cells on those lines that look like names are names. With ``model`` (the
    name model) the cues are joined by a second signal: names in lists and alone between punctuation,
    names without a surname, ordinary words used as names after a strong cue, and every line laid out
    like one holding a confirmed name (issue 9).
    """
    ctx = _Context(norm, dicts, model)
    p = ctx.p
    spans: dict[tuple[int, int], tuple[str, float]] = {}
    officials: set[str] = set()

    def add(
        span: tuple[int, int] | None,
        rule: str,
        conf: float,
        *,
        labelled: bool = False,
        weak: bool = False,
        after_cue: bool = False,
        anchored: bool = False,
    ) -> None:
        if span is None:
            return
        s, e = span
        # 承租人：黄河，/ 尊敬的夏天女士：an ordinary word on the not-a-name list, firmly anchored, is a name.
        listed_word = anchored and _listed_word_name(ctx, s, e)
        if not labelled and not listed_word and not ctx.plausible(s, e):
            return
        if weak and ctx.wordlike(s, e, after_cue=after_cue) and not _word_name(ctx, s, e, rule):
            return
        if labelled and not listed_word and not _labelled_plausible(ctx, s, e):
            return
        if _official(ctx, s, e):
            officials.add(norm[s:e])
            return
        # In an appointment notice an unlabelled name is most likely the appointee: leave it, but do not
        # treat it as an official elsewhere (a 当事人 of the same text is still masked).
        if ctx.appointment_doc and (not labelled or rule in _MODEL_RULES):
            return
        if span not in spans or spans[span][1] < conf:
            spans[span] = (rule, conf)

    for m in p.labels.finditer(norm):
        colon = ":" in m.group("sep") or "：" in m.group("sep")
        strong = bool(m.group("sep"))
        # 送达对象王某：⏎ — a label, a short run and a colon closing the line: the run is the person.
        addressee = model is not None and not strong and _LABEL_LINE_RE.match(norm, m.end())
        if addressee and _unknown_name(ctx, m.end(), addressee.end("name")):
            add((m.end(), addressee.end("name")), "label", 0.9, labelled=True)
            continue
        span = ctx.forward(m.end(), strong=strong)
        # 姓名 性别 出生年月: a header row separated by spaces is not a name after a label.
        add(
            span,
            "label",
            0.95 if strong else 0.85,
            labelled=strong,
            weak=not colon,
            after_cue=True,
            anchored=colon,
        )
    for m in p.nouns.finditer(norm):
        add(ctx.forward(m.end("noun"), strong=False), "person_noun", 0.85, weak=True, after_cue=True)
    for m in p.strong_right.finditer(norm):
        add(ctx.backward(m.start(), strong=True), "follower", 0.9)
    for m in p.medium_right.finditer(norm):
        add(ctx.backward(m.start(), strong=False), "follower_verb", 0.75, weak=True)
    for m in p.salutation.finditer(norm):
        s, e = m.start("name"), m.end("name")
        tail = norm[m.end() : m.end() + 40]
        addressed = bool(m.group("hon")) or "您" in tail or "你" in tail or "尊敬的" in m.group()
        if not ctx.plausible(s, e, need_surname=not addressed):
            # 晋美多吉：⏎ 你反映的…: whoever is addressed is a person, unless the line names a body.
            if addressed and _unknown_name(ctx, s, e) and not _ADDRESSED_BODY_RE.search(norm, s, e):
                add((s, e), "salutation", 0.8, labelled=True)
            continue
        if addressed or ctx.given_known(s, e) or ctx.score(s, e) >= SCORE_ALONE:
            known = bool(ctx.surname_len(s))
            honorific = bool(known and m.group("hon"))
            add((s, e), "salutation", 0.85, labelled=not known, weak=not honorific, anchored=honorific)

    confirmed_lines = {norm.rfind("\n", 0, s) + 1 for s, _ in spans}
    has_name_header = "姓名" in norm
    lines_with_evidence = set(personal_lines or set()) | confirmed_lines
    for s, e in _name_column_cells(ctx):
        add((s, e), "name_column", 0.85, labelled=True)
    for m in p.cell.finditer(norm):
        group = "name" if m.group("name") else "head"
        s, e = m.start(group), m.end(group)
        if norm[s] in FUNCTION_LIKE_SURNAMES and not ctx.given_ok(s, e):
            continue
        if not ctx.plausible(s, e):
            continue
        line_start = norm.rfind("\n", 0, s) + 1
        line_end = norm.find("\n", e)
        line = norm[line_start : line_end if line_end >= 0 else len(norm)]
        evidence = line_start in lines_with_evidence or bool(p.evidence.search(line))
        if not evidence and not (has_name_header and ctx.given_ok(s, e)):
            continue
        if not ctx.given_ok(s, e) and not (line_start in lines_with_evidence or has_name_header):
            continue
        # A personal number on the same line is strong evidence; a gender word or a 姓名 header is not.
        add((s, e), "table_cell", 0.8, weak=line_start not in (personal_lines or set()))

    if model is not None:
        for span in _dotted_names(ctx):
            add(span, "dotted_name", 0.9, labelled=True)
        for span, rule in _standalone(ctx):
            add(span, rule, 0.7, labelled=True)
        for span in _counted_lists(ctx):
            add(span, "counted_list", 0.8, labelled=True)
    for span in _enumerated(ctx, list(spans)):
        add(span, "enumeration", 0.8)
    for span in _name_lists(ctx):
        add(span, "name_list", 0.75, weak=True)
    if model is not None:
        for span in _same_layout(ctx, list(spans)):
            add(span, "same_layout", 0.8, labelled=True)
        for span in _split_cells(ctx, {norm[a:b] for a, b in spans}):
            add(span, "split_name", 0.8, labelled=True)

    findings = [
        Finding(PERSON_NAME, s, e, original[s:e], rule, conf)
        for (s, e), (rule, conf) in spans.items()
        if norm[s:e] not in officials
    ]
    findings.extend(_propagate(ctx, original, findings, officials))
    return findings, officials


_COLUMN_HEADER_RE = re.compile(r"姓名|人|户主|车主|户名|对象|家长")
_SPLITTERS = (re.compile(r"\t"), re.compile(r"[|｜]"), re.compile(r" {2,}|\u3000+"), re.compile(r" "))


def _cells(line: str, splitter: re.Pattern) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in splitter.finditer(line):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(line)))
    return spans


def _name_column_cells(ctx: _Context) -> list[tuple[int, int]]:
    """Cells under headers such as 姓名 / 户主姓名 / 监护人 / 机动车所有人 in a table flattened to text."""
    norm = ctx.norm
    if not _COLUMN_HEADER_RE.search(norm):
        return []
    out: list[tuple[int, int]] = []
    lines = norm.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        columns, splitter = _header_columns(ctx, lines[i])
        i += 1
        if not columns:
            continue
        while i < len(lines) and lines[i].strip():
            cells = _cells(lines[i], splitter)
            if len(cells) <= max(columns):
                break
            for column in columns:
                a, b = cells[column]
                text = lines[i][a:b]
                stripped = text.strip()
                s = offsets[i] + a + len(text) - len(text.lstrip())
                e = s + len(stripped)
                if (
                    2 <= len(stripped) <= 4
                    and all(_is_han(c) for c in stripped)
                    and _labelled_plausible(ctx, s, e)
                ):
                    out.append((s, e))
            i += 1
    return out


def _is_person_header(ctx: _Context, cell: str) -> bool:
    if not cell or len(cell) > 8:
        return False
    if "姓名" in cell or cell in ("户名", "家长"):
        return True
    labels = tuple(ctx.dicts.cues.get("person_labels", []))
    return cell.endswith(labels) and cell not in ctx.dicts.cues.get("official_roles", [])


def _header_columns(ctx: _Context, line: str) -> tuple[list[int], re.Pattern]:
    """Indexes of the person columns of a header row, and how its cells are separated."""
    if len(line) > 200 or not _COLUMN_HEADER_RE.search(line) or not any(c in line for c in " \t|｜"):
        return [], _SPLITTERS[0]
    stripped = line.strip()
    lead = len(line) - len(line.lstrip())
    for splitter in _SPLITTERS:
        cells = _cells(stripped, splitter)
        if len(cells) < 3:
            continue
        columns = [k for k, (a, b) in enumerate(cells) if _is_person_header(ctx, stripped[a:b].strip())]
        # Rows are split as they stand; a header indented like its rows keeps the same indexes.
        if lead and splitter.match(line, 0):
            columns = [k + 1 for k in columns]
        return columns, splitter
    return [], _SPLITTERS[0]


_LABEL_LINE_RE = re.compile(f"(?P<name>[{HAN}{re.escape(DOTS)}]{{2,16}}?)[ \\t]*[：:][ \\t]*(?:\\n|$)")


def _enumerated(ctx: _Context, confirmed: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
            while k < len(norm) and k - e <= 5 and _is_han(norm[k]) and norm[k] not in "、等":
                k += 1
            if 2 <= k - e - 1 <= 4 and (k >= len(norm) or not _is_han(norm[k]) or norm[k] in "、等"):
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


def _name_lists(ctx: _Context) -> list[tuple[int, int]]:
    """Runs of two or more names joined by 、 (张三丰、李四海在…) where every item looks like a name."""
    out: list[tuple[int, int]] = []
    for m in ctx.p.name_list.finditer(ctx.norm):
        items, pos = [], m.start()
        for token in m.group().split("、"):
            items.append((pos, pos + len(token)))
            pos += len(token) + 1
        # The first item may carry a leading word (关于张三丰): take the name at its end.
        first = ctx.backward(items[0][1], strong=True)
        if first:
            items[0] = first
        last_s, last_e = items[-1]
        if (last_e < len(ctx.norm) and _is_han(ctx.norm[last_e])) or last_e - last_s > 3:
            last = ctx.forward(last_s, strong=bool(ctx.surname_len(last_s)))
            if not last:
                continue
            items[-1] = last
        if len(items) < 2 or not all(_list_item_ok(ctx, s, e) for s, e in items):
            continue
        # 淮河、洪汝河、沙颍河 and 河长制、林长制 share their last character: things, not people.
        if len({ctx.norm[e - 1] for _, e in items}) == 1:
            continue
        out.extend(items)
    return out


def _list_item_ok(ctx: _Context, s: int, e: int) -> bool:
    return (
        bool(ctx.surname_len(s))
        and ctx.plausible(s, e)
        and any(c in ctx.dicts.given_name_chars for c in ctx.norm[s + ctx.surname_len(s) : e])
        and not ctx.wordlike(s, e)
        and ctx.norm[s] not in FUNCTION_LIKE_SURNAMES
    )


def _dotted_end(ctx: _Context, end: int) -> int:
    """Where a dotted name ends: its last part stops before a follower word or a non-name character."""
    norm = ctx.norm
    last = max(norm.rfind(d, 0, end) for d in DOTS) + 1
    k = last
    while k < end and (k - last < 2 or not (norm[k] in STOP_CHARS or ctx.p.followers.match(norm, k))):
        if ctx.model is None or norm[k] not in ctx.model.translit:
            break
        k += 1
    return k if k - last >= 1 else 0


def _listed_word_name(ctx: _Context, s: int, e: int) -> bool:
    """A two-character ordinary word from ``not_names`` with a surname (黄河, 夏天), closed firmly."""
    cand = ctx.norm[s:e]
    if ctx.model is None or e - s != 2 or cand not in ctx.dicts.not_names or cand not in common_words():
        return False
    return bool(ctx.surname_len(s)) and ctx.firm_end(e) and cand not in verbish_words()


def _word_name(ctx: _Context, s: int, e: int, rule: str) -> bool:
    """An ordinary word used as a name (江山, 文华): after a person label or before 驾驶, closed firmly."""
    if ctx.model is None or rule not in ("label", "person_noun", "follower_verb") or e - s > 3:
        return False
    # Before a verb only 驾驶/驾车 make a word a driver (文华驾驶…); 文章反映的问题 is prose.
    if rule == "follower_verb" and not ctx.norm.startswith(("驾驶", "驾车"), e):
        return False
    cand = ctx.norm[s:e]
    if cand in verbish_words() or cand in ctx.dicts.not_names:
        return False
    # Only a whole word (江山): 业主张债权 is 业主 + 张债权, and 债权 is no given name.
    if any(c in NON_GIVEN and c not in ctx.dicts.given_name_chars for c in cand[1:]):
        return False
    if ctx.syllabic(s, e):
        return ctx.firm_end(e)
    return bool(ctx.surname_len(s)) and ctx.firm_end(e) and ctx.score(s, e) >= SCORE_WORD_NAME


def _dotted_names(ctx: _Context) -> list[tuple[int, int]]:
    """Transliterated names joined by a middle dot (阿依古丽·买买提) wherever they stand."""
    norm = ctx.norm
    out = []
    for m in _DOTTED_RE.finditer(norm):
        end = _dotted_end(ctx, m.end())
        if not end:
            continue
        first_dot = min(i for i in (norm.find(d, m.start(), end) for d in DOTS) if i >= 0)
        # The first part: the longest tail of the Han run before the dot that is a name.
        for s in range(max(m.start(), first_dot - 8), first_dot):
            if ctx.minority(s, end) and (s == m.start() or ctx.left_ok(s) or ctx.minority(s, first_dot)):
                out.append((s, end))
                break
    return out


_RUN_RE = re.compile(
    f"(?:^|(?<=[\\s、，,。；;：:（(）)]))(?:\\d{{1,3}}[.、．)）]\\s*)?(?P<name>[{HAN}{re.escape(DOTS)}]{{2,16}})"
    f"(?=[\\s、，,。；;：:（(）)]|等|$)",
    re.M,
)


def _standalone(ctx: _Context) -> list[tuple[tuple[int, int], str]]:
    """Short runs standing alone between punctuation: list items, table cells, addressee lines.

    Anywhere: a minority name, or a surname name with a high name-model score that is no ordinary
    word. In a block of list lines (numbered, or two or more runs a line) holding at least two such
    names, every item with a surname that is not a verb or a function word is a name too (马力, 关山).
    """
    norm = ctx.norm
    out: list[tuple[tuple[int, int], str]] = []
    lines: dict[int, list[tuple[int, int]]] = {}
    for m in _RUN_RE.finditer(norm):
        s, e = m.start("name"), m.end("name")
        lines.setdefault(norm.rfind("\n", 0, s) + 1, []).append((s, e))
    block: list[tuple[tuple[int, int], str]] = []
    good = 0
    previous_end = -1

    def flush() -> None:
        enough = good >= 2 or (good >= 1 and len(block) >= 3)
        # A list made mostly of names: its remaining items are names too, whatever their characters.
        named_list = good >= 2 and sum(1 for _, kind in block if kind != "other") >= 0.6 * len(block)
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
        kinds = [(span, _run_kind(ctx, *span)) for span in runs]
        # 东周、东汉、曹魏、西晋 or 湟水、洮河、祖厉河: an enumeration mostly of other things names none.
        for group in _enumerations(norm, runs):
            if sum(1 for i in group if kinds[i][1] not in ("", "other")) < 0.6 * len(group):
                for i in group:
                    kinds[i] = (kinds[i][0], "")
        named = [k for k in kinds if k[1] in ("minority_name", "name_model")]
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
    return [(span, "name_model_list" if kind == "weak" else kind) for span, kind in out]


_NUMBERED_RE = re.compile(r"[ \t]*\d{1,3}[.、)）][ \t]*")
# A table row that starts with a short run and a cell separator (刘振华⇥734.76元).
_ROW_RE = re.compile(f"[ \\t]*[{HAN}{re.escape(DOTS)}]{{2,16}}(?:\\t|[ ]{{2,}}|[ ]?[|｜])")


# Ends of place names (王祥河, 郭坪河): a run ending so is a river, a ridge or a hamlet, not a person.
_GEO_END = frozenset("河湖沟渠塘坪岭屯洼滩涧溪")


def _enumerations(norm: str, runs: list[tuple[int, int]]) -> list[list[int]]:
    """Indexes of runs joined by 、 into one enumeration (groups of two or more)."""
    groups: list[list[int]] = []
    for i, (s, _) in enumerate(runs):
        if i and runs[i - 1][1] + 1 == s and norm[runs[i - 1][1]] == "、":
            groups[-1].append(i)
        else:
            groups.append([i])
    return [g for g in groups if len(g) >= 2]


def _other(ctx: _Context, s: int, e: int) -> str:
    """``other``: a run that is a name only inside a list of names (no word, no cue, no place)."""
    cand = ctx.norm[s:e]
    if not 2 <= e - s <= 6 or not all(_is_han(c) for c in cand) or cand in common_words():
        return ""
    if cand[-1] in _GEO_END:
        return ""
    if cand in ctx.dicts.not_names or ctx.p.cue_words.search(cand) or cand[-1] in PLACE_END:
        return ""
    return "other"


def _unknown_name(ctx: _Context, s: int, e: int) -> bool:
    """A run of unknown make-up where only a person can stand (送达对象…：, an addressed line)."""
    cand = ctx.norm[s:e]
    if ctx.model is None or not _other(ctx, s, e) or ctx.is_org_run(s):
        return False
    if any(c in _MASKED_GIVEN for c in cand) or any(c in STOP_CHARS for c in cand[1:]):
        return False
    # 当事人单方申请： is prose: an ordinary word inside the run.
    return ctx.minority(s, e) or not any(cand[i : i + 2] in frequent_words() for i in range(len(cand) - 1))


def _run_kind(ctx: _Context, s: int, e: int) -> str:
    """``minority_name``, ``name_model`` (a name anywhere), ``weak`` (a name in a list) or ``""``."""
    norm = ctx.norm
    cand = norm[s:e]
    if ctx.minority(s, e):
        return "minority_name"
    if cand[-1] in _GEO_END:
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
        return _other(ctx, s, e)
    if cand in verbish_words() or norm[s] in FUNCTION_LIKE_SURNAMES:
        return ""
    score = ctx.score(s, e)
    if score < SCORE_IN_LIST:
        return _other(ctx, s, e)
    if score >= SCORE_ALONE and cand not in common_words():
        return "name_model"
    return "weak" if score >= SCORE_IN_LIST else ""


_COUNTED_LIST_RE = re.compile(
    f"(?P<items>[{HAN}{re.escape(DOTS)}]{{2,16}}(?:、[{HAN}{re.escape(DOTS)}]{{2,16}})+)"
    r"等[ \t]*(?:\d{1,4}|[一二三四五六七八九十]{1,3})[ \t]*(?:名|人|户|位)"
)


def _counted_lists(ctx: _Context) -> list[tuple[int, int]]:
    """Items of a list closed by a head count (张某、李某、王某等5名工人): every item is a person."""
    norm = ctx.norm
    out = []
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


_LAYOUT_RE = re.compile(
    f"(?m)^[ \\t]*(?P<label>[{HAN}]{{1,6}}(?:人|方|者|主|属|象|户))(?P<sep>[ \\t]*[：:]?[ \\t]*)"
    f"(?P<name>[{HAN}{re.escape(DOTS)}]{{2,16}}?)(?=[，,（(；;。\\s]|$)"
)


# A line holding only a name and a colon, optionally after a person label (受送达人王某：).
_ADDRESSEE_RE = re.compile(
    f"(?m)^[ \\t]*(?:受送达人|送达对象|被送达人|当事人)?[ \\t]*(?P<name>[{HAN}{re.escape(DOTS)}]{{2,16}}?)[ \\t]*[：:][ \\t]*$"
)


def _same_layout(ctx: _Context, confirmed: list[tuple[int, int]]) -> list[tuple[int, int]]:
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
            if ctx.minority(s, e) or (e - s <= 4 and _labelled_plausible(ctx, s, e)):
                out.append((s, e))
    rows = list(_LAYOUT_RE.finditer(norm))
    seps = {m.group("sep").strip() for m in rows if m.start("name") in starts}
    if not seps:
        return out
    for m in rows:
        s, e = m.start("name"), m.end("name")
        if s in starts or m.group("sep").strip() not in seps:
            continue
        if ctx.minority(s, e) or (e - s <= 4 and ctx.surname_len(s) and _labelled_plausible(ctx, s, e)):
            if not ctx.is_org_run(s) and norm[s:e] not in verbish_words():
                out.append((s, e))
    return out


_SPLIT_RE = re.compile(f"(?<![{HAN}])([{HAN}]{{1,2}})[ \\t|｜]+([{HAN}]{{1,2}})(?![{HAN}])")


def _split_cells(ctx: _Context, names: set[str]) -> list[tuple[int, int]]:
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


def _clean_end(norm: str, end: int) -> bool:
    return end >= len(norm) or not _is_han(norm[end])


def _labelled_plausible(ctx: _Context, s: int, e: int) -> bool:
    cand = ctx.norm[s:e]
    if ctx.syllabic(s, e):
        return ctx._minority_plausible(s, e)
    if not 2 <= len(cand) <= 4 or cand in ctx.dicts.not_names:
        return False
    if any(c in _MASKED_GIVEN for c in cand[1:]) or cand[-1] in PLACE_END:
        return False
    if e < len(ctx.norm) and ctx.norm[e] in PLACE_END:
        return False
    return not ctx.p.cue_words.match(ctx.norm, s)


def _propagate(ctx: _Context, original: str, found: list[Finding], officials: set[str]) -> list[Finding]:
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
        if _official(ctx, i, i + length):
            continue
        extra.append(Finding(PERSON_NAME, i, i + length, original[i : i + length], "repeat", 0.85))
    return extra
