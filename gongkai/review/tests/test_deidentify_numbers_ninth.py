"""Rules of the ninth session (issue 9): organ mailboxes on a public webmail, office phones of an organ's
contact block or 公示 line, and home addresses without a road before them.

Each rule has a case it must get right and a counter-case that must keep the old behaviour; the cases
use other names, numbers and mailboxes than the bench parts' documents.
"""

import pytest

from gongkai.review.deidentify import find_personal_data


def found(text: str, kind: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.type == kind]


# --- 1. Organ mailboxes on a public webmail -------------------------------------------------------


def test_mailbox_under_an_organ_contact_block_is_kept():
    text = "联 系 人：周文涛\n办公电话：0411-83661207\n联系邮箱：hpqxfb@126.com\n监督热线：12345"
    assert found(text, "email") == []


def test_mailbox_under_a_private_persons_block_is_masked():
    text = "申请人：周文涛\n联系电话：0411-83661207\n电子邮箱：zhouwt77@126.com"
    assert found(text, "email") == ["zhouwt77@126.com"]


def test_mailbox_after_a_postal_address_with_post_code_is_kept():
    text = "来信请寄：大连市中山区人民路12号区信访局，邮编116001\n电子邮箱：zsqxfj@163.com"
    assert found(text, "email") == []


def test_mailbox_on_a_line_with_a_private_mobile_is_masked():
    text = "联系人：周文涛，手机13904117788，电子邮箱：zwt1988@163.com\n办公地址：大连市中山区人民路12号"
    assert found(text, "email") == ["zwt1988@163.com"]


def test_mailbox_after_a_company_name_is_kept():
    text = "招标代理：辽宁正源工程咨询有限公司　邮箱：zhengyuanzx@163.com"
    assert found(text, "email") == []


def test_mailbox_on_a_line_with_a_private_id_is_masked():
    text = "当事人身份证号码：210202198807153316，电子邮箱：lx880715@qq.com\n办公地址：大连市中山区人民路12号"
    assert found(text, "email") == ["lx880715@qq.com"]


def test_mailbox_beside_an_office_landline_at_the_close_is_kept():
    text = "本答复书纸质件将一并邮寄，请注意查收。\n联系电话：0411-82761150　电子邮箱：zsqzwgk@163.com\n2025年3月2日"
    assert found(text, "email") == []


def test_mailbox_of_the_caller_in_prose_is_masked():
    text = "来电人邮箱zhao_xl@sina.com。\n承办人：孙立，办公电话：0411-82761150。"
    assert found(text, "email") == ["zhao_xl@sina.com"]


def test_mailbox_on_a_field_line_above_an_organs_signature_is_kept():
    text = "联系方式：0411-82761150，zsqmzj@126.com\n大连市中山区民政局\n2025年3月2日"
    assert found(text, "email") == []


def test_mailbox_in_a_block_with_a_home_address_is_masked():
    text = "通讯地址：大连市中山区解放路52号3单元601室\n联系电话：0411-82761150\n电子邮箱：bzq52@126.com"
    assert found(text, "email") == ["bzq52@126.com"]


def test_mailbox_in_a_publicitys_objection_sentence_is_kept():
    text = "    拟保障对象：侯振山，家庭人口2人。如有异议，可发送邮件至zsqgs@163.com。"
    assert found(text, "email") == []


def test_mailbox_of_a_person_who_objects_is_masked():
    text = "    侯振山对处理结果有异议，其邮箱为hzs1961@163.com。"
    assert found(text, "email") == ["hzs1961@163.com"]


def test_mailbox_in_brackets_after_an_organ_is_kept():
    assert found("    请于5月10日前将材料发送至区人社局（xgrsj@163.com）。", "email") == []


def test_mailbox_in_brackets_after_a_complainant_is_masked():
    assert found("    投诉人侯振山（hzs1961@163.com）反映。", "email") == ["hzs1961@163.com"]


# --- 2. Office phones ------------------------------------------------------------------------------


def test_landline_after_please_dial_in_a_publicity_is_kept():
    text = "其中，低保户侯振山因病增发救助金。公示期7天，如有异议，请拨打0411-84302261或12345。"
    assert found(text, "phone") == []


def test_landline_in_an_objection_sentence_after_a_named_beneficiary_is_kept():
    text = (
        "    拟保障对象：侯振山，家庭人口2人。如有异议，请于公示期内向区民政局反映，联系电话：0411-84302261。"
    )
    assert found(text, "phone") == []


def test_landline_of_a_person_who_objects_is_masked():
    text = "    侯振山对处理结果有异议，其电话为0411-84302261。"
    assert found(text, "phone") == ["0411-84302261"]


def test_landline_on_a_form_row_of_a_private_persons_block_is_masked():
    text = "姓名：柏志强\n性别：男\n联系电话：0411-84302261"
    assert found(text, "phone") == ["0411-84302261"]


def test_landline_on_a_form_row_under_an_organ_contact_person_is_kept():
    text = "联系人：邵明哲\n联系电话：0411-84302261"
    assert found(text, "phone") == []


def test_landline_of_a_named_party_is_masked():
    text = "当事人：侯振山，联系电话：0411-84302261"
    assert found(text, "phone") == ["0411-84302261"]


def test_landline_of_an_organ_contact_person_is_kept():
    text = "联 系 人：邵明哲  联系电话：0411-84302261"
    assert found(text, "phone") == []


def test_mobile_of_an_organ_contact_person_is_masked():
    text = "联系人：邵明哲  联系电话：13904117788"
    assert found(text, "phone") == ["13904117788"]


# --- 3. Addresses -----------------------------------------------------------------------------------


def test_bare_building_unit_room_triples_are_addresses():
    text = "经区供热办会同大连热电有限公司入户测温，你们三户（15-2-301、15-3-502）室温均不达标。"
    assert found(text, "address") == ["15-2-301", "15-3-502"]


def test_bare_dash_numbers_that_are_not_rooms_are_kept():
    text = "依据GB 50016-2014第3-1-2条，检测编号（12-34-56）合格。"
    assert found(text, "address") == []


def test_village_group_and_house_number_after_a_villager_is_an_address():
    text = "宅基地审批：村民柏志强（三组26号）申请翻建住房。"
    assert found(text, "address") == ["三组26号"]


def test_group_number_without_a_person_is_kept():
    text = "本次检查分为三组，（三组26号出发）。"
    assert found(text, "address") == []


def test_mailing_address_after_an_organ_named_above_is_masked():
    text = "经查，该信息已由区房屋征收服务中心主动公开。\n你提供的邮寄地址为大连市中山区解放路52号5号楼3单元601，请注意查收。"
    assert found(text, "address") == ["52号5号楼3单元601"]


def test_company_address_on_its_own_line_is_kept_after_a_person_above():
    text = "申请人：柏志强，男，住大连市中山区解放路52号3单元601室。\n被申请人：大连恒信科技有限公司，住所地大连市高新区黄浦路699号。"
    assert found(text, "address") == ["52号3单元601室"]


def test_persons_address_with_a_company_cue_is_masked():
    assert found("申请人：柏志强，住所地大连市高新区黄浦路699号。", "address") == ["699号"]


def test_property_under_a_debtors_name_is_an_address():
    text = "公开拍卖被执行人柏志强名下位于瓦房店市复州城镇河湾村196号的房产。"
    assert found(text, "address") == ["196号"]


def test_property_under_a_companys_name_is_kept():
    text = "公开拍卖被执行人大连恒信科技有限公司名下位于瓦房店市复州城镇河湾村196号的厂房。"
    assert found(text, "address") == []


def test_plain_address_in_an_organ_contact_block_is_kept():
    text = "地址：大连市西岗区长江路100号  邮编：116011\n电话：0411-83661207  邮箱：xgqrsj@126.com"
    assert found(text, "address") == []


def test_plain_address_under_a_private_persons_label_is_masked():
    assert found("申请人：柏志强\n地址：大连市西岗区长江路100号\n邮编：116011", "address") == ["100号"]


def test_address_followed_by_the_organs_name_is_kept():
    assert found("通信地址：大连市西岗区长江路100号区委组织部", "address") == []


def test_address_followed_by_an_estate_name_is_masked():
    assert found("通讯地址：大连市西岗区长江路100号幸福家园小区南院", "address") == ["100号"]


def test_business_place_of_a_sole_trader_in_a_flat_is_masked():
    text = (
        "当事人：柏志强（个体工商户“志强裁缝铺”经营者）\n公民身份号码：210202198807153316\n"
        "经营场所：大连市西岗区长江路88号2幢底商103室"
    )
    assert found(text, "address") == ["88号2幢底商103室"]


def test_business_place_of_a_company_is_kept():
    text = (
        "当事人：大连志强服装有限公司\n法定代表人：柏志强，公民身份号码：210202198807153316\n"
        "经营场所：大连市西岗区长江路88号2幢底商103室"
    )
    assert found(text, "address") == []


def test_disability_certificate_number_holding_an_id_is_masked():
    text = "残疾人证号：13010219851227667042，残疾类别：肢体。"
    found = [(f.text, f.type) for f in find_personal_data(text)]
    assert found == [("13010219851227667042", "id_card")]


@pytest.mark.parametrize(
    "text",
    ["订单编号13010219851227667042。", "残疾人证号：13010219851227667092（类别位不是1至7）"],
)
def test_twenty_digit_number_without_the_cue_or_the_category_is_kept(text):
    assert [f for f in find_personal_data(text) if f.type == "id_card"] == []


@pytest.mark.parametrize(
    ("text", "door"),
    [
        ("住北京市海淀区万寿路甲15号院4号楼3门502，电话13801012345", "甲15号院4号楼3门502"),
        ("此前住在广州市越秀区宝汉直街19号502房，房主潘伟明未登记。", "19号502房"),
    ],
)
def test_doors_with_jia_numbers_gates_and_fang_rooms_are_found(text, door):
    assert found(text, "address") == [door]


def test_public_room_of_an_office_is_kept():
    text = "申请人可持身份证件到我中心市南区宁夏路160号服务大厅查询。"
    assert found(text, "address") == []


def test_contact_line_closing_a_notice_before_the_organ_and_date_is_kept():
    text = "本院将依法作出判决。\n联系电话：022-28358107\n天津市河北区人民法院\n2025年6月3日"
    assert found(text, "phone") == []


def test_private_persons_landline_on_a_form_row_is_still_masked():
    text = "申请人：王建国，住和平区南京街1号。\n联系电话：024-23456789"
    assert found(text, "phone") == ["024-23456789"]
