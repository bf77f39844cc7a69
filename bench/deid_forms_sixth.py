"""A sixth part for the de-identification bench, written in the sixth session (issue 9).

Nothing in the engine was written against this module before it existed. It brings:

* a **fifth name source** (``FifthNames``), composed rather than listed: surnames drawn by their weight in a
  national surname ranking (with a tail of less common ones), times given-name characters of three eras and
  regions that the other sources do not draw on — rural names of the 1950s and 1960s (根财, 招娣, 水旺),
  southern names (家豪, 嘉欣, 俊宏, 淑芬) and names of the 2010s (梓萱, 沐辰, 芊芷) — combined character by
  character, so most given names occur in no list; single-character given names that are ordinary words
  (王强, 何平, 周正), names that are ordinary words (平安, 朝阳, 援朝), Dai names with their 岩/玉 prefix (岩温,
  玉香), Korean-Chinese names (朴成浩, 金顺姬) and Kazakh names with a patronymic after a middle dot;
* **new document forms**: penalty decisions with several parties named in running text (伙同, 自述, 系),
  numbered wage-arrears lists, house-expropriation compensation tables, 信访 replies naming relatives,
  court-style 当事人 blocks with 称/辩称, village-affairs notices (宅基地 approvals, meeting minutes with the
  officials who chaired them, which stay), hearing records (听证笔录) with 陈述 and 证人, subsidy tables of
  household heads, traffic-accident findings (drivers, plates, a passenger) and news of an official's
  visit naming the residents visited (the official stays).

``generate_sixth_part("sixth", n)`` gives the part; the bench runs it as ``--part sixth``.
"""

from __future__ import annotations

import random

from bench.deid_corpus import Builder, Doc, Gen

# Surname weights (per cent, rounded) of a national ranking, then a tail of less common surnames.
SURNAME_WEIGHTS = {
    "王": 7.1,
    "李": 7.0,
    "张": 6.7,
    "刘": 5.4,
    "陈": 4.5,
    "杨": 3.1,
    "黄": 2.2,
    "赵": 2.0,
    "吴": 2.0,
    "周": 1.9,
    "徐": 1.5,
    "孙": 1.5,
    "马": 1.5,
    "朱": 1.3,
    "胡": 1.3,
    "郭": 1.2,
    "何": 1.2,
    "林": 1.1,
    "高": 1.1,
    "罗": 1.0,
    "郑": 1.0,
    "梁": 0.9,
    "谢": 0.8,
    "宋": 0.8,
    "唐": 0.8,
    "许": 0.7,
    "韩": 0.7,
    "冯": 0.7,
    "邓": 0.7,
    "曹": 0.6,
    "彭": 0.6,
    "曾": 0.6,
    "肖": 0.6,
    "田": 0.5,
    "董": 0.5,
    "袁": 0.5,
    "潘": 0.5,
    "于": 0.5,
    "蒋": 0.5,
    "蔡": 0.5,
    "余": 0.5,
    "杜": 0.4,
    "叶": 0.4,
    "程": 0.4,
    "苏": 0.4,
    "魏": 0.4,
    "吕": 0.4,
    "丁": 0.4,
    "任": 0.4,
    "沈": 0.4,
}
TAIL_SURNAMES = list("覃韦蒙农黎岑麦凌虞邬屠冉缪谌揭粟漆蹇展宦阚檀敖晏隋栗亢乜暴卜鲍牛")
ERA_CHARS = {
    "rural": list("根福水财来旺金银桂菊兰凤英秀招娣荣发贵生顺喜宝有山田土妹仙"),
    "south": list("家豪嘉欣志明俊宏雅婷美玲淑芬伟雄惠珊耀祖健锦添颖诗詠炜"),
    "recent": list("梓萱子墨亦辰沐宸一诺若汐芊芷煊睿奕涵可馨语彤昊然"),
}
WORD_SINGLE = list("强静帆洋平正立军勇刚林森晨红冰松海雪鹏")
WORD_GIVEN5 = [
    "平安",
    "富贵",
    "天明",
    "雪松",
    "晓光",
    "春生",
    "秋实",
    "振兴",
    "向阳",
    "朝阳",
    "红梅",
    "海洋",
    "明月",
    "家乐",
    "永胜",
    "保国",
    "卫国",
    "跃进",
    "援朝",
    "抗美",
]
DAI_GIVEN = list("温罕应坎香叫拉光糯南波儿")
KOREAN_SURNAMES = list("金朴崔李郑全姜")
KOREAN_GIVEN = [
    "哲洙",
    "英姬",
    "成浩",
    "光日",
    "顺姬",
    "永哲",
    "明浩",
    "贤镇",
    "美善",
    "京淑",
    "东植",
    "正子",
]
KAZAKH_GIVEN = ["努尔兰", "叶尔兰", "达尼亚尔", "阿斯哈尔", "木拉提", "卡迪尔", "阿依娜", "古丽娜尔", "别克"]
KAZAKH_FATHER = ["托合塔尔别克", "库尔曼", "吐尔逊", "加肯", "沙吾列", "阿布都拉", "哈力木", "塔斯恒"]
DOTS5 = "·•・"


class FifthNames:
    """Composed names: weighted surnames × era characters, word names, Dai, Korean and Kazakh names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.surnames = list(SURNAME_WEIGHTS)
        self.weights = list(SURNAME_WEIGHTS.values())

    def surname(self) -> str:
        r = self.rng
        if r.random() < 0.12:
            return r.choice(TAIL_SURNAMES)
        return r.choices(self.surnames, self.weights)[0]

    def name(self) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.52:
            chars = ERA_CHARS[r.choice(list(ERA_CHARS))]
            return self.surname() + r.choice(chars) + (r.choice(chars) if r.random() < 0.85 else "")
        if roll < 0.64:
            return self.surname() + r.choice(WORD_SINGLE)
        if roll < 0.76:
            return self.surname() + r.choice(WORD_GIVEN5)
        if roll < 0.84:
            return r.choice("岩玉") + r.choice(DAI_GIVEN) + (r.choice(DAI_GIVEN) if r.random() < 0.3 else "")
        if roll < 0.93:
            return r.choice(KOREAN_SURNAMES) + r.choice(KOREAN_GIVEN)
        return r.choice(KAZAKH_GIVEN) + r.choice(DOTS5) + r.choice(KAZAKH_FATHER)


class SixthGen(Gen):
    """``Gen`` whose names come from the fifth source (75 %) or the first generator."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng)
        self.fifth = FifthNames(rng)

    def name(self) -> str:
        if self.rng.random() < 0.25:
            return super().name()
        for _ in range(50):
            name = self.fifth.name()
            if not any(name in u or u in name for u in self.used):
                self.used.append(name)
                return name
        return super().name()

    def c(self, *options: str) -> str:
        return self.rng.choice(options)

    def born(self) -> str:
        r = self.rng
        return f"{r.randint(1945, 2000)}年{r.randint(1, 12)}月"


def _close(b: Builder, g: SixthGen, organ: str) -> None:
    if b.rng.random() < 0.6:
        b.t(g.c("联系人：", "经办人：")).keep("official_name", g.name()).t(
            "，" + g.c("办公电话：", "联系电话：")
        )
        b.keep("office_phone", g.office_phone()).t("\n")
    b.keep("org", organ).t("\n").keep("date", g.date()).t("\n")


def penalty_parties(b: Builder, g: SixthGen) -> None:
    """行政处罚决定书 against several parties, then running text naming them with no cue word."""
    r = b.rng
    organ, code = g.organ()
    b.keep("org", organ).t("\n行政处罚决定书\n").keep("doc_number", g.doc_number(code)).t("\n")
    parties = [g.name() for _ in range(r.randint(2, 3))]
    for i, p in enumerate(parties):
        b.t(g.c(f"当事人{'一二三'[i]}：", "当事人：", f"{i + 1}. ")).item("person_name", p).t(
            "，" + g.gender()
        )
        b.t("，" + g.born() + "出生，身份证号码：").item("id_card", g.id_card()).t("\n")
    spouse = g.name()
    b.t("    经查，").item("person_name", parties[0]).t(g.c("伙同", "与")).item("person_name", parties[1])
    b.t("于").keep("date", g.date()).t("在" + g.city[1] + g.district() + "非法收购废旧金属。")
    b.item("person_name", parties[1]).t(g.c("对上述事实供认不讳。", "对此无异议。", "签字确认了询问笔录。"))
    b.t(g.c("据", "根据")).item("person_name", parties[0]).t(g.c("自述", "本人陈述") + "，其妻")
    b.item("person_name", spouse).t(g.c("系该回收点实际经营者。", "负责记账。"))
    b.t("以上事实有现场检查笔录、").item("person_name", spouse).t("的询问笔录等证据证实。\n")
    b.t("    依据").keep("law", "《再生资源回收管理办法》").t("第二十三条，决定对")
    b.item("person_name", parties[0]).t("、").item("person_name", parties[1]).t("分别处以罚款")
    b.keep("amount", g.amount()).t("。\n")
    _close(b, g, organ)


def wage_list(b: Builder, g: SixthGen) -> None:
    """劳动保障监察: a numbered list of the workers owed wages, then who confirmed it."""
    r = b.rng
    organ = g.city[1] + g.district() + "人力资源和社会保障局"
    b.keep("org", organ).t("\n" + g.c("关于督促支付拖欠工资的通知", "劳动保障监察限期整改指令书") + "\n")
    b.keep("company", g.company()).t("：\n    经查，你单位拖欠下列劳动者工资：\n")
    workers = [g.name() for _ in range(r.randint(3, 7))]
    # One list keeps one layout: its number style, separator and line end.
    number, sep, end = g.c("{}. ", "{}、", "（{}）"), g.c("，", "：", "  "), g.c("；\n", "\n")
    for i, w in enumerate(workers):
        b.t(number.format(i + 1)).item("person_name", w)
        b.t(sep).keep("amount", g.amount()).t(end)
    foreman = g.name()
    b.t("    上述金额经" + g.c("包工头", "班组长", "工人代表")).item("person_name", foreman)
    b.t(g.c("签字确认", "核对无误") + "。由").item("person_name", workers[-1]).t(
        "代为领取的，应当出具委托书。\n"
    )
    _close(b, g, organ)


def expropriation_table(b: Builder, g: SixthGen) -> None:
    """房屋征收补偿公示: a flattened table of the owners, the houses and the sums."""
    r = b.rng
    organ = g.city[1] + g.district() + "房屋征收与补偿办公室"
    b.keep("org", organ).t("\n" + g.c("房屋征收补偿情况公示", "被征收房屋补偿结果公示") + "\n")
    sep = r.choice(["\t", "  ", " | "])
    b.t(sep.join(["序号", g.c("被征收人", "产权人"), "房屋坐落", "面积（㎡）", "补偿金额"]) + "\n")
    for i in range(r.randint(3, 7)):
        prefix, door = g.address()
        b.t(f"{i + 1}{sep}").item("person_name", g.name()).t(sep + prefix).item("address", door)
        b.t(f"{sep}{r.randint(40, 160)}.{r.randint(0, 99):02d}{sep}").keep("amount", g.amount()).t("\n")
    b.t("公示期内如有异议，请向").keep("org", organ).t("反映。\n")
    _close(b, g, organ)


def petition_relatives(b: Builder, g: SixthGen) -> None:
    """信访答复 naming the petitioner's relatives, with 由 and 系 and a late repeat."""
    organ, code = g.organ()
    person, father, brother, agent = g.name(), g.name(), g.name(), g.name()
    b.keep("org", organ).t("\n信访事项答复意见书\n").keep("doc_number", g.doc_number(code)).t("\n")
    b.item("person_name", person).t(g.c("：\n", "同志：\n"))
    b.t("    你反映你父亲").item("person_name", father).t(g.c("生前", "去世前") + "的征地补偿款被")
    b.t(g.c("你弟弟", "你哥哥", "其侄子")).item("person_name", brother).t("领取一事，经调查，该款")
    b.t(g.c("于", "已于")).keep("date", g.date()).t("由").item("person_name", agent)
    b.t(g.c("代为领取", "经手办理") + "。").item("person_name", agent).t("系")
    b.item("person_name", father).t(g.c("生前指定的代理人。", "的外甥。"))
    b.item("person_name", brother).t(g.c("称", "表示") + "对此不知情。\n")
    b.t("    如不服本答复，可向").keep("org", g.city[1] + "人民政府").t("申请复查。\n")
    _close(b, g, organ)


def court_block(b: Builder, g: SixthGen) -> None:
    """Court-style 当事人 block (劳动人事争议仲裁), then 称 / 辩称 in running text."""
    r = b.rng
    organ = g.city[1] + "劳动人事争议仲裁委员会"
    claimant, respondent, agent = g.name(), g.name(), g.name()
    b.keep("org", organ).t("\n裁决书\n").keep("doc_number", g.doc_number("劳人仲案")).t("\n")
    b.t("申请人：").item("person_name", claimant).t("，" + g.gender() + "，" + g.c("汉族，", "") + g.born())
    prefix, door = g.address()
    b.t("出生，住" + prefix).item("address", door).t("。\n")
    b.t(g.c("被申请人：", "被申请人（个体工商户）：")).item("person_name", respondent)
    b.t("，" + g.gender() + "，" + g.born() + "出生。\n")
    b.t("委托代理人：").item("person_name", agent).t("，系").item("person_name", respondent)
    b.t(g.c("之子。", "之妻。", "的雇员。") + "\n")
    b.t("    ").item("person_name", claimant).t(g.c("称，", "诉称，") + "其于").keep("date", g.date())
    b.t("入职，月工资").keep("amount", g.amount()).t("。").item("person_name", respondent)
    b.t(g.c("辩称，", "答辩称，") + "双方系劳务关系。")
    if r.random() < 0.5:
        b.t("代理人").item("person_name", agent).t("当庭提交了考勤表。")
    b.t("\n    本委认为，").item("person_name", respondent).t("应支付").item("person_name", claimant)
    b.t("工资差额。\n")
    b.keep("org", organ).t("\n").keep("date", g.date()).t("\n")


def village_affairs(b: Builder, g: SixthGen) -> None:
    """村务公开: a 宅基地 approval list and meeting minutes chaired by a named official (kept)."""
    r = b.rng
    village = g.district() + g.c("新兴", "东风", "红旗", "丰收") + "村"
    b.keep("org", village + "村民委员会").t(
        "\n村务公开栏\n一、" + g.c("宅基地审批", "农村危房改造") + "公示\n"
    )
    sep = g.c("户，", "  ")
    for _ in range(r.randint(2, 5)):
        b.item("person_name", g.name()).t(sep + "第" + str(r.randint(1, 9)) + "村民小组，")
        b.t(f"面积{r.randint(80, 200)}平方米；\n")
    chair = g.name()
    b.t("二、村民代表会议纪要\n主持人：" + g.c("村党支部书记", "村委会主任")).keep("official_name", chair)
    b.t("\n    会上，村民").item("person_name", (speaker := g.name())).t(g.c("提出", "建议") + "修缮村道。")
    helper = g.name()
    b.item("person_name", helper).t(g.c("同意无偿提供", "表示愿意出让") + "部分承包地。")
    b.t("经表决，" + str(r.randint(20, 40)) + "名代表一致同意。由").item("person_name", speaker)
    b.t("、").item("person_name", helper).t("负责监督施工。\n")
    b.keep("org", village + "村民委员会").t("\n").keep("date", g.date()).t("\n")


def hearing_record(b: Builder, g: SixthGen) -> None:
    """听证笔录: the chair (official, kept), the party's statement, a witness, the party's agent."""
    organ, _ = g.organ()
    party, witness, agent = g.name(), g.name(), g.name()
    b.keep("org", organ).t("\n行政处罚听证笔录\n")
    b.t("听证主持人：").keep("official_name", g.name()).t("\n")
    b.t("当事人：").item("person_name", party).t("，" + g.gender() + "，电话").item("phone", g.mobile()).t(
        "\n"
    )
    b.t("委托代理人：").item("person_name", agent).t("\n")
    b.item("person_name", party).t(g.c("陈述：", "陈述称，") + "当日车辆由本人驾驶，并未超载。\n")
    b.t(g.c("证人", "现场目击者")).item("person_name", witness).t("称：当时货车停在路边。\n")
    b.item("person_name", agent).t(g.c("认为", "提出") + "处罚依据不足。")
    b.item("person_name", witness).t("与").item("person_name", party).t("系同村村民。\n")
    _close(b, g, organ)


def subsidy_table(b: Builder, g: SixthGen) -> None:
    """耕地地力保护补贴 or 临时救助 公示: a table of household heads, areas and sums, then an objection."""
    r = b.rng
    town = g.district() + g.c("前进", "太平", "永安", "长青") + g.c("镇", "乡", "街道")
    b.keep("org", town + "人民政府").t("\n" + g.c("耕地地力保护补贴发放公示", "临时救助对象公示") + "\n")
    sep = r.choice(["\t", "  ", " | "])
    b.t(
        sep.join(["序号", g.c("户主姓名", "户主", "姓名"), "村组", g.c("面积（亩）", "家庭人口"), "金额"])
        + "\n"
    )
    people = [g.name() for _ in range(r.randint(3, 8))]
    for i, p in enumerate(people):
        b.t(f"{i + 1}{sep}").item("person_name", p).t(
            f"{sep}{g.c('东风', '红旗', '新兴')}村{r.randint(1, 9)}组{sep}"
        )
        b.t(f"{r.randint(1, 30)}.{r.randint(0, 9)}{sep}").keep("amount", g.amount()).t("\n")
    b.t("    对").item("person_name", people[-1]).t(g.c("户", "")).t("的核定面积有异议的，请于公示期内向")
    b.keep("org", town + "人民政府").t("反映。\n")
    _close(b, g, town + "人民政府")


def accident_finding(b: Builder, g: SixthGen) -> None:
    """道路交通事故认定书: two drivers with plates, a passenger, the fault in running text."""
    organ = g.city[1] + "公安局交通警察支队" + g.district() + "大队"
    d1, d2, passenger = g.name(), g.name(), g.name()
    p1, p2 = g.plate(), g.plate()
    b.keep("org", organ).t("\n道路交通事故认定书（简易程序）\n")
    b.t("当事人：").item("person_name", d1).t("，驾驶").item("license_plate", p1).t("号小型轿车。\n")
    b.t(g.c("当事人：", "另一方当事人：")).item("person_name", d2).t("，驾驶").item("license_plate", p2)
    b.t("号电动自行车，乘车人").item("person_name", passenger).t("。\n    ")
    b.keep("date", g.date()).t("，").item("person_name", d1).t(g.c("驾车", "驾驶车辆") + "行经路口时，与")
    b.item("person_name", d2).t("驾驶的电动自行车相撞，致").item("person_name", passenger).t("受伤。")
    b.item("person_name", d1).t(g.c("未按规定让行", "未确保安全"))
    b.t("，负事故" + g.c("全部", "主要") + "责任；").item("person_name", d2).t(
        g.c("无责任。", "负次要责任。") + "\n"
    )
    b.t("交通警察：").keep("official_name", g.name()).t("\n").keep("org", organ).t("\n").keep(
        "date", g.date()
    )
    b.t("\n")


def visit_news(b: Builder, g: SixthGen) -> None:
    """慰问 news: an official (kept) visits named residents; their circumstances in running text."""
    organ, _ = g.organ()
    official, elder, child, mother = g.name(), g.name(), g.name(), g.name()
    b.t("    " + g.c("春节前夕", "近日") + "，").keep("org", organ).t(g.c("局长", "党组书记", "主任"))
    b.keep("official_name", official).t("带队走访慰问困难群众。在").t(g.district() + "某社区，")
    b.keep("official_name", official).t("来到" + g.c("独居老人", "低保户", "残疾人")).item(
        "person_name", elder
    )
    b.t("家中，详细询问其生活情况。").item("person_name", elder).t(g.c("今年", "已经")).t(
        f"{b.rng.randint(70, 95)}岁，"
    )
    b.t("老伴已去世。随后，一行人看望了困境儿童").item("person_name", child).t("，")
    b.item("person_name", child).t("的母亲").item("person_name", mother).t(g.c("告诉记者", "感激地说") + "，")
    b.t("孩子的学费已全部减免。\n")
    b.keep("org", organ).t("\n").keep("date", g.date()).t("\n")


FORMS = {
    "penalty_parties": penalty_parties,
    "wage_list": wage_list,
    "expropriation_table": expropriation_table,
    "petition_relatives": petition_relatives,
    "court_block": court_block,
    "village_affairs": village_affairs,
    "hearing_record": hearing_record,
    "subsidy_table": subsidy_table,
    "accident_finding": accident_finding,
    "visit_news": visit_news,
}
SIXTH_PARTS = {"sixth": 27182818}


def generate_sixth_part(part: str, n: int) -> list[Doc]:
    """``n`` labelled documents of the ``sixth`` part."""
    rng = random.Random(SIXTH_PARTS[part])
    names = list(FORMS)
    docs = []
    for _ in range(n):
        template = rng.choice(names)
        b = Builder(rng)
        FORMS[template](b, SixthGen(rng))
        docs.append(b.build(template))
    return docs
