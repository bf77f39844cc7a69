"""The seven patterns of issue 9 that leaked on an independent set, as cases of our own."""

import pytest

from gongkai.review.deidentify import deidentify, find_personal_data


def names_in(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.type == "person_name"]


# --- 1. Names in running text with no cue word ---------------------------------------------------


def test_name_before_xi_after_jingcha_is_found():
    assert names_in("经查，赵磊系当事人实际控制人，于2023年5月起销售过期食品。") == ["赵磊"]


def test_name_between_ju_and_benren_chenshu_is_found():
    assert names_in("据赵磊本人陈述，货值金额3000元。") == ["赵磊"]


@pytest.mark.parametrize("role", ["店长", "实际控制人", "四邻", "同村村民", "代为刷卡的人"])
def test_name_after_an_ordinary_role_word_is_found(role):
    assert names_in(f"{role}李建华在询问笔录中予以证实。") == ["李建华"]


def test_workers_counted_in_a_wage_decision_are_found():
    text = "经查，你单位拖欠张伟、李秀英、王强等3名工人工资共计5000元。"
    assert names_in(text) == ["张伟", "李秀英", "王强"]


def test_workers_in_a_numbered_wage_list_are_found():
    text = "现责令你单位支付下列人员工资：\n1. 刘振华  3500元\n2. 陈静  4200元\n3. 马力  3900元\n"
    assert names_in(text) == ["刘振华", "陈静", "马力"]


# --- 2. Consistency within one document ----------------------------------------------------------


def test_second_addressee_in_the_same_layout_is_found():
    text = "公告送达书\n受送达人欧淇鹏：\n受送达人笪江良：\n    因无法直接送达，现公告送达。"
    assert names_in(text) == ["欧淇鹏", "笪江良"]


def test_living_relative_of_a_deceased_person_is_found():
    text = "村民张建国病故后，其儿子张伟继续冒领低保金3000元。张伟已退缴全部款项。"
    assert names_in(text) == ["张建国", "张伟", "张伟"]


def test_name_split_into_surname_and_given_name_cells_is_found():
    text = "申请人：王小明，男\n姓\t名\t金额\n王\t小明\t300元\n"
    assert [f.text for f in find_personal_data(text)] == ["王小明", "王\t小明"]


def test_split_name_is_masked_without_merging_the_cells():
    text = "申请人：王小明，男\n姓\t名\t金额\n王\t小明\t300元\n"
    assert deidentify(text).text.splitlines()[-1] == "王\t某某\t300元"


# --- 3. Minority and transliterated names --------------------------------------------------------


@pytest.mark.parametrize("dot", ["·", "・", "．", "•"])
def test_name_with_any_middle_dot_is_found_whole(dot):
    name = f"阿依古丽{dot}买买提"
    assert names_in(f"申请人：{name}，女，住乌鲁木齐市。") == [name]


def test_dotted_name_in_a_table_row_is_found():
    assert names_in("序号  姓名  性别\n1  买买提•艾力  男\n") == ["买买提•艾力"]


def test_tibetan_name_without_surname_on_the_addressee_line_is_found():
    assert names_in("德吉央宗：\n    你反映的低保待遇问题收悉。") == ["德吉央宗"]


def test_tibetan_and_mongolian_names_in_a_list_are_found():
    assert names_in("慰问对象名单\n扎西次仁、巴特尔、其其格\n") == ["扎西次仁", "巴特尔", "其其格"]


def test_dotted_name_offsets_index_the_original_text():
    text = "申请人：热依拉．吐尔逊，女"
    [finding] = find_personal_data(text)
    assert text[finding.start : finding.end] == "热依拉．吐尔逊"


# --- 4. Names that are ordinary words -------------------------------------------------------------


def test_word_name_after_lessor_label_without_colon_is_found():
    assert names_in("出租人江山，联系电话13800138000。") == ["江山"]


def test_word_name_before_jiashi_is_found():
    assert names_in("经查，文华驾驶辽A12345号小型汽车闯红灯。") == ["文华"]


def test_ordinary_word_after_a_label_is_not_a_name():
    assert names_in("当事人文化程度为初中。") == []


# --- 5. Addresses after a housing-estate name -----------------------------------------------------


def test_door_after_a_public_rental_estate_is_an_address():
    findings = find_personal_data("房屋坐落：和平区幸福公租房8号楼5单元602室")
    assert [(f.type, f.text) for f in findings] == [("address", "8号楼5单元602室")]


def test_estate_name_itself_is_kept():
    assert deidentify("承租人：王小明\n房屋坐落：幸福公租房8号楼5单元602室").text.endswith("幸福公租房***")


# --- 6. Foreign passport numbers -----------------------------------------------------------------


def test_nine_digit_passport_after_cue_is_found():
    findings = find_personal_data("外国人约翰，护照号码：123456789，入境日期2024年5月1日。")
    assert ("passport", "123456789") in [(f.type, f.text) for f in findings]


# --- 7. Damage: an organ's contact e-mail ---------------------------------------------------------


def test_organ_mailbox_on_webmail_domain_on_contact_line_is_kept():
    text = "联系人：李明，办公电话：024-22334455，联系邮箱：ldjc@163.com"
    assert [f.type for f in find_personal_data(text)] == []


def test_citizen_mailbox_on_webmail_domain_is_still_found():
    findings = find_personal_data("申请人电子邮箱：zhangsan88@163.com")
    assert [(f.type, f.text) for f in findings] == [("email", "zhangsan88@163.com")]


# --- What must not become a name ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "邙山的东周、东汉、曹魏、西晋、北魏、后唐等陵墓",
        "湟水、洮河、祖厉河、清水河、大黑河、皇甫川等一级支流",
        "现有河湖及水利工程设施和郑开水系连通工程",
        "当事人向人民法院提起诉讼。",
    ],
)
def test_lists_of_places_and_prose_in_laws_are_not_names(text):
    assert names_in(text) == []


def test_rules_alone_do_not_use_the_name_model():
    text = "慰问对象名单\n扎西次仁、巴特尔、其其格\n"
    assert [f for f in find_personal_data(text, name_model=False) if f.type == "person_name"] == []
