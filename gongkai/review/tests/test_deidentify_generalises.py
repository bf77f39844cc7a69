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


# --- Slots, list consistency and 某 forms (third session) -----------------------------------------


def test_name_alone_before_xi_with_an_unlisted_rare_surname_is_found():
    assert names_in("经查，眭晓峰系该店实际经营人。") == ["眭晓峰"]


def test_name_after_a_person_noun_made_of_a_person_suffix_is_found():
    assert names_in("营业员柏振宇在笔录上签名。") == ["柏振宇"]


def test_name_after_a_clause_ending_in_de_ren_is_found():
    assert names_in("代为缴款的人孔令辉在询问笔录中予以证实。") == ["孔令辉"]


def test_name_before_an_adverb_and_its_verb_is_found():
    text = "村民孔令辉病故后，其妻子常秀英仍代为领取低保金。"
    assert names_in(text) == ["孔令辉", "常秀英"]


def test_surname_and_ordinary_word_alone_before_a_strong_verb_is_found():
    assert names_in("经查，郑跃进系当事人实际控制人。") == ["郑跃进"]


def test_name_after_a_label_and_spaces_before_a_personal_attribute_is_found():
    assert names_in("承租人 何建军，联系电话13800138000") == ["何建军"]


@pytest.mark.parametrize(
    "text",
    [
        "当事人不愿通过协商解决的，可以申请仲裁。",
        "机动车驾驶人连续驾车超过4小时的，应当停车休息。",
        "经当事人校阅后，由当事人签名或者盖章。",
        "专利权人或者利害关系人依据专利法第六十条的规定提出申请。",
        "任何单位和个人都不得擅自改变城市绿地的用途。",
        "经施工单位技术负责人、总监理工程师签字后实施。",
        "不得诱导、误导或者迫使消费者超量点餐。",
        "卫生院进行登记，领取儿童保健卡。",
        "路面无积水、无堆积垃圾、无人畜粪便。",
    ],
)
def test_person_words_and_verbs_in_laws_name_nobody(text):
    assert names_in(text) == []


def test_both_parties_before_a_shared_verb_are_found():
    text = "承租人：侯晓燕，联系电话13800138000\n    经核，程立军与侯晓燕签订租赁合同。"
    assert names_in(text) == ["侯晓燕", "程立军", "侯晓燕"]


def test_word_name_listed_with_a_confirmed_name_is_found():
    text = "受送达人宁莉鑫：\n    本机关依法向黄河、宁莉鑫公告送达行政处罚决定书。"
    assert sorted(names_in(text)) == ["宁莉鑫", "宁莉鑫", "黄河"]


def test_other_items_of_a_numbered_list_of_confirmed_names_are_found():
    text = (
        "经查，你单位拖欠曾东沐、任曜等3名劳动者工资。\n"
        "1、曾东沐，欠发工资787元；\n2、任曜，欠发工资716元；\n3、苗锴，欠发工资40元；\n"
    )
    assert "苗锴" in names_in(text)


def test_header_row_of_a_table_of_confirmed_names_is_kept():
    text = (
        "序号 号牌号码 当事人 违法时间\n1 晋AA2839 黄河 2022年3月2日\n"
        "2 桂Z74PD5 刘娟娟 2020年3月20日\n3 桂J34293 岳博锦 2019年1月23日\n"
    )
    found = names_in(text)
    assert sorted(found) == ["刘娟娟", "岳博锦", "黄河"]


def test_full_name_behind_a_mou_form_is_found():
    text = "当事人：王某，男。\n经查，王某擅自占用道路经营。\n附件：1．王晓东询问笔录\n"
    assert names_in(text) == ["王晓东"]


def test_full_name_behind_a_double_mou_form_is_found():
    text = "当事人：黄某某，男。\n经查，黄某某擅自占用道路经营。\n附件：1．黄建平询问笔录\n"
    assert names_in(text) == ["黄建平"]


def test_mou_form_does_not_make_words_with_its_surname_names():
    assert names_in("王某称，王府井大街的商户王府饭店已停业。") == []


def test_mongolian_name_with_unlisted_syllables_after_a_lessee_label_is_found():
    assert names_in("承租人乌力吉那顺其木格，联系电话13800138000") == ["乌力吉那顺其木格"]


def test_dotted_name_whose_first_character_is_no_transliteration_character_is_found():
    assert names_in("1 | 排达尔·艾力 | 3 | 男") == ["排达尔·艾力"]


def test_name_before_an_issuer_code_is_not_hidden_by_the_document_number():
    text = "受送达人宁莉鑫：\n本机关依法向宁莉鑫公告送达济环罚〔2024〕8号行政处罚决定书。"
    assert names_in(text) == ["宁莉鑫", "宁莉鑫"]


# --- Fourth session: cases of the new forms (送达公告, 分配公示, 信访答复, 欠薪, 纪律通报) ---------------


def test_contact_line_of_a_dotted_official_name_is_kept_whole():
    # 联系电话 holds 系: it is no verb, and the dotted name on the contact line is the organ's contact.
    text = "逾期视为送达。\n联系人：阿力木·吐尔逊，联系电话：0991-5531234\n乌鲁木齐市市场监督管理局"
    assert find_personal_data(text) == []


def test_dotted_name_never_spans_punctuation():
    text = "联系人：热依拉•沙吾提，联系电话：0991-5531234"
    assert all("：" not in f.text and "，" not in f.text for f in find_personal_data(text))


def test_name_before_the_wife_of_is_found():
    assert names_in("案发后，吾买尔江的妻子多次到镇政府反映。") == ["吾买尔江"]


def test_name_after_a_resident_before_de_is_found():
    assert names_in("其冒领残疾居民柴国栋的护理补贴4200元。") == ["柴国栋"]


def test_relative_named_before_xiang_and_a_complaint_verb_is_found():
    assert names_in("其丈夫巴特孟和向街道办事处反映。") == ["巴特孟和"]


def test_witnesses_after_a_person_word_before_zhengshi_are_found():
    assert names_in("经走访，邻居晏宏图、卜秋生均证实该车棚系他人搭建。") == ["晏宏图", "卜秋生"]


def test_word_name_listed_after_a_person_word_is_found():
    assert names_in("经走访，村民龚立新、卜秋生证实属实。") == ["龚立新", "卜秋生"]


def test_name_after_xi_behind_an_earlier_verb_in_the_run_is_found():
    text = "知情人证实该棚屋系聂文韬在2021年3月搭建。"
    assert names_in(text) == ["聂文韬"]


def test_name_before_a_homestead_after_neighbour_is_found():
    assert names_in("你反映与邻居苟德明宅基地纠纷一事收悉。") == ["苟德明"]


def test_yi_name_opening_a_line_before_zhu_is_found():
    text = "公告\n吉克阿呷，住西昌市长安路18号2单元301室\n"
    assert "吉克阿呷" in names_in(text)


def test_unlisted_minority_name_opening_a_numbered_line_before_zhu_is_found():
    assert names_in("2. 俄木拉且（住昭觉县新城街5号）") == ["俄木拉且"]


def test_two_minority_names_addressed_with_tongzhi_are_found():
    text = "敖日格勒孟克同志：\n    你来信反映的问题收悉。"
    assert names_in(text) == ["敖日格勒孟克"]


def test_line_opening_run_of_ordinary_words_before_zhu_is_no_name():
    assert names_in("根据规定，住房保障部门应当公示。") == []


@pytest.mark.parametrize(
    "door", ["锦江区惠民保障性租赁住房12-3-1502", "皇姑区宁山还迁房7号楼2单元501室", "和顺人才公寓3-2-802"]
)
def test_door_after_an_estate_without_a_road_is_an_address(door):
    text = "配租结果公示\n1\t张立平\t3\t" + door + "\n"
    assert [f.type for f in find_personal_data(text) if f.type == "address"] == ["address"]


def test_name_opening_a_payment_line_before_the_bank_is_found():
    text = "补贴发放明细：\n乌日根达来，开户银行中国农业银行，金额1200元；\n"
    assert names_in(text) == ["乌日根达来"]


def test_company_opening_a_payment_line_before_the_bank_is_no_name():
    assert names_in("收款单位：\n沈阳市恒远商贸有限公司，开户行：中国银行\n") == []


def test_part_of_a_citizens_dotted_name_is_not_repeated_into_the_contacts_name():
    text = "拖欠阿依努尔•热合曼工资3000元。\n联系人：买买提•阿依努尔，办公电话：0991-5531234\n"
    assert names_in(text) == ["阿依努尔•热合曼"]


def test_word_name_after_a_person_word_before_de_and_a_benefit_is_found():
    assert names_in("其截留低保户蒲立新的救助金800元。") == ["蒲立新"]
