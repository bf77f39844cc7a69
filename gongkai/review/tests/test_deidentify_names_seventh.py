"""Rules of the seventh session (issue 9): a word after a one-character given name, function-word
surnames (能, 从, 别), short forms in brackets, counted lists closed by 和, labels in brackets, 共有.

Each rule has a case of our own it must find and a case of prose it must leave alone; the cases come
from the seventh bench part's forms (bench/deid_forms_seventh.py), written with other names.
"""

import pytest

from gongkai.review.deidentify import find_personal_data


def names_in(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.type == "person_name"]


# --- a one-character given name before an ordinary word (证人孔斌到庭陈述) -------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("证人孔斌到庭陈述，当时双方发生争执。", "孔斌"),
        ("经调查，患者邵敏入院时已签署知情同意书。", "邵敏"),
    ],
)
def test_a_one_character_given_name_before_a_word_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "工人高温作业时应当佩戴防护用品。",
        "证人出庭作证的，人民法院应当通知其到庭。",
        "患者入院时应当签署知情同意书。",
    ],
)
def test_prose_after_a_person_word_is_kept(text):
    assert names_in(text) == []


# --- surnames that are function words: 能, 从, 别 ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("并提交了同事能涛（男，1990年出生）的证言。", "能涛"),
        ("你反映你母亲（患者从丽华，女，72岁）在住院期间跌倒一事。", "从丽华"),
        ("乙方：别海涛，男，身份证号码见附件。", "别海涛"),
    ],
)
def test_a_function_word_surname_with_strong_evidence_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "当事人能够证明其没有过错的，不承担责任。",
        "从业人员应当遵守安全生产规章制度。",
        "职工能力不足的，用人单位应当组织培训。",
        "别墅区的物业服务费按照合同约定收取。",
    ],
)
def test_function_words_that_are_surnames_are_kept_in_prose(text):
    assert names_in(text) == []


# --- a short form in brackets: 当事人向川（以下简称向某） ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("与当事人向丽（以下简称向某）驾驶的二轮摩托车相撞。", "向丽"),
        ("申请人上官丽（以下简称上官某）与被申请人劳动争议一案。", "上官丽"),
    ],
)
def test_a_name_with_its_short_form_in_brackets_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "沈阳市自然资源局（以下简称市局）负责组织实施。",
        "某某建筑有限公司（以下简称某公司）承建该项目。",
    ],
)
def test_a_body_with_its_short_form_is_kept(text):
    assert names_in(text) == []


# --- a counted list closed by 和: 甲、乙和丙三人 --------------------------------------------------------


def test_a_counted_list_closed_by_and_is_found():
    text = "来信反映，谈志刚、甘秀英和欧阳明三人长期占用公共楼道。"
    assert {"谈志刚", "甘秀英", "欧阳明"} <= set(names_in(text))


@pytest.mark.parametrize(
    "text",
    [
        "市场监管局和公安局2名执法人员到场检查。",
        "财政、审计和税务等3个部门联合检查。",
        "省、市和县三级联动。",
    ],
)
def test_a_counted_list_of_bodies_is_kept(text):
    assert names_in(text) == []


# --- a label in brackets after a party's role, and 共有 ------------------------------------------------


def test_a_label_in_brackets_after_the_role_is_found():
    assert "和建飞" in names_in("甲方：某区房屋征收事务所\n乙方（被拆迁人）：和建飞\n")


def test_co_owners_before_gongyou_are_found():
    assert {"秦勇", "贾淑华"} <= set(names_in("遗失公告\n    秦勇与贾淑华共有的位于某区的房屋。"))


@pytest.mark.parametrize(
    "text",
    [
        "乙方（承租方）：应当按时缴纳租金。",
        "夫妻共有的财产，由双方协商处理。",
        "按份共有的不动产，共有人按照其份额享有所有权。",
    ],
)
def test_roles_and_co_ownership_in_prose_are_kept(text):
    assert names_in(text) == []


# --- 到庭 / 出庭 / 为保证人 end a name; a count equal to the items vouches for word-like items -----------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("证人郝京涛到庭陈述，申请人每周工作六天。", "郝京涛"),
        ("证人卢秀梅出庭作证称，双方约定了月工资。", "卢秀梅"),
        ("其配偶韦超山为保证人。", "韦超山"),
    ],
)
def test_a_name_before_a_court_or_guarantee_word_is_found(text, name):
    assert name in names_in(text)


def test_word_like_items_of_a_list_with_a_matching_count_are_found():
    text = "经核实，邓涛、平山静和傅江湘三人长期占用公共楼道。"
    assert {"邓涛", "平山静", "傅江湘"} <= set(names_in(text))


@pytest.mark.parametrize(
    "text",
    [
        "张家、李家和王家三户共用一口井。",
        "人民法院应当通知证人到庭作证。",
        "由其近亲属为监护人。",
    ],
)
def test_households_and_court_prose_are_kept(text):
    assert names_in(text) == []


# --- a person's word vouches for a function-word surname after a kin word (其父亲从燕为保证人) -----------


def test_a_function_word_surname_before_a_persons_word_is_found():
    assert "从燕" in names_in("其父亲从燕为保证人。")


@pytest.mark.parametrize(
    "text",
    [
        "其随调随迁配偶和子女可以在原符合安置条件的地区安置。",
        "姓名和名称的简称等，参照适用姓名权和名称权保护的有关规定。",
        "企业方和职工方均可以聘请有关专业人员。",
        "保证人畜安全，减少杀伤有益生物。",
    ],
)
def test_law_sentences_with_function_words_after_person_words_are_kept(text):
    assert names_in(text) == []


# --- a given name ending in 镇/桥 between a person word and a person's word (你哥哥李文桥领取) -------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("征地补偿款被你哥哥李文桥领取一事，经调查属实。", "李文桥"),
        ("局长一行来到低保户邹贤镇家中，详细询问其生活情况。", "邹贤镇"),
    ],
)
def test_a_place_like_given_name_between_person_words_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text", ["村民到王家镇领取补贴。", "群众到青石镇办理手续。", "居民在长江大桥表示欢迎。"]
)
def test_towns_and_bridges_after_person_words_are_kept(text):
    assert names_in(text) == []
