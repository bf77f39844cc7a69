"""Rules of the tenth session (issue 9): the subjects of a sanction, offices of owners' committees,
people quoted or described by age in news items, names before 等N名 after a verb, split surname and
given-name columns, and new person words (grid workers, carers, cousins, heirs).

Each rule has a case of our own it must find and a case of prose (or law text) it must leave alone; the
cases are written with other names than the bench parts' documents.
"""

import pytest

from gongkai.review.deidentify import find_personal_data


def names_in(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.type == "person_name"]


# --- the subject of a sanction is a person, whatever office he holds (names/sanctioned.py) ----------


def test_cadre_receiving_a_sanction_is_masked_everywhere_in_the_report():
    text = (
        "一、县水利局原副局长郁长河违规收受礼金问题。2022年，郁长河多次收受工程承包人所送礼金。"
        "郁长河受到党内严重警告处分。"
    )
    assert names_in(text).count("郁长河") == 3


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("经研究，决定给予焦振华同志政务记过处分。", "焦振华"),
        ("镇党委委员、武装部长甄立新严重违纪违法问题。", "甄立新"),
        ("对车晓琴予以诫勉谈话。", "车晓琴"),
    ],
)
def test_sanctioned_person_is_found(text, name):
    assert name in names_in(text)


def test_office_holder_not_sanctioned_stays_an_official():
    text = "县纪委常委会会议由县纪委书记郁长河主持。会议对三起违纪问题作出处理。"
    assert names_in(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "为公民、组织处理涉外知识产权纠纷提供指导和服务。",
        "对直接负责的主管人员和其他直接责任人员依法给予处分。",
        "公职人员受到警告处分的，在处分期内不得晋升职务。",
    ],
)
def test_sanction_wording_in_law_text_finds_no_name(text):
    assert names_in(text) == []


# --- offices of an owners' committee are no public office (names/context.py) ----------------------


def test_chair_of_owners_committee_is_a_private_person():
    text = "经查，业主委员会主任邝国梁于2024年12月提出辞职，尚未完成改选。"
    assert "邝国梁" in names_in(text)


def test_director_of_a_residents_committee_stays_an_official():
    text = "会议由社区居委会主任邝国梁主持。"
    assert names_in(text) == []


# --- people quoted or described by age in news (names/subjects.py) --------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("据栾建国介绍，他每天清晨都沿河巡查。", "栾建国"),
        ("“那天水很急。”覃海波说。", "覃海波"),
        ("今年31岁的鄢志勇是一名外卖骑手。", "鄢志勇"),
    ],
)
def test_person_quoted_or_described_by_age_is_found(text, name):
    assert name in names_in(text)


def test_quoted_official_stays_an_official():
    text = "“要把好事办好。”副区长栾建国说。据栾建国介绍，改造工程年底完工。"
    assert names_in(text) == []


@pytest.mark.parametrize("text", ["据统计介绍，全市共有养老机构三十家。", "今年3岁的儿童应当接种疫苗。"])
def test_news_wording_without_a_name_is_kept(text):
    assert names_in(text) == []


# --- a name opening after a verb before 等N名 (names/context.py) ---------------------------------


def test_name_after_a_verb_before_a_head_count_is_found():
    assert "柏小川" in names_in("该公司拖欠柏小川等十二名农民工工资共计18万元。")


def test_place_word_after_a_verb_before_a_residence_cue_is_kept():
    assert names_in("规划的内容应当包括：规划区范围，住宅、道路、供水。") == []


# --- surname and given name in two columns (names/tables.py) --------------------------------------


SPLIT_TABLE = (
    "现将补偿情况公示如下：\n"
    "姓\u3000名\u3000小组\u3000征收面积（亩）\u3000补偿（元）\n"
    "欧阳\u3000秋菊\u3000上屋组\u30001.20\u30005300\n"
    "和\u3000静\u3000下屋组\u30000.80\u30003100\n"
)


def test_split_surname_and_given_name_cells_are_masked():
    assert names_in(SPLIT_TABLE) == ["欧阳\u3000秋菊", "和\u3000静"]


def test_header_cells_of_a_split_name_table_are_kept():
    found = names_in(SPLIT_TABLE)
    assert "征收面积" not in found and "小组" not in found


def test_split_name_written_whole_elsewhere_is_masked():
    text = SPLIT_TABLE + "其中欧阳秋菊户已迁出。"
    assert names_in(text).count("欧阳秋菊") == 1


def test_spaced_name_header_over_one_column_is_no_split_table():
    text = "姓\u3000名\u3000性别\u3000住址\n欧阳秋菊\u3000女\u3000上屋组\n"
    assert all("\u3000" not in name for name in names_in(text))


def test_split_cells_do_not_mask_the_same_characters_elsewhere():
    text = SPLIT_TABLE + "补偿款和青苗费一并发放，静待审核。"
    assert names_in(text) == ["欧阳\u3000秋菊", "和\u3000静"]


# --- new person words (data/cues.yaml) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("由网格员鲍丽娜等社区工作人员陪同入户。", "鲍丽娜"),
        ("养老服务中心安排护工詹桂兰每周上门两次。", "詹桂兰"),
        ("该房屋由其堂弟祁万军代为管理。", "祁万军"),
        ("现场由见证人岑守义签名确认。", "岑守义"),
        ("请求判令婚生子覃小满由原告抚养。", "覃小满"),
        ("来电人反映其父亲桑家保大爷独居，行动不便。", "桑家保"),
    ],
)
def test_person_after_a_new_person_word_is_found(text, name):
    assert name in names_in(text)


def test_sanctioned_minority_name_closed_by_the_measure_is_found():
    text = "市防汛办科员萨日娜未按规定值守。经研究，对萨日娜予以诫勉。"
    assert names_in(text).count("萨日娜") == 2


# --- an official named in role anywhere is one everywhere (names/__init__.py) ---------------------


def test_official_named_in_role_elsewhere_is_kept_where_quoted_alone():
    text = "镇党委书记郁文军、镇长才让东知出席。\n郁文军表示，镇里将继续支持合作社。"
    assert names_in(text) == []


def test_party_after_a_list_that_opens_with_a_role_is_still_a_person():
    text = "经村调解委员会主任欧茂林主持，欧阳立军赔偿伤者医疗费。被不起诉人欧阳立军，男，1985年出生。"
    assert "欧阳立军" in names_in(text)


# --- townships beside names in a table (names/lists.py) -------------------------------------------


def test_township_cells_beside_names_in_a_table_are_kept():
    text = (
        "乡镇　姓名　性别　出生年月\n"
        "查干花镇　巴图孟和　男　1945年7月\n"
        "乌兰塔拉乡　包金莲　女　1944年12月\n"
        "八郎镇　白音仓　男　1943年3月\n"
    )
    found = names_in(text)
    assert "巴图孟和" in found and not any(place in found for place in ("查干花镇", "乌兰塔拉乡", "八郎镇"))


# --- naming words, losses, introductions, neighbours (aliases.py, context.py, coowners.py) ---------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("该女婴身体健康，现由我院抚养，取名岳春雷。", "岳春雷"),
        ("据反映，该男子有一个女儿叫“卜小琼”，其余情况不详。", "卜小琼"),
        ("郜春生、司玉芹遗失位于金水区的不动产权证书，声明作废。", "郜春生"),
        ("经询问，承租人称经冶福田介绍入住该房屋。", "冶福田"),
        ("建房地址：二组老院坝西侧，东至禄文斌宅、西至村道。", "禄文斌"),
        ("经查，漏水来自住户黄海涛家卫生间。", "黄海涛"),
    ],
)
def test_person_named_so_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "东至国道、西至河堤、南至王家村宅基地、北至集体林地。",
        "经研究介绍，该项目已完成立项。",
        "公路管理部门应当统筹编制养护工程计划。",
        "当事人提起名誉权诉讼后，以同一事实和理由又提起诉讼的，不予受理。",
        "申请人可以通过网站获取名单及有关材料。",
    ],
)
def test_bounds_plans_and_lawsuits_name_nobody(text):
    assert names_in(text) == []


def test_township_and_cause_cells_of_a_relief_table_are_kept():
    text = "乡镇\t姓名\t人口\t事由\t金额\n茅市镇\t申屠小龙\t5\t突发疾病\t2000\n相市乡\t廖和平\t3\t交通事故\t2500\n"
    assert names_in(text) == ["申屠小龙", "廖和平"]


# --- public items: a closing contact block, officers' certificate numbers, bylines -----------------


def found_in(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text)]


def test_address_in_the_closing_contact_lines_of_a_notice_is_kept():
    text = (
        "承租人柏某：\n你自2024年10月起已不在该房屋居住，现通知你于6月30日前办理退房手续。\n"
        "联系地址：西宁市城东区八一中路12号\n联系电话：0971-8146325\n2025年5月20日"
    )
    assert found_in(text) == []


def test_home_address_closing_a_notice_with_a_mobile_is_masked():
    text = "请知情者与家属联系。\n联系地址：和平区南京北街1号\n联系电话：13812345678\n2025年5月20日"
    assert "1号" in found_in(text)


def test_officers_certificate_numbers_are_kept():
    text = "执法人员：乌云（执法证号15010021037）、张立强（执法证号15010021142）"
    assert found_in(text) == []


def test_supplier_of_a_news_copy_is_an_official():
    assert names_in("（供稿：金积镇党政办　周丽婷）") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("据在较场口摆摊的蒲明德反映，老人已在附近住了三年。", "蒲明德"),
        ("被救的杜长贵大爷住在附近。", "杜长贵"),
        ("身着藏袍的德吉央宗是合作社的出纳。", "德吉央宗"),
    ],
)
def test_person_described_then_named_in_news_is_found(text, name):
    assert name in names_in(text)


def test_description_before_prose_names_nobody():
    text = "本市的经济发展表示良好。全市的公安机关是一支队伍。有关部门的负责人表示，将加快进度。"
    assert names_in(text) == []
