"""Detection of each personal-data type and its look-alikes (work-plan task 26, SPEC-regulations §5)."""

import pytest

from gongkai.review.deidentify import deidentify, find_personal_data


def types_of(text: str) -> list[tuple[str, str]]:
    return [(f.type, f.text) for f in find_personal_data(text)]


# --- ID numbers (R5.4) -------------------------------------------------------------------------


def test_valid_id_number_is_found():
    assert ("id_card", "11010519491231002X") in types_of("身份证号码：11010519491231002X。")


def test_id_number_with_bad_checksum_is_kept():
    assert types_of("档案编号110105194912310021已归档。") == []


def test_old_fifteen_digit_id_number_after_cue_is_found():
    assert ("id_card", "110105491231002") in types_of("身份证号：110105491231002")


def test_full_width_id_number_is_found_with_original_offsets():
    text = "身份证：１１０１０５１９４９１２３１００２Ｘ，"
    [finding] = find_personal_data(text)
    assert (finding.type, text[finding.start : finding.end]) == (
        "id_card",
        "１１０１０５１９４９１２３１００２Ｘ",
    )


def test_id_number_with_stray_spaces_is_found():
    text = "身份证号 110105 19491231 002X 。"
    [finding] = find_personal_data(text)
    assert finding.text == "110105 19491231 002X"


# --- Company credit codes (R5.5) ----------------------------------------------------------------


def test_company_credit_code_is_kept():
    assert types_of("统一社会信用代码：91350100M000100Y43") == []


# --- Phones (R5.6) -------------------------------------------------------------------------------


def test_mobile_number_is_found():
    assert ("phone", "13800138000") in types_of("联系电话13800138000。")


def test_mobile_number_with_spaces_and_country_code_is_found():
    assert ("phone", "+86 138 0013 8000") in types_of("电话：+86 138 0013 8000")


def test_hotline_12345_is_kept():
    assert types_of("请拨打12345市民服务热线或8890反映。") == []


def test_hotline_with_area_code_is_kept():
    assert types_of("咨询电话：024-12345") == []


def test_office_landline_after_public_cue_is_kept():
    assert types_of("监督电话：024-22345678") == []


def test_landline_of_a_person_is_found():
    text = "申请人：张伟，家庭电话：024-86123456"
    assert ("phone", "024-86123456") in types_of(text)


def test_amount_that_looks_like_a_phone_is_kept():
    assert types_of("罚没款合计13800138000元。") == []


def test_date_that_looks_like_a_phone_is_kept():
    assert types_of("于20230115日前缴清，案号2023-0115。") == []


# --- Bank cards (R5.7) ---------------------------------------------------------------------------


def test_bank_card_passing_luhn_is_found():
    assert ("bank_card", "6222 0212 3456 7890 128") in types_of("卡号 6222 0212 3456 7890 128")


def test_card_number_already_masked_is_kept():
    assert types_of("尾号为**** **** **** 0128的银行卡") == []


# --- E-mail, plates, passports -------------------------------------------------------------------


def test_personal_email_is_found():
    assert ("email", "wang.xm@163.com") in types_of("邮箱：wang.xm@163.com")


def test_government_email_is_kept():
    assert types_of("电子邮箱：zfxxgk@shenyang.gov.cn") == []


def test_licence_plate_is_found():
    assert ("license_plate", "辽A12345") in types_of("驾驶辽A12345号小型轿车")


def test_new_energy_plate_is_found():
    assert ("license_plate", "粤BD12345") in types_of("车牌号粤BD12345")


def test_passport_number_is_found():
    assert ("passport", "E12345678") in types_of("护照号码E12345678")


def test_hong_kong_macau_permit_after_cue_is_found():
    assert ("passport", "C12345678") in types_of("往来港澳通行证号码：C12345678")


# --- Names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("当事人：王小明，男，汉族。", "王小明"),
        ("申请人：李华", "李华"),
        ("信访人赵翊宸反映", "赵翊宸"),
        ("被征收人：欧阳娜娜", "欧阳娜娜"),
        ("村民周海反映", "周海"),
    ],
)
def test_name_after_a_label_is_found(text, name):
    assert ("person_name", name) in types_of(text)


def test_salutation_name_is_found():
    assert ("person_name", "王建军") in types_of("王建军：\n    您于2023年5月10日提出的信访事项收悉。")


def test_name_in_table_row_with_id_number_is_found():
    text = "序号\t姓名\t身份证号\n1\t孙丽\t11010519491231002X"
    assert ("person_name", "孙丽") in types_of(text)


def test_repeated_name_is_found_everywhere():
    found = types_of("当事人：王小明，男。经查，王小明驾驶车辆。")
    assert found.count(("person_name", "王小明")) == 2


def test_official_in_appointment_notice_is_kept():
    assert types_of("决定任命王建国为沈阳市财政局局长，免去李华的沈阳市财政局副局长职务。") == []


def test_law_enforcement_officers_are_kept():
    assert types_of("执法人员：张伟、李娜（执法证号：21010001）") == []


def test_official_after_role_word_is_kept():
    assert types_of("副局长刘强主持会议。") == []


def test_company_as_party_is_kept():
    assert types_of("当事人：沈阳市和平区某某商贸有限公司") == []


@pytest.mark.parametrize(
    "text", ["王府井大街", "张贴公告", "高新区管委会", "黄河路", "周一上午", "方案", "常务会议", "于是决定"]
)
def test_common_words_starting_with_a_surname_are_kept(text):
    assert types_of(text) == []


def test_already_masked_name_is_not_reported():
    assert types_of("当事人：王某某，男。") == []


# --- Addresses -----------------------------------------------------------------------------------


def test_home_address_drops_house_building_and_room():
    result = deidentify("住址：沈阳市和平区南京北街123号2单元301室。")
    assert result.text == "住址：沈阳市和平区南京北街***。"


def test_residential_community_is_dropped_with_the_numbers():
    result = deidentify("家住沈阳市皇姑区幸福小区5号楼2单元301室")
    assert result.text == "家住沈阳市皇姑区***"


def test_office_address_is_kept():
    assert types_of("办公地址：沈阳市和平区市府大路260号") == []


# --- Document numbers, law titles -----------------------------------------------------------------


def test_document_number_and_law_title_are_kept():
    assert types_of("依据《中华人民共和国行政处罚法》，沈市监罚〔2023〕125号") == []


def test_names_listed_with_a_found_name_are_found():
    found = types_of("当事人：王小明、李华、赵刚等3人，男。")
    assert {n for t, n in found if t == "person_name"} == {"王小明", "李华", "赵刚"}


def test_official_named_before_the_role_is_kept():
    assert types_of("会议由王建国副市长主持。") == []


def test_room_number_without_room_suffix_is_dropped():
    assert deidentify("住址：沈阳市和平区幸福小区3号楼2单元502").text == "住址：沈阳市和平区***"


def test_ordinary_words_after_a_bare_cue_are_not_names():
    assert types_of("实施情况应当及时向村民公布。经全体职工过半数通过。") == []


def test_family_members_marked_by_relation_are_found():
    found = types_of("户主：张建华；家庭成员：李秀梅（妻）、张小龙（子）。")
    assert {n for t, n in found if t == "person_name"} == {"张建华", "李秀梅", "张小龙"}


def test_office_landline_after_a_citizen_on_the_same_line_is_kept():
    text = "申请人：王海涛，如有疑问请联系我局，电话024-23456789。"
    assert ("phone", "024-23456789") not in types_of(text)


def test_table_header_after_name_label_is_not_a_name():
    text = "姓名 性别 出生年月\n赵思远 男 1996.05"
    assert types_of(text) == [("person_name", "赵思远")]


def test_salutation_word_is_not_a_name():
    assert types_of("回复：王女士您好！您反映的问题已办结。") == []


def test_landline_in_a_personal_form_row_is_found():
    text = "申请人：孟凡超\n电话：0531-86012345"
    assert ("phone", "0531-86012345") in types_of(text)


def test_office_phone_after_a_published_list_is_kept():
    text = "姓名 性别\n赵思远 男\n公示期：2024年5月10日至16日。联系电话：024-22722345"
    assert ("phone", "024-22722345") not in types_of(text)


def test_long_digit_run_takes_linear_time():
    import time

    started = time.process_time()
    find_personal_data("1234567890" * 10_000)
    assert time.process_time() - started < 2.0


def test_bare_list_of_names_is_found():
    found = types_of("经查，张三丰、李四海在太原北街摆摊设点。")
    assert {n for t, n in found if t == "person_name"} == {"张三丰", "李四海"}


def test_list_of_rivers_is_not_a_list_of_names():
    assert types_of("本省行政区域内的淮河、洪汝河、沙颍河、卫河。") == []


def test_official_named_as_legal_representative_of_a_government_is_kept():
    assert ("person_name", "孙建平") not in types_of(
        "被申请人：沈阳市大东区人民政府。\n法定代表人：孙建平，区长。"
    )


def test_every_person_column_of_a_table_is_found():
    text = "序号  学生姓名  监护人  审核结果\n1  李沐阳  李建国  通过"
    found = types_of(text)
    assert {n for t, n in found if t == "person_name"} == {"李沐阳", "李建国"}


def test_card_after_a_decimal_cell_in_a_spaced_row_is_found():
    text = "户主 面积 金额 卡号\n沈航妤 38.3 28298 6222 0212 3456 7890 128"
    assert ("bank_card", "6222 0212 3456 7890 128") in types_of(text)


def test_person_served_is_masked_and_serving_officers_kept():
    text = "受送达人：甘贵\n送达人：执法人员 贾可康、严凤梅"
    assert [n for t, n in types_of(text) if t == "person_name"] == ["甘贵"]


def test_trailer_plate_is_found():
    assert ("license_plate", "辽A1234挂") in types_of("牵引辽A1234挂号半挂车")


def test_office_contact_address_after_a_citizen_is_kept():
    text = "冯晓梅：\n    你的申请收悉。\n    本机关联系地址：沈阳市浑南区沈中大街206号，联系电话：024-31693333。"
    assert types_of(text) == [("person_name", "冯晓梅")]


def test_id_number_with_bad_checksum_after_id_cue_is_kept_by_default():
    assert types_of("身份证号码：110105194912310021") == []


def test_administrator_can_mask_mistyped_ids_after_a_cue(settings, tmp_path):
    (tmp_path / "cues.yaml").write_text("id_bad_checksum_cues:\n  - 身份证\n", encoding="utf-8")
    settings.DEIDENTIFY_EXTRA_DATA_DIR = str(tmp_path)
    assert types_of("身份证号码：110105194912310021") == [("id_card", "110105194912310021")]


def test_labelled_party_is_masked_even_when_the_text_also_appoints_someone():
    text = "当事人：欧阳晓明，男。\n经研究，任命刘洪涛同志为市教育局副局长。"
    masked = deidentify(text).text
    assert "欧阳晓明" not in masked
    assert "刘洪涛" in masked
