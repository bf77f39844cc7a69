"""The widened de-identification bench: a second name source and the document forms of issue 9.

``deid_corpus`` holds the first generator; this module adds what its rules were not written against:

* a **second name source** (``SecondNames``): rare surnames, names that are ordinary words (江山, 文华,
  春雷), Uyghur and Kazakh names joined by any middle dot (·・．•), Tibetan and Mongolian names with no
  surname (德吉央宗, 巴特尔);
* **new forms**: penalty decisions that name people in running text with no cue word, wage-arrears
  decisions listing workers, 送达公告, tenancy and housing-allocation notices with addresses after an
  estate name, 信访 replies addressed by name, disciplinary reports, plain name lists, passport lists with
  foreign 9-digit numbers, and an organ's contact e-mail on a public webmail domain (must stay);
* two **parts** with different seeds and mixes: ``dev`` (the part the engine was tuned on) and
  ``heldout`` (never tuned on: a different template weighting, more second-source names, and syllables,
  surnames and phrasings that occur only there).

The vocabulary here was written for the bench; the held-out-only lists are absent from the engine's data.
"""

from __future__ import annotations

import random

from bench.deid_corpus import SURNAMES as FIRST_SURNAMES
from bench.deid_corpus import TEMPLATES as FIRST_TEMPLATES
from bench.deid_corpus import Builder, Doc, Gen

# --- second name source -------------------------------------------------------------------------------

SURNAMES2 = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯邓曹彭曾田董袁潘蒋蔡杜叶程魏吕丁沈姚卢"
)
RARE_SURNAMES2 = list("芈笪亓仉钭訾厍隗眭蒯谯麴")
RARE_SURNAMES2_HELDOUT = list("禤郄逢鄂酆琚")
WORD_GIVEN = [
    "春雷",
    "文华",
    "建军",
    "海燕",
    "国庆",
    "红旗",
    "志强",
    "丽华",
    "秀兰",
    "桂芳",
    "卫东",
    "向东",
    "和平",
    "胜利",
    "国强",
    "振华",
    "爱国",
    "新民",
    "永红",
    "秋菊",
    "冬梅",
    "春花",
    "金山",
    "长江",
    "建国",
    "建华",
]
WORD_GIVEN_HELDOUT = ["跃进", "解放", "援朝", "卫国", "抗美", "银河", "向前", "前进", "红梅", "海洋"]
GIVEN2 = list("志永海东军建伟华平明国光勇斌俊杰晓丽娟红霞燕芳敏静玲萍洁婷莉倩琳欣雨晨宇浩涛鹏飞磊强刚健")
GIVEN2_HELDOUT = list("隽昶湛骥晟芃翀彧珺琬媞綦骐翾")
WORD_NAMES = [
    "江山",
    "文华",
    "高峰",
    "金星",
    "石磊",
    "常青",
    "向阳",
    "田野",
    "江涛",
    "万里",
    "夏天",
    "白雪",
    "林海",
    "方圆",
    "柳青",
    "马力",
    "甘露",
    "关山",
    "高远",
    "安康",
    "钟声",
    "龙飞",
    "黄河",
    "武功",
    "金鑫",
    "柏林",
]
WORD_NAMES_HELDOUT = ["春雷", "秦川", "齐心", "韩信", "宋江", "于洋", "鲁班", "牛犇", "朱红", "程程"]
UYGHUR = [
    "阿依古丽",
    "买买提",
    "艾力",
    "热依拉",
    "吐尔逊",
    "古丽娜尔",
    "阿不都",
    "艾尔肯",
    "努尔",
    "帕提古丽",
    "热合曼",
    "艾克拜尔",
    "阿迪力",
    "玉苏甫",
    "麦麦提",
    "阿布拉",
    "吾斯曼",
    "迪丽娜尔",
    "阿依夏木",
    "卡德尔",
    "肉孜",
    "托合提",
    "依明",
    "库尔班",
    "叶尔兰",
    "努尔兰",
    "阿斯哈尔",
    "巴合提",
    "阿依达娜",
]
UYGHUR_HELDOUT = ["祖力皮亚", "艾合买提", "阿娜尔", "米日古丽", "排孜拉", "塔依尔", "克依木", "赛买提"]
TIBETAN = [
    "扎西",
    "次仁",
    "卓玛",
    "德吉",
    "央宗",
    "格桑",
    "拉姆",
    "索朗",
    "旺堆",
    "丹增",
    "尼玛",
    "多吉",
    "平措",
    "达瓦",
    "次旦",
    "顿珠",
    "白玛",
    "央金",
    "曲珍",
    "普布",
    "边巴",
    "琼达",
    "拉巴",
    "巴桑",
    "洛桑",
    "益西",
    "旦增",
    "强巴",
    "仁增",
    "欧珠",
    "罗布",
    "群培",
    "贡布",
    "卓嘎",
    "德庆",
    "米玛",
    "才让",
    "拉毛",
    "桑杰",
]
TIBETAN_HELDOUT = ["晋美", "久美", "更登", "措姆", "贡觉", "阿旺", "土登", "格列"]
MONGOLIAN = [
    "巴特尔",
    "乌兰",
    "图雅",
    "其其格",
    "斯琴",
    "高娃",
    "额尔敦",
    "那仁",
    "格日勒",
    "苏日娜",
    "孟和",
    "巴雅尔",
    "宝音",
    "朝鲁",
    "阿拉坦",
    "敖其尔",
    "萨仁",
    "乌云",
    "毕力格",
    "图门",
    "哈斯",
    "宝力道",
    "乌日娜",
    "满都拉",
    "其木格",
]
MONGOLIAN_HELDOUT = ["吉日嘎拉", "那木吉拉", "道尔吉", "格根", "塔娜", "阿木古楞"]
DOTS = "·・．•"


class SecondNames:
    """A name generator the engine's rules were not written against."""

    def __init__(self, rng: random.Random, *, heldout: bool) -> None:
        self.rng = rng
        self.heldout = heldout

    def _pick(self, base: list, extra: list):
        pool = base + extra if self.heldout else base
        if self.heldout and self.rng.random() < 0.35:
            pool = extra
        return self.rng.choice(pool)

    def name(self) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.25:
            surname = (
                self._pick(SURNAMES2, RARE_SURNAMES2_HELDOUT)
                if r.random() < 0.8
                else r.choice(RARE_SURNAMES2)
            )
            if r.random() < 0.4:
                return surname + self._pick(WORD_GIVEN, WORD_GIVEN_HELDOUT)
            given = self._pick(GIVEN2, GIVEN2_HELDOUT)
            return surname + given + (r.choice(GIVEN2) if r.random() < 0.6 else "")
        if roll < 0.42:
            return self._pick(WORD_NAMES, WORD_NAMES_HELDOUT)
        if roll < 0.62:
            first = self._pick(UYGHUR, UYGHUR_HELDOUT)
            last = self._pick(UYGHUR, UYGHUR_HELDOUT)
            return first + r.choice(DOTS) + last
        if roll < 0.82:
            first = self._pick(TIBETAN, TIBETAN_HELDOUT)
            if r.random() < 0.15:
                return first
            return first + self._pick(TIBETAN, TIBETAN_HELDOUT)
        first = self._pick(MONGOLIAN, MONGOLIAN_HELDOUT)
        return first + (self._pick(MONGOLIAN, MONGOLIAN_HELDOUT) if r.random() < 0.4 else "")


class MixedGen(Gen):
    """``Gen`` whose names come from the first source or, with probability ``share``, the second."""

    def __init__(self, rng: random.Random, *, share: float, heldout: bool) -> None:
        super().__init__(rng)
        self.second = SecondNames(rng, heldout=heldout)
        self.share = share
        self.heldout = heldout

    def name(self) -> str:
        if self.rng.random() >= self.share:
            return super().name()
        for _ in range(50):
            name = self.second.name()
            if not any(name in u or u in name for u in self.used):
                self.used.append(name)
                return name
        return super().name()

    def variant(self, dev: list[str], heldout_only: list[str]) -> str:
        """A phrasing; the held-out part also draws phrasings the dev part never shows."""
        return self.rng.choice(dev + heldout_only if self.heldout else dev)

    def foreign_passport(self) -> str:
        r = self.rng
        if r.random() < 0.6:
            return f"{r.randint(100000000, 999999999)}"
        return r.choice("ACKPNSTX") + f"{r.randint(1000000, 99999999)}"

    def estate_address(self) -> tuple[str, str]:
        """(public estate name, door part) of a home in a housing estate, no road or 号 before it."""
        r = self.rng
        estate = (
            self.district()
            + r.choice(["幸福", "康居", "安居", "惠民", "和谐", "春晖", "翠苑", "青年", "人才", "棚改"])
            + r.choice(
                ["公租房", "廉租房", "安置房", "经济适用房", "回迁楼", "人才公寓", "保障房小区", "家园"]
            )
        )
        door = f"{r.randint(1, 30)}号楼{r.randint(1, 6)}单元{r.randint(1, 28)}{r.randint(1, 4):02d}室"
        if r.random() < 0.3:
            door = f"{r.randint(1, 30)}栋{r.randint(1, 28)}{r.randint(1, 4):02d}"
        if r.random() < 0.2:
            door = f"{r.choice('ABCDE')}座{r.randint(1, 28)}{r.randint(1, 4):02d}室"
        return estate, door


# --- new forms ---------------------------------------------------------------------------------------


def _close(b: Builder, g: MixedGen, organ: str) -> None:
    b.keep("org", organ).t("\n").keep("date", g.date()).t("\n")


def penalty_running(b: Builder, g: MixedGen) -> None:
    """A penalty decision naming people in running text after ordinary role words, no cue word."""
    r = b.rng
    organ, code = g.organ()
    company = g.company()
    manager, controller, witness, payer = g.name(), g.name(), g.name(), g.name()
    b.keep("org", organ).t("\n行政处罚决定书\n").keep("doc_number", g.doc_number(code)).t("\n")
    b.t("当事人：").keep("company", company).t("\n统一社会信用代码：").keep("uscc", g.uscc()).t("\n")
    b.t("    经查，").item("person_name", controller).t(
        g.variant(["系当事人实际控制人，", "系该店经营者，"], ["系该公司股东，", "为该店实际经营人，"])
    )
    b.t("于").keep("date", g.date()).t("起销售过期食品。")
    b.t(g.variant(["据", "根据"], ["另据"])).item("person_name", manager).t(
        g.variant(["本人陈述，", "陈述，"], ["自述，"])
    )
    b.t("货值金额").keep("amount", g.amount()).t("。")
    b.t(g.variant(["店长", "实际控制人", "四邻", "同村村民"], ["店员", "负责收银的"])).item(
        "person_name", manager
    )
    b.t(g.variant(["签字确认。", "对上述事实无异议。"], ["在笔录上签名。"]))
    b.t(g.variant(["代为刷卡的人", "现场证人"], ["在场的顾客"])).item("person_name", witness).t(
        "在询问笔录中予以证实。"
    )
    if r.random() < 0.6:
        b.t("罚款由").item("person_name", payer).t(g.variant(["代为缴纳。", "缴纳。"], ["于次日缴清。"]))
    b.t("\n    依据").keep("law", r.choice(["《中华人民共和国食品安全法》", "《中华人民共和国行政处罚法》"]))
    b.t("，决定处罚款").keep("amount", g.amount()).t("。\n")
    b.t("执法人员：").keep("official_name", g.name()).t("\n")
    _close(b, g, organ)


def wage_arrears(b: Builder, g: MixedGen) -> None:
    """A wage-arrears decision listing the workers owed, in prose and as a list."""
    r = b.rng
    organ = g.city[1] + g.district() + "人力资源和社会保障局"
    company = g.company()
    b.keep("org", organ).t("\n劳动保障监察限期改正指令书\n").keep("doc_number", g.doc_number("人社监")).t(
        "\n"
    )
    b.keep("company", company).t("：\n    经查，你单位拖欠")
    workers = [g.name() for _ in range(r.randint(3, 6))]
    for i, w in enumerate(workers[:3]):
        if i:
            b.t("、")
        b.item("person_name", w)
    b.t("等" + str(len(workers)) + "名" + g.variant(["工人", "劳动者"], ["农民工"]) + "工资共计").keep(
        "amount", g.amount()
    )
    b.t("。现责令你单位于").keep("date", g.date()).t("前支付下列人员工资：\n")
    style = r.random()
    for i, w in enumerate(workers):
        if style < 0.4:
            b.t(f"{i + 1}. ").item("person_name", w).t("  ").keep("amount", g.amount()).t("\n")
        elif style < 0.7:
            b.t(f"{i + 1}、").item("person_name", w).t("，欠发工资").keep("amount", g.amount()).t("；\n")
        else:
            b.item("person_name", w).t("\t").keep("amount", g.amount()).t("\n")
    b.t("联系人：").keep("official_name", g.name()).t("，办公电话：").keep("office_phone", g.office_phone())
    if r.random() < 0.7:
        b.t("，联系邮箱：").keep(
            "org_email", f"{r.choice(['ldjc', 'rsj', 'jcdd'])}{r.randint(1, 99)}@163.com"
        )
    b.t("\n")
    _close(b, g, organ)


def service_notice(b: Builder, g: MixedGen) -> None:
    """送达公告: several addressees in the same layout, then the reason."""
    r = b.rng
    organ, code = g.organ()
    b.keep("org", organ).t("\n公告送达书\n")
    people = [g.name() for _ in range(r.randint(1, 3))]
    for p in people:
        b.t(g.variant(["", "受送达人"], ["送达对象"])).item("person_name", p).t("：\n")
    b.t("    因无法直接送达，本机关依法向")
    for i, p in enumerate(people):
        if i:
            b.t("、")
        b.item("person_name", p)
    b.t("公告送达").keep("doc_number", g.doc_number(code)).t("行政处罚决定书。")
    b.t(g.variant(["请", "望"], ["限"])).item("person_name", people[0]).t(
        "自公告之日起六十日内到本机关领取，逾期视为送达。\n"
    )
    _close(b, g, organ)


def tenancy_notice(b: Builder, g: MixedGen) -> None:
    """A tenancy record in one layout for both parties; the home is in a housing estate."""
    r = b.rng
    organ = g.city[1] + g.district() + "住房保障中心"
    lessor, lessee = g.name(), g.name()
    estate, door = g.estate_address()
    b.keep("org", organ).t("\n房屋租赁登记备案公示\n")
    b.t("出租人" + r.choice(["：", "", " "])).item("person_name", lessor).t("，身份证号").item(
        "id_card", g.noisy(g.id_card())
    ).t("\n")
    b.t("承租人" + r.choice(["：", "", " "])).item("person_name", lessee).t("，联系电话").item(
        "phone", g.mobile_formatted()
    ).t("\n")
    b.t("房屋坐落：" + estate).item("address", door).t("\n")
    b.t(g.variant(["    ", "    经核，"], ["    据查，"])).item("person_name", lessee).t(
        g.variant(["与", "同"], ["和"])
    ).item("person_name", lessor).t("签订租赁合同，租期一年，月租金").keep("amount", g.amount()).t("。\n")
    if r.random() < 0.5:
        b.keep("word", estate).t("项目已于").keep("date", g.date()).t("竣工验收。\n")
    _close(b, g, organ)


def housing_allocation(b: Builder, g: MixedGen) -> None:
    """公租房 allocation results: families, estate, building, unit and room."""
    r = b.rng
    organ = g.city[1] + g.district() + "住房和城乡建设局"
    b.keep("org", organ).t("\n").keep("date", f"{r.randint(2020, 2025)}年").t("公共租赁住房配租结果公示\n")
    sep = r.choice(["\t", "  ", " | "])
    b.t(sep.join(["序号", g.variant(["申请人", "姓名"], ["承租人"]), "家庭人口", "配租房源"]) + "\n")
    for i in range(r.randint(3, 7)):
        estate, door = g.estate_address()
        b.t(f"{i + 1}{sep}").item("person_name", g.name()).t(sep + str(r.randint(1, 5)) + sep + estate)
        b.item("address", door).t("\n")
    b.t("公示期内如有异议，请致电").keep("office_phone", g.office_phone()).t("。\n")
    _close(b, g, organ)


def petition_addressed(b: Builder, g: MixedGen) -> None:
    """A 信访 reply addressed by name on its own line, with a relative named in the text."""
    r = b.rng
    organ, code = g.organ()
    person, relative = g.name(), g.name()
    b.keep("org", organ).t("\n信访事项答复意见书\n").keep("doc_number", g.doc_number(code)).t("\n")
    b.item("person_name", person).t("：\n")
    b.t("    你" + g.variant(["反映的", "于近日反映的"], ["来信反映的"]))
    b.t(r.choice(["征地补偿", "低保待遇", "工伤认定"]) + "问题收悉。经调查，")
    b.t(g.variant(["你的", "你"], ["你之"])).t(r.choice(["父亲", "母亲", "弟弟"])).item(
        "person_name", relative
    )
    b.t(g.variant(["已于", "于"], ["早在"])).keep("date", g.date()).t("去世，其遗属待遇由")
    b.item("person_name", person).t("本人领取。\n")
    b.t("    如不服本意见，可自收到之日起30日内向").keep("org", g.city[1] + "人民政府信访局").t(
        "请求复查。\n"
    )
    _close(b, g, organ)


def disciplinary_report(b: Builder, g: MixedGen) -> None:
    """A 通报 about misconduct: the person is named by a description, then by name alone."""
    r = b.rng
    organ = g.city[1] + "纪委监委"
    culprit, dead, kin = g.name(), g.name(), g.name()
    b.keep("org", organ).t("\n关于典型问题的通报\n")
    b.t("    " + g.variant(["某村党支部原书记", "某社区原主任"], ["某镇原副镇长"])).keep(
        "official_name", culprit
    )
    b.t("违规为亲属办理低保问题。").keep("date", g.date()).t("，村民").item("person_name", dead)
    b.t("病故后，其" + r.choice(["儿子", "妻子", "女儿"])).item("person_name", kin)
    b.t(g.variant(["继续冒领低保金", "未按规定申报"], ["仍代为领取低保金"])).keep("amount", g.amount()).t(
        "。"
    )
    b.item("person_name", kin).t("已退缴全部款项。\n")
    _close(b, g, organ)


def name_list(b: Builder, g: MixedGen) -> None:
    """A plain list of names (名单) under a heading, one or several a line."""
    r = b.rng
    organ, _ = g.organ()
    b.keep("org", organ).t(
        "\n" + g.variant(["拟享受临时救助人员名单", "困难职工帮扶名单"], ["慰问对象名单"]) + "\n"
    )
    style = r.random()
    names = [g.name() for _ in range(r.randint(4, 9))]
    if style < 0.4:
        for i, n in enumerate(names):
            b.t(f"{i + 1}．" if r.random() < 0.5 else f"{i + 1}. ").item("person_name", n).t("\n")
    elif style < 0.7:
        for i, n in enumerate(names):
            if i:
                b.t("、")
            b.item("person_name", n)
        b.t("\n")
    else:
        for i, n in enumerate(names):
            b.item("person_name", n).t("  " if i % 3 != 2 else "\n")
        b.t("\n")
    b.t("公示期为").keep("date", g.date()).t("至").keep("date", g.date()).t("。\n")
    _close(b, g, organ)


def passport_list(b: Builder, g: MixedGen) -> None:
    """Foreign nationals' passports: 9 digits or a letter and digits, right after 护照号码."""
    r = b.rng
    organ = g.city[1] + "公安局出入境管理支队"
    b.keep("org", organ).t("\n外国人临时住宿登记情况通报\n")
    for _ in range(r.randint(1, 3)):
        b.t(r.choice(["姓名：", "外国人"])).item("person_name", g.name()).t(
            "，" + r.choice(["护照号码", "护照号码：", "护照号：", "所持护照号码为"])
        )
        b.item("passport", g.foreign_passport()).t("，入境日期").keep("date", g.date()).t("。\n")
    b.t("咨询电话：").keep("office_phone", g.office_phone()).t("\n")
    _close(b, g, organ)


NEW_TEMPLATES = {
    "penalty_running": penalty_running,
    "wage_arrears": wage_arrears,
    "service_notice": service_notice,
    "tenancy_notice": tenancy_notice,
    "housing_allocation": housing_allocation,
    "petition_addressed": petition_addressed,
    "disciplinary_report": disciplinary_report,
    "name_list": name_list,
    "passport_list": passport_list,
}


def partly_masked(b: Builder, g: MixedGen) -> None:
    """A decision masked by hand in the body (王某) whose full name stays in an annex line or a table."""
    r = b.rng
    organ, code = g.organ()
    person = g.name()
    while len(person) not in (2, 3) or person[0] not in FIRST_SURNAMES + SURNAMES2:
        person = g.name()
    mou = person[0] + r.choice(["某", "某某"])
    b.keep("org", organ).t("\n行政处罚决定书\n").keep("doc_number", g.doc_number(code)).t("\n")
    b.t("当事人：" + mou + "，" + g.gender() + "。\n    经查，" + mou + "于").keep("date", g.date())
    b.t("在" + g.district() + "擅自占用道路摆摊经营。本机关决定对" + mou + "处以罚款").keep(
        "amount", g.amount()
    )
    b.t("。\n附件：1．").item("person_name", person).t(r.choice(["询问笔录", "现场检查笔录", "陈述申辩书"]))
    b.t("\n      2．罚款缴纳凭证\n")
    if r.random() < 0.5:
        b.t("送达回证：").item("person_name", person).t(" " + g.date() + "\n")
    _close(b, g, organ)


class FreshGen(MixedGen):
    """Names from a third source, Faker's zh_CN person provider (not read while the rules were written)."""

    def __init__(self, rng: random.Random, *, share: float, heldout: bool) -> None:
        super().__init__(rng, share=share, heldout=heldout)
        from faker import Faker

        self.faker = Faker("zh_CN")
        self.faker.seed_instance(rng.randrange(2**32))

    def name(self) -> str:
        if self.rng.random() < 0.5:
            for _ in range(50):
                name = self.faker.name()
                if not any(name in u or u in name for u in self.used):
                    self.used.append(name)
                    return name
        return super().name()


# (seed, share of second-source names, weight of the first generator's forms, weight of each new form)
PARTS = {
    "dev": (20261126, 0.35, 1.0, 2.5),
    "heldout": (31415926, 0.6, 0.5, 3.0),
    # Added in the third session and not looked at while the engine was changed: another seed, half
    # the names from a third source (Faker zh_CN), and the partly masked form.
    "fresh": (27182818, 0.5, 0.7, 2.5),
}


def generate_part(part: str, n: int) -> list[Doc]:
    """``n`` labelled documents of the ``dev``, ``heldout`` or ``fresh`` part, from its fixed seed."""
    seed, share, first_weight, new_weight = PARTS[part]
    rng = random.Random(seed)
    new_forms = NEW_TEMPLATES | ({"partly_masked": partly_masked} if part == "fresh" else {})
    forms = {name: fn for name, (fn, _) in FIRST_TEMPLATES.items()} | new_forms
    weights = [w * first_weight for _, w in FIRST_TEMPLATES.values()] + [new_weight] * len(new_forms)
    names = list(forms)
    gen = FreshGen if part == "fresh" else MixedGen
    docs = []
    for _ in range(n):
        template = rng.choices(names, weights)[0]
        b = Builder(rng)
        g = gen(rng, share=share, heldout=part != "dev")
        forms[template](b, g)
        docs.append(b.build(template))
    return docs
