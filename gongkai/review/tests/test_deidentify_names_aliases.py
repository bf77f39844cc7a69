"""A person's other names (issue 9, names/aliases.py): Latin passport names, aliases (曾用名, 小名, 化名…)
and Manchu clan names with a dot (爱新觉罗·X).

Each behaviour has a case it must find and a case of prose, organisations or law text it must leave alone;
the cases use other names than the bench parts' documents.
"""

import pytest

from gongkai.review.deidentify import deidentify, find_personal_data


def names_in(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.type == "person_name"]


# --- Latin names in brackets after a name ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("当事人宋慧敏（SONG HYEMIN），女，韩国籍，护照号码M12345678。", "SONG HYEMIN"),
        ("    1．中村阳子（NAKAMURA YOKO），女，日本籍，护照号码TR1234567；", "NAKAMURA YOKO"),
        ("越南籍女子黎氏兰（LE THI LAN，1992年出生）在该厂务工。", "LE THI LAN"),
        ("    2．乔治·汉森（GEORGE HANSEN），男，挪威籍；", "GEORGE HANSEN"),
    ],
)
def test_latin_name_in_brackets_after_a_name_is_found(text, latin):
    assert latin in names_in(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("    1．中村阳子（NAKAMURA YOKO），女，日本籍，护照号码TR1234567；", "中村阳子"),
        ("另有挪威籍男子乔治·汉森（GEORGE HANSEN，护照号码753618290）逾期居留。", "乔治·汉森"),
        ("越南籍女子黎氏兰（LE THI LAN，1992年出生）在该厂务工。", "黎氏兰"),
    ],
)
def test_transliterated_name_before_a_latin_name_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "我国加入世界贸易组织（WTO）以来，按照国际标准化组织（ISO）和中央电视台（CCTV）的要求办理。",
        "参照《信息与文献 参考文献著录规则》（GB/T 7714—2015）执行，材料以PDF格式提交。",
        "沈阳鑫达贸易有限公司（SHENYANG XINDA TRADING CO., LTD.），住所地沈阳市和平区。",
        "世界卫生组织（World Health Organization）发布指南。",
        "根据《中华人民共和国对外贸易法》（Foreign Trade Law of the People's Republic of China）第十条。",
    ],
)
def test_latin_organisations_and_acronyms_are_not_names(text):
    assert names_in(text) == []


# --- Latin names after a label or before a person's attribute ---------------------------------------


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("英文名：OLIVIA BENNETT，护照号码：E87654321", "OLIVIA BENNETT"),
        ("护照姓名：HARTMANN KLAUS\n国籍：德国", "HARTMANN KLAUS"),
        ("Name: Lucas Moreau\n国籍：法国", "Lucas Moreau"),
        ("经查，HANSEN GEORGE，男，挪威籍，于2024年入境。", "HANSEN GEORGE"),
    ],
)
def test_latin_name_after_a_label_or_before_an_attribute_is_found(text, latin):
    assert latin in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "This Law is formulated in accordance with the Constitution of the People's Republic of China.",
        "Article 3 The State Council shall take charge of the work. Name of the applicant shall be stated.",
        "企业英文名称：BEIJING HUAXIA TECHNOLOGY CO., LTD.",
    ],
)
def test_english_law_text_and_company_names_are_not_names(text):
    assert names_in(text) == []


# --- aliases: 曾用名, 小名, 乳名, 化名, 别名 ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("另，包海峰（曾用名包二虎，公民身份号码略）已加入外国国籍。", "包二虎"),
        ("姓名：康淑琴\n曾用名：康丫头\n性别：女", "康丫头"),
        ("反映的邻居温立国（小名“臭蛋”）在楼道堆放杂物。", "臭蛋"),
        ("其子姜海（乳名“石头”）患重病。", "石头"),
        ("被告人吕建军（别名吕老三）系累犯。", "吕老三"),
        ("受害人何某（化名“小雅”）报案称被骗。", "小雅"),
    ],
)
def test_alias_of_a_private_person_is_found(text, alias):
    assert alias in names_in(text)


def test_alias_is_masked_where_it_is_repeated():
    text = "反映的邻居温立国（小名“臭蛋”）在楼道堆放杂物。经调查，臭蛋已于次日清理完毕。"
    found = [f for f in find_personal_data(text) if f.text == "臭蛋"]
    assert len(found) == 2
    assert "臭蛋" not in deidentify(text).text


@pytest.mark.parametrize(
    "text",
    [
        "户口登记簿登记公民的姓名、曾用名、性别、民族、出生日期。",
        "公民变更曾用名的，应当向户口登记机关申报。",
        "甲基苯丙胺（别名：冰毒）属于毒品。",
        "当事人李某（化名）向本机关提出申请。",
        "这种病又名“富贵病”，多见于中老年人。",
    ],
)
def test_alias_words_in_law_and_prose_mark_no_name(text):
    assert [n for n in names_in(text) if n not in ("李某",)] == []


def test_alias_of_an_official_in_role_is_kept():
    assert names_in("副局长林建华（曾用名林建平）出席会议并讲话。") == []


# --- clan names with a dot (爱新觉罗·X) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("原居住于安居小区5号楼的爱新觉罗·启元因已购买商品住房放弃配租。", "爱新觉罗·启元"),
        ("为其妻子、女儿叶赫那拉·静怡违规办理低保。", "叶赫那拉·静怡"),
        ("1   爱新觉罗・德钧   3   公租房1-2-301", "爱新觉罗・德钧"),
    ],
)
def test_clan_name_with_a_given_name_is_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "爱新觉罗氏是清朝皇族的姓氏。",
        "该馆收藏爱新觉罗家族的族谱。",
        "公证员：爱新觉罗·德钧\n    联系电话：024-12345678",
    ],
)
def test_clan_name_alone_or_of_an_official_is_kept(text):
    assert names_in(text) == []


# --- the person before a former name, and the former names of bodies and places ----------------------


def test_person_before_a_former_name_is_found():
    assert "卡德尔" in names_in("    另，卡德尔（曾用名周小林，公民身份号码略）已加入外国国籍。")


@pytest.mark.parametrize(
    "text",
    [
        "沈阳鑫达商贸有限公司（曾用名：沈阳鑫达贸易商行）向本局提出申请。",
        "该村（曾用名李家庄）位于镇政府以北。",
        "胜利路（曾用名：解放路）改造工程。",
    ],
)
def test_former_names_of_bodies_and_places_are_kept(text):
    assert names_in(text) == []


# --- compound surnames with a word as given name, surnames only a person word vouches for --------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("为其已故岳父令狐长顺冒领养老金1200元。", "令狐长顺"),
        ("为其丈夫王强、儿子尉迟解放违规办理低保。", "尉迟解放"),
        ("其中，李某户因其子皇甫一帆患重病，按分类施保增发。", "皇甫一帆"),
        ("其配偶刘桂香、孙女锁玉珍尚未确定份额。", "锁玉珍"),
        ("同村村民妥秀兰反映该店长期低价销售。", "妥秀兰"),
    ],
)
def test_compound_and_cue_only_surname_names_are_found(text, name):
    assert name in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "大黑河、皇甫川、窟野河流域的水土保持。",
        "马上官员就到现场。",
        "回复意见应当在十五日内作出；虎门大桥管理处负责。",
        "依照本法第五条第二款的规定，锁定账户。",
        "位于东方红大街的南门广场和即墨区的西门商场。",
    ],
)
def test_surname_like_words_and_places_are_not_names(text):
    assert names_in(text) == []


# --- dotted foreign names before a person's attribute ------------------------------------------------


def test_dotted_foreign_name_before_gender_and_nationality_is_found():
    text = "下列外国人所持签证宣布作废：\n    1．约翰•哈里森，男，加拿大籍，护照号码：123456789；\n"
    assert "约翰•哈里森" in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "根据《中华人民共和国国籍法》第三条，中华人民共和国不承认中国公民具有双重国籍。",
        "丝路·中欧班列（CHINA RAILWAY EXPRESS）开行五周年。",
    ],
)
def test_dotted_runs_without_a_persons_attribute_are_left_to_other_rules(text):
    assert names_in(text) == []


# --- a Latin name after a person label, 原名 and 网名 -------------------------------------------------


def test_latin_name_after_a_person_label_is_found():
    assert "JOHN HARRISON" in names_in("当事人：JOHN HARRISON，男，1980年出生。")


@pytest.mark.parametrize(
    "text",
    [
        "联系人：JOHN HARRISON\n办公电话：024-12345678",
        "申请人：SHENYANG XINDA TRADING CO., LTD.",
    ],
)
def test_latin_name_of_an_official_or_a_company_after_a_label_is_kept(text):
    assert names_in(text) == []


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ("王某（原名王铁柱）申请更正登记。", "王铁柱"),
        ("被告人刘某（网名“夜猫子”）在网上散布谣言。", "夜猫子"),
    ],
)
def test_former_name_and_online_name_of_a_person_are_found(text, alias):
    assert alias in names_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "该局（原名：某某县林业局）负责本行政区域的林业工作。",
        "变更后的名称与原名称不一致的，应当说明理由。",
        "网络信息内容生产者应当规范账号名称、头像、昵称等注册信息。",
    ],
)
def test_former_names_of_bodies_and_account_fields_are_not_names(text):
    assert names_in(text) == []


def test_latin_name_is_masked_word_by_word_keeping_initials():
    from gongkai.review.deidentify import deidentify

    masked = deidentify("韩国籍男子朴秀珍（PARK SOOJIN），护照号码M12345678，于2024年入境。").text
    assert "（P*** S*****）" in masked
