"""Synthetic, labelled Chinese government texts for the de-identification bench (no real person's data).

Each document is built piece by piece so every personal item (``person_name``, ``id_card``, ``phone``,
``bank_card``, ``email``, ``address``, ``license_plate``, ``passport``) and every must-keep public item
(official names, organisations, credit codes, hotlines, office numbers, 发文字号, law titles, amounts,
dates, masked card tails, look-alike words) carries its offsets.

The vocabulary is deliberately not the engine's: about a third of the given-name characters and a few
surnames are absent from ``gongkai/review/data``, and streets, communities and companies are invented
here, so the measured recall is not a dictionary look-up of the generator's own words.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# --- vocabulary (independent of the engine's data files) -----------------------------------------

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范"
    "金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪"
    "庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
)
# Surnames the engine's dictionary does not list (held out).
RARE_SURNAMES = list("禤芈昌笪郄逢")
COMPOUND_SURNAMES = [
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "夏侯",
    "端木",
]
GIVEN_SHARED = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂兰玉萍红华建国文辉鹏飞宇浩凯健俊帆旭宁龙林欣佳琳雪梅莉婷燕玲丹晶颖倩"
    "慧瑶怡悦思雨晨涵轩博睿泽昊航铭嘉鑫淑珍凤兵波斌彬成春冬东峰福光贵海宏鸿虎辉继家坚江金锦京景菊君康可坤岚乐力立利良亮"
)
# Given-name characters the engine's dictionary does not list (held out).
GIVEN_HELD_OUT = list("翊宸骁珩玥琰璟昕煜晗钧淇瀚湉婕妤璇珏祺骞铖皓蓁芮瑾锴琛沐汐歆澄曜")
OFFICIAL_POSITIONS = [
    "局长",
    "副局长",
    "主任",
    "副主任",
    "党组书记",
    "副区长",
    "副县长",
    "科长",
    "处长",
    "调研员",
    "总经济师",
    "总工程师",
]
CITIES = [
    (
        "辽宁省",
        "沈阳市",
        ["和平区", "沈河区", "皇姑区", "大东区", "铁西区", "浑南区", "于洪区", "沈北新区"],
        "024",
    ),
    ("辽宁省", "大连市", ["中山区", "西岗区", "沙河口区", "甘井子区", "金州区"], "0411"),
    ("山东省", "济南市", ["历下区", "市中区", "槐荫区", "天桥区", "历城区"], "0531"),
    ("浙江省", "杭州市", ["上城区", "拱墅区", "西湖区", "滨江区", "萧山区"], "0571"),
    ("河南省", "郑州市", ["中原区", "二七区", "金水区", "惠济区", "管城回族区"], "0371"),
    ("广东省", "佛山市", ["禅城区", "南海区", "顺德区", "三水区", "高明区"], "0757"),
    ("四川省", "成都市", ["锦江区", "青羊区", "金牛区", "武侯区", "成华区"], "028"),
    ("北京市", "北京市", ["东城区", "西城区", "朝阳区", "海淀区", "丰台区"], "010"),
]
ROAD_STEMS = [
    "青年",
    "文化",
    "建设",
    "北陵",
    "光荣",
    "太原",
    "中华",
    "长江",
    "珠江",
    "松花江",
    "云峰",
    "兴华",
    "崇山",
    "黄河北",
    "天山",
    "民主",
    "胜利",
    "团结",
    "滨河",
    "桃源",
    "凌空",
    "万柳",
    "雁塔",
    "朝晖",
    "翠竹",
    "梧桐",
    "丁香",
    "临湖",
    "锦绣",
    "百合",
]
ROAD_SUFFIXES = ["路", "街", "大街", "大路", "北路", "南街", "东路", "西大街", "中路", "巷"]
COMMUNITY_STEMS = [
    "阳光",
    "幸福",
    "金色",
    "锦华",
    "碧水",
    "翠湖",
    "和美",
    "怡景",
    "春晖",
    "华府",
    "枫林",
    "馨园",
    "紫荆",
    "绿洲",
]
COMMUNITY_SUFFIXES = ["小区", "花园", "家园", "公寓", "新村", "苑", "嘉园", "名都"]
TOWNS = ["新城子镇", "马刚乡", "清水台镇", "永乐乡", "石佛寺街道", "老边镇", "黄家乡"]
VILLAGES = ["前进村", "小营村", "王家村", "东岗村", "河湾村", "三台子村", "柳树屯"]
COMPANY_STEMS = [
    "恒达",
    "盛源",
    "鑫隆",
    "华信",
    "金泰",
    "宏远",
    "博润",
    "佳和",
    "瑞丰",
    "天诚",
    "广汇",
    "沃德",
    "锦程",
]
COMPANY_TRADES = [
    "商贸",
    "建筑工程",
    "餐饮管理",
    "物流",
    "食品",
    "科技",
    "环保设备",
    "装饰工程",
    "医药连锁",
    "汽车服务",
]
COMPANY_FORMS = ["有限公司", "有限责任公司", "股份有限公司"]
ORGANS = [
    "市场监督管理局",
    "城市管理综合行政执法局",
    "公安局交通警察支队",
    "人力资源和社会保障局",
    "民政局",
    "住房和城乡建设局",
    "生态环境局",
    "自然资源局",
    "卫生健康委员会",
    "信访局",
    "人民政府办公室",
    "财政局",
    "应急管理局",
]
ORGAN_CODES = [
    "市监罚",
    "城执罚",
    "公交罚",
    "人社发",
    "民发",
    "建征",
    "环罚",
    "自然资发",
    "卫健罚",
    "信复",
    "政办发",
    "财发",
    "应急罚",
]
LAWS = [
    "《中华人民共和国行政处罚法》",
    "《中华人民共和国道路交通安全法》",
    "《中华人民共和国食品安全法》",
    "《中华人民共和国政府信息公开条例》",
    "《信访工作条例》",
    "《国有土地上房屋征收与补偿条例》",
    "《社会救助暂行办法》",
    "《中华人民共和国个人信息保护法》",
    "《城市市容和环境卫生管理条例》",
    "《中华人民共和国大气污染防治法》",
    "《最低生活保障审核确认办法》",
]
LOOKALIKE_WORDS = [
    "王府井",
    "张贴",
    "高新区",
    "黄河路",
    "周一",
    "方案",
    "常务",
    "于是",
    "周边",
    "高速公路",
    "方式",
    "常住人口",
    "安全生产",
    "文明城市",
    "明确",
    "任务",
    "金额",
    "温度",
    "林业",
    "华北",
    "关于",
    "马路",
    "石油",
    "司法",
    "单位",
    "平台",
    "程序",
]
PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
EMAIL_DOMAINS = [
    "163.com",
    "126.com",
    "qq.com",
    "sina.com",
    "hotmail.com",
    "gmail.com",
    "foxmail.com",
    "yeah.net",
]
PINYIN = [
    "wang",
    "li",
    "zhang",
    "liu",
    "chen",
    "yang",
    "zhao",
    "huang",
    "zhou",
    "wu",
    "xu",
    "sun",
    "hu",
    "zhu",
    "gao",
]
ID_REGIONS = [
    "210102",
    "210103",
    "210104",
    "210105",
    "210106",
    "210111",
    "210112",
    "210113",
    "210114",
    "210211",
    "370102",
    "370103",
    "330102",
    "330106",
    "410102",
    "410105",
    "440604",
    "440605",
    "510104",
    "510107",
    "110101",
    "110105",
    "110108",
    "130102",
    "220102",
    "230102",
    "320102",
    "420102",
    "500101",
    "610102",
]
PUBLIC_HOTLINES = ["12345", "8890", "12315", "12369", "12319", "12333", "110", "12388"]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZX"}


@dataclass
class Item:
    kind: str  # a personal type, or "keep:<what>"
    start: int
    end: int
    text: str

    @property
    def personal(self) -> bool:
        return not self.kind.startswith("keep:")


@dataclass
class Doc:
    template: str
    text: str
    items: list[Item] = field(default_factory=list)


class Builder:
    """Appends text and remembers labelled spans."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.parts: list[str] = []
        self.length = 0
        self.items: list[Item] = []

    def t(self, text: str) -> Builder:
        self.parts.append(text)
        self.length += len(text)
        return self

    def item(self, kind: str, text: str) -> Builder:
        self.items.append(Item(kind, self.length, self.length + len(text), text))
        return self.t(text)

    def keep(self, what: str, text: str) -> Builder:
        return self.item("keep:" + what, text)

    def build(self, template: str) -> Doc:
        return Doc(template, "".join(self.parts), self.items)


class Gen:
    """Random values for one document, with names unique within the document."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: list[str] = []
        self.city = rng.choice(CITIES)

    # names ------------------------------------------------------------------------------------
    def name(self) -> str:
        r = self.rng
        for _ in range(50):
            roll = r.random()
            if roll < 0.05:
                surname = r.choice(COMPOUND_SURNAMES)
            elif roll < 0.08:
                surname = r.choice(RARE_SURNAMES)
            else:
                surname = r.choice(SURNAMES)
            pool = GIVEN_HELD_OUT if r.random() < 0.3 else GIVEN_SHARED
            given = r.choice(pool) + (r.choice(GIVEN_SHARED + GIVEN_HELD_OUT) if r.random() < 0.65 else "")
            name = surname + given
            if not any(name in u or u in name for u in self.used):
                self.used.append(name)
                return name
        raise RuntimeError("could not draw a unique name")

    def position(self) -> str:
        return self.rng.choice(OFFICIAL_POSITIONS)

    # numbers ------------------------------------------------------------------------------------
    def noisy(self, digits: str, *, spaces: bool = True) -> str:
        """OCR-like noise: full-width characters, a stray space, or 3-4-4 grouping for phones."""
        r = self.rng
        roll = r.random()
        if roll < 0.12:
            return "".join(_FULL_WIDTH.get(c, c) for c in digits)
        if spaces and roll < 0.22 and len(digits) > 6:
            i = r.randint(2, len(digits) - 2)
            return digits[:i] + " " + digits[i:]
        return digits

    def id_card(self) -> str:
        r = self.rng
        born = f"{r.randint(1940, 2015)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        first17 = r.choice(ID_REGIONS) + born + f"{r.randint(0, 999):03d}"
        total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
        return first17 + "10X98765432"[total % 11]

    def id15(self) -> str:
        r = self.rng
        return (
            r.choice(ID_REGIONS)
            + f"{r.randint(40, 98)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}{r.randint(0, 999):03d}"
        )

    def bad_id(self) -> str:
        good = self.id_card()
        return good[:17] + ("0" if good[17] != "0" else "1")

    def mobile(self) -> str:
        r = self.rng
        prefix = r.choice(["13", "15", "17", "18", "19", "14", "16"]) + str(r.randint(0, 9))
        return prefix + "".join(str(r.randint(0, 9)) for _ in range(8))

    def mobile_formatted(self) -> str:
        m = self.mobile()
        roll = self.rng.random()
        if roll < 0.12:
            return f"{m[:3]} {m[3:7]} {m[7:]}"
        if roll < 0.18:
            return f"{m[:3]}-{m[3:7]}-{m[7:]}"
        if roll < 0.22:
            return "+86 " + m
        return self.noisy(m)

    def landline(self) -> str:
        area = self.city[3]
        digits = "".join(str(self.rng.randint(0, 9)) for _ in range(7 if len(area) == 4 else 8))
        digits = str(self.rng.randint(2, 8)) + digits[1:]
        return f"{area}-{digits}" if self.rng.random() < 0.8 else f"（{area}）{digits}"

    def bank_card(self) -> str:
        r = self.rng
        length = r.choice([16, 19, 19, 18])
        body = r.choice(["622202", "621700", "622848", "623668", "621226", "622588", "436742", "524047"])
        body += "".join(str(r.randint(0, 9)) for _ in range(length - len(body) - 1))
        total = 0
        for i, ch in enumerate(reversed(body)):
            d = int(ch)
            if i % 2 == 0:
                d *= 2
                d = d - 9 if d > 9 else d
            total += d
        number = body + str((10 - total % 10) % 10)
        roll = r.random()
        if roll < 0.25:
            return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
        return self.noisy(number)

    def uscc(self) -> str:
        r = self.rng
        first17 = r.choice(["91", "92", "93", "12", "11"]) + r.choice(ID_REGIONS)
        first17 += "".join(r.choice(_USCC_ALPHABET) for _ in range(9))
        total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
        return first17 + _USCC_ALPHABET[(31 - total % 31) % 31]

    def email(self) -> str:
        r = self.rng
        user = r.choice(PINYIN) + r.choice(["", ".", "_"]) + r.choice([*PINYIN, ""]) + str(r.randint(1, 9999))
        if r.random() < 0.3:
            user = str(r.randint(10000000, 9999999999))
        return user + "@" + r.choice(EMAIL_DOMAINS)

    def plate(self) -> str:
        r = self.rng
        head = r.choice(PLATE_PROVINCES) + r.choice(PLATE_LETTERS.replace("I", "").replace("O", ""))
        roll = r.random()
        if roll < 0.2:
            tail = r.choice("DF") + r.choice(PLATE_LETTERS + "0123456789") + f"{r.randint(0, 9999):04d}"
        elif roll < 0.3:
            tail = f"{r.randint(0, 99999):05d}" + r.choice("DF")
        else:
            chars = [r.choice("0123456789") for _ in range(5)]
            for i in r.sample(range(5), r.randint(0, 2)):
                chars[i] = r.choice(PLATE_LETTERS)
            tail = "".join(chars)
        sep = r.choice(["", "", "", "·", " "])
        return head + sep + tail

    def passport(self) -> tuple[str, str]:
        r = self.rng
        roll = r.random()
        if roll < 0.4:
            return "护照号码", "E" + f"{r.randint(0, 99999999):08d}"
        if roll < 0.55:
            return "护照号", "E" + r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") + f"{r.randint(0, 9999999):07d}"
        if roll < 0.8:
            return "往来港澳通行证号码", "C" + f"{r.randint(0, 99999999):08d}"
        return "台湾居民来往大陆通行证号码", f"{r.randint(0, 99999999):08d}"

    # places and bodies ------------------------------------------------------------------------------------
    def district(self) -> str:
        return self.rng.choice(self.city[2])

    def road(self) -> str:
        return self.rng.choice(ROAD_STEMS) + self.rng.choice(ROAD_SUFFIXES)

    def address(self) -> tuple[str, str]:
        """(public prefix, door part) of a home address; the door part is the personal item."""
        r = self.rng
        prov, city, _, _ = self.city
        prefix = (prov if r.random() < 0.3 and prov != city else "") + (city if r.random() < 0.8 else "")
        prefix += self.district()
        roll = r.random()
        if roll < 0.2:
            prefix += r.choice(TOWNS) + r.choice(VILLAGES)
            door = (
                f"{r.randint(1, 12)}组{r.randint(1, 99)}号" if r.random() < 0.6 else f"{r.randint(1, 199)}号"
            )
            return prefix, door
        prefix += self.road()
        number = f"{r.randint(1, 399)}号"
        if roll < 0.45:
            door = (
                number
                + f"{r.randint(1, 30)}{r.choice(['号楼', '栋', '幢'])}{r.randint(1, 6)}单元{r.randint(1, 33)}{r.randint(1, 4):02d}室"
            )
        elif roll < 0.65:
            community = r.choice(COMMUNITY_STEMS) + r.choice(COMMUNITY_SUFFIXES)
            door = (
                number
                + community
                + f"{r.randint(1, 30)}号楼{r.randint(1, 6)}单元{r.randint(1, 33)}{r.randint(1, 4):02d}"
            )
            door += "室"
        elif roll < 0.8:
            door = number + f"{r.randint(1, 30)}-{r.randint(1, 6)}-{r.randint(1, 33)}{r.randint(1, 4):02d}"
        else:
            door = number + f"{r.randint(1, 6)}单元{r.randint(1, 33)}{r.randint(1, 4):02d}室"
        return prefix, door

    def company(self) -> str:
        r = self.rng
        return self.city[1] + r.choice(COMPANY_STEMS) + r.choice(COMPANY_TRADES) + r.choice(COMPANY_FORMS)

    def organ(self) -> tuple[str, str]:
        i = self.rng.randrange(len(ORGANS))
        district = self.district() if self.rng.random() < 0.5 else ""
        return self.city[1] + district + ORGANS[i], ORGAN_CODES[i]

    def doc_number(self, code: str) -> str:
        prefix = self.city[1][0] + (self.district()[0] if self.rng.random() < 0.4 else "")
        return f"{prefix}{code}〔{self.rng.randint(2019, 2025)}〕{self.rng.randint(1, 999)}号"

    def date(self) -> str:
        r = self.rng
        return f"{r.randint(2019, 2025)}年{r.randint(1, 12)}月{r.randint(1, 28)}日"

    def amount(self) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.3:
            return f"{r.randint(1, 999)}.{r.randint(0, 99):02d}元"
        if roll < 0.6:
            return f"{r.randint(1000, 99999)}元"
        if roll < 0.8:
            return f"{r.randint(1, 500)}万元"
        return f"{r.randint(10000000000, 19999999999)}元"

    def office_phone(self) -> str:
        area = self.city[3]
        return f"{area}-{self.rng.randint(22000000, 89999999) if len(area) == 3 else self.rng.randint(2200000, 8999999)}"

    def gender(self) -> str:
        return self.rng.choice(["男", "女"])


# --- templates -------------------------------------------------------------------------------------


def _filler(b: Builder, g: Gen) -> None:
    """A sentence of ordinary prose with look-alike words that must survive."""
    r = b.rng
    word = r.choice(LOOKALIKE_WORDS)
    templates = [
        ("各有关单位要结合实际，认真落实", "，确保各项工作按期完成。"),
        ("本机关将通过政府网站和公告栏", "相关信息，接受社会监督。"),
        ("请于每", "到政务服务中心窗口办理，节假日除外。"),
        ("根据", "的有关规定，现予以公告。"),
        ("", "等事项由市政府办公室负责解释。"),
    ]
    head, tail = r.choice(templates)
    b.t(head).keep("word", word).t(tail + "\n")


def _sign_off(b: Builder, g: Gen, organ: str) -> None:
    r = b.rng
    if r.random() < 0.7:
        b.t("联系人：").keep("official_name", g.name()).t("，咨询电话：").keep(
            "office_phone", g.office_phone()
        ).t("\n")
    if r.random() < 0.6:
        b.t(r.choice(["办公地址：", "本机关联系地址：", "受理地点：", "地址：本局"]))
        b.keep("office_address", g.city[1] + g.district() + g.road() + f"{r.randint(1, 300)}号").t("\n")
    if r.random() < 0.5:
        b.t("如有疑问，可拨打").keep("hotline", r.choice(PUBLIC_HOTLINES)).t("热线咨询。\n")
    if r.random() < 0.3:
        b.t("监督电话：").keep("hotline", g.city[3] + "-" + r.choice(PUBLIC_HOTLINES)).t("\n")
    b.keep("org", organ).t("\n").keep("date", g.date()).t("\n")


def penalty_individual(b: Builder, g: Gen) -> None:
    r = b.rng
    organ, code = g.organ()
    person = g.name()
    b.keep("org", organ).t("\n行政处罚决定书\n").keep("doc_number", g.doc_number(code)).t("\n\n")
    b.t(r.choice(["当事人：", "当事人姓名：", "当事人 ", "违法行为人："])).item("person_name", person)
    b.t("，").t(g.gender()).t("，").t(r.choice(["身份证号码：", "公民身份号码：", "身份证号", "证件号码："]))
    b.item("id_card", g.noisy(g.id_card()))
    prefix, door = g.address()
    b.t("，" + r.choice(["住址：", "住所：", "现住", "家住", "户籍地址："]) + prefix).item("address", door)
    b.t("，联系电话：").item("phone", g.mobile_formatted()).t("。\n")
    b.t("    经查，").item("person_name", person).t("于").keep("date", g.date()).t("在")
    b.t(g.district() + g.road()).t(r.choice(["驾驶", "驾驶车牌号为", "驾驶号牌为"])).item(
        "license_plate", g.plate()
    )
    b.t(r.choice(["的小型轿车", "号小型汽车", "的重型货车"]) + "，未按规定停放，妨碍其他车辆通行。")
    b.t("上述事实有现场照片、询问笔录等证据为证。\n")
    b.t("    依据").keep("law", r.choice(LAWS)).t("第九十三条的规定，本机关决定对")
    b.item("person_name", person).t("处以罚款").keep("amount", g.amount()).t("。\n")
    if r.random() < 0.5:
        b.t("    罚款请于十五日内缴至指定银行，逾期每日按罚款数额的百分之三加处罚款。")
        b.t("缴款账户尾号").keep("masked_card", f"{r.randint(0, 9999):04d}").t("。\n")
    _filler(b, g)
    b.t("执法人员：").keep("official_name", g.name()).t("、").keep("official_name", g.name())
    b.t(f"（执法证号：{r.randint(21000000, 21999999)}）\n")
    _sign_off(b, g, organ)


def penalty_company(b: Builder, g: Gen) -> None:
    r = b.rng
    organ, code = g.organ()
    company = g.company()
    rep = g.name()
    b.keep("org", organ).t("\n行政处罚决定书\n").keep("doc_number", g.doc_number(code)).t("\n")
    b.t("当事人：").keep("company", company).t("\n统一社会信用代码：").keep("uscc", g.uscc()).t("\n")
    b.t(r.choice(["法定代表人：", "法定代表人（负责人）：", "负责人："])).item("person_name", rep).t("\n")
    b.t("    经查，当事人于").keep("date", g.date()).t("销售不符合食品安全标准的食品，货值金额")
    b.keep("amount", g.amount()).t("，违法所得").keep("amount", g.amount()).t("。")
    if r.random() < 0.5:
        b.t("当事人员工").item("person_name", g.name()).t("（身份证号码").item(
            "id_card", g.noisy(g.id_card())
        )
        b.t("）对上述事实予以确认。")
    b.t("\n    依据").keep("law", r.choice(LAWS)).t("，决定给予警告，并处罚款").keep("amount", g.amount()).t(
        "。\n"
    )
    _filler(b, g)
    _sign_off(b, g, organ)


def assistance_list(b: Builder, g: Gen) -> None:
    """Social-assistance list flattened from a table; separators vary."""
    r = b.rng
    organ, _ = g.organ()
    sep = r.choice(["\t", "  ", " ", " | "])
    b.keep("org", organ).t("关于").keep("date", g.date().split("月")[0] + "月").t(
        r.choice(["城乡最低生活保障", "特困人员救助供养", "临时救助", "高龄津贴"])
    )
    b.t("发放情况的公示\n")
    cols = r.choice(
        [
            ["序号", "姓名", "性别", "身份证号", "家庭住址", "保障人数", "金额"],
            ["序号", "户主姓名", "身份证号码", "联系电话", "发放金额"],
            ["序号", "姓名", "银行卡号", "金额"],
            ["姓名", "身份证号", "住址", "联系电话"],
        ]
    )
    b.t(sep.join(cols) + "\n")
    for i in range(r.randint(3, 9)):
        for j, col in enumerate(cols):
            if j:
                b.t(sep)
            if col == "序号":
                b.t(str(i + 1))
            elif "姓名" in col:
                b.item("person_name", g.name())
            elif col == "性别":
                b.t(g.gender())
            elif "身份证" in col:
                if r.random() < 0.08:
                    b.item("id_card", g.id15())
                else:
                    b.item("id_card", g.noisy(g.id_card()))
            elif "住址" in col:
                prefix, door = g.address()
                b.t(prefix).item("address", door)
            elif col == "联系电话":
                b.item("phone", g.mobile_formatted())
            elif col == "银行卡号":
                b.item("bank_card", g.bank_card())
            elif col == "保障人数":
                b.t(str(r.randint(1, 5)))
            else:
                b.keep("amount", g.amount())
        b.t("\n")
    b.t("公示期为7天，如有异议，请拨打监督电话").keep("office_phone", g.office_phone()).t("或").keep(
        "hotline", "12345"
    )
    b.t("反映。\n")
    _sign_off(b, g, organ)


def foi_reply(b: Builder, g: Gen) -> None:
    r = b.rng
    organ, code = g.organ()
    applicant = g.name()
    b.keep("org", organ).t("\n政府信息公开申请答复书\n").keep("doc_number", g.doc_number("信公")).t("\n\n")
    if r.random() < 0.5:
        b.item("person_name", applicant).t(r.choice(["：", "先生：", "女士：", "同志："]) + "\n")
    else:
        b.t("尊敬的").item("person_name", applicant).t(r.choice(["：", "先生：", "女士："]) + "\n")
    b.t("    " + r.choice(["您", "你"]) + "于").keep("date", g.date()).t(
        "通过" + r.choice(["信函", "网络", "当面"])
    )
    b.t("方式向本机关提出政府信息公开申请，要求公开“")
    b.keep("doc_number", g.doc_number(code)).t("文件及相关附件”。")
    b.t("您在申请表中填写的通讯地址为")
    prefix, door = g.address()
    b.t(prefix).item("address", door).t("，联系电话").item("phone", g.mobile_formatted())
    if r.random() < 0.6:
        b.t("，电子邮箱").item("email", g.email())
    b.t("。\n    经审查，根据").keep("law", "《中华人民共和国政府信息公开条例》").t(
        "第二十七条、第三十六条的规定，"
    )
    b.t("现将有关信息提供给您。本机关已于").keep("date", g.date()).t("通过邮寄方式送达。\n")
    b.t("    如对本答复不服，可以在收到本答复之日起60日内向").keep("org", g.city[1] + "人民政府")
    b.t("申请行政复议，或者在6个月内向人民法院提起行政诉讼。\n")
    _filler(b, g)
    _sign_off(b, g, organ)


def petition_reply(b: Builder, g: Gen) -> None:
    r = b.rng
    organ, code = g.organ()
    person = g.name()
    b.keep("org", organ).t("\n信访事项处理意见书\n").keep("doc_number", g.doc_number(code)).t("\n")
    b.t(r.choice(["信访人：", "信访人 ", "来信人："])).item("person_name", person)
    b.t("，" + g.gender() + "，" + r.choice(["身份证号：", "公民身份号码"]))
    b.item("id_card", g.noisy(g.id_card()))
    prefix, door = g.address()
    b.t("，" + r.choice(["住", "住址：", "现住址："]) + prefix).item("address", door).t("。\n")
    if r.random() < 0.5:
        b.item("person_name", person).t("：\n")
    b.t("    你于").keep("date", g.date()).t(
        "反映" + r.choice(["小区供暖不达标", "邻居违章搭建", "拆迁补偿不到位", "企业拖欠工资"])
    )
    b.t("的问题，本机关已受理。经调查，")
    neighbour = g.name()
    b.t(r.choice(["邻居", "村民", "居民"])).item("person_name", neighbour).t(r.choice(["于", "在"])).keep(
        "date", g.date()
    )
    b.t("搭建的彩钢房已被责令拆除。你反映的")
    b.item("person_name", neighbour).t("联系电话").item("phone", g.mobile_formatted()).t(
        "已转属地街道核实。\n"
    )
    b.t("    根据").keep("law", "《信访工作条例》").t("第三十二条规定，提出如下处理意见：……\n")
    b.t("    如不服本意见，可自收到之日起30日内向").keep("org", g.city[1] + "人民政府信访局").t(
        "请求复查。\n"
    )
    _filler(b, g)
    b.t("经办人：").keep("official_name", g.name()).t("\n")
    _sign_off(b, g, organ)


def expropriation(b: Builder, g: Gen) -> None:
    r = b.rng
    organ = g.city[1] + g.district() + "人民政府"
    b.keep("org", organ).t("\n房屋征收补偿决定书\n").keep("doc_number", g.doc_number("政征补")).t("\n")
    for _ in range(r.randint(1, 3)):
        person = g.name()
        b.t("被征收人：").item("person_name", person).t(
            "，" + r.choice(["身份证号码：", "身份证号", "公民身份号码："])
        )
        b.item("id_card", g.noisy(g.id_card())).t("\n")
        prefix, door = g.address()
        b.t(r.choice(["被征收房屋坐落：", "房屋坐落于", "被征收房屋位于"]) + prefix).item("address", door).t(
            "\n"
        )
    b.t("    因").keep("word", r.choice(["棚户区改造", "城市基础设施建设", "旧城区改建"])).t(
        "项目需要，本机关于"
    )
    b.keep("date", g.date()).t("作出").keep("doc_number", g.doc_number("政征")).t("房屋征收决定。")
    b.t("依据").keep("law", "《国有土地上房屋征收与补偿条例》").t("，补偿金额为").keep(
        "amount", g.amount()
    ).t("，")
    b.t("补偿款存入被征收人").item("bank_card", g.bank_card()).t("账户。\n")
    _filler(b, g)
    _sign_off(b, g, organ)


def traffic_notice(b: Builder, g: Gen) -> None:
    r = b.rng
    organ = g.city[1] + "公安局交通警察支队"
    b.keep("org", organ).t("\n关于逾期未处理交通违法车辆的公告\n")
    b.t("    下列机动车有交通违法行为逾期未处理，请机动车所有人于").keep("date", g.date()).t("前到")
    b.keep("org", organ + g.district()[:-1] + "大队").t("接受处理。\n")
    sep = "\t" if r.random() < 0.5 else " "
    b.t(
        sep.join(["序号", "号牌号码", r.choice(["所有人", "机动车所有人", "当事人"]), "违法时间", "违法地点"])
        + "\n"
    )
    for i in range(r.randint(3, 8)):
        b.t(f"{i + 1}{sep}").item("license_plate", g.plate()).t(sep).item("person_name", g.name()).t(sep)
        b.keep("date", g.date()).t(sep + g.district() + g.road() + "\n")
    b.t("    根据").keep("law", "《中华人民共和国道路交通安全法》").t(
        "第一百一十二条，逾期不处理的依法处理。\n"
    )
    _sign_off(b, g, organ)


def appointment(b: Builder, g: Gen) -> None:
    r = b.rng
    organ = g.city[1] + "人民政府"
    b.keep("org", organ).t("\n关于" + r.choice(["任免", "任命", "聘任"]) + "工作人员的通知\n")
    b.keep("doc_number", g.doc_number("政任")).t("\n各区、县（市）人民政府，市政府各部门：\n")
    body, _ = g.organ()
    for _ in range(r.randint(2, 5)):
        style = r.random()
        name = g.name()
        if style < 0.4:
            b.t(r.choice(["任命", "决定任命"])).keep("official_name", name).t("为").keep("org", body).t(
                g.position() + "；\n"
            )
        elif style < 0.7:
            b.t("免去").keep("official_name", name).t("的").keep("org", body).t(g.position() + "职务；\n")
        else:
            b.keep("official_name", name).t("同志任").keep("org", body).t(g.position() + "（试用期一年）；\n")
    if r.random() < 0.5:
        b.t("任前公示：").keep("official_name", g.name()).t("，" + g.gender() + "，").keep(
            "date", f"{r.randint(1965, 1990)}年{r.randint(1, 12)}月"
        )
        b.t("生，现任").keep("org", body).t(g.position() + "，拟任" + g.position() + "。\n")
    _filler(b, g)
    b.keep("org", organ).t("\n").keep("date", g.date()).t("\n")


def news_prose(b: Builder, g: Gen) -> None:
    """Government website news with citizens mentioned in running text."""
    r = b.rng
    organ, _ = g.organ()
    person = g.name()
    b.keep("org", organ).t("开展“我为群众办实事”实践活动\n")
    b.t("    ").keep("date", g.date()).t("，")
    b.t(r.choice(["市民", "村民", "居民", "群众"])).item("person_name", person).t(r.choice(["拨打", "通过"]))
    b.keep("hotline", r.choice(PUBLIC_HOTLINES)).t("热线反映家门口路灯损坏。")
    b.t(r.choice(["副局长", "局长", "党组书记"])).keep("official_name", g.name()).t("带队到现场调研，")
    b.t("当天即完成维修。").item("person_name", person).t(r.choice(["说：", "表示，", "称，"]))
    b.t("“没想到这么快就解决了。”\n")
    prefix, door = g.address()
    b.t("    据了解，").item("person_name", person).t("家住" + prefix).item("address", door)
    b.t("，该路段路灯已使用十余年。\n")
    _filler(b, g)
    b.keep("org", organ).t("\n")


def subsidy_payment(b: Builder, g: Gen) -> None:
    r = b.rng
    organ, code = g.organ()
    b.keep("org", organ).t(
        "\n关于发放" + r.choice(["一次性就业补贴", "创业担保贷款贴息", "耕地地力保护补贴", "困难群众慰问金"])
    )
    b.t("的通知\n").keep("doc_number", g.doc_number(code)).t("\n")
    for _ in range(r.randint(2, 5)):
        b.item("person_name", g.name()).t(r.choice(["，", "（", " "]) + r.choice(["开户行：", "开户银行"]))
        b.t(
            r.choice(["中国工商银行", "中国农业银行", "中国建设银行", "辽宁农村信用社"])
            + r.choice(["，卡号：", "，账号", " 银行卡号 "])
        )
        b.item("bank_card", g.bank_card()).t("，金额").keep("amount", g.amount()).t("；\n")
    b.t("请各单位于").keep("date", g.date()).t("前核对。\n")
    _sign_off(b, g, organ)


def travel_permit(b: Builder, g: Gen) -> None:
    r = b.rng
    organ = g.city[1] + "公安局出入境管理支队"
    b.keep("org", organ).t("\n证件领取公告\n")
    for _ in range(r.randint(2, 4)):
        cue, number = g.passport()
        b.t(r.choice(["申请人", "持证人", "姓名："])).item("person_name", g.name()).t("，" + cue + "：")
        b.item("passport", number).t("，联系电话").item("phone", g.mobile_formatted()).t("。\n")
    b.t("请于").keep("date", g.date()).t("前持").keep("law", "《出境入境证件申请表》").t("到窗口领取。\n")
    _sign_off(b, g, organ)


def complaint_handling(b: Builder, g: Gen) -> None:
    """12345 hotline ticket reply with lots of public numbers and one caller."""
    r = b.rng
    organ, _ = g.organ()
    person = g.name()
    b.keep("org", organ).t("关于").keep("hotline", "12345").t("热线工单办理情况的报告\n")
    b.t("工单编号：" + f"{r.randint(2019, 2025)}{r.randint(10000000, 99999999)}" + "\n")
    b.t("来电人：").item("person_name", person).t("，来电号码：").item("phone", g.mobile_formatted()).t("\n")
    b.t("    来电人反映").keep("company", g.company()).t("（统一社会信用代码").keep("uscc", g.uscc()).t("）")
    b.t("噪声扰民。经核查，企业已整改，并向").item("person_name", person).t("反馈。")
    b.t(r.choice(["投诉人", "来电人"])).t("邮箱").item("email", g.email()).t("。\n")
    b.t("    处置单位：").keep("org", organ).t("，承办人：").keep("official_name", g.name())
    b.t("，办公电话：").keep("office_phone", g.office_phone()).t("。\n")
    _filler(b, g)
    b.keep("date", g.date()).t("\n")


def mediation(b: Builder, g: Gen) -> None:
    r = b.rng
    organ = g.city[1] + g.district() + "人民调解委员会"
    a, c = g.name(), g.name()
    b.keep("org", organ).t("\n人民调解协议书\n")
    b.t("申请人：").item("person_name", a).t("，" + g.gender() + "，").keep(
        "date", f"{r.randint(1950, 2000)}年{r.randint(1, 12)}月"
    )
    b.t("出生，身份证号").item("id_card", g.noisy(g.id_card())).t("，电话").item(
        "phone", g.mobile_formatted()
    ).t("\n")
    b.t("被申请人：").item("person_name", c).t("，" + g.gender() + "，住")
    prefix, door = g.address()
    b.t(prefix).item("address", door).t("，电话").item("phone", g.mobile_formatted()).t("\n")
    b.t("    ").item("person_name", a).t("与").item("person_name", c).t(
        "因相邻关系发生纠纷，经调解，双方自愿达成如下协议："
    )
    b.item("person_name", c).t("于").keep("date", g.date()).t("前一次性支付").item("person_name", a).t(
        "补偿款"
    )
    b.keep("amount", g.amount()).t("。\n")
    b.t("调解员：").keep("official_name", g.name()).t("\n").keep("date", g.date()).t("\n")


def negatives_only(b: Builder, g: Gen) -> None:
    """Public notices with numbers that only look personal: bad checksums, codes, hotlines, amounts."""
    r = b.rng
    organ, code = g.organ()
    b.keep("org", organ).t("\n").keep("doc_number", g.doc_number(code)).t("\n关于公布")
    b.keep("date", g.date().split("年")[0] + "年").t("度行政许可事项目录的通知\n")
    b.t("    ").keep("company", g.company()).t("统一社会信用代码：").keep("uscc", g.uscc()).t("，")
    b.t("项目编号").keep("bad_id", g.bad_id()).t("，投资总额").keep("amount", g.amount()).t("。\n")
    b.t("    咨询电话：").keep("office_phone", g.office_phone()).t("，服务热线").keep(
        "hotline", r.choice(PUBLIC_HOTLINES)
    )
    b.t("，政务服务便民热线").keep("hotline", g.city[3] + "-12345").t("。\n")
    b.t("    统计时间截至").keep("date", g.date()).t("，累计办件").keep(
        "amount", f"{r.randint(100, 99999)}件" if False else g.amount()
    )
    b.t("。电子邮箱：").keep(
        "gov_email", f"zwgk{r.randint(1, 99)}@{r.choice(['sy', 'dl', 'jn', 'hz'])}.gov.cn"
    ).t("\n")
    for _ in range(r.randint(1, 3)):
        _filler(b, g)
    _sign_off(b, g, organ)


def admission_list(b: Builder, g: Gen) -> None:
    """School admission review list: pupil, guardian and household address in a flattened table."""
    r = b.rng
    organ = g.city[1] + g.district() + "教育局"
    b.keep("org", organ).t("\n").keep("date", f"{r.randint(2020, 2025)}年").t(
        "义务教育阶段入学资格审核结果公示\n"
    )
    sep = r.choice(["  ", "\t", " | "])
    b.t(sep.join(["序号", "学生姓名", "监护人", "户籍地址", "审核结果"]) + "\n")
    for i in range(r.randint(3, 7)):
        child, parent = g.name(), g.name()
        prefix, door = g.address()
        b.t(f"{i + 1}{sep}").item("person_name", child).t(sep).item("person_name", parent).t(sep + prefix)
        b.item("address", door).t(sep + r.choice(["通过", "通过", "材料待补"]) + "\n")
    b.t("公示期内如有异议，请致电").keep("office_phone", g.office_phone()).t("。\n")
    b.keep("org", organ).t("\n").keep("date", g.date()).t("\n")


def review_decision(b: Builder, g: Gen) -> None:
    """行政复议决定书 with an applicant, a lawyer and a government respondent."""
    r = b.rng
    organ = g.city[1] + "人民政府"
    applicant, lawyer = g.name(), g.name()
    b.keep("org", organ).t("\n行政复议决定书\n").keep("doc_number", g.doc_number("政复决")).t("\n")
    b.t("申请人：").item("person_name", applicant).t("，" + g.gender() + "，")
    b.keep("date", f"{r.randint(1950, 2000)}年{r.randint(1, 12)}月").t("出生，住")
    prefix, door = g.address()
    b.t(prefix).item("address", door).t("。\n")
    b.t("委托代理人：").item("person_name", lawyer).t(
        "，" + r.choice(["辽宁", "山东", "浙江"]) + "某律师事务所律师。\n"
    )
    respondent = g.city[1] + g.district() + "人民政府"
    b.t("被申请人：").keep("org", respondent).t("。\n法定代表人：").keep("official_name", g.name()).t(
        "，区长。\n"
    )
    b.t("    申请人").item("person_name", applicant).t("不服被申请人于").keep("date", g.date()).t("作出的")
    b.keep("doc_number", g.doc_number("政征补")).t(
        "房屋征收补偿决定，向本机关申请行政复议，本机关依法予以受理。"
    )
    b.t("依据").keep("law", "《中华人民共和国行政复议法》").t("第六十八条，决定维持。\n")
    _filler(b, g)
    b.keep("org", organ).t("\n").keep("date", g.date()).t("\n")


def village_accounts(b: Builder, g: Gen) -> None:
    """村务公开: land-transfer payments per household with bank accounts."""
    r = b.rng
    village = g.district() + r.choice(TOWNS) + r.choice(VILLAGES)
    b.t("村务公开：").keep("org", village + "村民委员会").t("\n").keep("date", f"{r.randint(2020, 2025)}年")
    b.t("度土地流转费发放明细\n")
    sep = r.choice([" ", "\t", "  "])
    b.t(sep.join(["户主", "面积(亩)", "金额(元)", r.choice(["账号", "卡号", "银行卡号"])]) + "\n")
    for _ in range(r.randint(3, 8)):
        b.item("person_name", g.name()).t(sep + f"{r.randint(1, 40)}.{r.randint(0, 9)}" + sep)
        b.keep("amount", str(r.randint(500, 30000))).t(sep).item("bank_card", g.bank_card()).t("\n")
    b.t("监督电话：").keep("office_phone", g.office_phone()).t("\n")


def service_receipt(b: Builder, g: Gen) -> None:
    """送达回证: the served person and address, served by officers."""
    r = b.rng
    organ, code = g.organ()
    b.keep("org", organ).t("\n送达回证\n送达文书：").keep("doc_number", g.doc_number(code)).t("\n")
    b.t(r.choice(["受送达人：", "受送达人 "])).item("person_name", g.name()).t("\n")
    prefix, door = g.address()
    b.t("送达地址：" + prefix).item("address", door).t("\n")
    b.t("送达人：" + r.choice(["民警 ", "执法人员 ", ""])).keep("official_name", g.name()).t("、")
    b.keep("official_name", g.name()).t("\n送达时间：").keep("date", g.date()).t("\n")
    if r.random() < 0.5:
        b.t("代收人：").item("person_name", g.name()).t("（" + r.choice(["妻", "子", "女", "母"]) + "）\n")


TEMPLATES = {
    "penalty_individual": (penalty_individual, 3),
    "penalty_company": (penalty_company, 2),
    "assistance_list": (assistance_list, 3),
    "foi_reply": (foi_reply, 3),
    "petition_reply": (petition_reply, 2),
    "expropriation": (expropriation, 2),
    "traffic_notice": (traffic_notice, 2),
    "appointment": (appointment, 2),
    "news_prose": (news_prose, 2),
    "subsidy_payment": (subsidy_payment, 2),
    "travel_permit": (travel_permit, 1),
    "complaint_handling": (complaint_handling, 2),
    "mediation": (mediation, 1),
    "negatives_only": (negatives_only, 1),
    "admission_list": (admission_list, 1),
    "review_decision": (review_decision, 1),
    "village_accounts": (village_accounts, 1),
    "service_receipt": (service_receipt, 1),
}


def generate(n: int = 400, seed: int = 20261126) -> list[Doc]:
    """``n`` labelled documents from a fixed seed, templates drawn by weight."""
    rng = random.Random(seed)
    names = list(TEMPLATES)
    weights = [TEMPLATES[k][1] for k in names]
    docs = []
    for _ in range(n):
        template = rng.choices(names, weights)[0]
        b = Builder(rng)
        g = Gen(rng)
        TEMPLATES[template][0](b, g)
        docs.append(b.build(template))
    return docs
