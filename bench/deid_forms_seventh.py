"""A seventh part for the de-identification bench, written in the seventh session (issue 9).

Nothing in the engine was written against this module before it existed. It brings:

* a **sixth name source** (``SixthNames``): surnames that are also function words or ordinary words (向, 和,
  平, 文, 甘, 谈, 能, 万, 从, 时, 全, 应, 才, 计, 别), compound surnames (欧阳, 司马, 上官, 诸葛, 皇甫, 慕容,
  夏侯, 东方), given names whose characters are common words or place characters (京, 川, 江, 岳, 华, 中, 新,
  民, 建, 设) and two-character names whose given name is one common character (王明, 李华, 向东), mixed with
  the first generator's names;
* **new document forms**: 失信被执行人 notices of a court, 劳动人事争议仲裁 awards with 「（女，1975年生）」
  after each name, 不动产权证书遗失公告 opening with the owner's name, 公租房摇号 result tables, traffic-accident
  findings with 「（以下简称某某）」, 社区矫正 notices, 人民调解协议书 (甲方/乙方 and running text), 拆迁补偿
  agreements naming a spouse, 医疗纠纷 replies naming a patient and relatives, and quoted or enumerated names
  (「张三、李四和王五」, 署名“某某”的来信).

``generate_seventh_part("seventh", n)`` gives the part; the bench runs it as ``--part seventh``.
"""

from __future__ import annotations

import random

from bench.deid_corpus import Builder, Doc, Gen

WORD_SURNAMES = list("向和平文甘谈能万从时全应才计别")
COMPOUNDS = ["欧阳", "司马", "上官", "诸葛", "皇甫", "慕容", "夏侯", "东方"]
PLAIN_SURNAMES = list(
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
PLACE_CHARS = list("京沪津渝川江湘粤闽浙岳华中新民建设东南西北海山河川")
COMMON_SINGLE = list("明华红军伟芳丽勇杰敏静燕磊涛超斌亮鹏飞兵东")


class SixthNames:
    """Function-word and compound surnames, place-character and one-character given names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def surname(self) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.3:
            return r.choice(WORD_SURNAMES)
        if roll < 0.45:
            return r.choice(COMPOUNDS)
        return r.choice(PLAIN_SURNAMES)

    def name(self) -> str:
        r = self.rng
        surname = self.surname()
        if r.random() < 0.4:
            return surname + r.choice(COMMON_SINGLE)
        first = r.choice(PLACE_CHARS + COMMON_SINGLE)
        return surname + first + r.choice(PLACE_CHARS + COMMON_SINGLE)


class SeventhGen(Gen):
    """``Gen`` whose names come from the sixth source (75 %) or the first generator."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        self.sixth = SixthNames(rng)

    def name(self) -> str:
        if self.rng.random() < 0.25:
            return super().name()
        for _ in range(50):
            name = self.sixth.name()
            if not any(name in u or u in name for u in self.used):
                self.used.append(name)
                return name
        return super().name()

    def c(self, *options: str) -> str:
        return self.rng.choice(options)

    def year(self) -> str:
        return f"{self.rng.randint(1950, 2000)}年"


def _close(b: Builder, g: SeventhGen, organ: str) -> None:
    b.keep("org", organ).t("\n").keep("date", g.date()).t("\n")


def dishonest_debtors(b: Builder, g: SeventhGen) -> None:
    """失信被执行人名单: a court's numbered notice, then an enumeration in running text."""
    r = b.rng
    court = g.city[1] + g.district() + "人民法院"
    b.keep("org", court).t("\n" + g.c("失信被执行人名单公布", "关于公布失信被执行人名单的公告") + "\n")
    debtors = [g.name() for _ in range(r.randint(3, 5))]
    for i, d in enumerate(debtors):
        b.t(f"{i + 1}．被执行人：").item("person_name", d).t("，" + g.gender() + "，身份证号码：")
        b.item("id_card", g.id_card()).t("，执行标的").keep("amount", g.amount()).t("；\n")
    b.t("    上述被执行人中，").item("person_name", debtors[0]).t("、").item("person_name", debtors[1])
    b.t("和").item("person_name", debtors[2]).t(g.c("均有履行能力而拒不履行", "拒不申报财产") + "。")
    b.t("本院依法对").item("person_name", debtors[-1]).t("采取限制消费措施。\n")
    _close(b, g, court)


def arbitration_award(b: Builder, g: SeventhGen) -> None:
    """劳动人事争议仲裁裁决: names followed by （女，1975年生） and referred to later."""
    organ = g.city[1] + g.district() + "劳动人事争议仲裁委员会"
    claimant, other, witness = g.name(), g.name(), g.name()
    b.keep("org", organ).t("\n仲裁裁决书\n").keep("doc_number", g.doc_number("劳人仲字")).t("\n")
    b.t("申请人").item("person_name", claimant).t("（" + g.gender() + "，" + g.year() + "生）")
    b.t("与被申请人").keep("company", g.company()).t("劳动争议一案，本委已审理终结。\n")
    b.t("    ").item("person_name", claimant).t(g.c("主张", "请求") + "支付加班费").keep("amount", g.amount())
    b.t("，并提交了同事").item("person_name", other).t("（" + g.gender() + "，" + g.year() + "出生）")
    b.t("的证言。证人").item("person_name", witness).t(g.c("出庭作证称", "到庭陈述") + "，")
    b.item("person_name", claimant).t("每周工作六天。\n")
    _close(b, g, organ)


def lost_certificate(b: Builder, g: SeventhGen) -> None:
    """不动产权证书遗失公告 opening with the owners' names."""
    organ = g.city[1] + g.district() + "不动产登记中心"
    owner, co = g.name(), g.name()
    prefix, door = g.address()
    b.keep("org", organ).t("\n" + g.c("遗失公告", "不动产权证书遗失声明") + "\n    ")
    b.item("person_name", owner).t(g.c("、", "与")).item("person_name", co)
    b.t("共有的位于" + prefix).item("address", door).t("的房屋，其不动产权证书")
    b.t(
        f"（证号：{g.city[1][0]}（{b.rng.randint(2015, 2024)}）不动产权第{b.rng.randint(1000000, 9999999)}号）"
    )
    b.t("不慎遗失，现声明作废。经").item("person_name", owner).t("申请，本中心拟补发。\n")
    _close(b, g, organ)


def housing_lottery(b: Builder, g: SeventhGen) -> None:
    """公租房摇号结果公示: a flattened table of applicants and their numbers."""
    r = b.rng
    organ = g.city[1] + g.district() + "住房保障中心"
    b.keep("org", organ).t("\n" + g.c("公共租赁住房摇号配租结果公示", "保障性租赁住房摇号结果") + "\n")
    sep = r.choice(["\t", "  ", " | "])
    b.t(sep.join(["序号", g.c("申请人", "姓名"), "申请编号", "配租房号"]) + "\n")
    for i in range(r.randint(3, 8)):
        b.t(f"{i + 1}{sep}").item("person_name", g.name())
        b.t(
            f"{sep}GZF{r.randint(2023, 2025)}{r.randint(1000, 9999)}{sep}{r.randint(1, 30)}-{r.randint(101, 2804)}\n"
        )
    _close(b, g, organ)


def accident_short(b: Builder, g: SeventhGen) -> None:
    """交通事故认定 with （以下简称某某） after each party."""
    organ = g.city[1] + "公安局交通警察支队"
    d1, d2 = g.name(), g.name()
    b.keep("org", organ).t("\n道路交通事故认定书\n当事人")
    b.item("person_name", d1).t("（以下简称" + d1[0] + "某）驾驶").item("license_plate", g.plate())
    b.t("号小型客车，与当事人").item("person_name", d2).t(
        "（以下简称" + d2[0] + "某某）驾驶的二轮摩托车相撞。"
    )
    b.t(d1[0] + "某未按规定让行，负主要责任。\n")
    _close(b, g, organ)


def community_correction(b: Builder, g: SeventhGen) -> None:
    """社区矫正 notice: the person, the relative who guarantees, the officer (kept)."""
    organ = g.city[1] + g.district() + "司法局"
    person, guarantor = g.name(), g.name()
    b.keep("org", organ).t("\n社区矫正对象报到通知\n")
    b.t("社区矫正对象").item("person_name", person).t("，" + g.gender() + "，" + g.year() + "出生，因")
    b.t(g.c("危险驾驶罪", "盗窃罪", "交通肇事罪") + "被判处缓刑。其" + g.c("父亲", "配偶", "姐姐"))
    b.item("person_name", guarantor).t("为保证人。").item("person_name", person)
    b.t("应于十日内到司法所报到。\n")
    _close(b, g, organ)


def mediation_agreement(b: Builder, g: SeventhGen) -> None:
    """人民调解协议书: 甲方/乙方 then the parties in running text."""
    organ = g.district() + g.c("东关", "南湖", "新华") + "街道人民调解委员会"
    a, c = g.name(), g.name()
    b.keep("org", organ).t("\n人民调解协议书\n甲方：").item("person_name", a).t(
        "，" + g.gender() + "\n乙方："
    )
    b.item("person_name", c).t("，" + g.gender() + "\n    ")
    b.t("双方当事人").item("person_name", a).t("与").item("person_name", c)
    b.t("因" + g.c("相邻通行", "房屋漏水", "宠物伤人") + "发生纠纷，经调解自愿达成如下协议：")
    b.item("person_name", c).t("一次性赔偿").item("person_name", a).t(g.amount() + "。\n")
    _close(b, g, organ)


def demolition_agreement(b: Builder, g: SeventhGen) -> None:
    """拆迁补偿安置协议 naming the owner and the spouse."""
    organ = g.city[1] + g.district() + "房屋征收事务所"
    owner, spouse = g.name(), g.name()
    prefix, door = g.address()
    b.keep("org", organ).t("\n房屋拆迁补偿安置协议\n甲方：").keep("org", organ).t("\n乙方（被拆迁人）：")
    b.item("person_name", owner).t("\n    乙方房屋坐落于" + prefix).item("address", door)
    b.t("。乙方").item("person_name", owner).t("的配偶").item("person_name", spouse)
    b.t(g.c("同意本协议", "在协议上签字") + "。补偿款").keep("amount", g.amount()).t("支付至")
    b.item("person_name", owner).t("名下账户。\n")
    _close(b, g, organ)


def medical_reply(b: Builder, g: SeventhGen) -> None:
    """医疗纠纷 reply: patient, the relative who complained, the doctor (kept, a public official's role)."""
    organ = g.city[1] + "卫生健康委员会"
    patient, relative = g.name(), g.name()
    b.keep("org", organ).t("\n关于医疗纠纷投诉的答复\n").item("person_name", relative).t("：\n    ")
    b.t("你反映你" + g.c("母亲", "父亲", "丈夫") + "（患者").item("person_name", patient)
    b.t(
        g.c("，女，", "，男，")
        + f"{b.rng.randint(40, 90)}岁）在住院期间"
        + g.c("跌倒", "感染")
        + "一事，经调查，"
    )
    b.item("person_name", patient).t("入院时已签署知情同意书。").item("person_name", relative)
    b.t("可申请医疗事故技术鉴定。\n")
    _close(b, g, organ)


def quoted_letters(b: Builder, g: SeventhGen) -> None:
    """信访 register: names in quotes, after a colon, enumerated with 和 and 等."""
    organ = g.city[1] + "信访局"
    signer, a, c, d = g.name(), g.name(), g.name(), g.name()
    b.keep("org", organ).t("\n来信办理情况通报\n    ")
    b.t("署名“").item("person_name", signer).t("”的来信反映，")
    b.item("person_name", a).t("、").item("person_name", c).t("和").item("person_name", d)
    b.t(g.c("等3人", "三人") + "长期占用公共楼道。经核实，“").item("person_name", a)
    b.t("家”的杂物已清理。来信人：").item("person_name", signer).t("。\n")
    _close(b, g, organ)


FORMS = {
    "dishonest_debtors": dishonest_debtors,
    "arbitration_award": arbitration_award,
    "lost_certificate": lost_certificate,
    "housing_lottery": housing_lottery,
    "accident_short": accident_short,
    "community_correction": community_correction,
    "mediation_agreement": mediation_agreement,
    "demolition_agreement": demolition_agreement,
    "medical_reply": medical_reply,
    "quoted_letters": quoted_letters,
}
SEVENTH_PARTS = {"seventh": 31415926}


def generate_seventh_part(part: str, n: int) -> list[Doc]:
    """``n`` labelled documents of the ``seventh`` part."""
    rng = random.Random(SEVENTH_PARTS[part])
    names = list(FORMS)
    docs = []
    for _ in range(n):
        template = rng.choice(names)
        b = Builder(rng)
        FORMS[template](b, SeventhGen(rng))
        docs.append(b.build(template))
    return docs
