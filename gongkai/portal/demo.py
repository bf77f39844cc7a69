"""Demo data for a fresh installation: a city modelled on the 2018 Shenyang work plan's organisations.

Everything here is written for the project (no real documents). Loading is idempotent: organisations
are keyed by code, users by username, records by ``external_id`` ``demo:<n>``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import AuditEntry, record_audit_many
from gongkai.core.identifiers import uscc_check_char
from gongkai.documents.indexnumber import next_index_number
from gongkai.documents.models import (
    Attribute,
    CatalogGroup,
    CatalogItem,
    Document,
    Interpretation,
    InterpretationStatus,
    Status,
    Theme,
)
from gongkai.documents.richtext import body_from_input
from gongkai.documents.services import (
    DocumentData,
    attachment_add,
    disclosure_due_on,
    document_create,
    interpretation_create,
)
from gongkai.documents.workflow import document_machine, interpretation_machine
from gongkai.documents.xxgk_services import catalog_item_saved
from gongkai.orgs.models import Membership, Organisation, OrgKind
from gongkai.orgs.services.organisations import organisation_update
from gongkai.portal.demo_files import bar_chart_png, docx_bytes, xlsx_bytes
from gongkai.publog.services import records_adopt
from gongkai.screening.services import records_screen_unscreened, screening_in_request

DEMO_PASSWORD = "gongkai-demo"  # noqa: S105 - printed to the person who ran load-demo; demo installs only


def demo_uscc(kind: str, serial: int) -> str:
    """A well-formed 统一社会信用代码 (GB 32100 check character) for a made-up organ in 沈阳 (210100)."""
    body = f"{kind}210100{serial:09d}"[:17]
    return body + uscc_check_char(body)


# (short code, name, short name) of 市直部门 named in the work plan.
CITY_DEPARTMENTS = [
    ("fgw", "沈阳市发展和改革委员会", "市发展改革委"),
    ("czj", "沈阳市财政局", "市财政局"),
    ("jyj", "沈阳市教育局", "市教育局"),
    ("mzj", "沈阳市民政局", "市民政局"),
    ("wjw", "沈阳市卫生和计划生育委员会", "市卫计委"),
    ("hbj", "沈阳市环境保护局", "市环保局"),
    ("jtj", "沈阳市交通局", "市交通局"),
    ("fcj", "沈阳市房产局", "市房产局"),
    ("jw", "沈阳市城乡建设委员会", "市建委"),
    ("gsj", "沈阳市工商行政管理局", "市工商局"),
    ("zjj", "沈阳市质量技术监督局", "市质监局"),
    ("spj", "沈阳市食品药品监督管理局", "市食品药品监管局"),
    ("dsj", "沈阳市大数据管理局", "市大数据局"),
    ("ysj", "沈阳市营商环境建设监督局", "市营商局"),
    ("bwb", "沈阳市机构编制委员会办公室", "市编委办"),
    ("fzb", "沈阳市人民政府法制办公室", "市法制办"),
    ("gaj", "沈阳市公安局", "市公安局"),
    ("wgj", "沈阳市文化广播电视局", "市文广局"),
    ("tyj", "沈阳市体育局", "市体育局"),
    ("njw", "沈阳市农村经济委员会", "市农经委"),
]
DISTRICTS = [
    "和平区",
    "沈河区",
    "大东区",
    "皇姑区",
    "铁西区",
    "苏家屯区",
    "浑南区",
    "沈北新区",
    "于洪区",
    "辽中区",
    "康平县",
    "法库县",
    "新民市",
]
COMMON_ITEMS = [
    ("机构设置", "机构职能、内设机构、办公地址、办公时间、联系方式、负责人姓名"),
    ("政府文件", "本机关制发的规范性文件和其他政策文件"),
    ("政策解读", "政策文件的文字、图解、问答和视频解读"),
    ("舆情回应", "对社会关切和政务舆情的回应"),
    ("法律法规", "本机关执行的法律、法规和规章"),
    ("财政预决算", "部门预算、决算和“三公”经费"),
    ("建议提案办理", "人大代表建议和政协提案答复全文"),
]
SPECIFIC_ITEMS = {
    "jyj": [("招生入学", "义务教育招生政策、学区划分和录取结果"), ("教育收费", "学校收费项目、依据和标准")],
    "mzj": [("社会救助", "最低生活保障、特困供养的政策和标准"), ("养老服务", "养老机构名录和补贴政策")],
    "fgw": [("重大建设项目", "重大建设项目批准和实施信息"), ("价格管理", "政府定价目录和价格调整")],
    "fcj": [("保障性住房", "保障性住房分配政策、名单和结果")],
    "hbj": [("环境监测", "空气、水环境质量和重点排污单位监测信息")],
    "czj": [("政府采购", "政府集中采购目录、标准和实施情况")],
}
TOPICS = {
    "jyj": [
        "义务教育阶段学校招生入学",
        "中小学课后服务",
        "学前教育普惠发展",
        "职业教育产教融合",
        "校园安全管理",
    ],
    "mzj": ["城乡居民最低生活保障", "特困人员救助供养", "居家养老服务", "社区治理创新", "临时救助"],
    "fgw": ["优化营商环境", "重大项目建设", "促进民间投资", "节能降耗", "物价监测"],
    "czj": ["预算绩效管理", "政府采购", "政府债务管理", "“三公”经费管理", "财政资金直达"],
    "wjw": ["家庭医生签约服务", "公共卫生应急", "基层医疗卫生服务", "健康城市建设", "医疗机构管理"],
    "hbj": ["大气污染防治", "水污染防治", "土壤污染防治", "秸秆禁烧", "环境监测"],
    "fcj": ["公共租赁住房", "老旧小区改造", "物业管理", "住房保障", "房屋征收"],
    "office": ["政务公开", "“互联网+政务服务”", "政府网站集约化", "8890便民服务平台", "政府信息公开申请办理"],
}
THEME_FOR = {
    "jyj": ("科技、教育", "教育"),
    "mzj": ("民政、扶贫、救灾", "社会救助"),
    "fgw": ("国民经济管理、国有资产监管", "宏观经济"),
    "czj": ("财政、金融、审计", "财政"),
    "wjw": ("卫生、体育", "卫生"),
    "hbj": ("城乡建设、环境保护", "环境监测、保护与治理"),
    "fcj": ("城乡建设、环境保护", "城乡建设（含住房）"),
    "office": ("综合政务", "政务公开"),
}
TITLE_FORMS = [
    ("关于印发沈阳市{t}实施方案的通知", "通知", True),
    ("关于进一步加强{t}工作的意见", "意见", True),
    ("关于做好2026年{t}工作的通知", "通知", False),
    ("关于{t}工作情况的通报", "通报", False),
    ("关于公布{t}有关事项的公告", "公告", False),
]
PARAGRAPHS = [
    "为深入贯彻落实党中央、国务院和省委、省政府决策部署，进一步做好{t}工作，结合我市实际，制定本方案。",
    "一、总体要求。坚持以人民为中心的发展思想，坚持问题导向和目标导向，到2026年底，{t}工作机制更加健全，服务质量明显提升。",
    "二、主要任务。（一）健全工作机制。各地区、各部门要明确责任分工，建立台账，按月调度工作进展。（二）强化信息公开。及时公开政策措施、实施步骤、责任分工和监督方式，接受社会监督。",
    "三、保障措施。各责任单位要加强组织领导，落实经费保障，将{t}工作纳入年度绩效考核，确保各项任务按时完成。",
    "本方案自印发之日起施行。各地区、各部门在执行中遇到的问题，请及时向市政府办公厅反馈。",
]


@dataclass
class DemoSummary:
    organisations: int
    users: int
    documents: int


def _org(code: str, name: str, kind: str, parent: Organisation | None, **fields: object) -> Organisation:
    org, created = Organisation.objects.get_or_create(
        code=code, defaults={"name": name, "kind": kind, "parent": parent, **fields}
    )
    if created or not org.path:
        org.path = f"{parent.path if parent else '/'}{org.pk}/"
        org.save(update_fields=["path"])
    return org


def _user(username: str, full_name: str, *, superuser: bool = False):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.is_staff = superuser
        user.is_superuser = superuser
        user.save()
    return user


def _theme(first: str, second: str) -> Theme | None:
    return Theme.objects.filter(parent__parent=None, parent__name=first, name=second).first()


@transaction.atomic
def load_demo(*, today: dt.date | None = None) -> DemoSummary:
    """Create or refresh the demo city, its staff and sample records."""
    today = today or timezone.localdate()
    rng = random.Random(2018)
    province = _org(demo_uscc("11", 1), "辽宁省人民政府", OrgKind.PROVINCE, None)
    city = _org(
        demo_uscc("11", 100),
        "沈阳市人民政府",
        OrgKind.CITY,
        province,
        short_name="市政府",
        site_code="2101000001",
        address="沈阳市沈河区市府大路260号",
        office_hours="工作日 8:30–11:30，13:00–17:00",
        phone="024-12345",
    )
    office = _org(
        demo_uscc("11", 101),
        "沈阳市人民政府办公厅",
        OrgKind.DEPARTMENT,
        city,
        short_name="市政府办公厅",
        is_general_office=True,
        # A small office where one person reviews and publishes: the setting that allows it, shown in the demo.
        publisher_may_approve=True,
        address="沈阳市沈河区市府大路260号",
        phone="024-22720000",
    )
    departments = {"office": office}
    for i, (key, name, short) in enumerate(CITY_DEPARTMENTS, start=110):
        departments[key] = _org(
            demo_uscc("11", i), name, OrgKind.DEPARTMENT, city, short_name=short, phone=f"024-2272{i:04d}"
        )
    _org(demo_uscc("12", 300), "沈阳市教育考试院", OrgKind.UNIT, departments["jyj"])
    for i, district in enumerate(DISTRICTS, start=400):
        gov = _org(
            demo_uscc("11", i), f"沈阳市{district}人民政府", OrgKind.DISTRICT, city, short_name=district
        )
        _org(
            demo_uscc("11", i + 100),
            f"沈阳市{district}人民政府办公室",
            OrgKind.DEPARTMENT,
            gov,
            is_general_office=True,
        )
        _org(demo_uscc("11", i + 200), f"沈阳市{district}教育局", OrgKind.DEPARTMENT, gov)

    admin = _user("admin", "系统管理员", superuser=True)
    staff = {
        "office_admin": ("公开办管理员", city, ["admin", "supervisor"], True),
        "office_editor": ("办公厅编辑", office, ["editor"], False),
        "office_publisher": ("办公厅发布员", office, ["reviewer", "publisher"], False),
        "edu_editor": ("教育局编辑", departments["jyj"], ["editor"], False),
        "edu_reviewer": ("教育局审核员", departments["jyj"], ["reviewer"], False),
        "edu_publisher": ("教育局发布员", departments["jyj"], ["publisher"], False),
        "fin_editor": ("财政局编辑", departments["czj"], ["editor", "reviewer", "publisher"], False),
    }
    for username, (full_name, org, roles, subunits) in staff.items():
        user = _user(username, full_name)
        for role in roles:
            Membership.objects.get_or_create(
                user=user, organisation=org, role=role, defaults={"includes_subunits": subunits}
            )
    for org in [office, *departments.values()]:
        for order, (name, summary) in enumerate(COMMON_ITEMS):
            _catalog_item(
                organisation=org,
                name=name,
                defaults={
                    "group": CatalogGroup.COMMON,
                    "summary": summary,
                    "responsible": org,
                    "carriers": ["政府网站", "政府公报"] if name == "政府文件" else ["政府网站"],
                    "sort_order": order,
                },
            )
    for key, items in SPECIFIC_ITEMS.items():
        for order, (name, summary) in enumerate(items):
            _catalog_item(
                organisation=departments[key],
                name=name,
                defaults={
                    "group": CatalogGroup.SPECIFIC,
                    "summary": summary,
                    "responsible": departments[key],
                    "carriers": ["政府网站", "政务服务中心"],
                    "sort_order": order,
                },
            )

    for order, (name, summary) in enumerate(OFFICE_ITEMS, start=len(COMMON_ITEMS)):
        _catalog_item(
            organisation=office,
            name=name,
            defaults={
                "group": CatalogGroup.COMMON,
                "summary": summary,
                "responsible": office,
                "carriers": ["政府网站"],
                "sort_order": order,
                **({"time_limit": "每年1月31日前"} if name == "政府信息公开工作年度报告" else {}),
            },
        )
    _fill_guides({"city": city, **departments})

    created = _demo_documents(departments, today=today, rng=rng, author=admin)
    # No job worker runs while the demo loads: its submits screen their attachments in the request.
    with screening_in_request():
        created += _demo_showcase(departments, today=today)
    # The sample records made public directly, outside the workflow, are screened as a submit would screen them
    # (screening.services): their findings, if any, stay open on the reviewer's screen.
    records_screen_unscreened()
    # The sample records and interpretations above are made public directly, outside the workflow: take them into
    # the publication log (action ``import``) so that ``gongkai verify`` passes on the demo.
    records_adopt()
    return DemoSummary(
        organisations=Organisation.objects.count(), users=get_user_model().objects.count(), documents=created
    )


def _demo_documents(
    departments: dict[str, Organisation], *, today: dt.date, rng: random.Random, author
) -> int:
    audit: list[AuditEntry] = []
    created = 0
    n = 0
    prefixes = {"office": "沈政办发", "jyj": "沈教发", "mzj": "沈民发", "fgw": "沈发改发", "czj": "沈财发"}
    for key, topics in TOPICS.items():
        org = departments[key]
        first, second = THEME_FOR[key]
        theme = _theme(first, second)
        for t_index, topic in enumerate(topics):
            for f_index, (form, kind, normative) in enumerate(TITLE_FORMS[:3]):
                n += 1
                external_id = f"demo:{n}"
                if Document.objects.filter(external_id=external_id).exists():
                    continue
                written = today - dt.timedelta(days=rng.randint(3, 700))
                pending = (t_index + f_index) % 7 == 0
                status = Status.PUBLISHED
                if pending:
                    status = [Status.DRAFT, Status.SUBMITTED, Status.APPROVED][n % 3]
                    written = today - dt.timedelta(days=rng.randint(5, 40))
                title = form.format(t=topic)
                if key == "office":
                    title = "沈阳市人民政府办公厅" + title
                body_html, body_text = body_from_input("\n".join(p.format(t=topic) for p in PARAGRAPHS))
                prefix = prefixes.get(key, "沈" + org.short_name.removeprefix("市")[:1] + "发")
                doc = Document.objects.create(
                    organisation=org,
                    index_number=next_index_number(org, written),
                    title=title,
                    document_number=f"{prefix}〔{written.year}〕{n}号",
                    issuer_text="",
                    written_on=written,
                    formed_on=written,
                    published_on=None if pending else written + dt.timedelta(days=rng.randint(1, 10)),
                    disclosure_due_on=disclosure_due_on(written),
                    theme=theme,
                    kind=kind,
                    category="政府文件",
                    is_normative=normative,
                    attribute=Attribute.PROACTIVE,
                    summary=f"{org.short_name or org.name}关于{topic}工作的安排。",
                    body_html=body_html,
                    body_text=body_text,
                    status=status,
                    external_id=external_id,
                    created_by=author,
                )
                doc.issuers.set([org])
                audit.append(AuditEntry(target=doc, action="document.create", to_status=status, actor=author))
                if normative and not pending:
                    interpretation = Interpretation.objects.create(
                        organisation=org,
                        title=f"《{title.removeprefix('沈阳市人民政府办公厅')}》政策解读",
                        form="qa" if n % 2 else "text",
                        body_html=f"<p>一、出台背景：为进一步做好{topic}工作。</p><p>二、主要内容：明确了工作目标、主要任务和保障措施。</p>",
                        status=InterpretationStatus.PUBLISHED,
                        published_on=doc.published_on,
                        created_by=author,
                    )
                    interpretation.documents.set([doc])
                created += 1
    record_audit_many(audit)
    return created


# The 政府信息公开 section's own columns (documents/xxgk.py) and every kind of content, made through the services
# and the workflow as staff would: a record with attachments, a 图解 and a 问答, reviewed and published together.

OFFICE_ITEMS = [
    ("政府信息公开制度", "政府信息公开工作制度、保密审查和发布协调制度"),
    ("政府信息公开工作年度报告", "本机关上一年度政府信息公开工作年度报告"),
]
# 指南 fields of a few organisations; the others are left for their staff to fill (the back office flags them).
GUIDES = {
    "city": {
        "foi_office": "沈阳市人民政府办公厅政务公开办公室",
        "postcode": "110013",
        "fax": "024-22720001",
        "email": "zwgk@shenyang.example.gov.cn",
        "functions": "执行市人民代表大会及其常务委员会的决议，领导全市各部门和各区、县（市）人民政府的工作。",
        "leaders": "（示例）市长\n（示例）常务副市长",
    },
    "office": {
        "foi_office": "沈阳市人民政府办公厅政务公开办公室",
        "postcode": "110013",
        "office_hours": "工作日 8:30–11:30，13:00–17:00",
        "fax": "024-22720001",
        "email": "zwgk@shenyang.example.gov.cn",
        "foi_how_to_apply": "当面申请请到市政府政务服务中心一楼政府信息公开受理窗口；信件申请请在信封左下角注明“政府信息公开申请”。",
        "functions": "负责市政府日常工作，协助市政府领导处理市政府日常事务；负责全市政务公开工作。",
        "leaders": "（示例）秘书长\n（示例）副秘书长",
    },
    "jyj": {
        "foi_office": "沈阳市教育局办公室",
        "address": "沈阳市沈河区市府大路260号",
        "postcode": "110013",
        "office_hours": "工作日 8:30–11:30，13:00–17:00",
        "fax": "024-22720113",
        "email": "jyj_gk@shenyang.example.gov.cn",
        "functions": "贯彻执行国家和省的教育方针、政策和法规；统筹规划和管理全市各级各类教育。",
        "leaders": "（示例）局长\n（示例）副局长",
    },
}
DEMO_ACTORS = ("edu_editor", "edu_reviewer", "edu_publisher", "office_editor", "office_publisher")
SHOWCASE_TITLE = "沈阳市教育局关于做好2026年义务教育阶段学校招生入学工作的通知"
SHOWCASE_PARAGRAPHS = [
    "各区、县（市）教育局，各有关学校：",
    "为做好2026年义务教育阶段学校招生入学工作，保障适龄儿童少年平等接受义务教育的权利，现将有关事项通知如下。",
    "一、坚持免试就近入学。公办学校严格按照划定的学区招生，不得以任何形式的考试、测试选拔学生。",
    "二、规范招生程序。各区、县（市）于5月底前公布学区划分和招生计划，6月完成报名和资格审核，7月底前公布录取结果。",
    "三、保障特殊群体入学。进城务工人员随迁子女、残疾儿童少年等按有关规定就近就便入学。",
    "附件：1. 2026年义务教育阶段招生计划表 2. 学区划分说明",
]
GRAPHIC_TEXT = (
    "图解说明：柱状图依次为2023年至2026年全市义务教育阶段公办学校招生学位数，分别约为6.1万、6.4万、6.6万、6.9万个，"
    "逐年增加。报名时间为6月1日至15日，录取结果于7月底前公布。"
)
QA_TEXT = (
    "问：哪些儿童今年可以报名入读小学一年级？\n"
    "答：2026年8月31日前年满6周岁、具有本市户籍或符合随迁子女入学条件的适龄儿童。\n"
    "问：学区是怎样划分的？\n"
    "答：各区、县（市）教育局根据学校布局、学位数量和适龄儿童分布划定学区，并于5月底前向社会公布。\n"
    "问：对招生结果有疑问怎么办？\n"
    "答：可向所在区、县（市）教育局咨询，也可拨打12345政务服务便民热线。"
)


def _catalog_item(*, organisation: Organisation, name: str, defaults: dict) -> CatalogItem:
    item, created = CatalogItem.objects.get_or_create(organisation=organisation, name=name, defaults=defaults)
    if created:
        catalog_item_saved(item=item, actor=None, created=True)
    return item


def _fill_guides(orgs: dict[str, Organisation]) -> None:
    """Fill the demo's 指南 fields where they are still empty (an administrator's edits are kept)."""
    for key, values in GUIDES.items():
        org = orgs[key]
        missing = {name: value for name, value in values.items() if not getattr(org, name)}
        if missing:
            organisation_update(organisation=org, actor=None, **missing)


def _demo_showcase(departments: dict[str, Organisation], *, today: dt.date) -> int:
    """Records made and published through the services and the workflow; returns how many were created."""
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_ACTORS)}
    education, office = departments["jyj"], departments["office"]
    created = 0
    if not Document.objects.filter(organisation=education, title=SHOWCASE_TITLE).exists():
        _showcase_education(education, users, today=today)
        created += 1
    for title, category, body in (
        (
            "沈阳市人民政府办公厅政府信息公开工作制度",
            "政府信息公开制度",
            "第一条 为规范本机关政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。\n"
            "第二条 本机关政府信息公开工作机构为政务公开办公室，负责受理政府信息公开申请。\n"
            "第三条 拟公开的政府信息须经保密审查，依照“先审查、后公开”和“一事一审”的原则办理。",
        ),
        (
            f"沈阳市人民政府{today.year - 1}年政府信息公开工作年度报告",
            "政府信息公开工作年度报告",
            "本报告根据《中华人民共和国政府信息公开条例》第四十九条、第五十条编制，内容包括总体情况、"
            "主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
            "存在的主要问题及改进情况。",
        ),
    ):
        if Document.objects.filter(organisation=office, title=title).exists():
            continue
        data = DocumentData(
            title=title,
            body=body,
            issuers=[office],
            written_on=today - dt.timedelta(days=20),
            formed_on=today - dt.timedelta(days=20),
            kind="其他" if category != "政府信息公开制度" else "通知",
            category=category,
            summary=title,
            theme=_theme("综合政务", "政务公开"),
        )
        doc = document_create(organisation=office, actor=users["office_editor"], data=data)
        document_machine.apply(doc, "submit", actor=users["office_editor"])
        document_machine.apply(doc, "approve", actor=users["office_publisher"])
        document_machine.apply(doc, "publish", actor=users["office_publisher"])
        created += 1
    return created


def _showcase_education(education: Organisation, users: dict, *, today: dt.date) -> None:
    editor, reviewer, publisher = users["edu_editor"], users["edu_reviewer"], users["edu_publisher"]
    data = DocumentData(
        title=SHOWCASE_TITLE,
        body="\n".join(SHOWCASE_PARAGRAPHS),
        document_number=f"沈教发〔{today.year}〕30号",
        issuers=[education],
        written_on=today - dt.timedelta(days=6),
        formed_on=today - dt.timedelta(days=6),
        effective_on=today,
        theme=_theme("科技、教育", "教育"),
        kind="通知",
        category="招生入学",
        is_normative=True,
        summary="义务教育阶段学校免试就近入学、招生程序和特殊群体入学的安排。",
        disclosure_methods=["政府网站", "政务服务中心"],
    )
    doc = document_create(organisation=education, actor=editor, data=data)
    attachment_add(
        document=doc,
        actor=editor,
        name="附件1：2026年义务教育阶段招生计划表.xlsx",
        data=xlsx_bytes(
            "招生计划",
            [["区、县（市）", "小学一年级学位（个）", "初中一年级学位（个）"], ["和平区", 5200, 4800],
             ["沈河区", 4900, 4600], ["皇姑区", 5600, 5100], ["铁西区", 6100, 5500]],
        ),
    )  # fmt: skip
    attachment_add(
        document=doc,
        actor=editor,
        name="附件2：学区划分说明.docx",
        data=docx_bytes(
            "学区划分说明",
            ["学区按学校布局、学位数量和适龄儿童分布划定。", "各学区范围以区、县（市）教育局公布为准。"],
        ),
    )
    graphic = interpretation_create(
        organisation=education,
        actor=editor,
        title="图解：2026年义务教育阶段招生入学政策",
        documents=[doc],
        form="graphic",
        body=GRAPHIC_TEXT,
        image=bar_chart_png([61, 64, 66, 69]),
    )
    qa = interpretation_create(
        organisation=education,
        actor=editor,
        title="2026年义务教育阶段招生入学政策问答",
        documents=[doc],
        form="qa",
        body=QA_TEXT,
    )
    for item in (graphic, qa):
        interpretation_machine.apply(item, "submit", actor=editor)
        interpretation_machine.apply(item, "approve", actor=reviewer)
    document_machine.apply(doc, "submit", actor=editor)
    document_machine.apply(doc, "approve", actor=reviewer)
    # Publishing the record publishes its approved interpretations with it (同步发布).
    document_machine.apply(doc, "publish", actor=publisher)
