"""Rules of the ninth session (issue 9): clause subjects with no cue word, relatives after a possessive
kin word, counted lists without 等, 为/是 after a person word, 于 as a surname at a clause's edge,
officials behind spaced labels, autonomous areas.

Each rule has a case of our own it must find and a case of prose (or law text) it must leave alone; the
cases are written with other names than the bench parts' documents.
"""

import pytest

from gongkai.review.deidentify import find_personal_data


def names_in(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.type == "person_name"]


# --- a name opening a clause before what a person does (names/subjects.py) ------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("经查，葛书林在该店从事经营活动。", "葛书林"),
        ("经调查，滕丽萍自2022年起租用该房屋。", "滕丽萍"),
        ("2023年3月，骆文斌向本机关提交了申请。", "骆文斌"),
        ("经核实，鲍玉梅家庭人均收入低于保障标准。", "鲍玉梅"),
        ("位于和平区8号楼3单元602室的柯晓燕因家庭收入超标不予配租。", "柯晓燕"),
    ],
)
def test_name_opening_a_clause_before_a_persons_verb_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "，应当悬挂各项规定号帜，白昼还应当悬挂其所属国籍的国旗。",
        "经查，公安机关未发现违法事实。",
        "国家鼓励单位和个人向红十字会捐赠。",
        "高温天气在本市持续三日。",
    ],
)
def test_prose_opening_a_clause_is_kept(text):
    assert names_in(text) == []


def test_clause_subject_named_elsewhere_as_an_official_is_kept():
    text = "严春生到铁西区调研老旧小区改造工作\n6月18日，副市长严春生到铁西区调研。"
    assert names_in(text) == []


# --- relatives after a possessive kin word (names/kin.py) -----------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("利用职务便利，为其已故岳父锁长林冒领养老金3万元。", "锁长林"),
        ("为其妻子萨仁、女儿邝婉清违规办理低保。", "萨仁"),
        ("为其妻子萨仁、女儿邝婉清违规办理低保。", "邝婉清"),
        ("其中，那日苏户因其子蔡明轩患重病，按分类施保。", "蔡明轩"),
        ("关于你母亲戚桂珍的高龄津贴，经核实符合条件。", "戚桂珍"),
    ],
)
def test_relative_after_a_possessive_kin_word_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "无偿献血者本人、配偶和直系亲属在血液使用方面享有优先权。",
        "按照有关规定优先将其配偶及子女转为城镇户口。",
        "为外籍人才提供出入境、子女入学、配偶随迁、签证居留等便利。",
        "包括其儿媳、女婿、公婆、岳父母以及其他有扶养关系的人。",
        "其子女在外地工作的，可以委托他人代为办理。",
    ],
)
def test_kin_words_in_law_text_are_kept(text):
    assert names_in(text) == []


# --- a 、-list closed by a head count without 等 that equals its items ---------------------------------


def test_list_closed_by_an_equal_head_count_is_found():
    text = "经查，该公司拖欠钮海燕、党建民、常翠英三人工资合计9800元。"
    assert names_in(text) == ["钮海燕", "党建民", "常翠英"]


@pytest.mark.parametrize(
    "text",
    [
        "由省、市、县三级财政分担。",
        "接到通知的红十字会应当及时指派2名以上工作人员。",
        "甲、乙两人各承担一半。",
    ],
)
def test_head_counts_of_prose_are_kept(text):
    assert names_in(text) == []


# --- 为 / 是 after a person word ----------------------------------------------------------------------


def test_name_after_a_person_word_and_shi_is_found():
    assert names_in("经现场核查，该店实际经营者是顾建国。") == ["顾建国"]


@pytest.mark.parametrize(
    "text", ["申请人为本市户籍居民。", "当事人为个体工商户。", "经营者为依法设立的企业。"]
)
def test_person_word_and_wei_before_a_description_is_kept(text):
    assert names_in(text) == []


# --- 于 as a surname at a clause's left edge --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [("经查，于海涛系该店实际控制人。", "于海涛"), ("据于海涛本人陈述，其未取得许可。", "于海涛")],
)
def test_yu_at_a_clause_edge_is_a_surname(text, name):
    assert names_in(text) == [name]


def test_yu_closing_a_word_before_a_name_is_left_out():
    assert names_in("由于林志强，男，未到场，本机关依法公告送达。") == ["林志强"]


# --- officials behind spaced or new role labels, and autonomous areas ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "特此公告。\n联 系 人：项明辉\n办公电话：024-22345678",
        "裁决如下……。仲裁员：卓文静，书记员：庞海生",
        "公证员：郝立新\n2025年3月1日",
        "监督小组组长：邹宝林\n村委会主任：于长顺",
    ],
)
def test_officials_behind_role_labels_are_kept(text):
    assert names_in(text) == []


def test_crew_leader_is_not_an_official():
    assert names_in("拖欠工资共计6765元。班组长苗贵君称工程款未结清。") == ["苗贵君"]


@pytest.mark.parametrize(
    "text", ["当事人：凉山彝族自治州春晖超市", "凉山彝族自治州昭觉县市场监督管理局\n行政处罚决定书"]
)
def test_autonomous_area_is_no_name(text):
    assert names_in(text) == []


# --- table rows with a gender cell, long Uyghur cells, Yi names, addressed lines ---------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("一、新增\n夏雨　男　玉林北路社区　3人\n", "夏雨"),
        ("一、新增\n2　罗拉且　女　倪家桥社区　2人\n", "罗拉且"),
    ],
)
def test_cell_before_a_gender_cell_is_a_name(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize("text", ["会议安排\n王局长 男 主持\n", "联系方式\n王先生 男 值班\n"])
def test_official_or_form_of_address_before_a_gender_cell_is_kept(text):
    assert names_in(text) == []


def test_uyghur_name_without_a_dot_fills_a_table_cell():
    text = "序号 姓名 家庭人口 保障金额\n6   阿布都热依木艾山   5   1200\n7   韩建国   3   900\n"
    assert "阿布都热依木艾山" in names_in(text)


def test_yi_name_after_a_possessive_kin_word_is_found():
    assert "吉伍阿且" in names_in("关于你母亲吉伍阿且的高龄津贴，经核实，符合发放条件。")


def test_child_after_a_list_mark_in_a_list_of_relatives_is_found():
    text = "现其长女曲秀兰、女缪婷婷申请办理继承公证。"
    assert names_in(text) == ["曲秀兰", "缪婷婷"]


def test_addressed_line_vouches_for_a_compound_surname_and_a_word():
    text = "复〔2024〕18号\n司徒胜利：\n    你于2024年3月来信反映的问题已收悉。"
    assert names_in(text) == ["司徒胜利"]


def test_addressed_line_of_a_frequent_word_is_kept():
    assert names_in("依法：\n    你单位报送的材料已收悉。") == []


# --- ordinary words as names after a person label or before 系 (issue 9, pattern 4) ------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("出租人江海与承租人韦明于2023年签订租赁合同。", "江海"),
        ("承租人海燕逾期未缴纳租金。", "海燕"),
        ("经查，文明系该车实际所有人。", "文明"),
        ("2023年5月6日，春雷驾驶小型轿车途经该路段。", "春雷"),
    ],
)
def test_word_used_as_a_name_in_a_persons_slot_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "本次春雷行动中，各单位统一调度。",
        "春节期间，各单位应当做好值班工作。",
        "当事人双方在平等自愿的基础上达成协议。",
        "出租人与承租人应当签订书面合同。",
    ],
)
def test_words_of_prose_near_person_labels_are_kept(text):
    assert names_in(text) == []


# --- persons after words for a kind of person, 据某称, kin after any 的 (hand-written sets) --------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("当日8时许，搅拌工屈立兵（男，43岁）按要求清理搅拌机。", "屈立兵"),
        ("据罗秀姣称，事发前她曾大声询问。", "罗秀姣"),
        ("正在附近散步的市民龚海波听到呼救，跳入水中。", "龚海波"),
        ("林一航的父亲林志远第二天带着锦旗找到他。", "林志远"),
        ("检查时，你的丈夫朴光日在现场并在检查笔录上签字。", "朴光日"),
        ("确认为辽宁朝阳人，其父刘春明（电话15842011234）已到站接回。", "刘春明"),
        ("此前住在越秀区宝汉直街19号502房，房主潘伟明未按规定办理登记。", "潘伟明"),
    ],
)
def test_person_in_a_persons_slot_of_a_narrative_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "其他有关技术要求，维护工程安全，有利于河势稳定。",
        "通信线路必须确保安全通畅。",
        "前款所称，是指依法设立的机构。",
        "监护人的配偶、子女应当协助。",
    ],
)
def test_person_word_endings_inside_prose_are_kept(text):
    assert names_in(text) == []


# --- officials: a role closing a bracket, meeting minutes, bylines --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "宣告人：崔永浩（进学司法所所长）",
        "调查组组长：肖鸿飞（区应急管理局副局长）",
        "出席：杨光明、吴正阳、龙文斌\n记录：张敏",
        "群租房整治调查\n本报记者　司马青　龙腾飞",
    ],
)
def test_officials_in_role_are_kept(text):
    assert names_in(text) == []


# --- payments, addressees, relatives and lists of the hand-written sets' forms ---------------------------


def test_payees_listed_with_amounts_are_found():
    text = "2.困难户慰问：汤桂芝1,000元、陶富春1,000元、刘建明800元"
    assert names_in(text) == ["汤桂芝", "陶富春", "刘建明"]


@pytest.mark.parametrize(
    "text",
    ["对个人处2000元以上5000元以下罚款，对单位处1万元以上罚款。", "村集体收入：租金8000元、补贴3000元。"],
)
def test_amounts_of_prose_name_nobody(text):
    assert names_in(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("关于萧晓彤入学问题的答复\n萧国梁家长：\n    你来信反映的问题已收悉。", "萧国梁"),
        ("事故发生后，死者家属田德明之妻谭素兰与劳务公司达成协议。", "谭素兰"),
        ("申请人与宗立本的婚生子女宗晓燕、宗晓峰均出具书面声明。", "宗晓燕"),
        ("遗失声明\n黎建民遗失衡南县车江镇不动产权证书一本，声明作废。", "黎建民"),
        ("经查，杜小川等二十六名农民工的工资未按时发放。", "杜小川"),
        ("现予公示：\n1.韩秋兰，青菏街道韩集村，低保对象，拟救助5000元；", "韩秋兰"),
    ],
)
def test_person_in_forms_of_the_hand_written_sets_is_found(text, name):
    assert name in names_in(text)


def test_appointment_word_in_the_body_of_an_accident_report_silences_nothing():
    text = "一、事故经过\n当日，搅拌工屈立兵（男，43岁）进入搅拌机。\n二、处理建议\n建议解除与阳德明的班组长聘任。"
    assert "屈立兵" in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "下列情形之一的，用人单位和职工方双方或者一方可以变更。",
        "新建居民区配套建设的学校，由区教育部门管理。",
        "不得单纯以升学率、学生成绩作为对教师晋升工资的依据。",
    ],
)
def test_person_words_inside_longer_words_of_law_text_name_nobody(text):
    assert names_in(text) == []


def test_people_honoured_in_a_commendation_are_kept():
    text = "关于表彰2024年度见义勇为先进个人的决定\n各乡镇：\n    谢永明同志在河边跳水救起两名落水儿童。"
    assert names_in(text) == []


def test_petitioner_addressed_as_tongzhi_outside_a_commendation_is_masked():
    text = "关于王建国同志反映问题的答复\n王建国同志：\n    你反映的问题已收悉。"
    assert "王建国" in names_in(text)


def test_contact_person_with_a_mobile_in_a_family_notice_is_masked():
    text = "家属宁秀兰（女儿）盼其早日回家。\n联系人：宁秀兰　15985531234"
    assert names_in(text) == ["宁秀兰", "宁秀兰"]


def test_organs_contact_person_with_an_office_phone_is_kept():
    assert names_in("特此公告。\n联系人：周文涛\n办公电话：0411-83661207") == []


def test_minority_names_in_a_list_closed_by_an_equal_head_count_are_found():
    found = names_in("另据群众举报，玉香、岩温二人在山脚下违规修建坟墓。")
    assert found == ["玉香", "岩温"]


def test_cell_before_a_household_standing_cell_is_a_name():
    text = "三棵树镇\n顾阿明　低保边缘户　南哨村　维修加固　补助3.5万元\n文和顺　脱贫户　季刀村　维修加固\n"
    assert names_in(text) == ["顾阿明", "文和顺"]
