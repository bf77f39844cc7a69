"""The speed-ups of the de-identification rules (issue 9) answer what the plain forms answered.

Each case sits at the edge of a short cut: a look-behind moved after a pattern's first character, a
word list looked up by first character instead of a regular expression, a quick exit when a text lacks
a character, and normalisation of only the runs that need it.
"""

from __future__ import annotations

import re

import pytest

from gongkai.review.deidentify import find_personal_data, numbers
from gongkai.review.deidentify.dictionaries import get_dictionaries
from gongkai.review.deidentify.findings import _NORMALISE, normalise
from gongkai.review.deidentify.names.context import FOLLOWER_WORDS, FOLLOWERS, _cue_words, _patterns


@pytest.mark.parametrize(
    "text",
    [
        "",
        "１",
        "王某１３８　００１３８０００号",
        "ＡＢＣ（）：，",
        "　\u00a0‐–",
        "无需转换的文本。",
        "１２\n３４",
    ],
)
def test_normalise_translates_only_the_runs_it_must(text):
    assert normalise(text) == text.translate(_NORMALISE)


def _plain(first_class: str, not_before: str, rest: str) -> re.Pattern:
    return re.compile(f"(?<![{not_before}]){first_class}{rest}")


@pytest.mark.parametrize(
    "text",
    [
        "110101199003078875",
        "a110101199003078875",
        "0110101199003078875",
        "身份证号：110101199003078875。",
        "\n110101199003078875",
        "X110101199003078875",
    ],
)
def test_id_pattern_with_the_look_behind_after_the_first_digit(text):
    plain = _plain(
        "[1-9]", "0-9A-Za-z", numbers.SEP + numbers._spaced([r"\d"] * 16 + [r"[\dXx]"]) + numbers._EDGE_R
    )
    assert [m.span() for m in numbers._ID18_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("电话+86 138 0013 8000", "+86 138 0013 8000"),
        ("电话008613800138000", "008613800138000"),
        ("电话8613800138000", "8613800138000"),
        ("电话13800138000", "13800138000"),
        ("编号A13800138000", None),  # a letter before: not a number on its own
        ("编号913800138000", None),
    ],
)
def test_mobile_pattern_opening_with_its_first_character(text, found):
    m = numbers._MOBILE_RE.search(text)
    assert (m.group() if m else None) == found


# The plain forms the rewritten patterns replace (names/context.py before the speed-up).
_PLAIN_MEDIUM_RIGHT = re.compile(
    r"反映|来信|来访|来电|投诉|举报|诉称|驾驶|驾车|涉嫌|违反|擅自|未经|户籍|一家|夫妇|同志|申请|提出"
    r"|(?<![联关])系(?![统列数])|本人|陈述|自述|签订|签字|签名|代为|继续|冒领|退缴|缴纳|病故|去世|死亡|公告送达"
    r"|(?:系|为|是)(?:该|本|涉案)|在(?:询问)?笔录|在现场|于[次当同翌]日"
    r"|于[ \t]*\d|因[^\n]{0,3}"
)
_PLAIN_STRONG_RIGHT = re.compile(
    r"[，,（(][ \t]*[男女]性?[ \t]*[，,）)、；;\s]"
    r"|[，,（(][ \t]*(?:公民)?身份(?:证|号码)"
    r"|[，,（(][ \t]*(?:现住|家住|户籍|住址|住所|住)"
    r"|[，,（( \t][ \t]*开户(?:银?行|网点)"
    r"|[，,][ \t]*\d{1,3}[ \t]*周?岁"
    r"|先生|女士|等[ \t]*\d+[ \t]*(?:人|户|名)"
    r"|[（(](?:妻|夫|子|女|父|母|长子|次子|长女|次女|儿子|女儿|儿媳|女婿|配偶|孙子|孙女|外孙|外孙女|本人|户主)[)）]"
)
_EDGE_TEXTS = [
    "联系电话",
    "关系",
    "系统",
    "王某系该公司员工",
    "李某为本村村民",
    "张某是涉案车辆驾驶人",
    "王某于2024年",
    "王某，男，汉族",
    "王某（女性）",
    "王先生来电",
    "王某等 3 人",
    "王某（妻）",
    "王某 开户行",
    "王某，35周岁",
    "女士们",
    "等待",
    "",
]


@pytest.mark.parametrize("text", _EDGE_TEXTS)
def test_follower_patterns_opening_with_one_class_match_the_plain_forms(text):
    patterns = _patterns(get_dictionaries())
    for new, plain in (
        (patterns.medium_right, _PLAIN_MEDIUM_RIGHT),
        (patterns.strong_right, _PLAIN_STRONG_RIGHT),
    ):
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert [bool(new.match(text, i)) for i in range(len(text))] == [
            bool(plain.match(text, i)) for i in range(len(text))
        ]


def test_medium_right_keeps_lian_xi_out():
    assert _patterns(get_dictionaries()).medium_right.search("联系电话") is None


def test_word_lists_answer_as_their_regular_expressions_at_the_edges():
    dicts = get_dictionaries()
    cue_re = _patterns(dicts).cue_words
    follower_re = re.compile("|".join(re.escape(w) for w in sorted(set(FOLLOWERS), key=len, reverse=True)))
    cues = _cue_words(dicts)
    text = "当事人王某，男，系村民。申请人李某反映"
    for pos in range(-2, len(text) + 2):
        assert cues.at(text, pos) == bool(cue_re.match(text, pos)), pos
        assert FOLLOWER_WORDS.at(text, pos) == bool(follower_re.match(text, pos)), pos
    for end in range(len(text) + 1):
        plain = any(end - n >= 0 and cue_re.fullmatch(text, end - n, end) for n in range(2, 8))
        assert cues.ends_at(text, end, range(2, 8)) == plain, end


def test_name_list_needs_its_mark_and_is_still_found():
    names = {f.text for f in find_personal_data("经查，张三丰、李四海在该村承包土地。", name_model=False)}
    assert {"张三丰", "李四海"} <= names


@pytest.mark.parametrize(
    "text",
    [
        "沈政办发〔2024〕8号",
        "沈政办发[2024]8号",
        "国务院令第 699 号",
        "依法向王某公告送达济环罚（2024）8号",
        "第8号",
    ],
)
def test_document_numbers_are_protected_with_and_without_the_quick_exit(text):
    spans = [
        (s, e) for s, e, label in numbers.find_protected(text, get_dictionaries()) if label == "doc_number"
    ]
    plain = [m.span() for m in numbers._DOCNO_RE.finditer(text)]
    assert len(spans) == len(plain)
    assert bool(spans) == (text != "第8号")
