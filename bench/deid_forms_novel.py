"""A fourth, independent part for the de-identification bench, written in the fourth session (issue 9).

Nothing in the engine was written against this module before it existed. It brings:

* a **fourth name source** (``FourthNames``), written from general knowledge of naming and not from the
  other bench modules: given names of several generations (淑珍, 德福, 浩宇, 梓涵), names that are
  ordinary words (海军, 光明, 新华), Uyghur and Kazakh names with or without a middle dot, Tibetan,
  Mongolian and Yi (彝族) names built from syllables, and rare surnames;
* **new document forms** with new phrasings: 送达公告 for several addressees with their addresses,
  保障性租赁住房分配公示 tables with a co-applicant column, 信访答复 naming neighbours and witnesses,
  欠薪处理决定 with a table of workers and their bank accounts, 纪律处分通报 naming the people harmed;
* two parts from two seeds: ``probe``, which the fourth session looked at while improving the engine,
  and ``novel``, generated and measured only at the end. ``novel`` also draws syllables, given names and
  phrasings that ``probe`` never shows (the ``*_NOVEL`` lists).
"""

from __future__ import annotations

import random

from bench.deid_corpus import Builder, Doc, Gen

SURNAMES4 = list(
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
    "余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文"
)
RARE_SURNAMES4 = list("冼邝栾靳翟巩苗褚滕柯尉佟")
RARE_SURNAMES4_NOVEL = list("蓝甄闵臧")
GIVEN4 = [
    "淑珍",
    "玉兰",
    "桂英",
    "凤霞",
    "秀英",
    "德福",
    "长顺",
    "福生",
    "振国",
    "宝山",
    "浩宇",
    "梓涵",
    "欣怡",
    "子轩",
    "雨桐",
    "思远",
    "佳琪",
    "俊杰",
    "一诺",
    "宇航",
    "晓东",
    "丽娟",
    "海涛",
    "志刚",
    "春燕",
    "艳玲",
    "立新",
    "文斌",
    "庆丰",
    "素梅",
    "明轩",
    "若曦",
    "嘉怡",
    "晨阳",
    "锦程",
    "沐阳",
    "诗雨",
    "梦瑶",
    "天佑",
    "泽宇",
]
GIVEN4_NOVEL = ["翠萍", "金锁", "栓柱", "语嫣", "奕辰", "瑞霖", "馨予", "铁军", "满仓", "巧云"]
GIVEN4_SINGLE = list("伟芳娜敏静强磊洋艳勇杰娟涛明超霞平刚辉鹏华飞鑫波斌宇浩凯健")
WORD_GIVEN4 = ["海军", "光明", "新华", "建设", "国华", "金凤", "玉梅", "德胜", "红星", "永康", "太平", "长青"]
WORD_GIVEN4_NOVEL = ["和谐", "幸福", "先锋", "长征"]
UYGHUR4 = [
    "艾买提",
    "麦尔丹",
    "伊力夏提",
    "帕尔哈提",
    "迪丽拜尔",
    "阿尔祖古丽",
    "吐尔洪",
    "玉山江",
    "艾尼瓦尔",
    "吾买尔",
    "阿扎提",
    "哈斯木",
    "伊米提",
    "米娜瓦尔",
    "古丽巴哈尔",
    "阿曼古丽",
    "努尔比亚",
    "帕提曼",
    "再娜甫",
    "赛迪古丽",
    "叶尔江",
    "哈那提",
    "达吾列提",
    "加纳提",
    "博拉提",
    "阿依登",
    "买吾兰",
]
UYGHUR4_NOVEL = ["塔西甫拉提", "祖丽胡玛尔", "阿卜力克木", "依马木", "热孜万古丽", "斯拉木"]
TIBETAN4 = [
    "扎西",
    "次仁",
    "格桑",
    "央珍",
    "旺姆",
    "达瓦",
    "尼玛",
    "顿珠",
    "平措",
    "多布杰",
    "德吉",
    "卓玛",
    "罗布",
    "边巴",
    "琼达",
    "拉巴",
    "普布",
    "次旺",
    "旺杰",
    "曲吉",
    "益西",
    "仁青",
    "强巴",
    "洛桑",
    "丹增",
    "根敦",
    "伦珠",
    "赤列",
    "贡嘎",
    "群宗",
    "白姆",
    "嘎玛",
    "巴桑",
    "米玛",
    "索朗",
    "加央",
    "占堆",
    "桑珠",
    "欧珠",
    "才让",
    "拉姆",
    "德庆",
]
TIBETAN4_NOVEL = ["洛追", "扎西顿珠", "仓拉", "尼苏", "达杰", "卓措"]
MONGOLIAN4 = [
    "孟根",
    "苏布道",
    "朝格图",
    "额日和木",
    "乌恩",
    "包力高",
    "敖特根",
    "达古拉",
    "萨其拉",
    "阿古达木",
    "图布新",
    "那日苏",
    "哈斯巴根",
    "巴图孟和",
    "额尔登",
    "其其格",
    "乌兰图雅",
    "巴雅尔",
    "斯琴",
]
MONGOLIAN4_NOVEL = ["布仁巴雅尔", "阿拉坦仓", "乌日图", "图格木勒"]
YI_CLAN = ["吉克", "阿苏", "沙马", "曲比", "俄底", "阿西", "吉伍", "马海", "海来", "勒格", "罗洪", "巴莫"]
YI_CLAN_NOVEL = ["瓦扎", "尔古", "的日"]
YI_GIVEN = ["阿依", "拉且", "阿果", "阿乌", "日伙", "拉则", "木呷", "阿木", "石者", "拉哈", "尔布", "阿牛"]
YI_GIVEN_NOVEL = ["伍各", "子哈", "史哈"]
DOTS4 = "·・．•"


class FourthNames:
    """Names from a source written in the fourth session; ``novel`` adds the withheld lists."""

    def __init__(self, rng: random.Random, *, novel: bool) -> None:
        self.rng = rng
        self.novel = novel

    def pick(self, base: list, extra: list):
        if self.novel and self.rng.random() < 0.3:
            return self.rng.choice(extra)
        return self.rng.choice(base)

    def name(self) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.42:
            surname = (
                r.choice(SURNAMES4) if r.random() < 0.88 else self.pick(RARE_SURNAMES4, RARE_SURNAMES4_NOVEL)
            )
            if r.random() < 0.25:
                return surname + r.choice(GIVEN4_SINGLE)
            return surname + self.pick(GIVEN4, GIVEN4_NOVEL)
        if roll < 0.52:
            return r.choice(SURNAMES4) + self.pick(WORD_GIVEN4, WORD_GIVEN4_NOVEL)
        if roll < 0.67:
            first, last = self.pick(UYGHUR4, UYGHUR4_NOVEL), self.pick(UYGHUR4, UYGHUR4_NOVEL)
            if first == last:
                return first
            return first + (r.choice(DOTS4) if r.random() < 0.75 else "") + last
        if roll < 0.82:
            first = self.pick(TIBETAN4, TIBETAN4_NOVEL)
            return first + (self.pick(TIBETAN4, TIBETAN4_NOVEL) if r.random() < 0.8 else "")
        if roll < 0.92:
            first = self.pick(MONGOLIAN4, MONGOLIAN4_NOVEL)
            return first + (self.pick(MONGOLIAN4, MONGOLIAN4_NOVEL) if r.random() < 0.3 else "")
        return self.pick(YI_CLAN, YI_CLAN_NOVEL) + self.pick(YI_GIVEN, YI_GIVEN_NOVEL)


class NovelGen(Gen):
    """``Gen`` whose names come from the fourth source (70 %) or the first generator."""

    def __init__(self, rng: random.Random, *, novel: bool) -> None:
        super().__init__(rng)
        self.fourth = FourthNames(rng, novel=novel)
        self.novel = novel

    def name(self) -> str:
        if self.rng.random() < 0.3:
            return super().name()
        for _ in range(50):
            name = self.fourth.name()
            if len(name) >= 2 and not any(name in u or u in name for u in self.used):
                self.used.append(name)
                return name
        return super().name()

    def v(self, base: list[str], novel_only: list[str]) -> str:
        """A phrasing; the novel part also draws phrasings the probe part never shows."""
        if self.novel and self.rng.random() < 0.35:
            return self.rng.choice(novel_only)
        return self.rng.choice(base)

    def estate_door(self) -> tuple[str, str]:
        r = self.rng
        estate = (
            self.district()
            + r.choice(["锦绣", "民安", "和顺", "福馨", "惠园", "新苑", "丰泽"])
            + r.choice(["保障性租赁住房", "公租房小区", "人才公寓", "棚改安置小区", "还迁房"])
        )
        door = f"{r.randint(1, 40)}号楼{r.randint(1, 5)}单元{r.randint(1, 30)}{r.randint(1, 4):02d}室"
        if r.random() < 0.3:
            door = f"{r.randint(1, 20)}-{r.randint(1, 4)}-{r.randint(1, 30)}{r.randint(1, 4):02d}"
        return estate, door


def _end(b: Builder, g: NovelGen, organ: str) -> None:
    r = b.rng
    if r.random() < 0.6:
        b.t("联系人：").keep("official_name", g.name()).t("，联系电话：").keep(
            "office_phone", g.office_phone()
        )
        b.t("\n")
    b.keep("org", organ).t("\n").keep("date", g.date()).t("\n")


def service_by_notice(b: Builder, g: NovelGen) -> None:
    """送达公告 to several addressees, each with a home address, then running text."""
    r = b.rng
    organ, code = g.organ()
    b.keep("org", organ).t("\n" + g.v(["送达公告", "公告"], ["公示送达通知"]) + "\n")
    people = [g.name() for _ in range(r.randint(2, 4))]
    for p in people:
        prefix, door = g.address()
        b.t(g.v(["受送达人：", "", "当事人 "], ["被送达人："])).item("person_name", p)
        opener = g.v(["，住", "，住址：", "（住"], ["，户籍地"])
        b.t(opener + prefix).item("address", door).t("）\n" if opener.startswith("（") else "\n")
    b.t("    " + g.v(["因上述人员下落不明", "因无法联系到上述当事人"], ["因以其他方式无法送达"]))
    b.t("，本机关依法公告送达").keep("doc_number", g.doc_number(code)).t("决定书。")
    b.item("person_name", people[-1]).t(g.v(["应当于", "须在"], ["务请于"])).keep("date", g.date())
    b.t("前到本机关领取，" + g.v(["逾期即视为送达。", "过期视为送达。"], ["逾期不领的，视为送达。"]) + "\n")
    _end(b, g, organ)


def housing_publicity(b: Builder, g: NovelGen) -> None:
    """保障性租赁住房分配公示: applicant, co-applicant, household size, home allotted."""
    r = b.rng
    organ = g.city[1] + g.district() + "住房保障服务中心"
    b.keep("org", organ).t(
        "\n" + g.v(["保障性租赁住房分配结果公示", "公共租赁住房选房结果公示"], ["配租名单公示"])
    )
    b.t("\n")
    sep = r.choice(["\t", " | ", "  "])
    b.t(sep.join(["序号", "主申请人", g.v(["共同申请人", "配偶"], ["家庭成员"]), "人口", "房源"]) + "\n")
    for i in range(r.randint(3, 6)):
        estate, door = g.estate_door()
        b.t(f"{i + 1}{sep}").item("person_name", g.name()).t(sep)
        if r.random() < 0.7:
            b.item("person_name", g.name())
        else:
            b.t("无")
        b.t(sep + str(r.randint(1, 5)) + sep + estate).item("address", door).t("\n")
    b.t("公示期间如有异议，可向").keep("org", organ).t("书面反映，电话").keep(
        "office_phone", g.office_phone()
    )
    b.t("。\n")
    _end(b, g, organ)


def petition_answer(b: Builder, g: NovelGen) -> None:
    """信访答复: addressee line, a neighbour and witnesses in running text."""
    organ, code = g.organ()
    person, neighbour, w1, w2 = g.name(), g.name(), g.name(), g.name()
    b.keep("org", organ).t("\n信访事项处理意见书\n").keep("doc_number", g.doc_number(code)).t("\n")
    b.item("person_name", person).t(g.v(["：", "同志："], ["女士/先生："]) + "\n")
    b.t("    你于").keep("date", g.date()).t(g.v(["来访反映", "通过网上信访反映"], ["致信反映"]))
    b.t("与" + g.v(["邻居", "同组村民"], ["隔壁住户"])).item("person_name", neighbour)
    b.t("宅基地界址纠纷一事收悉。经实地走访，" + g.v(["村民", "在场群众"], ["知情人"])).item(
        "person_name", w1
    )
    b.t("、").item("person_name", w2).t(g.v(["均证实", "证实"], ["一致表示"]))
    b.t("该围墙系").item("person_name", neighbour).t(g.v(["于", "在"], ["早在"])).keep("date", g.date())
    b.t("修建。\n    如对本意见不服，可自收到之日起30日内向").keep("org", g.city[1] + "人民政府信访局")
    b.t("申请复查。\n")
    _end(b, g, organ)


def wage_settlement(b: Builder, g: NovelGen) -> None:
    """欠薪处理决定 with a table of workers and the accounts the wages go to."""
    r = b.rng
    organ = g.city[1] + g.district() + "人力资源和社会保障局"
    company = g.company()
    b.keep("org", organ).t(
        "\n" + g.v(["劳动保障监察行政处理决定书", "欠薪处理决定书"], ["责令支付工资决定书"])
    )
    b.t("\n").keep("doc_number", g.doc_number("人社监处")).t("\n用人单位：").keep("company", company).t("\n")
    workers = [g.name() for _ in range(r.randint(3, 6))]
    b.t("    经调查，你单位" + g.v(["未足额支付", "拖欠"], ["克扣"]))
    b.item("person_name", workers[0]).t(g.v(["等", "等人共"], ["为首的"]) + str(len(workers)) + "名")
    b.t(g.v(["务工人员", "工人"], ["建筑工人"]) + "工资。带班班长").item("person_name", workers[1])
    b.t(g.v(["对此予以确认。", "确认上述欠薪事实。"], ["认可上述金额。"]) + "现决定：\n")
    sep = r.choice(["\t", "  "])
    b.t(sep.join(["姓名", "应付工资", "收款账号"]) + "\n")
    for w in workers:
        b.item("person_name", w).t(sep).keep("amount", g.amount()).t(sep).item("bank_card", g.bank_card()).t(
            "\n"
        )
    b.t("    限你单位于").keep("date", g.date()).t("前支付完毕。\n")
    _end(b, g, organ)


def discipline_bulletin(b: Builder, g: NovelGen) -> None:
    """纪律处分通报: the official by title, the people harmed named in prose."""
    r = b.rng
    organ = g.city[1] + g.district() + "纪委监委"
    victim, spouse, helper = g.name(), g.name(), g.name()
    b.keep("org", organ).t("\n关于" + r.choice(["三起", "两起"]) + "侵害群众利益问题的通报\n")
    b.t("    一、某街道社区原党委书记").keep("official_name", g.name())
    b.t(g.v(["截留", "挪用"], ["侵占"]) + "残疾人补贴问题。").keep("date", g.date()).t("至").keep(
        "date", g.date()
    )
    b.t("，其" + g.v(["截留", "扣留"], ["私自留存"]) + "残疾居民").item("person_name", victim)
    b.t("的补贴").keep("amount", g.amount()).t("。" + g.v(["事发后", "案发后"], ["此后"]))
    b.item("person_name", victim).t(g.v(["的丈夫", "的妻子"], ["之配偶"])).item("person_name", spouse)
    b.t(g.v(["多次上访。", "向镇政府反映。"], ["到区里反映。"]))
    b.t(g.v(["同村村民", "知情群众"], ["邻居"])).item("person_name", helper).t(
        g.v(["协助核查", "如实作证"], ["提供了账目"]) + "。\n"
    )
    b.t("    该同志受到党内严重警告处分。\n")
    _end(b, g, organ)


_WITHHELD_PARTS = (
    UYGHUR4_NOVEL
    + TIBETAN4_NOVEL
    + MONGOLIAN4_NOVEL
    + YI_CLAN_NOVEL
    + YI_GIVEN_NOVEL
    + GIVEN4_NOVEL
    + WORD_GIVEN4_NOVEL
)


def withheld(name: str) -> bool:
    """A name drawn (at least in part) from a list only the novel part uses."""
    return name[0] in RARE_SURNAMES4_NOVEL or any(part in name for part in _WITHHELD_PARTS)


FORMS = {
    "service_by_notice": service_by_notice,
    "housing_publicity": housing_publicity,
    "petition_answer": petition_answer,
    "wage_settlement": wage_settlement,
    "discipline_bulletin": discipline_bulletin,
}
# (seed) per part: probe was looked at while the engine changed; novel only at the end.
NOVEL_PARTS = {"probe": 16180339, "novel": 14142135}


def generate_novel_part(part: str, n: int) -> list[Doc]:
    """``n`` labelled documents of the ``probe`` or ``novel`` part."""
    rng = random.Random(NOVEL_PARTS[part])
    names = list(FORMS)
    docs = []
    for _ in range(n):
        template = rng.choice(names)
        b = Builder(rng)
        g = NovelGen(rng, novel=part == "novel")
        FORMS[template](b, g)
        docs.append(b.build(template))
    return docs
