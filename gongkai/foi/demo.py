"""Demo information-disclosure applications for ``gongkai load-demo`` (idempotent).

Every application is filed through ``services.application_file`` and moved through the services (so through the
workflow machine, audited), never by setting a status, so the staff queue shows each state, the deadline engine
explains each due date, and the annual report of the current year is not empty.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.core.identifiers import is_valid_id_card
from gongkai.core.workdays import UnknownHolidaySchedule, WorkCalendar
from gongkai.foi import services
from gongkai.foi.models import (
    ApplicantKind,
    Decision,
    DeliveryForm,
    DeliveryWay,
    FeeBasis,
    FoiApplication,
    IdType,
    ReportMapping,
)
from gongkai.orgs.models import Membership, Organisation, Role

MARKER = "（示例）"

# (applicant, description, what happens to it)
CASES: list[tuple[str, str, str]] = [
    ("王敏", "2026年本市义务教育阶段学校招生计划及其制定依据", "disclose"),
    ("刘洋", "请公开2026年义务教育学校招生计划", "already_public"),
    ("陈静", "本市2026年义务教育阶段招生计划和招生范围划分依据", "received"),
    ("赵磊", "2025年度市教育局部门决算及“三公”经费支出明细", "partial"),
    ("孙丽", "某民办学校办学许可证审批过程中的内部讨论记录", "withhold"),
    ("周强", "2019年全市中小学校舍安全检查的原始记录", "not_exist"),
    ("吴芳", "浑河两岸绿化工程的环境影响评价报告", "not_responsible"),
    ("郑伟", "2026年义务教育学校招生计划（已于3月申请过）", "repeat"),
    ("冯雪", "某教育培训公司的工商登记资料", "special_law"),
    ("沈阳某某科技有限公司", "2026年教育信息化采购项目的招标文件和中标结果", "correction"),
    ("韩梅", "某中学扩建项目的规划许可材料", "consulting"),
    ("杨光", "2026年全市教师招聘考试成绩排名及录用名单全部材料", "fee"),
    ("朱琳", "2026年学前教育普惠性幼儿园补助资金分配明细", "extension"),
    ("许诺", "市教育局2026年重点工作任务分工方案", "received_late"),
]


def _id_number(serial: int) -> str:
    body = f"21010219800101{serial:03d}"
    return next(body + c for c in "0123456789X" if is_valid_id_card(body + c))


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


def _working_days_before(day: dt.date, n: int, calendar: WorkCalendar) -> dt.date:
    while n:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


@transaction.atomic
def load_foi_demo(*, today: dt.date | None = None) -> int:
    """File the demo applications to the education bureau in the current year; returns how many were made
    (0 when they exist already or the demo city is not loaded)."""
    today = today or timezone.localdate()
    education = Organisation.objects.filter(name="沈阳市教育局", parent__name="沈阳市人民政府").first()
    if education is None:
        return 0
    if FoiApplication.objects.filter(organisation=education, purpose=MARKER).exists():
        return 0
    handler = _user("edu_foi", "教育局公开办经办人", education, Role.FOI_HANDLER)
    head = _user("edu_foi_head", "教育局公开办负责人", education, Role.ADMIN)
    calendar = WorkCalendar()
    try:
        calendar.is_working_day(today)
    except UnknownHolidaySchedule:
        return 0
    start = max(dt.date(today.year, 1, 5), today - dt.timedelta(days=300))
    made = 0
    for index, (name, description, fate) in enumerate(CASES):
        if fate == "extension":  # early enough that 20 + 15 working days stay within the loaded schedule
            received = _working_days_before(today, 28, calendar)
        elif fate in ("received", "correction", "consulting", "fee"):
            received = _working_days_before(today, 3 + index % 5, calendar)
        elif fate == "received_late":
            received = _working_days_before(today, 25, calendar)  # overdue: shows red in the queue
        else:
            received = start + dt.timedelta(days=(index * 23) % max(1, (today - start).days - 40))
        organisation_applicant = name.endswith("公司")
        data = services.ApplicationInput(
            organisation=education,
            applicant_kind=ApplicantKind.BUSINESS if organisation_applicant else ApplicantKind.PERSON,
            name=name,
            id_type=IdType.USCC if organisation_applicant else IdType.ID_CARD,
            id_number="91210100MA0Y12345M" if organisation_applicant else _id_number(index + 1),
            legal_representative="李四" if organisation_applicant else "",
            phone=f"138{index:08d}",
            description=description,
            purpose=MARKER,
            delivery_form=DeliveryForm.ELECTRONIC,
            delivery_way=DeliveryWay.ONLINE,
        )
        try:
            application, _secret = services.application_file(data=data, submitted_on=received)
        except UnknownHolidaySchedule:  # its due date falls in a year whose schedule is not loaded
            continue
        made += 1
        try:
            _advance(application, fate, handler=handler, head=head, today=today, calendar=calendar)
        except UnknownHolidaySchedule:
            pass  # left as received; each service rolled its own step back
    return made


def _advance(application: FoiApplication, fate: str, *, handler, head, today: dt.date, calendar) -> None:
    received = application.received_on
    step_day = min(today, calendar.add_working_days(received, 2))
    if fate in Decision.values:
        reply_day = min(today, calendar.add_working_days(received, 12))
        services.application_assign(application, actor=handler, assignee=handler, today=step_day)
        row = ReportMapping.objects.filter(decision=fate).values_list("report_row", flat=True).first()
        services.application_reply(
            application,
            actor=handler,
            decision=fate,
            report_row=row or "",
            text=REPLY_TEXT.get(fate, "详见答复书。"),
            today=reply_day,
        )
    elif fate == "correction":
        services.application_request_correction(
            application,
            actor=handler,
            text="请明确所需招标文件的项目名称或项目编号。",
            on=step_day,
            period_days=15,
            today=today,
        )
    elif fate == "consulting":
        services.application_consult(
            application,
            actor=handler,
            third_party="沈阳市某建筑设计院",
            text="涉及第三方商业秘密",
            on=step_day,
            today=today,
        )
    elif fate == "fee":
        services.application_issue_fee(
            application,
            actor=handler,
            basis=FeeBasis.PER_PAGE,
            pages=150,
            on=step_day,
            payment_days=20,
            today=today,
        )
    elif fate == "extension":
        services.application_request_extension(
            application, actor=handler, days=15, reason="申请内容涉及多个区县，需汇总核实", today=step_day
        )
        services.application_approve_extension(application, actor=head, today=step_day)


REPLY_TEXT = {
    Decision.DISCLOSE: "现将《2026年义务教育阶段学校招生工作方案》电子版随本答复书提供给您。",
    Decision.ALREADY_PUBLIC: "该信息已在沈阳市教育局网站“政府信息公开—招生考试”栏目主动公开，您可自行查阅。",
    Decision.PARTIAL: "部门决算予以公开；明细中涉及个人信息的部分不予公开。",
    Decision.WITHHOLD: "所申请信息属于内部讨论记录，属于过程性信息。",
    Decision.NOT_EXIST: "经检索，本机关未制作或获取该信息。",
    Decision.NOT_RESPONSIBLE: "该信息由沈阳市环境保护局负责公开，请向该机关申请。",
    Decision.REPEAT: "您已就同一内容提出申请，本机关已于此前作出答复。",
    Decision.SPECIAL_LAW: "请依照《市场主体登记管理条例》向市场监督管理部门查询。",
}
