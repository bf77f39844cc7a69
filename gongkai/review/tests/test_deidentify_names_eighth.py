"""Rules of the eighth session (issue 9): function-word surnames with a name-like given word before a
person's word, rare verb-like words as names before a guarantor's role, 共有 lists, 户 rows, list lines.

Each rule has a case of our own it must find and a case of prose (or law text) it must leave alone; the
cases are written with other names than the bench parts' documents.
"""

import pytest

from gongkai.review.deidentify import find_personal_data


def names_in(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.type == "person_name"]


# --- a function-word surname whose given name is a rare word (证人应海民到庭) -----------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("证人应江民到庭陈述，其证言与查明事实一致。", "应江民"),
        ("证人应海民到庭陈述。", "应海民"),
    ],
)
def test_function_word_surname_with_a_word_given_name_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "证人应依法到庭陈述。",
        "当事人应按时到庭。",
        "证人应邀出庭作证。",
        "鉴定人应通知到庭。",
        "证人应法院要求到庭作证。",
    ],
)
def test_function_words_before_a_persons_word_are_kept(text):
    assert names_in(text) == []


# --- a rare verb-like word as a name before a guarantor's role (其配偶谈兵为保证人) ---------------------


def test_rare_verb_word_before_a_guarantor_role_is_a_name():
    assert names_in("经审查，其配偶谈兵为保证人，保证其遵守规定。") == ["谈兵"]


@pytest.mark.parametrize(
    "text",
    [
        "其配偶同意为保证人。",
        "其配偶自愿为保证人。",
        "其父亲签字为保证人。",
        "被监督人的配偶愿意为保证人的，应当提交书面保证书。",
    ],
)
def test_verbs_before_a_guarantor_role_are_kept(text):
    assert names_in(text) == []


# --- co-owners listed before 共有 (别芳、梁建新共有的) ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("房屋所有权证遗失声明\n    别琳、蒋建新共有的位于南京市的房屋，证书不慎遗失。", ["别琳", "蒋建新"]),
        ("    潘伟与从丽君共有的位于杭州市的房屋，不动产权证书遗失。", ["潘伟", "从丽君"]),
    ],
)
def test_coowners_before_gongyou_are_found(text, names):
    assert sorted(names_in(text)) == sorted(names)


@pytest.mark.parametrize(
    "text",
    [
        "夫妻共有的财产，由双方协议处理。",
        "国家与集体共有的土地，依法登记。",
        "子女与父母共有的房屋，不得擅自处分。",
        "    原告与被告共有的房屋应予分割。",
        "出租人与承租人共有的设施，由双方共同维护。",
        "单位和个人共有的不动产，按份共有的，按照份额处分。",
    ],
)
def test_kinds_of_owner_before_gongyou_are_kept(text):
    assert names_in(text) == []


# --- a spouse who signs the agreement (乙方王某的配偶别某某在协议上签字) ------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("补偿协议：乙方蔡建国的配偶别晓燕在协议上签字。", "别晓燕"),
        ("乙方孟庆东的配偶时丽萍在协议上签字，补偿款一次付清。", "时丽萍"),
    ],
)
def test_a_spouse_signing_the_agreement_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "被征收人的配偶应当在协议上签字。",
        "其配偶同意本协议。",
        "配偶一方在协议上签字的，视为同意。",
        "当事人的配偶本人在合同上签字。",
    ],
)
def test_spouse_prose_before_signing_is_kept(text):
    assert names_in(text) == []


# --- heads of household rows (李强户，第3村民小组 / 金淑  第9村民小组) ----------------------------------


def test_a_public_figures_name_heading_a_household_row_is_found():
    text = (
        "一、农村危房改造公示\n韦振国户，第6村民小组，面积120平方米；\n李强户，第3村民小组，面积184平方米；\n"
    )
    assert sorted(names_in(text)) == sorted(["韦振国", "李强"])


def test_household_rows_before_a_village_group_are_found():
    text = "一、农村危房改造公示\n金淑  第9村民小组，面积93平方米；\n顾宏  第8村民小组，面积147平方米；\n"
    assert sorted(names_in(text)) == sorted(["金淑", "顾宏"])


@pytest.mark.parametrize(
    "text",
    [
        "一、危房改造\n会议  第3村民小组，面积5平方米；\n组长  第2组\n黄河户，第3村民小组\n国家  第4组\n",
        "国务院总理李强主持召开国务院常务会议。",
        "    第二条  本办法所称农户，第一村民小组的，按户计算。",
    ],
)
def test_rows_of_words_and_public_figures_in_prose_are_kept(text):
    assert names_in(text) == []


# --- a dotted name ends before 与 (阿布都拉与乔某某系…); 都 inside 阿布都拉 is a syllable -------------------


def test_a_dotted_name_before_yu_and_a_name_are_two_names():
    text = "经审理查明，艾合买提·阿布都拉与乔振华系同村村民。"
    assert sorted(names_in(text)) == sorted(["艾合买提·阿布都拉", "乔振华"])


def test_a_dotted_name_before_an_adverb_stops_there():
    assert names_in("阿依古丽·买买提都表示同意。") == ["阿依古丽·买买提"]


# --- a function-word surname in a list with a confirmed name (由马某、向敏玥负责) ----------------------


def test_a_function_word_surname_listed_with_a_confirmed_name_is_found():
    text = "会上，村民邱立建议修缮村道。由邱立、向雅婷负责监督施工。"
    assert "向雅婷" in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "村民马仙、向法院提出申请。",
        "由村民马仙、和其他村民负责监督。",
        "村民王建国、向村委会反映问题。",
    ],
)
def test_function_words_after_a_listed_name_are_kept(text):
    assert all(name in ("马仙", "王建国") for name in names_in(text))
