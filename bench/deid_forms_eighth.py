"""An eighth part for the de-identification bench, written in the eighth session (issue 9).

Nothing in the engine was written against this module, and it was written without reading the engine. It
brings:

* a **seventh name source** (``SeventhNames``): regional surnames (southern 冼, 区, 麦, 邝, 岑, 练; northern 佟,
  栾, 仉, 逄, 隋, 鞠, 矫, 綦), compound surnames with two-character given names (司徒婉清, 南宫子墨), 叠字 names
  (王丹丹, 李娜娜), names ending in 之/儿 (林敬之, 苏婉儿), old-style names with era characters (刘淑芬, 张援朝),
  young names (张梓涵, 李一诺), Hui, Zhuang and Manchu names (纳国强, 韦达妹, 爱新觉罗·恒山), Yi names (阿西木呷,
  沙马阿牛, 吉克曲布), Uyghur names with any dot (·・．•) or none (in tables), Mongolian names without a
  surname (巴特尔, 乌云毕力格), foreign persons in Chinese transliteration (约翰·史密斯, 佐藤健一) with their
  passports (nine digits after 护照号码, no letter) and 小名 quoted in a document (“二毛”);
* **eleven document forms**: a 行政处罚决定书 in running narrative (经查，某某于……, 据某某本人陈述, 某某系该店
  实际控制人, names after 店长/经营者/四邻/同村村民/代为刷卡的人/承包人/雇工/驾驶员), a 送达公告 naming several
  addressees in one sentence and then in a table, a wage-arrears order with worker lists (names with amounts,
  separated by spaces or 、), a 公租房 allocation notice (…公租房8号楼5单元602室, …家园3-2-501), a 信访 reply
  addressed to a person on its own line, a 纪律通报 naming relatives (deceased and living), a 低保 table
  (序号 姓名 家庭人口 保障金额), a court announcement, a 征收 notice, 继承/拍卖 notices and an 出入境/户籍
  notice with foreign passports;
* must-keep items in every form: officials in role (minority names included), organs, companies, amounts,
  dates, 文号, office phones, hotlines, law titles, an organ's contact mailbox on a public webmail
  (``org_email``), and ordinary words or place names that look like names (江山, 春雷行动, 文华路, 乌兰牧骑,
  那达慕, 巴音郭楞).

Who is disciplined in a 纪律通报 is left unlabelled (public by intent); the relatives named there are personal.

``generate_eighth_part("eighth", n)`` gives the part; the bench runs it as ``--part eighth``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from bench.deid_corpus import _ID_WEIGHTS, GIVEN_SHARED, PUBLIC_HOTLINES, Builder, Doc, Gen

SOUTH_SURNAMES = list("冼区麦邝岑佘练赖巫古骆温植湛谭黎莫伍")
NORTH_SURNAMES = list("佟栾仉逄隋臧鞠初宫衣矫綦迟暴")
PLAIN = list("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯董程曹袁邓许沈曾彭吕苏卢蒋蔡魏叶")
COMPOUNDS = ["欧阳", "司徒", "上官", "端木", "公孙", "南宫", "西门", "呼延", "闻人", "长孙", "澹台", "第五"]
DOUBLED = "丹娜莉婷晶亮明佳欢楠琳菲露倩媛彤冬贝乐思园莹"
ZHI_ER = [
    "敬之",
    "慎之",
    "行之",
    "远之",
    "知之",
    "雪儿",
    "婉儿",
    "香儿",
    "巧儿",
    "莲儿",
    "子墨",
    "子恒",
    "子健",
]
OLD_STYLE = (
    "桂兰 玉珍 淑芬 秀英 凤英 桂芝 玉兰 淑珍 秀兰 桂英 建国 国庆 卫东 红卫 援朝 振华 跃进 胜利 抗美 学军 "
    "向阳 秀珍 凤兰 玉梅 德福 长贵 满仓 金锁 铁柱 素芬 翠花 招娣 来弟"
).split()
YOUNG = (
    "梓涵 一诺 子轩 雨桐 欣怡 浩宇 梓萱 沐宸 诗涵 若汐 可馨 宇轩 奕辰 芊芊 依诺 梓睿 俊熙 语桐 安琪 星辰 一鸣 "
    "思彤 梓航 嘉懿"
).split()
HUI_SURNAMES = list("马沙纳哈海穆撒回丁米锁虎")
HUI_GIVEN = "有福 玉兰 国强 德成 文斌 学礼 凤英 福祥 占林 尔沙 麦燕 永清 成贵 秀梅".split()
ZHUANG_SURNAMES = list("覃韦蒙农莫蓝陆卢")
ZHUANG_GIVEN = "美芬 金凤 达妹 妹英 日新 福贵 柳英 海宁 爱玲 勇飞 秀莲 光标".split()
MANCHU_SURNAMES = list("佟关那富索赫鄂依")
YI_CLANS = (
    "阿西 沙马 吉克 曲比 海来 马海 阿苏 吉伍 俄底 勒格 阿的 瓦扎 果基 加拉 罗洪 阿尔 吉木 阿约 日火".split()
)
YI_GIVEN = "木呷 阿牛 曲布 拉则 伍牛 阿呷 木果 日哈 阿果 阿依 伍沙 尔古 子哈 拉哈 阿且 石者 打各 尔布 莫色 阿支".split()
UYGHUR_GIVEN = (
    "艾力 阿依古丽 热依拉 努尔艾力 古丽娜尔 迪丽努尔 帕提古丽 吐尔洪 艾克拜尔 阿布都热依木 麦麦提敏 如先古丽 "
    "阿迪力 伊斯拉木 玉苏甫 努尔比亚 再努尔 图尔荪阿依"
).split()
UYGHUR_FATHER = (
    "买买提 吐尔逊 艾合买提 阿不都热合曼 阿布拉 吾斯曼 艾山 伊敏 玉素甫 热西提 卡德尔 托乎提 阿不力孜 肉孜 依明"
).split()
MONGOL_SINGLE = (
    "巴特尔 其其格 额尔敦 苏日娜 巴雅尔 朝鲁门 孟和 敖日格乐 特木尔 满都拉 格日勒图 乌日娜 布和 额尔德尼 "
    "吉日嘎拉 阿木尔 毕力格 其木格 乌力吉 敖特根 那顺 巴图 塔娜 图雅"
).split()
MONGOL_HEAD = "乌云 斯琴 额尔敦 那仁 宝音 阿拉坦 萨仁 苏和 哈斯 呼和 乌力吉".split()
MONGOL_TAIL = "毕力格 巴特尔 其其格 高娃 图雅 格日乐 德力格尔 朝克图 吉日嘎拉 其木格 达来 苏都".split()
DOTS = ["·", "·", "·", "・", "．", "•"]
FOREIGN_GIVEN = [
    ("约翰", "JOHN"),
    ("玛丽亚", "MARIA"),
    ("迈克尔", "MICHAEL"),
    ("大卫", "DAVID"),
    ("安娜", "ANNA"),
    ("亚历山大", "ALEXANDER"),
    ("托马斯", "THOMAS"),
    ("索菲亚", "SOPHIA"),
    ("彼得", "PETER"),
    ("卡洛斯", "CARLOS"),
    ("詹姆斯", "JAMES"),
    ("奥尔加", "OLGA"),
]
FOREIGN_FAMILY = [
    ("史密斯", "SMITH"),
    ("加西亚", "GARCIA"),
    ("约翰逊", "JOHNSON"),
    ("威廉姆斯", "WILLIAMS"),
    ("伊万诺夫", "IVANOV"),
    ("米勒", "MILLER"),
    ("布朗", "BROWN"),
    ("施密特", "SCHMIDT"),
    ("马丁", "MARTIN"),
    ("杜邦", "DUPONT"),
    ("彼得罗夫", "PETROV"),
    ("安德森", "ANDERSON"),
    ("科瓦尔斯基", "KOWALSKI"),
]
WESTERN_NATIONS = ["美国", "英国", "俄罗斯", "德国", "法国", "西班牙", "波兰", "加拿大", "澳大利亚"]
JAPANESE = ([("佐藤", "SATO"), ("田中", "TANAKA"), ("铃木", "SUZUKI"), ("高桥", "TAKAHASHI"), ("渡边", "WATANABE")],
            [("健一", "KENICHI"), ("裕子", "YUKO"), ("直树", "NAOKI"), ("美穗", "MIHO"), ("翔太", "SHOTA")])  # fmt: skip
KOREAN = ([("金", "KIM"), ("朴", "PARK"), ("崔", "CHOI"), ("郑", "JUNG")],
          [("敏俊", "MINJUN"), ("智妍", "JIYEON"), ("贤宇", "HYUNWOO"), ("秀珍", "SOOJIN")])  # fmt: skip
NICKNAMES = ["二毛", "狗蛋", "大柱", "铁蛋", "三丫", "二妞", "栓子", "丫蛋", "小六子"]
EXTRA_CITIES = [
    ("新疆维吾尔自治区", "乌鲁木齐市", ["天山区", "沙依巴克区", "新市区", "水磨沟区"], "0991", "650102"),
    ("内蒙古自治区", "呼和浩特市", ["新城区", "回民区", "玉泉区", "赛罕区"], "0471", "150102"),
    ("四川省", "凉山彝族自治州", ["西昌市", "昭觉县", "布拖县", "美姑县"], "0834", "513431"),
    ("广西壮族自治区", "南宁市", ["青秀区", "兴宁区", "江南区", "西乡塘区"], "0771", "450103"),
    ("宁夏回族自治区", "银川市", ["兴庆区", "金凤区", "西夏区"], "0951", "640104"),
]
PROVINCE_ABBR = {
    "辽宁省": "辽",
    "山东省": "鲁",
    "浙江省": "浙",
    "河南省": "豫",
    "广东省": "粤",
    "四川省": "川",
    "北京市": "京",
    "新疆维吾尔自治区": "新",
    "内蒙古自治区": "内",
    "广西壮族自治区": "桂",
    "宁夏回族自治区": "宁",
}
# Ordinary words, campaigns and place names that look like names; they must survive.
TRAP_WORDS = [
    "江山",
    "春雷行动",
    "雷霆行动",
    "金秋助学",
    "清风",
    "向阳花",
    "平安",
    "康乐",
    "常青",
    "海燕",
    "石榴籽",
    "乌兰牧骑",
    "那达慕",
    "火把节",
    "三月三",
    "古尔邦节",
]
TRAP_PLACES = [
    "巴音郭楞",
    "锡林郭勒",
    "阿克苏",
    "昭觉县",
    "吐鲁番",
    "阿勒泰",
    "喀什",
    "马鞍山",
    "丽江",
    "华山",
]


class SeventhNames:
    """Regional, compound, doubled, era and minority names, Uyghur and foreign names with dots."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def han_given(self) -> str:
        r = self.rng
        return r.choice(GIVEN_SHARED) + (r.choice(GIVEN_SHARED) if r.random() < 0.6 else "")

    def uyghur(self, dot: str | None = None) -> str:
        r = self.rng
        if dot is None:
            dot = r.choice(DOTS) if r.random() < 0.85 else ""
        return r.choice(UYGHUR_GIVEN) + dot + r.choice(UYGHUR_FATHER)

    def mongol(self) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.45:
            name = r.choice(MONGOL_SINGLE)
        else:
            name = r.choice(MONGOL_HEAD) + r.choice(MONGOL_TAIL)
        if r.random() < 0.12:
            name = r.choice("包白韩鲍吴") + name
        return name

    def foreign(self, dot: str | None = None) -> tuple[str, str, str]:
        """(Chinese transliteration, Latin name as in the passport, nationality)."""
        r = self.rng
        roll = r.random()
        if roll < 0.6:
            (g, gl), (f, fl) = r.choice(FOREIGN_GIVEN), r.choice(FOREIGN_FAMILY)
            dot = dot if dot is not None else r.choice(DOTS)
            return g + dot + f, f"{gl} {fl}", r.choice(WESTERN_NATIONS)
        families, givens, nation = (*JAPANESE, "日本") if roll < 0.8 else (*KOREAN, "韩国")
        (f, fl), (g, gl) = r.choice(families), r.choice(givens)
        return f + g, f"{fl} {gl}", nation

    def name(self, foreign: bool = False) -> str:
        r = self.rng
        roll = r.random() if foreign else r.random() * 0.95
        if roll < 0.10:
            return r.choice(SOUTH_SURNAMES + NORTH_SURNAMES) + self.han_given()
        if roll < 0.18:
            return r.choice(COMPOUNDS) + r.choice(
                [*YOUNG, *OLD_STYLE, r.choice(GIVEN_SHARED) + r.choice(GIVEN_SHARED)]
            )
        if roll < 0.26:
            return r.choice(PLAIN) + r.choice(DOUBLED) * 2
        if roll < 0.31:
            return r.choice(PLAIN) + r.choice(ZHI_ER)
        if roll < 0.41:
            return r.choice(PLAIN) + r.choice(OLD_STYLE)
        if roll < 0.50:
            return r.choice(PLAIN) + r.choice(YOUNG)
        if roll < 0.55:
            return r.choice(HUI_SURNAMES) + r.choice(HUI_GIVEN)
        if roll < 0.60:
            return r.choice(ZHUANG_SURNAMES) + r.choice(ZHUANG_GIVEN)
        if roll < 0.64:
            if r.random() < 0.3:
                return "爱新觉罗" + r.choice(DOTS) + r.choice("恒启毓文德英") + r.choice("山林明华晖瀚")
            return r.choice(MANCHU_SURNAMES) + self.han_given()
        if roll < 0.74:
            return r.choice(YI_CLANS) + r.choice(YI_GIVEN)
        if roll < 0.84:
            return self.uyghur()
        if roll < 0.95:
            return self.mongol()
        return self.foreign()[0]


class EighthGen(Gen):
    """``Gen`` with the seventh name source (85 %), cities of the autonomous regions (half the documents)."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        self.src = SeventhNames(rng)
        self.region = None
        if rng.random() < 0.5:
            extra = rng.choice(EXTRA_CITIES)
            self.city = extra[:4]
            self.region = extra[4]

    def _unique(self, draw: Callable[[], str]) -> str:
        for _ in range(50):
            name = draw()
            bare = name
            for d in DOTS:
                bare = bare.replace(d, "")
            if not any(bare in u or u in bare for u in self.used):
                self.used.append(bare)
                return name
        return super().name()

    def name(self) -> str:
        if self.rng.random() < 0.15:
            return super().name()
        return self._unique(self.src.name)

    def official(self) -> str:
        """A name for an official in role (no foreign national)."""
        return self.name()

    def uyghur(self, dot: str | None = None) -> str:
        return self._unique(lambda: self.src.uyghur(dot))

    def mongol(self) -> str:
        return self._unique(self.src.mongol)

    def foreign(self) -> tuple[str, str, str]:
        box: list[tuple[str, str, str]] = []

        def draw() -> str:
            box.append(self.src.foreign())
            return box[-1][0]

        zh = self._unique(draw)
        return next((f for f in reversed(box) if f[0] == zh), (zh, "", "美国"))

    def nickname(self) -> str:
        return self._unique(lambda: self.rng.choice(NICKNAMES))

    def id_card(self) -> str:
        if self.region is None or self.rng.random() < 0.3:
            return super().id_card()
        r = self.rng
        first17 = self.region + f"{r.randint(1940, 2015)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        first17 += f"{r.randint(0, 999):03d}"
        total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
        return first17 + "10X98765432"[total % 11]

    def c(self, *options: str) -> str:
        return self.rng.choice(options)

    def org_email(self) -> str:
        r = self.rng
        box = r.choice(["zfxxgk", "xfj", "rsjjc", "scjgj", "zjj", "mzj", "crj", "bgs", "jwjw"])
        return f"{box}{r.choice(['', str(r.randint(1, 99)), self.city[3]])}@{r.choice(['163.com', '126.com', 'sina.com'])}"

    def court_number(self, kind: str) -> str:
        r = self.rng
        abbr = PROVINCE_ABBR.get(self.city[0], "辽")
        return f"（{r.randint(2020, 2025)}）{abbr}{r.randint(1, 9):02d}{r.randint(1, 15):02d}{kind}{r.randint(1, 9999)}号"

    def foreign_passport(self) -> tuple[str, str]:
        """(cue, number) of a foreign passport: nine digits mostly, no letter prefix."""
        r = self.rng
        roll = r.random()
        cue = r.choice(["护照号码", "护照号码：", "护照号：", "护照证件号码"])
        if roll < 0.6:
            return cue, f"{r.randint(100000000, 999999999)}"
        if roll < 0.8:
            return cue, r.choice(["TR", "TK", "MZ"]) + f"{r.randint(0, 9999999):07d}"
        return cue, r.choice("MCP") + f"{r.randint(0, 99999999):08d}"


# --- shared pieces ---------------------------------------------------------------------------------


def _trap(b: Builder, g: EighthGen) -> None:
    """A sentence with words and places that look like names; they must survive."""
    word, place = g.rng.choice(TRAP_WORDS[1:]), g.rng.choice(TRAP_PLACES)
    roll = g.rng.random()
    if roll < 0.35:
        b.t("    本机关将结合“").keep("word", word).t("”工作，会同").keep("place", place)
        b.t("等地做好相关衔接。\n")
    elif roll < 0.7:
        b.t("    守护好美丽").keep("word", "江山").t("，是").keep("word", word).t("活动的应有之义。\n")
    else:
        b.t("    此前在").keep("place", place).t("开展的").keep("word", word).t("经验做法可供参考。\n")


def _contact(b: Builder, g: EighthGen, organ: str) -> None:
    """An organ's contact lines (official, office phone, public webmail mailbox, office address), then the close."""
    r = b.rng
    if r.random() < 0.8:
        b.t(g.c("联系人：", "联 系 人：", "经办人：")).keep("official_name", g.official())
        b.t(g.c("，办公电话：", "\n办公电话：", "  联系电话：")).keep("office_phone", g.office_phone())
        b.t(g.c("，联系邮箱：", "\n联系邮箱：", "，电子邮箱：")).keep("org_email", g.org_email()).t("\n")
    if r.random() < 0.5:
        b.t("办公地址：").keep("office_address", g.city[1] + g.district() + g.c("文华路", "江山路", "春雷街"))
        b.t(f"{r.randint(1, 300)}号\n")
    if r.random() < 0.4:
        b.t("监督热线：").keep("hotline", r.choice(PUBLIC_HOTLINES)).t("\n")
    b.keep("org", organ).t("\n").keep("date", g.date()).t("\n")


def _sep(g: EighthGen) -> str:
    return g.c(" ", "  ", "\t", "   ")


# --- forms -----------------------------------------------------------------------------------------


def penalty_narrative(b: Builder, g: EighthGen) -> None:
    """行政处罚决定书 of a shop: the operator and other people named in running narrative."""
    r = b.rng
    organ = g.city[1] + g.district() + g.c("市场监督管理局", "烟草专卖局", "城市管理综合行政执法局")
    shop = g.city[1] + g.c("江山", "春晖", "老边") + g.c("便利店", "烟酒商行", "超市")
    owner = g.name()
    b.keep("org", organ).t("\n行政处罚决定书\n").keep(
        "doc_number", g.doc_number(g.c("市监罚", "烟罚", "城执罚"))
    )
    b.t("\n当事人：").keep("company", shop).t("\n" + g.c("经营者：", "经营者 ", "负责人："))
    b.item("person_name", owner).t("，身份证号码：").item("id_card", g.noisy(g.id_card()))
    prefix, door = g.address()
    b.t("，住所：" + prefix).item("address", door).t("\n    ").keep("date", g.date())
    b.t("，本局执法人员在“").keep("word", g.c("春雷行动", "雷霆行动")).t(
        "”专项检查中发现该店涉嫌销售假冒卷烟。\n"
    )
    b.t("    经查，").item("person_name", owner).t("于").keep("date", g.date()).t("起在该店销售上述卷烟。")
    b.t("据").item("person_name", owner).t("本人陈述，货源系从外地购入。")
    roles = [
        ("店长", "负责日常进货和记账。"),
        ("雇工", "证实曾多次帮助搬运货物。"),
        ("代为刷卡的人", "称不知情。"),
        ("承包人", "称该门市已转包他人。"),
        ("驾驶员", None),
        ("四邻", "证实该店夜间经常有货车卸货。"),
        ("同村村民", "反映该店长期低价销售。"),
        ("controller", None),
    ]
    for role, tail in r.sample(roles, r.randint(3, 5)):
        person = g.name()
        if role == "controller":
            b.item("person_name", person).t("系该店实际控制人，对经营活动负责。")
        elif role == "驾驶员":
            b.t("驾驶员").item("person_name", person).t("驾驶").item("license_plate", g.plate())
            b.t("号货车运送货物，" + g.c("对此供认不讳。", "予以确认。"))
        elif role == "四邻":
            b.t("四邻").item("person_name", person).t("、").item("person_name", g.name()).t(tail)
        else:
            b.t(role).item("person_name", person).t(tail)
    b.t("上述事实有现场检查笔录、询问笔录、照片等证据为证。\n    依据")
    b.keep(
        "law",
        g.c("《中华人民共和国烟草专卖法》", "《中华人民共和国食品安全法》", "《中华人民共和国行政处罚法》"),
    )
    b.t("的规定，决定没收违法物品，并处罚款").keep("amount", g.amount()).t("。\n")
    b.t("执法人员：").keep("official_name", g.official()).t("、").keep("official_name", g.official()).t("\n")
    _trap(b, g)
    _contact(b, g, organ)


def service_announcement(b: Builder, g: EighthGen) -> None:
    """送达公告: several addressees in one sentence, then a table with their last known addresses."""
    r = b.rng
    organ = (
        g.city[1] + g.district() + g.c("人力资源和社会保障局", "住房和城乡建设局", "自然资源局", "生态环境局")
    )
    people = [g.name() for _ in range(r.randint(3, 5))]
    numbers = [g.doc_number(g.c("人社罚", "建罚", "自然资罚", "环罚")) for _ in people]
    b.keep("org", organ).t(
        "\n" + g.c("公告送达书", "行政处罚决定书送达公告", "关于公告送达有关文书的公告") + "\n"
    )
    if r.random() < 0.5:
        for i, p in enumerate(people):
            b.t("、" if 0 < i < len(people) - 1 else ("和" if i else "")).item("person_name", p)
        b.t("：\n    本机关依法对你们作出的行政处罚决定书，因无法直接送达，")
    else:
        b.t("    因")
        for i, p in enumerate(people):
            b.t("、" if i else "").item("person_name", p)
        b.t(
            g.c("等人下落不明", "等" + str(len(people)) + "人无法联系")
            + "，本机关作出的行政处罚决定书无法直接送达，"
        )
    b.t("现依照").keep("law", "《中华人民共和国行政处罚法》").t("第六十一条规定公告送达。\n")
    sep = _sep(g)
    b.t(sep.join(["序号", "受送达人", "文书文号", "最后已知住址"]) + "\n")
    for i, (p, number) in enumerate(zip(people, numbers, strict=True)):
        prefix, door = g.address()
        shown = p
        if any(d in p for d in DOTS) and r.random() < 0.5:
            shown = "".join(ch for ch in p if ch not in DOTS)
        b.t(f"{i + 1}{sep}").item("person_name", shown).t(sep).keep("doc_number", number)
        b.t(sep + prefix).item("address", door).t("\n")
    b.t("    自公告发布之日起经过三十日，即视为送达。如不服，可在").keep("org", g.city[1] + "人民政府")
    b.t("申请行政复议。\n")
    _trap(b, g)
    _contact(b, g, organ)


def wage_order(b: Builder, g: EighthGen) -> None:
    """劳动保障监察责令支付: workers with amounts in prose, separated by spaces or 、, then a table."""
    r = b.rng
    organ = g.city[1] + g.district() + "人力资源和社会保障局"
    company = g.company()
    b.keep("org", organ).t("\n劳动保障监察责令改正决定书\n").keep("doc_number", g.doc_number("人社监责"))
    b.t("\n用人单位：").keep("company", company).t("\n法定代表人：").item("person_name", g.name()).t(
        "\n    经查，你单位拖欠"
    )
    workers = [g.name() for _ in range(r.randint(3, 6))]
    b.t(f"{len(workers)}名劳动者").keep("date", f"{r.randint(2022, 2025)}年{r.randint(1, 6)}月").t("至")
    b.t(f"{r.randint(7, 12)}月工资共计").keep("amount", g.amount()).t("，其中：")
    style = r.random()
    if style < 0.4:
        for i, w in enumerate(workers):
            b.t(g.c("、", "，", "；") if i else "").item("person_name", w).t(g.c(" ", "", "  "))
            b.keep("amount", f"{r.randint(1500, 9800)}元")
        b.t("。")
    elif style < 0.7:
        for i, w in enumerate(workers):
            b.t(" " if i else "").item("person_name", w)
        b.t(g.c("各", "每人") + "被拖欠").keep("amount", f"{r.randint(1500, 9800)}元").t("。")
    else:
        for i, w in enumerate(workers):
            b.t("、" if i else "").item("person_name", w)
        b.t("等" + str(len(workers)) + "人被拖欠工资。")
    foreman = g.name()
    b.t("班组长").item("person_name", foreman).t(g.c("已代领部分工资。", "称工程款未结清。"))
    b.item("person_name", workers[0]).t("多次到工地讨要未果。\n    依据").keep(
        "law", "《保障农民工工资支付条例》"
    )
    b.t("，责令你单位于").keep("date", g.date()).t("前足额支付。\n附：欠薪人员名单\n")
    sep = _sep(g)
    b.t(sep.join(["序号", "姓名", "身份证号码", "欠薪金额"]) + "\n")
    for i, w in enumerate(workers):
        b.t(f"{i + 1}{sep}").item("person_name", w).t(sep).item("id_card", g.noisy(g.id_card())).t(sep)
        b.keep("amount", f"{r.randint(1500, 39800)}").t("\n")
    _trap(b, g)
    _contact(b, g, organ)


def housing_allocation(b: Builder, g: EighthGen) -> None:
    """公租房/保障房配租公告: applicants and allocated flats in project-relative notation."""
    r = b.rng
    organ = g.city[1] + g.district() + "住房保障服务中心"
    project = g.c("江山", "向阳", "丁香", "康乐", "紫荆") + g.c("公租房", "家园", "保障房小区", "人才公寓")
    b.keep("org", organ).t("\n关于").keep("date", f"{r.randint(2022, 2025)}年").t(
        f"第{r.randint(1, 6)}批公共租赁住房配租结果的公告\n"
    )
    b.t("    根据").keep("law", "《公共租赁住房管理办法》").t("，经公开摇号，下列申请家庭配租").keep(
        "word", project
    )
    b.t("房源如下：\n")
    sep = _sep(g)
    b.t(sep.join(["序号", "申请人", "家庭人口", "配租房源"]) + "\n")
    tenants = []
    for i in range(r.randint(3, 7)):
        p = g.name()
        tenants.append(p)
        b.t(f"{i + 1}{sep}").item("person_name", p).t(f"{sep}{r.randint(1, 5)}{sep}" + project)
        if r.random() < 0.5:
            b.item(
                "address",
                f"{r.randint(1, 20)}号楼{r.randint(1, 6)}单元{r.randint(1, 28)}{r.randint(1, 4):02d}室",
            )
        else:
            b.item("address", f"{r.randint(1, 20)}-{r.randint(1, 6)}-{r.randint(1, 28)}{r.randint(1, 4):02d}")
        b.t("\n")
    quitter = g.name()
    prefix, door = g.address()
    b.t("    原居住于" + prefix).item("address", door).t("的").item("person_name", quitter)
    b.t("因" + g.c("已购买商品住房", "家庭收入超标") + "放弃配租。承租人").item("person_name", tenants[0])
    b.t("须于").keep("date", g.date()).t("前签订租赁合同，月租金").keep("amount", g.amount()).t("。\n")
    _trap(b, g)
    _contact(b, g, organ)


def petition_own_line(b: Builder, g: EighthGen) -> None:
    """信访事项答复: the petitioner on a line of their own, a neighbour with a quoted 小名, a relative."""
    r = b.rng
    organ = g.city[1] + g.district() + g.c("信访局", "住房和城乡建设局", "民政局")
    person, neighbour, mother = g.name(), g.name(), g.name()
    b.keep("org", organ).t("\n信访事项处理意见书\n").keep("doc_number", g.doc_number("信复")).t("\n")
    b.item("person_name", person).t(g.c("：", "同志：", "先生：", "女士：") + "\n")
    b.t("    你于").keep("date", g.date()).t("通过").keep("hotline", g.c("12345", "12345", "8890"))
    b.t("热线反映的邻居").item("person_name", neighbour)
    if r.random() < 0.6:
        b.t("（小名“").item("person_name", g.nickname()).t("”）")
    b.t("在楼道堆放杂物问题收悉。经调查，你反映的情况属实，")
    b.item("person_name", neighbour).t("已于").keep("date", g.date()).t("清理完毕。\n")
    b.t("    关于你母亲").item("person_name", mother).t("的高龄津贴，经核实，")
    b.item("person_name", mother).t("符合条件，自").keep(
        "date", f"{r.randint(2022, 2025)}年{r.randint(1, 12)}月"
    )
    b.t("起每月发放").keep("amount", g.amount()).t("，存入其").item("bank_card", g.bank_card()).t("账户。\n")
    b.t("    如不服本意见，可自收到之日起30日内向").keep("org", g.city[1] + "人民政府信访局").t(
        "请求复查。\n"
    )
    _trap(b, g)
    _contact(b, g, organ)


def discipline_relatives(b: Builder, g: EighthGen) -> None:
    """纪律通报: the disciplined cadre (public by intent, unlabelled) and relatives, deceased and living."""
    r = b.rng
    organ = g.city[1] + g.district() + "纪委监委"
    b.keep("org", organ).t("\n关于" + g.c("三", "两") + "起侵害群众利益问题的通报\n")
    for i in range(r.randint(2, 3)):
        cadre, dead, spouse, child = g.name(), g.name(), g.name(), g.name()
        town = g.c("新城子镇", "马刚乡", "清水台镇", "永乐乡") + g.c("前进村", "小营村", "东岗村", "河湾村")
        b.t(f"    {i + 1}．").t(
            town + g.c("党支部原书记", "村委会原委员", "原报账员") + cadre + "优亲厚友问题。"
        )
        b.keep("date", f"{r.randint(2019, 2024)}年").t(
            "，" + cadre + "利用职务便利，为其已故" + g.c("父亲", "母亲", "岳父")
        )
        b.item("person_name", dead).t("冒领养老金").keep("amount", g.amount()).t(
            "，为其" + g.c("妻子", "丈夫")
        )
        b.item("person_name", spouse).t("、" + g.c("儿子", "女儿")).item("person_name", child)
        b.t("违规办理低保。" + cadre + "受到党内严重警告处分，违规资金已追缴。\n")
    b.t("    依据").keep("law", "《中国共产党纪律处分条例》").t("，各级党组织要以案为鉴。\n")
    _trap(b, g)
    _contact(b, g, organ)


def dibao_table(b: Builder, g: EighthGen) -> None:
    """低保/救助 公示: a table with columns separated by spaces or tabs, Uyghur names without dots."""
    r = b.rng
    street = g.district() + g.c("和平", "团结", "文华", "胜利") + "街道办事处"
    b.keep("org", street).t("\n关于").keep("date", f"{r.randint(2022, 2025)}年{r.randint(1, 12)}月")
    b.t(g.c("城乡最低生活保障", "特困人员救助供养", "临时救助") + "新增对象的公示\n")
    sep = _sep(g)
    cols = g.c("序号 姓名 家庭人口 保障金额", "序号 户主姓名 家庭人口 月保障金额 所在社区")
    b.t(sep.join(cols.split()) + "\n")
    heads = []
    for i in range(r.randint(4, 9)):
        roll = r.random()
        p = g.uyghur("") if roll < 0.3 else g.mongol() if roll < 0.5 else g.name()
        heads.append(p)
        b.t(f"{i + 1}{sep}").item("person_name", p).t(f"{sep}{r.randint(1, 6)}{sep}")
        b.keep("amount", g.c(f"{r.randint(300, 2800)}元", f"{r.randint(300, 2800)}"))
        if "社区" in cols:
            b.t(sep + g.c("文华", "江山", "向阳", "平安") + "社区")
        b.t("\n")
    relative = g.name()
    b.t("    其中，").item("person_name", heads[1]).t("户因其子").item("person_name", relative)
    b.t(g.c("患重病", "残疾") + "，按分类施保增发").keep("amount", g.amount()).t(
        "。公示期7天，如有异议，请拨打"
    )
    b.keep("office_phone", g.office_phone()).t("或").keep("hotline", "12345").t("。\n")
    _trap(b, g)
    _contact(b, g, street)


def court_notice(b: Builder, g: EighthGen) -> None:
    """Court or arbitration announcement addressed to a defendant of unknown whereabouts."""
    r = b.rng
    if r.random() < 0.6:
        organ = g.city[1] + g.district() + "人民法院"
        number = g.court_number(g.c("民初", "民特", "执"))
        defendant = g.foreign()[0] if r.random() < 0.3 else g.name()
        plaintiff = g.name()
        b.keep("org", organ).t("\n公告\n").keep("doc_number", number).t("\n").item(
            "person_name", defendant
        ).t("：\n")
        b.t("    本院受理原告").item("person_name", plaintiff).t(
            "诉你" + g.c("民间借贷", "离婚", "房屋租赁合同")
        )
        b.t("纠纷一案，因你下落不明，依照").keep("law", "《中华人民共和国民事诉讼法》")
        b.t("第九十五条规定，向你公告送达起诉状副本、应诉通知书及开庭传票。原告")
        b.item("person_name", plaintiff).t("诉讼请求：判令被告偿还借款").keep("amount", g.amount()).t("。")
        b.t("本案定于").keep("date", g.date()).t("在本院第" + str(r.randint(1, 20)) + "法庭开庭审理。")
        b.t("审判员：").keep("official_name", g.official()).t("\n")
    else:
        organ = g.city[1] + g.district() + "劳动人事争议仲裁委员会"
        worker = g.name()
        b.keep("org", organ).t("\n仲裁公告\n").keep("doc_number", g.doc_number("劳人仲案")).t("\n")
        b.keep("company", g.company()).t("：\n    本委受理申请人").item("person_name", worker)
        b.t("（" + g.gender() + "，" + str(r.randint(1960, 2000)) + "年生）与你单位劳动争议一案，")
        b.item("person_name", worker).t("请求支付经济补偿金").keep("amount", g.amount())
        b.t("。仲裁员：").keep("official_name", g.official()).t("，书记员：").keep(
            "official_name", g.official()
        ).t("\n")
    _trap(b, g)
    _contact(b, g, organ)


def expropriation_notice(b: Builder, g: EighthGen) -> None:
    """征收 notice with a table of owners, a deceased owner and the heirs."""
    r = b.rng
    organ = g.city[1] + g.district() + "人民政府"
    project = g.c("江山路", "文华路", "春雷街") + g.c("拓宽工程", "棚户区改造项目")
    b.keep("org", organ).t("\n关于").keep("word", project).t("房屋征收补偿情况的公示\n")
    b.keep("doc_number", g.doc_number("政征")).t("\n")
    sep = _sep(g)
    b.t(sep.join(["被征收人", "房屋坐落", "建筑面积(㎡)", "补偿金额"]) + "\n")
    owners = []
    for _ in range(r.randint(3, 6)):
        p = g.name()
        owners.append(p)
        prefix, door = g.address()
        b.item("person_name", p).t(sep + prefix).item("address", door)
        b.t(f"{sep}{r.randint(30, 180)}.{r.randint(0, 9)}{sep}").keep("amount", g.amount()).t("\n")
    heir1, heir2 = g.name(), g.name()
    b.t("    其中，户主").item("person_name", owners[-1]).t("已于").keep("date", g.date()).t("去世，其")
    b.t(g.c("子", "女", "配偶")).item("person_name", heir1).t("、" + g.c("孙女", "长子", "次女"))
    b.item("person_name", heir2).t("尚未确定份额，补偿款暂由").keep("org", g.city[1] + "公证处").t("提存。\n")
    b.t("    依据").keep("law", "《国有土地上房屋征收与补偿条例》").t("，公示期15日。\n")
    _trap(b, g)
    _contact(b, g, organ)


def inheritance_auction(b: Builder, g: EighthGen) -> None:
    """继承公证公告 or 司法拍卖公告 naming the deceased, the heirs or the debtor."""
    r = b.rng
    if r.random() < 0.5:
        organ = g.city[1] + g.c("公证处", "国信公证处", "天平公证处")
        dead, h1, h2 = g.name(), g.name(), g.name()
        prefix, door = g.address()
        b.keep("org", organ).t("\n公告\n").keep("doc_number", g.doc_number("证公")).t("\n    被继承人")
        b.item("person_name", dead).t("（" + g.gender() + "，" + str(r.randint(1925, 1960)) + "年生）于")
        b.keep("date", g.date()).t("死亡，生前住" + prefix).item("address", door).t("。现其")
        b.t(g.c("子", "长女", "配偶")).item("person_name", h1).t("、" + g.c("女", "次子", "孙子"))
        b.item("person_name", h2).t("申请办理继承公证。如有其他继承人或利害关系人，请自公告之日起")
        b.t("30日内与本处联系。公证员：").keep("official_name", g.official()).t("\n")
    else:
        organ = g.city[1] + g.district() + "人民法院"
        debtor = g.name()
        prefix, door = g.address()
        auctioneer = g.city[1] + g.c("恒达", "嘉德", "华信") + "拍卖有限公司"
        b.keep("org", organ).t("\n拍卖公告\n").keep("doc_number", g.court_number("执恢")).t("\n    本院将于")
        b.keep("date", g.date()).t("在淘宝网司法拍卖网络平台公开拍卖被执行人").item("person_name", debtor)
        b.t("名下位于" + prefix).item("address", door).t("的房产，起拍价").keep("amount", g.amount())
        b.t("，保证金").keep("amount", g.amount()).t("。辅助机构：").keep("company", auctioneer)
        b.t("，咨询电话：").keep("office_phone", g.office_phone()).t("。\n")
    _trap(b, g)
    _contact(b, g, organ)


def exit_entry_notice(b: Builder, g: EighthGen) -> None:
    """出入境/户籍 notice: foreign nationals with Latin names and passports, and a household register case."""
    r = b.rng
    organ = g.city[1] + "公安局" + g.c("出入境管理支队", "出入境管理局")
    b.keep("org", organ).t(
        "\n" + g.c("关于宣布外国人签证作废的公告", "关于外国人证件作废及户口注销的公告") + "\n"
    )
    b.t("    根据").keep("law", "《中华人民共和国出境入境管理法》").t(
        "，下列外国人所持签证（居留许可）宣布作废：\n"
    )
    for i in range(r.randint(2, 4)):
        zh, latin, nation = g.foreign()
        cue, number = g.foreign_passport()
        b.t(f"    {i + 1}．").item("person_name", zh)
        if latin and r.random() < 0.7:
            b.t("（").item("person_name", latin).t("）")
        b.t("，" + g.gender() + "，" + nation + "籍，" + cue).item("passport", number).t("；\n")
    if r.random() < 0.6:
        person, old = g.name(), g.name()
        b.t("    另，").item("person_name", person).t("（曾用名").item("person_name", old)
        b.t("，公民身份号码").item("id_card", g.id_card()).t("）已加入外国国籍，依据")
        b.keep("law", "《中华人民共和国户口登记条例》").t("注销其户口。\n")
    b.t("    咨询电话：").keep("office_phone", g.office_phone()).t("。\n")
    _trap(b, g)
    _contact(b, g, organ)


FORMS = {
    "penalty_narrative": penalty_narrative,
    "service_announcement": service_announcement,
    "wage_order": wage_order,
    "housing_allocation": housing_allocation,
    "petition_own_line": petition_own_line,
    "discipline_relatives": discipline_relatives,
    "dibao_table": dibao_table,
    "court_notice": court_notice,
    "expropriation_notice": expropriation_notice,
    "inheritance_auction": inheritance_auction,
    "exit_entry_notice": exit_entry_notice,
}
EIGHTH_PARTS = {"eighth": 16180339}


def generate_eighth_part(part: str, n: int) -> list[Doc]:
    """``n`` labelled documents of the ``eighth`` part."""
    rng = random.Random(EIGHTH_PARTS[part])
    names = list(FORMS)
    docs = []
    for _ in range(n):
        template = rng.choice(names)
        b = Builder(rng)
        FORMS[template](b, EighthGen(rng))
        docs.append(b.build(template))
    return docs
