"""Name rules of the fifth session (issue 9): general signals, as cases of our own.

Each rule has a case it must find and a case of prose it must leave alone.
"""

import pytest

from gongkai.review.deidentify import find_personal_data
from gongkai.review.deidentify.namemodel import load_name_model


def names_in(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.type == "person_name"]


# --- names/sandwich.py: a person word before, a person's verb after ----------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("事发后，其丈夫钱建设向街道办事处反映情况。", "钱建设"),  # the given name is a verb
        ("同村村民郝海军协助核查。", "郝海军"),  # 郝海 is no word, 海军 is
        ("其挪用残疾居民常立新的补贴1200元。", "常立新"),  # 的 + what is theirs
        ("与邻居沈宝山宅基地界址纠纷一事已调处。", "沈宝山"),
    ],
)
def test_a_name_between_a_person_word_and_a_persons_verb_is_found(text, name):
    assert name in names_in(text)


def test_each_item_of_a_list_between_person_word_and_verb_is_found():
    found = names_in("经走访，村民梁建设、孔新华证实该围墙系他人所建。")
    assert "梁建设" in found and "孔新华" in found


@pytest.mark.parametrize(
    "text",
    [
        "车身外部适当位置喷印经营者单位名称并标明核载人数。",  # 单位名 + 称: prose
        "村民代表大会通过了该方案。",
        "村民委员会确认了上述事实。",
    ],
)
def test_prose_between_a_person_word_and_a_verb_is_not_a_name(text):
    assert names_in(text) == []


# --- a labelled field that is a name even when its given name is a word ------------------------


@pytest.mark.parametrize(
    ("label", "name"), [("负责人", "柴建设"), ("负责人", "亓向东"), ("当事人", "邢立新")]
)
def test_a_labelled_field_of_its_own_is_a_name(label, name):
    assert names_in(f"{label}：{name}\n    经查，当事人于2024年起经营。") == [name]


def test_a_labelled_field_that_is_a_company_word_is_not_a_name():
    assert names_in("当事人：本公司\n    经查，当事人于2024年起经营。") == []


# --- an addressee line of one minority syllable -------------------------------------------------


@pytest.mark.parametrize("name", ["扎西", "尼玛", "格根"])
def test_one_minority_syllable_addressed_on_its_own_line_is_a_name(name):
    text = f"某信访复〔2025〕12号\n{name}：\n    你于2025年3月来信反映的问题收悉。"
    assert names_in(text) == [name]


def test_an_addressed_body_is_not_a_name():
    assert names_in("各单位：\n    你们报送的材料收悉。") == []


# --- shipped statistics: syllable inventory, modern given-name characters, rare surnames ----------


def test_mongolian_and_tibetan_names_from_the_syllable_inventory_are_found():
    model = load_name_model()
    assert model.is_minority("孟和阿木古楞")
    assert model.is_minority("晋美措姆")
    assert model.is_minority("那木吉拉乌云")
    text = "申请人：其其格格根，男，1972年生。\n    申请人其其格格根不服被申请人的决定。"
    assert names_in(text) == ["其其格格根", "其其格格根"]


def test_modern_given_name_characters_raise_the_name_score():
    model = load_name_model()
    # 沐 and 淇 are given-name characters now; a name of them scores as one.
    assert model.given_llr["沐"] > 1.0
    assert model.given_llr["淇"] > 1.0
    assert "包淇" in names_in("罚款由包淇代为缴纳。")


def test_a_rare_surname_added_to_the_list_starts_a_name_in_a_table():
    text = "序号\t车牌号\t驾驶人\t日期\n1\t吉Q24954\t郄晨\t2023年8月5日\n2\t吉Q24955\t王强\t2023年8月6日\n"
    assert "郄晨" in names_in(text)


def test_a_function_word_surname_between_person_word_and_verb_is_prose():
    assert names_in("在货物收发货人向海关缴纳相当于税款的保证金后放行。") == []


# --- consistency.mou_forms: the full name behind a 某 form before a record of that person ---------


def test_an_ordinary_word_name_before_a_record_of_a_mou_party_is_found():
    text = "当事人：江某，男。\n    经查，江某于2024年9月擅自占用道路。\n附件：1．江山询问笔录\n      2．罚款缴纳凭证\n"
    assert names_in(text) == ["江山"]


def test_a_record_without_a_name_is_left_alone():
    assert names_in("当事人：王某，男。\n附件：1．现场检查笔录\n") == []


def test_a_person_word_a_surname_and_punctuation_before_a_verb_is_not_a_name():
    assert names_in("美术馆等可以不经著作权人许可，通过信息网络向本馆馆舍内服务对象提供。") == []
    assert names_in("不经著作权人许可、通过信息网络向公众提供作品。") == []
