"""Masking formats by public-notice conventions, and their configuration."""

from gongkai.review.deidentify import deidentify


def test_name_keeps_the_surname_with_mou():
    assert deidentify("当事人：王小明，男").text == "当事人：王某某，男"


def test_two_character_name_gets_one_mou():
    assert deidentify("申请人：李华，").text == "申请人：李某，"


def test_name_star_style_masks_by_length():
    masking = {"person_name": {"style": "star"}}
    assert (
        deidentify("申请人：李华，当事人：王小明，男", masking=masking).text
        == "申请人：李*，当事人：王**，男"
    )


def test_compound_surname_is_kept_whole():
    assert deidentify("被征收人：欧阳娜娜，").text == "被征收人：欧阳某某，"


def test_id_number_keeps_first_six_and_last_four():
    assert deidentify("身份证号：11010519491231002X").text == "身份证号：110105********002X"


def test_id_number_can_be_removed():
    masking = {"id_card": {"style": "remove"}}
    assert deidentify("身份证号：11010519491231002X", masking=masking).text == "身份证号：[已删除]"


def test_phone_keeps_first_three_and_last_four():
    assert deidentify("手机13800138000").text == "手机138****8000"


def test_bank_card_keeps_last_four():
    assert deidentify("卡号6222021234567890128").text == "卡号***************0128"


def test_email_keeps_the_domain():
    assert deidentify("邮箱wang.xm@163.com。").text == "邮箱***@163.com。"


def test_spaced_phone_is_masked_as_one_number():
    assert deidentify("电话 138 0013 8000。").text == "电话 138****8000。"


def test_plate_keeps_province_and_issuing_letter():
    assert deidentify("驾驶辽A12345号车").text == "驾驶辽A*****号车"


def test_passport_keeps_the_first_letter():
    assert deidentify("护照号码E12345678。").text == "护照号码E********。"


def test_full_width_phone_is_masked_in_ascii():
    assert deidentify("手机１３８００１３８０００").text == "手机138****8000"
