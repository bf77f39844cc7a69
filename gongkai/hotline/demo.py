"""The demo city's 12345 hotline for ``gongkai load-demo`` (idempotent: a second run adds nothing).

Everything goes through the services, so through the workflow machine and the audit trail: the categories
(诉求分类 with their R3.5 limits), the 派单目录 rules (category × district → organisation, ``dispatch.rule_save``),
a handful of 知识库 entries kept by the departments (``knowledge.knowledge_save``; one left unpublished), a few
public requests, and phone tickets that show the whole loop — 受理, 派单 by the rules, 签收, 答复, 回访 — stopped at
different points. It needs the demo city (``portal/demo.py``) loaded first.

The centre is the organisation named by ``HOTLINE_CENTRE_CODE``; when that is unset, the demo makes its own centre
(``DEMO_CENTRE_CODE``) and uses it while loading; the staff pages need ``HOTLINE_CENTRE_CODE`` set to that code
afterwards (``load-demo`` prints it).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings

from gongkai.hotline import dispatch, knowledge, services
from gongkai.hotline.models import Category, Channel, DispatchRule, Kind, KnowledgeEntry, Satisfaction
from gongkai.orgs.models import Membership, Organisation, OrgKind, Role
from gongkai.orgs.services.organisations import organisation_create

# The demo city's 诉求分类 with limits after R3.5: (code, name, group, unit, amount, keywords).
DEMO_CATEGORIES = [
    ("streetlight", "路灯损坏", "城市管理", "working_days", 5, "路灯,照明"),
    ("manhole", "井盖缺失", "城市管理", "hours", 24, "井盖,窨井"),
    ("heating", "供暖不热", "公用事业", "hours", 24, "供暖,暖气"),
    ("noise", "噪声扰民", "生态环境", "working_days", 5, "噪声,施工"),
    ("school", "入学咨询", "教育", "working_days", 3, "入学,学位"),
    ("complaint", "政务服务投诉", "政务服务", "working_days", 13, "投诉,办事"),
]
# Public requests from the web: (category, description, address, lat, lon).
DEMO_REQUESTS = [
    (
        "streetlight",
        "和平区南京北街与十一纬路交叉口路灯不亮已经三天",
        "和平区南京北街",
        "41.7968",
        "123.4015",
    ),
    ("manhole", "沈河区青年大街某小区门口井盖缺失，夜间行人易跌落", "沈河区青年大街", "41.7905", "123.4352"),
    ("heating", "皇姑区某小区3号楼暖气不热，室温只有14度", "皇姑区黄河南大街", "41.8232", "123.4108"),
]

DEMO_CENTRE_CODE = "12210100000000190E"  # a well-formed made-up 统一社会信用代码 (checked in the tests)
DEMO_CENTRE_NAME = "沈阳市12345政务服务便民热线中心"

# 派单目录: (category, district or "" for the whole city, organisation name).
DEMO_RULES = [
    ("streetlight", "", "沈阳市城乡建设委员会"),
    ("manhole", "", "沈阳市城乡建设委员会"),
    ("heating", "", "沈阳市房产局"),
    ("noise", "", "沈阳市环境保护局"),
    ("school", "", "沈阳市教育局"),
    ("school", "和平区", "沈阳市和平区教育局"),
    ("school", "皇姑区", "沈阳市皇姑区教育局"),
    ("complaint", "", "沈阳市营商环境建设监督局"),
]

# Staff: username → (full name, organisation name or None for the centre, role).
DEMO_STAFF = {
    "hotline_agent": ("热线坐席", None, Role.HOTLINE_AGENT),
    "hotline_dispatcher": ("热线派单员", None, Role.DISPATCHER),
    "jw_hotline": ("市建委热线办理员", "沈阳市城乡建设委员会", Role.HOTLINE_AGENT),
    "fcj_hotline": ("市房产局热线办理员", "沈阳市房产局", Role.HOTLINE_AGENT),
    "jyj_hotline": ("市教育局热线办理员", "沈阳市教育局", Role.HOTLINE_AGENT),
    "hp_edu_hotline": ("和平区教育局热线办理员", "沈阳市和平区教育局", Role.HOTLINE_AGENT),
}

# 知识库: (keeper's username, category, question, answer, keywords, published).
DEMO_KNOWLEDGE = [
    (
        "jyj_hotline",
        "school",
        "小学入学报名需要准备哪些材料？",
        "适龄儿童入学报名一般需准备：儿童户口簿、居住证明（房产证或租赁备案等）、预防接种证。具体以所在区教育局当年招生公告为准。",
        "入学,报名,材料,户口",
        True,
    ),
    (
        "hp_edu_hotline",
        "school",
        "和平区小学学区范围在哪里查询？",
        "和平区各小学的招生范围在每年5月由和平区教育局在其网站和各校门口公示，也可拨打和平区教育局招生咨询电话查询。",
        "学区,和平区,招生范围",
        True,
    ),
    (
        "fcj_hotline",
        "heating",
        "沈阳的供暖期是哪几天？",
        "沈阳市法定供暖期一般为每年11月1日至次年3月31日，遇气温异常时按市政府当年通知提前或延长。",
        "供暖期,供暖,暖气",
        True,
    ),
    (
        "fcj_hotline",
        "heating",
        "室温不达标怎么办？",
        "供暖期内卧室、起居室温度应不低于18℃。室温不达标可先联系供热单位报修；报修后仍未解决的，可拨打12345反映。",
        "室温,不热,报修,18度",
        True,
    ),
    (
        "jw_hotline",
        "streetlight",
        "路灯不亮由谁负责维修？",
        "城市道路路灯由市城乡建设委员会所属路灯管理单位负责维修，一般在接报后3个工作日内修复；小区内路灯由物业负责。",
        "路灯,照明,维修",
        True,
    ),
    (
        "jyj_hotline",
        "school",
        "义务教育阶段转学如何办理？",
        "（草稿）转学手续由转出、转入学校和区教育局办理，口径待市教育局审定后发布。",
        "转学,学籍",
        False,
    ),
]

# Phone tickets showing the loop: (key, category, kind, description, address, how far it gets).
DEMO_LOOP = [
    (
        "loop:visited",
        "school",
        Kind.CONSULT,
        "孩子今年满6周岁，户口在和平区，想咨询小学入学报名时间和划片学校",
        "沈阳市和平区三好街",
        "visited",
    ),
    (
        "loop:replied",
        "streetlight",
        Kind.HELP,
        "沈河区北站路一段约200米路灯全部不亮，夜间行人和车辆通行不安全",
        "沈阳市沈河区北站路",
        "replied",
    ),
    (
        "loop:accepted",
        "heating",
        Kind.COMPLAINT,
        "皇姑区某小区2号楼连续一周室温只有15度，供热公司报修后未上门",
        "沈阳市皇姑区崇山中路",
        "accepted",
    ),
    (
        "loop:dispatched",
        "school",
        Kind.CONSULT,
        "皇姑区适龄儿童随迁子女入学需要哪些证明材料",
        "沈阳市皇姑区黄河南大街",
        "dispatched",
    ),
]

REPLIES = {
    "loop:visited": "经核实，和平区小学报名时间为每年6月上旬，划片范围已在区教育局网站公示，已电话告知诉求人。",
    "loop:replied": "已安排路灯管理单位现场检修，更换损坏的电缆和灯具，现已全部恢复照明。",
}


@dataclass
class HotlineDemo:
    categories: int = 0
    rules: int = 0
    knowledge: int = 0
    tickets: int = 0
    centre_code: str = ""


def _user(username: str, full_name: str, organisation: Organisation, role: str):
    from gongkai.portal.demo import DEMO_PASSWORD

    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": full_name}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return user


def categories_load() -> int:
    """The demo 诉求分类; returns how many were made."""
    made = 0
    for code, name, group, unit, amount, keywords in DEMO_CATEGORIES:
        _category, created = Category.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "group": group,
                "limit_unit": unit,
                "limit_amount": amount,
                "keywords": keywords,
            },
        )
        made += created
    return made


def centre_get_or_create(city: Organisation) -> Organisation:
    """The 12345 centre the demo loads into: the organisation coded ``HOTLINE_CENTRE_CODE``, else the demo's own
    centre (``DEMO_CENTRE_CODE``, a 单位 under ``city``), made once through ``orgs`` ``organisation_create`` by
    the system (audited like any organisation) and found by its code on later runs."""
    code = getattr(settings, "HOTLINE_CENTRE_CODE", "") or DEMO_CENTRE_CODE
    centre = Organisation.objects.filter(code=code).first()
    if centre is None:
        centre = organisation_create(
            code=code, name=DEMO_CENTRE_NAME, kind=OrgKind.UNIT, parent=city, actor=None
        )
    if not centre.path:  # a configured centre made outside the services, without its tree path
        centre.path = f"{city.path}{centre.pk}/"
        centre.save(update_fields=["path"])
    return centre


def load_hotline_demo() -> HotlineDemo:
    """Load the hotline demo (see the module docstring); returns what was made."""
    summary = HotlineDemo()
    city = Organisation.objects.filter(name="沈阳市人民政府", kind=OrgKind.CITY).first()
    with transaction.atomic():
        summary.categories = categories_load()
        if city is None:  # the demo city is not loaded: categories only
            return summary
        centre = centre_get_or_create(city)
        summary.centre_code = centre.code
        configured = getattr(settings, "HOTLINE_CENTRE_CODE", "")
        use = contextlib.nullcontext() if configured else override_settings(HOTLINE_CENTRE_CODE=centre.code)
        with use:
            _load(centre, summary)
    from gongkai.hotline.public_copy import public_copies_sweep

    # The public copies are a background job; make them now so the demo's public list is complete at once.
    public_copies_sweep()
    return summary


def _load(centre: Organisation, summary: HotlineDemo) -> None:
    orgs = {o.name: o for o in Organisation.objects.filter(is_active=True)}
    users = {
        username: _user(username, full_name, orgs[org_name] if org_name else centre, role)
        for username, (full_name, org_name, role) in DEMO_STAFF.items()
        if org_name is None or org_name in orgs
    }
    agent, dispatcher = users["hotline_agent"], users["hotline_dispatcher"]
    categories = {c.code: c for c in Category.objects.all()}

    for code, district, org_name in DEMO_RULES:
        organisation = orgs.get(org_name)
        if organisation is None or code not in categories:
            continue
        exists = DispatchRule.objects.filter(
            category=categories[code], district=district, organisation=organisation
        ).exists()
        if not exists:
            dispatch.rule_save(
                actor=dispatcher, category=categories[code], district=district, organisation=organisation
            )
            summary.rules += 1

    for username, code, question, answer, keywords, published in DEMO_KNOWLEDGE:
        keeper = users.get(username)
        if keeper is None:
            continue
        organisation = keeper.memberships.get(role=Role.HOTLINE_AGENT).organisation
        if KnowledgeEntry.objects.filter(organisation=organisation, question=question).exists():
            continue
        knowledge.knowledge_save(
            actor=keeper,
            organisation=organisation,
            question=question,
            answer=answer,
            keywords=keywords,
            category=categories.get(code),
            is_published=published,
        )
        summary.knowledge += 1

    for index, (code, text, address, lat, lon) in enumerate(DEMO_REQUESTS):
        data = services.TicketIn(category_code=code, description=text, address=address, lat=lat, lon=lon)
        _ticket, created = services.ticket_create(data=data, idempotency_key=f"demo:{index}")
        summary.tickets += created

    for key, code, kind, text, address, stage in DEMO_LOOP:
        data = services.TicketIn(
            category_code=code,
            description=text,
            channel=Channel.PHONE,
            kind=kind,
            address=address,
            requester_name="李女士",
            requester_phone="13900000000",
            consent_to_contact=True,
        )
        ticket, created = services.ticket_intake(data=data, actor=agent, idempotency_key=f"demo:{key}")
        if not created:
            continue
        summary.tickets += 1
        _loop(ticket, stage, key=key, dispatcher=dispatcher, agent=agent)


def _loop(ticket, stage: str, *, key: str, dispatcher, agent) -> None:
    """Take a new demo ticket through the loop up to ``stage``, as the people who would do each step."""
    from gongkai.orgs.scope import Perm, can

    dispatch.ticket_dispatch_by_rule(ticket=ticket, actor=dispatcher, comment="按派单目录派单")
    if stage == "dispatched":
        return
    handler = next(
        m.user
        for m in Membership.objects.filter(organisation=ticket.organisation, role=Role.HOTLINE_AGENT)
        .select_related("user")
        .order_by("id")
        if can(m.user, Perm.TICKET_HANDLE, ticket.organisation)
    )
    services.ticket_accept(ticket=ticket, actor=handler)
    if stage == "accepted":
        return
    services.ticket_reply(ticket=ticket, actor=handler, reply=REPLIES[key])
    if stage == "replied":
        return
    services.ticket_return_visit(
        ticket=ticket,
        actor=agent,
        satisfaction=Satisfaction.SATISFIED,
        solved=True,
        comment="回访：诉求人表示满意，问题已解决",
    )
