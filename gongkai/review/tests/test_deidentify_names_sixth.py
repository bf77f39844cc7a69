"""Rules of the sixth session (issue 9): record verbs, list rows, households, Dai names, person-only verbs.

Each rule has a case of our own it must find and a case of prose it must leave alone; the cases come
from the sixth bench part's forms (bench/deid_forms_sixth.py), written with other names.
"""

import pytest

from gongkai.review.deidentify import find_personal_data


def names_in(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.type == "person_name"]


def rules_in(text: str) -> dict[str, str]:
    return {f.text: f.rule for f in find_personal_data(text) if f.type == "person_name"}


# --- verbs of records, hearings and petitions end a name (建议, 生前, 负责记账, 辩称, 经手) ---------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("会上，村民曹兰生建议修缮村道。", "曹兰生"),
        ("你反映你父亲郑有福生前的征地补偿款被他人领取。", "郑有福"),
        ("据其本人陈述，其妻焦淑宏负责记账。", "焦淑宏"),
        ("上述金额经包工头韩来旺核对无误。", "韩来旺"),
        ("现场目击者林秀珠称：当时货车停在路边。", "林秀珠"),
    ],
)
def test_a_name_before_a_verb_of_a_record_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "有关部门建议修缮村道。",
        "死者生前所立遗嘱有效。",
        "专家组建议对上述事项负责监督的机关予以答复。",
    ],
)
def test_record_verbs_in_prose_name_no_one(text):
    assert names_in(text) == []


# --- rows of one list laid out like rows holding a confirmed name (consistency.same_rows) -------


def test_rows_laid_out_like_confirmed_rows_are_names():
    text = "拖欠下列劳动者工资：\n（1）张伟：5000元；\n（2）李娜：3000元；\n（3）唐平安：4200元；\n（4）郑平：100元；\n"
    found = rules_in(text)
    assert found.get("唐平安") == "same_rows" and found.get("郑平") == "same_rows"


def test_rows_of_a_list_of_items_are_not_names():
    assert names_in("支出明细：\n1. 办公用品，5000元；\n2. 印刷费，3000元；\n3. 差旅费，4200元；\n") == []


def test_a_household_row_opens_with_its_head():
    assert "王建国" in names_in("宅基地审批公示\n王建国户，第5村民小组，面积120平方米；\n")


def test_household_words_are_not_names():
    assert names_in("五保户，第5村民小组；\n农户，第3村民小组；\n个体户，第2村民小组；\n") == []


# --- Dai names (岩 for a man, 玉 for a woman) after a cue --------------------------------------


def test_a_dai_name_before_a_persons_verb_is_found():
    assert "岩温" in names_in("该款已由岩温代为领取。")


def test_rock_temperature_is_not_a_dai_name():
    assert names_in("测得岩温为30度，由岩温监测站负责记录。") == []


# --- verbs only a person does make an ordinary word a name (根据齐心自述, 由牛犇代为缴纳) ---------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("根据齐心自述，货值金额为3000元。", "齐心"),
        ("罚款由牛犇代为缴纳。", "牛犇"),
    ],
)
def test_a_word_before_a_person_only_verb_is_a_name(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "根据当事人自述，货值金额为3000元。",
        "各方齐心协力，由法院代为执行，由银行代为收取。",
    ],
)
def test_person_only_verbs_after_prose_name_no_one(text):
    assert names_in(text) == []


# --- a given name ending in a place character, with a person's attribute after it -------------


def test_a_name_ending_in_zhen_before_a_gender_is_found():
    assert "李贤镇" in names_in("被申请人：李贤镇，男，1994年3月出生。")


def test_a_town_before_a_clause_is_not_a_name():
    assert names_in("该地块位于城关镇，住户已搬迁。") == []


# --- a dotted name after 由 or a date does not take them in ---------------------------------


def test_a_dotted_name_after_you_starts_at_the_name():
    text = "该款于2022年7月17日由努尔兰·沙吾列经手办理。"
    assert names_in(text) == ["努尔兰·沙吾列"]


# --- rare surnames in present use (蹇, 漕) ------------------------------------------------------


def test_a_rare_surname_after_a_person_word_is_found():
    assert "蹇思远" in names_in("事发后，其丈夫蹇思远向镇政府反映。")


# --- an official's line (经办人) keeps its office phone ------------------------------------------


def test_the_office_phone_on_a_clerks_line_stays():
    text = "当事人：张三丰，男，住和平区\n经办人：王淑芬，联系电话：024-22875087\n"
    assert [f.type for f in find_personal_data(text) if f.type == "phone"] == []


def test_a_landline_under_a_persons_line_is_still_masked():
    text = "当事人：张三丰，男，住和平区\n电话：024-22875087\n"
    assert [f.text for f in find_personal_data(text) if f.type == "phone"] == ["024-22875087"]


# --- given names opening with a function character (向阳, 和平, 为民) -----------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("被你弟弟张向阳领取一事，经调查属实。", "张向阳"),
        ("据其本人陈述，其妻魏向阳负责记账。", "魏向阳"),
    ],
)
def test_a_given_name_opening_with_a_function_character_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize("text", ["各国人民向往和平。", "一切向前看，坚持向阳而生。", "村民王对此表示赞同。"])
def test_function_characters_in_prose_are_not_given_names(text):
    assert names_in(text) == []


# --- Dai names of three characters: the prefix and two syllables ------------------------------


def test_a_three_character_dai_name_is_found():
    assert "岩罕应" in names_in("该款被你哥哥岩罕应领取一事，经调查属实。")


def test_three_characters_after_yan_in_prose_are_no_name():
    assert names_in("岩温香气四溢，玉香南下。") == []


# --- a tomb or a shrine is a place, not a person (张良墓) ---------------------------------------


def test_tombs_of_historical_figures_are_not_names():
    assert names_in("（五）张良墓、曹植墓、蔡邕墓等历史文化名人古墓葬。") == []


# --- accident findings and visit news: passengers and residents, the officer kept --------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("驾驶电动自行车，乘车人胡土生。", "胡土生"),
        ("局长来到低保户殷刚兵家中，详细询问其生活情况。", "殷刚兵"),
        ("看望了困境儿童廖芮，廖芮的母亲漆海洋感激地说，学费已减免。", "漆海洋"),
    ],
)
def test_passengers_and_residents_visited_are_found(text, name):
    assert name in names_in(text)


def test_the_traffic_officer_who_signs_is_kept():
    assert names_in("交通警察：李俊颖\n沈阳市公安局交通警察支队\n") == []


def test_the_words_for_residents_in_prose_name_no_one():
    assert names_in("残疾人就业保障金由税务机关征收，困境儿童家中的设施由民政部门改造。") == []


# --- names/sandwich.py: verbs of minutes and records close the slot (建议, 核对, 负责) ----------


def test_a_word_name_between_a_person_word_and_a_record_verb_is_found():
    assert "全美善" in names_in("上述金额经班组长全美善核对无误。")


@pytest.mark.parametrize("text", ["村民代表建议修缮村道。", "村民委员会负责监督。"])
def test_bodies_before_record_verbs_are_not_names(text):
    assert names_in(text) == []
